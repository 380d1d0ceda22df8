"""Questions the window asks the user; tests replace them with plain functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from session_inspector import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# The dialog classes are imported where they are used: the window creates these
# functions before its first paint, and the classes take about 1 ms to load.

# (title, question) -> whether the user agreed.
Confirm = Callable[[str, str], bool]
# (title, prompt) -> the typed secret, or None when the user cancelled.
AskSecret = Callable[[str, str], str | None]


def confirm_with_dialog(parent: QWidget) -> Confirm:
    """Return a Confirm that asks with a Yes/No message box, No being the default."""

    def confirm(title: str, question: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            parent,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    return confirm


def ask_secret_with_dialog(parent: QWidget) -> AskSecret:
    """Return an AskSecret that asks in an input dialog that hides what is typed."""

    def ask(title: str, prompt: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        text, accepted = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Password)
        return text if accepted and text else None

    return ask


def show_about(parent: QWidget) -> None:
    """Show the program's name, version and purpose."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(
        parent,
        "About Session Inspector",
        f"<b>Session Inspector {__version__}</b><p>Create, look up and update sessions "
        "of the Knowledge Center Session Management API, against a server or the "
        "bundled local engine.</p>",
    )
