"""Window size, splitter positions and the active profile, kept in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

ACTIVE_PROFILE_KEY = "profiles/active"
LOG_VISIBLE_KEY = "window/log_visible"


def restore_window(settings: QSettings, window: QMainWindow) -> None:
    """Restore the geometry and the toolbar and dock state, where saved.

    A dock widget created later takes its saved place with `restoreDockWidget`.
    """
    _restore(settings, "window/geometry", window.restoreGeometry)
    _restore(settings, "window/state", window.restoreState)


def restore_splitters(settings: QSettings, splitters: list[QSplitter]) -> None:
    """Restore each splitter's sizes by its object name, where saved."""
    for splitter in splitters:
        _restore(settings, f"window/{splitter.objectName()}", splitter.restoreState)


def save_layout(settings: QSettings, window: QMainWindow, splitters: list[QSplitter]) -> None:
    """Save the geometry, the dock state and each splitter by its object name."""
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    for splitter in splitters:
        settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())
    settings.sync()


def log_visible(settings: QSettings) -> bool:
    """Tell whether the log panel was shown when the window last closed; yes at first."""
    value = settings.value(LOG_VISIBLE_KEY, "true")
    return str(value).lower() == "true"


def remember_log_visible(settings: QSettings, visible: bool) -> None:
    """Store whether the log panel is shown, for the next start."""
    settings.setValue(LOG_VISIBLE_KEY, "true" if visible else "false")
    settings.sync()


def active_profile_id(settings: QSettings) -> str | None:
    """Return the id of the profile that was active when the window last closed."""
    value = settings.value(ACTIVE_PROFILE_KEY)
    return value if isinstance(value, str) else None


def remember_active_profile(settings: QSettings, profile_id: str) -> None:
    """Store the id of the active profile for the next start."""
    settings.setValue(ACTIVE_PROFILE_KEY, profile_id)


def _restore(settings: QSettings, key: str, restore: object) -> None:
    value = settings.value(key)
    if isinstance(value, QByteArray) and callable(restore):
        restore(value)
