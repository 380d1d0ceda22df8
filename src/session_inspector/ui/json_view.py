"""Pretty-printed JSON with syntax colours that suit the light or dark palette."""

from __future__ import annotations

import json
import re

from PySide6.QtGui import QColor, QFont, QPalette, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

# Keys are strings followed by a colon; they are coloured apart from string values.
_TOKENS = re.compile(
    r'(?P<key>"(?:[^"\\]|\\.)*"(?=\s*:))'
    r'|(?P<string>"(?:[^"\\]|\\.)*")'
    r"|(?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"
    r"|(?P<literal>\btrue\b|\bfalse\b|\bnull\b)"
)

_LIGHT = {"key": "#1a4f9c", "string": "#227a22", "number": "#a3480f", "literal": "#8a1fa3"}
_DARK = {"key": "#8cb8ff", "string": "#9ad88b", "number": "#f2a46b", "literal": "#d79bf2"}


def pretty_json(body: bytes) -> str | None:
    """Return the body as indented JSON, or None when it is not JSON."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return json.dumps(data, indent=2, ensure_ascii=False)


class JsonHighlighter(QSyntaxHighlighter):
    """Colours JSON keys, strings, numbers and literals."""

    def __init__(self, view: QPlainTextEdit) -> None:
        super().__init__(view.document())
        dark = view.palette().color(QPalette.ColorRole.Base).lightness() < 128
        colours = _DARK if dark else _LIGHT
        self._formats = {name: _format(colour) for name, colour in colours.items()}

    def highlightBlock(self, text: str) -> None:
        for match in _TOKENS.finditer(text):
            kind = match.lastgroup
            if kind is not None:
                self.setFormat(match.start(), match.end() - match.start(), self._formats[kind])


def monospace_view(parent: QWidget | None = None) -> QPlainTextEdit:
    """Return a read-only plain text view in the system's fixed-width font."""
    view = QPlainTextEdit(parent)
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    view.setFont(font)
    return view


def _format(colour: str) -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setForeground(QColor(colour))
    return text_format


def is_dark_palette() -> bool:
    """Tell whether the application's palette is dark."""
    palette = QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
