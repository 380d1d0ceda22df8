"""Input rule 5: credentials, as `serve --require-auth` requires them."""

from __future__ import annotations

import base64
import logging
from typing import NamedTuple

import httpx
import pytest

from session_inspector.engine.auth import AuthRequirement, AuthScheme
from session_inspector.engine.modes import ReleaseMode
from tests.engine.harness import (
    ALLOWED_ORIGIN,
    EngineFactory,
    ServedEngines,
    authorization,
    unique_id,
)

pytestmark = pytest.mark.anyio

# Made-up test values.
BASIC_USER = "inspector-test"
BASIC_PASSWORD = "made-up-pass:7f3a"
BEARER_TOKEN = "made-up-token.2b9c1e~"
BASIC = AuthRequirement.parse(AuthScheme.BASIC, f"{BASIC_USER}:{BASIC_PASSWORD}")
BEARER = AuthRequirement.parse(AuthScheme.BEARER, BEARER_TOKEN)
REQUIREMENTS = [pytest.param(BASIC, id="basic"), pytest.param(BEARER, id="bearer")]
SECRETS = [BASIC_PASSWORD, BEARER_TOKEN]


def basic(text: str) -> str:
    return "Basic " + base64.b64encode(text.encode()).decode()


class Rejected(NamedTuple):
    """An Authorization header that the engine must reject with 401 (None: not sent)."""

    name: str
    scheme: AuthScheme
    header: str | None
    reason: str


REJECTED = [
    Rejected("basic-missing", AuthScheme.BASIC, None, "no credentials"),
    Rejected("basic-empty", AuthScheme.BASIC, "", "no credentials"),
    Rejected("basic-wrong-scheme", AuthScheme.BASIC, f"Bearer {BEARER_TOKEN}", "scheme"),
    Rejected("basic-scheme-only", AuthScheme.BASIC, "Basic", "invalid"),
    Rejected("basic-wrong-password", AuthScheme.BASIC, basic(f"{BASIC_USER}:wrong"), "invalid"),
    Rejected("basic-wrong-user", AuthScheme.BASIC, basic(f"other:{BASIC_PASSWORD}"), "invalid"),
    Rejected("basic-password-prefix", AuthScheme.BASIC, basic(f"{BASIC_USER}:made-up"),
             "invalid"),
    Rejected("basic-malformed-base64", AuthScheme.BASIC, "Basic !!not*base64!!", "invalid"),
    Rejected("basic-missing-padding", AuthScheme.BASIC,
             basic(f"{BASIC_USER}:{BASIC_PASSWORD}").rstrip("="), "invalid"),
    Rejected("basic-no-colon", AuthScheme.BASIC, basic(BASIC_USER + BASIC_PASSWORD), "invalid"),
    Rejected("basic-token-unencoded", AuthScheme.BASIC,
             f"Basic {BASIC_USER}:{BASIC_PASSWORD}", "invalid"),
    Rejected("bearer-missing", AuthScheme.BEARER, None, "no credentials"),
    Rejected("bearer-wrong-scheme", AuthScheme.BEARER, basic(f"{BASIC_USER}:{BEARER_TOKEN}"),
             "scheme"),
    Rejected("bearer-token-alone", AuthScheme.BEARER, BEARER_TOKEN, "scheme"),
    Rejected("bearer-wrong-token", AuthScheme.BEARER, "Bearer made-up-token.2b9c1f~", "invalid"),
    Rejected("bearer-token-prefix", AuthScheme.BEARER, "Bearer made-up-token", "invalid"),
    Rejected("bearer-scheme-only", AuthScheme.BEARER, "Bearer", "invalid"),
]  # fmt: skip


def requirement(scheme: AuthScheme) -> AuthRequirement:
    return BASIC if scheme is AuthScheme.BASIC else BEARER


def header(value: str | None) -> dict[str, str]:
    return {} if value is None else {"Authorization": value}


def assert_unauthorized(response: httpx.Response, auth: AuthRequirement) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"] == auth.challenge
    if response.request.method != "HEAD":
        assert response.json()["error"]["code"] == "unauthorized"
        for secret in SECRETS:
            assert secret not in response.text


