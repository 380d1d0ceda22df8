"""The headless commands never load Qt: import-linter cannot see when an import runs."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from session_inspector.cli import main
codes = [main(["create", "--db", ":memory:"]), main(["get", "x", "--db", ":memory:"])]
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))
print(codes, loaded)
"""


def test_headless_commands_leave_qt_unloaded() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[0, 1] []"
