"""Connection profiles in a TOML file, and their secrets in the OS keyring. No Qt.

    store = ProfileStore()                 # profiles.toml in the user config directory
    profiles = store.load()                # store.problem: why the file could not be read
    profiles = profiles.added(Profile(new_profile_id(), "Staging", base_url=...))
    store.save(profiles)                   # returns the backup of an unreadable file
    secrets = SecretStore()                # secrets.status says where secrets go
    secrets.set(profile.id, SecretKind.PASSWORD, password)
    values = {kind: secrets.get(profile.id, kind) for kind in required_secrets(profile)}
    target = build_target(profile, values)  # the Local engine profile has no Target

The field checks in `checks` return None or one sentence, for a dialog that checks as the
user types. The names below are imported on first use: the keyring library and httpx
take about 90 and 170 ms to import, which listing profiles in a window must not pay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from session_inspector.lazy_exports import lazy_getattr

if TYPE_CHECKING:
    from session_inspector.profiles.checks import FieldProblem, check_profile
    from session_inspector.profiles.collection import ProfileList
    from session_inspector.profiles.connect import (
        auth_headers,
        build_target,
        connection_warnings,
        key_needs_passphrase,
        required_secrets,
    )
    from session_inspector.profiles.errors import MissingSecret, ProfileFileError, ProfileNotFound
    from session_inspector.profiles.model import (
        LOCAL_ENGINE_ID,
        RELEASE_MODES,
        AuthKind,
        Profile,
        SecretKind,
        local_engine_profile,
        new_profile_id,
    )
    from session_inspector.profiles.secrets import KeyringStatus, SecretStore
    from session_inspector.profiles.store import ProfileStore, default_profiles_path

_HOMES = {
    "FieldProblem": "checks",
    "check_profile": "checks",
    "ProfileList": "collection",
    "auth_headers": "connect",
    "build_target": "connect",
    "connection_warnings": "connect",
    "key_needs_passphrase": "connect",
    "required_secrets": "connect",
    "MissingSecret": "errors",
    "ProfileFileError": "errors",
    "ProfileNotFound": "errors",
    "LOCAL_ENGINE_ID": "model",
    "RELEASE_MODES": "model",
    "AuthKind": "model",
    "Profile": "model",
    "SecretKind": "model",
    "local_engine_profile": "model",
    "new_profile_id": "model",
    "KeyringStatus": "secrets",
    "SecretStore": "secrets",
    "ProfileStore": "store",
    "default_profiles_path": "store",
}

__all__ = [
    "LOCAL_ENGINE_ID",
    "RELEASE_MODES",
    "AuthKind",
    "FieldProblem",
    "KeyringStatus",
    "MissingSecret",
    "Profile",
    "ProfileFileError",
    "ProfileList",
    "ProfileNotFound",
    "ProfileStore",
    "SecretKind",
    "SecretStore",
    "auth_headers",
    "build_target",
    "check_profile",
    "connection_warnings",
    "default_profiles_path",
    "key_needs_passphrase",
    "local_engine_profile",
    "new_profile_id",
    "required_secrets",
]


__getattr__ = lazy_getattr(__name__, _HOMES, globals())
