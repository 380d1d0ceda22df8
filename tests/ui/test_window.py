"""Window basics: remembered layout, log panel, About, self-test and start-up without a display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from session_inspector import __version__
from session_inspector.profiles.model import local_engine_profile
from session_inspector.ui.forms import FormKind
from session_inspector.ui.main_window import MainWindow
from tests.ui.conftest import OpenWindow


def test_size_and_splitters_are_remembered(
    qtbot: QtBot, open_ready_window: OpenWindow, tmp_path: Path
) -> None:
    first = open_ready_window(local_engine_profile())
    first.resize(790, 640)
    first.main_splitter.setSizes([380, 410])
    first.close()

    second = open_ready_window(local_engine_profile())

    assert second.size().width() == 790
    assert second.size().height() == 640
    assert second.main_splitter.sizes()[0] == 380
    assert QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat).contains(
        "window/geometry"
    )


def test_hidden_log_and_the_panels_sizes_are_remembered(open_ready_window: OpenWindow) -> None:
    first = open_ready_window(local_engine_profile())
    first.window_actions.show_log.trigger()
    first.right_splitter.setSizes([300, 200])
    sizes = first.right_splitter.sizes()
    first.close()

    second = open_ready_window(local_engine_profile())

    assert not second.window_actions.show_log.isChecked()
    assert second.log_panel.isHidden()
    # The hidden log leaves the panels more height; their proportions stay.
    restored = second.right_splitter.sizes()
    assert restored[0] / sum(restored) == pytest.approx(sizes[0] / sum(sizes), abs=0.01)
    assert sum(restored) > sum(sizes)
    second.window_actions.show_log.trigger()
    assert not second.log_panel.isHidden()


def test_log_panel_shows_requests(qtbot: QtBot, window: MainWindow) -> None:
    window.send_current()

    qtbot.waitUntil(lambda: "PUT" in window.log_panel.view.toPlainText())
    qtbot.waitUntil(lambda: window.sessions.summary.text() == "1 session")
    text = window.log_panel.view.toPlainText()
    assert "/gks-server/v1/sessions/new" in text
    assert "/_engine/" not in text  # the table's own reads are not the user's requests


def test_title_and_status_name_the_target(window: MainWindow) -> None:
    assert window.windowTitle() == "Local engine — Session Inspector"
    assert "release 8.5.1" in window.status_target.text()
    assert window.profile_picker.currentText() == "Local engine"


def test_version_in_about_text() -> None:
    assert __version__.count(".") == 2


def _run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "session_inspector", *args],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        check=False,
    )


def _environment_without_display() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


def test_self_test_passes(tmp_path: Path) -> None:
    env = _environment_without_display()
    env["HOME"] = str(tmp_path)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")

    result = _run_cli("--self-test", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    line = result.stdout.strip()
    assert line.startswith("self-test: create ok, look-up ok, update ok in ")
    assert line.endswith(" ms")
    assert result.stderr == ""  # the offscreen platform's messages go to the log


def test_no_display_names_alternatives(tmp_path: Path) -> None:
    env = _environment_without_display()
    env["HOME"] = str(tmp_path)

    result = _run_cli(env=env)

    assert result.returncode == 2
    assert "no display" in result.stderr
    assert "serve" in result.stderr
    assert "--self-test" in result.stderr


def test_typing_starts_in_create_form(qtbot: QtBot, window: MainWindow) -> None:
    agent = window.forms[FormKind.CREATE].fields["agent_id"].edit

    assert window.focusWidget() is agent
    window.window_actions.show_lookup.trigger()
    assert window.focusWidget() is window.forms[FormKind.LOOKUP].fields["session_id"].edit
