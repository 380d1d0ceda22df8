"""The actions of `session-inspector profiles`, run by `profile_commands.run`.

Each action takes the parsed arguments and the profiles file, and returns an exit code
or raises InvalidInput or ProfileFileError, which `run` turns into a message.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from session_inspector.api.errors import InvalidInput
from session_inspector.cli.profile_commands import EXIT_DONE, print_lines
from session_inspector.cli.profile_output import format_list, format_profile
from session_inspector.cli.secret_input import read_secret
from session_inspector.profiles.checks import (
    FieldProblem,
    check_ca_bundle,
    check_client_cert,
    check_client_key,
    check_profile,
)
from session_inspector.profiles.collection import ProfileList
from session_inspector.profiles.connect import connection_warnings, required_secrets
from session_inspector.profiles.model import AuthKind, Profile, SecretKind, new_profile_id
from session_inspector.profiles.secrets import SecretStore
from session_inspector.profiles.store import ProfileStore

# Options that name a file: kept as absolute paths, so they work from any directory.
_PATH_OPTIONS = ("ca_bundle", "client_cert", "client_key")
# Text options whose surrounding spaces are typing slips rather than part of the value.
_STRIPPED_OPTIONS = ("base_url", "proxy", "header_name", *_PATH_OPTIONS)
_TEXT_OPTIONS = (
    "base_url",
    "mode",
    "tenant_id",
    "agent_id",
    "customer_id",
    "proxy",
    "user",
    "header_name",
    *_PATH_OPTIONS,
)
_FILE_CHECKS = {
    "ca_bundle": check_ca_bundle,
    "client_cert": check_client_cert,
    "client_key": check_client_key,
}


def load_profiles(store: ProfileStore) -> ProfileList:
    """Load the profiles, saying on stderr when the file is unreadable and what happens."""
    profiles = store.load()
    if store.problem is not None:
        print_lines(
            f"{store.problem.message}\nUntil the file is fixed, only the built-in "
            f"{profiles.local_engine.name} profile is available; the next change of a "
            "profile moves the file aside to a backup first."
        )
    return profiles


def list_profiles(args: argparse.Namespace, store: ProfileStore) -> int:
    """Print a table of the profiles."""
    print(format_list(load_profiles(store)))
    return EXIT_DONE


def show_profile(args: argparse.Namespace, store: ProfileStore) -> int:
    """Print one profile's settings and where each of its secrets is kept."""
    profile = load_profiles(store).require(args.name)
    locations: dict[SecretKind, str] = {}
    needed = required_secrets(profile)
    if needed:
        secrets = SecretStore()
        _print_notice(secrets)
        locations = {kind: secrets.location(profile.id, kind) for kind in needed}
    print(format_profile(profile, locations))
    return EXIT_DONE


def remove_profile(args: argparse.Namespace, store: ProfileStore) -> int:
    """Remove a profile from the file, then its secrets from the keyring."""
    profiles = load_profiles(store)
    profile = profiles.require(args.name)
    _save(store, profiles.removed(profile.id))
    SecretStore().delete_all(profile.id)
    print(f"Removed the profile {profile.name!r} and its stored secrets.")
    return EXIT_DONE


def add_profile(args: argparse.Namespace, store: ProfileStore) -> int:
    """Check and save a new server profile, then store the secrets that it needs."""
    profiles = load_profiles(store)
    changes = _changes(args)
    profile = Profile(id=new_profile_id(), name=args.name.strip(), **changes)
    _check(profile, profiles, changes)

    needed = required_secrets(profile)
    secrets = SecretStore() if needed else None
    values = _read_secrets(profile, needed, secrets)
    _save(store, profiles.added(profile))
    _store_secrets(profile, values, secrets)
    print(f"Added the profile {profile.name!r}.")
    _print_warnings(connection_warnings(profile))
    return EXIT_DONE


