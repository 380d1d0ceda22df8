"""The command line: the GUI, `serve`, headless create, get and update, and `profiles`."""

from __future__ import annotations

import argparse
import gc
import logging
import sys

from session_inspector import __version__
from session_inspector.cli import gui, profile_commands, serve, session_commands


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the process exit code.

    Without a command it opens the window; Qt is imported on that path only.
    """
    # The window's start-up creates many long-lived objects and no garbage, so
    # collections wait until it is ready (see ui.app); other commands collect as usual.
    gc.disable()
    try:
        args = build_parser().parse_args(argv)
    except SystemExit:
        gc.enable()
        raise
    _configure_logging(args)
    if args.command is None:
        return gui.run(args)

    gc.enable()
    try:
        result: int = args.handler(args)
    except KeyboardInterrupt:
        print("session-inspector: interrupted", file=sys.stderr)
        return 130
    return result


def build_parser() -> argparse.ArgumentParser:
    """Build the parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="session-inspector",
        description="Create, look up and update sessions of the Knowledge Center Session "
        "Management API, against a server or the bundled local engine.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log each request and more on stderr"
    )
    gui.add_arguments(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    serve.add_parser(subparsers)
    session_commands.add_parsers(subparsers)
    profile_commands.add_parser(subparsers)
    return parser


def _configure_logging(args: argparse.Namespace) -> None:
    # Records of INFO and above reach the handlers, so the window's log panel sees each
    # request; stderr shows them only for serve and --verbose.
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    verbose = args.verbose or args.command == "serve"
    stderr.setLevel(logging.INFO if verbose else logging.WARNING)
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(stderr)
