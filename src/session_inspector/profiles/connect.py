"""Turn a profile and its secrets into the client's Target.

needed = required_secrets(profile)
values = {kind: store.get(profile.id, kind) for kind in needed}
target = build_target(profile, values)   # raises MissingSecret when one is missing
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from pathlib import Path

from session_inspector.api.target import Target
from session_inspector.profiles.errors import MissingSecret
from session_inspector.profiles.model import AuthKind, Profile, SecretKind

# PEM markers of an encrypted private key: PKCS #8, and OpenSSL's traditional format.
_ENCRYPTED_KEY_MARKERS = (b"-----BEGIN ENCRYPTED PRIVATE KEY-----", b"Proc-Type: 4,ENCRYPTED")


def required_secrets(profile: Profile) -> tuple[SecretKind, ...]:
    """Return the secrets that requests of this profile need: auth, then key passphrase."""
    needed: list[SecretKind] = []
    if profile.auth_secret is not None:
        needed.append(profile.auth_secret)
    if _key_needs_passphrase(profile):
        needed.append(SecretKind.KEY_PASSPHRASE)
    return tuple(needed)


def key_needs_passphrase(path: str) -> bool:
    """Tell whether a PEM private key file is encrypted, or False when it cannot be read.

    A file that cannot be read fails later, when the client loads it, with a message
    naming the file.
    """
    try:
        data = Path(path).read_bytes()
    except OSError:
        return False
    return any(marker in data for marker in _ENCRYPTED_KEY_MARKERS)


def auth_headers(profile: Profile, secret: str | None) -> dict[str, str]:
    """Return the headers that authenticate a request of this profile.

    Basic sends `Authorization: Basic base64(user:password)` in UTF-8 (RFC 7617),
    bearer sends `Authorization: Bearer TOKEN`, and custom header auth sends the
    header with the secret as its value.
    """
    if profile.auth is AuthKind.NONE:
        return {}
    if not secret:
        raise _missing(profile, profile.auth_secret)
    if profile.auth is AuthKind.BASIC:
        pair = f"{profile.user or ''}:{secret}".encode()
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
    if profile.auth is AuthKind.BEARER:
        return {"Authorization": f"Bearer {secret}"}
    return {profile.header_name or "": secret}


def build_target(profile: Profile, secrets: Mapping[SecretKind, str | None]) -> Target:
    """Return the Target of a server profile; `secrets` contains what `required_secrets` lists.

    Raises MissingSecret naming a required secret that is absent, and ValueError for the
    Local engine profile, which has no Target since it is reached in-process.
    """
    if profile.base_url is None:
        raise ValueError(f"The {profile.name} profile has no base URL to build a Target for.")
    needed = required_secrets(profile)
    for kind in needed:
        if not secrets.get(kind):
            raise _missing(profile, kind)

    verify: bool | str = profile.ca_bundle or True
    if not profile.verify_tls:
        verify = False
    headers = auth_headers(
        profile, secrets.get(profile.auth_secret) if profile.auth_secret else None
    )
    return Target(
        base_url=profile.base_url,
        timeout=profile.timeout,
        verify=verify,
        client_cert=profile.client_cert,
        client_key=profile.client_key,
        client_key_password=secrets.get(SecretKind.KEY_PASSPHRASE),
        proxy=profile.proxy,
        auth_headers=headers,
    )


def connection_warnings(profile: Profile) -> list[str]:
    """Return the warnings to show whenever the profile is used, one sentence each."""
    warnings = []
    if not profile.is_local and not profile.verify_tls:
        warnings.append(
            f"TLS certificate verification is off for the profile {profile.name!r}, so "
            "anyone on the network path can read and change its requests."
        )
    if profile.production:
        warnings.append(f"The profile {profile.name!r} is marked as production.")
    return warnings


def _key_needs_passphrase(profile: Profile) -> bool:
    key = profile.client_key or profile.client_cert
    return key is not None and key_needs_passphrase(key)


def _missing(profile: Profile, kind: SecretKind | None) -> MissingSecret:
    label = kind.label if kind else "secret"
    return MissingSecret(
        f"The {label} of the profile {profile.name!r} is neither stored nor given; "
        "enter it to send requests with this profile."
    )
