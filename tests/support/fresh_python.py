"""Run a short program in a fresh interpreter, for checks of what an import loads."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping

TIMEOUT_S = 60


def run_python(program: str, *arguments: str, env: Mapping[str, str] | None = None) -> str:
    """Run `python -c program arguments...`; return its stdout, stripped.

    Fails the calling test, with the program's stderr, when it exits with another code
    than 0.
    """
    result = subprocess.run(
        [sys.executable, "-c", program, *arguments],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
        env=None if env is None else dict(env),
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
