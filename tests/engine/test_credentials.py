"""Where serve takes the expected credentials from: the environment or a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from session_inspector.engine.auth import AuthRequirement, AuthScheme
from session_inspector.engine.credentials import (
    CREDENTIALS_VARIABLE,
    CredentialsUsageError,
    auth_requirement,
)

BASIC = AuthScheme.BASIC
BEARER = AuthScheme.BEARER
# Made-up test values.
BASIC_VALUE = "inspector-test:made-up-pass-41c0"
TOKEN = "made-up-token-90d7"


def credentials_file(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "credentials"
    path.write_bytes(content)
    path.chmod(0o600)
    return path


def test_environment_variable_used() -> None:
    auth = auth_requirement(BASIC, None, {CREDENTIALS_VARIABLE: BASIC_VALUE})

    assert auth == AuthRequirement(AuthScheme.BASIC, BASIC_VALUE.encode())


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (TOKEN.encode(), TOKEN),
        (f"{TOKEN}\n".encode(), TOKEN),
        (f"{TOKEN}\r\n".encode(), TOKEN),
    ],
)
def test_file_used_without_one_newline(tmp_path: Path, content: bytes, expected: str) -> None:
    path = credentials_file(tmp_path, content)

    auth = auth_requirement(BEARER, path, {})

    assert auth == AuthRequirement(AuthScheme.BEARER, expected.encode())


def test_file_second_newline_kept(tmp_path: Path) -> None:
    path = credentials_file(tmp_path, f"{BASIC_VALUE}\n\n".encode())

    with pytest.raises(CredentialsUsageError, match="control character") as error:
        auth_requirement(BASIC, path, {})

    assert str(path) in str(error.value)


def test_no_auth_without_option() -> None:
    assert auth_requirement(None, None, {}) is None


def test_variable_without_option_warns(caplog: pytest.LogCaptureFixture) -> None:
    auth = auth_requirement(None, None, {CREDENTIALS_VARIABLE: BASIC_VALUE})

    assert auth is None
    assert f"{CREDENTIALS_VARIABLE} is set, but without --require-auth" in caplog.text
    assert BASIC_VALUE not in caplog.text


def test_file_without_option_rejected(tmp_path: Path) -> None:
    path = credentials_file(tmp_path, TOKEN.encode())

    with pytest.raises(
        CredentialsUsageError, match="--credentials-file works only with --require-auth"
    ):
        auth_requirement(None, path, {})


def test_both_sources_rejected(tmp_path: Path) -> None:
    path = credentials_file(tmp_path, TOKEN.encode())

    with pytest.raises(CredentialsUsageError, match="given twice") as error:
        auth_requirement(BEARER, path, {CREDENTIALS_VARIABLE: TOKEN})

    assert TOKEN not in str(error.value)


def test_no_source_names_both_ways() -> None:
    with pytest.raises(CredentialsUsageError) as error:
        auth_requirement(BASIC, None, {})

    assert CREDENTIALS_VARIABLE in str(error.value)
    assert "--credentials-file" in str(error.value)


@pytest.mark.parametrize(
    ("scheme", "value", "message"),
    [
        (BASIC, "", "empty"),
        (BASIC, "no-colon-here", "no colon"),
        (BEARER, "", "empty"),
    ],
)
def test_invalid_variable_names_fix(scheme: AuthScheme, value: str, message: str) -> None:
    with pytest.raises(CredentialsUsageError, match=message) as error:
        auth_requirement(scheme, None, {CREDENTIALS_VARIABLE: value})

    assert f"in the environment variable {CREDENTIALS_VARIABLE}" in str(error.value)
    assert "Give " in str(error.value)


def test_missing_file_named(tmp_path: Path) -> None:
    path = tmp_path / "absent"

    with pytest.raises(CredentialsUsageError) as error:
        auth_requirement(BEARER, path, {})

    assert f"Cannot read the credentials file '{path}': No such file or directory" in str(
        error.value
    )


def test_directory_file_named(tmp_path: Path) -> None:
    with pytest.raises(CredentialsUsageError, match="Cannot read the credentials file") as error:
        auth_requirement(BEARER, tmp_path, {})

    assert str(tmp_path) in str(error.value)


def test_non_utf8_file_named(tmp_path: Path) -> None:
    path = credentials_file(tmp_path, b"user:p\xe4ss")

    with pytest.raises(CredentialsUsageError, match="not valid UTF-8") as error:
        auth_requirement(BASIC, path, {})

    assert str(path) in str(error.value)
    assert "0xe4" not in str(error.value)


def test_empty_file_named(tmp_path: Path) -> None:
    path = credentials_file(tmp_path, b"\n")

    with pytest.raises(CredentialsUsageError, match="empty") as error:
        auth_requirement(BASIC, path, {})

    assert f"the credentials file '{path}'" in str(error.value)


def test_large_file_rejected(tmp_path: Path) -> None:
    path = credentials_file(tmp_path, b"x" * (64 * 1024 + 1))

    with pytest.raises(CredentialsUsageError, match="larger than 64 KiB"):
        auth_requirement(BEARER, path, {})


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_readable_file_warns(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = credentials_file(tmp_path, TOKEN.encode())
    path.chmod(0o644)

    auth = auth_requirement(BEARER, path, {})

    assert auth is not None
    assert "Other users can read the credentials file" in caplog.text
    assert TOKEN not in caplog.text


def test_private_file_no_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = credentials_file(tmp_path, TOKEN.encode())

    auth_requirement(BEARER, path, {})

    assert caplog.text == ""
