"""Fixtures of the profile tests: isolation, the leak check and the private keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from tests.profiles.secret_values import (
    assert_no_secret_leaked,
    capture_all_logs,
    isolate_profiles,
)
from tests.support.keyring_daemon import (
    PrivateSecretService,
    session_secret_service,
    use_secret_service,
)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user config directory of the test, inside tmp_path."""
    yield from isolate_profiles(tmp_path, monkeypatch)


@pytest.fixture(autouse=True)
def no_secret_leaks(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """After the test, search its files and log records for every made-up secret."""
    capture_all_logs(caplog)
    yield
    assert_no_secret_leaked(tmp_path, caplog)


@pytest.fixture(scope="session")
def secret_service_process(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[PrivateSecretService]:
    """A bus and gnome-keyring-daemon for the whole run, stopped at its end."""
    yield from session_secret_service(tmp_path_factory.mktemp("secret-service"))


@pytest.fixture
def secret_service(
    secret_service_process: PrivateSecretService, monkeypatch: pytest.MonkeyPatch
) -> Iterator[KeyringBackend]:
    """The keyring library of this process, using the private Secret Service."""
    yield from use_secret_service(secret_service_process, monkeypatch)
