"""Fixtures of the command-line tests."""

from __future__ import annotations

import pytest

from tests.profiles.cli_runner import Cli


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run the command line in this process and capture what it prints."""
    return Cli(capsys, monkeypatch)
