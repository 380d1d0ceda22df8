"""Response shapes of real servers and of the engine, classified into outcomes."""

from __future__ import annotations

import pytest

from session_inspector.api import ApiError, InvalidResponse, SessionInfo, Success
from session_inspector.api.parsing import parse_outcome

JSON = "application/json"


def test_wrapped_session_info() -> None:
    body = b'{"response": {"sessionId": "s1", "customerId": "c@example.org"}}'

    outcome = parse_outcome(200, "OK", JSON, body)

    assert outcome == Success(SessionInfo("s1", customer_id="c@example.org"))


def test_bare_session_info_keeps_unknown_fields() -> None:
    body = b'{"sessionId": "s1", "status": "active", "score": 3}'

    outcome = parse_outcome(200, "OK", JSON, body)

    assert isinstance(outcome, Success)
    assert outcome.info.session_id == "s1"
    assert outcome.info.extra == {"status": "active", "score": 3}


def test_engine_error_shape() -> None:
    body = b'{"error": {"code": "session_not_found", "description": "Session not found"}}'

    outcome = parse_outcome(404, "Not Found", JSON, body)

    assert outcome == ApiError(404, "session_not_found", "Session not found")


@pytest.mark.parametrize(
    ("body", "code", "description"),
    [
        (b'{"code": 17, "description": "Bad tenant"}', "17", "Bad tenant"),
        (b'{"status": "FAILED", "message": "Backend down"}', "FAILED", "Backend down"),
        (b'{"error": "invalid_request"}', None, "invalid_request"),
        (b'{"error": {"message": "nope"}}', None, "nope"),
        (b'{"errorCode": "E1"}', "E1", "E1"),
    ],
)
def test_error_shapes(body: bytes, code: str | None, description: str) -> None:
    outcome = parse_outcome(400, "Bad Request", JSON, body)

    assert isinstance(outcome, ApiError)
    assert outcome.code == code
    assert outcome.description == description


def test_error_inside_200_wins_over_session_id() -> None:
    body = b'{"sessionId": "s1", "error": {"code": "x", "description": "failed"}}'

    outcome = parse_outcome(200, "OK", JSON, body)

    assert outcome == ApiError(200, "x", "failed")


@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b'{"response": {"sessionId": "tru', b"\xff\xfe", b"[1, 2]", b"null"],
)
def test_unreadable_200_bodies(body: bytes) -> None:
    outcome = parse_outcome(200, "OK", JSON, body)

    assert isinstance(outcome, InvalidResponse)
    assert outcome.status == 200


def test_json_without_session_id() -> None:
    outcome = parse_outcome(200, "OK", JSON, b'{"response": {"agentId": "a"}}')

    assert isinstance(outcome, InvalidResponse)
    assert "sessionId" in outcome.problem


def test_error_status_without_json_names_content_type() -> None:
    outcome = parse_outcome(503, "Service Unavailable", "text/plain; charset=utf-8", b"down")

    assert isinstance(outcome, ApiError)
    assert outcome.code is None
    assert "503 Service Unavailable" in outcome.description
    assert "text/plain" in outcome.description


def test_session_id_of_wrong_type() -> None:
    outcome = parse_outcome(200, "OK", JSON, b'{"sessionId": 12}')

    assert isinstance(outcome, InvalidResponse)


def test_round_trip_through_wire_names() -> None:
    info = SessionInfo("s", "a", "c", "v", "g", "t", "2026-01-01T00:00:00.000Z", None)

    assert SessionInfo.from_wire(info.to_wire()) == info
    assert "updatedAt" not in info.to_wire()
