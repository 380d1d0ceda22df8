"""Light and dark palettes for when the platform gives none, as under Xvfb.

With "auto" the window follows the platform's palette. Qt's own colour-scheme request
(`QStyleHints.setColorScheme`) changes nothing without a platform theme, so an explicit
light or dark choice sets a full palette here.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

_DARK = {
    Role.Window: "#2b2d30",
    Role.WindowText: "#e6e6e6",
    Role.Base: "#1e1f22",
    Role.AlternateBase: "#27292c",
    Role.ToolTipBase: "#3c3f41",
    Role.ToolTipText: "#e6e6e6",
    Role.PlaceholderText: "#8c8f94",
    Role.Text: "#e6e6e6",
    Role.Button: "#35373b",
    Role.ButtonText: "#e6e6e6",
    Role.BrightText: "#ff6b6b",
    Role.Light: "#45484d",
    Role.Midlight: "#3b3e42",
    Role.Mid: "#2f3134",
    Role.Dark: "#1b1c1f",
    Role.Shadow: "#101113",
    Role.Highlight: "#2f65ca",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#7aa7ff",
    Role.LinkVisited: "#b88cff",
}
_DARK_DISABLED = {
    Role.WindowText: "#7d8085",
    Role.Text: "#7d8085",
    Role.ButtonText: "#7d8085",
    Role.Base: "#25272a",
}


def apply_color_scheme(app: QApplication, scheme: str) -> None:
    """Use the light or dark palette, or leave the platform's for "auto"."""
    if scheme == "auto":
        return
    # Imported here: the Qt namespace takes about 15 ms to load, which the first paint
    # with the platform's palette does not need.
    from PySide6.QtCore import Qt

    if scheme == "dark":
        app.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(dark_palette())
    elif scheme == "light":
        app.styleHints().setColorScheme(Qt.ColorScheme.Light)
        app.setPalette(app.style().standardPalette())


def dark_palette() -> QPalette:
    """Return a dark palette with readable disabled text."""
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette
