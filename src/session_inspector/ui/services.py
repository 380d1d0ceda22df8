"""The composition root of a window: network thread, engine, client and request runner."""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from session_inspector.api import Exchange, SessionClient, Target
from session_inspector.api.listing import SessionListing
from session_inspector.embedded import EmbeddedEngine
from session_inspector.engine.modes import ReleaseMode
from session_inspector.ui.forms import FormKind, FormRequest
from session_inspector.ui.network import NetworkThread
from session_inspector.ui.requests import RequestRunner
from session_inspector.ui.target import TargetChoice

logger = logging.getLogger(__name__)

_CLOSE_TIMEOUT = 5.0


@dataclass(frozen=True)
class ListingQuery:
    """Which page of the engine's sessions to read."""

    query: str = ""
    after: str | None = None
    limit: int = 100


class WindowServices:
    """Everything a window sends requests through, created together and closed together.

    Closing cancels running requests, closes the client, stops and joins the network
    thread and closes the engine's store, so a closed window leaves no thread behind.
    Raises InvalidInput when the local engine's database cannot be opened.
    """

    def __init__(self, choice: TargetChoice, database: str | Path | None = None) -> None:
        self.choice = choice
        self.engine: EmbeddedEngine | None = None
        if choice.is_local:
            self.engine = EmbeddedEngine(database, ReleaseMode(choice.mode))
            self.client = self.engine.client(choice.timeout)
        else:
            assert choice.base_url is not None
            self.client = SessionClient(Target(choice.base_url, timeout=choice.timeout))
        self.network = NetworkThread()
        self.runner = RequestRunner(self.network)

    def send(self, request: FormRequest) -> int:
        """Start the request of a form; its Exchange arrives through `runner.finished`."""
        return self.runner.start(_call(self.client, request))

    def list_sessions(self, query: ListingQuery) -> int:
        """Start reading a page of the local engine's sessions (a SessionListing)."""
        return self.runner.start(_list(self.client, query))

    def close(self) -> None:
        """Stop everything; safe to call twice."""
        if not self.network.is_running():
            return
        closing = self.network.submit(self.client.aclose())
        try:
            closing.result(_CLOSE_TIMEOUT)
        except Exception:
            logger.warning("Closing the HTTP client failed", exc_info=True)
        self.network.stop()
        if self.engine is not None:
            self.engine.close()


def _call(client: SessionClient, request: FormRequest) -> Coroutine[Any, Any, Exchange]:
    tenant = request.tenant_id
    if request.kind is FormKind.CREATE:
        return client.create(request.identity, request.fields, tenant)
    if request.kind is FormKind.LOOKUP:
        return client.get(request.session_id, request.identity, tenant)
    return client.update(request.session_id, request.identity, request.fields, tenant)


async def _list(client: SessionClient, query: ListingQuery) -> SessionListing:
    return await client.list_engine_sessions(
        limit=query.limit, after=query.after, query=query.query
    )
