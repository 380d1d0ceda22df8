"""The profile manager: list, add, duplicate, edit, delete and test connection profiles."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from session_inspector.api.errors import InvalidInput
from session_inspector.profiles.checks import check_profile
from session_inspector.profiles.collection import ProfileList
from session_inspector.profiles.connect import required_secrets
from session_inspector.profiles.model import Profile, SecretKind, new_profile_id
from session_inspector.ui.profile_book import ProfileBook
from session_inspector.ui.profile_editor import ProfileEditor
from session_inspector.ui.services import WindowServices

logger = logging.getLogger(__name__)

Confirm = Callable[[str, str], bool]
NEW_PROFILE_URL = "http://127.0.0.1:8080/gks-server/v1"


class ProfileDialog(QDialog):
    """Edits the saved profiles; every change is written to the file when it is made.

    Signals:
        profiles_saved(): the file, or a secret, changed
        test_finished(str): a connection test ended with this one-line result
    """

    profiles_saved = Signal()
    test_finished = Signal(str)

    def __init__(
        self,
        book: ProfileBook,
        services: WindowServices | None,
        confirm: Confirm,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profile_dialog")
        self.setWindowTitle("Profiles")
        self._book = book
        self._services = services
        self._confirm = confirm
        self._dirty = False
        self._test_ticket: int | None = None

        self.profile_list = QListWidget(self)
        self.add_button = QPushButton("&Add", self)
        self.duplicate_button = QPushButton("D&uplicate", self)
        self.delete_button = QPushButton("&Delete", self)
        self.editor = ProfileEditor(self)
        self.test_button = QPushButton("&Test connection", self)
        self.save_button = QPushButton("&Save", self)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("profile_result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._lay_out()
        self._connect()
        self._fill_list(book.saved.local_engine.id)

    def select(self, profile_id: str) -> None:
        """Show the profile with this id in the editor."""
        for row in range(self.profile_list.count()):
            if self.profile_list.item(row).data(Qt.ItemDataRole.UserRole) == profile_id:
                self.profile_list.setCurrentRow(row)

    def current_profile(self) -> Profile:
        """Return the saved profile that the editor shows."""
        item = self.profile_list.currentItem()
        profile = self._book.saved.by_id(item.data(Qt.ItemDataRole.UserRole))
        assert profile is not None
        return profile

    def save(self) -> bool:
        """Write the edited profile and its typed secret; return whether it worked."""
        profile = self.editor.profile()
        others = [p for p in self._book.saved if p.id != profile.id]
        problems = check_profile(profile, others)
        if problems or self.editor.has_errors():
            first = problems[0].message if problems else "A field above has an error."
            self._show_result(f"Not saved: {first}")
            return False

        if not self._write(lambda: self._book.saved.replaced(profile)):
            return False
        self._store_typed_secret(profile)
        self._dirty = False
        self._fill_list(profile.id)
        self._show_result(f"Saved {profile.name!r}.", self._keyring_notice())
        return True

    def reject(self) -> None:
        """Close the dialog, as Close and Escape do, after asking about unsaved edits."""
        if self._dirty and not self._confirm(
            "Discard changes?", "The edited profile has unsaved changes. Close and discard them?"
        ):
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._dirty and not self._confirm(
            "Discard changes?", "The edited profile has unsaved changes. Close and discard them?"
        ):
            event.ignore()
            return
        self._dirty = False
        super().closeEvent(event)

    def _lay_out(self) -> None:
        self.resize(860, 620)
        list_buttons = QHBoxLayout()
        for button in (self.add_button, self.duplicate_button, self.delete_button):
            list_buttons.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(self.profile_list, 1)
        left.addLayout(list_buttons)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        right.addWidget(self.result_label)
        right.addLayout(actions)

        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(close)

    def _connect(self) -> None:
        self.profile_list.currentItemChanged.connect(self._on_selection)
        self.add_button.clicked.connect(self._add)
        self.duplicate_button.clicked.connect(self._duplicate)
        self.delete_button.clicked.connect(self._delete)
        self.save_button.clicked.connect(self.save)
        self.test_button.clicked.connect(self._test)
        self.editor.changed.connect(self._on_change)
        if self._services is not None:
            self._services.runner.finished.connect(self._on_test_finished)
            self._services.runner.failed.connect(self._on_test_finished)

    def _fill_list(self, selected_id: str) -> None:
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        for profile in self._book.saved:
            label = f"{profile.name} (production)" if profile.production else profile.name
            item = QListWidgetItem(label, self.profile_list)
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
        self.profile_list.blockSignals(False)
        self.select(selected_id)
        self._show_current()

    def _on_selection(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if current is None:
            return
        keep_editing = (
            self._dirty
            and previous is not None
            and not self._confirm(
                "Discard changes?", "The edited profile has unsaved changes. Discard them?"
            )
        )
        if keep_editing and previous is not None:
            self.profile_list.blockSignals(True)
            self.profile_list.setCurrentItem(previous)
            self.profile_list.blockSignals(False)
            return
        self._show_current()

    def _show_current(self) -> None:
        profile = self.current_profile()
        others = [p for p in self._book.saved if p.id != profile.id]
        self.editor.load(profile, others, self._secret_stored(profile))
        self.delete_button.setEnabled(not profile.is_local)
        self.duplicate_button.setEnabled(not profile.is_local)
        self._dirty = False
        self.save_button.setEnabled(False)

    def _on_change(self) -> None:
        self._dirty = True
        self.save_button.setEnabled(not self.editor.has_errors())

    def _add(self) -> None:
        profile = Profile(
            new_profile_id(), self._unique_name("New profile"), base_url=NEW_PROFILE_URL
        )
        if self._write(lambda: self._book.saved.added(profile)):
            self._dirty = False
            self._fill_list(profile.id)
            self._show_result(f"Added {profile.name!r}; edit its settings and press Save.")

    def _duplicate(self) -> None:
        original = self.current_profile()
        copy = replace(
            original, id=new_profile_id(), name=self._unique_name(f"{original.name} copy")
        )
        if not self._write(lambda: self._book.saved.added(copy)):
            return
        for kind in required_secrets(original):
            value = self._book.secrets.get(original.id, kind)
            if value:
                self._book.secrets.set(copy.id, kind, value)
        self._dirty = False
        self._fill_list(copy.id)
        self._show_result(f"Duplicated {original.name!r} as {copy.name!r}, with its secrets.")

    def _delete(self) -> None:
        profile = self.current_profile()
        question = f"Delete the profile {profile.name!r} and the secrets kept for it?"
        if not self._confirm("Delete profile?", question):
            return
        if self._write(lambda: self._book.saved.removed(profile.id)):
            self._book.forget_secrets(profile)
            self._dirty = False
            self._fill_list(self._book.saved.local_engine.id)
            self._show_result(f"Deleted {profile.name!r} and its secrets.")

    def _test(self) -> None:
        if self._services is None:
            self._show_result("The window is still starting; try again in a moment.")
            return
        profile = self.editor.profile()
        if profile.production and not self._confirm(
            "Test a production profile?",
            f"Testing creates a session on {profile.base_url}, which is marked as "
            "production. Create it?",
        ):
            return
        secrets = self._secrets_for_test(profile)
        self._test_ticket = self._services.test_profile(profile, secrets)
        self.test_button.setEnabled(False)
        self._show_result(f"Testing {profile.name!r}: creating a session and reading it back…")

    def _secrets_for_test(self, profile: Profile) -> dict[SecretKind, str | None]:
        values: dict[SecretKind, str | None] = {}
        typed = self.editor.typed_secret()
        for kind in required_secrets(profile):
            stored = self._book.secrets.get(profile.id, kind)
            values[kind] = typed if typed and kind is profile.auth_secret else stored
        return values

    def _on_test_finished(self, ticket: int, result: object) -> None:
        if ticket != self._test_ticket:
            return
        self._test_ticket = None
        self.test_button.setEnabled(True)
        self._show_result(str(result))
        self.test_finished.emit(str(result))

    def _write(self, change: Callable[[], ProfileList]) -> bool:
        """Build the changed list and write it, or show why it cannot be written."""
        try:
            backup_note = self._book.save(change())
        except InvalidInput as error:
            self._show_result(f"Not saved: {error.message}")
            return False
        except OSError as error:
            self._show_result(f"Could not write the profiles file ({error}); nothing was changed.")
            logger.error("Could not write the profiles file: %s", error)
            return False
        if backup_note:
            self._show_result(backup_note)
        self.profiles_saved.emit()
        return True

    def _store_typed_secret(self, profile: Profile) -> None:
        typed = self.editor.typed_secret()
        if typed and profile.auth_secret is not None:
            self._book.secrets.set(profile.id, profile.auth_secret, typed)
            self.profiles_saved.emit()

    def _secret_stored(self, profile: Profile) -> bool:
        if profile.auth_secret is None:
            return False
        return self._book.secrets.get(profile.id, profile.auth_secret) is not None

    def _keyring_notice(self) -> str:
        return self._book.secrets.take_notice() or ""

    def _unique_name(self, base: str) -> str:
        name, number = base, 2
        while self._book.saved.find(name) is not None:
            name, number = f"{base} {number}", number + 1
        return name

    def _show_result(self, *sentences: str) -> None:
        self.result_label.setText(" ".join(s for s in sentences if s))
