"""A bare ASGI responder: the baseline that the engine's served throughput is compared with.

It responds to every HTTP request with the same 200 JSON body, shaped and sized like the
engine's SessionInfo, after reading the whole request body. It has no routing, no
validation and no storage, so its throughput is what uvicorn itself can serve.

Run it with ``python bare_app.py``: it listens on a free port of 127.0.0.1 with the
uvicorn settings of ``session-inspector serve`` (``uvicorn_config``), and prints its URL
to stderr.
"""

import json
import socket
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import uvicorn

from session_inspector.engine.server import uvicorn_config

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_BODY = json.dumps(
    {
        "response": {
            "sessionId": "6f1c2b9e-4d0a-4c57-9a3e-2b8d7f5e1c40",
            "agentId": "agent-bench",
            "customerId": "customer-bench",
            "visitId": "visit-bench",
            "globalVisitId": "global-visit-bench",
            "createdAt": "2026-01-01T00:00:00.000Z",
            "updatedAt": "2026-01-01T00:00:00.000Z",
        }
    },
    separators=(",", ":"),
).encode()

_HEADERS = [
    (b"content-type", b"application/json"),
    (b"content-length", str(len(_BODY)).encode()),
]


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    """Respond to an HTTP request with the fixed body, and acknowledge lifespan events."""
    if scope["type"] == "lifespan":
        await _run_lifespan(receive, send)
        return
    if scope["type"] != "http":
        return

    await _read_body(receive)
    await send({"type": "http.response.start", "status": 200, "headers": _HEADERS})
    await send({"type": "http.response.body", "body": _BODY})


async def _read_body(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


async def _run_lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def main() -> None:
    """Serve ``app`` on a free port of 127.0.0.1 until SIGINT or SIGTERM."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(2048)
    # serve's own uvicorn settings, so that both run on the same HTTP layer.
    config = uvicorn_config(app)
    print(
        f"serving the bare responder at http://127.0.0.1:{sock.getsockname()[1]}", file=sys.stderr
    )
    with sock:
        uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
