"""Network and server faults in the window: one clear sentence each, and no freeze."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from session_inspector.ui.forms import FormKind
from session_inspector.ui.main_window import MainWindow
from tests.support.fault_servers import (
    canned_server,
    closed_port,
    html_502,
    json_response,
    silent_server,
)
from tests.ui.conftest import OpenWindow, remote_profile

RESPONSE_TIMEOUT_MS = 10_000


def _look_up(qtbot: QtBot, window: MainWindow, session_id: str = "abc") -> None:
    form = window.open_form(FormKind.LOOKUP)
    form.fields["session_id"].set_text(session_id)
    with qtbot.waitSignal(window.exchange_shown, timeout=RESPONSE_TIMEOUT_MS):
        qtbot.mouseClick(form.send_button, Qt.MouseButton.LeftButton)


def _still_responsive(qtbot: QtBot, window: MainWindow) -> None:
    """Type into a form and see the check react: the GUI thread is serving events."""
    field = window.open_form(FormKind.UPDATE).fields["session_id"]
    field.set_text("")
    qtbot.keyClicks(field.edit, "still-here")
    assert field.text() == "still-here"
    assert window.current_form().send_button.isEnabled()


def test_connection_refused(qtbot: QtBot, open_ready_window: OpenWindow) -> None:
    port = closed_port()
    window = open_ready_window(remote_profile(port))

    _look_up(qtbot, window)

    verdict = window.response.verdict.text()
    assert "Connection refused" in verdict
    assert f"127.0.0.1 port {port}" in verdict
    assert window.response.status.text().startswith("<b>No response</b>")
    assert window.response.request_view.toPlainText().startswith(f"GET http://127.0.0.1:{port}/")
    _still_responsive(qtbot, window)


def test_timeout_message(qtbot: QtBot, open_ready_window: OpenWindow) -> None:
    with silent_server() as port:
        window = open_ready_window(remote_profile(port, timeout=0.3))
        _look_up(qtbot, window)
        window.close()

    assert "Timed out after 0.3 s" in window.response.verdict.text()


def test_cancel_ends_hanging_request(qtbot: QtBot, open_ready_window: OpenWindow) -> None:
    with silent_server() as port:
        window = open_ready_window(remote_profile(port, timeout=60))
        form = window.open_form(FormKind.LOOKUP)
        form.fields["session_id"].set_text("abc")
        qtbot.mouseClick(form.send_button, Qt.MouseButton.LeftButton)
        assert form.cancel_button.isEnabled()
        assert not form.send_button.isEnabled()
        assert window.window_actions.cancel.isEnabled()
        assert not window.window_actions.send.isEnabled()

        started = time.perf_counter()
        with qtbot.waitSignal(window.services.runner.cancelled, timeout=2000):
            qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)
        ended_after = time.perf_counter() - started
        qtbot.waitUntil(lambda: "cancelled after" in window.log_panel.view.toPlainText())
        window.close()

    assert ended_after < 1.0
    assert "cancelled" in window.response.verdict.text()
    assert window.response.status.text().startswith("<b>Cancelled</b>")
    assert "Look up session" in window.response.status.text()
    assert f"GET http://127.0.0.1:{port}/gks-server/v1/sessions/abc cancelled after" in (
        window.log_panel.view.toPlainText()
    )
    assert form.send_button.isEnabled()
    assert not form.cancel_button.isEnabled()
    assert window.window_actions.send.isEnabled()
    assert not window.window_actions.cancel.isEnabled()


def test_escape_cancels(qtbot: QtBot, open_ready_window: OpenWindow) -> None:
    with silent_server() as port:
        window = open_ready_window(remote_profile(port, timeout=60))
        form = window.open_form(FormKind.LOOKUP)
        form.fields["session_id"].set_text("abc")
        qtbot.mouseClick(form.send_button, Qt.MouseButton.LeftButton)

        with qtbot.waitSignal(window.services.runner.cancelled, timeout=2000):
            qtbot.keyClick(form.fields["session_id"].edit, Qt.Key.Key_Escape)
        window.close()

    assert form.send_button.isEnabled()


def test_timer_fires_while_request_hangs(qtbot: QtBot, open_ready_window: OpenWindow) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    with silent_server() as port:
        window = open_ready_window(remote_profile(port, timeout=60))
        form = window.open_form(FormKind.LOOKUP)
        form.fields["session_id"].set_text("abc")
        qtbot.mouseClick(form.send_button, Qt.MouseButton.LeftButton)
        timer.start()
        qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=5000)
        timer.stop()
        assert window.services.runner.running() == 1
        window.close()

    assert len(ticks) >= 10


def test_html_502(qtbot: QtBot, open_ready_window: OpenWindow) -> None:
    with canned_server(html_502()) as port:
        window = open_ready_window(remote_profile(port))
        _look_up(qtbot, window)
        window.close()

    assert window.response.status.text().startswith("<b>502 Bad Gateway</b>")
    assert "text/html" in window.response.verdict.text()
    assert "<h1>502 Bad Gateway</h1>" in window.response.raw_view.toPlainText()
    assert window.response.json_view.toPlainText() == "(the body is not JSON)"


def test_error_inside_200(qtbot: QtBot, open_ready_window: OpenWindow) -> None:
    body = b'{"code": "SESSION_LOCKED", "description": "The session is locked"}'
    with canned_server(json_response("200 OK", body)) as port:
        window = open_ready_window(remote_profile(port))
        _look_up(qtbot, window)
        window.close()

    verdict = window.response.verdict.text()
    assert "The session is locked" in verdict
    assert "inside an HTTP 200" in verdict
    assert '"code": "SESSION_LOCKED"' in window.response.json_view.toPlainText()


def test_dropped_header_warns(qtbot: QtBot, open_ready_window: OpenWindow) -> None:
    with canned_server(json_response("200 OK", b'{"sessionId": "abc"}')) as port:
        window = open_ready_window(remote_profile(port))
        window.open_form(FormKind.LOOKUP).fields["agent_id"].set_text("agent-1")
        _look_up(qtbot, window)
        window.close()

    assert "dropped the header" in window.response.verdict.text()


@pytest.mark.parametrize("session_id", ["a b", "x/y", "..", "new"])
def test_invalid_id_blocks_send_locally(window: MainWindow, session_id: str) -> None:
    form = window.open_form(FormKind.LOOKUP)

    form.fields["session_id"].set_text(session_id)

    assert not form.send_button.isEnabled()
    message = form.fields["session_id"].message
    assert message.isVisibleTo(form)
    assert repr(session_id)[1:-1] in message.text() or session_id in message.text()


def test_invalid_id_only_warns_remotely(open_ready_window: OpenWindow) -> None:
    window = open_ready_window(remote_profile(closed_port()))
    form = window.open_form(FormKind.LOOKUP)

    form.fields["session_id"].set_text("a b")

    assert form.send_button.isEnabled()
    assert "would reject" in form.fields["session_id"].message.text()


def test_control_character_blocks_send_remotely(open_ready_window: OpenWindow) -> None:
    window = open_ready_window(remote_profile(closed_port()))
    form = window.open_form(FormKind.CREATE)

    form.fields["agent_id"].set_text("a\tb")

    assert not form.send_button.isEnabled()
    assert "HTTP headers cannot carry it: remove it." in form.fields["agent_id"].message.text()


def test_empty_id_blocks_send(window: MainWindow) -> None:
    form = window.open_form(FormKind.UPDATE)

    form.fields["session_id"].set_text("")

    assert not form.send_button.isEnabled()
