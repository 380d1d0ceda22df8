"""The three forms driven as a user would: type, press Send, read what the window shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from session_inspector.ui.forms import FormKind, SessionForm
from session_inspector.ui.main_window import MainWindow
from tests.ui.conftest import OpenWindow

RESPONSE_TIMEOUT_MS = 10_000


def _type(qtbot: QtBot, form: SessionForm, field: str, text: str) -> None:
    edit = form.fields[field].edit
    edit.clear()
    qtbot.keyClicks(edit, text)


def _paste(form: SessionForm, field: str, text: str) -> None:
    # QTest can only type ASCII keys; pasting is how non-ASCII ids arrive anyway.
    edit = form.fields[field].edit
    edit.clear()
    edit.insert(text)


def _send(qtbot: QtBot, window: MainWindow, form: SessionForm) -> None:
    with qtbot.waitSignal(window.exchange_shown, timeout=RESPONSE_TIMEOUT_MS):
        qtbot.mouseClick(form.send_button, Qt.MouseButton.LeftButton)


def _shown(window: MainWindow, name: str) -> str:
    return window.response.info_values[name].text()


def _create(qtbot: QtBot, window: MainWindow, agent: str = "agent-7") -> str:
    form = window.open_form(FormKind.CREATE)
    _type(qtbot, form, "agent_id", agent)
    _type(qtbot, form, "visit_id", "visit-42")
    _send(qtbot, window, form)
    return _shown(window, "session_id")


def _table_ids(window: MainWindow) -> list[str]:
    model = window.sessions.model
    return [model.session_id_at(row) for row in range(model.rowCount())]


def test_create_shows_session_and_table_row(qtbot: QtBot, window: MainWindow) -> None:
    session_id = _create(qtbot, window)

    assert window.response.status.text().startswith("<b>200 OK</b>")
    assert len(session_id) == 36
    assert _shown(window, "agent_id") == "agent-7"
    assert _shown(window, "visit_id") == "visit-42"
    assert _shown(window, "customer_id") == ""
    qtbot.waitUntil(lambda: _table_ids(window) == [session_id])
    assert window.sessions.summary.text() == "1 session"


def test_lookup_after_using_returned_id(qtbot: QtBot, window: MainWindow) -> None:
    session_id = _create(qtbot, window)
    qtbot.mouseClick(window.response.use_id_button, Qt.MouseButton.LeftButton)
    lookup = window.open_form(FormKind.LOOKUP)

    assert lookup.fields["session_id"].text() == session_id
    _send(qtbot, window, lookup)

    assert window.response.exchange is not None
    assert window.response.exchange.request.method == "GET"
    assert _shown(window, "session_id") == session_id
    assert _shown(window, "agent_id") == "agent-7"


def test_update_names_session_and_keeps_fields(qtbot: QtBot, window: MainWindow) -> None:
    session_id = _create(qtbot, window)
    update = window.open_form(FormKind.UPDATE)
    _type(qtbot, update, "session_id", session_id)
    _paste(update, "customer_id", "zoë@example.org")

    _send(qtbot, window, update)

    assert _shown(window, "customer_id") == "zoë@example.org"
    assert _shown(window, "visit_id") == "visit-42"
    assert _shown(window, "agent_id") == "agent-7"
    qtbot.waitUntil(lambda: window.sessions.model.rowCount() == 1)
    customer_column = 2
    index = window.sessions.model.index(0, customer_column)
    qtbot.waitUntil(lambda: window.sessions.model.data(index) == "zoë@example.org")


def test_ctrl_return_sends_the_open_form(qtbot: QtBot, window: MainWindow) -> None:
    form = window.open_form(FormKind.CREATE)
    form.fields["customer_id"].edit.setFocus()

    with qtbot.waitSignal(window.exchange_shown, timeout=RESPONSE_TIMEOUT_MS) as blocker:
        qtbot.keyClick(
            form.fields["customer_id"].edit,
            Qt.Key.Key_Return,
            Qt.KeyboardModifier.ControlModifier,
        )

    assert blocker.args is not None
    assert blocker.args[0].request.method == "PUT"


def test_double_click_loads_session_into_lookup(qtbot: QtBot, window: MainWindow) -> None:
    session_id = _create(qtbot, window)
    window.open_form(FormKind.CREATE)
    qtbot.waitUntil(lambda: _table_ids(window) == [session_id])

    table = window.sessions.table
    rect = table.visualRect(window.sessions.model.index(0, 1))
    # A real double-click starts with a click; QTest's double-click alone lacks the press.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert window.current_form().kind is FormKind.LOOKUP
    assert window.current_form().fields["session_id"].text() == session_id


def test_table_filter_finds_by_agent(qtbot: QtBot, window: MainWindow) -> None:
    first = _create(qtbot, window, agent="alice")
    _create(qtbot, window, agent="bob")
    qtbot.waitUntil(lambda: len(_table_ids(window)) == 2)

    qtbot.keyClicks(window.sessions.filter, "alic")

    qtbot.waitUntil(lambda: _table_ids(window) == [first])
    assert window.sessions.summary.text() == "1 session"


def test_unknown_session_in_8_5_1(qtbot: QtBot, window: MainWindow) -> None:
    lookup = window.open_form(FormKind.LOOKUP)
    _type(qtbot, lookup, "session_id", "never-created")

    _send(qtbot, window, lookup)

    assert window.response.status.text().startswith("<b>404 Not Found</b>")
    assert "Session not found" in window.response.verdict.text()
    assert "check the session id 'never-created'" in window.response.verdict.text()
    assert "8.5.1" in window.response.verdict.text()
    assert _shown(window, "session_id") == ""
    assert "session_not_found" in window.response.raw_view.toPlainText()


def test_table_loads_next_page_on_scroll(qtbot: QtBot, window: MainWindow) -> None:
    from session_inspector.api.models import Identity

    assert window.services is not None
    engine = window.services.connection.engine
    assert engine is not None
    for number in range(150):
        engine.store.create(Identity(agent_id=f"bulk-{number}"))
    window.sessions.refresh()
    qtbot.waitUntil(lambda: window.sessions.model.rowCount() == 100)
    assert window.sessions.summary.text() == "100 of 150 sessions shown"

    window.sessions.table.scrollToBottom()

    qtbot.waitUntil(lambda: window.sessions.model.rowCount() == 150)
    assert window.sessions.summary.text() == "150 sessions"
    assert len(set(_table_ids(window))) == 150


def test_tenant_column_only_in_mode_current(
    qtbot: QtBot, open_ready_window: OpenWindow, tmp_path: Path
) -> None:
    from dataclasses import replace

    from session_inspector.profiles.model import local_engine_profile
    from session_inspector.profiles.store import ProfileStore

    store = ProfileStore(tmp_path / "profiles.toml")
    local = replace(local_engine_profile(), mode="current", tenant_id="t-1")
    store.save(store.load().replaced(local))
    current = open_ready_window(local)
    current.send_current()
    qtbot.waitUntil(lambda: current.sessions.model.rowCount() == 1)
    tenant_column = current.sessions.model.columnCount() - 1

    header = current.sessions.model.headerData(tenant_column, Qt.Orientation.Horizontal)
    assert header == "Tenant"
    assert not current.sessions.table.isColumnHidden(tenant_column)
    tenant = current.sessions.model.data(current.sessions.model.index(0, tenant_column))
    assert tenant == "t-1"
    current.close()
    store.save(store.load().replaced(local_engine_profile()))
    default = open_ready_window(local_engine_profile())
    assert default.sessions.table.isColumnHidden(tenant_column)


def test_toolbar_send_follows_open_form(qtbot: QtBot, window: MainWindow) -> None:
    send = window.window_actions.send

    assert send.isEnabled()  # Create: every field may stay empty
    window.open_form(FormKind.LOOKUP)
    assert not send.isEnabled()  # the session id is missing
    _type(qtbot, window.forms[FormKind.LOOKUP], "session_id", "abc")
    assert send.isEnabled()
    assert not window.window_actions.cancel.isEnabled()


def test_copy_as_curl_fills_clipboard(qtbot: QtBot, window: MainWindow) -> None:
    session_id = _create(qtbot, window)
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()

    window.window_actions.copy_curl.trigger()

    command = clipboard.text()
    assert command.startswith("curl ")
    assert "PUT" in command
    assert "http://embedded-engine/gks-server/v1/sessions/new" in command
    assert "gkc_agentId: agent-7" in command
    assert session_id not in command  # the request, not the response
    status = window.statusBar().currentMessage()
    assert status == (
        "Copied as curl, credentials redacted. For the Local engine, run "
        "`session-inspector serve` and use its URL."
    )
