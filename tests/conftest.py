"""Settings every test needs before anything else is imported."""

import os

# Qt aborts without a display unless QT_QPA_PLATFORM selects the offscreen plugin.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# httpx sends even loopback traffic through HTTP_PROXY when one is set.
os.environ["NO_PROXY"] = "127.0.0.1,localhost,::1"
os.environ["no_proxy"] = os.environ["NO_PROXY"]

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from session_inspector.engine.credentials import CREDENTIALS_VARIABLE
from tests.profiles.secret_values import (
    PASSWORD,
    TOKEN,
    USER,
    assert_no_secret_leaked,
    capture_all_logs,
    isolate_profiles,
)
from tests.support.keyring_daemon import (
    PrivateSecretService,
    session_secret_service,
    use_secret_service,
)
from tests.support.served import ServedEngine, served


@pytest.fixture
def anyio_backend() -> str:
    """Run async tests on asyncio, the loop that the program itself uses."""
    return "asyncio"


# Fixtures of the tests that store profiles and secrets. The profile tests use the first
# two on every test; others name them where they need them.


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the user config directory into tmp_path and the keyring at its fail backend."""
    yield from isolate_profiles(tmp_path, monkeypatch)


@pytest.fixture
def no_secret_leaks(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """After the test, search its files and log records for every made-up secret."""
    capture_all_logs(caplog)
    yield
    assert_no_secret_leaked(tmp_path, caplog)


@pytest.fixture(scope="session")
def secret_service_process(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[PrivateSecretService]:
    """A private D-Bus bus and gnome-keyring-daemon for the whole run, stopped at its end."""
    yield from session_secret_service(tmp_path_factory.mktemp("secret-service"))


@pytest.fixture
def secret_service(
    secret_service_process: PrivateSecretService, monkeypatch: pytest.MonkeyPatch
) -> Iterator[KeyringBackend]:
    """Make this process's keyring library use the private Secret Service for one test."""
    yield from use_secret_service(secret_service_process, monkeypatch)


@pytest.fixture(scope="module")
def basic_engine() -> Iterator[ServedEngine]:
    """`serve --require-auth basic` with the made-up user and password, for one module."""
    credentials = {CREDENTIALS_VARIABLE: f"{USER}:{PASSWORD}"}
    with served("--require-auth", "basic", env=credentials) as engine:
        yield engine


@pytest.fixture(scope="module")
def bearer_engine() -> Iterator[ServedEngine]:
    """`serve --require-auth bearer` with the made-up token, for one module."""
    with served("--require-auth", "bearer", env={CREDENTIALS_VARIABLE: TOKEN}) as engine:
        yield engine
