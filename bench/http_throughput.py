"""Measure served throughput with wrk, interleaving every target within one run.

Parts:
  baseline     the engine against a bare ASGI responder on the same uvicorn options
  json-server  the engine against json-server 0.17.4 at 1,000 and 100,000 records
  size         the engine at 1,000, 100,000 and 1,000,000 stored sessions

Each repeat runs every selected target once, in a fixed order (A, B, C, A, B, C, ...), so
that machine noise hits all of them, and the report gives the median of the repeats.
A run during which other processes used more than --max-other-cpu cores is run again
once the machine is quiet (or after 30 s), and the less disturbed attempt is kept, for at
most --retries runs in all.
Every run starts a fresh server process on a fresh copy of the seeded store, warms it up
with a short GET load, and then measures. A create run starts from exactly the seeded
number of records and adds whatever it creates.

Usage: python bench/http_throughput.py [--parts baseline,json-server,size] [--repeats 5]
"""

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import report
import server_commands
import targets
from cpu_usage import other_cpu_cores, server_cpu_s, take_snapshot, wait_until_quiet
from seeding import write_id_sample, write_json_server_db
from servers import ServerCommand, running_server
from targets import BARE, ENGINE, GET, JSON_SERVER, Target
from wrk_runner import WrkResult, WrkSettings, run_wrk

# Other work on a shared machine often comes in bursts, such as a test run, so a
# disturbed run waits this long at most for the machine to become quiet again.
_QUIET_WAIT_S = 30.0


@dataclass(frozen=True)
class Plan:
    """The measured load, the warm-up load and the number of repeats of every target."""

    settings: WrkSettings
    warmup: WrkSettings
    repeats: int
    scratch_dir: Path
    max_other_cpu: float
    retries: int


@dataclass(frozen=True)
class Seed:
    """The seeded store of one server and size: a file to copy for each run, and ids to GET."""

    data_path: Path | None
    ids_path: Path


def main(argv: Sequence[str] | None = None) -> int:
    """Run the selected parts and write their report under bench/results/."""
    options = _parse_arguments(argv)
    load_at_start = report.load_average()
    parts = options.parts.split(",")
    selected = targets.targets_for(parts)
    settings = WrkSettings(connections=options.connections, duration_s=options.duration)
    warmup = WrkSettings(connections=options.connections, duration_s=options.warmup)

    with tempfile.TemporaryDirectory(prefix="session-bench-") as scratch:
        plan = Plan(
            settings,
            warmup,
            options.repeats,
            Path(scratch),
            max_other_cpu=options.max_other_cpu,
            retries=options.retries,
        )
        seeds = _prepare_seeds(selected, plan.scratch_dir)
        results, retries_used = _run_interleaved(selected, seeds, plan)

    data = {
        "machine": report.describe_machine(load_at_start),
        "command": " ".join(["bench/http_throughput.py", *(argv or sys.argv[1:])]),
        "settings": asdict(settings),
        "warmup_s": options.warmup,
        "repeats": options.repeats,
        "max_other_cpu": options.max_other_cpu,
        "retries_used": retries_used,
        "runs": {target.key: [asdict(result) for result in results[target]] for target in selected},
        "checks": [targets.check_to_json(check) for check in targets.evaluate(parts, results)],
    }
    markdown = targets.format_markdown(data, selected, results)
    report.publish("http", data, markdown)
    return 0


def _parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--parts",
        default=",".join(targets.PARTS),
        help=f"comma-separated parts to run, of: {', '.join(targets.PARTS)} (default: all)",
    )
    parser.add_argument("--repeats", type=int, default=5, help="interleaved repeats (default 5)")
    parser.add_argument("--duration", type=int, default=4, help="seconds per run (default 4)")
    parser.add_argument(
        "--warmup", type=int, default=1, help="seconds of GET load before each run (default 1)"
    )
    parser.add_argument(
        "--connections", type=int, default=16, help="open connections of wrk (default 16)"
    )
    parser.add_argument(
        "--max-other-cpu",
        type=float,
        default=0.2,
        help="CPU in cores that other processes may use during a run before it is run again"
        " (default 0.2)",
    )
    parser.add_argument(
        "--retries", type=int, default=10, help="maximum runs repeated in all (default 10)"
    )
    options = parser.parse_args(argv)
    unknown = set(options.parts.split(",")) - set(targets.PARTS)
    if unknown:
        parser.error(
            f"unknown part {', '.join(sorted(unknown))}; known: {', '.join(targets.PARTS)}"
        )
    return options


