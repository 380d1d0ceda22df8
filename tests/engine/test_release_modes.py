"""The release table: tenantId, and GET and POST of an unknown id, per release mode."""

from __future__ import annotations

import pytest

from session_inspector.engine.modes import ReleaseMode
from tests.engine.harness import EngineFactory, unique_id

pytestmark = pytest.mark.anyio

ALL_MODES = list(ReleaseMode)
MODES_WITHOUT_TENANT = [ReleaseMode.V8_5_0, ReleaseMode.V8_5_1]


@pytest.mark.parametrize("mode", MODES_WITHOUT_TENANT)
async def test_tenant_parameter_ignored_without_tenants(
    engines: EngineFactory, mode: ReleaseMode
) -> None:
    engine = engines.open(mode)
    session_id = unique_id()

    created = await engine.client.post(f"/sessions/{session_id}", params={"tenantId": "t1"})
    found = await engine.client.get(f"/sessions/{session_id}", params={"tenantId": "t2"})
    plain = await engine.client.get(f"/sessions/{session_id}")

    assert created.status_code == 200
    assert found.status_code == 200
    assert plain.json() == found.json() == created.json()
    assert "tenantId" not in found.json()["response"]


@pytest.mark.parametrize("mode", MODES_WITHOUT_TENANT)
async def test_invalid_tenant_ignored_without_tenants(
    engines: EngineFactory, mode: ReleaseMode
) -> None:
    engine = engines.open(mode)

    response = await engine.client.put("/sessions/new", params={"tenantId": "not valid!"})

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [("PUT", "/sessions/new"), ("GET", "/sessions/{id}"), ("POST", "/sessions/{id}")],
)
async def test_current_requires_tenant(engines: EngineFactory, method: str, path: str) -> None:
    engine = engines.open(ReleaseMode.CURRENT)
    count = await engine.session_count()

    response = await engine.client.request(method, path.format(id=unique_id()))

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "missing_tenant"
    assert await engine.session_count() == count


async def test_current_keeps_tenants_apart(engines: EngineFactory) -> None:
    engine = engines.open(ReleaseMode.CURRENT)
    session_id = unique_id()
    path = f"/sessions/{session_id}"

    first = await engine.client.post(
        path, params={"tenantId": "tenant-a"}, headers={"gkc_agentId": "agent-a"}
    )
    second = await engine.client.post(
        path, params={"tenantId": "tenant-b"}, headers={"gkc_customerId": "customer-b"}
    )
    seen_by_a = await engine.client.get(path, params={"tenantId": "tenant-a"})

    assert first.json()["response"]["tenantId"] == "tenant-a"
    assert second.json()["response"]["tenantId"] == "tenant-b"
    assert "agentId" not in second.json()["response"]
    assert seen_by_a.json() == first.json()
    assert len(await engine.stored(session_id)) == 2


async def test_current_hides_other_tenant_session(engines: EngineFactory) -> None:
    engine = engines.open(ReleaseMode.CURRENT)
    session_id = unique_id()
    await engine.client.post(
        f"/sessions/{session_id}", params={"tenantId": "owner"}, headers={"gkc_agentId": "a"}
    )

    response = await engine.client.get(f"/sessions/{session_id}", params={"tenantId": "other"})

    info = response.json()["response"]
    assert response.status_code == 200
    assert info["tenantId"] == "other"
    assert "agentId" not in info


@pytest.mark.parametrize(
    ("mode", "creates"),
    [(ReleaseMode.V8_5_0, True), (ReleaseMode.V8_5_1, False), (ReleaseMode.CURRENT, True)],
)
async def test_get_unknown_id(engines: EngineFactory, mode: ReleaseMode, creates: bool) -> None:
    engine = engines.open(mode)
    session_id = unique_id()

    response = await engine.client.get(f"/sessions/{session_id}", params=engine.params)

    if creates:
        assert response.status_code == 200
        assert response.json()["response"]["sessionId"] == session_id
        assert len(await engine.stored(session_id)) == 1
    else:
        assert response.status_code == 404
        assert response.json() == {
            "error": {"code": "session_not_found", "description": "Session not found"}
        }
        assert await engine.stored(session_id) == []


@pytest.mark.parametrize("mode", ALL_MODES)
async def test_post_unknown_id_creates(engines: EngineFactory, mode: ReleaseMode) -> None:
    engine = engines.open(mode)
    session_id = unique_id()

    response = await engine.client.post(
        f"/sessions/{session_id}",
        params=engine.params,
        headers={"gkc_agentId": "agent-7"},
        json={"visitId": "visit-7"},
    )

    info = response.json()["response"]
    assert response.status_code == 200
    assert info["sessionId"] == session_id
    assert info["agentId"] == "agent-7"
    assert info["visitId"] == "visit-7"
    assert len(await engine.stored(session_id)) == 1


async def test_default_mode_is_8_5_1() -> None:
    assert ReleaseMode.default() is ReleaseMode.V8_5_1
