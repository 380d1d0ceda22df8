"""Input rule 5: the credentials that `serve --require-auth` expects on every request.

It imitates the reverse proxy with Basic or bearer authentication that protects real
deployments. Neither the expected nor the received credentials ever appear in an
error description, a log record or a repr.
"""

from __future__ import annotations

import base64
import binascii
import enum
import hmac
import re
from dataclasses import dataclass, field

from session_inspector.engine.errors import EngineError

REALM = "session-inspector"

# RFC 6750 section 2.1: a bearer token is a b64token, the only form that fits in the header.
_BEARER_TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
# RFC 7617 section 2 excludes the ASCII control characters from user-id and password. The
# C1 controls (U+0080 to U+009F) are rejected too, since no client lets a user type them.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class AuthScheme(enum.Enum):
    """An HTTP authentication scheme that the engine can require."""

    BASIC = "basic"
    BEARER = "bearer"

    @property
    def http_name(self) -> str:
        """The scheme name as RFC 7617 and RFC 6750 write it: `Basic` or `Bearer`."""
        return self.value.capitalize()


class InvalidCredentials(ValueError):
    """Expected credentials that no client could send. The message names the fix."""


@dataclass(frozen=True)
class AuthRequirement:
    """The credentials that every request but a CORS preflight must carry.

    `expected` is `user:password` in UTF-8 for Basic, or the bearer token. It stays out
    of the repr, so that logging the config does not leak it.
    """

    scheme: AuthScheme
    expected: bytes = field(repr=False)

    @classmethod
    def parse(cls, scheme: AuthScheme, value: str) -> AuthRequirement:
        """Build the requirement from `user:password` (Basic) or a token (bearer).

        Raises InvalidCredentials for an empty value, a Basic value without a colon or
        with an empty password, and characters that the Authorization header cannot carry.
        """
        problem = _basic_problem(value) if scheme is AuthScheme.BASIC else _bearer_problem(value)
        if problem is not None:
            raise InvalidCredentials(problem)
        return cls(scheme, value.encode("utf-8"))

    @property
    def challenge(self) -> str:
        """The `WWW-Authenticate` value of a 401."""
        return f'{self.scheme.http_name} realm="{REALM}"'


def check_credentials(authorization: bytes | None, requirement: AuthRequirement) -> None:
    """Reject a request whose Authorization header lacks the expected credentials.

    hmac.compare_digest takes the same time wherever two values of one length differ,
    so response times do not reveal how much of a guess was right.
    """
    name = requirement.scheme.http_name
    value = (authorization or b"").strip(b" \t")
    if not value:
        raise _unauthorized(
            requirement,
            f"The request has no credentials, but this engine requires {name} authentication. "
            "Send them in the Authorization header.",
        )

    scheme, _, credentials = value.partition(b" ")
    # Scheme names are case-insensitive (RFC 9110 section 11.1).
    if scheme.lower() != requirement.scheme.value.encode():
        raise _unauthorized(
            requirement,
            f"The Authorization header does not use the {name} scheme, which this engine requires.",
        )

    presented = _presented_credentials(requirement.scheme, credentials.strip(b" "))
    if presented is None or not hmac.compare_digest(presented, requirement.expected):
        raise _unauthorized(
            requirement, f"The {name} credentials in the Authorization header are invalid."
        )


def _presented_credentials(scheme: AuthScheme, credentials: bytes) -> bytes | None:
    """Return what the request offers in the form of `expected`, or None when malformed."""
    if scheme is AuthScheme.BEARER:
        return credentials or None
    try:
        # RFC 7617 section 2: base64 of `user-id:password` in UTF-8. A user-id has no colon.
        decoded = base64.b64decode(credentials, validate=True)
    except binascii.Error:
        return None
    return decoded if b":" in decoded else None


def _unauthorized(requirement: AuthRequirement, description: str) -> EngineError:
    return EngineError(
        401, "unauthorized", description, headers={"WWW-Authenticate": requirement.challenge}
    )


def _basic_problem(value: str) -> str | None:
    if not value:
        return "The value is empty. Give user:password for Basic authentication."
    _, colon, password = value.partition(":")
    if not colon:
        return "The value has no colon. Give user:password for Basic authentication."
    if not password:
        return "The password after the colon is empty. Give user:password with a password."
    if _CONTROL_CHARACTER.search(value):
        return "The value contains a control character, which a client cannot send. Remove it."
    return None


def _bearer_problem(value: str) -> str | None:
    if not value:
        return "The value is empty. Give the token for bearer authentication."
    if not _BEARER_TOKEN.fullmatch(value):
        return (
            "The token contains a character that a bearer token cannot carry. Use only "
            "ASCII letters, digits and -._~+/, optionally followed by = signs."
        )
    return None
