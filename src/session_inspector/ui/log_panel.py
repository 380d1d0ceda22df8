"""Recent log records in a panel, fed by a logging handler that is safe on any thread."""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from session_inspector.ui.json_view import monospace_view

_MAX_LINES = 1000


class _RecordBridge(QObject):
    """Carries formatted records to the GUI thread.

    Signals:
        record(str): one formatted log record
    """

    record = Signal(str)


class PanelHandler(logging.Handler):
    """A logging handler that shows records in a LogPanel; install and remove it on root."""

    def __init__(self, panel: LogPanel) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        self._bridge = _RecordBridge()
        self._bridge.record.connect(panel.append_line)

    def emit(self, record: logging.LogRecord) -> None:
        # RuntimeError: the bridge was deleted with its window, so the record has nowhere to go.
        with contextlib.suppress(RuntimeError):
            self._bridge.record.emit(self.format(record))


class LogPanel(QWidget):
    """A read-only view of the latest log records, newest at the bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("log_panel")
        self.view: QPlainTextEdit = monospace_view(self)
        self.view.setMaximumBlockCount(_MAX_LINES)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        heading = QLabel("<b>Log</b>", self)
        heading.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.view)

    def sizeHint(self) -> QSize:
        # A few lines tall: the panel is for glancing at recent records, not for reading.
        return QSize(600, 110)

    def append_line(self, line: str) -> None:
        """Add one record at the bottom."""
        self.view.appendPlainText(line)
