"""The async client of the Session Management API.

Every call returns an Exchange, whatever happened on the network; only input that cannot
be sent raises (InvalidInput), before anything leaves the process.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from types import TracebackType

import httpx

from session_inspector.api.errors import TransportError
from session_inspector.api.exchange import (
    Exchange,
    ReceivedResponse,
    SentRequest,
    TransportFailure,
)
from session_inspector.api.faults import map_transport_error
from session_inspector.api.headers import check_header_value, identity_warnings
from session_inspector.api.ids import encode_session_id
from session_inspector.api.listing import SessionListing, engine_root, parse_listing
from session_inspector.api.models import TENANT_PARAMETER, Identity, SessionFields
from session_inspector.api.parsing import parse_outcome
from session_inspector.api.redact import redact_url
from session_inspector.api.target import Target, make_http_client, validate_base_url

logger = logging.getLogger(__name__)

_NO_FIELDS = SessionFields()
_ANONYMOUS = Identity()


class SessionClient:
    """Create, get and update sessions on one target, over one httpx.AsyncClient.

    Use it as an async context manager, or call `aclose()` when done.
    """

    def __init__(
        self, target: Target, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._base_url = validate_base_url(target.base_url)
        self._target = target
        self._http = make_http_client(target, transport=transport)

    @property
    def base_url(self) -> str:
        """The API root that request paths are appended to."""
        return self._base_url

    async def create(
        self,
        identity: Identity = _ANONYMOUS,
        fields: SessionFields = _NO_FIELDS,
        tenant_id: str | None = None,
    ) -> Exchange:
        """Create a session: `PUT /sessions/new`."""
        return await self._exchange("PUT", "/sessions/new", identity, fields, tenant_id)

    async def get(
        self, session_id: str, identity: Identity = _ANONYMOUS, tenant_id: str | None = None
    ) -> Exchange:
        """Look up a session: `GET /sessions/{id}`."""
        path = f"/sessions/{encode_session_id(session_id)}"
        return await self._exchange("GET", path, identity, _NO_FIELDS, tenant_id)

    async def update(
        self,
        session_id: str,
        identity: Identity = _ANONYMOUS,
        fields: SessionFields = _NO_FIELDS,
        tenant_id: str | None = None,
    ) -> Exchange:
        """Attach ids to a session: `POST /sessions/{id}`; fields not given keep their values."""
        path = f"/sessions/{encode_session_id(session_id)}"
        return await self._exchange("POST", path, identity, fields, tenant_id)

    async def list_engine_sessions(
        self,
        *,
        limit: int = 100,
        after: str | None = None,
        query: str = "",
        tenant_id: str | None = None,
    ) -> SessionListing:
        """Read one page of a local engine's sessions from `GET /_engine/sessions`.

        Raises a TransportError (ListingFailed when the response is not a listing).
        """
        params: dict[str, str | int] = {"limit": limit}
        if after:
            params["after"] = after
        if query:
            params["q"] = query
        if tenant_id:
            params[TENANT_PARAMETER] = tenant_id

        url = f"{engine_root(self._base_url)}/_engine/sessions"
        request = self._http.build_request("GET", url, params=params)
        response = await self._send(request)
        return parse_listing(response.status, response.body)

    async def aclose(self) -> None:
        """Close the connections of this client."""
        await self._http.aclose()

    async def __aenter__(self) -> SessionClient:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _exchange(
        self,
        method: str,
        path: str,
        identity: Identity,
        fields: SessionFields,
        tenant_id: str | None,
    ) -> Exchange:
        request = self._build_request(method, path, identity, fields, tenant_id)
        sent = _record_request(request, frozenset(self._target.auth_headers))

        started = time.perf_counter()
        try:
            response = await self._send(request)
        except TransportError as error:
            logger.info("%s %s failed: %s", method, redact_url(sent.url), error.detail)
            return Exchange(sent, None, TransportFailure(error))
        except asyncio.CancelledError:
            logger.info(
                "%s %s cancelled after %.0f ms, before a response arrived",
                method,
                redact_url(sent.url),
                (time.perf_counter() - started) * 1000,
            )
            raise

        outcome = parse_outcome(
            response.status, response.reason, response.header("content-type"), response.body
        )
        exchange = Exchange(sent, response, outcome)
        exchange = _with_warnings(exchange, identity_warnings(identity, exchange.info))
        logger.info(
            "%s %s -> %d in %.1f ms",
            method,
            redact_url(sent.url),
            response.status,
            response.elapsed_ms,
        )
        return exchange

    def _build_request(
        self,
        method: str,
        path: str,
        identity: Identity,
        fields: SessionFields,
        tenant_id: str | None,
    ) -> httpx.Request:
        # Bytes, because httpx encodes str header values as ASCII and non-ASCII ids must
        # travel as UTF-8.
        headers: list[tuple[bytes, bytes]] = []
        given = {**identity.headers(), **self._target.auth_headers}
        for name, value in given.items():
            headers.append((name.encode("ascii"), check_header_value(name, value).encode()))

        body = fields.body()
        content = None
        if body is not None:
            content = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers.append((b"Content-Type", b"application/json"))

        params = {TENANT_PARAMETER: tenant_id} if tenant_id else None
        return self._http.build_request(
            method, self._base_url + path, headers=headers, content=content, params=params
        )

    async def _send(self, request: httpx.Request) -> ReceivedResponse:
        started = time.perf_counter()
        try:
            response = await self._http.send(request, stream=True)
            try:
                body = await response.aread()
            finally:
                await response.aclose()
        except (httpx.TransportError, httpx.InvalidURL) as error:
            raise map_transport_error(error, request.url, self._target.timeout) from error

        elapsed_ms = (time.perf_counter() - started) * 1000
        return ReceivedResponse(
            status=response.status_code,
            reason=response.reason_phrase,
            http_version=response.http_version,
            headers=_decode_headers(response.headers.raw),
            body=body,
            elapsed_ms=elapsed_ms,
        )


def _record_request(request: httpx.Request, sensitive: frozenset[str]) -> SentRequest:
    return SentRequest(
        method=request.method,
        url=str(request.url),
        headers=_decode_headers(request.headers.raw),
        body=request.content,
        sensitive_headers=sensitive,
    )


def _decode_headers(raw: list[tuple[bytes, bytes]]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name.decode("latin-1"), value.decode("utf-8", errors="replace")) for name, value in raw
    )


def _with_warnings(exchange: Exchange, warnings: list[str]) -> Exchange:
    if not warnings:
        return exchange
    return Exchange(exchange.request, exchange.response, exchange.outcome, tuple(warnings))
