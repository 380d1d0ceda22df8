"""The command lines of the servers under test, and the engine's seeded store."""

import sqlite3
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from report import BENCH_DIR
from seeding import Session, generate_sessions
from servers import ServerCommand, free_port
from session_inspector.engine.store import SessionStore

JSON_SERVER_BIN = BENCH_DIR / ".node" / "node_modules" / ".bin" / "json-server"

# The engine's table (session_inspector/engine/schema.py); an empty tenant_id is the tenant
# of the release modes without tenants, the default 8.5.1 among them.
_INSERT_SESSION = """
INSERT INTO sessions (tenant_id, session_id, agent_id, customer_id, visit_id,
                      global_visit_id, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""


def bare_command() -> ServerCommand:
    """Return the bare ASGI responder on uvicorn with the options that ``serve`` uses."""
    argv = [sys.executable, str(BENCH_DIR / "bare_app.py")]
    return ServerCommand(name="bare responder", argv=argv, cwd=BENCH_DIR, port=None)


def json_server_command(db_path: Path) -> ServerCommand:
    """Return json-server serving ``db_path`` with its default options (request log on)."""
    if not JSON_SERVER_BIN.exists():
        raise FileNotFoundError(f"{JSON_SERVER_BIN} is missing: run bench/run.sh to install it")
    port = free_port()
    argv = [str(JSON_SERVER_BIN), "--host", "127.0.0.1", "--port", str(port), str(db_path)]
    return ServerCommand(
        name="json-server",
        argv=argv,
        cwd=db_path.parent,
        port=port,
        probe_path="/sessions/not-stored",
    )


def engine_command(db_path: Path) -> ServerCommand:
    """Return the engine as shipped, ``session-inspector serve``, on the store ``db_path``.

    serve logs one line per request at INFO, as it does by default.
    """
    script = Path(sys.executable).parent / "session-inspector"
    argv = [str(script), "serve", "--host", "127.0.0.1", "--port", "0", "--db", str(db_path)]
    return ServerCommand(name="session-inspector serve", argv=argv, cwd=db_path.parent, port=None)


def fill_engine_store(db_path: Path, count: int) -> list[str]:
    """Create the engine's store at ``db_path`` with ``count`` sessions and return their ids.

    The engine's own SessionStore creates the file and its schema. The rows then go in
    with one bulk INSERT, which is much faster than a ``create`` call per session. The
    file is left in rollback-journal mode with no WAL beside it, so it can be copied
    alone. The engine switches it back to WAL mode when it opens it.
    """
    SessionStore(db_path).close()
    ids: list[str] = []
    connection = sqlite3.connect(db_path)
    try:
        # A scratch file: no need for crash safety while it is filled.
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA synchronous = OFF")
        with connection:
            connection.executemany(_INSERT_SESSION, _rows(generate_sessions(count), ids))
    finally:
        connection.close()
    return ids


def _rows(sessions: Iterable[Session], ids: list[str]) -> Iterator[tuple[str, ...]]:
    for session in sessions:
        ids.append(session.session_id)
        yield (
            "",
            session.session_id,
            session.agent_id,
            session.customer_id,
            session.visit_id,
            session.global_visit_id,
            session.created_at,
            session.created_at,
        )
