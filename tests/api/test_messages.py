"""The sentence shown for an API error, with the session id that was not found."""

from __future__ import annotations

import pytest

from session_inspector.api.exchange import ApiError, Exchange, SentRequest
from session_inspector.api.messages import describe_outcome

NOT_FOUND = ApiError(404, "session_not_found", "Session not found")


def _exchange(method: str, url: str, outcome: ApiError) -> Exchange:
    return Exchange(SentRequest(method, url, (), b""), None, outcome)


@pytest.mark.parametrize(
    ("url", "quoted"),
    [
        ("http://127.0.0.1:8080/gks-server/v1/sessions/abc-1", "'abc-1'"),
        ("http://127.0.0.1:8080/gks-server/v1/sessions/a%40b%3Ac?tenantId=t1", "'a@b:c'"),
    ],
)
def test_not_found_quotes_decoded_id(url: str, quoted: str) -> None:
    sentence = describe_outcome(_exchange("GET", url, NOT_FOUND))

    assert sentence.startswith("Session not found (HTTP 404, session_not_found): ")
    assert f"check the session id {quoted}; in release 8.5.1" in sentence


def test_not_found_elsewhere_quotes_nothing() -> None:
    sentence = describe_outcome(_exchange("GET", "http://127.0.0.1:8080/other", NOT_FOUND))

    assert "check the session id; in release 8.5.1" in sentence


def test_other_hints_keep_their_text() -> None:
    error = ApiError(502, None, "HTTP 502 Bad Gateway")
    url = "http://127.0.0.1:8080/gks-server/v1/sessions/abc-1"

    sentence = describe_outcome(_exchange("GET", url, error))

    assert sentence == (
        "HTTP 502 Bad Gateway: a proxy could not reach the server behind it; check that server."
    )
