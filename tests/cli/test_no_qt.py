"""The headless commands never load Qt: import-linter cannot see when an import runs."""

from __future__ import annotations

from tests.support.fresh_python import run_python

PROBE = """
import sys
from session_inspector.cli import main
codes = [main(["create", "--db", ":memory:"]), main(["get", "x", "--db", ":memory:"])]
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))
print(codes, loaded)
"""


def test_headless_commands_leave_qt_unloaded() -> None:
    output = run_python(PROBE)

    assert output.splitlines()[-1] == "[0, 1] []"
