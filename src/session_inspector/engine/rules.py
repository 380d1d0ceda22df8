"""The engine's input rules as pure functions.

Each `*_problem` function returns None for a valid value, or one sentence that names the
value and what is wrong with it. The engine sends that sentence as the error
description, and a form can show it next to the field as the user types.
"""

from __future__ import annotations

import re

ID_ALPHABET = "ASCII letters, digits and -._~:@"
MAX_ID_LENGTH = 256
MAX_HEADER_LENGTH = 1024
MAX_FIELD_LENGTH = 1024
MAX_BODY_BYTES = 64 * 1024

# `.` and `..` are dot segments, which HTTP libraries remove from paths, and `new` is the
# path of the create call.
RESERVED_SESSION_IDS = frozenset({".", "..", "new"})

_VALID_ID = re.compile(rf"[A-Za-z0-9\-._~:@]{{1,{MAX_ID_LENGTH}}}")
_OUTSIDE_ID_ALPHABET = re.compile(r"[^A-Za-z0-9\-._~:@]")
# Unicode's control characters (category Cc): C0, DEL and C1.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_QUOTE_LIMIT = 40


def session_id_problem(session_id: str) -> str | None:
    """Check a session id as it appears after percent-decoding."""
    if _VALID_ID.fullmatch(session_id) and session_id not in RESERVED_SESSION_IDS:
        return None
    if session_id in RESERVED_SESSION_IDS:
        return f"'{session_id}' cannot be a session id, because it is a reserved path segment."
    return _id_problem("session id", session_id)


def tenant_problem(tenant_id: str) -> str | None:
    """Check a `tenantId` value. The same alphabet and length apply as for session ids."""
    if _VALID_ID.fullmatch(tenant_id):
        return None
    return _id_problem("tenantId", tenant_id)


def header_value_problem(name: str, value: str | bytes) -> str | None:
    """Check the value of an identity header; bytes must be UTF-8, as they are on the wire."""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return f"The header {name} is not valid UTF-8."
    if len(value) > MAX_HEADER_LENGTH:
        return (
            f"The header {name} is {len(value)} characters long, "
            f"but the maximum is {MAX_HEADER_LENGTH}."
        )
    control = _CONTROL_CHARACTER.search(value)
    if control:
        return f"The header {name} contains the control character {_code_point(control[0])}."
    return None


def field_problem(name: str, value: object) -> str | None:
    """Check a JSON body field (`visitId`, `globalVisitId`): a string or null."""
    if value is None:
        return None
    if not isinstance(value, str):
        return f"The field {name} must be a string or null, not {_json_type(value)}."
    if len(value) > MAX_FIELD_LENGTH:
        return (
            f"The field {name} is {len(value)} characters long, "
            f"but the maximum is {MAX_FIELD_LENGTH}."
        )
    surrogate = _SURROGATE.search(value)
    if surrogate:
        # A lone surrogate from a JSON escape such as "\ud800" cannot be stored as UTF-8.
        return (
            f"The field {name} contains the unpaired surrogate {_code_point(surrogate[0])}, "
            "which is not valid Unicode."
        )
    return None


def content_type_problem(content_type: str | None) -> str | None:
    """Check the Content-Type of a request that has a body: `application/json`."""
    if content_type is None:
        return "The request has a body but no Content-Type. Send the body as application/json."
    media_type = content_type.partition(";")[0].strip().lower()
    if media_type == "application/json":
        return None
    return f"The body must be sent as application/json, not '{content_type}'."


def _id_problem(label: str, text: str) -> str:
    if not text:
        return f"The {label} is empty."
    if len(text) > MAX_ID_LENGTH:
        return (
            f"The {label} '{_shorten(text)}' is {len(text)} characters long, "
            f"but the maximum is {MAX_ID_LENGTH}."
        )
    bad = _OUTSIDE_ID_ALPHABET.search(text)
    assert bad is not None, "a short, non-empty id outside the pattern has a bad character"
    return (
        f"The {label} '{text}' contains {_describe(bad[0])}, "
        f"which is not allowed. Use only {ID_ALPHABET}."
    )


def _describe(character: str) -> str:
    if character.isprintable() and not character.isspace():
        return f"'{character}'"
    return _code_point(character)


def _code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


def _shorten(text: str) -> str:
    return text if len(text) <= _QUOTE_LIMIT else text[:_QUOTE_LIMIT] + "…"


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    return "an object"
