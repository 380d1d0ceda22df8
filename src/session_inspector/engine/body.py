"""Input rules 9 to 12: the body's content type, size, JSON and fields."""

from __future__ import annotations

import json
from typing import Any

from falcon.asgi import Request

from session_inspector.api.models import SessionFields
from session_inspector.engine import rules
from session_inspector.engine.errors import EngineError

_FIELDS = ("visitId", "globalVisitId")


async def fields_for(req: Request) -> SessionFields:
    """Read the body of a create or update and return its fields.

    An absent or empty body carries no fields. Unknown members of the object are ignored.
    """
    body = await _read_body(req)
    if not body:
        return SessionFields()
    document = _parse_object(body)
    values = {name: _field_value(document, name) for name in _FIELDS}
    return SessionFields(values["visitId"], values["globalVisitId"])


async def _read_body(req: Request) -> bytes:
    declared = req.content_length
    if declared == 0 or (declared is None and req.get_header("Transfer-Encoding") is None):
        return b""

    # A declared length decides both rules before anything is read.
    if declared is not None:
        _check_content_type(req.content_type)
        _check_size(declared)

    # One byte past the limit is enough to know that the body is too large.
    body: bytes = await req.stream.read(rules.MAX_BODY_BYTES + 1)
    if body:
        _check_content_type(req.content_type)
        _check_size(len(body))
    return body


def _check_content_type(content_type: str | None) -> None:
    problem = rules.content_type_problem(content_type)
    if problem is not None:
        raise EngineError(415, "unsupported_media_type", problem)


def _check_size(size: int) -> None:
    if size > rules.MAX_BODY_BYTES:
        raise EngineError(
            413,
            "body_too_large",
            f"The body is larger than the maximum of {rules.MAX_BODY_BYTES} bytes.",
        )


def _parse_object(body: bytes) -> dict[str, Any]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _invalid_json(f"The body is not valid UTF-8 (at byte {error.start}).") from None
    if text.startswith("\ufeff"):
        raise _invalid_json("The body starts with a byte-order mark. Send UTF-8 without one.")

    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise _invalid_json(
            f"The body is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from None
    except (ValueError, RecursionError) as error:
        raise _invalid_json(f"The body is not valid JSON: {error}.") from None

    if not isinstance(document, dict):
        raise _invalid_json("The body must be a JSON object.")
    return document


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def _field_value(document: dict[str, Any], name: str) -> str | None:
    value = document.get(name)
    problem = rules.field_problem(name, value)
    if problem is not None:
        raise EngineError(400, "invalid_field", problem)
    return value or None


def _invalid_json(description: str) -> EngineError:
    return EngineError(400, "invalid_json", description)
