"""Input rules 6 to 8, and the one pass over the request headers that rules 1, 2, 5 and 8 read."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple
from urllib.parse import unquote_to_bytes

from session_inspector.api.models import AGENT_HEADER, CUSTOMER_HEADER, Identity
from session_inspector.engine import rules
from session_inspector.engine.errors import EngineError

logger = logging.getLogger(__name__)

# ASGI servers pass header names lowercased, but names are compared after lowercasing anyway.
# The values are positions in RequestHeaders.
_WANTED_HEADERS = {
    b"host": 0,
    b"origin": 1,
    AGENT_HEADER.lower().encode(): 2,
    CUSTOMER_HEADER.lower().encode(): 3,
    b"authorization": 4,
}
_IDENTITY_NAMES = {2: AGENT_HEADER, 3: CUSTOMER_HEADER}
_DASH_SPELLINGS = {
    name.lower().replace("_", "-").encode() for name in (AGENT_HEADER, CUSTOMER_HEADER)
}
_DASH_REASON = (
    "Identity headers are spelled with an underscore, so a proxy may have rewritten this one."
)
_REPEAT_REASON = "It was sent more than once, and the first value counts."
_WARN_EVERY = 1000


class IgnoredHeaderLog:
    """Warnings about identity headers the engine ignores, rate-limited per spelling.

    The first occurrence of each spelling is logged, then every 1,000th, with a count,
    so a client that always sends one does not flood the log.
    """

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()

    def record(self, name: str, reason: str) -> None:
        """Count an ignored header and log a warning when the count calls for one."""
        self._counts[name] += 1
        count = self._counts[name]
        if count == 1 or count % _WARN_EVERY == 0:
            logger.warning("Ignored the request header %s (occurrence %d). %s", name, count, reason)


def tenant_for(query: Mapping[str, Sequence[str]]) -> str:
    """Return the request's tenantId, or reject a missing or invalid one."""
    values = query.get("tenantId", [])
    if len(values) > 1:
        raise EngineError(
            400, "invalid_tenant", f"The tenantId is given {len(values)} times. Send it once."
        )
    if not values or not values[0]:
        raise EngineError(
            400,
            "missing_tenant",
            "The tenantId query parameter is missing, but release mode current requires it.",
        )
    problem = rules.tenant_problem(values[0])
    if problem is not None:
        raise EngineError(400, "invalid_tenant", problem)
    return values[0]


def session_id_for(raw_segment: bytes) -> str:
    """Percent-decode the id segment once, and reject an invalid id."""
    if b"%" in raw_segment:
        raw_segment = unquote_to_bytes(raw_segment)
    session_id = raw_segment.decode("utf-8", "replace")
    problem = rules.session_id_problem(session_id)
    if problem is not None:
        raise EngineError(400, "invalid_session_id", problem)
    return session_id


class RequestHeaders(NamedTuple):
    """The headers that the input rules read, as sent (None when absent).

    `ignored` lists identity headers the engine does not use, each with the reason.
    """

    host: bytes | None
    origin: bytes | None
    agent_id: bytes | None
    customer_id: bytes | None
    authorization: bytes | None
    ignored: list[tuple[str, str]]


def scan_headers(headers: Iterable[tuple[bytes, bytes]]) -> RequestHeaders:
    """Collect the headers the rules need in one pass over the raw ASGI headers.

    Names match without regard to case. A repeated header counts once, with its first
    value, as a Java servlet's getHeader would have it.
    """
    values: list[bytes | None] = [None] * len(_WANTED_HEADERS)
    ignored: list[tuple[str, str]] = []
    for raw_name, raw_value in headers:
        name = raw_name.lower()
        slot = _WANTED_HEADERS.get(name)
        if slot is None:
            if name in _DASH_SPELLINGS:
                ignored.append((raw_name.decode("ascii"), _DASH_REASON))
        elif values[slot] is None:
            values[slot] = raw_value
        elif slot in _IDENTITY_NAMES:
            ignored.append((_IDENTITY_NAMES[slot], _REPEAT_REASON))
    host, origin, agent_id, customer_id, authorization = values
    return RequestHeaders(host, origin, agent_id, customer_id, authorization, ignored)


def identity_for(headers: RequestHeaders, ignored_log: IgnoredHeaderLog) -> Identity:
    """Return gkc_agentId and gkc_customerId, rejecting invalid values.

    Logs the identity headers that the request sent but the engine ignores.
    """
    for name, reason in headers.ignored:
        ignored_log.record(name, reason)
    agent_id = _header_value(AGENT_HEADER, headers.agent_id)
    customer_id = _header_value(CUSTOMER_HEADER, headers.customer_id)
    return Identity(agent_id or None, customer_id or None)


def _header_value(name: str, raw_value: bytes | None) -> str | None:
    if raw_value is None:
        return None
    # Servers strip the optional white space around a value, but the in-process path may not.
    raw_value = raw_value.strip(b" \t")
    try:
        value = raw_value.decode("utf-8")
    except UnicodeDecodeError:
        value = None
    # Most values are short and printable, which rules out control characters.
    if value is not None and len(value) <= rules.MAX_HEADER_LENGTH and value.isprintable():
        return value
    problem = rules.header_value_problem(name, raw_value if value is None else value)
    if problem is not None:
        raise EngineError(400, "invalid_header", problem)
    assert value is not None
    return value
