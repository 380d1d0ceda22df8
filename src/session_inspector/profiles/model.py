"""A connection profile: where a server is, how to reach it, and which secrets it needs."""

from __future__ import annotations

import enum
from dataclasses import dataclass

RELEASE_MODES = ("8.5.0", "8.5.1", "current")
DEFAULT_MODE = "8.5.1"
# The same default as the client's Target.
DEFAULT_TIMEOUT = 10.0

# The built-in profile of the engine inside the program. Its id is fixed, so that its
# settings in the file are found again after a rename.
LOCAL_ENGINE_ID = "00000000-0000-0000-0000-000000000000"
LOCAL_ENGINE_NAME = "Local engine"


class AuthKind(enum.StrEnum):
    """The authentication scheme of requests; the value is its name in the file and the CLI."""

    NONE = "none"
    BASIC = "basic"
    BEARER = "bearer"
    HEADER = "header"


class SecretKind(enum.StrEnum):
    """A secret of a profile; the value is the second part of its keyring key."""

    PASSWORD = "password"
    TOKEN = "token"
    HEADER_VALUE = "header-value"
    KEY_PASSPHRASE = "key-passphrase"

    @property
    def label(self) -> str:
        """The secret's name in messages, for example "bearer token"."""
        return _SECRET_LABELS[self]


_SECRET_LABELS = {
    SecretKind.PASSWORD: "Basic password",
    SecretKind.TOKEN: "bearer token",
    SecretKind.HEADER_VALUE: "custom header value",
    SecretKind.KEY_PASSPHRASE: "client key passphrase",
}

AUTH_SECRETS = {
    AuthKind.NONE: None,
    AuthKind.BASIC: SecretKind.PASSWORD,
    AuthKind.BEARER: SecretKind.TOKEN,
    AuthKind.HEADER: SecretKind.HEADER_VALUE,
}


@dataclass(frozen=True)
class Profile:
    """The settings of one target, without its secrets, which live in the keyring.

    `base_url` is None only for the built-in Local engine profile. Optional text
    settings are None when not set, never the empty string. `verify_tls` False turns
    certificate checks off; `ca_bundle` replaces the system trust store when set.
    `user` is the Basic user name and `header_name` the custom auth header's name.
    """

    id: str
    name: str
    base_url: str | None = None
    mode: str = DEFAULT_MODE
    tenant_id: str | None = None
    agent_id: str | None = None
    customer_id: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    verify_tls: bool = True
    ca_bundle: str | None = None
    client_cert: str | None = None
    client_key: str | None = None
    proxy: str | None = None
    production: bool = False
    auth: AuthKind = AuthKind.NONE
    user: str | None = None
    header_name: str | None = None

    @property
    def is_local(self) -> bool:
        """Whether this is the built-in profile of the engine inside the program."""
        return self.id == LOCAL_ENGINE_ID

    @property
    def auth_secret(self) -> SecretKind | None:
        """The kind of secret that the auth kind sends, or None for no auth."""
        return AUTH_SECRETS[self.auth]


def local_engine_profile() -> Profile:
    """Return the built-in Local engine profile with its default settings."""
    return Profile(id=LOCAL_ENGINE_ID, name=LOCAL_ENGINE_NAME)


def new_profile_id() -> str:
    """Return a new random profile id."""
    # Imported here: uuid loads the platform module, which the window's start can skip.
    import uuid

    return str(uuid.uuid4())
