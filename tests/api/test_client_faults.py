"""The client against servers that fail: each fault is an outcome, never a crash."""

from __future__ import annotations

import asyncio
import time

import pytest

from session_inspector.api import (
    ApiError,
    InvalidResponse,
    SessionClient,
    Target,
    TransportFailure,
    describe_outcome,
)
from session_inspector.api.errors import ConnectionClosed, ConnectionRefused, RequestTimedOut
from tests.support.fault_servers import (
    canned_server,
    closed_port,
    html_502,
    json_response,
    silent_server,
    truncated_json,
)

pytestmark = pytest.mark.anyio


def _client(port: int, timeout: float = 5.0) -> SessionClient:
    return SessionClient(Target(f"http://127.0.0.1:{port}/gks-server/v1", timeout=timeout))


async def test_refused_names_host_and_port() -> None:
    port = closed_port()

    async with _client(port) as client:
        exchange = await client.get("abc")

    assert isinstance(exchange.outcome, TransportFailure)
    assert isinstance(exchange.outcome.error, ConnectionRefused)
    assert exchange.response is None
    assert f"127.0.0.1 port {port}" in describe_outcome(exchange)
    assert "refused" in describe_outcome(exchange)


async def test_silent_server_times_out() -> None:
    with silent_server() as port:
        async with _client(port, timeout=0.3) as client:
            exchange = await client.get("abc")

    assert isinstance(exchange.outcome, TransportFailure)
    assert isinstance(exchange.outcome.error, RequestTimedOut)
    message = describe_outcome(exchange)
    assert "0.3 s" in message
    assert f"127.0.0.1 port {port}" in message


async def test_cancel_ends_hanging_request_at_once() -> None:
    with silent_server() as port:
        async with _client(port, timeout=60) as client:
            task = asyncio.create_task(client.get("abc"))
            # Let the request reach the server before cancelling it.
            await asyncio.wait({task}, timeout=0.2)
            started = time.perf_counter()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            ended_after = time.perf_counter() - started

    assert ended_after < 1.0


async def test_html_502_is_api_error_with_raw_body() -> None:
    with canned_server(html_502()) as port:
        async with _client(port) as client:
            exchange = await client.get("abc")

    assert isinstance(exchange.outcome, ApiError)
    assert exchange.response is not None
    assert exchange.response.status == 502
    assert b"<h1>502 Bad Gateway</h1>" in exchange.response.body
    assert "502 Bad Gateway" in describe_outcome(exchange)
    assert "text/html" in describe_outcome(exchange)


async def test_closed_mid_body_is_transport_failure() -> None:
    with canned_server(truncated_json()) as port:
        async with _client(port) as client:
            exchange = await client.get("abc")

    assert isinstance(exchange.outcome, TransportFailure)
    assert isinstance(exchange.outcome.error, ConnectionClosed)
    assert "closed the connection" in describe_outcome(exchange)


async def test_error_inside_http_200() -> None:
    body = b'{"code": "SESSION_EXPIRED", "message": "The session expired"}'
    with canned_server(json_response("200 OK", body)) as port:
        async with _client(port) as client:
            exchange = await client.get("abc")

    assert isinstance(exchange.outcome, ApiError)
    assert exchange.outcome.code == "SESSION_EXPIRED"
    assert "inside an HTTP 200" in describe_outcome(exchange)


async def test_non_json_200_is_invalid_response() -> None:
    with canned_server(json_response("200 OK", b"<html>login</html>", "text/html")) as port:
        async with _client(port) as client:
            exchange = await client.get("abc")

    assert isinstance(exchange.outcome, InvalidResponse)
    assert "not JSON" in describe_outcome(exchange)


async def test_bare_session_info_is_accepted() -> None:
    body = b'{"sessionId": "abc", "agentId": "a1"}'
    with canned_server(json_response("200 OK", body)) as port:
        async with _client(port) as client:
            exchange = await client.get("abc")

    assert exchange.info is not None
    assert exchange.info.session_id == "abc"
    assert exchange.info.agent_id == "a1"