def _prepare_seeds(selected: list[Target], scratch_dir: Path) -> dict[tuple[str, int], Seed]:
    seeds: dict[tuple[str, int], Seed] = {}
    for target in selected:
        key = (target.server, target.records)
        if key in seeds:
            continue
        seed_dir = scratch_dir / f"seed-{target.server}-{target.records}"
        seed_dir.mkdir()
        report.log(f"seeding {target.server} with {target.records:,} records")
        seeds[key] = _seed(target, seed_dir)
    return seeds


def _seed(target: Target, seed_dir: Path) -> Seed:
    ids_path = seed_dir / "ids.txt"
    if target.server == JSON_SERVER:
        data_path = seed_dir / "db.json"
        ids = write_json_server_db(data_path, target.records)
    elif target.server == ENGINE:
        data_path = seed_dir / "sessions.sqlite3"
        ids = server_commands.fill_engine_store(data_path, target.records)
    else:
        # The bare responder returns the same body for any path, so any ids will do.
        write_id_sample([f"bare-{index}" for index in range(1_000)], ids_path)
        return Seed(data_path=None, ids_path=ids_path)
    write_id_sample(ids, ids_path)
    return Seed(data_path=data_path, ids_path=ids_path)


def _run_interleaved(
    selected: list[Target], seeds: dict[tuple[str, int], Seed], plan: Plan
) -> tuple[dict[Target, list[WrkResult]], int]:
    """Run every target once per repeat; return the results and the number of retries."""
    results: dict[Target, list[WrkResult]] = {target: [] for target in selected}
    total = plan.repeats * len(selected)
    retries_left = plan.retries
    done = 0
    for _ in range(plan.repeats):
        for target in selected:
            seed = seeds[(target.server, target.records)]
            result = _measure(target, seed, plan)
            while result.other_cpu_cores > plan.max_other_cpu and retries_left > 0:
                retries_left -= 1
                report.log(
                    f"{target.label}: other processes used {result.other_cpu_cores:.2f} cores,"
                    " running it again once the machine is quiet"
                )
                wait_until_quiet(plan.max_other_cpu, _QUIET_WAIT_S)
                result = min(result, _measure(target, seed, plan), key=_disturbance)
            results[target].append(result)
            done += 1
            report.log(
                f"[{done}/{total}] {target.label}: {result.requests_per_s:,.0f} req/s,"
                f" {result.server_cpu_us:.0f} µs server CPU per request,"
                f" other processes used {result.other_cpu_cores:.2f} cores"
            )
    return results, plan.retries - retries_left


def _disturbance(result: WrkResult) -> float:
    return result.other_cpu_cores


def _measure(target: Target, seed: Seed, plan: Plan) -> WrkResult:
    with tempfile.TemporaryDirectory(dir=plan.scratch_dir, prefix="run-") as run:
        run_dir = Path(run)
        command = _server_command(target, seed, run_dir)
        with running_server(command, run_dir / "server.log") as server:
            get_args = [targets.get_path_prefix(target.server), str(seed.ids_path)]
            if plan.warmup.duration_s > 0:
                run_wrk(server.url, "get.lua", get_args, plan.warmup)

            before = take_snapshot(server.pid)
            if target.operation == GET:
                result = run_wrk(server.url, "get.lua", get_args, plan.settings)
            else:
                create_path, method, body = targets.create_request(target.server)
                create_args = [method, body]
                result = run_wrk(server.url + create_path, "create.lua", create_args, plan.settings)
            after = take_snapshot(server.pid)
        server_cpu_us = server_cpu_s(before, after) / max(result.requests, 1) * 1e6
        result = replace(
            result, server_cpu_us=server_cpu_us, other_cpu_cores=other_cpu_cores(before, after)
        )
    if result.failed:
        report.log(f"{target.label}: {result.failed} of {result.requests} requests failed")
    return result


def _server_command(target: Target, seed: Seed, run_dir: Path) -> ServerCommand:
    if target.server == BARE:
        return server_commands.bare_command()
    assert seed.data_path is not None
    data_path = run_dir / seed.data_path.name
    shutil.copyfile(seed.data_path, data_path)
    _flush_to_disk(data_path)
    if target.server == ENGINE:
        return server_commands.engine_command(data_path)
    return server_commands.json_server_command(data_path)


def _flush_to_disk(path: Path) -> None:
    # Without this, the kernel writes the fresh copy back to disk during the measured load.
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


if __name__ == "__main__":
    sys.exit(main())
