"""The engine's paths, matched on the raw request path.

Servers percent-decode the ASGI `path`, which would turn an id containing `%2F` into two
path segments. Matching the raw path keeps every session id one segment.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

API_ROOT = "/gks-server/v1"
_SESSIONS_PREFIX = (API_ROOT + "/sessions/").encode()


class Endpoint(enum.Enum):
    """A resource of the engine."""

    CREATE_SESSION = "create session"
    SESSION = "session"
    HEALTH = "health"
    SESSION_LIST = "session list"

    @property
    def methods(self) -> tuple[str, ...]:
        """The allowed methods, in the order of an `Allow` header."""
        return _METHODS[self]

    @property
    def allow_header(self) -> str:
        """The value of the `Allow` header."""
        return ", ".join(_METHODS[self])


_METHODS = {
    Endpoint.CREATE_SESSION: ("OPTIONS", "PUT"),
    Endpoint.SESSION: ("GET", "HEAD", "OPTIONS", "POST"),
    Endpoint.HEALTH: ("GET", "HEAD", "OPTIONS"),
    Endpoint.SESSION_LIST: ("GET", "HEAD", "OPTIONS"),
}

_FIXED_PATHS = {
    b"/_engine/health": Endpoint.HEALTH,
    b"/_engine/sessions": Endpoint.SESSION_LIST,
}


@dataclass(frozen=True, slots=True)
class Route:
    """A matched path: the endpoint and, for SESSION, the id segment still percent-encoded."""

    endpoint: Endpoint
    raw_session_id: bytes = b""


def match_route(raw_path: bytes) -> Route | None:
    """Return the route of a raw request path (no query string), or None for no route."""
    if raw_path.startswith(_SESSIONS_PREFIX):
        segment = raw_path[len(_SESSIONS_PREFIX) :]
        if b"/" in segment:
            return None
        if segment == b"new":
            return Route(Endpoint.CREATE_SESSION)
        return Route(Endpoint.SESSION, segment)
    endpoint = _FIXED_PATHS.get(raw_path)
    return None if endpoint is None else Route(endpoint)
