"""Run client calls on the network thread and hand their results to the GUI thread."""

from __future__ import annotations

import concurrent.futures
import itertools
import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from session_inspector.api import InvalidInput
from session_inspector.ui.network import NetworkThread

logger = logging.getLogger(__name__)


class RequestRunner(QObject):
    """Runs coroutines on the network thread, one ticket each.

    Signals, always delivered later on the GUI thread, never from inside `start`:
        finished(int ticket, object result): the coroutine returned, usually an Exchange
        failed(int ticket, str message): it raised; InvalidInput gives its own sentence
        cancelled(int ticket): `cancel` ended it before it returned
    """

    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)

    # A future that is already done runs its callback at once, in the thread that adds
    # it, so every result goes through this queued signal: a caller can then record the
    # ticket before its result arrives.
    _completed = Signal(int, object)

    def __init__(self, network: NetworkThread, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._network = network
        self._tickets = itertools.count(1)
        self._futures: dict[int, concurrent.futures.Future[Any]] = {}
        self._completed.connect(self._report, Qt.ConnectionType.QueuedConnection)

    def start(self, coroutine: Coroutine[Any, Any, Any]) -> int:
        """Submit a coroutine and return the ticket that its result signal carries."""
        ticket = next(self._tickets)
        future = self._network.submit(coroutine)
        self._futures[ticket] = future
        future.add_done_callback(lambda done: self._completed.emit(ticket, done))
        return ticket

    def cancel(self, ticket: int) -> None:
        """Cancel a running request; the task closes its connection at once."""
        future = self._futures.get(ticket)
        if future is not None:
            future.cancel()

    def running(self) -> int:
        """Count the requests still running."""
        return sum(1 for future in self._futures.values() if not future.done())

    def _report(self, ticket: int, future: concurrent.futures.Future[Any]) -> None:
        self._futures.pop(ticket, None)
        if future.cancelled():
            self.cancelled.emit(ticket)
            return

        error = future.exception()
        if error is None:
            self.finished.emit(ticket, future.result())
        elif isinstance(error, InvalidInput):
            self.failed.emit(ticket, error.message)
        else:
            logger.error("A request failed unexpectedly", exc_info=error)
            self.failed.emit(ticket, f"The request failed unexpectedly: {error!r}.")
