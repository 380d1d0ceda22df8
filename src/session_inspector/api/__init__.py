"""The wire format of the Session Management API and an async client for it. No Qt.

The names below are imported on first use, so that a window can paint before httpx, which
takes about 170 ms to import, is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from session_inspector.lazy_exports import lazy_getattr

if TYPE_CHECKING:
    from session_inspector.api.client import SessionClient
    from session_inspector.api.curl import render_curl
    from session_inspector.api.errors import InvalidInput, TransportError
    from session_inspector.api.exchange import (
        ApiError,
        Exchange,
        InvalidResponse,
        Outcome,
        ReceivedResponse,
        SentRequest,
        Success,
        TransportFailure,
    )
    from session_inspector.api.messages import describe_outcome
    from session_inspector.api.models import Identity, SessionFields, SessionInfo
    from session_inspector.api.target import Target, make_http_client

_HOMES = {
    "SessionClient": "client",
    "render_curl": "curl",
    "InvalidInput": "errors",
    "TransportError": "errors",
    "ApiError": "exchange",
    "Exchange": "exchange",
    "InvalidResponse": "exchange",
    "Outcome": "exchange",
    "ReceivedResponse": "exchange",
    "SentRequest": "exchange",
    "Success": "exchange",
    "TransportFailure": "exchange",
    "describe_outcome": "messages",
    "Identity": "models",
    "SessionFields": "models",
    "SessionInfo": "models",
    "Target": "target",
    "make_http_client": "target",
}

__all__ = [
    "ApiError",
    "Exchange",
    "Identity",
    "InvalidInput",
    "InvalidResponse",
    "Outcome",
    "ReceivedResponse",
    "SentRequest",
    "SessionClient",
    "SessionFields",
    "SessionInfo",
    "Success",
    "Target",
    "TransportError",
    "TransportFailure",
    "describe_outcome",
    "make_http_client",
    "render_curl",
]


__getattr__ = lazy_getattr(__name__, _HOMES, globals())
