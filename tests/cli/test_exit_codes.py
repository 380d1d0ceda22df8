"""Exit codes and messages of the headless commands, one outcome each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from session_inspector.cli import main
from tests.support.fault_servers import (
    canned_server,
    closed_port,
    html_502,
    json_response,
    silent_server,
    truncated_json,
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _url(port: int) -> str:
    return f"http://127.0.0.1:{port}/gks-server/v1"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "engine.sqlite3")


def test_create_prints_session_info(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = _run(
        capsys, "create", "--db", db, "--agent-id", "agent-7", "--visit-id", "visit-1"
    )

    assert code == 0
    info = json.loads(out)
    assert info["agentId"] == "agent-7"
    assert info["visitId"] == "visit-1"
    assert "customerId" not in info
    assert err == ""


def test_get_update_round_trip(capsys: pytest.CaptureFixture[str], db: str) -> None:
    _, out, _ = _run(capsys, "create", "--db", db)
    session_id = json.loads(out)["sessionId"]

    update_code, _, _ = _run(capsys, "update", session_id, "--db", db, "--customer-id", "Zoë")
    get_code, out, _ = _run(capsys, "get", session_id, "--db", db, "--embedded")

    assert update_code == 0
    assert get_code == 0
    assert json.loads(out)["customerId"] == "Zoë"


def test_unknown_session_in_8_5_1_exits_1(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = _run(capsys, "get", "no-such-session", "--db", db)

    assert code == 1
    assert out == ""
    assert "Session not found" in err
    assert "session_not_found" in err
    assert "check the session id 'no-such-session'" in err


def test_unknown_session_in_8_5_0_is_created(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _ = _run(capsys, "get", "fresh-id", "--db", db, "--mode", "8.5.0")

    assert code == 0
    assert json.loads(out)["sessionId"] == "fresh-id"


def test_invalid_id_quotes_it(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = _run(capsys, "get", "a/b c", "--db", db)

    assert code == 1
    assert "invalid_session_id" in err
    assert "'a/b c'" in err or '"a/b c"' in err or "a/b c" in err


def test_control_character_exits_2(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = _run(capsys, "create", "--db", db, "--agent-id", "a\nb")

    assert code == 2
    assert out == ""
    assert "gkc_agentId" in err
    assert "line feed" in err


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["get", "x", "--base-url", "localhost:8080"], "http://"),
        (["get", "x", "--timeout", "0"], "positive number"),
        (["get", "x", "--timeout", "soon"], "not a number"),
        (["get", "x", "--mode", "9.0"], "invalid choice"),
        (["get", "x", "--base-url", "http://h/v1", "--embedded"], "not allowed with"),
        (["get", "x", "--base-url", "http://h/v1", "--db", "e.sqlite3"], "--db"),
    ],
)
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str], named: str) -> None:
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code  # argparse exits on its own errors
    err = capsys.readouterr().err

    assert code == 2
    assert named in err


def test_refused_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    port = closed_port()

    code, out, err = _run(capsys, "get", "abc", "--base-url", _url(port))

    assert code == 3
    assert out == ""
    assert f"127.0.0.1 port {port}" in err


def test_timeout_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    with silent_server() as port:
        code, _, err = _run(capsys, "get", "abc", "--base-url", _url(port), "--timeout", "0.2")

    assert code == 3
    assert "Timed out after 0.2 s" in err


def test_cut_body_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    with canned_server(truncated_json()) as port:
        code, _, err = _run(capsys, "get", "abc", "--base-url", _url(port))

    assert code == 3
    assert "closed the connection" in err


def test_html_502_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    with canned_server(html_502()) as port:
        code, _, err = _run(capsys, "get", "abc", "--base-url", _url(port))

    assert code == 1
    assert "502 Bad Gateway" in err


@pytest.mark.parametrize(
    "body", [b"<html>sign in</html>", b'{"error": {"code": "E", "description": "Denied"}}']
)
def test_200_without_session_exits_1(capsys: pytest.CaptureFixture[str], body: bytes) -> None:
    with canned_server(json_response("200 OK", body)) as port:
        code, out, _ = _run(capsys, "get", "abc", "--base-url", _url(port))

    assert code == 1
    assert out == ""


def test_show_exchange_redacts_nothing_secret_here(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    code, _, err = _run(capsys, "create", "--db", db, "--customer-id", "c-1", "--show-exchange")

    assert code == 0
    assert "> PUT http://embedded-engine/gks-server/v1/sessions/new" in err
    assert "> gkc_customerId: c-1" in err
    assert "< HTTP/1.1 200 OK" in err


def test_dropped_header_warns(capsys: pytest.CaptureFixture[str]) -> None:
    body = b'{"sessionId": "abc"}'
    with canned_server(json_response("200 OK", body)) as port:
        code, _, err = _run(capsys, "get", "abc", "--base-url", _url(port), "--agent-id", "a")

    assert code == 0
    assert "warning" in err
    assert "underscore" in err


@pytest.mark.parametrize("url", ["http://[::1/x", "http://[x"])
def test_broken_ipv6_url_exits_2(capsys: pytest.CaptureFixture[str], url: str) -> None:
    code, _, err = _run(capsys, "get", "abc", "--base-url", url)

    assert code == 2
    assert "invalid host" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["get", "update"])
def test_session_id_new_exits_2(capsys: pytest.CaptureFixture[str], db: str, command: str) -> None:
    code, _, err = _run(capsys, command, "new", "--db", db)

    assert code == 2
    assert "'new'" in err
    assert "creates sessions" in err


def test_blank_agent_id_does_not_blame_a_proxy(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = _run(capsys, "create", "--db", db, "--agent-id", " ")

    assert code == 0
    assert "proxy" not in err


def test_server_text_escaped_on_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    # A server's error text with ESC [ 2 J, which would clear a terminal's screen.
    body = b'{"error": {"code": "denied", "description": "Denied \\u001b[2J here"}}'
    with canned_server(json_response("403 Forbidden", body)) as port:
        code, _, err = _run(capsys, "get", "abc", "--base-url", _url(port), "--show-exchange")

    assert code == 1
    assert "\x1b" not in err
    assert "session-inspector: Denied \\x1b[2J here (HTTP 403, denied)" in err


def test_engine_rejection_escapes_id(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = _run(capsys, "get", "abc\x1b[31mdef", "--db", db)

    assert code == 1  # the engine's 400 invalid_session_id
    assert "\x1b" not in err
    assert "'abc\\x1b[31mdef'" in err
