"""What the client sends: ids, headers, bodies and their checks before sending."""

from __future__ import annotations

import pytest

from session_inspector.api import Identity, InvalidInput, SentRequest, SessionFields, render_curl
from session_inspector.api.headers import check_header_value, identity_warnings
from session_inspector.api.ids import encode_session_id
from session_inspector.api.models import SessionInfo
from session_inspector.api.redact import redact_url
from session_inspector.api.target import validate_base_url


@pytest.mark.parametrize(
    ("session_id", "segment"),
    [
        ("abc-1._~:@", "abc-1._~:@"),
        ("a/b", "a%2Fb"),
        ("a%2Fb", "a%252Fb"),
        ("a b", "a%20b"),
        ("q?x#y", "q%3Fx%23y"),
        ("Zoë", "Zo%C3%AB"),
        (".", "%2E"),
        ("..", "%2E%2E"),
        ("...", "..."),
    ],
)
def test_session_id_is_one_segment(session_id: str, segment: str) -> None:
    assert encode_session_id(session_id) == segment


def test_empty_session_id_is_rejected() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        encode_session_id("")


@pytest.mark.parametrize(
    ("value", "named"), [("a\rb", "carriage return"), ("a\nb", "line feed"), ("\x00", "U+0000")]
)
def test_control_characters_are_rejected(value: str, named: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        check_header_value("gkc_agentId", value)

    assert "gkc_agentId" in raised.value.message
    assert named in raised.value.message


def test_non_ascii_header_value_passes() -> None:
    assert check_header_value("gkc_customerId", "zoë@例え.jp") == "zoë@例え.jp"


def test_identity_sends_only_given_headers() -> None:
    assert Identity(None, "c").headers() == {"gkc_customerId": "c"}
    assert Identity("", "").headers() == {}


def test_body_has_only_given_fields() -> None:
    assert SessionFields().body() is None
    assert SessionFields("v", "").body() == {"visitId": "v"}
    assert SessionFields("v", "g").body() == {"visitId": "v", "globalVisitId": "g"}


def test_dropped_identity_warns() -> None:
    warnings = identity_warnings(Identity("agent", "cust"), SessionInfo("s", customer_id="cust"))

    assert len(warnings) == 1
    assert "gkc_agentId" in warnings[0]
    assert "underscore" in warnings[0]


def test_kept_identity_does_not_warn() -> None:
    assert identity_warnings(Identity("a"), SessionInfo("s", agent_id="a")) == []


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://h/x", "http://"),
        ("127.0.0.1:8080/gks-server/v1", "http://"),
        ("http:///gks-server/v1", "no host"),
        ("http://h/x?tenantId=1", "query"),
        ("http://h:99999/x", "invalid port"),
    ],
)
def test_bad_base_urls(url: str, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem) as raised:
        validate_base_url(url)

    assert repr(url) in raised.value.message


def test_base_url_loses_trailing_slash() -> None:
    assert validate_base_url(" http://h:1/gks-server/v1/ ") == "http://h:1/gks-server/v1"


def _request(headers: tuple[tuple[str, str], ...], url: str = "http://h/s") -> SentRequest:
    return SentRequest("POST", url, headers, b'{"visitId": "it\'s"}', frozenset({"X-Api-Key"}))


def test_curl_redacts_credentials() -> None:
    request = _request(
        (
            ("Authorization", "Basic YWxpY2U6c2VjcmV0"),
            ("x-api-key", "k-123"),
            ("gkc_agentId", "agent"),
        ),
        url="http://alice:secret@h/s",
    )

    command = render_curl(request)

    assert "YWxpY2U6c2VjcmV0" not in command
    assert "k-123" not in command
    assert "secret" not in command
    assert "'Authorization: Basic <redacted>'" in command
    assert "'gkc_agentId: agent'" in command


def test_curl_reveals_when_asked() -> None:
    request = _request((("Authorization", "Bearer t0k"),))

    assert "Bearer t0k" in render_curl(request, reveal_secrets=True)


def test_curl_quotes_body_for_the_shell() -> None:
    command = render_curl(_request(()))

    assert '--data-binary \'{"visitId": "it\'"\'"\'s"}\'' in command
    assert command.startswith("curl -X POST http://h/s")


def test_redact_url_keeps_user() -> None:
    assert redact_url("https://bob:pw@h:8/x") == "https://bob:<redacted>@h:8/x"
    assert redact_url("https://h/x") == "https://h/x"
