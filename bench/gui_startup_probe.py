"""Open one window as the program's GUI entry does, print its start-up timestamps, quit.

gui_startup.py spawns this script once per measurement. `app` opens Session Inspector's
main window on the local engine with `create_application` and `open_window`. `entry`
first imports the command line and parses no arguments, as the installed
`session-inspector` command does before it opens the same window. `bare` opens an empty
PySide6 QMainWindow of the same size, the baseline. Each prints one JSON line with
time.monotonic() values, the RSS, and the time spent in the garbage collector. On Linux
that clock is CLOCK_MONOTONIC, which every process shares, so the parent subtracts the
moment just before it spawned this process.

Usage: python bench/gui_startup_probe.py {app,entry,bare} --scratch DIR [--profile FILE]
"""

import time

# Taken before any other import, so it marks the end of the interpreter's own start.
INTERPRETER_READY = time.monotonic()

import argparse  # noqa: E402
import cProfile  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


class CollectionTimer:
    """A sum of the garbage collector's run times and counts per generation, from gc.callbacks."""

    def __init__(self) -> None:
        self.ms_by_generation = [0.0, 0.0, 0.0]
        self.runs_by_generation = [0, 0, 0]
        self._started = 0.0
        gc.callbacks.append(self._on_collection)

    def _on_collection(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        generation = info["generation"]
        self.ms_by_generation[generation] += (time.perf_counter() - self._started) * 1000
        self.runs_by_generation[generation] += 1


COLLECTIONS = CollectionTimer()

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget  # noqa: E402

QT_IMPORTED = time.monotonic()

# The size that MainWindow gives itself, so both windows paint the same area.
WINDOW_SIZE = (1200, 760)
TIMEOUT_MS = 30_000


def main(argv: Sequence[str] | None = None) -> int:
    """Open the chosen window, wait until it is shown (and ready), print the marks."""
    options = _parse_arguments(argv)
    marks = {"interpreter": INTERPRETER_READY, "qt_imported": QT_IMPORTED}
    if options.kind == "bare":
        return BareProbe(marks).run()
    if options.kind == "entry":
        from session_inspector.cli import build_parser

        build_parser().parse_args([])
        marks["cli_imported"] = time.monotonic()
    return AppProbe(marks, options.scratch, options.profile).run()


def _parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("app", "entry", "bare"), help="which start to run")
    parser.add_argument(
        "--scratch",
        type=Path,
        required=True,
        help="folder for the window settings and the engine database (app and entry)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="write cProfile statistics of the GUI thread from open_window to ready and shown"
        " (app and entry)",
    )
    return parser.parse_args(argv)


