"""The client against the real engine, in-process and through `serve` on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from session_inspector.api import (
    ApiError,
    Identity,
    InvalidInput,
    SessionClient,
    SessionFields,
    Target,
)
from session_inspector.embedded import EmbeddedEngine
from session_inspector.engine.modes import ReleaseMode
from tests.support.served import ServedEngine, served

pytestmark = pytest.mark.anyio

VALID_IDS = ["abc", "A-b.c_d~e:f@g", "x" * 256, "...", "new-session"]
# "new" is missing on purpose: sent as typed, GET /sessions/new is the create path's 405.
INVALID_IDS = ["a/b", "a%2Fb", "a b", "Zoë", ".", "..", "x" * 257, "q?x#y", "tab\there"]


@pytest.fixture(scope="module")
def engine_8_5_0() -> Iterator[ServedEngine]:
    with served("--mode", "8.5.0") as engine:
        yield engine


@pytest.fixture(params=["in-process", "served"])
async def client(
    request: pytest.FixtureRequest, engine_8_5_0: ServedEngine
) -> AsyncIterator[SessionClient]:
    """A client of an engine in release 8.5.0, where a look-up creates unknown ids."""
    if request.param == "served":
        async with SessionClient(Target(engine_8_5_0.base_url)) as remote:
            yield remote
        return

    engine = EmbeddedEngine(":memory:", ReleaseMode.V8_5_0)
    try:
        async with engine.client(timeout=5) as local:
            yield local
    finally:
        engine.close()


@pytest.mark.parametrize("session_id", VALID_IDS)
async def test_valid_id_round_trips(client: SessionClient, session_id: str) -> None:
    created = await client.get(session_id)
    updated = await client.update(session_id, Identity(customer_id="c-1"))

    assert created.info is not None
    assert created.info.session_id == session_id
    assert updated.info is not None
    assert updated.info.session_id == session_id
    assert updated.info.customer_id == "c-1"


@pytest.mark.parametrize("session_id", INVALID_IDS)
async def test_invalid_id_is_quoted_as_typed(client: SessionClient, session_id: str) -> None:
    exchange = await client.get(session_id)

    assert isinstance(exchange.outcome, ApiError)
    assert exchange.outcome.status == 400
    assert exchange.outcome.code == "invalid_session_id"
    if len(session_id) <= 40:
        assert f"'{session_id}'" in exchange.outcome.description
    else:
        assert "257 characters" in exchange.outcome.description


async def test_non_ascii_headers_arrive_intact(client: SessionClient) -> None:
    identity = Identity("agent-Zoë", "客户@例え.jp")

    exchange = await client.create(identity)

    assert exchange.info is not None
    assert exchange.info.agent_id == "agent-Zoë"
    assert exchange.info.customer_id == "客户@例え.jp"
    assert exchange.warnings == ()


@pytest.mark.parametrize("value", ["a\r\nX-Injected: 1", "line\nbreak", "nul\x00"])
async def test_control_characters_rejected_before_sending(
    client: SessionClient, value: str
) -> None:
    listing_before = await client.list_engine_sessions()

    with pytest.raises(InvalidInput, match="control character"):
        await client.create(Identity(agent_id=value))

    listing_after = await client.list_engine_sessions()
    assert listing_after.total == listing_before.total


async def test_update_keeps_fields_not_sent(client: SessionClient) -> None:
    created = await client.create(Identity("a-1"), SessionFields("v-1", "g-1"))
    assert created.info is not None

    named = await client.update(created.info.session_id, Identity(customer_id="c-9"))

    assert named.info is not None
    assert named.info.agent_id == "a-1"
    assert named.info.visit_id == "v-1"
    assert named.info.global_visit_id == "g-1"
    assert named.info.customer_id == "c-9"
