"""The HTTP benchmark's targets, the checks on their medians, and its Markdown report."""

import json
from dataclasses import asdict, dataclass, replace
from typing import Any

from report import machine_markdown, median
from wrk_runner import WrkResult

ENGINE = "engine"
BARE = "bare"
JSON_SERVER = "json-server"
GET = "get"
CREATE = "create"

_ENGINE_PREFIX = "/gks-server/v1/sessions/"
_JSON_SERVER_PREFIX = "/sessions/"
_VISIT_BODY = {"visitId": "visit-bench", "globalVisitId": "global-visit-bench"}
# json-server reads no headers, so its body also carries what the engine gets from the
# identity headers: both servers store the same four fields.
_JSON_SERVER_BODY = {**_VISIT_BODY, "agentId": "agent-bench", "customerId": "customer-bench"}

_SERVER_NAMES = {
    ENGINE: "engine (serve)",
    BARE: "bare ASGI responder",
    JSON_SERVER: "json-server 0.17.4",
}


@dataclass(frozen=True)
class Target:
    """One server, seeded with ``records`` sessions, under one kind of load."""

    server: str
    records: int
    operation: str

    @property
    def key(self) -> str:
        """A stable identifier for results files."""
        return f"{self.server}/{self.records}/{self.operation}"

    @property
    def label(self) -> str:
        """A human-readable name for logs and tables."""
        stored = "" if self.server == BARE else f", {self.records:,} stored"
        return f"{_SERVER_NAMES[self.server]} {self.operation.upper()}{stored}"


@dataclass(frozen=True)
class Check:
    """A performance target: the ratio of two medians must lie in [minimum, maximum].

    With ``metric`` "rate" the ratio is of the median request rates. With "cpu" it is the
    denominator's median server CPU per request over the numerator's, so that it also
    reads as "how many times as fast" but is much less moved by other work.
    """

    part: str
    name: str
    numerator: str
    denominator: str
    minimum: float | None
    maximum: float | None
    metric: str = "rate"
    ratio: float = float("nan")

    @property
    def met(self) -> bool | None:
        """Whether the ratio meets the target; None for a ratio reported without a target."""
        if self.minimum is None and self.maximum is None:
            return None
        above = self.minimum is None or self.ratio >= self.minimum
        below = self.maximum is None or self.ratio <= self.maximum
        return above and below


def _engine(records: int, operation: str) -> Target:
    return Target(ENGINE, records, operation)


def _json_server(records: int, operation: str) -> Target:
    return Target(JSON_SERVER, records, operation)


def _bare(operation: str) -> Target:
    return Target(BARE, 0, operation)


PARTS: dict[str, list[Target]] = {
    "baseline": [
        _engine(1_000, GET),
        _bare(GET),
        _engine(1_000, CREATE),
        _bare(CREATE),
    ],
    "json-server": [
        _engine(1_000, GET),
        _json_server(1_000, GET),
        _engine(1_000, CREATE),
        _json_server(1_000, CREATE),
        _engine(100_000, GET),
        _json_server(100_000, GET),
        _engine(100_000, CREATE),
        _json_server(100_000, CREATE),
    ],
    "size": [
        _engine(1_000, GET),
        _engine(100_000, GET),
        _engine(1_000_000, GET),
        _engine(1_000, CREATE),
        _engine(100_000, CREATE),
        _engine(1_000_000, CREATE),
    ],
}


def _checks(part: str) -> list[Check]:
    if part == "baseline":
        return [
            _check(part, "engine GET / bare GET", _engine(1_000, GET), _bare(GET), minimum=0.30),
            _check(part, "engine create / bare PUT", _engine(1_000, CREATE), _bare(CREATE)),
            _check(
                part,
                "engine GET / bare GET, by server CPU per request",
                _engine(1_000, GET),
                _bare(GET),
                metric="cpu",
            ),
            _check(
                part,
                "engine create / bare PUT, by server CPU per request",
                _engine(1_000, CREATE),
                _bare(CREATE),
                metric="cpu",
            ),
        ]
    if part == "json-server":
        return [
            _check(
                part,
                f"{operation.upper()} at {records:,} records",
                _engine(records, operation),
                _json_server(records, operation),
                minimum=minimum,
            )
            for records, operation, minimum in (
                (1_000, GET, 3.0),
                (1_000, CREATE, 8.0),
                (100_000, GET, 1.0),
                (100_000, CREATE, 1.0),
            )
        ]
    return [
        _check(
            part,
            f"engine {operation.upper()} at {records:,} / at 1,000",
            _engine(records, operation),
            _engine(1_000, operation),
            minimum=0.85,
            maximum=1.15,
        )
        for operation in (GET, CREATE)
        for records in (100_000, 1_000_000)
    ]


