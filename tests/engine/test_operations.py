"""The three operations and the engine's semantics where the vendor reference is silent."""

from __future__ import annotations

import logging
import uuid

import pytest

from session_inspector.engine.modes import ReleaseMode
from tests.engine.harness import EngineFactory, unique_id

pytestmark = pytest.mark.anyio

ALL_MODES = list(ReleaseMode)
CREATING_GET_MODES = [ReleaseMode.V8_5_0, ReleaseMode.CURRENT]


@pytest.mark.parametrize("mode", ALL_MODES)
async def test_create_with_headers_and_body(engines: EngineFactory, mode: ReleaseMode) -> None:
    engine = engines.open(mode)

    info = await engine.create(
        headers={"gkc_agentId": "agent-1", "gkc_customerId": "ann@example.org"},
        json={"visitId": "visit-1", "globalVisitId": "global-1"},
    )

    assert info["agentId"] == "agent-1"
    assert info["customerId"] == "ann@example.org"
    assert info["visitId"] == "visit-1"
    assert info["globalVisitId"] == "global-1"


async def test_create_without_anything_is_anonymous(engines: EngineFactory) -> None:
    engine = engines.open()

    info = await engine.create()

    assert set(info) == {"sessionId", "createdAt", "updatedAt"}


async def test_created_ids_are_uuid4(engines: EngineFactory) -> None:
    engine = engines.open()

    ids = [(await engine.create())["sessionId"] for _ in range(5)]

    assert len(set(ids)) == 5
    for session_id in ids:
        assert uuid.UUID(session_id).version == 4
        assert str(uuid.UUID(session_id)) == session_id


@pytest.mark.parametrize("mode", ALL_MODES)
async def test_get_returns_stored_session(engines: EngineFactory, mode: ReleaseMode) -> None:
    engine = engines.open(mode)
    created = await engine.create(headers={"gkc_agentId": "agent-2"}, json={"visitId": "v2"})

    response = await engine.client.get(f"/sessions/{created['sessionId']}", params=engine.params)

    assert response.status_code == 200
    assert response.json() == {"response": created}


@pytest.mark.parametrize("mode", ALL_MODES)
async def test_get_never_changes_session(engines: EngineFactory, mode: ReleaseMode) -> None:
    engine = engines.open(mode)
    created = await engine.create(headers={"gkc_agentId": "agent-3"})

    response = await engine.client.get(
        f"/sessions/{created['sessionId']}",
        params=engine.params,
        headers={"gkc_agentId": "someone-else", "gkc_customerId": "new-customer"},
    )

    assert response.json()["response"] == created
    assert len(await engine.stored(created["sessionId"])) == 1


@pytest.mark.parametrize("mode", CREATING_GET_MODES)
async def test_creating_get_stores_identity(engines: EngineFactory, mode: ReleaseMode) -> None:
    engine = engines.open(mode)
    session_id = unique_id()

    response = await engine.client.get(
        f"/sessions/{session_id}",
        params=engine.params,
        headers={"gkc_agentId": "agent-4", "gkc_customerId": "customer-4"},
    )

    info = response.json()["response"]
    assert info["agentId"] == "agent-4"
    assert info["customerId"] == "customer-4"
    assert (await engine.stored(session_id))[0]["agentId"] == "agent-4"


@pytest.mark.parametrize("mode", ALL_MODES)
async def test_update_keeps_fields_not_given(engines: EngineFactory, mode: ReleaseMode) -> None:
    engine = engines.open(mode)
    created = await engine.create(
        headers={"gkc_agentId": "agent-5"}, json={"visitId": "v5", "globalVisitId": "g5"}
    )

    updated = await engine.update(created["sessionId"], json={"visitId": "v5-new"})

    assert updated["agentId"] == "agent-5"
    assert updated["visitId"] == "v5-new"
    assert updated["globalVisitId"] == "g5"
    assert updated["createdAt"] == created["createdAt"]


