"""The options of the GUI (no subcommand) and its start, which is the only path to Qt."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from session_inspector.api.errors import InvalidInput
from session_inspector.cli.options import positive_seconds
from session_inspector.cli.profile_commands import add_profiles_file_option
from session_inspector.cli.terminal import printable

if TYPE_CHECKING:
    from session_inspector.profiles.model import Profile

NO_DISPLAY = (
    "session-inspector: no display found, so the window cannot open; use "
    "`session-inspector serve` for the engine, `create`, `get` and `update` for single "
    "requests, or `--self-test` to check the installation."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options that apply when no subcommand is given."""
    group = parser.add_argument_group("window options (without a command)")
    group.add_argument(
        "--base-url",
        metavar="URL",
        help="open the window on this server's API root instead of the local engine",
    )
    group.add_argument(
        "--mode",
        choices=("8.5.0", "8.5.1", "current"),
        default="8.5.1",
        help="the release mode of the target (default: 8.5.1)",
    )
    group.add_argument(
        "--timeout",
        type=positive_seconds,
        default=10.0,
        metavar="SECONDS",
        help="how long to wait for the server (default: 10)",
    )
    group.add_argument(
        "--profile",
        metavar="NAME",
        help="open the window on this saved profile (default: the one active last time)",
    )
    add_profiles_file_option(group)
    group.add_argument(
        "--color-scheme",
        choices=("auto", "light", "dark"),
        default="auto",
        help="colours of the window (default: follow the platform)",
    )
    group.add_argument(
        "--self-test",
        action="store_true",
        help="create, look up and update a session through the window against an "
        "in-memory engine, print one line and exit 0 when all three worked",
    )


def run(args: argparse.Namespace) -> int:
    """Open the main window, or run the self-test."""
    if args.self_test:
        from session_inspector.ui.self_test import run_self_test

        return run_self_test()

    from session_inspector.ui.app import display_available, run_gui

    if not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 2

    try:
        unsaved = _unsaved_profile(args)
    except InvalidInput as error:
        print(f"session-inspector: {printable(error.message)}", file=sys.stderr)
        return 2
    return run_gui(unsaved, args.color_scheme, args.profile, args.profiles_file)


def _unsaved_profile(args: argparse.Namespace) -> Profile | None:
    """Return the profile of --base-url, which the window lists but never saves."""
    if args.base_url is None:
        return None
    if args.profile is not None:
        raise InvalidInput("--profile and --base-url both name a target; give one of them.")

    from session_inspector.api.target import validate_base_url
    from session_inspector.profiles.model import Profile, new_profile_id

    base_url = validate_base_url(args.base_url)
    return Profile(
        id=new_profile_id(), name=base_url, base_url=base_url, mode=args.mode, timeout=args.timeout
    )
