"""HostGuard, routing on the raw path, release modes and server helpers."""

from __future__ import annotations

import pytest

from session_inspector.engine.config import HostGuard
from session_inspector.engine.modes import ReleaseMode
from session_inspector.engine.routing import Endpoint, Route, match_route
from session_inspector.engine.server import is_loopback


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:8080", True),
        ("localhost:8080", True),
        ("LOCALHOST:8080", True),
        ("[::1]:8080", True),
        ("inspector.example:8080", True),
        ("localhost", False),
        ("localhost:80", False),
        ("evil.example:8080", False),
        (None, False),
        ("", False),
    ],
)
def test_host_guard(host: str | None, allowed: bool) -> None:
    guard = HostGuard.for_address("127.0.0.1", 8080, ["Inspector.example"])

    assert guard.allows(host) is allowed


def test_host_guard_port_80_allows_bare_names() -> None:
    guard = HostGuard.for_address("127.0.0.1", 80)

    assert guard.allows("localhost")
    assert guard.allows("localhost:80")


def test_host_guard_brackets_ipv6_address() -> None:
    guard = HostGuard.for_address("::1", 9000)

    assert guard.allows("[::1]:9000")
    assert not guard.allows("::1:9000")


@pytest.mark.parametrize(
    ("raw_path", "route"),
    [
        (b"/gks-server/v1/sessions/new", Route(Endpoint.CREATE_SESSION)),
        (b"/gks-server/v1/sessions/abc", Route(Endpoint.SESSION, b"abc")),
        (b"/gks-server/v1/sessions/a%2Fb", Route(Endpoint.SESSION, b"a%2Fb")),
        (b"/gks-server/v1/sessions/", Route(Endpoint.SESSION, b"")),
        (b"/_engine/health", Route(Endpoint.HEALTH)),
        (b"/_engine/sessions", Route(Endpoint.SESSION_LIST)),
        (b"/gks-server/v1/sessions/a/b", None),
        (b"/gks-server/v1/sessions", None),
        (b"/_engine/health/", None),
    ],
)
def test_match_route(raw_path: bytes, route: Route | None) -> None:
    assert match_route(raw_path) == route


@pytest.mark.parametrize(
    ("mode", "requires_tenant", "creates_on_get"),
    [
        (ReleaseMode.V8_5_0, False, True),
        (ReleaseMode.V8_5_1, False, False),
        (ReleaseMode.CURRENT, True, True),
    ],
)
def test_release_mode_behaviour(
    mode: ReleaseMode, requires_tenant: bool, creates_on_get: bool
) -> None:
    assert mode.requires_tenant is requires_tenant
    assert mode.creates_on_get is creates_on_get


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
     ("localhost", True), ("0.0.0.0", False), ("::", False), ("192.168.1.5", False),
     ("example.org", False)],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
