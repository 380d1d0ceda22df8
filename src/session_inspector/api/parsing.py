"""Turn a complete HTTP response into an outcome.

Servers differ: the engine and the "Current" release wrap SessionInfo in `response`,
8.5-era servers return it bare, and errors come with any of `code`, `status`,
`description`, `message` or `error`, sometimes inside an HTTP 200. Nothing here raises:
a body that fits no shape becomes an InvalidResponse that says what was wrong.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from session_inspector.api.exchange import ApiError, InvalidResponse, Outcome, Success
from session_inspector.api.models import SessionInfo

_ERROR_CODE_KEYS = ("code", "error", "status", "errorCode")
_ERROR_TEXT_KEYS = ("description", "message", "error_description", "detail", "error")


def parse_outcome(status: int, reason: str, content_type: str | None, body: bytes) -> Outcome:
    """Classify a response as a SessionInfo, an API error or an invalid response."""
    data = _decode_json(body)
    if data is _NOT_JSON:
        return _not_json(status, reason, content_type, body)

    info = _find_session_info(data)
    if 200 <= status < 300 and info is not None and not _has_error_field(data):
        return Success(info)

    error = _find_error(status, data)
    if error is not None:
        return error
    if status >= 400:
        return ApiError(status, None, f"HTTP {status} {reason}".strip())
    return InvalidResponse(
        status, f"The server answered HTTP {status} with JSON that holds no sessionId."
    )


_NOT_JSON = object()


def _decode_json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _NOT_JSON


def _not_json(status: int, reason: str, content_type: str | None, body: bytes) -> Outcome:
    kind = f"a {content_type.split(';')[0].strip()} body" if content_type else "a body"
    if not body:
        kind = "an empty body"
    what = f"HTTP {status} {reason}".strip()
    if status >= 400:
        return ApiError(status, None, f"{what}, with {kind} that is not JSON")
    return InvalidResponse(status, f"The server answered {what} with {kind} that is not JSON.")


def _find_session_info(data: Any) -> SessionInfo | None:
    if not isinstance(data, Mapping):
        return None
    wrapped = data.get("response")
    candidate = wrapped if isinstance(wrapped, Mapping) else data
    try:
        return SessionInfo.from_wire(candidate)
    except ValueError:
        return None


def _has_error_field(data: Mapping[str, Any]) -> bool:
    # A SessionInfo may carry its own `status` or `code`, so only `error` marks an error.
    return bool(data.get("error"))


def _find_error(status: int, data: Any) -> ApiError | None:
    if not isinstance(data, Mapping):
        return None

    nested = data.get("error")
    source: Mapping[str, Any] = nested if isinstance(nested, Mapping) else data
    code = _first_text(source, _ERROR_CODE_KEYS)
    text = _first_text(source, _ERROR_TEXT_KEYS)
    if isinstance(nested, str):
        text = text or nested

    if code is None and text is None:
        return None
    if code == text:
        code = None
    return ApiError(status, code, text or code or "an error without a description")


def _first_text(source: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = source.get(key)
        if isinstance(value, str) and value:
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
    return None
