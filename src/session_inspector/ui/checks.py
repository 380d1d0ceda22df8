"""Field checks as the user types, following the target.

Against the local engine a form applies the engine's own input rules, so a value that the
engine would reject blocks Send. Against a real server only what HTTP cannot carry blocks
Send (an empty session id, a control character in a header); anything else only warns,
because the point may be to see what the server does with an odd value.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from session_inspector.engine import rules


class Severity(enum.IntEnum):
    OK = 0
    WARNING = 1
    ERROR = 2


@dataclass(frozen=True)
class Check:
    """The verdict on one field: OK, a warning, or an error that blocks Send."""

    severity: Severity
    message: str = ""


OK = Check(Severity.OK)


def check_session_id(text: str, *, local: bool) -> Check:
    """Check a session id typed into a form."""
    if text == "":
        return Check(Severity.ERROR, "Type the id of the session.")
    return _by_target(rules.session_id_problem(text), local)


def check_header(header: str, text: str, *, local: bool) -> Check:
    """Check an identity header value; empty means the header is not sent."""
    if text == "":
        return OK
    problem = rules.header_value_problem(header, text)
    if problem and _has_control_character(text):
        return Check(Severity.ERROR, f"{problem} HTTP headers cannot carry it: remove it.")
    return _by_target(problem, local)


def check_field(name: str, text: str, *, local: bool) -> Check:
    """Check a body field (visitId, globalVisitId); empty means it is not sent."""
    if text == "":
        return OK
    return _by_target(rules.field_problem(name, text), local)


def check_tenant(text: str, *, required: bool, local: bool) -> Check:
    """Check a tenant id; release mode current requires one."""
    if text == "":
        if not required:
            return OK
        return _by_target("Release mode current requires a tenant id.", local)
    return _by_target(rules.tenant_problem(text), local)


def _by_target(problem: str | None, local: bool) -> Check:
    if problem is None:
        return OK
    if local:
        return Check(Severity.ERROR, problem)
    return Check(Severity.WARNING, f"{problem} The local engine would reject it.")


def _has_control_character(text: str) -> bool:
    return any(ord(character) < 32 or ord(character) == 127 for character in text)
