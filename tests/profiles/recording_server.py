"""An HTTP server on 127.0.0.1 that records request headers and returns a session.

    with recording_server() as server:
        ... send to server.base_url ...
        server.requests[0]["authorization"]

It stands in for a server that checks credentials, to see which headers a profile sends.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SESSION_BODY = json.dumps({"response": {"sessionId": "recorded-session"}}).encode()


@dataclass
class RecordingServer:
    """The API root to send to, and the headers of each request, names lowercased."""

    base_url: str
    requests: list[dict[str, str]] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self._answer()

    def do_PUT(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: object) -> None:
        pass  # http.server writes every request to stderr by default

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.recorded.requests.append(headers)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(SESSION_BODY)))
        self.end_headers()
        self.wfile.write(SESSION_BODY)


class _Server(ThreadingHTTPServer):
    recorded: RecordingServer


@contextmanager
def recording_server() -> Iterator[RecordingServer]:
    """Serve on a free port until the block ends, then stop and close the server."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.recorded = RecordingServer(f"http://127.0.0.1:{server.server_address[1]}/v1")
    # shutdown() waits for the loop to notice, which it checks at this interval.
    thread = threading.Thread(
        target=server.serve_forever, args=(0.02,), name="recording-server", daemon=True
    )
    thread.start()
    try:
        yield server.recorded
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
