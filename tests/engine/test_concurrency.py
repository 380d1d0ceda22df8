"""Concurrent requests through `serve`: no update lost, no session id handed out twice."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.engine.harness import unique_id
from tests.support.served import ServedEngine, served

pytestmark = pytest.mark.served

THREADS = 8
CREATES_PER_THREAD = 15
SHARED_SESSIONS = 10
# Thread i sets field i % 4 on every shared session, so each field has two writers.
FIELDS = ("agentId", "customerId", "visitId", "globalVisitId")


@pytest.fixture(scope="module")
def engine() -> Iterator[ServedEngine]:
    with served() as running:
        yield running


def expected_value(field: str, session_id: str) -> str:
    return f"{field}-{session_id}"


def set_field(client: httpx.Client, session_id: str, field: str, value: str) -> None:
    if field == "agentId":
        response = client.post(f"/sessions/{session_id}", headers={"gkc_agentId": value})
    elif field == "customerId":
        response = client.post(f"/sessions/{session_id}", headers={"gkc_customerId": value})
    else:
        response = client.post(f"/sessions/{session_id}", json={field: value})
    assert response.status_code == 200, response.text


def work(
    engine: ServedEngine, index: int, shared: list[str], start: threading.Barrier
) -> list[str]:
    """Create sessions, name each, and set this thread's field on every shared session."""
    field = FIELDS[index % len(FIELDS)]
    created = []
    with httpx.Client(base_url=engine.base_url, trust_env=False) as client:
        start.wait()
        for number in range(CREATES_PER_THREAD):
            response = client.put("/sessions/new")
            assert response.status_code == 200, response.text
            created.append(response.json()["response"]["sessionId"])
            # An empty value sets nothing, but races the other threads to create the
            # shared session.
            set_field(client, shared[number % SHARED_SESSIONS], field, "")
        for session_id in shared:
            set_field(client, session_id, field, expected_value(field, session_id))
        for session_id in created:
            set_field(client, session_id, "visitId", f"own-{index}-{session_id}")
    return created


def test_concurrent_writes_lose_nothing(engine: ServedEngine) -> None:
    shared = [unique_id("shared") for _ in range(SHARED_SESSIONS)]
    start = threading.Barrier(THREADS)

    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(work, engine, i, shared, start) for i in range(THREADS)]
        created = [future.result() for future in futures]

    all_created = [session_id for ids in created for session_id in ids]
    assert len(all_created) == THREADS * CREATES_PER_THREAD
    assert len(set(all_created)) == len(all_created)
    with httpx.Client(base_url=engine.base_url, trust_env=False) as client:
        for session_id in shared:
            info = client.get(f"/sessions/{session_id}").json()["response"]
            for field in FIELDS:
                assert info.get(field) == expected_value(field, session_id), (session_id, field)
        for index, ids in enumerate(created):
            for session_id in ids:
                info = client.get(f"/sessions/{session_id}").json()["response"]
                assert info["visitId"] == f"own-{index}-{session_id}"
        health = client.get(engine.origin + "/_engine/health").json()
    assert health["sessions"] == THREADS * CREATES_PER_THREAD + SHARED_SESSIONS
