"""A line edit with its check shown beneath it as the user types."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QStyle, QWidget

from session_inspector.ui.checks import OK, Check, Severity

Checker = Callable[[str], Check]

_ICONS = {
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
}


class CheckedField(QWidget):
    """A QLineEdit whose text is checked on every edit, with the reason shown beneath.

    Signals:
        check_changed(): the verdict may have changed; read `check`
    """

    check_changed = Signal()

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._checker: Checker = lambda _text: OK
        self._check = OK

        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"{name}_edit")
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.icon = QLabel(self)
        self.message = QLabel(self)
        self.message.setObjectName(f"{name}_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(4)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.edit, 0, 0, 1, 2)
        layout.addWidget(self.icon, 1, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.message, 1, 1)
        layout.setColumnStretch(1, 1)
        self._show(OK)
        self.edit.textChanged.connect(self.recheck)

    @property
    def check(self) -> Check:
        """The verdict on the current text."""
        return self._check

    def text(self) -> str:
        """Return the text as typed, spaces included: a session id may contain them."""
        return self.edit.text()

    def set_text(self, text: str) -> None:
        """Replace the text and check it."""
        self.edit.setText(text)

    def set_checker(self, checker: Checker) -> None:
        """Use another check, for example after the target changed, and apply it now."""
        self._checker = checker
        self.recheck()

    def recheck(self) -> None:
        """Check the current text and show the verdict."""
        self._check = self._checker(self.edit.text())
        self._show(self._check)
        self.check_changed.emit()

    def _show(self, check: Check) -> None:
        icon = _ICONS.get(check.severity)
        visible = icon is not None
        self.icon.setVisible(visible)
        self.message.setVisible(visible)
        self.edit.setToolTip(check.message)
        if icon is None:
            return

        size = self.message.fontMetrics().height()
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(size, size))
        self.message.setText(check.message)
