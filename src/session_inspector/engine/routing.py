"""The engine's paths, matched on the raw request path.

Servers percent-decode the ASGI `path`, which would turn an id containing `%2F` into two
path segments. Matching the raw path keeps every session id one segment.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

API_ROOT = "/gks-server/v1"
_SESSIONS_PREFIX = (API_ROOT + "/sessions/").encode()


class Endpoint(enum.Enum):
    """A resource of the engine, with the methods it allows in the order of `Allow`."""

    methods: tuple[str, ...]
    is_api: bool

    CREATE_SESSION = ("create session", ("OPTIONS", "PUT"), True)
    SESSION = ("session", ("GET", "HEAD", "OPTIONS", "POST"), True)
    HEALTH = ("health", ("GET", "HEAD", "OPTIONS"), False)
    SESSION_LIST = ("session list", ("GET", "HEAD", "OPTIONS"), False)

    def __init__(self, label: str, methods: tuple[str, ...], is_api: bool) -> None:
        # Plain attributes rather than properties, since every request reads them.
        self.methods = methods
        self.is_api = is_api

    @property
    def allow_header(self) -> str:
        """The value of the `Allow` header."""
        return ", ".join(self.methods)


_FIXED_PATHS = {
    b"/_engine/health": Endpoint.HEALTH,
    b"/_engine/sessions": Endpoint.SESSION_LIST,
}


class Route(NamedTuple):
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
