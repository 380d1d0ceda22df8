"""Measure in-process latency on a large store: a GET through httpx.ASGITransport, and a
direct SessionStore.get, each call timed on its own.

Rounds alternate the two measurements so that machine noise hits both. The report gives
the median and the 99th percentile over all calls of all rounds. No logging is set up,
so the engine's access log is off, as in a program that embeds the engine without it.

Usage: python bench/in_process.py [--sessions 1000000] [--rounds 5]
"""

import argparse
import asyncio
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

import report
from server_commands import fill_engine_store
from session_inspector.engine.app import create_app
from session_inspector.engine.config import EngineConfig
from session_inspector.engine.store import SessionStore

_API_PREFIX = "/gks-server/v1/sessions/"
_HEADERS = {"gkc_agentId": "agent-bench", "gkc_customerId": "customer-bench"}
_DIRECT_TARGET_US = 50.0


def main(argv: Sequence[str] | None = None) -> int:
    """Fill a store, time both kinds of lookup in alternating rounds and write the report."""
    options = _parse_arguments(argv)
    load_at_start = report.load_average()
    with tempfile.TemporaryDirectory(prefix="session-bench-") as scratch:
        db_path = Path(scratch) / "sessions.sqlite3"
        report.log(f"seeding the engine's store with {options.sessions:,} sessions")
        ids = fill_engine_store(db_path, options.sessions)
        with SessionStore(db_path) as store:
            timings = asyncio.run(_measure(store, ids, options))

    data = _summarise(timings, options, argv)
    data["machine"] = report.describe_machine(load_at_start)
    report.publish("in-process", data, _format_markdown(data))
    return 0


def _parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sessions", type=int, default=1_000_000, help="stored sessions (default 1,000,000)"
    )
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    parser.add_argument(
        "--asgi-calls", type=int, default=2_000, help="ASGI GETs per round (default 2,000)"
    )
    parser.add_argument(
        "--direct-calls", type=int, default=20_000, help="direct lookups per round (default 20,000)"
    )
    return parser.parse_args(argv)


async def _measure(
    store: SessionStore, ids: list[str], options: argparse.Namespace
) -> dict[str, list[int]]:
    rng = random.Random(1)
    app = create_app(store, EngineConfig())
    # Falcon types scope and messages as dict, httpx as MutableMapping: the same at run time.
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    timings: dict[str, list[int]] = {"asgi": [], "direct": []}
    async with httpx.AsyncClient(transport=transport, base_url="http://engine") as client:
        # Warm-up: first imports, Falcon's caches and SQLite's page cache.
        await _time_asgi(client, rng.choices(ids, k=200))
        _time_direct(store, rng.choices(ids, k=2_000))
        for round_number in range(1, options.rounds + 1):
            timings["asgi"] += await _time_asgi(client, rng.choices(ids, k=options.asgi_calls))
            timings["direct"] += _time_direct(store, rng.choices(ids, k=options.direct_calls))
            report.log(f"round {round_number}/{options.rounds} done")
    return timings


async def _time_asgi(client: httpx.AsyncClient, ids: list[str]) -> list[int]:
    durations: list[int] = []
    for session_id in ids:
        started = time.perf_counter_ns()
        response = await client.get(_API_PREFIX + session_id, headers=_HEADERS)
        durations.append(time.perf_counter_ns() - started)
        if response.status_code != 200:
            raise RuntimeError(f"GET {session_id} returned {response.status_code}: {response.text}")
    return durations


def _time_direct(store: SessionStore, ids: list[str]) -> list[int]:
    durations: list[int] = []
    for session_id in ids:
        started = time.perf_counter_ns()
        info = store.get(session_id)
        durations.append(time.perf_counter_ns() - started)
        if info is None:
            raise RuntimeError(f"stored session {session_id} was not found")
    return durations


def _summarise(
    timings: dict[str, list[int]], options: argparse.Namespace, argv: Sequence[str] | None
) -> dict[str, Any]:
    figures = {}
    for name, durations in timings.items():
        microseconds = sorted(duration / 1000 for duration in durations)
        figures[name] = {
            "calls": len(microseconds),
            "median_us": report.median(microseconds),
            "p99_us": report.percentile(microseconds, 0.99),
        }
    return {
        "command": " ".join(["bench/in_process.py", *(argv or sys.argv[1:])]),
        "sessions": options.sessions,
        "rounds": options.rounds,
        "figures": figures,
        "direct_target_us": _DIRECT_TARGET_US,
        "direct_target_met": figures["direct"]["median_us"] < _DIRECT_TARGET_US,
    }


def _format_markdown(data: dict[str, Any]) -> str:
    figures = data["figures"]
    met = "yes" if data["direct_target_met"] else "**no**"
    lines = [
        "# In-process latency",
        "",
        f"Command: `{data['command']}`, {data['sessions']:,} stored sessions,"
        f" {data['rounds']} alternating rounds.",
        "",
        report.machine_markdown(data["machine"]),
        "| measurement | calls | median | p99 |",
        "|---|---:|---:|---:|",
        _row("GET through httpx.ASGITransport", figures["asgi"]),
        _row("SessionStore.get", figures["direct"]),
        "",
        f"Target: direct lookup median under {data['direct_target_us']:g} µs. Met: {met}.",
    ]
    return "\n".join(lines) + "\n"


def _row(name: str, figure: dict[str, Any]) -> str:
    return (
        f"| {name} | {figure['calls']:,} | {figure['median_us']:.1f} µs"
        f" | {figure['p99_us']:.1f} µs |"
    )


if __name__ == "__main__":
    sys.exit(main())
