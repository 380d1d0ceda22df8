"""A line edit with its check shown beneath it as the user types."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QStyle, QWidget

from session_inspector.ui.checks import OK, Check, Severity

Checker = Callable[[str], Check]

# The icon names, by severity. QStyle's enums take about 5 ms to load, which the first
# paint of a form without messages does not need.
_ICONS = {Severity.WARNING: "SP_MessageBoxWarning", Severity.ERROR: "SP_MessageBoxCritical"}


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
        self.icon = QLabel(self)
        self.message = QLabel(self)
        self.message.setObjectName(f"{name}_message")
        self.message.setWordWrap(True)
        self._message_row_ready = False

        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setHorizontalSpacing(4)
        self._layout.setVerticalSpacing(2)
        self._layout.addWidget(self.edit, 0, 0, 1, 2)
        self._layout.addWidget(self.icon, 1, 0)
        self._layout.addWidget(self.message, 1, 1)
        self._layout.setColumnStretch(1, 1)
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

    def add_clear_button(self) -> None:
        """Show a button that empties the field while it has text.

        The window adds it after its first paint: the first one loads an icon, about 4 ms.
        """
        self.edit.setClearButtonEnabled(True)

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

        self._prepare_message_row()
        size = self.message.fontMetrics().height()
        pixmap = QStyle.StandardPixmap[icon]
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))
        self.message.setText(check.message)

    def _prepare_message_row(self) -> None:
        # Set up when the first message shows, not before the window's first paint: these
        # flags come from the Qt namespace, whose enums take about 15 ms to load.
        if self._message_row_ready:
            return
        from PySide6.QtCore import Qt

        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout.setAlignment(self.icon, Qt.AlignmentFlag.AlignTop)
        self._message_row_ready = True
