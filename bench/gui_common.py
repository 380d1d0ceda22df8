"""Helpers of the GUI benchmarks: the machine record, percentiles, and waiting on a window.

Qt is imported here, but the platform plugin is chosen only when the QApplication is
created, so a script may still set QT_QPA_PLATFORM in its `main`.
"""

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import QEventLoop, QSettings, QTimer, SignalInstance, qVersion

import report
from session_inspector.profiles.model import Profile
from session_inspector.ui.app import open_window
from session_inspector.ui.main_window import MainWindow
from session_inspector.ui.profile_book import ProfileBook

READY_TIMEOUT_MS = 20_000

# The entries of report.describe_machine that concern a GUI benchmark; the others name
# the HTTP benchmark's tools.
_MACHINE_KEYS = ("date", "cpu", "cores", "memory", "os", "python", "commit")


def describe_machine(load_at_start: str, platform: str) -> dict[str, str]:
    """Collect the hardware, OS, Python and Qt versions, Qt platform and load of a run."""
    full = report.describe_machine(load_at_start)
    machine = {key: full[key] for key in _MACHINE_KEYS if key in full}
    machine["PySide6"] = PySide6.__version__
    machine["Qt"] = qVersion()
    machine["Qt platform"] = platform
    machine.update({key: value for key, value in full.items() if key.startswith("load")})
    return machine


def use_platform(platform: str) -> None:
    """Choose the Qt platform plugin for the QApplication that this process will create."""
    os.environ["QT_QPA_PLATFORM"] = platform


def open_ready_window(profile: Profile, scratch: Path) -> MainWindow:
    """Open a main window as the program does, with its files in `scratch`; wait for ready.

    The caller creates the QApplication first and keeps a reference to it. Raises
    RuntimeError when the window does not become ready within READY_TIMEOUT_MS.
    """
    settings = QSettings(str(scratch / "window.ini"), QSettings.Format.IniFormat)
    # Profiles in memory: a remote profile is the window's unsaved --base-url target.
    book = ProfileBook(store=None, unsaved=None if profile.is_local else profile)
    database = scratch / "engine.sqlite3"
    window = open_window(book, settings, database=database, profile_id=profile.id)
    if not wait_for_signal(window.ready, READY_TIMEOUT_MS):
        message = window.response.verdict.text() or "no ready signal"
        window.close()
        raise RuntimeError(
            f"the window did not become ready within {READY_TIMEOUT_MS} ms: {message}"
        )
    return window


def wait_for_signal(signal: SignalInstance, timeout_ms: int) -> bool:
    """Run the event loop until `signal` is emitted; return False on timeout."""
    emitted: list[bool] = []
    loop = QEventLoop()

    def on_signal(*_arguments: Any) -> None:
        emitted.append(True)
        loop.quit()

    signal.connect(on_signal)
    _run_with_timeout(loop, timeout_ms)
    signal.disconnect(on_signal)
    return bool(emitted)


def wait_until(condition: Callable[[], bool], timeout_ms: int, poll_ms: int = 5) -> bool:
    """Run the event loop until `condition()` is true; return False on timeout."""
    if condition():
        return True
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(poll_ms)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    poll.start()
    _run_with_timeout(loop, timeout_ms)
    poll.stop()
    return condition()


def _run_with_timeout(loop: QEventLoop, timeout_ms: int) -> None:
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(timeout_ms)
    loop.exec()
    deadline.stop()


def summarise_ms(values_ms: list[float]) -> dict[str, float]:
    """Return the count, median, 99th percentile (nearest rank) and maximum of values in ms."""
    ordered = sorted(values_ms)
    return {
        "count": len(ordered),
        "p50_ms": report.median(ordered),
        "p99_ms": report.percentile(ordered, 0.99),
        "max_ms": ordered[-1],
    }