@pytest.mark.parametrize("case", REJECTED, ids=[case.name for case in REJECTED])
async def test_rejected_credentials_get_401(engines: EngineFactory, case: Rejected) -> None:
    auth = requirement(case.scheme)
    engine = engines.open(auth=auth)
    session_id = unique_id()
    count = await engine.session_count()

    responses = [
        await engine.client.put("/sessions/new", headers=header(case.header)),
        await engine.client.post(
            f"/sessions/{session_id}", headers=header(case.header), json={"visitId": "v"}
        ),
        await engine.client.get(f"/sessions/{session_id}", headers=header(case.header)),
    ]

    for response in responses:
        assert_unauthorized(response, auth)
        assert case.reason in response.json()["error"]["description"]
    assert await engine.session_count() == count
    assert await engine.stored(session_id) == []


@pytest.mark.parametrize("auth", REQUIREMENTS)
async def test_challenge_names_scheme_and_realm(
    engines: EngineFactory, auth: AuthRequirement
) -> None:
    engine = engines.open(auth=auth)

    response = await engine.client.put("/sessions/new")

    expected = f'{auth.scheme.http_name} realm="session-inspector"'
    assert response.headers["www-authenticate"] == expected


@pytest.mark.parametrize("auth", REQUIREMENTS)
async def test_right_credentials_pass(engines: EngineFactory, auth: AuthRequirement) -> None:
    engine = engines.open(auth=auth)
    credentials = authorization(auth)

    created = await engine.client.put("/sessions/new", headers=credentials)
    session_id = created.json()["response"]["sessionId"]
    updated = await engine.client.post(
        f"/sessions/{session_id}", headers={**credentials, "gkc_agentId": "agent-1"}
    )
    retrieved = await engine.client.get(f"/sessions/{session_id}", headers=credentials)
    head = await engine.client.head(f"/sessions/{session_id}", headers=credentials)

    assert created.status_code == 200, created.text
    assert updated.status_code == 200, updated.text
    assert retrieved.json()["response"]["agentId"] == "agent-1"
    assert head.status_code == 200


@pytest.mark.parametrize(
    ("auth", "value"),
    [
        (BASIC, basic(f"{BASIC_USER}:{BASIC_PASSWORD}").replace("Basic", "basic")),
        (BASIC, basic(f"{BASIC_USER}:{BASIC_PASSWORD}").replace("Basic", "BASIC")),
        (BASIC, basic(f"{BASIC_USER}:{BASIC_PASSWORD}").replace(" ", "   ")),
        (BEARER, f"bearer {BEARER_TOKEN}"),
        (BEARER, f"BEARER {BEARER_TOKEN}"),
    ],
)
async def test_scheme_name_case_insensitive(
    engines: EngineFactory, auth: AuthRequirement, value: str
) -> None:
    engine = engines.open(auth=auth)

    response = await engine.client.put("/sessions/new", headers={"Authorization": value})

    assert response.status_code == 200, response.text


async def test_basic_password_with_colon_and_utf8(engines: EngineFactory) -> None:
    auth = AuthRequirement.parse(AuthScheme.BASIC, "zoë:pass:wörd")
    engine = engines.open(auth=auth)

    accepted = await engine.client.put(
        "/sessions/new", headers={"Authorization": basic("zoë:pass:wörd")}
    )
    latin1 = "Basic " + base64.b64encode("zoë:pass:wörd".encode("latin-1")).decode()
    rejected = await engine.client.put("/sessions/new", headers={"Authorization": latin1})

    assert accepted.status_code == 200, accepted.text
    assert rejected.status_code == 401


@pytest.mark.parametrize("auth", REQUIREMENTS)
async def test_rejected_update_changes_nothing(
    engines: EngineFactory, auth: AuthRequirement
) -> None:
    engine = engines.open(auth=auth)
    session_id = (await engine.create())["sessionId"]

    response = await engine.client.post(
        f"/sessions/{session_id}",
        headers={"Authorization": "Bearer wrong", "gkc_agentId": "intruder"},
        json={"visitId": "intruder-visit"},
    )

    assert_unauthorized(response, auth)
    [stored] = await engine.stored(session_id)
    assert "agentId" not in stored
    assert "visitId" not in stored


