"""The local engine's session listing, `GET /_engine/sessions`, read as typed data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from session_inspector.api.errors import TransportError
from session_inspector.api.models import SessionInfo


@dataclass(frozen=True)
class SessionListing:
    """One page of the engine's sessions, newest first; `next` is the following cursor."""

    sessions: tuple[SessionInfo, ...]
    next: str | None
    total: int


class ListingFailed(TransportError):
    """The engine did not return a readable listing."""


def engine_root(base_url: str) -> str:
    """Return the server root of an engine's API base URL, where `/_engine/` lives."""
    return base_url.removesuffix("/gks-server/v1")


def parse_listing(status: int, body: bytes) -> SessionListing:
    """Read a listing response, or raise ListingFailed saying what was wrong."""
    try:
        data: Any = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    if status != 200 or not isinstance(data, dict) or not isinstance(data.get("sessions"), list):
        raise ListingFailed(
            f"The engine's session list could not be read (HTTP {status}); "
            "the target may not be a Session Inspector engine."
        )

    sessions = tuple(
        SessionInfo.from_wire(item)
        for item in data["sessions"]
        if isinstance(item, dict) and isinstance(item.get("sessionId"), str)
    )
    cursor = data.get("next")
    total = data.get("total")
    return SessionListing(
        sessions=sessions,
        next=str(cursor) if cursor is not None else None,
        total=total if isinstance(total, int) else len(sessions),
    )