def _check(
    part: str,
    name: str,
    numerator: Target,
    denominator: Target,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    metric: str = "rate",
) -> Check:
    return Check(part, name, numerator.key, denominator.key, minimum, maximum, metric)


def targets_for(parts: list[str]) -> list[Target]:
    """Return the targets of ``parts`` in run order, each once."""
    ordered: dict[Target, None] = {}
    for part in parts:
        ordered.update(dict.fromkeys(PARTS[part]))
    return list(ordered)


def evaluate(parts: list[str], results: dict[Target, list[WrkResult]]) -> list[Check]:
    """Compute every check of ``parts`` from the medians of ``results``."""
    rates = {target.key: _median_rate(runs) for target, runs in results.items()}
    cpu = {
        target.key: median([run.server_cpu_us for run in runs]) for target, runs in results.items()
    }
    checks: list[Check] = []
    for part in parts:
        for check in _checks(part):
            if check.metric == "cpu":
                ratio = cpu[check.denominator] / cpu[check.numerator]
            else:
                ratio = rates[check.numerator] / rates[check.denominator]
            checks.append(replace(check, ratio=ratio))
    return checks


def check_to_json(check: Check) -> dict[str, Any]:
    """Return the check's fields and whether it was met, for the results file."""
    return {**asdict(check), "met": check.met}


def get_path_prefix(server: str) -> str:
    """Return the path that get.lua puts before a session id."""
    return _JSON_SERVER_PREFIX if server == JSON_SERVER else _ENGINE_PREFIX


def create_request(server: str) -> tuple[str, str, str]:
    """Return the path, method and JSON body of a create request to ``server``."""
    if server == JSON_SERVER:
        return "/sessions", "POST", json.dumps(_JSON_SERVER_BODY)
    return _ENGINE_PREFIX + "new", "PUT", json.dumps(_VISIT_BODY)


def format_markdown(
    data: dict[str, Any], selected: list[Target], results: dict[Target, list[WrkResult]]
) -> str:
    """Format the machine, the medians and the checks of one run as Markdown."""
    lines = [
        "# HTTP throughput",
        "",
        f"Command: `{data['command']}`",
        "",
        _legend(data),
        "",
        machine_markdown(data["machine"]),
        "| target | median req/s | each repeat, req/s | median p50 | median p99"
        " | server CPU | failed | other CPU |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for target in selected:
        runs = results[target]
        per_repeat = ", ".join(f"{run.requests_per_s:,.0f}" for run in runs)
        p50 = median([run.latency_p50_us for run in runs])
        p99 = median([run.latency_p99_us for run in runs])
        failed = sum(run.failed for run in runs)
        server_cpu = median([run.server_cpu_us for run in runs])
        other_cpu = median([run.other_cpu_cores for run in runs])
        lines.append(
            f"| {target.label} | {_median_rate(runs):,.0f} | {per_repeat} | {_ms(p50)} | {_ms(p99)}"
            f" | {server_cpu:,.0f} µs | {failed} | {other_cpu:.2f} |"
        )

    lines += ["", "| part | check | ratio | target | met |", "|---|---|---:|---|---|"]
    for check in data["checks"]:
        lines.append(_check_row(check))
    return "\n".join(lines) + "\n"


def _legend(data: dict[str, Any]) -> str:
    settings = data["settings"]
    return (
        f"wrk -t{settings['threads']} -c{settings['connections']} -d{settings['duration_s']}s,"
        f" {data['warmup_s']} s GET warm-up per run, median of {data['repeats']} interleaved"
        f" repeats. {data['retries_used']} runs were run again because other processes used"
        f" more than {data['max_other_cpu']:g} cores during them.\n\n"
        "p50 and p99 are wrk's latency percentiles. server CPU is the server process's"
        " user and system time per request. failed counts non-2xx responses and socket"
        " errors over all repeats. other CPU is the median CPU, in cores, that processes"
        " other than the server and wrk used during a run."
    )


def _check_row(check: dict[str, Any]) -> str:
    met = {None: "-", True: "yes", False: "**no**"}[check["met"]]
    allowed = _range_text(check["minimum"], check["maximum"])
    return f"| {check['part']} | {check['name']} | {check['ratio']:.2f} | {allowed} | {met} |"


def _range_text(minimum: float | None, maximum: float | None) -> str:
    if minimum is None and maximum is None:
        return "none"
    if maximum is None:
        return f"≥ {minimum:.2f}"
    if minimum is None:
        return f"≤ {maximum:.2f}"
    return f"{minimum:.2f} to {maximum:.2f}"


def _median_rate(runs: list[WrkResult]) -> float:
    return median([run.requests_per_s for run in runs])


def _ms(microseconds: float) -> str:
    return f"{microseconds / 1000:.2f} ms"
