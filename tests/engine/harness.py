"""An engine under test, reached in-process or through a `serve` subprocess."""

from __future__ import annotations

import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

import httpx

from session_inspector.engine.app import create_app
from session_inspector.engine.config import EngineConfig, Envelope
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


@dataclass
class Engine:
    """One engine with a client whose base URL is the API root.

    In mode current every request of the test goes to its own tenant, which keeps tests
    apart on a shared served engine. `params` carries the tenant.
    """

    client: httpx.AsyncClient
    root: str
    mode: ReleaseMode
    served: ServedEngine | None
    tenant: str = field(default_factory=lambda: unique_id("tenant"))

    @property
    def params(self) -> dict[str, str]:
        """The query parameters every API call needs in this mode."""
        return {"tenantId": self.tenant} if self.mode is ReleaseMode.CURRENT else {}

    async def create(self, **kwargs: Any) -> dict[str, Any]:
        """Create a session and return its SessionInfo, failing on anything but 200."""
        response = await self.client.put("/sessions/new", params=self.params, **kwargs)
        assert response.status_code == 200, response.text
        return _session_info(response)

    async def update(self, session_id: str, **kwargs: Any) -> dict[str, Any]:
        """Update a session and return its SessionInfo, failing on anything but 200."""
        response = await self.client.post(f"/sessions/{session_id}", params=self.params, **kwargs)
        assert response.status_code == 200, response.text
        return _session_info(response)

    async def stored(self, session_id: str) -> list[dict[str, Any]]:
        """Return the stored sessions with this id, of any tenant, without changing any."""
        response = await self.client.get(
            self.root + "/_engine/sessions", params={"q": session_id, "limit": "500"}
        )
        assert response.status_code == 200, response.text
        sessions: list[dict[str, Any]] = response.json()["sessions"]
        return [info for info in sessions if info["sessionId"] == session_id]

    async def session_count(self) -> int:
        """Return the number of sessions in the engine."""
        response = await self.client.get(self.root + "/_engine/health")
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
        self, mode: ReleaseMode = ReleaseMode.V8_5_1, envelope: Envelope = "wrapped"
    ) -> Engine:
        """Return an engine in this mode, with a client that the factory closes later."""
        if self.transport == SERVED:
            engine = self._served_engines.get(mode, envelope)
            client = httpx.AsyncClient(base_url=engine.base_url, trust_env=False)
            self._clients.append(client)
            return Engine(client, engine.origin, mode, engine)

        store = SessionStore(":memory:")
        self._stores.append(store)
        config = EngineConfig(mode, envelope, None, frozenset({ALLOWED_ORIGIN}))
        transport = httpx.ASGITransport(app=create_app(store, config))
        client = httpx.AsyncClient(
            transport=transport, base_url=IN_PROCESS_ROOT + API_ROOT, trust_env=False
        )
        self._clients.append(client)
        return Engine(client, IN_PROCESS_ROOT, mode, None)

    async def aclose(self) -> None:
        """Close every client and store that the factory opened."""
        for client in self._clients:
            await client.aclose()
        for store in self._stores:
            store.close()


class ServedEngines:
    """Serve processes started on first use, one per mode and envelope, stopped at close."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._engines: dict[tuple[ReleaseMode, str], ServedEngine] = {}

    def get(self, mode: ReleaseMode, envelope: Envelope) -> ServedEngine:
        """Return the running engine for this mode and envelope, starting it if needed."""
        key = (mode, envelope)
        if key not in self._engines:
            self._engines[key] = self._stack.enter_context(
                served(
                    *("--mode", mode.value, "--envelope", envelope),
                    *("--cors-origin", ALLOWED_ORIGIN, "--allowed-host", ALLOWED_HOST),
                )
            )
        return self._engines[key]

    def close(self) -> None:
        """Stop every engine that was started."""
        self._stack.close()
