"""Response bodies and headers: JSON documents, errors and CORS."""

from __future__ import annotations

import json
from typing import Any

from falcon.asgi import Request, Response

from session_inspector.api.models import AGENT_HEADER, CUSTOMER_HEADER, SessionInfo
from session_inspector.engine.config import Envelope
from session_inspector.engine.errors import EngineError

_PREFLIGHT_HEADERS = ", ".join(("Authorization", "Content-Type", AGENT_HEADER, CUSTOMER_HEADER))
_PREFLIGHT_MAX_AGE_SECONDS = "600"
# One encoder for all responses: json.dumps builds a new one per call when given options.
# Text stays UTF-8 instead of \u escapes, which keeps bodies readable.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def send_json(resp: Response, status: int, document: object) -> None:
    """Set a compact JSON response body with its status and content type."""
    resp.status = status
    resp.content_type = "application/json"
    resp.data = _ENCODER.encode(document).encode()


def send_session(resp: Response, info: SessionInfo, envelope: Envelope) -> None:
    """Send SessionInfo with status 200, under `response` or bare."""
    wire = info.to_wire()
    send_json(resp, 200, {"response": wire} if envelope == "wrapped" else wire)


def send_error(resp: Response, error: EngineError) -> None:
    """Send the API's error shape with the error's status and headers."""
    send_json(resp, error.status, error_document(error.code, error.description))
    for name, value in error.headers.items():
        resp.set_header(name, value)


def error_document(code: str, description: str) -> dict[str, Any]:
    """Return `{"error": {"code": ..., "description": ...}}`."""
    return {"error": {"code": code, "description": description}}


def add_cors_headers(req: Request, resp: Response, origins: frozenset[str]) -> None:
    """Add the CORS headers that let a page of an allowed origin read the response.

    A preflight (OPTIONS, status 204) also gets the allowed methods and headers.
    """
    resp.append_header("Vary", "Origin")
    origin = req.get_header("Origin")
    if origin is None or origin.lower() not in origins:
        return
    resp.set_header("Access-Control-Allow-Origin", origin)
    if req.method == "OPTIONS" and resp.status_code == 204:
        resp.set_header("Access-Control-Allow-Methods", resp.get_header("Allow") or "")
        resp.set_header("Access-Control-Allow-Headers", _PREFLIGHT_HEADERS)
        resp.set_header("Access-Control-Max-Age", _PREFLIGHT_MAX_AGE_SECONDS)
