"""Profiles in the window: the manager dialog, the picker, secrets and production."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from session_inspector.profiles.model import AuthKind, Profile, SecretKind, new_profile_id
from session_inspector.profiles.store import ProfileStore
from session_inspector.ui.forms import FormKind
from session_inspector.ui.main_window import MainWindow
from session_inspector.ui.profile_dialog import ProfileDialog
from tests.profiles.secret_values import TOKEN
from tests.support.served import ServedEngine, served
from tests.support.tls_server import tls_server
from tests.ui.conftest import OpenWindow

RESPONSE_TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def engine() -> Iterator[ServedEngine]:
    with served("--mode", "8.5.1") as running:
        yield running


def _save_profiles(tmp_path: Path, *profiles: Profile) -> None:
    store = ProfileStore(tmp_path / "profiles.toml")
    listed = store.load()
    for profile in profiles:
        listed = listed.added(profile)
    store.save(listed)


def _file(tmp_path: Path) -> dict[str, object]:
    return tomllib.loads((tmp_path / "profiles.toml").read_text(encoding="utf-8"))


def _dialog(qtbot: QtBot, window: MainWindow) -> ProfileDialog:
    dialog = ProfileDialog(window.book, window.services, window.confirm, window)
    qtbot.addWidget(dialog)
    dialog.profiles_saved.connect(window._on_profiles_saved)  # as open_profile_manager does
    return dialog


def _type(qtbot: QtBot, dialog: ProfileDialog, field: str, text: str) -> None:
    edit = dialog.editor.fields[field].edit
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def _send(qtbot: QtBot, window: MainWindow, kind: FormKind) -> None:
    form = window.open_form(kind)
    with qtbot.waitSignal(window.exchange_shown, timeout=RESPONSE_TIMEOUT_MS):
        qtbot.mouseClick(form.send_button, Qt.MouseButton.LeftButton)


def test_add_edit_rename_and_save(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, engine: ServedEngine
) -> None:
    dialog = _dialog(qtbot, window)

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, dialog, "name", "Staging")
    _type(qtbot, dialog, "base_url", engine.base_url)
    _type(qtbot, dialog, "agent_id", "agent-s")
    dialog.editor.mode.setCurrentText("8.5.0")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    saved = window.book.saved.find("Staging")
    assert saved is not None
    assert saved.base_url == engine.base_url
    assert saved.mode == "8.5.0"
    assert saved.agent_id == "agent-s"
    assert "Saved 'Staging'" in dialog.result_label.text()
    assert [p["name"] for p in _file(tmp_path)["profiles"]] == ["Local engine", "Staging"]  # type: ignore[index]
    assert window.profile_picker.findText("Staging") >= 0

    _type(qtbot, dialog, "name", "Staging EU")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    renamed = window.book.saved.by_id(saved.id)
    assert renamed is not None
    assert renamed.name == "Staging EU"
    assert window.profile_picker.findText("Staging") == -1
    assert window.profile_picker.findText("Staging EU") >= 0


def test_invalid_field_blocks_save(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _dialog(qtbot, window)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    _type(qtbot, dialog, "base_url", "kc.example.org/gks-server/v1")

    assert not dialog.save_button.isEnabled()
    assert dialog.editor.fields["base_url"].message.isVisibleTo(dialog)
    assert "kc.example.org" in dialog.editor.fields["base_url"].message.text()


def test_name_must_be_unique(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _dialog(qtbot, window)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    _type(qtbot, dialog, "name", "local ENGINE")

    assert not dialog.save_button.isEnabled()
    assert "Local engine" in dialog.editor.fields["name"].message.text()


def test_test_connection_reports_one_line(
    qtbot: QtBot, window: MainWindow, engine: ServedEngine
) -> None:
    dialog = _dialog(qtbot, window)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, dialog, "base_url", engine.base_url)

    with qtbot.waitSignal(dialog.test_finished, timeout=RESPONSE_TIMEOUT_MS):
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)

    result = dialog.result_label.text()
    assert result.startswith("Connection works: created session ")
    assert result.endswith(" ms.")


def test_test_connection_names_refused_port(qtbot: QtBot, window: MainWindow) -> None:
    from tests.support.fault_servers import closed_port

    port = closed_port()
    dialog = _dialog(qtbot, window)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, dialog, "base_url", f"http://127.0.0.1:{port}/gks-server/v1")

    with qtbot.waitSignal(dialog.test_finished, timeout=RESPONSE_TIMEOUT_MS):
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)

    assert dialog.result_label.text().startswith("Create failed: Connection refused")
    assert f"127.0.0.1 port {port}" in dialog.result_label.text()


def test_delete_asks_and_removes(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    questions: list[str] = []
    window.confirm = lambda _title, question: questions.append(question) or True
    dialog = _dialog(qtbot, window)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    added = dialog.current_profile()

    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)

    assert len(questions) == 1
    assert added.name in questions[0]
    assert window.book.saved.by_id(added.id) is None
    assert [p["name"] for p in _file(tmp_path)["profiles"]] == ["Local engine"]  # type: ignore[index]
    assert window.profile_picker.findText(added.name) == -1


def test_local_engine_cannot_be_deleted(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _dialog(qtbot, window)

    dialog.select(window.book.saved.local_engine.id)

    assert not dialog.delete_button.isEnabled()
    assert dialog.editor.fields["name"].edit.isReadOnly()


def test_picker_switches_profile(
    qtbot: QtBot, open_ready_window: OpenWindow, tmp_path: Path, engine: ServedEngine
) -> None:
    staging = Profile(new_profile_id(), "Staging", base_url=engine.base_url, agent_id="a-9")
    _save_profiles(tmp_path, staging)
    window = open_ready_window(window_profile := staging)

    assert window.profile == window_profile
    assert window.windowTitle() == "Staging — Session Inspector"
    assert engine.base_url in window.status_target.text()
    assert window.forms[FormKind.CREATE].fields["agent_id"].text() == "a-9"
    assert not window.sessions.isVisibleTo(window)

    index = window.profile_picker.findText("Local engine")
    with qtbot.waitSignal(window.profile_changed):
        window.profile_picker.activated.emit(index)

    assert window.profile.is_local
    assert window.sessions.isVisibleTo(window)
    assert window.windowTitle() == "Local engine — Session Inspector"


def test_production_banner_and_confirmation(
    qtbot: QtBot, open_ready_window: OpenWindow, tmp_path: Path, engine: ServedEngine
) -> None:
    production = Profile(new_profile_id(), "Prod", base_url=engine.base_url, production=True)
    _save_profiles(tmp_path, production)
    window = open_ready_window(production)
    answers = [False, True]
    questions: list[str] = []
    window.confirm = lambda _title, question: questions.append(question) or answers.pop(0)

    assert window.production_banner.isVisibleTo(window)
    assert "Production: Prod" in window.production_banner.text()
    form = window.open_form(FormKind.CREATE)
    qtbot.mouseClick(form.send_button, Qt.MouseButton.LeftButton)

    assert len(questions) == 1
    assert engine.base_url in questions[0]
    assert window.response.exchange is None
    assert not form.cancel_button.isEnabled()

    _send(qtbot, window, FormKind.CREATE)

    assert len(questions) == 2
    assert window.response.exchange is not None
    assert window.response.exchange.info is not None


def test_look_up_on_production_does_not_ask(
    qtbot: QtBot, open_ready_window: OpenWindow, tmp_path: Path, engine: ServedEngine
) -> None:
    production = Profile(new_profile_id(), "Prod", base_url=engine.base_url, production=True)
    _save_profiles(tmp_path, production)
    window = open_ready_window(production)
    window.confirm = lambda _title, _question: pytest.fail("a look-up must not ask")
    window.open_form(FormKind.LOOKUP).fields["session_id"].set_text("unknown-id")

    _send(qtbot, window, FormKind.LOOKUP)

    assert window.response.exchange is not None


def test_missing_secret_is_asked_once(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, engine: ServedEngine
) -> None:
    token_profile = Profile(
        new_profile_id(), "Token", base_url=engine.base_url, auth=AuthKind.BEARER
    )
    window.book.save(window.book.saved.added(token_profile))
    window._fill_picker()
    prompts: list[str] = []
    window.ask_secret = lambda _title, prompt: prompts.append(prompt) or TOKEN

    assert window.activate_profile(token_profile.id)
    window.activate_profile(window.book.saved.local_engine.id)
    assert window.activate_profile(token_profile.id)

    assert len(prompts) == 1
    assert "bearer token" in prompts[0]
    assert "in memory for this run only" in prompts[0]
    assert window.book.secrets.get(token_profile.id, SecretKind.TOKEN) == TOKEN
    _send(qtbot, window, FormKind.CREATE)
    exchange = window.response.exchange
    assert exchange is not None
    assert ("Authorization", f"Bearer {TOKEN}") in exchange.request.headers
    assert TOKEN not in window.response.request_view.toPlainText()
    assert "Bearer <redacted>" in window.response.request_view.toPlainText()


def test_cancelled_secret_prompt_keeps_profile(qtbot: QtBot, window: MainWindow) -> None:
    token_profile = Profile(
        new_profile_id(), "Token", base_url="http://127.0.0.1:9/gks-server/v1", auth=AuthKind.BEARER
    )
    window.book.save(window.book.saved.added(token_profile))
    window._fill_picker()
    window.ask_secret = lambda _title, _prompt: None

    assert not window.activate_profile(token_profile.id)

    assert window.profile.is_local
    assert window.profile_picker.currentText() == "Local engine"


def test_tls_off_shows_warning(
    qtbot: QtBot, open_ready_window: OpenWindow, tmp_path: Path, engine: ServedEngine
) -> None:
    unverified = Profile(new_profile_id(), "Lab", base_url=engine.base_url, verify_tls=False)
    _save_profiles(tmp_path, unverified)

    window = open_ready_window(unverified)

    assert window.tls_banner.isVisibleTo(window)
    assert "verification is off for Lab" in window.tls_banner.text()
    assert not window.production_banner.isVisibleTo(window)


def test_tls_off_warns_in_editor(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _dialog(qtbot, window)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert not dialog.editor.tls_warning.isVisibleTo(dialog)

    dialog.editor.verify_tls.setChecked(False)

    assert dialog.editor.tls_warning.isVisibleTo(dialog)


def test_tls_in_window(qtbot: QtBot, open_ready_window: OpenWindow, tmp_path: Path) -> None:
    with tls_server(tmp_path) as server:
        strict = Profile(new_profile_id(), "Strict", base_url=server.base_url)
        trusting = Profile(
            new_profile_id(), "With CA", base_url=server.base_url, ca_bundle=str(server.ca_bundle)
        )
        unverified = Profile(
            new_profile_id(), "Unverified", base_url=server.base_url, verify_tls=False
        )
        _save_profiles(tmp_path, strict, trusting, unverified)
        window = open_ready_window(strict)

        window.open_form(FormKind.LOOKUP).fields["session_id"].set_text("abc")
        _send(qtbot, window, FormKind.LOOKUP)
        strict_verdict = window.response.verdict.text()

        window.activate_profile(trusting.id)
        _send(qtbot, window, FormKind.LOOKUP)
        trusting_info = window.response.info_values["session_id"].text()

        window.activate_profile(unverified.id)
        _send(qtbot, window, FormKind.LOOKUP)
        unverified_info = window.response.info_values["session_id"].text()
        banner_shown = window.tls_banner.isVisibleTo(window)
        window.close()

    assert "TLS connection" in strict_verdict
    assert "CA bundle" in strict_verdict
    assert trusting_info == "abc"
    assert unverified_info == "abc"
    assert banner_shown


def test_close_asks_before_discarding_edits(qtbot: QtBot, window: MainWindow) -> None:
    questions: list[str] = []
    answers = [False, True]
    window.confirm = lambda _title, question: questions.append(question) or answers.pop(0)
    dialog = _dialog(qtbot, window)
    dialog.show()
    _type(qtbot, dialog, "agent_id", "default-agent")

    dialog.reject()
    still_open = dialog.isVisible()
    dialog.reject()

    assert still_open
    assert not dialog.isVisible()
    assert len(questions) == 2
    assert "unsaved changes" in questions[0]


def test_close_without_edits_does_not_ask(qtbot: QtBot, window: MainWindow) -> None:
    window.confirm = lambda _title, _question: pytest.fail("nothing was edited")
    dialog = _dialog(qtbot, window)
    dialog.show()

    dialog.reject()

    assert not dialog.isVisible()
