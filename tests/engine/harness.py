"""An engine under test, reached in-process or through a `serve` subprocess."""

from __future__ import annotations

import base64
import uuid
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from typing import Any

import httpx

from session_inspector.engine.app import create_app
from session_inspector.engine.auth import AuthRequirement, AuthScheme
from session_inspector.engine.config import EngineConfig, Envelope
from session_inspector.engine.credentials import CREDENTIALS_VARIABLE
from session_inspector.engine.modes import ReleaseMode
from session_inspector.engine.store import SessionStore
from tests.support.served import ServedEngine, served

IN_PROCESS = "in-process"
SERVED = "served"

ALLOWED_ORIGIN = "http://allowed.test"
ALLOWED_HOST = "engine.test"
IN_PROCESS_ROOT = "http://engine"
API_ROOT = "/gks-server/v1"


def unique_id(prefix: str = "s") -> str:
    """Return a session id no other test uses, since served engines are shared."""
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def authorization(auth: AuthRequirement | None) -> dict[str, str]:
    """Return the Authorization header that the requirement accepts, or none without one."""
    if auth is None:
        return {}
    if auth.scheme is AuthScheme.BASIC:
        return {"Authorization": "Basic " + base64.b64encode(auth.expected).decode("ascii")}
    return {"Authorization": "Bearer " + auth.expected.decode("ascii")}


@dataclass
class Engine:
    """One engine with a client whose base URL is the API root.

    In mode current every request of the test goes to its own tenant, which keeps tests
    apart on a shared served engine. `params` carries the tenant. The client sends no
    credentials by itself: `credentials` is the Authorization header that the engine
    accepts, empty when it requires none, and the helper methods send it.
    """

    client: httpx.AsyncClient
    root: str
    mode: ReleaseMode
    served: ServedEngine | None
    tenant: str = field(default_factory=lambda: unique_id("tenant"))
    credentials: dict[str, str] = field(default_factory=dict)

    @property
    def params(self) -> dict[str, str]:
        """The query parameters every API call needs in this mode."""
        return {"tenantId": self.tenant} if self.mode is ReleaseMode.CURRENT else {}

    async def create(self, **kwargs: Any) -> dict[str, Any]:
        """Create a session and return its SessionInfo, failing on anything but 200."""
        kwargs["headers"] = {**self.credentials, **kwargs.get("headers", {})}
        response = await self.client.put("/sessions/new", params=self.params, **kwargs)
        assert response.status_code == 200, response.text
        return _session_info(response)

    async def update(self, session_id: str, **kwargs: Any) -> dict[str, Any]:
        """Update a session and return its SessionInfo, failing on anything but 200."""
        kwargs["headers"] = {**self.credentials, **kwargs.get("headers", {})}
        response = await self.client.post(f"/sessions/{session_id}", params=self.params, **kwargs)
        assert response.status_code == 200, response.text
        return _session_info(response)

    async def stored(self, session_id: str) -> list[dict[str, Any]]:
        """Return the stored sessions with this id, of any tenant, without changing any."""
        response = await self.client.get(
            self.root + "/_engine/sessions",
            params={"q": session_id, "limit": "500"},
            headers=self.credentials,
        )
        assert response.status_code == 200, response.text
        sessions: list[dict[str, Any]] = response.json()["sessions"]
        return [info for info in sessions if info["sessionId"] == session_id]

    async def session_count(self) -> int:
        """Return the number of sessions in the engine."""
        response = await self.client.get(self.root + "/_engine/health", headers=self.credentials)
        assert response.status_code == 200, response.text
        count: int = response.json()["sessions"]
        return count


def _session_info(response: httpx.Response) -> dict[str, Any]:
    document: dict[str, Any] = response.json()
    return document.get("response", document)


class EngineFactory:
    """A source of engines of one transport: new in-process ones, or shared served ones."""

    def __init__(self, transport: str, served_engines: ServedEngines) -> None:
        self.transport = transport
        self._served_engines = served_engines
        self._clients: list[httpx.AsyncClient] = []
        self._stores: list[SessionStore] = []

    def open(
        self,
        mode: ReleaseMode = ReleaseMode.V8_5_1,
        envelope: Envelope = "wrapped",
        auth: AuthRequirement | None = None,
    ) -> Engine:
        """Return an engine in this mode, with a client that the factory closes later.

        With `auth` the engine requires those credentials, as `serve --require-auth` does.
        """
        if self.transport == SERVED:
            engine = self._served_engines.get(mode, envelope, auth)
            client = httpx.AsyncClient(base_url=engine.base_url, trust_env=False)
            self._clients.append(client)
            return Engine(client, engine.origin, mode, engine, credentials=authorization(auth))

        store = SessionStore(":memory:")
        self._stores.append(store)
        config = EngineConfig(mode, envelope, None, frozenset({ALLOWED_ORIGIN}), auth)
        transport = httpx.ASGITransport(app=create_app(store, config))
        client = httpx.AsyncClient(
            transport=transport, base_url=IN_PROCESS_ROOT + API_ROOT, trust_env=False
        )
        self._clients.append(client)
        return Engine(client, IN_PROCESS_ROOT, mode, None, credentials=authorization(auth))

    async def aclose(self) -> None:
        """Close every client and store that the factory opened."""
        for client in self._clients:
            await client.aclose()
        for store in self._stores:
            store.close()


class ServedEngines:
    """Serve processes started on first use, one per mode, envelope and credentials.

    They are stopped at close.
    """

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._engines: dict[tuple[ReleaseMode, str, AuthRequirement | None], ServedEngine] = {}

    def get(
        self, mode: ReleaseMode, envelope: Envelope, auth: AuthRequirement | None = None
    ) -> ServedEngine:
        """Return the running engine for these settings, starting it if needed."""
        key = (mode, envelope, auth)
        if key not in self._engines:
            self._engines[key] = self._stack.enter_context(_start(mode, envelope, auth))
        return self._engines[key]

    def close(self) -> None:
        """Stop every engine that was started."""
        self._stack.close()


def _start(
    mode: ReleaseMode, envelope: Envelope, auth: AuthRequirement | None
) -> AbstractContextManager[ServedEngine]:
    arguments = [
        *("--mode", mode.value, "--envelope", envelope),
        *("--cors-origin", ALLOWED_ORIGIN, "--allowed-host", ALLOWED_HOST),
    ]
    if auth is None:
        return served(*arguments)
    # The credentials go through the environment, as a service manager would pass them.
    environment = {CREDENTIALS_VARIABLE: auth.expected.decode("utf-8")}
    return served(*arguments, "--require-auth", auth.scheme.value, env=environment)
