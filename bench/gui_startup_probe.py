"""Start one window, print its start-up timestamps, quit.

gui_startup.py spawns this script once per measurement.

`app` runs the installed `session-inspector` command's own entry, `launcher.main`, with no
arguments, as a user starts the program: it opens the main window on the local engine.
Its files (profiles, window settings, engine database, log) go to the scratch folder
through the XDG variables. The probe changes nothing in that path; it watches it. An
import hook notes when chosen modules finish loading and wraps `open_window` to watch
the window it returns.

`bare` opens an empty PySide6 QMainWindow of the same size, the baseline.

Each prints one JSON line with time.monotonic() values, the RSS and the time spent in
the garbage collector. On Linux that clock is CLOCK_MONOTONIC, which every process
shares, so the parent subtracts the moment just before it spawned this process.

Usage: python bench/gui_startup_probe.py {app,bare} --scratch DIR [--profile FILE]
"""

import time

# Taken before any other import, so it marks the end of the interpreter's own start.
INTERPRETER_READY = time.monotonic()

import argparse  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from importlib.machinery import ModuleSpec  # noqa: E402
from pathlib import Path  # noqa: E402
from types import ModuleType  # noqa: E402
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
MARKS: dict[str, float] = {"interpreter": INTERPRETER_READY}

# Modules whose end of loading is a mark of the app, by the mark's name.
_MODULE_MARKS = {
    "session_inspector.cli": "cli_imported",
    "PySide6.QtWidgets": "qt_imported",
    "session_inspector.ui.app": "app_imported",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Start the chosen window, wait until it is shown (and ready), print the marks."""
    options = _parse_arguments(argv)
    if options.kind == "bare":
        import gui_startup_watch

        return gui_startup_watch.run_bare(MARKS, COLLECTIONS)
    return run_app(options.scratch, options.profile)


def _parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("app", "bare"), help="which start to run")
    parser.add_argument(
        "--scratch",
        type=Path,
        required=True,
        help="folder for the app's profiles, window settings, database and log",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="write cProfile statistics of the GUI thread from open_window to ready and shown"
        " (app only)",
    )
    return parser.parse_args(argv)


def run_app(scratch: Path, profile: Path | None) -> int:
    """Run the program's entry with its user folders in `scratch`; return its exit code."""
    for variable, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        os.environ[variable] = str(scratch / folder)
    sys.argv = ["session-inspector"]
    sys.meta_path.insert(0, MarkingFinder(lambda module: _on_loaded(module, profile)))

    from session_inspector.launcher import main as launch

    return launch()


def _on_loaded(module: ModuleType, profile: Path | None) -> None:
    MARKS[_MODULE_MARKS[module.__name__]] = time.monotonic()
    if module.__name__ == "session_inspector.ui.app":
        import gui_startup_watch

        gui_startup_watch.watch_app(module, MARKS, COLLECTIONS, profile)


class MarkingFinder:
    """Calls `on_loaded` with each module of _MODULE_MARKS right after it has loaded.

    It finds nothing itself. It takes the spec from the other finders of sys.meta_path
    and wraps the loader's exec_module. A plain class, since importlib.abc would be one more
    import that the bare window does not pay for.
    """

    def __init__(self, on_loaded: Callable[[ModuleType], None]) -> None:
        self._on_loaded = on_loaded
        self._waiting = set(_MODULE_MARKS)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in self._waiting:
            return None
        self._waiting.discard(fullname)
        if not self._waiting:
            sys.meta_path.remove(self)
        spec = self._spec_from_other_finders(fullname, path, target)
        if spec is None or spec.loader is None:
            return spec
        loader: Any = spec.loader
        execute = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            execute(module)
            self._on_loaded(module)

        loader.exec_module = exec_module
        return spec

    def _spec_from_other_finders(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None
    ) -> ModuleSpec | None:
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec: ModuleSpec | None = finder.find_spec(fullname, path, target)
            if spec is not None:
                return spec
        return None


if __name__ == "__main__":
    sys.exit(main())
