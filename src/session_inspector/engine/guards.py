"""Input rules 1 to 4: Host, Origin, path and method."""

from __future__ import annotations

from session_inspector.engine.config import HostGuard
from session_inspector.engine.errors import EngineError
from session_inspector.engine.routing import Route, match_route


def check_host(host: str | None, guard: HostGuard) -> None:
    """Reject a `Host` that is not an address of this engine (a DNS rebinding guard)."""
    if guard.allows(host):
        return
    described = "no Host header" if host is None else f"the Host header '{host}'"
    raise EngineError(
        421,
        "misdirected_request",
        f"The request has {described}, which is not an address of this engine. Use "
        "localhost or the address the engine listens on, or allow the name with "
        "serve --allowed-host.",
    )


def check_origin(origin: str | None, allowed: frozenset[str]) -> None:
    """Reject a request that a browser sent from a page of an origin not allowed."""
    if origin is None or origin.lower() in allowed:
        return
    raise EngineError(
        403,
        "origin_not_allowed",
        f"Requests from the origin '{origin}' are not allowed. Allow it with serve --cors-origin.",
    )


def find_route(raw_path: bytes) -> Route:
    """Return the route of the raw path, or reject a path the engine does not serve."""
    route = match_route(raw_path)
    if route is not None:
        return route
    path = raw_path.decode("ascii", "backslashreplace")
    raise EngineError(404, "not_found", f"The path '{path}' is not a path of this engine.")


def check_method(method: str, route: Route) -> None:
    """Reject a method that the route does not allow, naming the allowed ones."""
    if method in route.endpoint.methods:
        return
    allow = route.endpoint.allow_header
    raise EngineError(
        405,
        "method_not_allowed",
        f"The method {method} is not allowed on this path. Use one of {allow}.",
        headers={"Allow": allow},
    )
