"""The Markdown report of gui_startup.py: medians, checks, and the start-up breakdown."""

from typing import Any

import report

# Every mark a probe records, in the order in which a start reaches them.
MARKS = {
    "interpreter": "Python started, first line of the probe ran",
    "cli_imported": "session_inspector.cli imported (app only)",
    "qt_imported": "QtWidgets imported (the app: as the first import of ui.app needs it)",
    "app_imported": "session_inspector.ui.app imported, with all it imports",
    "application": "QApplication created",
    "window_shown": "window built and show() called (open_window returned)",
    "built": "finish_building returned: the rest of the window is built",
    "complete": "first Paint event of the response panel: the whole window is painted",
    "services_start": "start_services began, after the complete window painted",
    "ready": "`ready` emitted: services attached",
    "window_paint": "first Paint event of the main window itself",
    "shown": "first Paint event of the open form, or of the bare window",
}

_PACKAGES_SHOWN = 15


def format_markdown(data: dict[str, Any]) -> str:
    """Format one run of gui_startup.py as Markdown."""
    lines = [
        "# GUI start-up",
        "",
        f"Command: `{data['command']}`. {data['repeats']} interleaved runs of each kind, each"
        " a fresh process under Xvfb. Times are medians in ms from just before the process"
        " was spawned; RSS is VmRSS in MB (10^6 bytes).",
        "",
        report.machine_markdown(data["machine"]),
        *_summary_table(data),
        "",
        "| check | value | target | met |",
        "|---|---:|---:|---|",
        *(_check_row(check) for check in data["checks"]),
        "",
        *_marks_table(data),
        "",
        *_imports_section(data["imports"]),
        "",
        *_profile_section(data["profile"]),
    ]
    return "\n".join(lines) + "\n"


def _summary_table(data: dict[str, Any]) -> list[str]:
    marks = data["median_marks_ms"]
    rss = data["median_rss_mb"]
    bare_shown = marks["bare"]["shown"]
    shown, complete, ready = (marks["app"][mark] for mark in ("shown", "complete", "ready"))
    return [
        "| start | shown | complete | ready | shown / bare shown | complete / bare shown"
        " | ready / bare shown | RSS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| bare QMainWindow | {bare_shown:.0f} ms | - | - | 1.00 | - | - | {rss['bare']:.1f} MB |",
        f"| app: `session-inspector` | {shown:.0f} ms | {complete:.0f} ms | {ready:.0f} ms"
        f" | {shown / bare_shown:.2f} | {complete / bare_shown:.2f} | {ready / bare_shown:.2f}"
        f" | {rss['app']:.1f} MB |",
        "",
        "*Shown* is the first paint of the open form, with the menus, the toolbar and the"
        " banners; *complete* is the first paint of the response panel, which the window"
        " builds after its first paint with the other forms, the sessions table and the log.",
    ]


def _check_row(check: dict[str, Any]) -> str:
    met = "yes" if check["met"] else "**no**"
    unit = check["unit"]
    return (
        f"| {check['name']} | {check['value']:.2f}{unit} | at most {check['maximum']:g}{unit}"
        f" | {met} |"
    )


def _marks_table(data: dict[str, Any]) -> list[str]:
    marks = data["median_marks_ms"]
    lines = [
        "## Where the start-up time goes",
        "",
        "Median ms since the spawn. The app's step is the difference between two"
        " consecutive medians.",
        "",
        "| mark | meaning | bare | app | app step |",
        "|---|---|---:|---:|---:|",
    ]
    previous = 0.0
    # The bare window's marks that the app lacks keep their place in the bare order.
    order = sorted(MARKS, key=lambda mark: marks["app"].get(mark, marks["bare"].get(mark, 0.0)))
    for mark in order:
        app_at = marks["app"].get(mark)
        step = "-"
        if app_at is not None:
            step = f"{app_at - previous:+.0f}"
            previous = app_at
        cells = [_ms_cell(marks[kind].get(mark)) for kind in ("bare", "app")]
        lines.append(f"| {mark} | {MARKS[mark]} | {cells[0]} | {cells[1]} | {step} |")
    lines += [
        "",
        f"`ready` came before `shown` in {data['ready_before_shown']} of {data['repeats']}"
        " app runs.",
        "",
        "Median time in the garbage collector from the interpreter's start until shown and"
        " ready (until shown for bare), through `gc.callbacks`:",
        "",
        "| start | generation 0 | generation 1 | generation 2 |",
        "|---|---:|---:|---:|",
    ]
    for kind, by_generation in data["median_gc_ms_by_generation"].items():
        timings = " | ".join(f"{ms:.1f} ms" for ms in by_generation)
        lines.append(f"| {kind} | {timings} |")
    return lines


def _ms_cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _imports_section(imports: dict[str, Any]) -> list[str]:
    totals = imports["total_ms"]
    packages = imports["self_by_package"]
    lines = [
        "### Imports",
        "",
        "One run of each kind under `python -X importtime`, which slows imports a little."
        " Own import time of all modules: "
        + ", ".join(f"{kind} {ms:.0f} ms" for kind, ms in totals.items())
        + ". Own time per top-level package (our own subpackages apart), largest in the"
        " app first:",
        "",
        "| package | bare | app |",
        "|---|---:|---:|",
    ]
    for name in list(packages["app"])[:_PACKAGES_SHOWN]:
        cells = [_package_cell(packages[kind].get(name)) for kind in ("bare", "app")]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    lines += [
        "",
        "The app's modules by cumulative import time:",
        "",
        "| module | cumulative | own | imported by |",
        "|---|---:|---:|---|",
    ]
    lines += [
        f"| {entry['module']} | {entry['cumulative_ms']:.1f} ms | {entry['self_ms']:.1f} ms"
        f" | {entry['imported_by'] or '-'} |"
        for entry in imports["top_cumulative"]
    ]
    lines += ["", "What first imports each package:", ""]
    lines += [
        f"- {package} ({found['kind']}): {' → '.join(found['chain'])}"
        for package, found in imports["first_import_chains"].items()
    ]
    return lines


def _package_cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} ms"


def _profile_section(profile: list[dict[str, Any]]) -> list[str]:
    lines = [
        "### GUI thread of the app from open_window until shown and ready",
        "",
        "One run under cProfile, which slows Python calls; functions by cumulative time.",
        "",
        "| function | calls | cumulative | own |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| `{entry['function']}` | {entry['calls']} | {entry['cumulative_ms']:.1f} ms"
        f" | {entry['own_ms']:.1f} ms |"
        for entry in profile
    ]
    return lines
