"""Secrets of profiles in the OS keyring, or in memory for one run when it cannot be used.

Secrets live under the service name `session-inspector` and the key
`<profile id>/<kind>`, such as `6f0c…/password`. A backend counts as usable when the
keyring library recommends it (priority 1 or more) and it really encrypts: the fail and
null backends and the file backends of keyrings.alt, which only obfuscate, do not count.
No secret is ever logged or written to disk by this module.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringError, PasswordDeleteError

from session_inspector.profiles.model import SecretKind

logger = logging.getLogger(__name__)

SERVICE_NAME = "session-inspector"

# Errors that keyring backends raise when they fail at run time: keyring's own, and the
# socket errors of a D-Bus connection that breaks.
_BACKEND_ERRORS = (KeyringError, OSError)

_MEMORY_ONLY = (
    "so secrets are kept in memory for this run only and never written to disk. To keep "
    "them between runs, start a keyring service such as GNOME Keyring or KWallet."
)


@dataclass(frozen=True)
class KeyringStatus:
    """Whether secrets go to the keyring; `message` explains when they stay in memory."""

    usable: bool
    backend_name: str
    message: str | None = None


def secret_key(profile_id: str, kind: SecretKind) -> str:
    """Return the keyring user name under which a profile keeps one kind of secret."""
    return f"{profile_id}/{kind}"


def assess_backend(backend: KeyringBackend) -> KeyringStatus:
    """Tell whether a keyring backend can keep secrets, and if not, why in plain words."""
    name = backend.name
    reason = _unusable_reason(backend)
    if reason is None:
        return KeyringStatus(usable=True, backend_name=name)
    return KeyringStatus(usable=False, backend_name=name, message=f"{reason}, {_MEMORY_ONLY}")


class SecretStore:
    """Get, set and delete the secrets of profiles.

    `backend` defaults to the one that the keyring library chooses, `keyring.get_keyring()`.
    Without a usable backend, or after the backend failed, secrets are kept in this
    object's memory only, and `status.message` explains that.
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = keyring.get_keyring() if backend is None else backend
        self._status = assess_backend(self._backend)
        self._memory: dict[str, str] = {}
        self._notice_taken = False
        if not self._status.usable:
            logger.info("secrets stay in memory: %s", self._status.message)

    @property
    def status(self) -> KeyringStatus:
        """Where secrets go now; it turns unusable when the backend fails."""
        return self._status

    def take_notice(self) -> str | None:
        """Return the status message the first time it is asked for, then None.

        This lets a program say once that secrets stay in memory.
        """
        if self._notice_taken or self._status.message is None:
            return None
        self._notice_taken = True
        return self._status.message

    def get(self, profile_id: str, kind: SecretKind) -> str | None:
        """Return a stored secret, or None when none is stored."""
        key = secret_key(profile_id, kind)
        if key in self._memory:
            return self._memory[key]
        if not self._status.usable:
            return None
        try:
            return self._backend.get_password(SERVICE_NAME, key)
        except _BACKEND_ERRORS as error:
            self._fall_back_to_memory("read", key, error)
            return None

    def set(self, profile_id: str, kind: SecretKind, value: str) -> None:
        """Store a secret in the keyring, or in memory when the keyring cannot be used."""
        key = secret_key(profile_id, kind)
        if self._status.usable:
            try:
                self._backend.set_password(SERVICE_NAME, key, value)
            except _BACKEND_ERRORS as error:
                self._fall_back_to_memory("store", key, error)
            else:
                self._memory.pop(key, None)
                logger.info("stored the %s of profile %s in the keyring", kind.label, profile_id)
                return
        self._memory[key] = value

    def delete(self, profile_id: str, kind: SecretKind) -> None:
        """Delete a secret wherever it is kept; deleting one that is not stored is fine."""
        key = secret_key(profile_id, kind)
        self._memory.pop(key, None)
        if not self._status.usable:
            return
        try:
            self._backend.delete_password(SERVICE_NAME, key)
        except PasswordDeleteError:
            return  # keyring raises this when nothing was stored under the key
        except _BACKEND_ERRORS as error:
            self._fall_back_to_memory("delete", key, error)
            return
        logger.info("deleted the %s of profile %s from the keyring", kind.label, profile_id)

    def delete_all(self, profile_id: str) -> None:
        """Delete every kind of secret of a profile, for when the profile is removed."""
        for kind in SecretKind:
            self.delete(profile_id, kind)

    def location(self, profile_id: str, kind: SecretKind) -> str:
        """Say where a secret is kept, for showing: in the keyring, in memory, or not stored."""
        key = secret_key(profile_id, kind)
        if key in self._memory:
            return "in memory for this run only"
        if self.get(profile_id, kind) is not None:
            return f"in the keyring ({self._status.backend_name})"
        return "not stored"

    def _fall_back_to_memory(self, action: str, key: str, error: Exception) -> None:
        name = self._status.backend_name
        logger.info("keyring %s failed to %s %s: %s", name, action, key, error)
        message = f"The keyring ({name}) failed to {action} a secret ({error}), {_MEMORY_ONLY}"
        self._status = KeyringStatus(usable=False, backend_name=name, message=message)
        self._notice_taken = False


def _unusable_reason(backend: KeyringBackend) -> str | None:
    name = backend.name
    if isinstance(backend, chainer.ChainerBackend):
        # A chain writes to its first backend, so that one decides.
        members = backend.backends
        return _unusable_reason(members[0]) if members else "No usable keyring was found"
    if isinstance(backend, fail.Keyring | null.Keyring):
        return "No usable keyring was found"
    if type(backend).__module__.startswith("keyrings.alt"):
        return f"The keyring backend {name} only obfuscates secrets in a file"
    try:
        priority = backend.priority
    except RuntimeError as error:  # keyring backends raise it when they cannot run here
        return f"The keyring backend {name} cannot run here ({error})"
    if priority < 1:
        return f"The keyring backend {name} is one that the keyring library does not recommend"
    return None