def edit_profile(args: argparse.Namespace, store: ProfileStore) -> int:
    """Change the given settings, ask for new secrets and delete those no longer used."""
    profiles = load_profiles(store)
    old = profiles.require(args.name)
    changes = _changes(args)
    if args.rename is not None:
        changes["name"] = args.rename.strip()
    profile = _drop_unused_auth_fields(dataclasses.replace(old, **changes), changes)
    _check(profile, profiles, changes)

    requested = _secrets_to_ask(old, profile, changes, ask_again=args.ask_secret)
    stale = set(required_secrets(old)) - set(required_secrets(profile))
    secrets = SecretStore() if requested or stale else None
    values = _read_secrets(profile, requested, secrets)
    _save(store, profiles.replaced(profile))
    _store_secrets(profile, values, secrets)
    for kind in stale:
        assert secrets is not None
        secrets.delete(profile.id, kind)
    print(f"Saved the profile {profile.name!r}.")
    _print_warnings(connection_warnings(profile))
    return EXIT_DONE


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    """Return the settings that the options give, as Profile fields; empty text clears."""
    changes: dict[str, Any] = {}
    for name in _TEXT_OPTIONS:
        value = getattr(args, name)
        if value is None:
            continue
        if name in _STRIPPED_OPTIONS:
            value = value.strip()
        if name == "base_url":
            value = value.rstrip("/")
        if name in _PATH_OPTIONS and value:
            value = str(Path(value).expanduser().absolute())
        changes[name] = value or None
    if args.timeout is not None:
        changes["timeout"] = args.timeout
    if args.auth is not None:
        changes["auth"] = AuthKind(args.auth)
    if args.insecure is not None:
        changes["verify_tls"] = not args.insecure
    if args.production is not None:
        changes["production"] = args.production
    return changes


def _drop_unused_auth_fields(profile: Profile, changes: dict[str, Any]) -> Profile:
    """Forget the user name or header name of an auth kind that the edit switched away from."""
    if "auth" not in changes:
        return profile
    if profile.auth is not AuthKind.BASIC and "user" not in changes:
        profile = dataclasses.replace(profile, user=None)
    if profile.auth is not AuthKind.HEADER and "header_name" not in changes:
        profile = dataclasses.replace(profile, header_name=None)
    return profile


def _check(profile: Profile, profiles: ProfileList, changes: dict[str, Any]) -> None:
    """Raise InvalidInput listing every problem; only the files named now are looked at.

    A file named earlier may be missing on purpose, for example on a machine that
    mounts it later, and must not block an unrelated change.
    """
    problems = check_profile(profile, profiles, check_files=False)
    for name, check in _FILE_CHECKS.items():
        if name in changes:
            message = check(changes[name])
            if message is not None:
                problems.append(FieldProblem(name, message))
    if problems:
        raise InvalidInput("\n".join(problem.message for problem in problems))


def _secrets_to_ask(
    old: Profile, new: Profile, changes: dict[str, Any], *, ask_again: bool
) -> list[SecretKind]:
    needed = required_secrets(new)
    if ask_again:
        if not needed:
            raise InvalidInput(
                f"The profile {new.name!r} uses no secret (auth {new.auth}, no encrypted "
                "client key); drop --ask-secret."
            )
        return list(needed)
    had = set(required_secrets(old))
    key_changed = "client_key" in changes or "client_cert" in changes
    return [
        kind
        for kind in needed
        if kind not in had or (kind is SecretKind.KEY_PASSPHRASE and key_changed)
    ]


def _read_secrets(
    profile: Profile, kinds: Iterable[SecretKind], secrets: SecretStore | None
) -> dict[SecretKind, str]:
    """Read the secrets to store; without a usable keyring, say so and read none."""
    kinds = list(kinds)
    if not kinds or secrets is None:
        return {}
    if not secrets.status.usable:
        _print_notice(secrets)
        labels = " and ".join(kind.label for kind in kinds)
        print_lines(
            f"The profile {profile.name!r} is saved without its {labels}; create, get and "
            "update ask for it with --profile."
        )
        return {}
    return {kind: read_secret(kind, profile.name) for kind in kinds}


def _store_secrets(
    profile: Profile, values: dict[SecretKind, str], secrets: SecretStore | None
) -> None:
    if secrets is None:
        return
    for kind, value in values.items():
        secrets.set(profile.id, kind, value)
    if values and not secrets.status.usable:
        _print_notice(secrets)
        print_lines(
            f"The secrets of the profile {profile.name!r} could not be stored in the keyring."
        )


def _save(store: ProfileStore, profiles: ProfileList) -> None:
    backup = store.save(profiles)
    if backup is not None:
        print_lines(f"The unreadable profiles file was moved to {backup}.")


def _print_notice(secrets: SecretStore) -> None:
    notice = secrets.take_notice()
    if notice is not None:
        print_lines(notice)


def _print_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"session-inspector: warning: {warning}", file=sys.stderr)
