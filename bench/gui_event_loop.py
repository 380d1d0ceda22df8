"""Measure how late a GUI-thread timer fires while requests hang on a silent server.

A server on 127.0.0.1 accepts connections and never responds. A main window opens on it
(timeout 60 s), then a single-shot precise QTimer of `--interval-ms` is started again
each time it fires, and the lateness of each firing is the time since it was started
minus the interval. The script measures first with the window idle, then while
`--requests` look-up requests hang. It submits them through the window's services, which
run them all at once on the network thread, from inside the measured event loop. At the
end it cancels the requests, waits for their `cancelled` signals and closes the window.

Usage: python bench/gui_event_loop.py [--requests 20] [--seconds 5] [--interval-ms 5]
"""

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer

import gui_common
import report
from session_inspector.api.models import Identity, SessionFields
from session_inspector.profiles.model import Profile, new_profile_id
from session_inspector.ui.app import create_application
from session_inspector.ui.forms import FormKind, FormRequest
from session_inspector.ui.main_window import MainWindow

REPOSITORY = Path(__file__).resolve().parent.parent
P99_TARGET_MS = 50.0
REQUEST_TIMEOUT_S = 60.0
IDLE_SECONDS = 2.0
CANCEL_TIMEOUT_MS = 10_000


def main(argv: Sequence[str] | None = None) -> int:
    """Measure timer lateness idle and with hanging requests, then write the report."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    options = _parse_arguments(arguments)
    load_at_start = report.load_average()
    gui_common.use_platform(options.platform)
    application = create_application()

    # The fault servers of the test suite live under tests/, beside this folder.
    sys.path.insert(0, str(REPOSITORY))
    from tests.support.fault_servers import silent_server

    with silent_server() as port, tempfile.TemporaryDirectory(prefix="gui-loop-") as scratch:
        base_url = f"http://127.0.0.1:{port}/gks-server/v1"
        profile = Profile(new_profile_id(), base_url, base_url=base_url, timeout=REQUEST_TIMEOUT_S)
        window = gui_common.open_ready_window(profile, Path(scratch))
        try:
            phases = _measure(window, options)
        finally:
            window.close()
            application.processEvents()

    data: dict[str, Any] = {
        "command": " ".join(["bench/gui_event_loop.py", *arguments]),
        "machine": gui_common.describe_machine(load_at_start, options.platform),
        "requests": options.requests,
        "interval_ms": options.interval_ms,
        **phases,
    }
    data["p99_target_ms"] = P99_TARGET_MS
    data["target_met"] = data["hanging"]["p99_ms"] < P99_TARGET_MS
    markdown = format_markdown(data)
    report.publish("gui-event-loop", data, markdown)
    return 0


def _parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--requests", type=int, default=20, help="requests that hang at once (default 20)"
    )
    parser.add_argument(
        "--seconds", type=float, default=5.0, help="seconds to measure while they hang (default 5)"
    )
    parser.add_argument(
        "--interval-ms", type=int, default=5, help="the timer's interval in ms (default 5)"
    )
    parser.add_argument(
        "--platform", default="offscreen", help="Qt platform plugin (default offscreen)"
    )
    return parser.parse_args(argv)


def _measure(window: MainWindow, options: argparse.Namespace) -> dict[str, Any]:
    services = window.services
    assert services is not None
    runner = services.runner
    outcomes = {"failed": 0, "finished": 0, "cancelled": 0}
    runner.failed.connect(lambda *_: _count(outcomes, "failed"))
    runner.finished.connect(lambda *_: _count(outcomes, "finished"))
    runner.cancelled.connect(lambda *_: _count(outcomes, "cancelled"))

    report.log(f"idle window: {IDLE_SECONDS:g} s")
    idle = measure_lateness(options.interval_ms, IDLE_SECONDS)
    report.log(f"{options.requests} hanging requests: {options.seconds:g} s")
    tickets: list[int] = []

    def send_all() -> None:
        tickets.extend(services.send(_lookup(number)) for number in range(options.requests))

    # Sent from inside the measured event loop, so the cost of submitting them counts.
    hanging = measure_lateness(options.interval_ms, options.seconds, send_all)
    running_at_end = runner.running()

    for ticket in tickets:
        runner.cancel(ticket)
    all_cancelled = gui_common.wait_until(
        lambda: outcomes["cancelled"] == len(tickets), CANCEL_TIMEOUT_MS
    )
    if not all_cancelled:
        report.log(f"only {outcomes['cancelled']} of {len(tickets)} cancellations arrived")
    return {
        "idle": gui_common.summarise_ms(idle),
        "hanging": gui_common.summarise_ms(hanging),
        "running_at_end": running_at_end,
        "outcomes": outcomes,
    }


def measure_lateness(
    interval_ms: int, seconds: float, at_start: Callable[[], None] | None = None
) -> list[float]:
    """Run the event loop for `seconds`; return each timer firing's lateness in ms.

    `at_start` runs once from the event loop, just after the timer has started.
    """
    lateness_ms: list[float] = []
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    started_at = [0.0]

    def on_timeout() -> None:
        now = time.perf_counter()
        lateness_ms.append((now - started_at[0]) * 1000 - interval_ms)
        started_at[0] = time.perf_counter()
        timer.start(interval_ms)

    timer.timeout.connect(on_timeout)
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    if at_start is not None:
        QTimer.singleShot(0, at_start)
    started_at[0] = time.perf_counter()
    timer.start(interval_ms)
    loop.exec()
    timer.stop()
    return lateness_ms


def _lookup(number: int) -> FormRequest:
    return FormRequest(
        kind=FormKind.LOOKUP,
        session_id=f"00000000-0000-4000-8000-{number:012d}",
        identity=Identity("agent-bench", "customer-bench"),
        fields=SessionFields(None, None),
        tenant_id=None,
    )


def _count(outcomes: dict[str, int], outcome: str) -> None:
    outcomes[outcome] += 1


def format_markdown(data: dict[str, Any]) -> str:
    """Format one run as Markdown."""
    met = "yes" if data["target_met"] else "**no**"
    lines = [
        "# GUI event-loop delay with hanging requests",
        "",
        f"Command: `{data['command']}`. Lateness of a {data['interval_ms']} ms single-shot"
        " precise QTimer, restarted on every firing: time from start to firing minus the"
        " interval.",
        "",
        report.machine_markdown(data["machine"]),
        "| phase | firings | p50 | p99 | max |",
        "|---|---:|---:|---:|---:|",
        _row("idle window", data["idle"]),
        _row(f"{data['requests']} requests hanging", data["hanging"]),
        "",
        f"Requests still running when the measurement ended: {data['running_at_end']} of"
        f" {data['requests']}; outcomes after cancelling: {data['outcomes']}.",
        "",
        f"Target: p99 under {data['p99_target_ms']:g} ms with the requests hanging. Met: {met}.",
    ]
    return "\n".join(lines) + "\n"


def _row(name: str, figures: dict[str, float]) -> str:
    return (
        f"| {name} | {figures['count']:,} | {figures['p50_ms']:.2f} ms"
        f" | {figures['p99_ms']:.2f} ms | {figures['max_ms']:.2f} ms |"
    )


if __name__ == "__main__":
    sys.exit(main())
