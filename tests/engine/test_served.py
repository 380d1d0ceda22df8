"""`serve` itself: start-up line, Host and Origin rules, logging, stopping, no Qt."""

from __future__ import annotations

import os
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from session_inspector.engine.store import SessionStore
from tests.engine.harness import ALLOWED_HOST, ALLOWED_ORIGIN, unique_id
from tests.support.served import SERVE_CODE, ServedEngine, ServeFailed, served

pytestmark = pytest.mark.served


@pytest.fixture(scope="module")
def engine() -> Iterator[ServedEngine]:
    with served("--cors-origin", ALLOWED_ORIGIN, "--allowed-host", ALLOWED_HOST) as running:
        yield running


@pytest.fixture
def client(engine: ServedEngine) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=engine.base_url, trust_env=False) as http:
        yield http


def stored(client: httpx.Client, engine: ServedEngine, session_id: str) -> list[object]:
    response = client.get(engine.origin + "/_engine/sessions", params={"q": session_id})
    sessions: list[object] = response.json()["sessions"]
    return sessions


def test_start_line_names_url_mode_and_database(engine: ServedEngine) -> None:
    line = next(line for line in engine.output.text().splitlines() if "serving" in line)

    assert line.startswith(f"serving the session engine at http://127.0.0.1:{engine.port}/")
    assert "(mode 8.5.1, database in memory)" in line
    assert line.endswith("press Ctrl+C to stop")
    assert engine.port != 0


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1:{port}", "localhost:{port}", "LocalHost:{port}", "[::1]:{port}",
     f"{ALLOWED_HOST}:{{port}}"],
)  # fmt: skip
def test_known_host_accepted(engine: ServedEngine, client: httpx.Client, host: str) -> None:
    response = client.put("/sessions/new", headers={"Host": host.format(port=engine.port)})

    assert response.status_code == 200


@pytest.mark.parametrize(
    "host",
    ["evil.test:{port}", "127.0.0.1", "localhost", "127.0.0.1:1", f"{ALLOWED_HOST}",
     "127.0.0.2:{port}", "localhost.evil.test:{port}", "[::2]:{port}"],
)  # fmt: skip
def test_foreign_host_misdirected(engine: ServedEngine, client: httpx.Client, host: str) -> None:
    session_id = unique_id()

    response = client.post(
        f"/sessions/{session_id}",
        headers={"Host": host.format(port=engine.port), "gkc_agentId": "a"},
    )

    assert response.status_code == 421
    assert response.json()["error"]["code"] == "misdirected_request"
    assert stored(client, engine, session_id) == []


@pytest.mark.parametrize("origin", ["http://evil.test", "null", "http://allowed.test:8080"])
def test_foreign_origin_forbidden(client: httpx.Client, engine: ServedEngine, origin: str) -> None:
    session_id = unique_id()

    response = client.post(
        f"/sessions/{session_id}",
        headers={"Origin": origin, "gkc_agentId": "a"},
        json={"visitId": "v"},
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "origin_not_allowed"
    assert "access-control-allow-origin" not in response.headers
    assert stored(client, engine, session_id) == []


def test_foreign_origin_preflight_forbidden(client: httpx.Client) -> None:
    response = client.options(
        "/sessions/abc",
        headers={"Origin": "http://evil.test", "Access-Control-Request-Method": "POST"},
    )

    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers


def test_host_rule_before_origin_rule(engine: ServedEngine, client: httpx.Client) -> None:
    response = client.put(
        "/sessions/new", headers={"Host": f"evil.test:{engine.port}", "Origin": "http://evil.test"}
    )

    assert response.status_code == 421


def test_origin_rule_before_path_rule(client: httpx.Client, engine: ServedEngine) -> None:
    response = client.delete(engine.origin + "/nowhere", headers={"Origin": "http://evil.test"})

    assert response.status_code == 403


def test_underscore_header_arrives_dash_header_ignored() -> None:
    with served() as engine, httpx.Client(base_url=engine.base_url, trust_env=False) as client:
        response = client.put(
            "/sessions/new",
            headers={"gkc_agentId": "underscore-agent", "gkc-agentId": "dash-agent"},
        )
        engine.output.wait_for(lambda text: "gkc-agentid" in text, timeout=10)

    assert response.json()["response"]["agentId"] == "underscore-agent"
    assert "WARNING" in engine.output.text()
    assert "Ignored the request header gkc-agentid" in engine.output.text()
    assert "dash-agent" not in engine.output.text()


def test_access_log_line_per_request() -> None:
    with served() as engine, httpx.Client(base_url=engine.base_url, trust_env=False) as client:
        client.post("/sessions/logged-session")
        engine.output.wait_for(lambda text: "logged-session 200" in text, timeout=10)

    assert "POST /gks-server/v1/sessions/logged-session 200" in engine.output.text()
    assert "session logged-session" in engine.output.text()


def test_rejected_requests_leave_file_unchanged(tmp_path: Path) -> None:
    database = tmp_path / "engine.sqlite3"
    session_id = unique_id()
    attacks = [{"Origin": "http://evil.test"}, {"Host": "evil.test"}]

    with served("--db", str(database)) as engine:
        with httpx.Client(base_url=engine.base_url, trust_env=False) as client:
            for headers in attacks:
                statuses = [
                    client.put("/sessions/new", headers=headers).status_code,
                    client.post(f"/sessions/{session_id}", headers=headers).status_code,
                    client.get(f"/sessions/{session_id}", headers=headers).status_code,
                ]
                assert set(statuses) <= {403, 421}, statuses
        assert engine.stop() == 0

    with SessionStore(database) as store:
        assert store.count() == 0


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_stops_cleanly_on_signal(signal_number: int) -> None:
    with served() as engine:
        os.kill(engine.process.pid, signal_number)
        status = engine.process.wait(15)
        engine.output.join(15)

    assert status == 0
    assert "Stopped the session engine" in engine.output.text()
    assert "Traceback" not in engine.output.text()


def test_serve_leaves_qt_unloaded() -> None:
    probe = SERVE_CODE.replace(
        "sys.exit(main(sys.argv[1:]))",
        "status = main(sys.argv[1:])\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print('Qt modules loaded:', qt, file=sys.stderr)\n"
        "sys.exit(status)",
    )

    with served(command=(sys.executable, "-c", probe)) as engine:
        with httpx.Client(base_url=engine.base_url, trust_env=False) as client:
            assert client.put("/sessions/new").status_code == 200
        assert engine.stop() == 0

    assert "Qt modules loaded: []" in engine.output.text()


def test_unusable_database_exits_1(tmp_path: Path) -> None:
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("not SQLite", encoding="utf-8")

    with (
        pytest.raises(ServeFailed, match="exited with 1") as failure,
        served("--db", str(not_a_database)),
    ):
        pass

    assert "Cannot open the engine database" in str(failure.value)
    assert "choose another file with --db" in str(failure.value)
    assert "keep sessions in memory with --memory" in str(failure.value)


def test_port_in_use_exits_1() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])

        with pytest.raises(ServeFailed, match="exited with 1") as failure, served("--port", port):
            pass

    assert f"Cannot listen on 127.0.0.1 port {port}" in str(failure.value)
    assert "Another program uses that port" in str(failure.value)
    assert "choose another port with --port (0 picks a free one)" in str(failure.value)
