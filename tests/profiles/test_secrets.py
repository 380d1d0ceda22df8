"""Which keyring backends count as usable, and memory-only secrets without one."""

from __future__ import annotations

import logging
from typing import Any

import keyring
import pytest
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringLocked

from session_inspector.profiles.model import SecretKind, new_profile_id
from session_inspector.profiles.secrets import SecretStore, assess_backend, secret_key
from tests.profiles.secret_values import PASSWORD, TOKEN


def _fake_backend(module: str, priority: float) -> Any:
    """Return a stand-in with the attributes that the assessment reads.

    It does not subclass KeyringBackend, which would register it with the keyring
    library for the rest of the test run.
    """
    attributes = {"__module__": module, "name": f"{module} FakeKeyring", "priority": priority}
    return type("FakeKeyring", (), attributes)()


def test_fail_backend_is_unusable() -> None:
    status = assess_backend(fail.Keyring())

    assert not status.usable
    assert status.message is not None
    assert status.message.startswith("No usable keyring was found, so secrets are kept in memory")


def test_null_backend_is_unusable() -> None:
    assert not assess_backend(null.Keyring()).usable


def test_plaintext_backend_is_unusable() -> None:
    backend = _fake_backend("keyrings.alt.file", 5)

    status = assess_backend(backend)

    assert not status.usable
    assert status.message is not None
    assert "only obfuscates" in status.message


def test_low_priority_backend_is_unusable() -> None:
    status = assess_backend(_fake_backend("some.backend", 0.5))

    assert not status.usable
    assert status.message is not None
    assert "does not recommend" in status.message


def test_recommended_backend_is_usable() -> None:
    status = assess_backend(_fake_backend("some.backend", 5))

    assert status.usable
    assert status.message is None
    assert status.backend_name == "some.backend FakeKeyring"


def test_empty_chain_is_unusable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])

    assert not assess_backend(chainer.ChainerBackend()).usable


def test_key_names_profile_and_kind() -> None:
    assert secret_key("6f0c", SecretKind.KEY_PASSPHRASE) == "6f0c/key-passphrase"


def test_default_store_uses_keyring_choice() -> None:
    # The autouse fixture installed the fail backend, as a machine without a keyring has.
    assert isinstance(keyring.get_keyring(), fail.Keyring)

    store = SecretStore()

    assert not store.status.usable
    assert store.status.backend_name == "fail Keyring"


def test_without_keyring_secrets_stay_in_memory() -> None:
    profile_id = new_profile_id()
    store = SecretStore()

    store.set(profile_id, SecretKind.PASSWORD, PASSWORD)

    assert store.get(profile_id, SecretKind.PASSWORD) == PASSWORD
    assert store.location(profile_id, SecretKind.PASSWORD) == "in memory for this run only"
    assert SecretStore().get(profile_id, SecretKind.PASSWORD) is None


def test_memory_secrets_are_deleted() -> None:
    profile_id = new_profile_id()
    store = SecretStore()
    store.set(profile_id, SecretKind.TOKEN, TOKEN)

    store.delete_all(profile_id)

    assert store.get(profile_id, SecretKind.TOKEN) is None
    assert store.location(profile_id, SecretKind.TOKEN) == "not stored"


def test_notice_is_given_once() -> None:
    store = SecretStore()

    first = store.take_notice()

    assert first is not None
    assert "kept in memory for this run only and never written to disk" in first
    assert store.take_notice() is None


class _LockedBackend:
    """A recommended backend whose every call fails, as a keyring that stays locked does."""

    name = "test LockedKeyring"
    priority = 5

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")


def test_failing_backend_falls_back_to_memory(caplog: pytest.LogCaptureFixture) -> None:
    profile_id = new_profile_id()
    store = SecretStore(_LockedBackend())  # type: ignore[arg-type]
    assert store.status.usable

    store.set(profile_id, SecretKind.PASSWORD, PASSWORD)

    assert not store.status.usable
    assert store.get(profile_id, SecretKind.PASSWORD) == PASSWORD
    notice = store.take_notice()
    assert notice is not None
    assert "failed to store a secret (Failed to unlock the collection!)" in notice
    assert any(
        r.levelno == logging.INFO and "failed to store" in r.getMessage() for r in caplog.records
    )
