"""Misbehaving HTTP servers on 127.0.0.1 for client fault tests.

Each runs one accept loop on a thread and stops when its context manager exits. They speak
just enough HTTP/1.1 to read a request's headers and write canned bytes back.
"""

from __future__ import annotations

import selectors
import socket
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager


def closed_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on (it was bound and released)."""
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@contextmanager
def silent_server() -> Iterator[int]:
    """Accept connections and never answer; yield the port."""
    with _serve(on_request=None) as port:
        yield port


@contextmanager
def canned_server(response: bytes) -> Iterator[int]:
    """Answer every request with these bytes, then close the connection; yield the port."""
    with _serve(on_request=response) as port:
        yield port


def html_502() -> bytes:
    """A 502 from a proxy, with an HTML body, as nginx would send it."""
    body = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    head = (
        "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


def truncated_json() -> bytes:
    """A 200 that promises 200 bytes of JSON and closes after a few."""
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n"
        b'Connection: close\r\n\r\n{"response": {"sessionId": "abc'
    )


def json_response(status_line: str, body: bytes, content_type: str = "application/json") -> bytes:
    """A complete response with the given status line and body."""
    head = (
        f"HTTP/1.1 {status_line}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


@contextmanager
def _serve(on_request: bytes | None) -> Iterator[int]:
    listener = socket.create_server(("127.0.0.1", 0))
    stop_reader, stop_writer = socket.socketpair()
    loop = _AcceptLoop(listener, stop_reader, on_request)
    thread = threading.Thread(target=loop.run, name="fault-server", daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop_writer.send(b"x")
        thread.join(timeout=10)
        for sock in (listener, stop_reader, stop_writer):
            sock.close()


class _AcceptLoop:
    def __init__(self, listener: socket.socket, stop: socket.socket, reply: bytes | None):
        self._listener = listener
        self._stop = stop
        self._reply = reply
        self._pending: dict[socket.socket, bytes] = {}

    def run(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._listener, selectors.EVENT_READ)
            selector.register(self._stop, selectors.EVENT_READ)
            self._loop(selector)
        for connection in self._pending:
            connection.close()

    def _loop(self, selector: selectors.BaseSelector) -> None:
        while True:
            for key, _ in selector.select():
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                if sock is self._stop:
                    return
                if sock is self._listener:
                    connection, _ = sock.accept()
                    self._pending[connection] = b""
                    selector.register(connection, selectors.EVENT_READ)
                else:
                    self._read(selector, sock)

    def _read(self, selector: selectors.BaseSelector, connection: socket.socket) -> None:
        data = connection.recv(65536)
        self._pending[connection] += data
        if not data:
            selector.unregister(connection)
            del self._pending[connection]
            connection.close()
            return
        if self._reply is not None and b"\r\n\r\n" in self._pending[connection]:
            connection.sendall(self._reply)
            selector.unregister(connection)
            del self._pending[connection]
            connection.close()
