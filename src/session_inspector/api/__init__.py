"""The wire format of the Session Management API and an async client for it. No Qt."""

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
