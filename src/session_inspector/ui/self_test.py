"""`--self-test`: drive one create, one look-up and one update through the real window.

For packaging checks and support desks: it prints one line and exits 0 only when each step
showed the expected SessionInfo, against an in-memory engine, within 60 seconds.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    QSettings,
    QTemporaryDir,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)

from session_inspector.api.exchange import Exchange
from session_inspector.api.messages import describe_outcome
from session_inspector.api.models import SessionInfo
from session_inspector.profiles.model import LOCAL_ENGINE_ID
from session_inspector.ui.forms import FormKind
from session_inspector.ui.main_window import MainWindow
from session_inspector.ui.profile_book import ProfileBook

STEP_TIMEOUT_MS = 20_000

logger = logging.getLogger(__name__)


class SelfTestFailed(Exception):
    """A step did not show what it should; the message says which and why."""


def run_self_test() -> int:
    """Run the self-test, print its one line and return the exit code."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from session_inspector.ui.app import create_application, open_window

    # The output is one line, so Qt's messages go to the log. The offscreen platform
    # warns about what only a window manager can do, such as propagateSizeHints.
    qInstallMessageHandler(_log_qt_message)
    started = time.perf_counter()
    app = create_application()
    folder = QTemporaryDir()
    settings = QSettings(folder.filePath("window.ini"), QSettings.Format.IniFormat)
    book = ProfileBook(store=None)
    window = open_window(book, settings, database=":memory:", profile_id=LOCAL_ENGINE_ID)
    try:
        _wait_ready(window)
        _run_steps(window)
    except SelfTestFailed as failure:
        print(f"self-test: failed: {failure}")
        return 1
    finally:
        window.close()
        app.processEvents()
    elapsed_ms = (time.perf_counter() - started) * 1000
    print(f"self-test: create ok, look-up ok, update ok in {elapsed_ms:.0f} ms")
    return 0


def _log_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    level = logging.DEBUG
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        level = logging.ERROR
    logger.log(level, "Qt: %s", message)


def _run_steps(window: MainWindow) -> None:
    create = window.open_form(FormKind.CREATE)
    create.fields["agent_id"].set_text("self-test-agent")
    create.fields["visit_id"].set_text("self-test-visit")
    info = _send_and_check(window, "create", lambda e: e.agent_id == "self-test-agent")
    session_id = info.session_id

    window.response.use_id_button.click()
    window.open_form(FormKind.LOOKUP)
    _send_and_check(window, "look-up", lambda e: e.session_id == session_id)

    update = window.open_form(FormKind.UPDATE)
    update.fields["customer_id"].set_text("self-test-customer")
    _send_and_check(
        window,
        "update",
        lambda e: e.customer_id == "self-test-customer" and e.visit_id == "self-test-visit",
    )


def _send_and_check(
    window: MainWindow, step: str, expected: Callable[[SessionInfo], bool]
) -> SessionInfo:
    form = window.current_form()
    if not form.can_send():
        raise SelfTestFailed(f"{step}: the Send button is disabled")

    exchanges: list[Exchange] = []
    loop = QEventLoop()
    window.exchange_shown.connect(exchanges.append)
    window.exchange_shown.connect(loop.quit)
    QTimer.singleShot(STEP_TIMEOUT_MS, loop.quit)
    form.send_button.click()
    loop.exec()
    window.exchange_shown.disconnect(loop.quit)
    window.exchange_shown.disconnect(exchanges.append)

    if not exchanges:
        raise SelfTestFailed(f"{step}: no response within {STEP_TIMEOUT_MS // 1000} s")
    exchange = exchanges[0]
    info = exchange.info
    if info is None:
        raise SelfTestFailed(f"{step}: {describe_outcome(exchange)}")
    if not expected(info):
        raise SelfTestFailed(f"{step}: the window showed an unexpected session {info}")
    shown = window.response.info_values["session_id"].text()
    if shown != info.session_id:
        raise SelfTestFailed(f"{step}: the Session tab shows {shown!r}, not {info.session_id!r}")
    return info


def _wait_ready(window: MainWindow) -> None:
    if window.services is not None:
        return
    loop = QEventLoop()
    window.ready.connect(loop.quit)
    QTimer.singleShot(STEP_TIMEOUT_MS, loop.quit)
    loop.exec()
    if window.services is None:
        message = window.response.verdict.text() or "the window did not become ready"
        raise SelfTestFailed(f"start-up: {message}")


if __name__ == "__main__":
    sys.exit(run_self_test())
