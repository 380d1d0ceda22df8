"""Run wrk against a URL on 127.0.0.1 and parse the figures it prints."""

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

LUA_DIR = Path(__file__).resolve().parent / "lua"

_REQUESTS_PER_S = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_TOTAL = re.compile(r"^\s+(\d+) requests in", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_PERCENTILE = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_UNIT_TO_US = {"us": 1.0, "ms": 1_000.0, "s": 1_000_000.0}


@dataclass(frozen=True)
class WrkSettings:
    """wrk's load shape: threads, open connections, whole seconds of load, request timeout in s."""

    threads: int = 1
    connections: int = 16
    duration_s: int = 4
    timeout_s: float = 10.0


@dataclass(frozen=True)
class WrkResult:
    """The figures of one wrk run. Latencies are in microseconds.

    The caller may add two figures from cpu_usage, which are NaN otherwise:
    ``server_cpu_us`` is the server's CPU time per completed request, which other work
    on the machine changes far less than the request rate. ``other_cpu_cores`` is the
    CPU that other processes used during the run, in cores.
    """

    requests_per_s: float
    requests: int
    failed: int
    latency_p50_us: float
    latency_p99_us: float
    server_cpu_us: float = float("nan")
    other_cpu_cores: float = float("nan")


class WrkError(RuntimeError):
    """wrk failed, or its output could not be parsed."""


def run_wrk(url: str, script: str, script_args: list[str], settings: WrkSettings) -> WrkResult:
    """Run one wrk load against ``url`` with a Lua script from ``LUA_DIR`` and parse the result.

    ``failed`` counts non-2xx responses and socket errors, which a benchmark must not have.
    """
    _check_loopback(url)
    command = [
        "wrk",
        f"-t{settings.threads}",
        f"-c{settings.connections}",
        f"-d{settings.duration_s}s",
        f"--timeout={settings.timeout_s:g}s",
        "--latency",
        "-s",
        str(LUA_DIR / script),
        url,
        "--",
        *script_args,
    ]
    # wrk stops itself after the duration; the extra time covers start-up and a hung server.
    limit_s = settings.duration_s + settings.timeout_s + 10.0
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=limit_s, check=False
    )
    if completed.returncode != 0:
        raise WrkError(f"wrk exited with {completed.returncode} on {url}: {completed.stderr}")
    return parse_wrk_output(completed.stdout)


def parse_wrk_output(output: str) -> WrkResult:
    """Parse the text that ``wrk --latency`` prints."""
    rate = _REQUESTS_PER_S.search(output)
    total = _TOTAL.search(output)
    if rate is None or total is None:
        raise WrkError(f"wrk printed no request rate:\n{output}")

    failed = 0
    non_2xx = _NON_2XX.search(output)
    if non_2xx is not None:
        failed += int(non_2xx.group(1))
    socket_errors = _SOCKET_ERRORS.search(output)
    if socket_errors is not None:
        failed += sum(int(count) for count in socket_errors.groups())

    percentiles = {
        match.group(1): float(match.group(2)) * _UNIT_TO_US[match.group(3)]
        for match in _PERCENTILE.finditer(output)
    }
    return WrkResult(
        requests_per_s=float(rate.group(1)),
        requests=int(total.group(1)),
        failed=failed,
        latency_p50_us=percentiles.get("50", float("nan")),
        latency_p99_us=percentiles.get("99", float("nan")),
    )


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host != "127.0.0.1":
        raise WrkError(f"refusing to load {url}: the benchmarks only target 127.0.0.1")
