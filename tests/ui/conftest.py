"""Fixtures for driving real windows with pytest-qt, offscreen.

Every test here fails when it leaves a thread running, or when something logs a warning
that the test did not expect (Qt's own warnings fail through pytest-qt's
`qt_log_level_fail`, with the allow-list in pyproject.toml).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from session_inspector.profiles.model import Profile, local_engine_profile, new_profile_id
from session_inspector.profiles.store import ProfileStore
from session_inspector.ui import main_window
from session_inspector.ui.app import open_window
from session_inspector.ui.main_window import MainWindow
from session_inspector.ui.profile_book import ProfileBook
from tests.profiles.secret_values import assert_no_secret_leaked, isolate_profiles

READY_TIMEOUT_MS = 10_000


@pytest.fixture(autouse=True)
def no_threads_left() -> Iterator[None]:
    """Fail a test that leaves a thread running after it closed its windows."""
    before = set(threading.enumerate())
    yield
    left = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    assert left == [], f"threads still running: {[t.name for t in left]}"


@pytest.fixture(autouse=True)
def no_unexpected_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail a test whose code logged a warning or error that the test did not expect.

    A test that expects some calls `caplog.clear()` after checking them.
    """
    caplog.set_level(logging.INFO)
    yield
    unexpected = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert unexpected == [], [f"{r.name}: {r.getMessage()}" for r in unexpected]


@pytest.fixture(autouse=True)
def isolated_profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Keep the real config directory and keyring out of reach: fail backend, tmp config."""
    yield from isolate_profiles(tmp_path, monkeypatch)


@pytest.fixture(autouse=True)
def no_secret_in_files_or_logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """After each test, search its files and log records for every made-up secret."""
    yield
    assert_no_secret_leaked(tmp_path, caplog)


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answer the window's questions without a modal dialog, which would wait forever.

    A window asks nothing by default here: a secret prompt is cancelled and a
    confirmation is declined. Tests that expect a question set `window.ask_secret` or
    `window.confirm` themselves.
    """
    monkeypatch.setattr(main_window, "ask_secret_with_dialog", lambda _parent: _cancel)
    monkeypatch.setattr(main_window, "confirm_with_dialog", lambda _parent: _decline)


def _cancel(_title: str, _prompt: str) -> None:
    return None


def _decline(_title: str, _question: str) -> bool:
    return False


OpenWindow = Callable[[Profile], MainWindow]


def remote_profile(port: int, timeout: float = 5.0, **settings: object) -> Profile:
    """Return an unsaved profile of a server on 127.0.0.1, as --base-url makes one."""
    url = f"http://127.0.0.1:{port}/gks-server/v1"
    return Profile(new_profile_id(), url, base_url=url, timeout=timeout, **settings)  # type: ignore[arg-type]


@pytest.fixture
def open_ready_window(qtbot: QtBot, tmp_path: Path) -> Iterator[OpenWindow]:
    """Open windows on a target with their own engine file; close them all afterwards."""
    windows: list[MainWindow] = []

    def open_one(profile: Profile) -> MainWindow:
        settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
        store = ProfileStore(tmp_path / "profiles.toml")
        saved = store.load().by_id(profile.id) is not None
        book = ProfileBook(store, unsaved=None if saved else profile)
        database = tmp_path / "engine.sqlite3"
        window = open_window(book, settings, database=database, profile_id=profile.id)
        windows.append(window)
        # The services start from the event loop, so `ready` cannot have fired yet.
        qtbot.waitSignal(window.ready, timeout=READY_TIMEOUT_MS).wait()
        return window

    yield open_one
    for window in windows:
        window.close()


@pytest.fixture
def window(open_ready_window: OpenWindow) -> MainWindow:
    """A ready window on the Local engine, with an empty engine file of its own."""
    return open_ready_window(local_engine_profile())
