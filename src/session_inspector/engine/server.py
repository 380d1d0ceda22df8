"""Serving the engine over HTTP with uvicorn, as `session-inspector serve` does."""

from __future__ import annotations

import errno
import ipaddress
import logging
import signal
import socket
import sqlite3
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn

from session_inspector.engine.access_log import StreamAccessLog
from session_inspector.engine.app import create_app
from session_inspector.engine.auth import AuthRequirement
from session_inspector.engine.config import EngineConfig, Envelope, HostGuard
from session_inspector.engine.http_protocol import CoalescingHttpToolsProtocol
from session_inspector.engine.modes import ReleaseMode
from session_inspector.engine.routing import API_ROOT
from session_inspector.engine.schema import SchemaError
from session_inspector.engine.store import SessionStore

logger = logging.getLogger(__name__)

MEMORY = ":memory:"
_SignalHandler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None
_BACKLOG = 2048
# Seconds that a stop waits for requests in flight before it closes their connections.
_GRACEFUL_STOP_SECONDS = 5


@dataclass(frozen=True)
class ServeSettings:
    """Everything `serve` needs. `database` is a file path or MEMORY.

    `auth` None serves without authentication.
    """

    database: str | Path
    host: str = "127.0.0.1"
    port: int = 8080
    mode: ReleaseMode = ReleaseMode.V8_5_1
    envelope: Envelope = "wrapped"
    cors_origins: frozenset[str] = field(default_factory=frozenset)
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)
    auth: AuthRequirement | None = None


def serve(settings: ServeSettings) -> int:
    """Serve the engine until SIGINT or SIGTERM, and return the process exit status.

    Prints one start-up line to stderr once the socket listens. Returns 1 when the
    database cannot be opened or the address cannot be bound, after logging why.
    """
    try:
        store = SessionStore(settings.database, background_checkpoints=True)
    except (sqlite3.Error, SchemaError, OSError) as error:
        logger.error(
            "Cannot open the engine database %s: %s. %s",
            settings.database,
            error,
            _database_fix(error),
        )
        return 1

    with store:
        return _serve_store(store, settings)


def bind_socket(host: str, port: int) -> socket.socket:
    """Return a listening TCP socket. Port 0 lets the system pick a free port."""
    family, kind, protocol, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, protocol)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(_BACKLOG)
    except OSError:
        sock.close()
        raise
    return sock


def is_loopback(host: str) -> bool:
    """Return whether a host name or address reaches only this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _database_fix(error: Exception) -> str:
    """Return what to do when the database file cannot be opened or used."""
    if isinstance(error, SchemaError):
        return "Use a newer Session Inspector, or choose another file with --db."
    return (
        "Check that its folder exists and is writable and that the file, if present, is an "
        "engine database. Or choose another file with --db, or keep sessions in memory "
        "with --memory."
    )


def _listen_fix(error: OSError, port: int) -> str:
    """Return what to do when the listening socket cannot be bound."""
    if error.errno == errno.EADDRINUSE:
        return (
            "Another program uses that port: stop it, or choose another port with --port "
            "(0 picks a free one)."
        )
    if error.errno == errno.EACCES and 0 < port < 1024:
        return "Ports below 1024 need administrator rights: choose a port from 1024 up."
    if error.errno == errno.EADDRNOTAVAIL:
        return "This machine has no such address: choose one of its addresses with --host."
    return "Choose another address with --host or another port with --port."


def _serve_store(store: SessionStore, settings: ServeSettings) -> int:
    try:
        sock = bind_socket(settings.host, settings.port)
    except OSError as error:
        logger.error(
            "Cannot listen on %s port %d: %s. %s",
            settings.host,
            settings.port,
            error,
            _listen_fix(error, settings.port),
        )
        return 1

    with sock:
        address, port = sock.getsockname()[:2]
        names = (settings.host, *settings.allowed_hosts)
        access_log = StreamAccessLog(sys.stderr)
        config = _engine_config(settings, address, port, names)
        server = uvicorn.Server(uvicorn_config(create_app(store, config, access_log)))
        if not is_loopback(address):
            _warn_reachable(address, settings.auth)
        previous_handlers = _stop_on_signals(server)
        _print_start_line(settings, address, port)
        try:
            server.run(sockets=[sock])
        finally:
            access_log.flush()
            for signal_number, handler in previous_handlers.items():
                signal.signal(signal_number, handler)
    logger.info("Stopped the session engine")
    return 0


def _engine_config(
    settings: ServeSettings, address: str, port: int, names: Iterable[str]
) -> EngineConfig:
    return EngineConfig(
        mode=settings.mode,
        envelope=settings.envelope,
        guard=HostGuard.for_address(address, port, names),
        cors_origins=settings.cors_origins,
        auth=settings.auth,
    )


def _warn_reachable(address: str, auth: AuthRequirement | None) -> None:
    if auth is None:
        logger.warning(
            "The engine listens on %s, which other machines may reach. It has no "
            "authentication, so anyone who reaches it can read and change sessions.",
            address,
        )
    else:
        logger.warning(
            "The engine listens on %s, which other machines may reach. It serves plain "
            "HTTP, so the credentials cross the network unencrypted.",
            address,
        )


def uvicorn_config(app: Callable[..., Any]) -> uvicorn.Config:
    """Return the uvicorn settings of `serve` for an ASGI app.

    `bench/bare_app.py` serves its baseline with the same settings.
    """
    # NOTE: uvicorn's parser (httptools) rejects what is not valid HTTP, such as raw
    # non-ASCII bytes in the request target or C0 control characters in a header, with
    # its own plain-text 400 before the request reaches the engine. The input rules apply
    # to everything that gets through.
    return uvicorn.Config(
        app,
        # The httptools protocol, which "auto" also picks, but with one write per response.
        http=CoalescingHttpToolsProtocol,
        # The app writes its own access log line, and WARNING hides uvicorn's start-up lines.
        access_log=False,
        log_config=None,
        log_level=logging.WARNING,
        lifespan="off",
        proxy_headers=False,
        backlog=_BACKLOG,
        timeout_graceful_shutdown=_GRACEFUL_STOP_SECONDS,
    )


def _stop_on_signals(server: uvicorn.Server) -> dict[int, _SignalHandler]:
    """Make SIGINT and SIGTERM stop the server, and return the handlers they replace."""

    # uvicorn installs its own handlers only once it runs and, after a graceful stop,
    # raises the signal again. These handlers cover a signal that arrives before uvicorn
    # runs and turn the raised-again one into a normal exit with status 0.
    def request_stop(signal_number: int, frame: FrameType | None) -> None:
        server.should_exit = True

    return {
        signal_number: signal.signal(signal_number, request_stop)
        for signal_number in (signal.SIGINT, signal.SIGTERM)
    }


def _print_start_line(settings: ServeSettings, address: str, port: int) -> None:
    host = f"[{address}]" if ":" in address else address
    database = "in memory" if str(settings.database) == MEMORY else str(settings.database)
    # The scheme only: the expected credentials never reach the output.
    auth = ""
    if settings.auth is not None:
        auth = f", {settings.auth.scheme.http_name} authentication required"
    print(
        f"serving the session engine at http://{host}:{port}{API_ROOT} "
        f"(mode {settings.mode.value}, database {database}{auth}); press Ctrl+C to stop",
        file=sys.stderr,
        flush=True,
    )
