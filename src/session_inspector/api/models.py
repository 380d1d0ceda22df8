"""SessionInfo and the parts of a request, as typed values.

Field names follow Python; `to_wire` and `from_wire` convert to and from the JSON names
of the API (`sessionId`, `agentId`, ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

AGENT_HEADER = "gkc_agentId"
CUSTOMER_HEADER = "gkc_customerId"
TENANT_PARAMETER = "tenantId"

_WIRE_NAMES = {
    "session_id": "sessionId",
    "agent_id": "agentId",
    "customer_id": "customerId",
    "visit_id": "visitId",
    "global_visit_id": "globalVisitId",
    "tenant_id": "tenantId",
    "created_at": "createdAt",
    "updated_at": "updatedAt",
}


@dataclass(frozen=True)
class SessionInfo:
    """A session as a server returns it.

    `created_at`, `updated_at` and `tenant_id` come from the local engine and from
    servers of the "Current" release; a real 8.5 server may leave them out. Fields that a
    server sent and this class does not name are kept in `extra`.
    """

    session_id: str
    agent_id: str | None = None
    customer_id: str | None = None
    visit_id: str | None = None
    global_visit_id: str | None = None
    tenant_id: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def to_wire(self) -> dict[str, Any]:
        """Convert to the API's JSON object, leaving out fields the session does not have."""
        wire: dict[str, Any] = dict(self.extra)
        for name, wire_name in _WIRE_NAMES.items():
            value = getattr(self, name)
            if value is not None:
                wire[wire_name] = value
        return wire

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> SessionInfo:
        """Build from a JSON object with a string `sessionId`.

        Raises ValueError when `sessionId` is missing or not a string. Other known fields
        that are not strings are kept in `extra` as sent, so nothing the server sent is lost.
        """
        session_id = data.get("sessionId")
        if not isinstance(session_id, str):
            raise ValueError("the object has no string field 'sessionId'")

        known: dict[str, str] = {}
        extra: dict[str, Any] = {}
        python_names = {wire: name for name, wire in _WIRE_NAMES.items()}
        for key, value in data.items():
            name = python_names.get(key)
            if name is not None and isinstance(value, str):
                known[name] = value
            elif name is None or value is not None:
                extra[key] = value
        known.pop("session_id", None)
        return cls(session_id=session_id, extra=extra, **known)


@dataclass(frozen=True)
class Identity:
    """The identity headers of a request. None or an empty string means "not sent"."""

    agent_id: str | None = None
    customer_id: str | None = None

    def headers(self) -> dict[str, str]:
        """Return the identity headers that carry a value, under their API names."""
        headers = {}
        if self.agent_id:
            headers[AGENT_HEADER] = self.agent_id
        if self.customer_id:
            headers[CUSTOMER_HEADER] = self.customer_id
        return headers


@dataclass(frozen=True)
class SessionFields:
    """The JSON body fields of create and update. None or "" means "not sent"."""

    visit_id: str | None = None
    global_visit_id: str | None = None

    def body(self) -> dict[str, str] | None:
        """Return the body object with only the given fields, or None when none is given."""
        body = {}
        if self.visit_id:
            body["visitId"] = self.visit_id
        if self.global_visit_id:
            body["globalVisitId"] = self.global_visit_id
        return body or None
