"""A request that breaks two input rules gets the error of the earlier rule."""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from session_inspector.engine.modes import ReleaseMode
from tests.engine.harness import EngineFactory, unique_id

pytestmark = pytest.mark.anyio

JSON = {"Content-Type": "application/json"}
TEXT = {"Content-Type": "text/plain"}
BAD_HEADER = {"gkc_agentId": b"\xff"}
TOO_LARGE = b"{" + b" " * (64 * 1024) + b"}"


class Case(NamedTuple):
    """A request that breaks the rule named first in `name` and the one after it."""

    name: str
    method: str
    path: str
    query: str
    headers: dict[str, Any]
    body: bytes | None
    status: int
    code: str


# All cases run in mode current, where the tenant rule applies.
CASES = [
    Case("path-over-method", "DELETE", "/nowhere/x", "", {}, None, 404, "not_found"),
    Case("method-over-tenant", "DELETE", "/sessions/{id}", "", {}, None, 405,
         "method_not_allowed"),
    Case("tenant-over-id", "GET", "/sessions/a%2Fb", "", {}, None, 400, "missing_tenant"),
    Case("invalid-tenant-over-id", "GET", "/sessions/a%2Fb", "?tenantId=a%20b", {}, None, 400,
         "invalid_tenant"),
    Case("id-over-header", "POST", "/sessions/a%2Fb", "?tenantId=t", BAD_HEADER, None, 400,
         "invalid_session_id"),
    Case("header-over-content-type", "POST", "/sessions/{id}", "?tenantId=t",
         {**BAD_HEADER, **TEXT}, b"{}", 400, "invalid_header"),
    Case("content-type-over-size", "POST", "/sessions/{id}", "?tenantId=t", TEXT, TOO_LARGE,
         415, "unsupported_media_type"),
    Case("size-over-json", "POST", "/sessions/{id}", "?tenantId=t", JSON,
         b"[" + b"x" * (64 * 1024), 413, "body_too_large"),
    Case("json-over-field", "POST", "/sessions/{id}", "?tenantId=t", JSON,
         b'{"visitId": 7, ', 400, "invalid_json"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_first_broken_rule_wins(engines: EngineFactory, case: Case) -> None:
    engine = engines.open(ReleaseMode.CURRENT)
    url = case.path.format(id=unique_id()) + case.query
    if case.path.startswith("/nowhere"):
        url = engine.root + url
    count = await engine.session_count()

    response = await engine.client.request(
        case.method, url, headers=case.headers, content=case.body
    )

    assert response.status_code == case.status, response.text
    assert response.json()["error"]["code"] == case.code
    assert await engine.session_count() == count


async def test_invalid_field_names_visit_id_first(engines: EngineFactory) -> None:
    engine = engines.open()

    response = await engine.client.post(
        f"/sessions/{unique_id()}", json={"globalVisitId": 7, "visitId": 7}
    )

    assert "visitId" in response.json()["error"]["description"]
    assert "globalVisitId" not in response.json()["error"]["description"]
