"""The machine a benchmark ran on, and the results files it writes under bench/results/."""

import json
import os
import platform
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import session_inspector

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
JSON_SERVER_PACKAGE = BENCH_DIR / ".node" / "node_modules" / "json-server" / "package.json"


def median(values: list[float]) -> float:
    """Return the median of ``values``, which must not be empty."""
    return statistics.median(values)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Return the value at ``fraction`` (0 to 1) of ``sorted_values``, nearest-rank method."""
    rank = max(1, round(fraction * len(sorted_values) + 0.5))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def load_average() -> str:
    """Return the 1, 5 and 15 minute load averages, which show other work on the machine."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def describe_machine(load_at_start: str) -> dict[str, str]:
    """Collect the hardware, OS, software versions and load that a benchmark record names."""
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": _memory_total(),
        "os": f"{_os_name()}, Linux {platform.release()}",
        "python": platform.python_version(),
        "uvicorn": _package_version("uvicorn"),
        "falcon": _package_version("falcon"),
        "httpx": _package_version("httpx"),
        "uvloop": _package_version("uvloop"),
        "httptools": _package_version("httptools"),
        "wrk": _command_output(["wrk", "-v"]).splitlines()[0],
        "node": _command_output(["node", "--version"]),
        "json-server": _json_server_version(),
        "commit": _commit(),
        "load average (1, 5, 15 min) at start": load_at_start,
        "load average (1, 5, 15 min) at end": load_average(),
    }


def write_results(name: str, data: dict[str, Any], markdown: str) -> Path:
    """Write ``data`` as JSON and ``markdown`` beside it in RESULTS_DIR; return the JSON path."""
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    json_path = RESULTS_DIR / f"{name}-{stamp}.json"
    json_path.write_text(json.dumps(data, indent=2) + "\n")
    json_path.with_suffix(".md").write_text(markdown)
    return json_path


def publish(name: str, data: dict[str, Any], markdown: str) -> None:
    """Write the results (see write_results), print the Markdown and log the JSON path."""
    path = write_results(name, data, markdown)
    print(markdown)
    log(f"results written to {path}")


def log(message: str) -> None:
    """Print a progress message to stderr at once, apart from the report on stdout."""
    print(message, file=sys.stderr, flush=True)


def machine_markdown(machine: dict[str, str]) -> str:
    """Format the machine description as a Markdown list."""
    return "".join(f"- {key}: {value}\n" for key, value in machine.items())


def _commit() -> str:
    git = ["git", "-C", str(BENCH_DIR.parent)]
    commit = _command_output([*git, "rev-parse", "--short", "HEAD"])
    # The servers import session_inspector as this process does, from the working tree
    # unless PYTHONPATH points elsewhere, and either may differ from the commit.
    package_dir = Path(session_inspector.__file__).resolve().parent
    if not package_dir.is_relative_to(BENCH_DIR.parent / "src"):
        return f"{commit}, with session_inspector imported from {package_dir}"
    changed = _command_output([*git, "status", "--porcelain", "--untracked-files=no", "src"])
    return f"{commit} plus uncommitted changes in src/" if changed else commit


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_total() -> str:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            kibibytes = int(line.split()[1])
            return f"{kibibytes / 1024 / 1024:.1f} GiB"
    return "unknown"


def _os_name() -> str:
    for line in Path("/etc/os-release").read_text().splitlines():
        if line.startswith("PRETTY_NAME="):
            return line.split("=", 1)[1].strip('"')
    return platform.system()


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _json_server_version() -> str:
    if not JSON_SERVER_PACKAGE.exists():
        return "not installed"
    version: str = json.loads(JSON_SERVER_PACKAGE.read_text())["version"]
    return version


def _command_output(argv: list[str]) -> str:
    try:
        completed = subprocess.run(argv, capture_output=True, text=True, timeout=10, check=False)
    except FileNotFoundError:
        return "not installed"
    # wrk -v prints its version and then its usage, on stdout or stderr by build.
    return (completed.stdout or completed.stderr).strip()
