"""Start the GUI: the QApplication, the main window, then its services after first paint."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from session_inspector import __version__
from session_inspector.api.errors import InvalidInput
from session_inspector.ui.main_window import MainWindow
from session_inspector.ui.target import TargetChoice
from session_inspector.ui.theme import apply_color_scheme

logger = logging.getLogger(__name__)


def display_available() -> bool:
    """Tell whether Qt can open a window: a display, or a platform chosen explicitly."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def create_application(color_scheme: str = "auto") -> QApplication:
    """Create the QApplication with the program's names and the chosen colour scheme."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("session-inspector")
    app.setApplicationDisplayName("Session Inspector")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("session-inspector")
    apply_color_scheme(app, color_scheme)
    return app


def window_settings() -> QSettings:
    """Return the settings file of window size and splitter positions (INI, user scope)."""
    return QSettings(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        "session-inspector",
        "window",
    )


def open_window(
    choice: TargetChoice, settings: QSettings, database: str | Path | None = None
) -> MainWindow:
    """Show a main window now and attach its services once the first paint is done."""
    window = MainWindow(choice, settings)
    window.show()
    QTimer.singleShot(0, window, lambda: start_services(window, database))
    return window


def start_services(window: MainWindow, database: str | Path | None) -> None:
    """Create the window's services, or show why they could not start."""
    # Imported here so that httpx and the engine load after the window is painted.
    from session_inspector.ui.services import WindowServices

    try:
        services = WindowServices(window.choice, database)
    except InvalidInput as error:
        logger.error("%s", error.message)
        window.show_startup_error(error.message)
        return
    window.attach(services)


def run_gui(choice: TargetChoice, color_scheme: str = "auto") -> int:
    """Run the GUI until its window closes and return the exit code."""
    app = create_application(color_scheme)
    open_window(choice, window_settings())
    return app.exec()
