"""Basic and bearer profiles against `serve --require-auth`, from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.profiles.cli_runner import Cli
from tests.profiles.secret_values import (
    PASSWORD,
    TOKEN,
    USER,
)
from tests.support.served import ServedEngine

pytestmark = pytest.mark.usefixtures("config_dir", "no_secret_leaks")


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
