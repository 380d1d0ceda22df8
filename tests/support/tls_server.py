"""An HTTPS server on 127.0.0.1 with a certificate from a throwaway test CA (trustme)."""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import trustme


@dataclass(frozen=True)
class TlsServer:
    """A running HTTPS server and the PEM file of the CA that signed its certificate."""

    base_url: str
    ca_bundle: Path


class _SessionHandler(BaseHTTPRequestHandler):
    """Returns a SessionInfo for every request, named after the last path segment."""

    def do_GET(self) -> None:
        self._answer()

    def do_PUT(self) -> None:
        self._answer()

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        session_id = self.path.rsplit("/", 1)[-1].split("?")[0]
        body = json.dumps({"response": {"sessionId": session_id}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the test output needs no access log


@contextmanager
def tls_server(folder: Path) -> Iterator[TlsServer]:
    """Serve HTTPS on a free port of 127.0.0.1 until the block ends."""
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(context)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SessionHandler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    ca_bundle = folder / "test-ca.pem"
    authority.cert_pem.write_to_path(str(ca_bundle))

    thread = threading.Thread(target=server.serve_forever, name="tls-server", daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        yield TlsServer(f"https://127.0.0.1:{port}/gks-server/v1", ca_bundle)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
