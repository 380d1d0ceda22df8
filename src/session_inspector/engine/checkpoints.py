"""WAL checkpoints on a thread of their own, so that their disk syncs do not stall requests.

By default SQLite checkpoints on the connection whose commit takes the WAL past 1,000
pages, before that statement returns. With `synchronous=NORMAL` a checkpoint calls
fdatasync twice. At 1,000,000 stored sessions these calls took 3.8 ms on average, against
1.2 ms at 1,000 (`perf trace -s` on `serve` under create load). Each create adds an id at
a random place in the index, so there a checkpoint copies more distinct pages. `serve`
runs the store on its event loop, so every request waited for them. With the checkpoints
on this thread, creates at 1,000,000 sessions ran at 0.96 times the rate at 1,000 instead
of 0.81, and their p99 latency fell from 15 to 6.5 ms (wrk as in bench/http_throughput.py,
2-core VM).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading

logger = logging.getLogger(__name__)

# One create appends about 3.4 pages to the WAL (a table page, an index page and the
# AUTOINCREMENT counter), so 250 writes come close to SQLite's default of 1,000 pages.
WRITES_PER_CHECKPOINT = 250
# The committing connection still checkpoints when the WAL reaches this many pages,
# in case this thread falls behind or fails. Under a steady stream of writes the WAL
# only starts again from its beginning after such a checkpoint, because this thread
# never catches up with the last write.
BACKSTOP_PAGES = 10_000
_WARN_EVERY = 100
# fdatasync where the system has it, as on Linux, and fsync, which also writes metadata,
# elsewhere.
_sync_file = getattr(os, "fdatasync", os.fsync)


class BackgroundCheckpoints:
    """A thread with its own connection that checkpoints a database file's WAL.

    Call `note_write` after each write on the main connection, from one thread at a
    time. Every WRITES_PER_CHECKPOINT writes, the thread runs a PASSIVE checkpoint, which
    copies what it can without waiting for readers or writers, and then syncs the
    database file. `close` stops the thread.
    """

    def __init__(self, path: str, writes_per_checkpoint: int = WRITES_PER_CHECKPOINT) -> None:
        self._path = path
        self._writes_per_checkpoint = writes_per_checkpoint
        self._database_fd = os.open(path, os.O_RDONLY)
        try:
            self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            # The same settings as the main connection (schema.prepare), because
            # `synchronous` decides whether a checkpoint syncs the files.
            self._connection.execute("PRAGMA synchronous = NORMAL")
            self._connection.execute("PRAGMA busy_timeout = 5000")
        except BaseException:
            os.close(self._database_fd)
            raise
        self._writes = 0
        self._failures = 0
        self._due = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpoints", daemon=True)
        self._thread.start()

    def note_write(self) -> None:
        """Count one write, and wake the thread when a checkpoint is due."""
        self._writes += 1
        if self._writes >= self._writes_per_checkpoint:
            self._writes = 0
            self._due.set()

    def close(self) -> None:
        """Stop the thread, after the checkpoint it is running, and close its connection."""
        self._stopping = True
        self._due.set()
        self._thread.join()
        self._connection.close()
        os.close(self._database_fd)

    def _run(self) -> None:
        while True:
            self._due.wait()
            self._due.clear()
            if self._stopping:
                return
            self._checkpoint()

    def _checkpoint(self) -> None:
        try:
            statement = self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
            _busy, _wal_pages, copied_pages = statement.fetchone()
            # A checkpoint that ends before the latest write, as it does while writes go on,
            # copies pages but leaves their sync to the next checkpoint that reaches the end
            # of the WAL. Here that is the serving connection's at BACKSTOP_PAGES, whose
            # fdatasync then took about 31 ms at 1,000,000 sessions and raised the p99
            # latency of creates to 34 ms. Syncing here keeps that one short.
            if copied_pages > 0:
                _sync_file(self._database_fd)
        except (sqlite3.Error, OSError) as error:
            # The main connection still checkpoints at BACKSTOP_PAGES, so serving goes on.
            self._failures += 1
            if self._failures == 1 or self._failures % _WARN_EVERY == 0:
                logger.warning(
                    "Background WAL checkpoint of %s failed (failure %d): %s",
                    self._path,
                    self._failures,
                    error,
                )
