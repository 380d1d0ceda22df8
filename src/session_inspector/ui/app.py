"""Start the GUI: the QApplication, the main window, then its services after first paint."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from session_inspector import __version__
from session_inspector.api.errors import InvalidInput
from session_inspector.profiles.model import Profile
from session_inspector.profiles.store import ProfileStore
from session_inspector.ui import window_state
from session_inspector.ui.main_window import MainWindow
from session_inspector.ui.profile_book import ProfileBook
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
    book: ProfileBook,
    settings: QSettings,
    database: str | Path | None = None,
    profile_id: str | None = None,
    after_paint: Callable[[], None] | None = None,
) -> MainWindow:
    """Show a main window now, complete it after its first paint, then attach services.

    The window opens on `profile_id`, else on the profile active when it last closed,
    else on the Local engine. `after_paint`, when given, runs once the complete window
    has painted, before the services start.
    """
    wanted = profile_id or window_state.active_profile_id(settings)
    profile = (book.by_id(wanted) if wanted else None) or book.saved.local_engine
    window = MainWindow(book, profile, settings)

    def start() -> None:
        if after_paint is not None:
            after_paint()
        start_services(window, database)

    def complete() -> None:
        window.finish_building()
        # The services import httpx and the engine, about 100 ms; the completed window
        # paints before that.
        PaintTrigger(window, [window, window.response, window.sessions], start)

    PaintTrigger(window, [window], complete)
    window.show()
    return window


class PaintTrigger(QObject):
    """Runs a callback once, right after the first Paint event of any of some widgets.

    A zero-delay timer alone is not enough: it fires before pending Paint events, so
    the work would delay the paint. Platforms that never paint (a hidden window) get
    the callback after FALLBACK_MS instead.
    """

    FALLBACK_MS = 1000

    def __init__(
        self, owner: QObject, widgets: Sequence[QWidget], callback: Callable[[], None]
    ) -> None:
        super().__init__(owner)
        self._widgets = list(widgets)
        self._callback: Callable[[], None] | None = callback
        for widget in self._widgets:
            widget.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self._widgets:
            # Let the paint finish and reach the screen before the callback runs.
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        for widget in self._widgets:
            widget.removeEventFilter(self)
        callback()


def start_services(window: MainWindow, database: str | Path | None) -> None:
    """Create the window's services, or show why they could not start.

    When the profile cannot be used (a secret not given, a TLS file missing), the window
    falls back to the Local engine and says why.
    """
    # Imported here so that httpx and the engine load after the window is painted.
    from session_inspector.ui.profile_secrets import gather_secrets
    from session_inspector.ui.services import WindowServices

    if window.book.load_problem:
        window.show_startup_error(window.book.load_problem)
    problem = None
    secrets = gather_secrets(window.book, window.profile, window.ask_secret)
    if secrets is not None:
        try:
            window.attach(WindowServices(window.profile, secrets, database))
            return
        except InvalidInput as error:
            problem = error.message
    else:
        problem = f"No secret was given for the profile {window.profile.name!r}."

    local = window.book.saved.local_engine
    logger.warning("%s Opening the %s profile instead.", problem, local.name)
    window.profile = local
    window.apply_profile()
    try:
        services = WindowServices(local, {}, database)
    except InvalidInput as error:
        window.show_startup_error(error.message)
        return
    window.attach(services)
    window.show_startup_error(f"{problem} The window opened on the {local.name} profile.")


def run_gui(
    unsaved: Profile | None = None,
    color_scheme: str = "auto",
    profile_name: str | None = None,
    profiles_file: Path | None = None,
) -> int:
    """Run the GUI until its window closes and return the exit code.

    `unsaved` is a --base-url target, listed with the saved profiles and active at start;
    `profile_name` names a saved profile to start on instead.
    """
    # Collections during start-up cost about 30 ms (measured in bench/gui_startup.py) and
    # find nothing to free, so they wait until the window is ready. The installed
    # command's launcher has stopped the collector already; this covers other callers.
    gc.disable()
    app = create_application(color_scheme)
    book = ProfileBook(ProfileStore(profiles_file), unsaved)
    profile_id = unsaved.id if unsaved else None
    if profile_name is not None:
        named = book.saved.find(profile_name)
        if named is None:
            known = ", ".join(repr(p.name) for p in book.saved)
            print(
                f"session-inspector: no profile is named {profile_name!r}; the profiles "
                f"are {known}. Add one with `session-inspector profiles add NAME --base-url "
                "URL`, or in the window under File > Profiles.",
                file=sys.stderr,
            )
            return 2
        profile_id = named.id
    # The log file waits for the first paint: logging.handlers takes about 10 ms to
    # import. It is open before the services start, so their warnings reach it.
    window = open_window(book, window_settings(), profile_id=profile_id, after_paint=_log_to_file)
    window.ready.connect(_collect_garbage_again)
    return app.exec()


def _log_to_file() -> None:
    """Keep the window's log records in a rotating file in the user log directory.

    The records carry no secret: the client logs redacted URLs and never headers.
    """
    from logging.handlers import RotatingFileHandler

    import platformdirs

    folder = platformdirs.user_log_path("session-inspector", appauthor=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / "session-inspector.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as error:
        logger.warning("Cannot write the log file in %s: %s", folder, error)
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)


def _collect_garbage_again() -> None:
    # Objects made during start-up live as long as the window, so they are frozen out
    # of later collections rather than scanned each time.
    gc.freeze()
    gc.enable()
