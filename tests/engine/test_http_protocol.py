"""One socket write per response: the coalescing transport, alone and under `serve`."""

from __future__ import annotations

import asyncio
import socket

import pytest

from session_inspector.engine.http_protocol import CoalescingTransport
from tests.support.served import ServedEngine, served

HEAD = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n"


class RecordingTransport(asyncio.Transport):
    """A transport that records its calls instead of sending anything."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, bytes]] = []
        self.closing = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.calls.append(("write", bytes(data)))

    def close(self) -> None:
        self.calls.append(("close", b""))
        self.closing = True

    def abort(self) -> None:
        self.calls.append(("abort", b""))
        self.closing = True

    def is_closing(self) -> bool:
        return self.closing

    def get_write_buffer_size(self) -> int:
        return 5


async def next_iteration() -> None:
    # A zero sleep yields once, so callbacks scheduled with call_soon run first.
    await asyncio.sleep(0)


@pytest.mark.anyio
async def test_writes_of_one_iteration_sent_once() -> None:
    wrapped = RecordingTransport()
    transport = CoalescingTransport(wrapped, asyncio.get_running_loop())

    transport.write(HEAD)
    transport.write(bytearray(b"{}"))
    before_flush = list(wrapped.calls)
    await next_iteration()

    assert before_flush == []
    assert wrapped.calls == [("write", HEAD + b"{}")]


@pytest.mark.anyio
async def test_later_iteration_gets_own_write() -> None:
    wrapped = RecordingTransport()
    transport = CoalescingTransport(wrapped, asyncio.get_running_loop())

    transport.write(b"first")
    await next_iteration()
    transport.write(b"second")
    await next_iteration()

    assert wrapped.calls == [("write", b"first"), ("write", b"second")]


@pytest.mark.anyio
async def test_close_sends_pending_data_first() -> None:
    wrapped = RecordingTransport()
    transport = CoalescingTransport(wrapped, asyncio.get_running_loop())

    transport.write(b"HTTP/1.1 400 Bad Request\r\n\r\n")
    transport.close()
    await next_iteration()

    assert wrapped.calls == [("write", b"HTTP/1.1 400 Bad Request\r\n\r\n"), ("close", b"")]


@pytest.mark.anyio
async def test_abort_drops_pending_data() -> None:
    wrapped = RecordingTransport()
    transport = CoalescingTransport(wrapped, asyncio.get_running_loop())

    transport.write(b"never sent")
    transport.abort()
    await next_iteration()

    assert wrapped.calls == [("abort", b"")]


@pytest.mark.anyio
async def test_lost_connection_gets_no_write() -> None:
    wrapped = RecordingTransport()
    transport = CoalescingTransport(wrapped, asyncio.get_running_loop())

    transport.write(b"too late")
    wrapped.closing = True
    await next_iteration()

    assert wrapped.calls == []
    assert transport.is_closing()


@pytest.mark.anyio
async def test_buffer_size_counts_pending_data() -> None:
    wrapped = RecordingTransport()
    transport = CoalescingTransport(wrapped, asyncio.get_running_loop())

    transport.write(b"12345678")

    assert transport.get_write_buffer_size() == 8 + 5
    await next_iteration()


def exchange(engine: ServedEngine, *messages: bytes, expect: bytes) -> bytes:
    """Send raw request bytes, message by message, and read until `expect` has arrived."""
    received = b""
    with socket.create_connection(("127.0.0.1", engine.port), timeout=10) as connection:
        for message in messages:
            connection.sendall(message)
            if message is not messages[-1]:
                received += connection.recv(65536)
        while expect not in received:
            chunk = connection.recv(65536)
            assert chunk, f"connection closed after {received!r}"
            received += chunk
    return received


@pytest.mark.served
def test_served_pipelined_requests_answered_in_order() -> None:
    request = "GET /gks-server/v1/sessions/{id} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"

    with served("--mode", "8.5.0") as engine:
        first, second = (
            request.format(id=session_id, port=engine.port).encode()
            for session_id in ("pipelined-1", "pipelined-2")
        )
        received = exchange(engine, first + second, expect=b'"pipelined-2"')

    assert received.count(b"HTTP/1.1 200 OK\r\n") == 2
    assert received.index(b'"pipelined-1"') < received.index(b"HTTP/1.1 200 OK\r\n", 1)


@pytest.mark.served
def test_served_expect_continue_gets_interim_response() -> None:
    body = b'{"visitId": "continued"}'

    with served() as engine:
        head = (
            f"PUT /gks-server/v1/sessions/new HTTP/1.1\r\nHost: 127.0.0.1:{engine.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            "Expect: 100-continue\r\n\r\n"
        ).encode()
        received = exchange(engine, head, body, expect=b'"continued"')

    assert received.startswith(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n")