class Probe(QObject):
    """An event filter that records the first Paint event of chosen widgets.

    Subclasses open a window, name the widgets to watch and call `finish`. The filter sits
    on those widgets only: on the whole application it would run Python code for each of
    the thousands of events that building the main window sends, and slow the app down
    more than the bare window.
    """

    def __init__(self, marks: dict[str, float], application: QApplication) -> None:
        super().__init__()
        self.marks = marks
        self._watched: dict[QWidget, str] = {}
        self._application = application
        QTimer.singleShot(TIMEOUT_MS, self._time_out)

    def watch(self, widget: QWidget, mark: str) -> None:
        """Record `mark` at the first Paint event that `widget` receives."""
        self._watched[widget] = mark
        widget.installEventFilter(self)

    def run(self) -> int:
        """Run the event loop until `finish` quits it; return its exit code."""
        return self._application.exec()

    def finish(self, rss_kib: int) -> None:
        """Print the marks, the RSS and the Qt platform as one JSON line, then quit."""
        result = {
            "marks": self.marks,
            "rss_kib": rss_kib,
            "platform": QGuiApplication.platformName(),
            "gc_ms_by_generation": COLLECTIONS.ms_by_generation,
            "gc_runs_by_generation": COLLECTIONS.runs_by_generation,
        }
        print(json.dumps(result), flush=True)
        for widget in self._watched:
            widget.removeEventFilter(self)
        # Closing waits until the event loop has left the Paint event or signal handler
        # that called this.
        QTimer.singleShot(0, self._close_and_quit)

    def _close_and_quit(self) -> None:
        self.close_window()
        self._application.quit()

    def close_window(self) -> None:
        """Close the window before the event loop ends."""
        raise NotImplementedError

    def on_mark(self, mark: str) -> None:
        """React to a mark that a Paint event recorded."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            mark = self._watched[watched]
            if mark not in self.marks:
                self.marks[mark] = time.monotonic()
                self.on_mark(mark)
        return False

    def _time_out(self) -> None:
        print(f"timed out after {TIMEOUT_MS} ms with marks {sorted(self.marks)}", file=sys.stderr)
        self._application.exit(1)


class BareProbe(Probe):
    """A bare QMainWindow: shown at its first Paint event, with nothing else to wait for."""

    def __init__(self, marks: dict[str, float]) -> None:
        application = QApplication(sys.argv[:1])
        marks["application"] = time.monotonic()
        super().__init__(marks, application)
        self.window = QMainWindow()
        self.window.resize(*WINDOW_SIZE)
        self.window.show()
        marks["window_shown"] = time.monotonic()
        self.watch(self.window, "shown")

    def on_mark(self, mark: str) -> None:
        if mark == "shown":
            self.finish(rss_kib())

    def close_window(self) -> None:
        self.window.close()


class AppProbe(Probe):
    """Session Inspector's window on the local engine.

    It is shown when the open form has painted, and ready at the window's `ready` signal.
    """

    def __init__(self, marks: dict[str, float], scratch: Path, profile: Path | None) -> None:
        from session_inspector.profiles.store import ProfileStore
        from session_inspector.ui import app as gui_app
        from session_inspector.ui.profile_book import ProfileBook

        marks["app_imported"] = time.monotonic()
        application = gui_app.create_application()
        marks["application"] = time.monotonic()
        super().__init__(marks, application)
        self._profiler = cProfile.Profile() if profile is not None else None
        self._profile_path = profile
        self._rss_at_ready = 0
        gui_app.start_services = self._timed(gui_app.start_services)

        settings = QSettings(str(scratch / "window.ini"), QSettings.Format.IniFormat)
        if self._profiler is not None:
            self._profiler.enable()
        # As the program does: the profiles file is read before the window is built.
        book = ProfileBook(ProfileStore(scratch / "profiles.toml"))
        self.window = gui_app.open_window(book, settings, database=scratch / "engine.sqlite3")
        marks["window_shown"] = time.monotonic()
        # Qt sends Paint events from the event loop (update requests, the display's expose
        # events), which has not run since the window was built, so none has passed yet.
        self.watch(self.window, "window_paint")
        self.watch(self.window.current_form(), "shown")
        self.window.ready.connect(self._on_ready)

    def _timed(self, start_services: Callable[..., None]) -> Callable[..., None]:
        # open_window looks start_services up when its timer fires, so this wrapper runs
        # in its place. It records when the services start and changes nothing else.
        def timed_start(*args: Any) -> None:
            self.marks["services_start"] = time.monotonic()
            start_services(*args)

        return timed_start

    def _on_ready(self) -> None:
        self.marks["ready"] = time.monotonic()
        self._rss_at_ready = rss_kib()
        self._finish_when_complete()

    def on_mark(self, mark: str) -> None:
        self._finish_when_complete()

    def _finish_when_complete(self) -> None:
        if "shown" not in self.marks or "ready" not in self.marks:
            return
        if self._profiler is not None and self._profile_path is not None:
            self._profiler.disable()
            self._profiler.dump_stats(str(self._profile_path))
        self.finish(self._rss_at_ready)

    def close_window(self) -> None:
        self.window.close()


def rss_kib() -> int:
    """Return this process's resident set size (VmRSS) in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("/proc/self/status has no VmRSS line")


if __name__ == "__main__":
    sys.exit(main())
