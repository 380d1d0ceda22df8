"""`session-inspector profiles`: list, show, add, edit and remove connection profiles.

Exit codes:
    0  done
    1  the profiles file could not be written
    2  bad usage, an invalid value, an unknown profile, or a missing secret

This module only builds the parsers. The actions live in `profile_actions`, imported
when one runs, so that the window's start-up does not load the keyring library or httpx.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from session_inspector.api.errors import InvalidInput
from session_inspector.cli.options import positive_seconds
from session_inspector.profiles.errors import ProfileFileError
from session_inspector.profiles.model import RELEASE_MODES, AuthKind

EXIT_DONE = 0
EXIT_NOT_SAVED = 1
EXIT_USAGE = 2


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `profiles` subcommand and its actions."""
    profiles = subparsers.add_parser(
        "profiles",
        help="list, show, add, edit and remove connection profiles",
        description="Manage connection profiles. Secrets go to the OS keyring. They are "
        "read at a hidden prompt, or as one line each from stdin when it is not a terminal, "
        "never from an argument. Exit codes: 0 done; 1 the file could not be written; "
        "2 bad usage or value.",
    )
    actions = profiles.add_subparsers(dest="profiles_action", metavar="ACTION", required=True)
    file_option = argparse.ArgumentParser(add_help=False)
    add_profiles_file_option(file_option)

    list_ = actions.add_parser("list", parents=[file_option], help="list the profiles")
    list_.set_defaults(handler=run, action="list_profiles")

    show = actions.add_parser("show", parents=[file_option], help="show one profile's settings")
    show.add_argument("name", metavar="NAME")
    show.set_defaults(handler=run, action="show_profile")

    remove = actions.add_parser(
        "remove", parents=[file_option], help="remove a profile and its stored secrets"
    )
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler=run, action="remove_profile")

    add = actions.add_parser("add", parents=[file_option], help="add a profile for a server")
    add.add_argument("name", metavar="NAME", help="the new profile's name, unique ignoring case")
    _add_setting_options(add)
    add.set_defaults(handler=run, action="add_profile")

    edit = actions.add_parser(
        "edit",
        parents=[file_option],
        help="change a profile's settings",
        description="Change the settings given; the others keep their values. An empty "
        "value, such as --proxy '', clears an optional setting.",
    )
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--rename", metavar="NEW", help="a new name; stored secrets stay with it")
    edit.add_argument(
        "--ask-secret",
        action="store_true",
        help="ask for the profile's secrets again and replace the stored ones",
    )
    _add_setting_options(edit)
    edit.set_defaults(handler=run, action="edit_profile")


def add_profiles_file_option(parser: argparse._ActionsContainer) -> None:
    """Add --profiles-file, for every command that reads profiles."""
    parser.add_argument(
        "--profiles-file",
        metavar="PATH",
        type=Path,
        help="the profiles file (default: profiles.toml in the user config directory)",
    )


def run(args: argparse.Namespace) -> int:
    """Run one profiles action and turn its errors into messages and exit codes."""
    from session_inspector.cli import profile_actions
    from session_inspector.profiles.store import ProfileStore

    action = getattr(profile_actions, args.action)
    try:
        code: int = action(args, ProfileStore(args.profiles_file))
    except InvalidInput as error:
        print_lines(error.message)
        return EXIT_USAGE
    except ProfileFileError as error:
        print_lines(error.message)
        return EXIT_NOT_SAVED
    return code


def print_lines(text: str) -> None:
    """Print a message on stderr, each line after the program's name."""
    for line in text.splitlines():
        print(f"session-inspector: {line}", file=sys.stderr)


def _add_setting_options(parser: argparse.ArgumentParser) -> None:
    server = parser.add_argument_group("server")
    server.add_argument(
        "--base-url",
        metavar="URL",
        help="the API root, prefix included, such as https://kc.example.org/knowmgt/gks-server/v1",
    )
    server.add_argument(
        "--mode", choices=RELEASE_MODES, help="the server's release mode (default: 8.5.1)"
    )
    server.add_argument(
        "--tenant-id", help="the tenantId sent with each request (required by mode current)"
    )
    server.add_argument("--agent-id", help="the default gkc_agentId")
    server.add_argument("--customer-id", help="the default gkc_customerId")
    server.add_argument(
        "--timeout",
        type=positive_seconds,
        metavar="SECONDS",
        help="how long to wait for the server (default: 10)",
    )
    server.add_argument(
        "--production",
        action=argparse.BooleanOptionalAction,
        help="mark the profile as production, so that each use shows a warning",
    )

    auth = parser.add_argument_group("authentication")
    auth.add_argument(
        "--auth",
        choices=[str(kind) for kind in AuthKind],
        help="none, basic (asks for the password), bearer (asks for the token) or header "
        "(asks for the custom header's value)",
    )
    auth.add_argument("--user", help="the Basic auth user name")
    auth.add_argument(
        "--header-name", metavar="NAME", help="the custom auth header's name, such as X-API-Key"
    )

    network = parser.add_argument_group("TLS and proxy")
    network.add_argument(
        "--ca-bundle",
        metavar="PEM",
        help="trust the CAs in this file instead of the system trust store",
    )
    network.add_argument(
        "--client-cert",
        metavar="PEM",
        help="a client certificate, which contains its key unless --client-key is given",
    )
    network.add_argument(
        "--client-key",
        metavar="PEM",
        help="the client certificate's key; the passphrase of an encrypted key is asked for",
    )
    network.add_argument(
        "--insecure",
        action=argparse.BooleanOptionalAction,
        help="do not verify the server's certificate (each use shows a warning)",
    )
    network.add_argument(
        "--proxy", metavar="URL", help="an HTTP proxy, such as http://proxy.example.org:3128"
    )
