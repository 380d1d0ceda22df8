"""Checks of profile fields, as pure functions that a dialog can run as the user types.

Each `check_*` function returns None when the value is fine, or one sentence that names
the value and the fix. None of them ever puts a secret into its sentence.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from session_inspector.profiles.model import RELEASE_MODES, AuthKind, Profile, SecretKind

MAX_NAME_LENGTH = 100
BASE_URL_EXAMPLE = "https://kc.example.org/knowmgt/gks-server/v1"
PROXY_EXAMPLE = "http://proxy.example.org:3128"

# A header name is an RFC 9110 token.
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")

# Headers that the client sets itself or that carry the identity: a custom auth header
# with one of these names would silently replace them.
_RESERVED_HEADERS = frozenset(
    {
        "gkc_agentid",
        "gkc_customerid",
        "host",
        "content-length",
        "content-type",
        "transfer-encoding",
        "connection",
    }
)


@dataclass(frozen=True)
class FieldProblem:
    """A problem with one field of a profile; `field` is the Profile attribute name."""

    field: str
    message: str


# Pairs of a Profile attribute name and its problem, or None when it has none.
_Results = list[tuple[str, str | None]]


def check_name(
    name: str, profiles: Iterable[Profile] = (), own_id: str | None = None
) -> str | None:
    """Check a display name: not empty, no control characters, unique ignoring case.

    `profiles` are the existing profiles and `own_id` the id of the profile being edited,
    which may keep its own name.
    """
    if not name.strip():
        return "The profile name is empty; give the profile a name."
    if name != name.strip():
        return f"The profile name {name!r} starts or ends with a space; remove it."
    if len(name) > MAX_NAME_LENGTH:
        return f"The profile name {name!r} is longer than {MAX_NAME_LENGTH} characters; shorten it."
    if _has_control_character(name):
        return f"The profile name {name!r} contains a control character; remove it."
    for other in profiles:
        if other.id != own_id and other.name.casefold() == name.casefold():
            return f"A profile named {other.name!r} already exists; choose another name."
    return None


def check_base_url(url: str) -> str | None:
    """Check a server's API root: an http or https URL with a host and no query."""
    example = f"use a URL such as {BASE_URL_EXAMPLE}"
    parts, problem = _split_http_url("base URL", url, example)
    if parts is None:
        return problem
    if parts.query or parts.fragment:
        return f"The base URL {url!r} has a query or fragment; {example}."
    # The profile file is plain text: a password here would be written to disk.
    if parts.username is not None or parts.password is not None:
        return (
            f"The base URL {_without_user_info(parts)!r} contains a user name or password; "
            "remove it and choose Basic auth instead, which keeps the password in the keyring."
        )
    return None


def check_mode(mode: str) -> str | None:
    """Check a release mode name."""
    if mode not in RELEASE_MODES:
        return f"The release mode {mode!r} is unknown; choose one of {', '.join(RELEASE_MODES)}."
    return None


def check_tenant_id(tenant_id: str | None, mode: str) -> str | None:
    """Check a tenant id, which release mode current requires."""
    if not tenant_id:
        if mode == "current":
            return "Release mode current requires a tenant id; give one, or choose another mode."
        return None
    return _check_text("tenant id", tenant_id)


def check_agent_id(agent_id: str | None) -> str | None:
    """Check a default agent id, which travels in a header."""
    return _check_text("default agent id", agent_id)


def check_customer_id(customer_id: str | None) -> str | None:
    """Check a default customer id, which travels in a header."""
    return _check_text("default customer id", customer_id)


def check_timeout(seconds: float) -> str | None:
    """Check a timeout: a positive, finite number of seconds."""
    if not seconds > 0 or math.isinf(seconds):
        return f"The timeout {seconds!r} is not a positive number of seconds; give one such as 10."
    return None


def check_ca_bundle(path: str | None) -> str | None:
    """Check that a CA bundle file exists and can be read."""
    return _check_file("CA bundle", path)


