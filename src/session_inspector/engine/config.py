"""The settings of one engine app: release mode, response envelope, guards and credentials."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from session_inspector.engine.auth import AuthRequirement
from session_inspector.engine.modes import ReleaseMode

Envelope = Literal["wrapped", "bare"]

# Names under which a local engine is always reachable from this machine.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


@dataclass(frozen=True)
class HostGuard:
    """The `Host` header values a served engine accepts, as lowercase `name:port`.

    A web page that a DNS rebinding attack points at 127.0.0.1 sends its own name in
    `Host`, so accepting only known names keeps such pages away from the engine.
    """

    authorities: frozenset[str]

    @classmethod
    def for_address(cls, address: str, port: int, names: Iterable[str] = ()) -> HostGuard:
        """Allow the bound address, the given names and the loopback names, with the port.

        Without a port in `Host` a client means port 80, so bare names are allowed
        only when the engine listens on port 80.
        """
        hosts = {_bracket(name.lower()) for name in (address, *names, *LOOPBACK_NAMES)}
        authorities = {f"{host}:{port}" for host in hosts}
        if port == 80:
            authorities |= hosts
        return cls(frozenset(authorities))

    def allows(self, host: str | None) -> bool:
        """Return whether a request with this `Host` value (None when absent) may proceed."""
        return host is not None and host.lower() in self.authorities


@dataclass(frozen=True)
class EngineConfig:
    """Settings of one engine app.

    `guard` None is the engine inside the program, reached without a socket: then
    neither the Host nor the Origin rule applies. `cors_origins` are lowercase origins
    such as `http://localhost:3000` whose pages may call the engine. `auth` None lets
    requests in without credentials; otherwise every request but a CORS preflight, to
    the API and to `/_engine/` alike, must carry them.
    """

    mode: ReleaseMode = ReleaseMode.V8_5_1
    envelope: Envelope = "wrapped"
    guard: HostGuard | None = None
    cors_origins: frozenset[str] = field(default_factory=frozenset)
    auth: AuthRequirement | None = None


def _bracket(host: str) -> str:
    """Put an IPv6 literal in brackets, as it appears in a URL and in `Host`."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    return f"[{address}]" if address.version == 6 else host
