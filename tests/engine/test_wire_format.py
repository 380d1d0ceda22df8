"""What the engine's responses look like: envelope, fields, timestamps and errors."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from session_inspector.engine.modes import ReleaseMode
from tests.engine.harness import EngineFactory, unique_id

pytestmark = pytest.mark.anyio

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


async def test_success_wrapped_in_response(engines: EngineFactory) -> None:
    engine = engines.open()

    response = await engine.client.put("/sessions/new", headers={"gkc_agentId": "a"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert list(response.json()) == ["response"]
    assert response.json()["response"]["agentId"] == "a"


@pytest.mark.parametrize("mode", list(ReleaseMode))
async def test_bare_envelope(engines: EngineFactory, mode: ReleaseMode) -> None:
    engine = engines.open(mode, envelope="bare")
    session_id = unique_id()

    created = await engine.client.post(
        f"/sessions/{session_id}", params=engine.params, headers={"gkc_agentId": "a"}
    )
    found = await engine.client.get(f"/sessions/{session_id}", params=engine.params)

    assert created.json()["sessionId"] == session_id
    assert created.json()["agentId"] == "a"
    assert "response" not in created.json()
    assert found.json() == created.json()


async def test_bare_envelope_keeps_error_shape(engines: EngineFactory) -> None:
    engine = engines.open(ReleaseMode.V8_5_1, envelope="bare")

    response = await engine.client.get(f"/sessions/{unique_id()}")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "session_not_found"


async def test_missing_fields_left_out(engines: EngineFactory) -> None:
    engine = engines.open()

    response = await engine.client.put("/sessions/new", json={"visitId": "v"})

    assert set(response.json()["response"]) == {"sessionId", "visitId", "createdAt", "updatedAt"}
    assert b"null" not in response.content


async def test_timestamps_rfc3339_utc_milliseconds(engines: EngineFactory) -> None:
    engine = engines.open()
    before = datetime.now(UTC) - timedelta(seconds=1)

    info = await engine.create()

    assert TIMESTAMP.fullmatch(info["createdAt"])
    assert info["updatedAt"] == info["createdAt"]
    created = datetime.fromisoformat(info["createdAt"])
    assert before <= created <= datetime.now(UTC) + timedelta(seconds=1)


async def test_update_moves_updated_at_only(engines: EngineFactory) -> None:
    engine = engines.open()
    created = await engine.create()

    updated = await engine.update(created["sessionId"], json={"visitId": "v"})

    assert updated["createdAt"] == created["createdAt"]
    assert updated["updatedAt"] >= created["updatedAt"]
    assert TIMESTAMP.fullmatch(updated["updatedAt"])


@pytest.mark.parametrize("mode", list(ReleaseMode))
async def test_tenant_only_in_current(engines: EngineFactory, mode: ReleaseMode) -> None:
    engine = engines.open(mode)

    info = await engine.create()

    if mode is ReleaseMode.CURRENT:
        assert info["tenantId"] == engine.tenant
    else:
        assert "tenantId" not in info


async def test_error_shape(engines: EngineFactory) -> None:
    engine = engines.open()

    response = await engine.client.get("/sessions/a%2Fb")

    assert response.headers["content-type"] == "application/json"
    assert list(response.json()) == ["error"]
    assert set(response.json()["error"]) == {"code", "description"}


async def test_non_ascii_sent_as_utf8(engines: EngineFactory) -> None:
    engine = engines.open()

    response = await engine.client.put("/sessions/new", json={"visitId": "Zoë"})

    assert "Zoë".encode() in response.content
