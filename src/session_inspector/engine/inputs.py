"""Input rules 6 to 8: tenantId, the session id in the path and the identity headers."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import unquote_to_bytes

from session_inspector.api.models import AGENT_HEADER, CUSTOMER_HEADER, Identity
from session_inspector.engine import rules
from session_inspector.engine.errors import EngineError

logger = logging.getLogger(__name__)

# ASGI servers pass header names lowercased; these are compared after lowercasing anyway.
_IDENTITY_HEADERS = {name.lower().encode(): name for name in (AGENT_HEADER, CUSTOMER_HEADER)}
_DASH_SPELLINGS = {name.replace(b"_", b"-") for name in _IDENTITY_HEADERS}
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
    session_id = unquote_to_bytes(raw_segment).decode("utf-8", "replace")
    problem = rules.session_id_problem(session_id)
    if problem is not None:
        raise EngineError(400, "invalid_session_id", problem)
    return session_id


def identity_for(headers: Iterable[tuple[bytes, bytes]], ignored: IgnoredHeaderLog) -> Identity:
    """Read gkc_agentId and gkc_customerId from the raw headers, rejecting invalid values.

    Names match without regard to case. A repeated header counts once, with its first
    value, as a Java servlet's getHeader would have it.
    """
    values: dict[str, str] = {}
    for raw_name, raw_value in headers:
        name = raw_name.lower()
        api_name = _IDENTITY_HEADERS.get(name)
        if api_name is None:
            if name in _DASH_SPELLINGS:
                ignored.record(
                    raw_name.decode("ascii"),
                    "Identity headers are spelled with an underscore, so a proxy may have "
                    "rewritten this one.",
                )
        elif api_name in values:
            ignored.record(api_name, "It was sent more than once, and the first value counts.")
        else:
            values[api_name] = _header_value(api_name, raw_value)
    return Identity(values.get(AGENT_HEADER) or None, values.get(CUSTOMER_HEADER) or None)


def _header_value(name: str, raw_value: bytes) -> str:
    # Servers strip the optional white space around a value; the in-process path may not.
    raw_value = raw_value.strip(b" \t")
    try:
        value = raw_value.decode("utf-8")
    except UnicodeDecodeError:
        value = None
    problem = rules.header_value_problem(name, raw_value if value is None else value)
    if problem is not None:
        raise EngineError(400, "invalid_header", problem)
    assert value is not None
    return value
