"""The input rules, one case per row and value, and their order (rules 1 and 2 are served-only)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from session_inspector.engine.modes import ReleaseMode
from tests.engine.harness import API_ROOT, Engine, EngineFactory, unique_id

pytestmark = pytest.mark.anyio

MAX_BODY = 64 * 1024


def error_of(response: httpx.Response) -> dict[str, str]:
    error: dict[str, str] = response.json()["error"]
    return error


async def assert_rejected_and_nothing_stored(
    engine: Engine, response: httpx.Response, status: int, code: str, session_id: str
) -> dict[str, str]:
    assert response.status_code == status, response.text
    error = error_of(response)
    assert error["code"] == code
    assert error["description"]
    assert await engine.stored(session_id) == []
    return error


# Rule 3: path


@pytest.mark.parametrize(
    "path",
    [
        "/gks-server/v1/foo",
        "/gks-server/v1/sessions",
        "/gks-server/v1/sessions/a/b",
        "/gks-server/v1/sessions/abc/",
        "/gks-server/v1/sessions/new/x",
        "/gks-server/v2/sessions/new",
        "/gks-server/v1//sessions/abc",
        "/",
        "/_engine",
        "/_engine/other",
    ],
)
async def test_unknown_path_not_found(engines: EngineFactory, path: str) -> None:
    engine = engines.open()

    response = await engine.client.get(engine.root + path)

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    assert f"'{path}'" in error_of(response)["description"]


# Rule 4: method


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/sessions/abc", "GET, HEAD, OPTIONS, POST"),
        ("PUT", "/sessions/abc", "GET, HEAD, OPTIONS, POST"),
        ("PATCH", "/sessions/abc", "GET, HEAD, OPTIONS, POST"),
        ("GET", "/sessions/new", "OPTIONS, PUT"),
        ("POST", "/sessions/new", "OPTIONS, PUT"),
        ("HEAD", "/sessions/new", "OPTIONS, PUT"),
        ("POST", "/_engine/health", "GET, HEAD, OPTIONS"),
        ("DELETE", "/_engine/sessions", "GET, HEAD, OPTIONS"),
    ],
)
async def test_wrong_method_not_allowed(
    engines: EngineFactory, method: str, path: str, allow: str
) -> None:
    engine = engines.open()
    count = await engine.session_count()
    url = engine.root + (path if path.startswith("/_engine") else API_ROOT + path)

    response = await engine.client.request(method, url)

    assert response.status_code == 405
    assert response.headers["allow"] == allow
    if method != "HEAD":
        assert error_of(response)["code"] == "method_not_allowed"
    assert await engine.session_count() == count


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("/gks-server/v1/sessions/new", "OPTIONS, PUT"),
        ("/gks-server/v1/sessions/abc", "GET, HEAD, OPTIONS, POST"),
        ("/_engine/health", "GET, HEAD, OPTIONS"),
        ("/_engine/sessions", "GET, HEAD, OPTIONS"),
    ],
)
async def test_options_lists_allowed_methods(engines: EngineFactory, path: str, allow: str) -> None:
    engine = engines.open()

    response = await engine.client.options(engine.root + path)

    assert response.status_code == 204
    assert response.headers["allow"] == allow
    assert response.content == b""


# Rule 6: tenantId in mode current


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "missing_tenant"),
        ("?tenantId=", "missing_tenant"),
        ("?tenantid=t1", "missing_tenant"),
        ("?tenantId=a%20b", "invalid_tenant"),
        ("?tenantId=a/b", "invalid_tenant"),
        ("?tenantId=caf%C3%A9", "invalid_tenant"),
        ("?tenantId=" + "t" * 257, "invalid_tenant"),
        ("?tenantId=t1&tenantId=t2", "invalid_tenant"),
    ],
)
async def test_tenant_rule(engines: EngineFactory, query: str, code: str) -> None:
    engine = engines.open(ReleaseMode.CURRENT)
    session_id = unique_id()

    response = await engine.client.post(f"/sessions/{session_id}{query}")

    await assert_rejected_and_nothing_stored(engine, response, 400, code, session_id)


@pytest.mark.parametrize("tenant", ["t" * 256, "a-Z_.~:@9"[:8] + "x"])
async def test_tenant_rule_accepts_alphabet(engines: EngineFactory, tenant: str) -> None:
    engine = engines.open(ReleaseMode.CURRENT)

    response = await engine.client.put("/sessions/new", params={"tenantId": tenant})

    assert response.status_code == 200
    assert response.json()["response"]["tenantId"] == tenant


# Rule 7: session id


@pytest.mark.parametrize(
    ("segment", "quoted"),
    [
        ("a%2Fb", "a/b"),
        ("a%2fb", "a/b"),
        ("%2E", "."),
        ("%2E%2E", ".."),
        ("%6Eew", "new"),
        ("a%20b", "a b"),
        ("caf%C3%A9", "café"),
        ("%252F", "%2F"),
        ("a%3Fb", "a?b"),
        ("a%23b", "a#b"),
        ("a+b", "a+b"),
        ("x" * 257, "x" * 40 + "…"),
    ],
)
async def test_invalid_session_id(engines: EngineFactory, segment: str, quoted: str) -> None:
    engine = engines.open(ReleaseMode.V8_5_0)

    for method in ("GET", "POST", "HEAD"):
        response = await engine.client.request(method, f"/sessions/{segment}")

        assert response.status_code == 400, method
        if method != "HEAD":
            error = error_of(response)
            assert error["code"] == "invalid_session_id"
            assert f"'{quoted}'" in error["description"]
    assert await engine.stored(quoted) == []


async def test_empty_session_id_invalid(engines: EngineFactory) -> None:
    engine = engines.open()

    response = await engine.client.post("/sessions/")

    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_session_id"


@pytest.mark.parametrize(
    ("segment", "session_id"),
    [
        ("x" * 256, "x" * 256),
        ("aZ09-._~:@", "aZ09-._~:@"),
        ("%41bc", "Abc"),
        ("..a", "..a"),
        ("new2", "new2"),
    ],
)
async def test_valid_session_id(engines: EngineFactory, segment: str, session_id: str) -> None:
    engine = engines.open()
    suffix = unique_id()

    response = await engine.client.post(f"/sessions/{segment}{suffix}"[: 10 + 256])

    assert response.status_code == 200, response.text
    assert response.json()["response"]["sessionId"] == (session_id + suffix)[:256]


# Rule 8: identity headers


@pytest.mark.parametrize("header", ["gkc_agentId", "gkc_customerId"])
@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (b"a" * 1025, "1025 characters"),
        ("é".encode() * 1025, "1025 characters"),
        (b"\xff\xfe", "not valid UTF-8"),
        (b"caf\xe9", "not valid UTF-8"),
        ("a\u0085b".encode(), "U+0085"),
        (b"a\tb", "U+0009"),
    ],
    ids=["too-long", "too-long-non-ascii", "invalid-utf8", "latin1", "c1-control", "tab"],
)
async def test_invalid_identity_header(
    engines: EngineFactory, header: str, value: bytes, problem: str
) -> None:
    engine = engines.open()
    session_id = unique_id()

    response = await engine.client.post(f"/sessions/{session_id}", headers={header: value})

    error = await assert_rejected_and_nothing_stored(
        engine, response, 400, "invalid_header", session_id
    )
    assert header in error["description"]
    assert problem in error["description"]


async def test_identity_header_at_maximum_length(engines: EngineFactory) -> None:
    engine = engines.open()

    info = await engine.create(headers={"gkc_agentId": ("é" * 1024).encode()})

    assert info["agentId"] == "é" * 1024


# Rule 9: content type


@pytest.mark.parametrize(
    "headers",
    [{"Content-Type": "text/plain"}, {"Content-Type": "application/jsonx"}, {}],
    ids=["text", "similar", "missing"],
)
async def test_body_needs_json_content_type(
    engines: EngineFactory, headers: dict[str, str]
) -> None:
    engine = engines.open()
    session_id = unique_id()

    response = await engine.client.post(
        f"/sessions/{session_id}", content=b'{"visitId": "v"}', headers=headers
    )

    await assert_rejected_and_nothing_stored(
        engine, response, 415, "unsupported_media_type", session_id
    )


@pytest.mark.parametrize(
    "content_type", ["application/json; charset=utf-8", "Application/JSON", "application/json;"]
)
async def test_json_content_type_parameters_accepted(
    engines: EngineFactory, content_type: str
) -> None:
    engine = engines.open()

    info = await engine.create(content=b'{"visitId": "v"}', headers={"Content-Type": content_type})

    assert info["visitId"] == "v"


async def test_empty_body_needs_no_content_type(engines: EngineFactory) -> None:
    engine = engines.open()

    info = await engine.create(content=b"", headers={"Content-Type": "text/plain"})

    assert "visitId" not in info


# Rule 10: body size


def padded_body(size: int) -> bytes:
    """Return a JSON object of exactly `size` bytes with visitId "v"."""
    skeleton = json.dumps({"visitId": "v", "pad": ""}).encode()
    return json.dumps({"visitId": "v", "pad": "x" * (size - len(skeleton))}).encode()


async def test_body_at_limit_accepted(engines: EngineFactory) -> None:
    engine = engines.open()
    body = padded_body(MAX_BODY)
    assert len(body) == MAX_BODY

    info = await engine.create(content=body, headers={"Content-Type": "application/json"})

    assert info["visitId"] == "v"


async def test_body_over_limit_too_large(engines: EngineFactory) -> None:
    engine = engines.open()
    session_id = unique_id()

    response = await engine.client.post(
        f"/sessions/{session_id}",
        content=padded_body(MAX_BODY + 1),
        headers={"Content-Type": "application/json"},
    )

    await assert_rejected_and_nothing_stored(engine, response, 413, "body_too_large", session_id)


async def test_chunked_body_over_limit_too_large(engines: EngineFactory) -> None:
    engine = engines.open()
    session_id = unique_id()

    async def chunks() -> AsyncIterator[bytes]:
        body = padded_body(MAX_BODY + 100)
        for start in range(0, len(body), 8192):
            yield body[start : start + 8192]

    response = await engine.client.post(
        f"/sessions/{session_id}", content=chunks(), headers={"Content-Type": "application/json"}
    )

    await assert_rejected_and_nothing_stored(engine, response, 413, "body_too_large", session_id)


async def test_chunked_body_within_limit_accepted(engines: EngineFactory) -> None:
    engine = engines.open()

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"visitId":'
        yield b' "chunked"}'

    info = await engine.create(content=chunks(), headers={"Content-Type": "application/json"})

    assert info["visitId"] == "chunked"


# Rule 11: JSON


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"[]",
        b'"visit"',
        b"null",
        b"  ",
        b'\xef\xbb\xbf{"visitId": "v"}',
        b'{"visitId": "caf\xe9"}',
        b'{"visitId": NaN}',
        b'{"visitId": "v"} {}',
        b"[" * 20000 + b"]" * 20000,
    ],
    ids=[
        "truncated",
        "array",
        "string",
        "null",
        "blank",
        "byte-order-mark",
        "invalid-utf8",
        "nan",
        "two-values",
        "deep-nesting",
    ],
)
async def test_invalid_json(engines: EngineFactory, body: bytes) -> None:
    engine = engines.open()
    session_id = unique_id()

    response = await engine.client.post(
        f"/sessions/{session_id}", content=body, headers={"Content-Type": "application/json"}
    )

    await assert_rejected_and_nothing_stored(engine, response, 400, "invalid_json", session_id)


# Rule 12: fields


@pytest.mark.parametrize("field", ["visitId", "globalVisitId"])
@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (7, "not a number"),
        (True, "not a boolean"),
        ({"id": "v"}, "not an object"),
        (["v"], "not an array"),
        ("v" * 1025, "1025 characters"),
    ],
    ids=["number", "boolean", "object", "array", "too-long"],
)
async def test_invalid_field(engines: EngineFactory, field: str, value: Any, problem: str) -> None:
    engine = engines.open()
    session_id = unique_id()

    response = await engine.client.post(f"/sessions/{session_id}", json={field: value})

    error = await assert_rejected_and_nothing_stored(
        engine, response, 400, "invalid_field", session_id
    )
    assert field in error["description"]
    assert problem in error["description"]


async def test_lone_surrogate_field_invalid(engines: EngineFactory) -> None:
    engine = engines.open()
    session_id = unique_id()

    response = await engine.client.post(
        f"/sessions/{session_id}",
        content=b'{"visitId": "\\ud800"}',
        headers={"Content-Type": "application/json"},
    )

    await assert_rejected_and_nothing_stored(engine, response, 400, "invalid_field", session_id)


async def test_field_at_maximum_length(engines: EngineFactory) -> None:
    engine = engines.open()

    info = await engine.create(json={"visitId": "é" * 1024})

    assert info["visitId"] == "é" * 1024