def check_client_cert(path: str | None) -> str | None:
    """Check that a client certificate file exists and can be read."""
    return _check_file("client certificate", path)


def check_client_key(path: str | None) -> str | None:
    """Check that a client key file exists and can be read."""
    return _check_file("client key", path)


def check_proxy(url: str | None) -> str | None:
    """Check an HTTP proxy URL such as http://proxy.example.org:3128."""
    if not url:
        return None
    parts, problem = _split_http_url("proxy", url, f"use a URL such as {PROXY_EXAMPLE}")
    if parts is None:
        return problem
    if parts.password is not None:
        return (
            f"The proxy URL {_without_user_info(parts)!r} contains a password, which the "
            "profiles file would keep as plain text; remove it."
        )
    return None


def check_user(user: str | None) -> str | None:
    """Check a Basic auth user name, which must be set and contain no colon."""
    if not user:
        return "Basic auth needs a user name; give one (the User name field, or --user)."
    # RFC 7617: the colon separates the user name from the password.
    if ":" in user:
        return f"The user name {user!r} contains a colon, which Basic auth cannot carry."
    return _check_text("user name", user)


def check_header_name(name: str | None) -> str | None:
    """Check the name of a custom auth header, such as X-API-Key."""
    if not name:
        return "Custom header auth needs a header name; give one such as X-API-Key."
    if not _TOKEN.fullmatch(name):
        return (
            f"The header name {name!r} contains characters that a header name cannot have; "
            "use letters, digits and - only, such as X-API-Key."
        )
    if name.lower() in _RESERVED_HEADERS:
        return (
            f"The header {name!r} is set by the program itself; choose another header "
            "for the credential."
        )
    return None


def check_secret(kind: SecretKind, value: str) -> str | None:
    """Check a secret without ever quoting it: not empty, and fit for a header if sent as is."""
    if not value:
        return f"The {kind.label} is empty; give one."
    if kind in (SecretKind.TOKEN, SecretKind.HEADER_VALUE):
        position = _control_character_position(value)
        if position is not None:
            return (
                f"The {kind.label} contains a control character at position {position}, "
                "which a header cannot carry; remove it."
            )
        if value != value.strip():
            return f"The {kind.label} starts or ends with a space; remove it."
    return None


def check_profile(
    profile: Profile, profiles: Iterable[Profile] = (), *, check_files: bool = True
) -> list[FieldProblem]:
    """Check every field of a profile and how they fit together.

    `profiles` are the others, for the unique name. `check_files` False skips looking at
    the TLS files, for reading a profiles file whose files may be on another machine.
    """
    results: _Results = [("name", check_name(profile.name, profiles, profile.id))]
    results += _check_request_defaults(profile)
    if profile.is_local:
        results += _check_local_engine(profile)
    else:
        results += _check_connection(profile, check_files=check_files)
    return [FieldProblem(field, message) for field, message in results if message]


def _check_request_defaults(profile: Profile) -> _Results:
    return [
        ("mode", check_mode(profile.mode)),
        ("tenant_id", check_tenant_id(profile.tenant_id, profile.mode)),
        ("agent_id", check_agent_id(profile.agent_id)),
        ("customer_id", check_customer_id(profile.customer_id)),
        ("timeout", check_timeout(profile.timeout)),
    ]


def _check_local_engine(profile: Profile) -> _Results:
    """Reject connection settings: the engine inside the program takes none."""
    settings = [
        ("base_url", "base URL", profile.base_url is not None),
        ("auth", "authentication", profile.auth is not AuthKind.NONE),
        ("verify_tls", "TLS settings", not profile.verify_tls),
        ("ca_bundle", "TLS settings", profile.ca_bundle is not None),
        ("client_cert", "TLS settings", profile.client_cert is not None),
        ("client_key", "TLS settings", profile.client_key is not None),
        ("proxy", "proxy", profile.proxy is not None),
        ("production", "production flag", profile.production),
    ]
    return [
        (
            field,
            f"The {profile.name} profile runs the engine inside this program, so it takes "
            f"no {what}; add a profile for a server instead.",
        )
        for field, what, is_set in settings
        if is_set
    ]


