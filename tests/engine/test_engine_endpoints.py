"""The engine's own read-only endpoints: /_engine/health and /_engine/sessions."""

from __future__ import annotations

from typing import Any

import pytest

from session_inspector.engine.modes import ReleaseMode
from tests.engine.harness import Engine, EngineFactory, unique_id

pytestmark = pytest.mark.anyio


async def list_sessions(engine: Engine, **params: str) -> dict[str, Any]:
    response = await engine.client.get(engine.root + "/_engine/sessions", params=params)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


@pytest.mark.parametrize("mode", list(ReleaseMode))
async def test_health(engines: EngineFactory, mode: ReleaseMode) -> None:
    engine = engines.open(mode)
    count = await engine.session_count()
    await engine.create()

    response = await engine.client.get(engine.root + "/_engine/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "mode": mode.value, "sessions": count + 1}


async def test_list_newest_first_with_cursor(engines: EngineFactory) -> None:
    engine = engines.open()
    marker = unique_id("list")
    ids = [
        (await engine.create(headers={"gkc_agentId": f"{marker}-{i}"}))["sessionId"]
        for i in range(5)
    ]

    first = await list_sessions(engine, q=marker, limit="2")
    second = await list_sessions(engine, q=marker, limit="2", after=first["next"])
    third = await list_sessions(engine, q=marker, limit="2", after=second["next"])

    listed = [info["sessionId"] for page in (first, second, third) for info in page["sessions"]]
    assert listed == ids[::-1]
    assert first["total"] == 5
    assert third["next"] is None


async def test_cursor_survives_new_sessions(engines: EngineFactory) -> None:
    engine = engines.open()
    marker = unique_id("cursor")
    ids = [(await engine.create(json={"visitId": f"{marker}-{i}"}))["sessionId"] for i in range(3)]
    first = await list_sessions(engine, q=marker, limit="1")

    await engine.create(json={"visitId": f"{marker}-late"})
    rest = await list_sessions(engine, q=marker, limit="10", after=first["next"])

    assert [info["sessionId"] for info in rest["sessions"]] == [ids[1], ids[0]]
    assert rest["total"] == 4


@pytest.mark.parametrize(
    "field", [("gkc_agentId", "header"), ("gkc_customerId", "header"), ("visitId", "body"),
              ("globalVisitId", "body"), ("sessionId", "path")],
    ids=lambda field: field[0],
)  # fmt: skip
async def test_query_matches_any_id_field(engines: EngineFactory, field: tuple[str, str]) -> None:
    engine = engines.open()
    name, place = field
    value = unique_id("needle")
    if place == "header":
        await engine.create(headers={name: f"pre-{value}-post"})
    elif place == "body":
        await engine.create(json={name: f"pre-{value}-post"})
    else:
        await engine.update(f"pre-{value}-post")

    found = await list_sessions(engine, q=value)

    assert found["total"] == 1
    assert len(found["sessions"]) == 1


async def test_query_wildcards_match_literally(engines: EngineFactory) -> None:
    engine = engines.open()
    marker = unique_id("like")
    await engine.create(json={"visitId": f"{marker}-100%_off"})
    await engine.create(json={"visitId": f"{marker}-100xyoff"})

    found = await list_sessions(engine, q=f"{marker}-100%_")

    assert [info["visitId"] for info in found["sessions"]] == [f"{marker}-100%_off"]


async def test_list_filters_by_tenant(engines: EngineFactory) -> None:
    engine = engines.open(ReleaseMode.CURRENT)
    session_id = unique_id()
    for tenant in ("tenant-x", "tenant-y"):
        await engine.client.post(f"/sessions/{session_id}", params={"tenantId": tenant})

    found = await list_sessions(engine, q=session_id, tenantId="tenant-y")

    assert [info["tenantId"] for info in found["sessions"]] == ["tenant-y"]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"limit": "0"}, "invalid_parameter"),
        ({"limit": "501"}, "invalid_parameter"),
        ({"limit": "ten"}, "invalid_parameter"),
        ({"after": "-1"}, "invalid_parameter"),
        ({"after": "abc"}, "invalid_parameter"),
        ({"tenantId": "a b"}, "invalid_tenant"),
    ],
)
async def test_list_rejects_invalid_parameters(
    engines: EngineFactory, params: dict[str, str], code: str
) -> None:
    engine = engines.open()

    response = await engine.client.get(engine.root + "/_engine/sessions", params=params)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


async def test_list_limit_500_accepted(engines: EngineFactory) -> None:
    engine = engines.open()

    found = await list_sessions(engine, limit="500")

    assert len(found["sessions"]) <= 500
