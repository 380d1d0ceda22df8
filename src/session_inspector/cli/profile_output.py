"""Plain-text views of profiles for `profiles list` and `profiles show`; never a secret."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from session_inspector.profiles.model import AuthKind, Profile, SecretKind

_NOT_SET = "(not set)"
_AUTH_NAMES = {
    AuthKind.NONE: "none",
    AuthKind.BASIC: "Basic",
    AuthKind.BEARER: "bearer token",
    AuthKind.HEADER: "custom header",
}


def format_list(profiles: Iterable[Profile]) -> str:
    """Return a table of the profiles: name, release mode, auth, base URL and flags."""
    rows = [("NAME", "MODE", "AUTH", "BASE URL")]
    for profile in profiles:
        where = profile.base_url or "(the engine inside this program)"
        flags = _flags(profile)
        rows.append((profile.name, profile.mode, str(profile.auth), f"{where}{flags}"))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        for row in rows
    ]
    return "\n".join(lines)


def format_profile(profile: Profile, secret_locations: Mapping[SecretKind, str]) -> str:
    """Return a profile's settings, one per line, and where each needed secret is kept."""
    pairs = [("name", profile.name), ("id", profile.id)]
    if profile.is_local:
        pairs.append(("base URL", "(the engine inside this program)"))
    else:
        pairs.append(("base URL", profile.base_url or _NOT_SET))
    pairs += [
        ("release mode", profile.mode),
        ("tenant id", _text(profile.tenant_id)),
        ("default agent id", _text(profile.agent_id)),
        ("default customer id", _text(profile.customer_id)),
        ("timeout", f"{profile.timeout:g} s"),
    ]
    if not profile.is_local:
        pairs += _connection_pairs(profile)
    pairs += [(kind.label, location) for kind, location in secret_locations.items()]
    width = max(len(label) for label, _ in pairs)
    return "\n".join(f"{label + ':':<{width + 1}} {value}" for label, value in pairs)


def _connection_pairs(profile: Profile) -> list[tuple[str, str]]:
    auth = _AUTH_NAMES[profile.auth]
    if profile.auth is AuthKind.BASIC:
        auth += f", user {profile.user!r}"
    elif profile.auth is AuthKind.HEADER:
        auth += f" {profile.header_name}"
    return [
        ("production", "yes" if profile.production else "no"),
        ("auth", auth),
        ("TLS verification", _verification(profile)),
        ("client certificate", _text(profile.client_cert)),
        ("client key", _text(profile.client_key)),
        ("proxy", _text(profile.proxy)),
    ]


def _verification(profile: Profile) -> str:
    if not profile.verify_tls:
        return "OFF: server certificates are not checked"
    if profile.ca_bundle:
        return f"against the CA bundle {profile.ca_bundle}"
    return "against the system trust store"


def _flags(profile: Profile) -> str:
    flags = []
    if profile.production:
        flags.append("production")
    if not profile.is_local and not profile.verify_tls:
        flags.append("TLS verification off")
    return f"  [{', '.join(flags)}]" if flags else ""


def _text(value: str | None) -> str:
    return _NOT_SET if value is None else value
