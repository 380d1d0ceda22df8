"""The headless commands `create`, `get` and `update`, for scripts and support desks.

Exit codes:
    0  a SessionInfo came back
    1  a complete HTTP exchange whose outcome is not a SessionInfo
    2  bad usage, or input rejected before sending
    3  no complete response (refused, timed out, TLS failure, connection closed)
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from session_inspector.api.errors import InvalidInput
from session_inspector.api.models import Identity, SessionFields
from session_inspector.cli.options import positive_seconds
from session_inspector.cli.profile_commands import add_profiles_file_option
from session_inspector.cli.terminal import printable

if TYPE_CHECKING:
    from session_inspector.api.client import SessionClient
    from session_inspector.api.exchange import Exchange

EXIT_SESSION = 0
EXIT_NOT_A_SESSION = 1
EXIT_USAGE = 2
EXIT_NO_RESPONSE = 3

_MODES = ("8.5.0", "8.5.1", "current")
_DEFAULT_MODE = "8.5.1"
_DEFAULT_TIMEOUT = 10.0


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the create, get and update subcommands."""
    create = subparsers.add_parser(
        "create", help="create a session (PUT /sessions/new)", description=_describe("create")
    )
    get = subparsers.add_parser(
        "get", help="look up a session (GET /sessions/ID)", description=_describe("get")
    )
    update = subparsers.add_parser(
        "update",
        help="attach ids to a session (POST /sessions/ID)",
        description=_describe("update"),
    )
    for parser in (get, update):
        parser.add_argument("session_id", metavar="SESSION_ID", help="the session's id")
    for parser in (create, get, update):
        _add_target_options(parser)
        _add_identity_options(parser)
    for parser in (create, update):
        parser.add_argument("--visit-id", help="the visitId body field")
        parser.add_argument("--global-visit-id", help="the globalVisitId body field")
    for parser in (create, get, update):
        # `target` is set from --profile when it names a server profile.
        parser.set_defaults(handler=run, target=None)


def run(args: argparse.Namespace) -> int:
    """Send one request as the parsed arguments say and print its outcome."""
    import asyncio  # here, not at the top: the window's start-up does not need it

    try:
        if args.profile is not None:
            from session_inspector.cli.profile_target import apply_profile

            apply_profile(args)
        _fill_defaults(args)
        exchange = asyncio.run(_send(args))
    except InvalidInput as error:
        print(f"session-inspector: {printable(error.message)}", file=sys.stderr)
        return EXIT_USAGE
    return _report(exchange, show_exchange=args.show_exchange)


def _describe(command: str) -> str:
    return (
        f"Send one {command} request and print the SessionInfo as JSON. Without --base-url "
        "or --profile the request goes to the embedded engine, in this process. With "
        "--profile, options given here override the profile's. Exit codes: 0 a "
        "SessionInfo came back; 1 another answer; 2 bad usage or input; 3 no response."
    )


def _add_target_options(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--base-url",
        metavar="URL",
        help="the API root of a server, prefix included, e.g. http://host:7400/gks-server/v1",
    )
    where.add_argument(
        "--embedded",
        action="store_true",
        help="use the embedded engine in this process (the default without --base-url)",
    )
    where.add_argument(
        "--profile",
        metavar="NAME",
        help="use a saved profile's server, settings and keyring secrets",
    )
    add_profiles_file_option(parser)
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the embedded engine's SQLite file, or :memory: (default: engine.sqlite3 "
        "in the user data directory)",
    )
    parser.add_argument(
        "--mode",
        choices=_MODES,
        help="the release mode of the embedded engine (default: the profile's, else 8.5.1)",
    )
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        metavar="SECONDS",
        help="how long to wait for the server (default: the profile's, else 10)",
    )
    parser.add_argument(
        "--show-exchange",
        action="store_true",
        help="print the request and response on stderr, with credentials redacted",
    )


def _add_identity_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--agent-id", help="the gkc_agentId header")
    parser.add_argument("--customer-id", help="the gkc_customerId header")
    parser.add_argument("--tenant-id", help="the tenantId query parameter (release current)")


def _fill_defaults(args: argparse.Namespace) -> None:
    # The parser has no defaults for these, so that a profile can tell left-out options.
    if args.mode is None:
        args.mode = _DEFAULT_MODE
    if args.timeout is None:
        args.timeout = _DEFAULT_TIMEOUT


async def _send(args: argparse.Namespace) -> Exchange:
    # Imported here: httpx takes about 170 ms to load, which the GUI start-up must not pay.
    from session_inspector.cli.targets import open_client

    identity = Identity(args.agent_id, args.customer_id)
    async with open_client(args) as client:
        return await _call(client, args, identity)


async def _call(client: SessionClient, args: argparse.Namespace, identity: Identity) -> Exchange:
    if args.command == "get":
        return await client.get(args.session_id, identity, args.tenant_id)

    fields = SessionFields(args.visit_id, args.global_visit_id)
    if args.command == "create":
        return await client.create(identity, fields, args.tenant_id)
    return await client.update(args.session_id, identity, fields, args.tenant_id)


def _report(exchange: Exchange, *, show_exchange: bool) -> int:
    # Imported here, like httpx above: the parser of every command is built at each start
    # of the window, which needs none of these.
    import json

    from session_inspector.api.exchange import Success, TransportFailure
    from session_inspector.api.messages import describe_outcome
    from session_inspector.api.render import format_exchange

    if show_exchange:
        print(printable(format_exchange(exchange)), file=sys.stderr)
    for warning in exchange.warnings:
        print(f"session-inspector: warning: {printable(warning)}", file=sys.stderr)

    outcome = exchange.outcome
    if isinstance(outcome, Success):
        print(json.dumps(outcome.info.to_wire(), indent=2, ensure_ascii=False))
        return EXIT_SESSION

    print(f"session-inspector: {printable(describe_outcome(exchange))}", file=sys.stderr)
    if isinstance(outcome, TransportFailure):
        return EXIT_NO_RESPONSE
    return EXIT_NOT_A_SESSION
