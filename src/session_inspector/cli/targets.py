"""Build the SessionClient that a headless command talks through."""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from session_inspector.api import InvalidInput, SessionClient, Target


@asynccontextmanager
async def open_client(args: argparse.Namespace) -> AsyncIterator[SessionClient]:
    """Open a client for --profile, --base-url or the embedded engine, and close it afterwards."""
    if args.target is not None:
        async with SessionClient(args.target) as client:
            yield client
        return

    if args.base_url is not None:
        if args.db is not None:
            raise InvalidInput("--db applies to the embedded engine only; drop it or --base-url.")
        async with SessionClient(Target(args.base_url, timeout=args.timeout)) as client:
            yield client
        return

    # Imported here so that a command against a remote server never loads the engine.
    from session_inspector.embedded import EmbeddedEngine
    from session_inspector.engine.modes import ReleaseMode

    engine = EmbeddedEngine(args.db, ReleaseMode(args.mode))
    try:
        async with engine.client(args.timeout) as client:
            yield client
    finally:
        engine.close()
