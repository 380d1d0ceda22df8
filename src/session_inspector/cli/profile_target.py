"""`--profile NAME` for create, get and update: settings, secrets and Target of a profile."""

from __future__ import annotations

import argparse
import dataclasses
import sys

from session_inspector.api.errors import InvalidInput
from session_inspector.cli.profile_actions import load_profiles
from session_inspector.cli.secret_input import read_secret
from session_inspector.profiles.connect import (
    build_target,
    connection_warnings,
    required_secrets,
)
from session_inspector.profiles.model import Profile, SecretKind
from session_inspector.profiles.secrets import SecretStore
from session_inspector.profiles.store import ProfileStore


def apply_profile(args: argparse.Namespace) -> None:
    """Fill in the options left out from the profile that --profile names.

    An option given on the command line wins over the profile. For a server profile this
    sets `args.target`; the Local engine profile leaves it None and sets the engine's mode.
    Raises InvalidInput for an unknown profile, an option that does not fit it, or a
    missing secret.
    """
    profile = load_profiles(ProfileStore(args.profiles_file)).require(args.profile)
    _fill_request_options(args, profile)
    for warning in connection_warnings(profile):
        print(f"session-inspector: warning: {warning}", file=sys.stderr)
    if profile.is_local:
        return

    if args.db is not None:
        raise InvalidInput(
            f"--db applies to the embedded engine only, and the profile {profile.name!r} is "
            "for a server; drop --db."
        )
    target = build_target(profile, _secrets(profile))
    args.target = dataclasses.replace(target, timeout=args.timeout)


def _fill_request_options(args: argparse.Namespace, profile: Profile) -> None:
    for name in ("mode", "timeout", "tenant_id", "agent_id", "customer_id"):
        if getattr(args, name) is None:
            setattr(args, name, getattr(profile, name))


def _secrets(profile: Profile) -> dict[SecretKind, str | None]:
    """Return the profile's secrets from the keyring, asking for any that is not stored."""
    needed = required_secrets(profile)
    if not needed:
        return {}
    store = SecretStore()
    values: dict[SecretKind, str | None] = {}
    for kind in needed:
        value = store.get(profile.id, kind)
        if value is None:
            notice = store.take_notice()
            if notice is not None:
                print(f"session-inspector: {notice}", file=sys.stderr)
            value = read_secret(kind, profile.name)
        values[kind] = value
    return values
