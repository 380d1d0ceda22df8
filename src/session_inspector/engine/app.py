"""The engine as a Falcon ASGI app."""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

import falcon
import falcon.asgi
from falcon.asgi import Request, Response

from session_inspector.engine import operations, responses
from session_inspector.engine.access_log import AccessLog, access_logger
from session_inspector.engine.config import EngineConfig
from session_inspector.engine.errors import EngineError
from session_inspector.engine.inputs import IgnoredHeaderLog
from session_inspector.engine.pipeline import EngineCall, OptionsCall, accept
from session_inspector.engine.store import SessionStore

__all__ = ["EngineConfig", "create_app"]

logger = logging.getLogger(__name__)


def create_app(
    store: SessionStore, config: EngineConfig | None = None, access_log: AccessLog | None = None
) -> falcon.asgi.App[Request, Response]:
    """Build the engine app on a store; the caller keeps ownership of the store.

    The app serves the API under `/gks-server/v1` and its own read-only endpoints under
    `/_engine/`. It does not use the ASGI lifespan, so httpx.ASGITransport, which does
    not run it, gets the same app as uvicorn. `access_log` defaults to one logging
    record per request.
    """
    config = config or EngineConfig()
    app = falcon.asgi.App(middleware=[_ResponseFinisher(config, access_log or AccessLog())])
    # One sink receives every path, because the engine routes on the raw path itself.
    app.add_sink(_EngineSink(store, config), prefix="/")
    app.add_error_handler(Exception, _handle_unexpected)
    app.add_error_handler(falcon.HTTPError, _handle_http_error)
    app.add_error_handler(EngineError, _handle_engine_error)
    return app


class _EngineSink:
    def __init__(self, store: SessionStore, config: EngineConfig) -> None:
        self._store = store
        self._config = config
        self._ignored_headers = IgnoredHeaderLog()

    async def __call__(self, req: Request, resp: Response | None, **_: Any) -> None:
        assert resp is not None, "only WebSocket requests come without a response"
        call = await accept(req, self._config, self._ignored_headers)
        if isinstance(call, OptionsCall):
            resp.status = 204
            resp.set_header("Allow", call.endpoint.allow_header)
            return
        if isinstance(call, EngineCall):
            document = operations.engine_document(self._store, self._config.mode, call)
            responses.send_json(resp, 200, document)
            return

        req.context.session_id = call.session_id
        info = operations.perform(self._store, self._config.mode, call)
        req.context.session_id = info.session_id
        responses.send_session(resp, info, self._config.envelope)


class _ResponseFinisher:
    """Middleware that adds CORS headers and writes the access log line of each request."""

    def __init__(self, config: EngineConfig, access_log: AccessLog) -> None:
        self._origins = config.cors_origins
        self._access_log = access_log

    async def process_request(self, req: Request, resp: Response) -> None:
        req.context.started = time.perf_counter()

    async def process_response(
        self, req: Request, resp: Response, resource: object, req_succeeded: bool
    ) -> None:
        if self._origins:
            responses.add_cors_headers(req, resp, self._origins)
        if access_logger.isEnabledFor(logging.INFO):
            self._log_access(req, resp)

    def _log_access(self, req: Request, resp: Response) -> None:
        elapsed_ms = (time.perf_counter() - req.context.started) * 1000
        target: bytes = req.scope.get("raw_path") or req.path.encode()
        if req.scope.get("query_string"):
            target += b"?" + req.scope["query_string"]
        self._access_log.write(
            req.method,
            target.decode("ascii", "backslashreplace"),
            resp.status_code,
            elapsed_ms,
            req.context.get("session_id") or "-",
        )


async def _handle_engine_error(
    req: Request, resp: Response, error: EngineError, params: dict[str, Any]
) -> None:
    responses.send_error(resp, error)


async def _handle_http_error(
    req: Request, resp: Response, error: falcon.HTTPError, params: dict[str, Any]
) -> None:
    # Falcon raises these itself, for example for an unparsable Content-Length.
    code = "invalid_request" if error.status_code < 500 else "internal_error"
    description = error.description or error.title or "The request is invalid."
    responses.send_error(resp, EngineError(error.status_code, code, description))


async def _handle_unexpected(
    req: Request, resp: Response, error: Exception, params: dict[str, Any]
) -> None:
    request_id = uuid.uuid4().hex[:12]
    logger.error(
        "Internal error in %s %s, request id %s", req.method, req.path, request_id, exc_info=error
    )
    description = (
        f"Internal error in the engine. Its log has the details under request id {request_id}."
    )
    responses.send_error(resp, EngineError(500, "internal_error", description))
