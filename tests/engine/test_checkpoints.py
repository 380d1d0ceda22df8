"""WAL checkpoints on a thread of the store, as `serve` runs them."""

from __future__ import annotations

import errno
import logging
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from session_inspector.engine import checkpoints as checkpoints_module
from session_inspector.engine.checkpoints import WRITES_PER_CHECKPOINT, BackgroundCheckpoints
from session_inspector.engine.store import SessionStore

WAIT_SECONDS = 10.0


def rows_in_database_file(path: Path) -> int:
    """Count the sessions in the database file itself, leaving out what is only in the WAL.

    Returns -1 when the file cannot be read, which happens while a checkpoint writes it,
    or after a checkpoint that could not copy every page because a write went on.
    """
    # immutable=1 makes SQLite read the main file alone, without the WAL and its locks.
    try:
        with sqlite3.connect(f"file:{path}?immutable=1", uri=True) as connection:
            count: int = connection.execute("SELECT count(*) FROM sessions").fetchone()[0]
        connection.close()
    except sqlite3.DatabaseError:
        return -1
    return count


def wait_for_rows(path: Path, minimum: int) -> int:
    """Wait until the database file contains at least `minimum` sessions; return the count."""
    deadline = time.monotonic() + WAIT_SECONDS
    count = rows_in_database_file(path)
    while count < minimum and time.monotonic() < deadline:
        time.sleep(0.01)
        count = rows_in_database_file(path)
    return count


def checkpoint_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "sqlite-checkpoints"]


def new_database(tmp_path: Path) -> Path:
    """Create an empty store whose table is in the database file, not only in the WAL."""
    path = tmp_path / "engine.sqlite3"
    # Closing the last connection checkpoints the WAL into the file.
    SessionStore(path).close()
    return path


def test_writes_reach_file_while_store_open(tmp_path: Path) -> None:
    path = new_database(tmp_path)

    with SessionStore(path, background_checkpoints=True) as store:
        # Fewer pages than SQLite's own checkpoint threshold of 1,000, so only the thread
        # can copy them. No write follows, so its checkpoint copies them all.
        for _ in range(WRITES_PER_CHECKPOINT):
            store.create()
        count = wait_for_rows(path, WRITES_PER_CHECKPOINT)

    assert count == WRITES_PER_CHECKPOINT


def test_store_without_option_leaves_wal(tmp_path: Path) -> None:
    path = new_database(tmp_path)

    with SessionStore(path) as store:
        for _ in range(WRITES_PER_CHECKPOINT):
            store.create()
        count = rows_in_database_file(path)

    assert count == 0


def test_close_stops_thread(tmp_path: Path) -> None:
    threads_before = checkpoint_threads()

    with SessionStore(tmp_path / "engine.sqlite3", background_checkpoints=True) as store:
        threads_open = checkpoint_threads()
        store.create()

    assert len(threads_open) == len(threads_before) + 1
    assert checkpoint_threads() == threads_before


def test_memory_store_starts_no_thread() -> None:
    threads_before = checkpoint_threads()

    with SessionStore(":memory:", background_checkpoints=True) as store:
        threads_open = checkpoint_threads()
        store.create()

    assert threads_open == threads_before


def test_checkpoint_after_given_writes(tmp_path: Path) -> None:
    path = new_database(tmp_path)
    with SessionStore(path) as store:
        for _ in range(3):
            store.create()
        checkpoints = BackgroundCheckpoints(str(path), writes_per_checkpoint=3)
        try:
            checkpoints.note_write()
            checkpoints.note_write()
            count_before_due = rows_in_database_file(path)
            checkpoints.note_write()
            count = wait_for_rows(path, 3)
        finally:
            checkpoints.close()

    assert count_before_due == 0
    assert count == 3


class RecordSignal(logging.Handler):
    """A logging handler that keeps its records and signals each arrival."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self.arrived = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.arrived.set()


def test_failed_sync_warns_and_writes_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fake: a disk that fails to sync cannot be had on demand, so the sync raises EIO.
    def failing_sync(_fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(checkpoints_module, "_sync_file", failing_sync)
    path = new_database(tmp_path)
    handler = RecordSignal()
    checkpoints_module.logger.addHandler(handler)
    try:
        with SessionStore(path) as store:
            for _ in range(3):
                store.create()
            checkpoints = BackgroundCheckpoints(str(path), writes_per_checkpoint=3)
            try:
                for _ in range(3):
                    checkpoints.note_write()
                warned = handler.arrived.wait(WAIT_SECONDS)
            finally:
                checkpoints.close()
            created_after = store.create()
    finally:
        checkpoints_module.logger.removeHandler(handler)

    assert warned
    message = handler.records[0].getMessage()
    assert message.startswith(f"Background WAL checkpoint of {path} failed (failure 1): ")
    assert "Input/output error" in message
    assert created_after.session_id
