"""`profiles` commands and `--profile` with secrets in a real Secret Service."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from keyring.backend import KeyringBackend

from session_inspector.profiles.model import SecretKind
from session_inspector.profiles.secrets import SERVICE_NAME, SecretStore
from session_inspector.profiles.store import ProfileStore
from tests.profiles.cli_runner import Cli
from tests.profiles.recording_server import recording_server
from tests.profiles.secret_values import (
    HEADER_VALUE,
    PASSPHRASE,
    PASSWORD,
    TOKEN,
    USER,
    secret_forms,
)
from tests.support.keyring_daemon import (
    PrivateSecretService,
)

# The order matters: the private Secret Service replaces the fail backend of config_dir.
pytestmark = [
    pytest.mark.keyring,
    pytest.mark.usefixtures("config_dir", "no_secret_leaks", "secret_service"),
]

IN_KEYRING = "in the keyring (SecretService Keyring)"


def _profile_id(name: str) -> str:
    return ProfileStore().load().require(name).id


def _stored(name: str, kind: SecretKind) -> str | None:
    return SecretStore().get(_profile_id(name), kind)


@pytest.mark.parametrize(
    ("options", "secret", "kind"),
    [
        (["--auth", "basic", "--user", USER], PASSWORD, SecretKind.PASSWORD),
        (["--auth", "bearer"], TOKEN, SecretKind.TOKEN),
        (["--auth", "header", "--header-name", "X-API-Key"], HEADER_VALUE, SecretKind.HEADER_VALUE),
    ],
    ids=["basic", "bearer", "header"],
)
def test_add_stores_secret_from_stdin(
    cli: Cli, options: list[str], secret: str, kind: SecretKind
) -> None:
    code, out, err = cli("profiles", "add", "srv", "--base-url", "http://h/v1", *options,
                         stdin=secret)  # fmt: skip

    assert code == 0
    assert out == "Added the profile 'srv'.\n"
    assert err == ""
    assert _stored("srv", kind) == secret
    _, shown, _ = cli("profiles", "show", "srv")
    assert f"{kind.label + ':':<20} {IN_KEYRING}" in shown


@pytest.mark.parametrize(
    ("options", "secret", "header", "sent"),
    [
        (["--auth", "basic", "--user", USER], PASSWORD, "authorization",
         f"Basic {secret_forms()[-1]}"),
        (["--auth", "bearer"], TOKEN, "authorization", f"Bearer {TOKEN}"),
        (["--auth", "header", "--header-name", "X-API-Key"], HEADER_VALUE, "x-api-key",
         HEADER_VALUE),
    ],
    ids=["basic", "bearer", "header"],
)  # fmt: skip
def test_profile_sends_keyring_secret(
    cli: Cli, options: list[str], secret: str, header: str, sent: str
) -> None:
    with recording_server() as server:
        cli("profiles", "add", "srv", "--base-url", server.base_url, *options, stdin=secret)

        code, out, err = cli("get", "abc", "--profile", "srv", "--show-exchange")

    assert code == 0
    assert '"sessionId": "recorded-session"' in out
    assert server.requests[0][header] == sent
    assert "<redacted>" in err


def test_rename_keeps_secret(cli: Cli) -> None:
    with recording_server() as server:
        cli("profiles", "add", "old", "--base-url", server.base_url, "--auth", "bearer",
            stdin=TOKEN)  # fmt: skip

        rename_code, _, _ = cli("profiles", "edit", "old", "--rename", "new")
        code, _, _ = cli("get", "abc", "--profile", "new")

    assert rename_code == 0
    assert code == 0
    assert server.requests[0]["authorization"] == f"Bearer {TOKEN}"
    assert _stored("new", SecretKind.TOKEN) == TOKEN


def test_ask_secret_replaces_it(cli: Cli) -> None:
    cli("profiles", "add", "b", "--base-url", "http://h/v1", "--auth", "bearer", stdin=TOKEN)

    code, _, _ = cli("profiles", "edit", "b", "--ask-secret", stdin=HEADER_VALUE)

    assert code == 0
    assert _stored("b", SecretKind.TOKEN) == HEADER_VALUE


def test_switching_auth_deletes_old_secret(cli: Cli) -> None:
    cli("profiles", "add", "b", "--base-url", "http://h/v1", "--auth", "basic",
        "--user", USER, stdin=PASSWORD)  # fmt: skip

    code, _, _ = cli("profiles", "edit", "b", "--auth", "bearer", stdin=TOKEN)

    assert code == 0
    assert _stored("b", SecretKind.PASSWORD) is None
    assert _stored("b", SecretKind.TOKEN) == TOKEN


def test_remove_deletes_secrets(cli: Cli, secret_service: KeyringBackend) -> None:
    cli("profiles", "add", "b", "--base-url", "http://h/v1", "--auth", "bearer", stdin=TOKEN)
    profile_id = _profile_id("b")

    code, _, _ = cli("profiles", "remove", "b")

    assert code == 0
    assert secret_service.get_password(SERVICE_NAME, f"{profile_id}/token") is None


def test_encrypted_key_passphrase_follows_auth_secret(cli: Cli, tmp_path: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    key_path = tmp_path / "client.key"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
    )
    (tmp_path / "client.pem").write_text("not loaded here", encoding="utf-8")

    code, _, _ = cli(
        "profiles", "add", "tls", "--base-url", "https://h/v1", "--auth", "bearer",
        "--client-cert", str(tmp_path / "client.pem"), "--client-key", str(key_path),
        stdin=f"{TOKEN}\n{PASSPHRASE}\n",
    )  # fmt: skip

    assert code == 0
    assert _stored("tls", SecretKind.TOKEN) == TOKEN
    assert _stored("tls", SecretKind.KEY_PASSPHRASE) == PASSPHRASE


def test_missing_stdin_secret_saves_nothing(cli: Cli) -> None:
    code, _, err = cli("profiles", "add", "b", "--base-url", "http://h/v1", "--auth", "bearer")

    assert code == 2
    assert "No bearer token for the profile 'b' was given on stdin" in err
    assert ProfileStore().load().find("b") is None


def test_installed_program_uses_service(
    secret_service_process: PrivateSecretService, tmp_path: Path
) -> None:
    profiles_file = tmp_path / "profiles.toml"

    result = subprocess.run(
        [sys.executable, "-m", "session_inspector", "profiles", "add", "b", "--base-url",
         "http://h/v1", "--auth", "bearer", "--profiles-file", str(profiles_file)],
        input=TOKEN,
        capture_output=True,
        text=True,
        env=secret_service_process.environment(),
        timeout=60,
        check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    profile = ProfileStore(profiles_file).load().require("b")
    assert SecretStore().get(profile.id, SecretKind.TOKEN) == TOKEN
