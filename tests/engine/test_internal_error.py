"""Anything unexpected inside the engine becomes 500 internal_error, details only in the log."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator

import httpx
import pytest

from session_inspector.api.models import SessionInfo
from session_inspector.engine.app import create_app
from session_inspector.engine.store import SessionStore
from tests.engine.harness import API_ROOT, IN_PROCESS_ROOT

pytestmark = pytest.mark.anyio


class BrokenStore(SessionStore):
    def get(self, session_id: str, tenant_id: str = "") -> SessionInfo | None:
        raise RuntimeError("secret detail of a disk failure")


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    with BrokenStore(":memory:") as store:
        transport = httpx.ASGITransport(app=create_app(store))
        async with httpx.AsyncClient(
            transport=transport, base_url=IN_PROCESS_ROOT + API_ROOT, trust_env=False
        ) as http:
            yield http


async def test_unexpected_error_is_internal_error(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, "session_inspector.engine")

    response = await client.get("/sessions/abc")

    error = response.json()["error"]
    assert response.status_code == 500
    assert error["code"] == "internal_error"
    assert "secret detail" not in response.text
    request_id = re.search(r"request id (\w+)", error["description"])
    assert request_id is not None
    assert request_id[1] in caplog.text
    assert "secret detail of a disk failure" in caplog.text


async def test_other_requests_still_served(client: httpx.AsyncClient) -> None:
    await client.get("/sessions/abc")

    response = await client.put("/sessions/new")

    assert response.status_code == 200


async def test_falcon_error_in_error_shape() -> None:
    with SessionStore(":memory:") as store:
        transport = httpx.ASGITransport(app=create_app(store))
        async with httpx.AsyncClient(
            transport=transport, base_url=IN_PROCESS_ROOT + API_ROOT, trust_env=False
        ) as client:
            request = client.build_request("POST", "/sessions/abc", content=b"{}")
            request.headers["Content-Length"] = "two"
            response = await client.send(request)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_request"
