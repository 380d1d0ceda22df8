"""CORS headers: only for origins named with --cors-origin."""

from __future__ import annotations

import pytest

from tests.engine.harness import ALLOWED_ORIGIN, EngineFactory

pytestmark = pytest.mark.anyio


async def test_allowed_origin_gets_cors_headers(engines: EngineFactory) -> None:
    engine = engines.open()

    response = await engine.client.put("/sessions/new", headers={"Origin": ALLOWED_ORIGIN})

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "Origin" in response.headers["vary"]


async def test_allowed_origin_error_readable(engines: EngineFactory) -> None:
    engine = engines.open()

    response = await engine.client.get("/sessions/a%2Fb", headers={"Origin": ALLOWED_ORIGIN})

    assert response.status_code == 400
    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN


async def test_preflight_of_allowed_origin(engines: EngineFactory) -> None:
    engine = engines.open()

    response = await engine.client.options(
        "/sessions/abc",
        headers={
            "Origin": ALLOWED_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, gkc_agentid",
        },
    )

    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert response.headers["access-control-allow-methods"] == "GET, HEAD, OPTIONS, POST"
    allowed_headers = response.headers["access-control-allow-headers"].lower()
    assert "gkc_agentid" in allowed_headers
    assert "gkc_customerid" in allowed_headers
    assert "content-type" in allowed_headers


async def test_no_cors_headers_without_origin(engines: EngineFactory) -> None:
    engine = engines.open()

    response = await engine.client.put("/sessions/new")

    assert "access-control-allow-origin" not in response.headers


async def test_in_process_ignores_other_origin(in_process_engines: EngineFactory) -> None:
    engine = in_process_engines.open()

    response = await engine.client.put("/sessions/new", headers={"Origin": "http://other.test"})

    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