async def test_update_names_anonymous_session(engines: EngineFactory) -> None:
    engine = engines.open()
    created = await engine.create()

    response = await engine.client.post(
        f"/sessions/{created['sessionId']}", headers={"gkc_customerId": "bob@example.org"}
    )

    assert response.status_code == 200
    assert response.json()["response"]["customerId"] == "bob@example.org"


async def test_empty_header_counts_as_not_given(engines: EngineFactory) -> None:
    engine = engines.open()
    created = await engine.create(headers={"gkc_agentId": "agent-6"})

    updated = await engine.update(created["sessionId"], headers={"gkc_agentId": ""})

    assert updated["agentId"] == "agent-6"


@pytest.mark.parametrize("value", ["", None], ids=["empty-string", "null"])
async def test_empty_field_counts_as_not_given(engines: EngineFactory, value: str | None) -> None:
    engine = engines.open()
    created = await engine.create(json={"visitId": "v6", "globalVisitId": "g6"})

    updated = await engine.update(
        created["sessionId"], json={"visitId": value, "globalVisitId": value}
    )

    assert updated["visitId"] == "v6"
    assert updated["globalVisitId"] == "g6"


async def test_empty_values_create_anonymous_session(engines: EngineFactory) -> None:
    engine = engines.open()

    info = await engine.create(
        headers={"gkc_agentId": "", "gkc_customerId": ""},
        json={"visitId": "", "globalVisitId": None},
    )

    assert set(info) == {"sessionId", "createdAt", "updatedAt"}


@pytest.mark.parametrize("name", ["GKC_AGENTID", "Gkc_AgentId", "gkc_agentid"])
async def test_identity_header_name_ignores_case(engines: EngineFactory, name: str) -> None:
    engine = engines.open()

    info = await engine.create(headers={name: "agent-8"})

    assert info["agentId"] == "agent-8"


async def test_dash_header_ignored_and_logged(
    engines: EngineFactory, caplog: pytest.LogCaptureFixture
) -> None:
    engine = engines.open()
    caplog.set_level(logging.WARNING, "session_inspector.engine")

    info = await engine.create(headers={"gkc-agentId": "dash-agent", "gkc-customerId": "dash"})

    assert "agentId" not in info
    assert "customerId" not in info
    output = caplog.text
    if engine.served:
        # The log line reaches the reader thread some time after the response.
        engine.served.output.wait_for(lambda text: "gkc-customerid" in text, timeout=10)
        output = engine.served.output.text()
    assert "Ignored the request header gkc-agentid" in output
    assert "Ignored the request header gkc-customerid" in output


async def test_non_ascii_header_arrives_intact(engines: EngineFactory) -> None:
    engine = engines.open()

    info = await engine.create(headers={"gkc_customerId": "zoë@example.org".encode()})

    assert info["customerId"] == "zoë@example.org"


async def test_unknown_body_fields_ignored(engines: EngineFactory) -> None:
    engine = engines.open()

    info = await engine.create(json={"visitId": "v9", "colour": "blue", "sessionId": "mine"})

    assert info["visitId"] == "v9"
    assert info["sessionId"] != "mine"
    assert "colour" not in info


async def test_head_is_get_without_body(engines: EngineFactory) -> None:
    engine = engines.open()
    created = await engine.create(headers={"gkc_agentId": "agent-10"})
    path = f"/sessions/{created['sessionId']}"

    get = await engine.client.get(path)
    head = await engine.client.head(path)

    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["content-type"] == "application/json"


async def test_head_of_unknown_id_in_8_5_1(engines: EngineFactory) -> None:
    engine = engines.open(ReleaseMode.V8_5_1)

    response = await engine.client.head(f"/sessions/{unique_id()}")

    assert response.status_code == 404
    assert response.content == b""


async def test_update_without_change_keeps_updated_at(engines: EngineFactory) -> None:
    engine = engines.open()
    created = await engine.create(headers={"gkc_agentId": "agent-11"})

    updated = await engine.update(created["sessionId"], headers={"gkc_agentId": "agent-11"})

    assert updated == created
