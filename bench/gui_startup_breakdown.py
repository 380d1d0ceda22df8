"""The start-up breakdown: `python -X importtime` and a cProfile of the GUI thread, from
extra runs of gui_startup_probe.py.

The import tree shows which module first pulls in each heavy package. The profile covers
the GUI thread from `open_window` until the window is both shown and ready.
"""

import os
import pstats
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
PROBE = BENCH_DIR / "gui_startup_probe.py"
REPOSITORY = BENCH_DIR.parent
PROBE_TIMEOUT_S = 60

_IMPORTTIME_PREFIX = "import time:"
# Packages whose import path the report shows: the heavy ones, and those that the window
# itself does not use. The chain comes from the first probe kind that imports the package.
_CHAINS_SHOWN = (
    "httpx",
    "falcon",
    "session_inspector.engine",
    "sqlite3",
    "asyncio",
    "click",
    "rich",
    "pygments",
    "email",
    "uvicorn",
)


@dataclass(frozen=True)
class ImportEntry:
    """One line of `-X importtime`: a module, its own and its cumulative import time."""

    name: str
    self_us: int
    cumulative_us: int
    depth: int
    parent: int | None  # index of the module whose import triggered this one


def run_probe(
    kind: str, scratch: Path, *options: str, python_options: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run the probe once and return its output; raise RuntimeError when it fails."""
    argv = [sys.executable, *python_options, str(PROBE), kind, "--scratch", str(scratch), *options]
    # An installed program has bytecode caches. Without them every run would compile the
    # changed modules again, so the probe may write them, whatever this shell says.
    environment = {
        name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
    }
    completed = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        timeout=PROBE_TIMEOUT_S,
        check=False,
        env=environment,
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} exited with {completed.returncode}: {completed.stderr[-2000:]}"
        )
    return completed


def import_breakdown(scratch: Path, kinds: tuple[str, ...], top: int) -> dict[str, Any]:
    """Run each probe kind once under -X importtime.

    Returns the own import time per package of each kind, the app's slowest imports by
    cumulative time, and the chain of imports that first loads each package of interest.
    """
    entries = {kind: _importtime_entries(kind, scratch) for kind in kinds}
    app = entries["app"]
    by_cumulative = sorted(app, key=lambda entry: entry.cumulative_us, reverse=True)
    chains: dict[str, dict[str, Any]] = {}
    for package in _CHAINS_SHOWN:
        for kind, found in entries.items():
            if any(entry.name == package for entry in found):
                chains[package] = {"kind": kind, "chain": import_chain(found, package)}
                break
    return {
        "total_ms": {kind: sum(e.self_us for e in found) / 1000 for kind, found in entries.items()},
        "top_cumulative": [
            {
                "module": entry.name,
                "cumulative_ms": entry.cumulative_us / 1000,
                "self_ms": entry.self_us / 1000,
                "imported_by": _importer(app, entry),
            }
            for entry in by_cumulative[:top]
        ],
        "self_by_package": {kind: _self_by_package(found) for kind, found in entries.items()},
        "first_import_chains": chains,
    }


def _importtime_entries(kind: str, scratch: Path) -> list[ImportEntry]:
    completed = run_probe(kind, scratch, python_options=("-X", "importtime"))
    return parse_importtime(completed.stderr)


def parse_importtime(stderr: str) -> list[ImportEntry]:
    """Parse `-X importtime` lines; each module's parent is the next line one level up."""
    rows: list[tuple[str, int, int, int]] = []
    for line in stderr.splitlines():
        if not line.startswith(_IMPORTTIME_PREFIX) or "imported package" in line:
            continue
        self_field, cumulative_field, name_field = line[len(_IMPORTTIME_PREFIX) :].split("|")
        # One space follows the bar, then two spaces per nesting level.
        name = name_field.strip()
        depth = (len(name_field) - 1 - len(name_field.lstrip())) // 2
        rows.append((name, int(self_field), int(cumulative_field), depth))

    entries: list[ImportEntry] = []
    for index, (name, self_us, cumulative_us, depth) in enumerate(rows):
        parent = next(
            (later for later in range(index + 1, len(rows)) if rows[later][3] == depth - 1),
            None,
        )
        entries.append(ImportEntry(name, self_us, cumulative_us, depth, parent))
    return entries


def import_chain(entries: list[ImportEntry], module: str) -> list[str]:
    """Return the modules from the top-level import down to the first import of `module`."""
    index: int | None = next(i for i, entry in enumerate(entries) if entry.name == module)
    chain: list[str] = []
    while index is not None:
        chain.append(entries[index].name)
        index = entries[index].parent
    return list(reversed(chain))


def profile_breakdown(scratch: Path, top: int) -> list[dict[str, Any]]:
    """Profile the app probe's GUI thread until shown and ready; return the top functions."""
    profile_path = scratch / "startup.prof"
    run_probe("app", scratch, "--profile", str(profile_path))
    stats: dict[tuple[str, int, str], tuple[int, int, float, float, Any]]
    stats = pstats.Stats(str(profile_path)).stats  # type: ignore[attr-defined]
    ranked = sorted(stats.items(), key=lambda item: item[1][3], reverse=True)
    return [
        {
            "function": _function_name(key),
            "calls": calls,
            "cumulative_ms": cumulative * 1000,
            "own_ms": own * 1000,
        }
        for key, (_primitive, calls, own, cumulative, _callers) in ranked[:top]
    ]


def _importer(entries: list[ImportEntry], entry: ImportEntry) -> str:
    return "" if entry.parent is None else entries[entry.parent].name


def _self_by_package(entries: list[ImportEntry]) -> dict[str, float]:
    """Sum the own import time per top-level package, in ms, largest first."""
    totals: dict[str, float] = defaultdict(float)
    for entry in entries:
        package = entry.name.split(".")[0]
        if entry.name.startswith("session_inspector."):
            # Our own subpackages are the ones to act on, so they stay apart.
            package = ".".join(entry.name.split(".")[:2])
        totals[package] += entry.self_us / 1000
    return dict(sorted(totals.items(), key=lambda item: item[1], reverse=True))


def _function_name(key: tuple[str, int, str]) -> str:
    filename, line, function = key
    if filename == "~":
        return function  # a built-in or C function, such as a Qt method
    return f"{_short_path(Path(filename))}:{line}({function})"


def _short_path(path: Path) -> Path:
    """Return the path inside site-packages, the standard library or the repository."""
    parts = path.parts
    if "site-packages" in parts:
        return Path(*parts[parts.index("site-packages") + 1 :])
    for root in (REPOSITORY / "src", REPOSITORY):
        if path.is_relative_to(root):
            return path.relative_to(root)
    standard_library = [i for i, part in enumerate(parts) if part.startswith("python3")]
    if standard_library:
        return Path(*parts[standard_library[-1] + 1 :])
    return path
