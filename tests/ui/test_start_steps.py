"""The window's two build steps: what the first paint shows and loads, and what follows."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolBar
from pytestqt.qtbot import QtBot

from session_inspector.profiles.store import ProfileStore
from session_inspector.ui.app import open_window
from session_inspector.ui.forms import FormKind, SessionForm
from session_inspector.ui.main_window import MainWindow
from session_inspector.ui.profile_book import ProfileBook
from tests.support.fault_servers import closed_port
from tests.support.fresh_python import run_python
from tests.ui.conftest import READY_TIMEOUT_MS, remote_profile

# Opens the window as run_gui does and notes, at the first Paint event of the Create
# form, whether the Qt namespace and the later modules are loaded, then again at ready.
FIRST_PAINT_PROBE = """
import sys, tempfile
from pathlib import Path
from session_inspector.cli import build_parser
build_parser().parse_args([])
import PySide6.QtCore as QtCore
from PySide6.QtCore import QEvent, QObject, QSettings
from session_inspector.profiles.store import ProfileStore
from session_inspector.ui import app as gui_app
from session_inspector.ui.profile_book import ProfileBook

LATER = sys.argv[1:]
notes = {}

def note(moment):
    form = window.current_form()
    notes[moment] = {
        "qt_namespace": "Qt" in QtCore.__dict__,
        "loaded": sorted(name for name in LATER if name in sys.modules),
        "typing": form.fields["agent_id"].edit.isEnabled(),
        "sending": form.send_button.isEnabled(),
    }

class OnPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "first_paint" not in notes:
            note("first_paint")
        return False

application = gui_app.create_application()
scratch = Path(tempfile.mkdtemp())
settings = QSettings(str(scratch / "window.ini"), QSettings.Format.IniFormat)
book = ProfileBook(ProfileStore(scratch / "profiles.toml"))
window = gui_app.open_window(book, settings, database=scratch / "engine.sqlite3")
watcher = OnPaint()
window.current_form().installEventFilter(watcher)

def on_ready():
    note("ready")
    window.close()
    application.quit()

window.ready.connect(on_ready)
application.exec()
import json  # only now: json is one of the modules checked
print(json.dumps(notes))
"""

LOADED_LATER = (
    "httpx",
    "falcon",
    "json",
    "session_inspector.api.exchange",
    "session_inspector.ui.response_panel",
    "session_inspector.ui.sessions_panel",
    "session_inspector.ui.log_panel",
)


def _notes_of_a_start(tmp_path: Path) -> dict[str, dict[str, object]]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    output = run_python(FIRST_PAINT_PROBE, *LOADED_LATER, env=environment)
    notes: dict[str, dict[str, object]] = json.loads(output.splitlines()[-1])
    return notes


def test_first_paint_skips_qt_enums_and_panels(tmp_path: Path) -> None:
    notes = _notes_of_a_start(tmp_path)

    # Loading the Qt namespace costs about 15 ms; PySide6 adds "Qt" to QtCore's
    # dictionary when it loads it, which this check relies on.
    first_paint, ready = notes["first_paint"], notes["ready"]
    assert first_paint["qt_namespace"] is False
    assert first_paint["loaded"] == []
    assert ready["qt_namespace"] is True
    assert ready["loaded"] == sorted(LOADED_LATER)
    # The Create form takes input from the first paint; Send waits for the services.
    assert first_paint["typing"] is True
    assert first_paint["sending"] is False
    assert ready["sending"] is True


def test_ready_window_is_complete(window: MainWindow) -> None:
    tabs = window.form_tabs

    assert [tabs.tabText(i) for i in range(tabs.count())] == ["&Create", "&Look up", "&Update"]
    assert all(isinstance(tabs.widget(i), SessionForm) for i in range(tabs.count()))
    assert [window.forms[kind] for kind in FormKind] == [tabs.widget(i) for i in range(3)]
    assert window.right_splitter.widget(0) is window.response
    assert window.right_splitter.widget(1) is window.sessions
    assert window.log_splitter.widget(1) is window.log_panel
    assert window.right_splitter.count() == window.log_splitter.count() == 2
    assert window.window_actions.send.shortcut() == QKeySequence("Ctrl+Return")
    assert "Ctrl+Return" in window.window_actions.send.toolTip()
    toolbar = window.findChild(QToolBar, "main_toolbar")
    assert toolbar is not None
    assert toolbar.toolButtonStyle().name == "ToolButtonTextBesideIcon"
    edit = window.forms[FormKind.UPDATE].fields["agent_id"].edit
    assert edit.isClearButtonEnabled()


def test_early_typing_survives_finish_building(qtbot: QtBot, tmp_path: Path) -> None:
    profile = remote_profile(closed_port(), agent_id="agent-default")
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    book = ProfileBook(ProfileStore(tmp_path / "profiles.toml"), unsaved=profile)
    window = open_window(book, settings, profile_id=profile.id)
    agent = window.forms[FormKind.CREATE].fields["agent_id"]

    assert agent.text() == "agent-default"
    agent.set_text("agent-typed-early")  # before the event loop runs finish_building
    qtbot.waitSignal(window.ready, timeout=READY_TIMEOUT_MS).wait()
    window.close()

    assert agent.text() == "agent-typed-early"
    assert window.forms[FormKind.LOOKUP].fields["agent_id"].text() == "agent-default"
