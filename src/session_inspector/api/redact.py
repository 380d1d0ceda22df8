"""Redaction of secrets in headers and URLs before anything is shown, logged or copied."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

REDACTED = "<redacted>"

# Headers that carry credentials whatever the profile says.
ALWAYS_SENSITIVE = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


def is_sensitive(name: str, extra: Iterable[str] = ()) -> bool:
    """Tell whether a header carries a credential, by its name (case-insensitive)."""
    lowered = name.lower()
    return lowered in ALWAYS_SENSITIVE or lowered in {n.lower() for n in extra}


def redact_header_value(name: str, value: str, extra: Iterable[str] = ()) -> str:
    """Return the value, or a placeholder when the header carries a credential.

    The scheme of an Authorization header (Basic, Bearer) stays visible, since it tells
    which kind of credential was sent without revealing it.
    """
    if not is_sensitive(name, extra):
        return value
    scheme, space, _ = value.partition(" ")
    if name.lower() in ("authorization", "proxy-authorization") and space:
        return f"{scheme} {REDACTED}"
    return REDACTED


def redact_url(url: str) -> str:
    """Replace the password of a URL's user information with a placeholder."""
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL that could carry a password
        return url
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:{REDACTED}@{host}"))
