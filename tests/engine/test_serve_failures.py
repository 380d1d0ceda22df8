"""The fix that serve names when it cannot listen or open its database.

tests/engine/test_served.py runs the two common failures end to end; the rarer socket
errors come from errno values here, since a test cannot always provoke them.
"""

from __future__ import annotations

import errno

import pytest

from session_inspector.engine.schema import SchemaError
from session_inspector.engine.server import _database_fix, _listen_fix


@pytest.mark.parametrize(
    ("number", "port", "fix"),
    [
        (errno.EADDRINUSE, 8080, "choose another port with --port (0 picks a free one)"),
        (errno.EACCES, 80, "Ports below 1024 need administrator rights"),
        (errno.EADDRNOTAVAIL, 8080, "choose one of its addresses with --host"),
        (errno.EACCES, 8080, "Choose another address with --host or another port"),
    ],
)
def test_listen_failure_names_fix(number: int, port: int, fix: str) -> None:
    assert fix in _listen_fix(OSError(number, "failed"), port)


def test_newer_database_schema_asks_for_newer_program() -> None:
    fix = _database_fix(SchemaError("schema version 9"))

    assert fix.startswith("Use a newer Session Inspector")


def test_unreadable_database_names_both_ways_out() -> None:
    fix = _database_fix(OSError(errno.EACCES, "Permission denied"))

    assert "--db" in fix
    assert "--memory" in fix