@pytest.mark.parametrize("path", ["/sessions/new", "/sessions/abc", "/_engine/health"])
async def test_preflight_needs_no_credentials(engines: EngineFactory, path: str) -> None:
    engine = engines.open(auth=BASIC)
    url = engine.root + path if path.startswith("/_engine") else path

    response = await engine.client.options(
        url, headers={"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "GET"}
    )

    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "authorization" in response.headers["access-control-allow-headers"].lower()


async def test_allowed_origin_can_read_401(engines: EngineFactory) -> None:
    engine = engines.open(auth=BEARER)

    response = await engine.client.put("/sessions/new", headers={"Origin": ALLOWED_ORIGIN})

    assert_unauthorized(response, BEARER)
    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN


@pytest.mark.parametrize("path", ["/_engine/health", "/_engine/sessions"])
@pytest.mark.parametrize("auth", REQUIREMENTS)
async def test_engine_endpoints_need_credentials(
    engines: EngineFactory, auth: AuthRequirement, path: str
) -> None:
    engine = engines.open(auth=auth)

    without = await engine.client.get(engine.root + path)
    head = await engine.client.head(engine.root + path)
    wrong = await engine.client.get(engine.root + path, headers={"Authorization": "Basic eDp5"})
    right = await engine.client.get(engine.root + path, headers=authorization(auth))

    assert_unauthorized(without, auth)
    assert_unauthorized(head, auth)
    assert_unauthorized(wrong, auth)
    assert right.status_code == 200, right.text


async def test_no_auth_ignores_authorization(engines: EngineFactory) -> None:
    engine = engines.open()

    response = await engine.client.put("/sessions/new", headers={"Authorization": "Basic !!"})

    assert response.status_code == 200


class Case(NamedTuple):
    """A request without credentials that also breaks another rule."""

    name: str
    mode: ReleaseMode
    method: str
    path: str
    status: int
    code: str


ORDER_CASES = [
    Case("method-over-auth", ReleaseMode.V8_5_1, "DELETE", "/sessions/abc", 405,
         "method_not_allowed"),
    Case("path-over-auth", ReleaseMode.V8_5_1, "GET", "/sessions/a/b", 404, "not_found"),
    Case("auth-over-tenant", ReleaseMode.CURRENT, "GET", "/sessions/abc", 401, "unauthorized"),
    Case("auth-over-id", ReleaseMode.V8_5_1, "GET", "/sessions/a%2Fb", 401, "unauthorized"),
    Case("auth-over-tenant-and-id", ReleaseMode.CURRENT, "POST", "/sessions/a%2Fb", 401,
         "unauthorized"),
    Case("auth-over-header", ReleaseMode.V8_5_1, "POST", "/sessions/abc", 401, "unauthorized"),
]  # fmt: skip


@pytest.mark.parametrize("case", ORDER_CASES, ids=[case.name for case in ORDER_CASES])
async def test_auth_rule_in_order(engines: EngineFactory, case: Case) -> None:
    engine = engines.open(case.mode, auth=BASIC)
    count = await engine.session_count()

    response = await engine.client.request(
        case.method, case.path, headers={"gkc_agentId": b"\xff"}, content=b"{"
    )

    assert response.status_code == case.status, response.text
    assert response.json()["error"]["code"] == case.code
    if case.status == 405:
        assert response.headers["allow"] == "GET, HEAD, OPTIONS, POST"
    assert await engine.session_count() == count


@pytest.mark.served
@pytest.mark.parametrize(
    ("headers", "status"),
    [({"Host": "evil.test:{port}"}, 421), ({"Origin": "http://evil.test"}, 403)],
)
async def test_host_and_origin_before_auth(
    served_engines: ServedEngines, headers: dict[str, str], status: int
) -> None:
    served = served_engines.get(ReleaseMode.V8_5_1, "wrapped", BASIC)
    headers = {name: value.format(port=served.port) for name, value in headers.items()}

    async with httpx.AsyncClient(base_url=served.base_url, trust_env=False) as client:
        response = await client.put("/sessions/new", headers=headers)

    assert response.status_code == status, response.text
    assert "www-authenticate" not in response.headers


async def test_credentials_never_logged(
    in_process_engines: EngineFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    engine = in_process_engines.open(auth=BASIC)
    wrong = basic(f"{BASIC_USER}:guessed-password")

    rejected = await engine.client.put("/sessions/new", headers={"Authorization": wrong})
    accepted = await engine.client.put("/sessions/new", headers=authorization(BASIC))

    assert rejected.status_code == 401
    assert accepted.status_code == 200
    assert "PUT /gks-server/v1/sessions/new 401" in caplog.text
    for leak in [*SECRETS, authorization(BASIC)["Authorization"], wrong, "guessed-password"]:
        assert leak not in caplog.text
