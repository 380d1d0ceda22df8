"""The engine's sessions in SQLite.

One connection is shared by all threads and serialized by a lock. The connection runs in
autocommit mode, so every write is one statement and one transaction. In WAL mode with
`synchronous=NORMAL`, a commit is in the WAL file before the statement returns, so
killing the process loses no committed write. A power failure may lose the last
commits, because they are not synced to disk one by one.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import platformdirs

from session_inspector.api.models import Identity, SessionFields, SessionInfo
from session_inspector.engine import schema
from session_inspector.engine.checkpoints import BACKSTOP_PAGES, BackgroundCheckpoints

MAX_PAGE_SIZE = 500
IN_MEMORY = ":memory:"
_NO_IDENTITY = Identity()
_NO_FIELDS = SessionFields()
_CREATE_ATTEMPTS = 3
_COLUMNS = (
    "session_id, agent_id, customer_id, visit_id, global_visit_id, tenant_id, "
    "created_at, updated_at"
)

_SELECT_ONE = f"SELECT {_COLUMNS} FROM sessions WHERE tenant_id = ? AND session_id = ?"

_INSERT_NEW = f"""
INSERT INTO sessions (tenant_id, session_id, agent_id, customer_id, visit_id,
                      global_visit_id, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (tenant_id, session_id) DO NOTHING
RETURNING {_COLUMNS}
"""

# Fields the request leaves out keep their values (coalesce), and updated_at moves only
# when a value really changes. The right-hand sides all see the row as it was.
_UPSERT = f"""
INSERT INTO sessions (tenant_id, session_id, agent_id, customer_id, visit_id,
                      global_visit_id, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (tenant_id, session_id) DO UPDATE SET
    agent_id = coalesce(excluded.agent_id, agent_id),
    customer_id = coalesce(excluded.customer_id, customer_id),
    visit_id = coalesce(excluded.visit_id, visit_id),
    global_visit_id = coalesce(excluded.global_visit_id, global_visit_id),
    updated_at = CASE
        WHEN coalesce(excluded.agent_id, agent_id) IS NOT agent_id
          OR coalesce(excluded.customer_id, customer_id) IS NOT customer_id
          OR coalesce(excluded.visit_id, visit_id) IS NOT visit_id
          OR coalesce(excluded.global_visit_id, global_visit_id) IS NOT global_visit_id
        THEN excluded.updated_at
        ELSE updated_at
    END
RETURNING {_COLUMNS}
"""


@dataclass(frozen=True)
class SessionPage:
    """One page of a session listing, newest first.

    `next_after` is the cursor for the following page (pass it as `after`), or None on
    the last page. `total` counts every session that matches the filter.
    """

    sessions: list[SessionInfo]
    next_after: int | None
    total: int


def default_database_path() -> Path:
    """Return `engine.sqlite3` in the user data directory, creating the directory."""
    folder = platformdirs.user_data_path("session-inspector", appauthor=False, ensure_exists=True)
    return folder / "engine.sqlite3"


def utc_timestamp() -> str:
    """Return the current time as RFC 3339 in UTC with milliseconds: `2026-12-04T20:23:05.123Z`."""
    now = datetime.now(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


class SessionStore:
    """Sessions in an SQLite database file, or in memory for the path IN_MEMORY.

    Safe to share between threads. An empty `tenant_id` is the tenant of the release
    modes without tenants. Empty strings in identities and fields count as not given.
    With `background_checkpoints`, as `serve` uses it, the WAL checkpoints run on a thread
    of the store, so that writes do not wait for their disk syncs (see the checkpoints
    module).
    """

    def __init__(self, path: str | Path, *, background_checkpoints: bool = False) -> None:
        self.path = str(path)
        self._lock = threading.Lock()
        # isolation_level=None: autocommit, so each statement below is its own transaction.
        self._connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._checkpoints: BackgroundCheckpoints | None = None
        try:
            schema.prepare(self._connection)
            if background_checkpoints and self.path != IN_MEMORY:
                self._connection.execute(f"PRAGMA wal_autocheckpoint = {BACKSTOP_PAGES}")
                self._checkpoints = BackgroundCheckpoints(self.path)
        except BaseException:
            self._connection.close()
            raise

    def close(self) -> None:
        """Close the database connection; the store is unusable afterwards."""
        if self._checkpoints is not None:
            self._checkpoints.close()
        with self._lock:
            self._connection.close()

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def get(self, session_id: str, tenant_id: str = "") -> SessionInfo | None:
        """Return the session, or None when it does not exist. Changes nothing."""
        with self._lock:
            row = self._connection.execute(_SELECT_ONE, (tenant_id, session_id)).fetchone()
        return None if row is None else _to_info(row)

    def create(
        self,
        identity: Identity = _NO_IDENTITY,
        fields: SessionFields = _NO_FIELDS,
        tenant_id: str = "",
    ) -> SessionInfo:
        """Insert a session with a new UUID4 id and return it."""
        for _ in range(_CREATE_ATTEMPTS):
            values = _values(str(uuid.uuid4()), tenant_id, identity, fields)
            created = self._fetch_one(_INSERT_NEW, values)
            if created is not None:
                return created
        raise RuntimeError(f"{_CREATE_ATTEMPTS} random session ids were all taken")

    def get_or_create(
        self, session_id: str, identity: Identity = _NO_IDENTITY, tenant_id: str = ""
    ) -> SessionInfo:
        """Return the session, inserting it with the identity when it does not exist.

        An existing session is returned unchanged, even when the identity differs.
        """
        existing = self.get(session_id, tenant_id)
        if existing is not None:
            return existing
        created = self._fetch_one(_INSERT_NEW, _values(session_id, tenant_id, identity, _NO_FIELDS))
        if created is not None:
            return created
        # Another thread or process inserted it between the two statements.
        raced = self.get(session_id, tenant_id)
        assert raced is not None, "sessions are never deleted"
        return raced

    def update_or_create(
        self,
        session_id: str,
        identity: Identity = _NO_IDENTITY,
        fields: SessionFields = _NO_FIELDS,
        tenant_id: str = "",
    ) -> SessionInfo:
        """Set the given values on the session, inserting it if needed, in one statement.

        Values that are None or empty keep what the session has.
        """
        updated = self._fetch_one(_UPSERT, _values(session_id, tenant_id, identity, fields))
        assert updated is not None, "an upsert always returns its row"
        return updated

    def list_sessions(
        self,
        limit: int = 50,
        after: int | None = None,
        query: str = "",
        tenant_id: str | None = None,
    ) -> SessionPage:
        """Return a page of sessions, newest first.

        `after` is a cursor from an earlier page, which stays valid while sessions are
        created. `query` matches a substring of any id field, ignoring ASCII case.
        `tenant_id` None lists every tenant. `limit` must be 1 to MAX_PAGE_SIZE.
        """
        if not 1 <= limit <= MAX_PAGE_SIZE:
            raise ValueError(f"limit must be 1 to {MAX_PAGE_SIZE}, not {limit}")
        where, parameters = _filter(query, tenant_id)
        page_where = where + ([] if after is None else ["seq < ?"])
        page_parameters = parameters + ([] if after is None else [after])

        with self._lock:
            rows = self._connection.execute(
                f"SELECT seq, {_COLUMNS} FROM sessions {_where(page_where)} "
                "ORDER BY seq DESC LIMIT ?",
                [*page_parameters, limit + 1],
            ).fetchall()
            total = self._connection.execute(
                f"SELECT count(*) FROM sessions {_where(where)}", parameters
            ).fetchone()[0]

        next_after = rows[limit - 1][0] if len(rows) > limit else None
        return SessionPage([_to_info(row[1:]) for row in rows[:limit]], next_after, total)

    def count(self) -> int:
        """Return the number of sessions of all tenants."""
        with self._lock:
            row = self._connection.execute("SELECT count(*) FROM sessions").fetchone()
        return int(row[0])

    def _fetch_one(self, sql: str, values: Sequence[str | None]) -> SessionInfo | None:
        with self._lock:
            # fetchall() runs a RETURNING statement to its end, which commits it.
            rows = self._connection.execute(sql, values).fetchall()
            if self._checkpoints is not None:
                self._checkpoints.note_write()
        return _to_info(rows[0]) if rows else None


def _values(
    session_id: str, tenant_id: str, identity: Identity, fields: SessionFields
) -> tuple[str | None, ...]:
    now = utc_timestamp()
    return (
        tenant_id,
        session_id,
        identity.agent_id or None,
        identity.customer_id or None,
        fields.visit_id or None,
        fields.global_visit_id or None,
        now,
        now,
    )


def _filter(query: str, tenant_id: str | None) -> tuple[list[str], list[object]]:
    where: list[str] = []
    parameters: list[object] = []
    if tenant_id is not None:
        where.append("tenant_id = ?")
        parameters.append(tenant_id)
    if query:
        pattern = "%" + _escape_like(query) + "%"
        columns = ("session_id", "agent_id", "customer_id", "visit_id", "global_visit_id")
        where.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
        parameters.extend([pattern] * len(columns))
    return where, parameters


def _where(conditions: list[str]) -> str:
    return "WHERE " + " AND ".join(conditions) if conditions else ""


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _to_info(row: Sequence[Any]) -> SessionInfo:
    session_id, agent_id, customer_id, visit_id, global_visit_id, tenant, created, updated = row
    # Writes store None, never "", for a missing value, except tenant_id "" for no tenant.
    return SessionInfo(
        session_id,
        agent_id,
        customer_id,
        visit_id,
        global_visit_id,
        tenant or None,
        created,
        updated,
    )
