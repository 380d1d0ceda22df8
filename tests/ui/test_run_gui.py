"""The GUI as the command starts it: run_gui with the user's folders, until the window closes."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from session_inspector.embedded import EMBEDDED_BASE_URL
from session_inspector.ui import app as gui_app
from session_inspector.ui.forms import FormKind
from session_inspector.ui.main_window import MainWindow


@pytest.fixture
def user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the user data and state folders into tmp_path, and undo what run_gui leaves.

    run_gui turns the garbage collector off until ready, and it adds a log file handler
    to the root logger for the life of the process. Both are restored here.
    """
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    root = logging.getLogger()
    handlers_before = list(root.handlers)
    yield tmp_path
    for handler in root.handlers:
        if handler not in handlers_before:
            root.removeHandler(handler)
            handler.close()
    gc.enable()


def run_gui_until(monkeypatch: pytest.MonkeyPatch, on_window: Any) -> tuple[int, MainWindow]:
    """Run run_gui; `on_window` gets the window it opens, before the event loop starts."""
    opened: list[MainWindow] = []
    open_window = gui_app.open_window

    def open_and_hand_over(*args: Any, **kwargs: Any) -> MainWindow:
        window = open_window(*args, **kwargs)
        opened.append(window)
        on_window(window)
        return window

    monkeypatch.setattr(gui_app, "open_window", open_and_hand_over)
    code = gui_app.run_gui()
    return code, opened[0]


def test_log_file_opens_after_paint(
    qapp: QApplication, user_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def on_window(window: MainWindow) -> None:
        def on_ready() -> None:
            seen["file_handlers_at_ready"] = _file_handlers()
            window.open_form(FormKind.CREATE)
            window.send_current()

        def on_shown(_exchange: object) -> None:
            window.close()

        seen["file_handlers_before_paint"] = _file_handlers()
        window.ready.connect(on_ready)
        window.exchange_shown.connect(on_shown)

    code, window = run_gui_until(monkeypatch, on_window)

    assert code == 0
    assert seen["file_handlers_before_paint"] == []
    assert len(seen["file_handlers_at_ready"]) == 1  # type: ignore[arg-type]
    assert gc.isenabled()
    log_file = user_folders / "state" / "session-inspector" / "log" / "session-inspector.log"
    text = log_file.read_text(encoding="utf-8")
    assert f"PUT {EMBEDDED_BASE_URL}/sessions/new -> 200" in text
    assert "200" in window.response.status.text()


def _file_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]


def test_unknown_profile_name_says_how_to_add_one(
    qapp: QApplication, user_folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = gui_app.run_gui(profile_name="Nowhere")

    err = capsys.readouterr().err
    assert code == 2
    assert "no profile is named 'Nowhere'; the profiles are 'Local engine'." in err
    assert "`session-inspector profiles add NAME --base-url URL`" in err
    assert "File > Profiles" in err