def _check_connection(profile: Profile, *, check_files: bool) -> _Results:
    if profile.base_url is None:
        base_url_problem: str | None = (
            f"The profile {profile.name!r} has no base URL; give the API root, "
            f"such as {BASE_URL_EXAMPLE}."
        )
    else:
        base_url_problem = check_base_url(profile.base_url)
    results: _Results = [("base_url", base_url_problem), ("proxy", check_proxy(profile.proxy))]
    results += _check_auth(profile)
    results += _check_tls(profile, check_files=check_files)
    return results


def _check_auth(profile: Profile) -> _Results:
    results: _Results = []
    if profile.auth is AuthKind.BASIC:
        results.append(("user", check_user(profile.user)))
    elif profile.user is not None:
        results.append(
            ("user", f"A user name applies to Basic auth only, not {profile.auth}; remove it.")
        )
    if profile.auth is AuthKind.HEADER:
        results.append(("header_name", check_header_name(profile.header_name)))
    elif profile.header_name is not None:
        results.append(
            (
                "header_name",
                f"A header name applies to custom header auth only, not {profile.auth}; remove it.",
            )
        )
    return results


def _check_tls(profile: Profile, *, check_files: bool) -> _Results:
    results: _Results = []
    if not profile.verify_tls and profile.ca_bundle is not None:
        results.append(
            (
                "ca_bundle",
                f"TLS verification is off, so the CA bundle {profile.ca_bundle!r} would be "
                "ignored; remove one of the two.",
            )
        )
    if profile.client_key is not None and profile.client_cert is None:
        results.append(
            (
                "client_key",
                f"The client key {profile.client_key!r} needs a client certificate; give one too.",
            )
        )
    if check_files:
        results += [
            ("ca_bundle", check_ca_bundle(profile.ca_bundle)),
            ("client_cert", check_client_cert(profile.client_cert)),
            ("client_key", check_client_key(profile.client_key)),
        ]
    return results


def _check_text(label: str, value: str | None) -> str | None:
    if value is None:
        return None
    position = _control_character_position(value)
    if position is not None:
        return (
            f"The {label} {value!r} contains a control character at position {position}; remove it."
        )
    return None


def _check_file(label: str, path: str | None) -> str | None:
    if path is None:
        return None
    if not os.path.exists(path):
        return f"The {label} file {path!r} does not exist; choose a PEM file."
    if not os.path.isfile(path):
        return f"The {label} {path!r} is not a file; choose a PEM file."
    if not os.access(path, os.R_OK):
        return f"The {label} file {path!r} cannot be read; check its permissions."
    return None


def _split_http_url(label: str, url: str, example: str) -> tuple[SplitResult | None, str]:
    """Split an http(s) URL with a host and a valid port, or return None and the problem."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # an unclosed "[" of an IPv6 address
        return None, f"The {label} {url!r} has an invalid host; {example}."
    if parts.scheme not in ("http", "https"):
        return None, f"The {label} {url!r} does not start with http:// or https://; {example}."
    if not parts.hostname:
        return None, f"The {label} {url!r} has no host name; {example}."
    if not _has_valid_port(parts):
        return None, f"The {label} {url!r} has an invalid port; {example}."
    return parts, ""


def _has_valid_port(parts: SplitResult) -> bool:
    try:
        _ = parts.port
    except ValueError:
        return False
    return True


def _without_user_info(parts: SplitResult) -> str:
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=host).geturl()


def _has_control_character(text: str) -> bool:
    return _control_character_position(text) is not None


def _control_character_position(text: str) -> int | None:
    for position, character in enumerate(text, start=1):
        if unicodedata.category(character) == "Cc":
            return position
    return None
