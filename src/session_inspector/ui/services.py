"""The composition root of a window: network thread, request runner and connection."""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from session_inspector.api import Exchange, SessionClient
from session_inspector.api.listing import SessionListing
from session_inspector.profiles.model import Profile
from session_inspector.ui.connection import Connection, Secrets, test_connection
from session_inspector.ui.forms import FormKind, FormRequest
from session_inspector.ui.network import NetworkThread
from session_inspector.ui.requests import RequestRunner
from session_inspector.ui.sessions_panel import ListingQuery

logger = logging.getLogger(__name__)

_CLOSE_TIMEOUT = 5.0


class WindowServices:
    """Everything a window sends requests through, created together and closed together.

    The network thread and the runner live as long as the window; the connection changes
    with the active profile. Closing cancels running requests, closes the client, stops
    and joins the network thread and closes the engine's store, so a closed window
    leaves no thread behind. Raises InvalidInput when the first profile cannot be used.
    """

    def __init__(self, profile: Profile, secrets: Secrets, database: str | Path | None) -> None:
        self.database = database
        self.connection = Connection(profile, secrets, database)
        self.network = NetworkThread()
        self.runner = RequestRunner(self.network)

    @property
    def profile(self) -> Profile:
        """The profile that requests go to."""
        return self.connection.profile

    def switch(self, profile: Profile, secrets: Secrets) -> None:
        """Send requests with another profile from now on; raises InvalidInput if unusable."""
        replacement = Connection(profile, secrets, self.database)
        previous, self.connection = self.connection, replacement
        self._close_connection(previous)

    def send(self, request: FormRequest) -> int:
        """Start the request of a form; its Exchange arrives through `runner.finished`."""
        return self.runner.start(_call(self.connection.client, request))

    def list_sessions(self, query: ListingQuery) -> int:
        """Start reading a page of the local engine's sessions (a SessionListing)."""
        return self.runner.start(_list(self.connection.client, query))

    def test_profile(self, profile: Profile, secrets: Secrets) -> int:
        """Start a create-and-read-back test of a profile; its result is one sentence."""
        return self.runner.start(test_connection(profile, secrets, self.database))

    def close(self) -> None:
        """Stop everything; safe to call twice."""
        if not self.network.is_running():
            return
        self._close_connection(self.connection)
        self.network.stop()

    def _close_connection(self, connection: Connection) -> None:
        closing = self.network.submit(connection.aclose())
        try:
            closing.result(_CLOSE_TIMEOUT)
        except Exception:
            logger.warning("Closing the HTTP client failed", exc_info=True)
        connection.close_engine()


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
