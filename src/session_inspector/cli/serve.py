"""`session-inspector serve`: run the local session engine over HTTP."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from session_inspector.engine.modes import ReleaseMode

# The names of engine.auth's AuthScheme values and engine.credentials' variable, written
# out so that building the parser does not load hmac and OpenSSL (about 5 ms of every
# start of the window). tests/cli/test_exit_codes.py checks that they match.
AUTH_SCHEMES = ("basic", "bearer")
CREDENTIALS_VARIABLE = "SESSION_INSPECTOR_SERVE_CREDENTIALS"

DESCRIPTION = (
    "Serve the local session engine over HTTP at /gks-server/v1, for clients that "
    "expect a Knowledge Center server. Stop it with Ctrl+C."
)


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the `serve` subcommand; its `handler` default is `run`."""
    parser = subparsers.add_parser(
        "serve", help="serve the local session engine over HTTP", description=DESCRIPTION
    )
    add_arguments(parser)
    parser.set_defaults(handler=run)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `serve` to a parser."""
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address or name to listen on (default: %(default)s, this machine only)",
    )
    parser.add_argument(
        "--port", type=_port, default=8080, help="TCP port, or 0 for a free one (default: 8080)"
    )
    storage = parser.add_mutually_exclusive_group()
    storage.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite database file (default: engine.sqlite3 in the user data directory)",
    )
    storage.add_argument(
        "--memory", action="store_true", help="keep sessions in memory only, lost on stop"
    )
    parser.add_argument(
        "--mode",
        choices=[mode.value for mode in ReleaseMode],
        default=ReleaseMode.default().value,
        help="vendor release to behave like (default: %(default)s)",
    )
    parser.add_argument(
        "--envelope",
        choices=["wrapped", "bare"],
        default="wrapped",
        help="return SessionInfo under 'response' (wrapped) or at the top level (bare)",
    )
    parser.add_argument(
        "--cors-origin",
        action="append",
        type=_origin,
        default=[],
        metavar="ORIGIN",
        help="let web pages of this origin (scheme://host[:port]) call the engine (repeatable)",
    )
    parser.add_argument(
        "--allowed-host",
        action="append",
        type=_host_name,
        default=[],
        metavar="NAME",
        help="accept this name in the Host header besides localhost and the listen address "
        "(repeatable)",
    )
    _add_auth_arguments(parser)


def _add_auth_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--require-auth",
        choices=AUTH_SCHEMES,
        help="respond with 401 to every request but a CORS preflight that lacks these "
        "credentials: user:password (basic) or a token (bearer), taken from the environment "
        f"variable {CREDENTIALS_VARIABLE} or from --credentials-file",
    )
    parser.add_argument(
        "--credentials-file",
        metavar="PATH",
        type=Path,
        help="read the credentials for --require-auth from this file, which contains "
        "nothing else; one trailing newline is ignored",
    )


def run(args: argparse.Namespace) -> int:
    """Serve with the parsed options and return the exit status."""
    # Imported here: uvicorn and Falcon take about 100 ms, which the window's start-up
    # must not pay just because this command exists.
    from session_inspector.engine.auth import AuthScheme
    from session_inspector.engine.credentials import CredentialsUsageError, auth_requirement
    from session_inspector.engine.server import MEMORY, ServeSettings, serve
    from session_inspector.engine.store import default_database_path

    # A no-op when the command line has configured logging already.
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        scheme = None if args.require_auth is None else AuthScheme(args.require_auth)
        auth = auth_requirement(scheme, args.credentials_file, os.environ)
    except CredentialsUsageError as error:
        print(f"session-inspector serve: error: {error}", file=sys.stderr)
        return 2

    if args.memory:
        database: str = MEMORY
    else:
        database = args.db if args.db is not None else str(default_database_path())
    settings = ServeSettings(
        database=database,
        host=args.host,
        port=args.port,
        mode=ReleaseMode(args.mode),
        envelope=args.envelope,
        cors_origins=frozenset(args.cors_origin),
        allowed_hosts=frozenset(args.allowed_host),
        auth=auth,
    )
    return serve(settings)


def main(argv: list[str] | None = None) -> int:
    """Run `serve` on its own, without the rest of the command line."""
    parser = argparse.ArgumentParser(prog="session-inspector serve", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"invalid port '{text}'. Use a number from 0 to 65535.")
    return int(text)


def _origin(text: str) -> str:
    try:
        parts = urlsplit(text.strip())
    except ValueError:  # an unclosed "[" of an IPv6 address
        raise argparse.ArgumentTypeError(
            f"invalid origin '{text}'. Use scheme://host[:port], for example http://localhost:3000."
        ) from None
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
        raise argparse.ArgumentTypeError(
            f"invalid origin '{text}'. Use scheme://host[:port], for example http://localhost:3000."
        )
    if parts.query or parts.fragment or "@" in parts.netloc:
        raise argparse.ArgumentTypeError(f"invalid origin '{text}'. Use scheme://host[:port] only.")
    # Browsers send origins in lowercase.
    return f"{parts.scheme}://{parts.netloc}".lower()


def _host_name(text: str) -> str:
    name = text.strip().lower()
    try:
        address = ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        address = None
    if address is None and (not name or any(c in name for c in ":/@[] ")):
        raise argparse.ArgumentTypeError(
            f"invalid host name '{text}'. Give a name or address without a port."
        )
    return name
