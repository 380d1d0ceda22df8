"""The engine's input rules, applied in one fixed order.

`accept` runs the rules in this order: Host, Origin, path, method, credentials,
tenantId, session id, identity headers, content type, body size, JSON and body fields.
A request that breaks several rules is rejected by the first, and each rule raises
EngineError.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import parse_qs

from falcon.asgi import Request

from session_inspector.api.models import Identity, SessionFields
from session_inspector.engine import auth, body, guards, inputs
from session_inspector.engine.config import EngineConfig
from session_inspector.engine.routing import Endpoint

Query = dict[str, list[str]]

_NO_FIELDS = SessionFields()

# Named tuples, because building a frozen dataclass costs several times as much and
# one of these is built on every request.


class OptionsCall(NamedTuple):
    """An OPTIONS request. Its response lists the endpoint's allowed methods."""

    endpoint: Endpoint


class EngineCall(NamedTuple):
    """A read-only request to one of the engine's own endpoints under `/_engine/`."""

    endpoint: Endpoint
    query: Query


class SessionCall(NamedTuple):
    """A create (PUT), retrieve (GET, HEAD) or update (POST) that passed every rule.

    `session_id` is empty for a create. `tenant_id` is empty unless the mode has tenants.
    """

    method: str
    session_id: str
    tenant_id: str
    identity: Identity
    fields: SessionFields


Call = OptionsCall | EngineCall | SessionCall


async def accept(req: Request, config: EngineConfig, ignored: inputs.IgnoredHeaderLog) -> Call:
    """Apply the input rules to a request and return the call it makes."""
    scope = req.scope
    headers = inputs.scan_headers(scope["headers"])
    if config.guard is not None:
        guards.check_host(_text(headers.host), config.guard)  # rule 1
        guards.check_origin(_text(headers.origin), config.cors_origins)  # rule 2

    route = guards.find_route(_raw_path(scope))  # rule 3
    guards.check_method(req.method, route)  # rule 4
    if req.method == "OPTIONS":
        return OptionsCall(route.endpoint)

    # After the method rule, because a CORS preflight carries no credentials, and before
    # the rules that read the query, identity headers and body, so that a client without
    # credentials learns nothing from their error messages.
    if config.auth is not None:
        auth.check_credentials(headers.authorization, config.auth)  # rule 5

    if not route.endpoint.is_api:
        return EngineCall(route.endpoint, _query(scope))

    tenant_id = inputs.tenant_for(_query(scope)) if config.mode.requires_tenant else ""  # 6
    session_id = ""
    if route.endpoint is Endpoint.SESSION:
        session_id = inputs.session_id_for(route.raw_session_id)  # rule 7
    identity = inputs.identity_for(headers, ignored)  # rule 8
    fields = _NO_FIELDS
    if req.method in ("PUT", "POST"):
        fields = await body.fields_for(req)  # rules 9 to 12
    return SessionCall(req.method, session_id, tenant_id, identity, fields)


def _text(value: bytes | None) -> str | None:
    # Host and Origin are ASCII when valid, and Latin-1 keeps any other byte for the message.
    return None if value is None else value.decode("latin-1")


def _raw_path(scope: dict[str, object]) -> bytes:
    raw_path = scope.get("raw_path")
    if isinstance(raw_path, bytes):
        return raw_path
    # raw_path is optional in ASGI, so the decoded path is the closest substitute.
    return str(scope["path"]).encode("utf-8")


def _query(scope: dict[str, object]) -> Query:
    query_string = scope.get("query_string", b"")
    assert isinstance(query_string, bytes)
    return parse_qs(query_string.decode("utf-8", "replace"), keep_blank_values=True)
