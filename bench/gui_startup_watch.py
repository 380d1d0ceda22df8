"""The Qt side of gui_startup_probe.py: watch first Paint events and `ready`, then report.

It imports only what a bare window needs, so that the baseline pays for nothing that only
the probe uses. json and cProfile load after the last mark.
"""

import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

# The size that MainWindow gives itself, so both windows paint the same area.
WINDOW_SIZE = (1200, 760)
TIMEOUT_MS = 30_000


class Watcher(QObject):
    """An event filter that records the first Paint event of chosen widgets.

    The filter sits on those widgets only: on the whole application it would run Python
    code for each of the thousands of events that building the main window sends, and
    slow the app down more than the bare window.
    """

    def __init__(self, marks: dict[str, float], collections: Any, window: QMainWindow) -> None:
        super().__init__()
        self.marks = marks
        self.window = window
        self._collections = collections
        self._watched: dict[QWidget, str] = {}
        self._rss_kib = 0
        QTimer.singleShot(TIMEOUT_MS, self._time_out)

    def watch(self, widget: QWidget, mark: str) -> None:
        """Record `mark` at the first Paint event that `widget` receives."""
        self._watched[widget] = mark
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            mark = self._watched[watched]
            if mark not in self.marks:
                self.marks[mark] = time.monotonic()
                self.on_mark(mark)
        return False

    def on_mark(self, mark: str) -> None:
        """React to a mark: finish once every awaited mark is in."""
        if mark in self.rss_marks():
            self._rss_kib = rss_kib()
        if all(name in self.marks for name in self.awaited_marks()):
            self.finish()

    def awaited_marks(self) -> tuple[str, ...]:
        """Return the marks to wait for before the report."""
        return ("shown",)

    def rss_marks(self) -> tuple[str, ...]:
        """Return the marks at which the RSS is read."""
        return ("shown",)

    def finish(self) -> None:
        """Print the marks, the RSS and the Qt platform as one JSON line, then quit."""
        import json

        from PySide6.QtGui import QGuiApplication

        result = {
            "marks": self.marks,
            "rss_kib": self._rss_kib,
            "platform": QGuiApplication.platformName(),
            "gc_ms_by_generation": self._collections.ms_by_generation,
            "gc_runs_by_generation": self._collections.runs_by_generation,
        }
        print(json.dumps(result), flush=True)
        for widget in self._watched:
            widget.removeEventFilter(self)
        # Closing waits until the event loop has left the Paint event or signal handler
        # that called this.
        QTimer.singleShot(0, self._close_and_quit)

    def _close_and_quit(self) -> None:
        self.window.close()
        application = QApplication.instance()
        if application is not None:
            application.quit()

    def _time_out(self) -> None:
        print(f"timed out after {TIMEOUT_MS} ms with marks {sorted(self.marks)}", file=sys.stderr)
        application = QApplication.instance()
        if application is not None:
            application.exit(1)


class AppWatcher(Watcher):
    """Watches Session Inspector's window: shown at the open form's first Paint event,
    complete at the response panel's first one (it is built after the first paint),
    ready at the window's `ready` signal. Writes a cProfile of that span when asked."""

    def __init__(
        self,
        marks: dict[str, float],
        collections: Any,
        window: Any,
        profiler: Any,
        profile_path: Path | None,
    ) -> None:
        super().__init__(marks, collections, window)
        self._profiler = profiler
        self._profile_path = profile_path
        # Qt sends Paint events from the event loop, which has not run since the window
        # was built, so none has passed yet.
        self.watch(window, "window_paint")
        self.watch(window.current_form(), "shown")
        window.ready.connect(self._on_ready)
        finish_building = window.finish_building

        def marked_finish_building() -> None:
            finish_building()
            # attach calls it again, which does nothing.
            if "built" not in self.marks:
                self.marks["built"] = time.monotonic()
                self.watch(window.response, "complete")

        # open_window's paint trigger looks the method up on the window when it fires.
        window.finish_building = marked_finish_building

    def _on_ready(self) -> None:
        self.marks["ready"] = time.monotonic()
        self.on_mark("ready")

    def awaited_marks(self) -> tuple[str, ...]:
        return ("shown", "complete", "ready")

    def rss_marks(self) -> tuple[str, ...]:
        return ("ready",)

    def finish(self) -> None:
        if self._profiler is not None and self._profile_path is not None:
            self._profiler.disable()
            self._profiler.dump_stats(str(self._profile_path))
        super().finish()


def run_bare(marks: dict[str, float], collections: Any) -> int:
    """Open a bare QMainWindow, shown at its first Paint event; return the exit code."""
    marks["qt_imported"] = time.monotonic()
    application = QApplication(sys.argv[:1])
    marks["application"] = time.monotonic()
    window = QMainWindow()
    window.resize(*WINDOW_SIZE)
    window.show()
    marks["window_shown"] = time.monotonic()
    watcher = Watcher(marks, collections, window)
    watcher.watch(window, "shown")
    return application.exec()


def watch_app(
    gui_app: ModuleType, marks: dict[str, float], collections: Any, profile: Path | None
) -> None:
    """Wrap ui.app's create_application, open_window and start_services to mark them.

    The wrappers call the originals unchanged; open_window's wrapper also sets a watcher
    on the window it returns.
    """
    create_application = gui_app.create_application
    open_window = gui_app.open_window
    start_services = gui_app.start_services
    keep: list[AppWatcher] = []

    def marked_create_application(*args: Any, **kwargs: Any) -> Any:
        application = create_application(*args, **kwargs)
        marks["application"] = time.monotonic()
        return application

    def marked_open_window(*args: Any, **kwargs: Any) -> Any:
        profiler = None
        if profile is not None:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        window = open_window(*args, **kwargs)
        marks["window_shown"] = time.monotonic()
        keep.append(AppWatcher(marks, collections, window, profiler, profile))
        return window

    def marked_start_services(*args: Any) -> None:
        marks["services_start"] = time.monotonic()
        start_services(*args)

    gui_app.create_application = marked_create_application
    gui_app.open_window = marked_open_window
    gui_app.start_services = marked_start_services


def rss_kib() -> int:
    """Return this process's resident set size (VmRSS) in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("/proc/self/status has no VmRSS line")
