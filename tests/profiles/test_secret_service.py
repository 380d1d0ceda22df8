"""Secrets through a real Secret Service: a private bus and gnome-keyring-daemon."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from session_inspector.profiles.model import AuthKind, Profile, SecretKind, new_profile_id
from session_inspector.profiles.secrets import SERVICE_NAME, SecretStore
from session_inspector.profiles.store import ProfileStore
from tests.profiles.secret_values import HEADER_VALUE, PASSPHRASE, PASSWORD, TOKEN
from tests.support.keyring_daemon import PrivateSecretService

pytestmark = pytest.mark.keyring

VALUES = {
    SecretKind.PASSWORD: PASSWORD,
    SecretKind.TOKEN: TOKEN,
    SecretKind.HEADER_VALUE: HEADER_VALUE,
    SecretKind.KEY_PASSPHRASE: PASSPHRASE,
}

# Run by a separate interpreter: finds the backend as the program does, with no help.
PROBE = """
import sys
from session_inspector.profiles.model import SecretKind
from session_inspector.profiles.secrets import SecretStore
store = SecretStore()
stored = store.get(sys.argv[1], SecretKind.PASSWORD)
print(store.status.usable, store.status.backend_name, stored == sys.stdin.read(), sep="|")
"""


def test_store_uses_secret_service(secret_service: KeyringBackend) -> None:
    status = SecretStore().status

    assert status.usable
    assert status.backend_name == "SecretService Keyring"
    assert status.message is None


@pytest.mark.parametrize("kind", list(SecretKind))
def test_every_kind_round_trips(secret_service: KeyringBackend, kind: SecretKind) -> None:
    profile_id = new_profile_id()

    SecretStore().set(profile_id, kind, VALUES[kind])
    store = SecretStore()  # a new store, so the value cannot come from memory

    assert store.get(profile_id, kind) == VALUES[kind]
    assert store.location(profile_id, kind) == "in the keyring (SecretService Keyring)"
    assert secret_service.get_password(SERVICE_NAME, f"{profile_id}/{kind}") == VALUES[kind]


def test_replacing_a_secret(secret_service: KeyringBackend) -> None:
    profile_id = new_profile_id()
    store = SecretStore()

    store.set(profile_id, SecretKind.TOKEN, TOKEN)
    store.set(profile_id, SecretKind.TOKEN, HEADER_VALUE)

    assert SecretStore().get(profile_id, SecretKind.TOKEN) == HEADER_VALUE


def test_rename_keeps_secrets(secret_service: KeyringBackend, config_dir: Path) -> None:
    store = ProfileStore(config_dir / "profiles.toml")
    profile = Profile(
        new_profile_id(), "Staging", base_url="http://h/v1", auth=AuthKind.BASIC, user="alice"
    )
    store.save(store.load().added(profile))
    SecretStore().set(profile.id, SecretKind.PASSWORD, PASSWORD)

    renamed = Profile(
        profile.id, "Production", base_url="http://h/v1", auth=AuthKind.BASIC, user="alice"
    )
    store.save(store.load().replaced(renamed))
    reloaded = ProfileStore(store.path).load().require("production")

    assert SecretStore().get(reloaded.id, SecretKind.PASSWORD) == PASSWORD


def test_delete_all_removes_every_kind(secret_service: KeyringBackend) -> None:
    profile_id, other_id = new_profile_id(), new_profile_id()
    store = SecretStore()
    for kind, value in VALUES.items():
        store.set(profile_id, kind, value)
    store.set(other_id, SecretKind.TOKEN, TOKEN)

    store.delete_all(profile_id)

    fresh = SecretStore()
    for kind in SecretKind:
        assert fresh.get(profile_id, kind) is None
        assert fresh.location(profile_id, kind) == "not stored"
    assert fresh.get(other_id, SecretKind.TOKEN) == TOKEN


def test_deleting_nothing_is_fine(secret_service: KeyringBackend) -> None:
    store = SecretStore()

    store.delete_all(new_profile_id())

    assert store.status.usable


def test_program_finds_service_by_itself(
    secret_service: KeyringBackend, secret_service_process: PrivateSecretService
) -> None:
    profile_id = new_profile_id()
    SecretStore().set(profile_id, SecretKind.PASSWORD, PASSWORD)

    result = subprocess.run(
        [sys.executable, "-c", PROBE, profile_id],
        input=PASSWORD,
        capture_output=True,
        text=True,
        env=secret_service_process.environment(),
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True|SecretService Keyring|True"


def test_unused_backend_is_restored() -> None:
    # Without the fixture, the tests run on the fail backend that conftest installs.
    assert not SecretStore().status.usable
