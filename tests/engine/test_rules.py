"""The pure input-rule functions that forms can reuse."""

from __future__ import annotations

import pytest

from session_inspector.engine import rules


@pytest.mark.parametrize(
    "session_id", ["a", "x" * 256, "ABC-xyz_0.9~:@", "..a", "new2", "3fa85f64-5717-4562-b3fc"]
)
def test_valid_session_ids(session_id: str) -> None:
    assert rules.session_id_problem(session_id) is None


@pytest.mark.parametrize(
    ("session_id", "problem"),
    [
        ("", "The session id is empty."),
        (".", "'.' cannot be a session id"),
        ("..", "'..' cannot be a session id"),
        ("new", "'new' cannot be a session id"),
        ("a/b", "The session id 'a/b' contains '/'"),
        ("a b", "contains U+0020"),
        ("a\nb", "contains U+000A"),
        ("café", "contains 'é'"),
        ("x" * 257, "is 257 characters long, but the maximum is 256"),
    ],
)
def test_invalid_session_ids(session_id: str, problem: str) -> None:
    message = rules.session_id_problem(session_id)

    assert message is not None
    assert problem in message


def test_tenant_allows_reserved_names() -> None:
    assert rules.tenant_problem("new") is None
    assert rules.tenant_problem("t" * 256) is None


@pytest.mark.parametrize("tenant", ["", "a b", "t" * 257, "ü"])
def test_invalid_tenants(tenant: str) -> None:
    message = rules.tenant_problem(tenant)

    assert message is not None
    assert "tenantId" in message


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (b"\xff", "is not valid UTF-8"),
        ("a" * 1025, "1025 characters"),
        ("a\x00", "U+0000"),
        ("a\x7f", "U+007F"),
        ("a\u009f", "U+009F"),
    ],
)
def test_invalid_header_values(value: str | bytes, problem: str) -> None:
    message = rules.header_value_problem("gkc_agentId", value)

    assert message is not None
    assert "gkc_agentId" in message
    assert problem in message


@pytest.mark.parametrize("value", ["", "Zoë", "a" * 1024, "zoë".encode()])
def test_valid_header_values(value: str | bytes) -> None:
    assert rules.header_value_problem("gkc_agentId", value) is None


@pytest.mark.parametrize("value", [None, "", "v", "v" * 1024, "\U0001f600"])
def test_valid_fields(value: object) -> None:
    assert rules.field_problem("visitId", value) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [(1, "a number"), (1.5, "a number"), (False, "a boolean"), ([], "an array"),
     ({}, "an object"), ("v" * 1025, "1025 characters"), ("\ud800", "U+D800")],
)  # fmt: skip
def test_invalid_fields(value: object, problem: str) -> None:
    message = rules.field_problem("visitId", value)

    assert message is not None
    assert "visitId" in message
    assert problem in message


@pytest.mark.parametrize(
    ("content_type", "valid"),
    [
        ("application/json", True),
        ("application/json; charset=utf-8", True),
        ("APPLICATION/JSON", True),
        ("text/json", False),
        ("application/json-patch+json", False),
        (None, False),
    ],
)
def test_content_type(content_type: str | None, valid: bool) -> None:
    assert (rules.content_type_problem(content_type) is None) is valid
