"""Every acknowledged write survives SIGKILL of the serve process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.engine.harness import unique_id
from tests.support.served import served

pytestmark = pytest.mark.served


def write_sessions(client: httpx.Client) -> dict[str, dict[str, Any]]:
    """Create and update sessions; return the last acknowledged SessionInfo of each."""
    acknowledged: dict[str, dict[str, Any]] = {}
    for number in range(20):
        response = client.put("/sessions/new", headers={"gkc_agentId": f"agent-{number}"})
        assert response.status_code == 200
        info = response.json()["response"]
        acknowledged[info["sessionId"]] = info
    for number in range(10):
        session_id = unique_id()
        response = client.post(f"/sessions/{session_id}", json={"visitId": f"visit-{number}"})
        assert response.status_code == 200
        acknowledged[session_id] = response.json()["response"]
    for session_id in list(acknowledged)[::3]:
        response = client.post(f"/sessions/{session_id}", headers={"gkc_customerId": "late"})
        assert response.status_code == 200
        acknowledged[session_id] = response.json()["response"]
    return acknowledged


def test_acknowledged_writes_survive_kill(tmp_path: Path) -> None:
    database = tmp_path / "engine.sqlite3"

    with served("--db", str(database)) as engine:
        with httpx.Client(base_url=engine.base_url, trust_env=False) as client:
            acknowledged = write_sessions(client)
        engine.kill()

    with (
        served("--db", str(database)) as engine,
        httpx.Client(base_url=engine.base_url, trust_env=False) as client,
    ):
        found = {
            session_id: client.get(f"/sessions/{session_id}").json().get("response")
            for session_id in acknowledged
        }
        health = client.get(engine.origin + "/_engine/health").json()

    assert found == acknowledged
    assert health["sessions"] == len(acknowledged)
