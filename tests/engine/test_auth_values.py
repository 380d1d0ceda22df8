"""The credentials rule on its own: parsing the expected values and checking headers."""

from __future__ import annotations

import base64

import pytest

from session_inspector.engine.auth import (
    AuthRequirement,
    AuthScheme,
    InvalidCredentials,
    check_credentials,
)
from session_inspector.engine.errors import EngineError

# Made-up test values.
BASIC_VALUE = "inspector-test:made-up-pass-41c0"
TOKEN = "made-up-token-90d7"


@pytest.mark.parametrize(
    ("scheme", "value", "expected"),
    [
        (AuthScheme.BASIC, "user:password", b"user:password"),
        (AuthScheme.BASIC, ":password", b":password"),
        (AuthScheme.BASIC, "user:pass:word", b"user:pass:word"),
        (AuthScheme.BASIC, "zoë:wörd", "zoë:wörd".encode()),
        (AuthScheme.BEARER, "abc-._~+/123==", b"abc-._~+/123=="),
    ],
)
def test_parse_valid_credentials(scheme: AuthScheme, value: str, expected: bytes) -> None:
    assert AuthRequirement.parse(scheme, value).expected == expected


@pytest.mark.parametrize(
    ("scheme", "value", "message"),
    [
        (AuthScheme.BASIC, "", "empty"),
        (AuthScheme.BASIC, "userpassword", "no colon"),
        (AuthScheme.BASIC, "someone:", "password after the colon is empty"),
        (AuthScheme.BASIC, "user:pass\nword", "control character"),
        (AuthScheme.BEARER, "", "empty"),
        (AuthScheme.BEARER, "two words", "cannot carry"),
        (AuthScheme.BEARER, "tökèn", "cannot carry"),
        (AuthScheme.BEARER, "=abc", "cannot carry"),
    ],
)
def test_parse_invalid_credentials(scheme: AuthScheme, value: str, message: str) -> None:
    with pytest.raises(InvalidCredentials, match=message) as error:
        AuthRequirement.parse(scheme, value)

    if value:
        assert value not in str(error.value)


def test_check_rejects_non_ascii_bearer() -> None:
    auth = AuthRequirement.parse(AuthScheme.BEARER, TOKEN)

    with pytest.raises(EngineError) as error:
        check_credentials(b"Bearer \xff" + TOKEN.encode(), auth)

    assert error.value.status == 401


def test_check_accepts_tab_padding() -> None:
    auth = AuthRequirement.parse(AuthScheme.BASIC, BASIC_VALUE)
    encoded = base64.b64encode(BASIC_VALUE.encode())

    check_credentials(b"\tBasic " + encoded + b" \t", auth)


def test_check_rejects_urlsafe_base64() -> None:
    # `user:?>>` encodes to `dXNlcjo/Pj4=` in standard base64, with `/` as the 63rd digit.
    auth = AuthRequirement.parse(AuthScheme.BASIC, "user:?>>")

    check_credentials(b"Basic dXNlcjo/Pj4=", auth)
    with pytest.raises(EngineError):
        check_credentials(b"Basic dXNlcjo_Pj4=", auth)


def test_repr_hides_expected_credentials() -> None:
    basic = AuthRequirement.parse(AuthScheme.BASIC, BASIC_VALUE)
    bearer = AuthRequirement.parse(AuthScheme.BEARER, TOKEN)

    assert "made-up-pass" not in repr(basic)
    assert TOKEN not in repr(bearer)
    assert "BEARER" in repr(bearer)
