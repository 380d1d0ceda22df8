"""The store's SQLite settings and table layout, versioned with `PRAGMA user_version`."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 1

# 1 GiB of address space, enough for about 4.8 million sessions at the 223 MB per million
# measured with every field set. Beyond that, SQLite reads the rest of the file as usual.
MMAP_BYTES = 1 << 30

# Each entry upgrades the schema from the version before it to its own version.
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """
        CREATE TABLE sessions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant_id TEXT NOT NULL DEFAULT '',
            session_id TEXT NOT NULL,
            agent_id TEXT,
            customer_id TEXT,
            visit_id TEXT,
            global_visit_id TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (tenant_id, session_id)
        )
        """,
    ),
}


class SchemaError(Exception):
    """A database file this version of the engine cannot use."""


def prepare(connection: sqlite3.Connection) -> None:
    """Set the connection's pragmas and bring the schema up to SCHEMA_VERSION.

    Raises SchemaError when the file was written by a newer version of the engine.
    The connection must be in autocommit mode (isolation_level None).
    """
    # In WAL mode readers do not block the writer, and a commit is in the WAL file before
    # the statement returns, so killing the process loses none.
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    # The GUI, `serve` and headless commands may share one file.
    connection.execute("PRAGMA busy_timeout = 5000")
    # Reading the file through a memory map saves a pread64 call for each page that
    # SQLite's own cache (2 MB by default) misses. At 1,000,000 sessions a served GET made
    # 2.6 of them, and mapping cut its CPU time from 79 to 73 µs, against 68 µs at 1,000
    # (wrk as in bench/http_throughput.py, 2-core VM). The mapped pages are the kernel's
    # file cache, which is shared and reclaimable. A 64 MiB cache_size instead helped GETs
    # less and slowed creates. Writes still go to the WAL file with pwrite64.
    # NOTE: SQLite cannot catch a read error on a mapped page: the kernel raises SIGBUS,
    # which ends the process where a read call would have returned an error.
    connection.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    if _user_version(connection) != SCHEMA_VERSION:
        _migrate(connection)


def _migrate(connection: sqlite3.Connection) -> None:
    # IMMEDIATE takes the write lock first, so two processes opening a new file
    # cannot both create the table.
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = _user_version(connection)
        if version > SCHEMA_VERSION:
            raise SchemaError(
                f"the database has schema version {version}, but this engine knows only "
                f"versions up to {SCHEMA_VERSION}; use a newer Session Inspector"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[target]:
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _user_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])
