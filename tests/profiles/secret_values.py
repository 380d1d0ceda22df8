"""Made-up secrets for profile tests, and the check that none of them leaked.

Every profile test runs with its config directory inside tmp_path and with the keyring
library on the fail backend, unless it requests the private Secret Service. So no test
touches the real keyring or the real config directory. `isolate_profiles` and
`assert_no_secret_leaked` are the bodies of the autouse fixtures that do this.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

USER = "alice"
PASSWORD = "made-up-password-Qx7"
TOKEN = "made-up-token-Lm4"
HEADER_VALUE = "made-up-api-key-Zr9"
PASSPHRASE = "made-up-passphrase-Vb2"
SECRETS = (PASSWORD, TOKEN, HEADER_VALUE, PASSPHRASE)


def secret_forms() -> list[str]:
    """Return every secret as written, and the Basic credential as base64 would send it."""
    basic = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode("ascii")
    return [*SECRETS, basic]


def isolate_profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the user config directory into tmp_path and the keyring at its fail backend.

    Yields the config directory. The previous keyring backend comes back afterwards.
    """
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield config
    finally:
        keyring.set_keyring(previous)


def assert_no_secret_leaked(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, texts: Iterable[str] = ()
) -> None:
    """Assert that no file under tmp_path, no log record and none of `texts` has a secret."""
    forms = secret_forms()
    for path in sorted(tmp_path.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            for form in forms:
                assert form.encode() not in content, f"a secret is in {path}"
    for record in caplog.records:
        line = record.getMessage()
        for form in forms:
            assert form not in line, f"a secret is in the log record {record.name}"
    for text in texts:
        for form in forms:
            assert form not in text, "a secret is in the output"


def capture_all_logs(caplog: pytest.LogCaptureFixture) -> None:
    """Capture records of every level, so that debug logging is searched too."""
    caplog.set_level(logging.DEBUG)
