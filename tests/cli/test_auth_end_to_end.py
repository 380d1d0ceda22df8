"""Basic and bearer profiles against `serve --require-auth`, from the command line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from tests.profiles.cli_runner import Cli
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


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from isolate_profiles(tmp_path, monkeypatch)


@pytest.fixture(autouse=True)
def no_secret_leaks(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    capture_all_logs(caplog)
    yield
    assert_no_secret_leaked(tmp_path, caplog)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(capsys, monkeypatch)


@pytest.fixture(scope="module")
def secret_service_process(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[PrivateSecretService]:
    yield from session_secret_service(tmp_path_factory.mktemp("secret-service"))


@pytest.fixture
def secret_service(
    secret_service_process: PrivateSecretService, monkeypatch: pytest.MonkeyPatch
) -> Iterator[KeyringBackend]:
    yield from use_secret_service(secret_service_process, monkeypatch)


@pytest.fixture(scope="module")
def basic_engine() -> Iterator[ServedEngine]:
    credentials = {"SESSION_INSPECTOR_SERVE_CREDENTIALS": f"{USER}:{PASSWORD}"}
    with served("--require-auth", "basic", env=credentials) as engine:
        yield engine


@pytest.fixture(scope="module")
def bearer_engine() -> Iterator[ServedEngine]:
    with served(
        "--require-auth", "bearer", env={"SESSION_INSPECTOR_SERVE_CREDENTIALS": TOKEN}
    ) as engine:
        yield engine


def test_basic_profile_creates(cli: Cli, basic_engine: ServedEngine) -> None:
    add = cli(
        "profiles",
        "add",
        "Guarded",
        "--base-url",
        basic_engine.base_url,
        "--auth",
        "basic",
        "--user",
        USER,
        stdin=PASSWORD + "\n",
    )
    # Without a usable keyring each run asks again; stdin answers, as in a script.
    code, out, err = cli(
        "create", "--profile", "Guarded", "--agent-id", "a-1", stdin=PASSWORD + "\n"
    )

    assert add[0] == 0
    assert code == 0, err
    assert '"agentId": "a-1"' in out


def test_wrong_password_is_clear_401(cli: Cli, basic_engine: ServedEngine) -> None:
    cli(
        "profiles",
        "add",
        "Wrong",
        "--base-url",
        basic_engine.base_url,
        "--auth",
        "basic",
        "--user",
        USER,
        stdin="not-the-password\n",
    )

    code, out, err = cli("create", "--profile", "Wrong", stdin="not-the-password\n")

    assert code == 1
    assert out == ""
    assert "HTTP 401" in err
    assert "unauthorized" in err
    assert "check the credentials" in err


def test_bearer_profile_creates(cli: Cli, bearer_engine: ServedEngine) -> None:
    cli(
        "profiles",
        "add",
        "Token",
        "--base-url",
        bearer_engine.base_url,
        "--auth",
        "bearer",
        stdin=TOKEN + "\n",
    )

    code, _, err = cli(
        "get", "some-id", "--profile", "Token", "--show-exchange", stdin=TOKEN + "\n"
    )

    assert code == 1  # 8.5.1: an unknown id is "Session not found", past the auth rule
    assert "session_not_found" in err
    assert "Authorization: Bearer <redacted>" in err
    assert TOKEN not in err


def test_keyring_keeps_password_between_runs(
    cli: Cli, basic_engine: ServedEngine, secret_service: object, tmp_path: Path
) -> None:
    cli(
        "profiles",
        "add",
        "Kept",
        "--base-url",
        basic_engine.base_url,
        "--auth",
        "basic",
        "--user",
        USER,
        stdin=PASSWORD + "\n",
    )

    code, out, err = cli("create", "--profile", "Kept")

    assert code == 0, err
    assert '"sessionId"' in out
    assert PASSWORD not in (tmp_path / "config" / "session-inspector" / "profiles.toml").read_text()


def test_no_credentials_is_401(cli: Cli, bearer_engine: ServedEngine) -> None:
    code, _, err = cli("create", "--base-url", bearer_engine.base_url)

    assert code == 1
    assert "HTTP 401" in err
