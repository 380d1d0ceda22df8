"""Checks of header values before sending, and the warning about dropped identity headers."""

from __future__ import annotations

import unicodedata

from session_inspector.api.errors import InvalidInput
from session_inspector.api.models import AGENT_HEADER, CUSTOMER_HEADER, Identity, SessionInfo

_CONTROL_NAMES = {"\r": "carriage return", "\n": "line feed", "\t": "tab"}


def check_header_value(name: str, value: str) -> str:
    """Return the value, or raise InvalidInput when it has a control character.

    HTTP cannot carry CR or LF in a header, and other control characters are rejected by
    servers, so the request is stopped here with the position of the character.
    """
    for position, character in enumerate(value, start=1):
        if unicodedata.category(character) == "Cc":
            label = _CONTROL_NAMES.get(character, f"U+{ord(character):04X}")
            raise InvalidInput(
                f"The {name} header value {value!r} contains a control character "
                f"({label}) at position {position}; remove it and send again."
            )
    return value


def identity_warnings(sent: Identity, info: SessionInfo | None) -> list[str]:
    """Warn when a returned session lacks an identity that the request carried.

    Several proxies and servers drop headers whose names contain an underscore (nginx
    without `underscores_in_headers on`, waitress, gunicorn), which is the usual cause.
    """
    if info is None:
        return []
    warnings = []
    pairs = [
        (sent.agent_id, info.agent_id, AGENT_HEADER, "agent id"),
        (sent.customer_id, info.customer_id, CUSTOMER_HEADER, "customer id"),
    ]
    for sent_value, returned, header, label in pairs:
        # A value of only spaces is blank to servers too, so its absence proves nothing.
        if sent_value and sent_value.strip() and not returned:
            warnings.append(
                f"The session came back without the {label} that was sent in {header}: a "
                "proxy or server may have dropped the header because its name contains an "
                "underscore (for nginx, set underscores_in_headers on)."
            )
    return warnings
