"""Run the command line in the test's process, checking its output for secrets."""

from __future__ import annotations

import io
import sys

import pytest

from session_inspector.cli import main
from tests.profiles.secret_values import secret_forms


class Cli:
    """Calls `main` with stdin from a string, which is not a terminal, like a pipe.

    Returns the exit code, stdout and stderr, and fails the test if either output contains
    one of the made-up secrets.
    """

    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def __call__(self, *argv: str, stdin: str = "") -> tuple[int, str, str]:
        self._monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = main(list(argv))
        except SystemExit as exit_:  # argparse exits on its own errors
            code = int(exit_.code or 0)
        out, err = self._capsys.readouterr()
        for form in secret_forms():
            assert form not in out, "a secret is in stdout"
            assert form not in err, "a secret is in stderr"
        return code, out, err
