"""Profiles with Basic and bearer auth against `serve --require-auth`, from the window."""

from __future__ import annotations

from pathlib import Path

from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from session_inspector.profiles.model import (
    AuthKind,
    Profile,
    SecretKind,
    local_engine_profile,
    new_profile_id,
)
from session_inspector.profiles.store import ProfileStore
from session_inspector.ui.forms import FormKind
from session_inspector.ui.main_window import MainWindow
from tests.profiles.secret_values import PASSWORD, USER
from tests.support.served import ServedEngine
from tests.ui.conftest import OpenWindow

RESPONSE_TIMEOUT_MS = 10_000


def _save(tmp_path: Path, profile: Profile) -> None:
    store = ProfileStore(tmp_path / "profiles.toml")
    store.save(store.load().added(profile))


def _create(qtbot: QtBot, window: MainWindow) -> str:
    form = window.open_form(FormKind.CREATE)
    with qtbot.waitSignal(window.exchange_shown, timeout=RESPONSE_TIMEOUT_MS):
        qtbot.mouseClick(form.send_button, Qt.MouseButton.LeftButton)
    return window.response.verdict.text()


def _answering(window: MainWindow, secret: str) -> list[str]:
    prompts: list[str] = []
    window.ask_secret = lambda _title, prompt: prompts.append(prompt) or secret
    return prompts


def test_basic_profile_works(
    qtbot: QtBot, open_ready_window: OpenWindow, tmp_path: Path, basic_engine: ServedEngine
) -> None:
    profile = Profile(
        new_profile_id(), "Guarded", base_url=basic_engine.base_url, auth=AuthKind.BASIC, user=USER
    )
    _save(tmp_path, profile)
    window = open_ready_window(local_engine_profile())
    prompts = _answering(window, PASSWORD)

    assert window.activate_profile(profile.id)
    verdict = _create(qtbot, window)

    assert len(prompts) == 1
    assert window.response.exchange is not None
    assert window.response.exchange.info is not None, verdict
    assert "Basic <redacted>" in window.response.request_view.toPlainText()


def test_wrong_token_says_401(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, bearer_engine: ServedEngine
) -> None:
    profile = Profile(
        new_profile_id(), "Token", base_url=bearer_engine.base_url, auth=AuthKind.BEARER
    )
    window.book.save(window.book.saved.added(profile))
    _answering(window, "not-the-token")

    assert window.activate_profile(profile.id)
    verdict = _create(qtbot, window)

    assert "HTTP 401" in verdict
    assert "unauthorized" in verdict
    assert "check the credentials" in verdict


def test_password_survives_restart_in_keyring(
    qtbot: QtBot,
    open_ready_window: OpenWindow,
    tmp_path: Path,
    basic_engine: ServedEngine,
    secret_service: KeyringBackend,
) -> None:
    profile = Profile(
        new_profile_id(), "Kept", base_url=basic_engine.base_url, auth=AuthKind.BASIC, user=USER
    )
    _save(tmp_path, profile)
    first = open_ready_window(local_engine_profile())
    prompts = _answering(first, PASSWORD)
    assert first.activate_profile(profile.id)
    first.close()

    # Opens on the profile active at the last close, taking its password from the
    # keyring: a prompt here would be cancelled and the window would fall back.
    second = open_ready_window(profile)
    assert second.profile.id == profile.id
    verdict = _create(qtbot, second)

    assert len(prompts) == 1
    assert "in the keyring" in prompts[0]
    assert second.response.exchange is not None
    assert second.response.exchange.info is not None, verdict
    assert (
        secret_service.get_password("session-inspector", f"{profile.id}/{SecretKind.PASSWORD}")
        == PASSWORD
    )
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path
