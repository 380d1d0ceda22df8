"""Measure the time from a click on Send to the SessionInfo shown in the response panel.

A main window opens on the embedded engine, with its database in a temporary folder. The
Create form gets an agent, customer and visit id, then each run clicks its Send button
and stops the clock when the window emits `exchange_shown`, which follows
`response.show_exchange`. Each run checks that the Session tab shows the returned session
id. After each create the window refreshes its sessions table, and the next run starts
only when that refresh has finished, so that no run overlaps the previous one.

For a breakdown the report adds the exchange's own elapsed time, as the client measured
it, and the time of `response.show_exchange` called directly with the last exchange.

Usage: python bench/gui_click_to_info.py [--runs 50] [--warmup 5]
"""

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer

import gui_common
import report
from session_inspector.api.exchange import Exchange
from session_inspector.profiles.model import local_engine_profile
from session_inspector.ui.app import create_application
from session_inspector.ui.forms import FormKind, SessionForm
from session_inspector.ui.main_window import MainWindow

RUN_TIMEOUT_MS = 10_000


def main(argv: Sequence[str] | None = None) -> int:
    """Time the warm-up and measured runs, then write the report."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    options = _parse_arguments(arguments)
    load_at_start = report.load_average()
    gui_common.use_platform(options.platform)
    application = create_application()

    with tempfile.TemporaryDirectory(prefix="gui-click-") as scratch:
        window = gui_common.open_ready_window(local_engine_profile(), Path(scratch))
        try:
            runs = _run_all(window, options.warmup + options.runs)[options.warmup :]
            rendering = time_show_exchange(window, options.runs)
        finally:
            window.close()
            application.processEvents()

    data: dict[str, Any] = {
        "command": " ".join(["bench/gui_click_to_info.py", *arguments]),
        "machine": gui_common.describe_machine(load_at_start, options.platform),
        "warmup": options.warmup,
        "click_to_shown": gui_common.summarise_ms([run["click_to_shown_ms"] for run in runs]),
        "click_returned": gui_common.summarise_ms([run["click_returned_ms"] for run in runs]),
        "exchange_elapsed": gui_common.summarise_ms([run["exchange_elapsed_ms"] for run in runs]),
        "show_exchange": gui_common.summarise_ms(rendering),
        "runs": runs,
    }
    markdown = format_markdown(data)
    report.publish("gui-click-to-info", data, markdown)
    return 0


def _parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50, help="measured creates (default 50)")
    parser.add_argument(
        "--warmup", type=int, default=5, help="creates before the measured ones (default 5)"
    )
    parser.add_argument(
        "--platform", default="offscreen", help="Qt platform plugin (default offscreen)"
    )
    return parser.parse_args(argv)


def _run_all(window: MainWindow, count: int) -> list[dict[str, float]]:
    form = window.open_form(FormKind.CREATE)
    form.fields["agent_id"].set_text("agent-bench")
    form.fields["customer_id"].set_text("customer-bench")
    form.fields["visit_id"].set_text("visit-bench")
    runs = []
    for number in range(1, count + 1):
        _wait_until_idle(window)
        runs.append(click_once(window, form))
        if number % 10 == 0:
            report.log(f"{number}/{count} creates done")
    _wait_until_idle(window)
    return runs


def click_once(window: MainWindow, form: SessionForm) -> dict[str, float]:
    """Click Send once; return the ms until it returned and until the SessionInfo showed."""
    shown: list[tuple[float, Exchange]] = []
    loop = QEventLoop()

    def on_shown(exchange: Exchange) -> None:
        shown.append((time.perf_counter(), exchange))
        loop.quit()

    window.exchange_shown.connect(on_shown)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(RUN_TIMEOUT_MS)

    clicked_at = time.perf_counter()
    form.send_button.click()
    returned_at = time.perf_counter()
    if not shown:
        loop.exec()
    deadline.stop()
    window.exchange_shown.disconnect(on_shown)

    if not shown:
        raise RuntimeError(f"no exchange was shown within {RUN_TIMEOUT_MS} ms of the click")
    shown_at, exchange = shown[0]
    _check_shown(window, exchange)
    assert exchange.response is not None
    return {
        "click_to_shown_ms": (shown_at - clicked_at) * 1000,
        "click_returned_ms": (returned_at - clicked_at) * 1000,
        "exchange_elapsed_ms": exchange.response.elapsed_ms,
    }


def time_show_exchange(window: MainWindow, calls: int) -> list[float]:
    """Call `response.show_exchange` with the last exchange `calls` times; return the ms."""
    exchange = window.response.exchange
    assert exchange is not None
    durations = []
    for _ in range(calls):
        started = time.perf_counter()
        window.response.show_exchange(exchange)
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def _check_shown(window: MainWindow, exchange: Exchange) -> None:
    info = exchange.info
    if info is None or exchange.response is None:
        raise RuntimeError(f"the create returned no SessionInfo: {exchange.outcome!r}")
    shown_id = window.response.info_values["session_id"].text()
    if shown_id != info.session_id:
        raise RuntimeError(f"the Session tab shows {shown_id!r}, not {info.session_id!r}")


def _wait_until_idle(window: MainWindow) -> None:
    services = window.services
    assert services is not None
    if not gui_common.wait_until(lambda: services.runner.running() == 0, RUN_TIMEOUT_MS):
        raise RuntimeError(f"requests were still running after {RUN_TIMEOUT_MS} ms")


def format_markdown(data: dict[str, Any]) -> str:
    """Format one run as Markdown."""
    lines = [
        "# GUI click to rendered SessionInfo",
        "",
        f"Command: `{data['command']}`. Creates through the Create form against the embedded"
        f" engine, {data['click_to_shown']['count']} measured after {data['warmup']}"
        " warm-up creates.",
        "",
        report.machine_markdown(data["machine"]),
        "| interval | median | p99 | max |",
        "|---|---:|---:|---:|",
        _row("click on Send to `exchange_shown`", data["click_to_shown"]),
        _row("click on Send until `click()` returned", data["click_returned"]),
        _row("the exchange's own elapsed time (client)", data["exchange_elapsed"]),
        _row("`response.show_exchange`, called again on its own", data["show_exchange"]),
    ]
    return "\n".join(lines) + "\n"


def _row(name: str, figures: dict[str, float]) -> str:
    return (
        f"| {name} | {figures['p50_ms']:.2f} ms | {figures['p99_ms']:.2f} ms"
        f" | {figures['max_ms']:.2f} ms |"
    )


if __name__ == "__main__":
    sys.exit(main())
