"""The engine inside the program, reached in-process through httpx.ASGITransport.

The GUI's Local engine and the headless `--embedded` commands both use it, so they show the
same real exchanges as a remote server, with no socket.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx

from session_inspector.api import InvalidInput, SessionClient, Target
from session_inspector.engine.access_log import ApiAccessLog
from session_inspector.engine.app import create_app
from session_inspector.engine.config import EngineConfig
from session_inspector.engine.modes import ReleaseMode
from session_inspector.engine.store import SessionStore, default_database_path

# ASGITransport never resolves this host; it only appears in the exchange's URL.
EMBEDDED_BASE_URL = "http://embedded-engine/gks-server/v1"


class EmbeddedEngine:
    """A session store and the engine app on it, with clients that reach it in-process."""

    def __init__(self, database: str | Path | None, mode: ReleaseMode) -> None:
        path = default_database_path() if database is None else database
        self.store = _open_store(path)
        self.mode = mode
        self.app = create_app(self.store, EngineConfig(mode=mode), ApiAccessLog())

    def client(self, timeout: float) -> SessionClient:
        """Return a new client whose requests go to this engine without a socket."""
        target = Target(EMBEDDED_BASE_URL, timeout=timeout)
        # Falcon types `scope` as dict and httpx as MutableMapping: the same thing at run time.
        transport = httpx.ASGITransport(app=self.app)  # type: ignore[arg-type]
        return SessionClient(target, transport=transport)

    def close(self) -> None:
        """Close the store; clients of this engine fail afterwards."""
        self.store.close()


def _open_store(path: str | Path) -> SessionStore:
    try:
        return SessionStore(path)
    except (OSError, sqlite3.Error) as error:
        raise InvalidInput(
            f"Cannot open the engine database {str(path)!r} ({error}); choose a writable "
            "file, or :memory: for a database that lasts one run."
        ) from error
