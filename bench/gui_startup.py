"""Measure the start-up of Session Inspector's window against a bare PySide6 QMainWindow.

Each run is a fresh process of gui_startup_probe.py under Xvfb (the xcb platform), timed
from the moment just before this script spawns it:

  shown  the first Paint event of the open form (app) or of the window (bare)
  ready  the window's `ready` signal: services attached, a request can be sent
  RSS    VmRSS at ready, or at the first Paint event for the bare window

The report adds the median of every intermediate mark and the time spent in the garbage
collector.

`app` is the program as a user starts it: the installed command's entry with no
arguments, which opens the main window on the local engine. `bare` is an empty PySide6
QMainWindow of the same size, the baseline of the targets.

The repeats interleave the kinds and rotate their order on every repeat. One untimed run
of each comes first, so that every timed run finds the shared libraries in the page
cache, the bytecode caches, and the engine database and window settings already written,
as on a user's second start. Then runs under `-X importtime` and under cProfile break the time down.

Without a display of its own the script restarts itself under `xvfb-run -a`.

Usage: python bench/gui_startup.py [--repeats 20] [--top 20]
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import gui_common
import gui_startup_breakdown as breakdown
import report
from gui_startup_report import format_markdown

APP = "app"
BARE = "bare"
KINDS = (APP, BARE)

# Targets: shown at most 1.5 times the bare window's shown time, ready at most 3 times
# it, and the RSS at ready at most 60 MB (10^6 bytes) above the bare process's.
SHOWN_MAX_RATIO = 1.5
READY_MAX_RATIO = 3.0
RSS_MAX_EXTRA_MB = 60.0

_UNDER_XVFB = "GUI_STARTUP_UNDER_XVFB"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the interleaved start-ups and the breakdown, then write the report."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    options = _parse_arguments(arguments)
    if not os.environ.get(_UNDER_XVFB):
        return _restart_under_xvfb(arguments)
    os.environ["QT_QPA_PLATFORM"] = "xcb"

    load_at_start = report.load_average()
    with tempfile.TemporaryDirectory(prefix="gui-startup-") as scratch_name:
        scratch = Path(scratch_name)
        report.log("warm-up: one untimed run of each kind")
        for kind in KINDS:
            run_once(kind, scratch)
        runs = _run_interleaved(options.repeats, scratch)
        report.log("breakdown: each kind once under -X importtime, the app once under cProfile")
        imports = breakdown.import_breakdown(scratch, KINDS, options.top)
        profile = breakdown.profile_breakdown(scratch, options.top)

    data = summarise(runs)
    data["command"] = " ".join(["bench/gui_startup.py", *arguments])
    data["machine"] = gui_common.describe_machine(load_at_start, runs[APP][0]["platform"])
    data["imports"] = imports
    data["profile"] = profile
    markdown = format_markdown(data)
    report.publish("gui-startup", data, markdown)
    return 0


def _parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--repeats", type=int, default=20, help="timed runs of each kind (default 20)"
    )
    parser.add_argument(
        "--top", type=int, default=20, help="rows of each breakdown table (default 20)"
    )
    return parser.parse_args(argv)


def _restart_under_xvfb(arguments: list[str]) -> int:
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        report.log("xvfb-run was not found: install the Debian packages xvfb and xauth")
        return 2
    os.environ[_UNDER_XVFB] = "1"
    command = [xvfb_run, "-a", sys.executable, str(Path(__file__).resolve()), *arguments]
    os.execv(xvfb_run, command)


def run_once(kind: str, scratch: Path) -> dict[str, Any]:
    """Spawn one probe; return its marks in ms since the spawn, its RSS and Qt platform."""
    started = time.monotonic()
    completed = breakdown.run_probe(kind, scratch)
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    result["marks_ms"] = {
        mark: (moment - started) * 1000 for mark, moment in result.pop("marks").items()
    }
    return result


def _run_interleaved(repeats: int, scratch: Path) -> dict[str, list[dict[str, Any]]]:
    runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    for repeat in range(repeats):
        shift = repeat % len(KINDS)
        for kind in KINDS[shift:] + KINDS[:shift]:
            runs[kind].append(run_once(kind, scratch))
        shown = ", ".join(f"{kind} {runs[kind][-1]['marks_ms']['shown']:.0f} ms" for kind in KINDS)
        report.log(f"repeat {repeat + 1}/{repeats}, shown: {shown}")
    return runs


def summarise(runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Compute the median of every mark and of the RSS, and check the targets."""
    medians = {kind: _median_marks(kind_runs) for kind, kind_runs in runs.items()}
    rss_mb = {
        kind: statistics.median(run["rss_kib"] * 1024 / 1e6 for run in kind_runs)
        for kind, kind_runs in runs.items()
    }
    bare_shown = medians[BARE]["shown"]
    shown_ratio = medians[APP]["shown"] / bare_shown
    ready_ratio = medians[APP]["ready"] / bare_shown
    extra_rss = rss_mb[APP] - rss_mb[BARE]
    checks = [
        _check("app shown / bare shown", shown_ratio, SHOWN_MAX_RATIO, " times"),
        _check("app ready / bare shown", ready_ratio, READY_MAX_RATIO, " times"),
        _check("app RSS minus bare RSS", extra_rss, RSS_MAX_EXTRA_MB, " MB"),
    ]
    return {
        "repeats": len(runs[APP]),
        "median_marks_ms": medians,
        "median_rss_mb": rss_mb,
        "median_gc_ms_by_generation": {
            kind: [
                statistics.median(run["gc_ms_by_generation"][generation] for run in kind_runs)
                for generation in range(3)
            ]
            for kind, kind_runs in runs.items()
        },
        "ready_before_shown": sum(
            run["marks_ms"]["ready"] < run["marks_ms"]["shown"] for run in runs[APP]
        ),
        "checks": checks,
        "runs": runs,
    }


def _median_marks(kind_runs: list[dict[str, Any]]) -> dict[str, float]:
    names = kind_runs[0]["marks_ms"].keys()
    medians = {
        name: statistics.median(run["marks_ms"][name] for run in kind_runs) for name in names
    }
    return dict(sorted(medians.items(), key=lambda item: item[1]))


def _check(name: str, value: float, maximum: float, unit: str) -> dict[str, Any]:
    return {"name": name, "value": value, "maximum": maximum, "unit": unit, "met": value <= maximum}


if __name__ == "__main__":
    sys.exit(main())
