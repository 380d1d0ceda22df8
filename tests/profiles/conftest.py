"""Fixtures of the profile tests: each test is isolated and searched for leaked secrets."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_and_searched(config_dir: object, no_secret_leaks: None) -> None:
    """Use tests/conftest.py's isolation and secret search on every profile test."""
