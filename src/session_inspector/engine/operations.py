"""The store operations behind accepted requests, and the `/_engine/` documents."""

from __future__ import annotations

from typing import Any

from session_inspector.api.models import SessionInfo
from session_inspector.engine import rules
from session_inspector.engine.errors import EngineError
from session_inspector.engine.modes import ReleaseMode
from session_inspector.engine.pipeline import EngineCall, Query, SessionCall
from session_inspector.engine.routing import Endpoint
from session_inspector.engine.store import MAX_PAGE_SIZE, SessionStore

DEFAULT_PAGE_SIZE = 50


def perform(store: SessionStore, mode: ReleaseMode, call: SessionCall) -> SessionInfo:
    """Create, retrieve or update the session, as the release mode has it."""
    if call.method == "PUT":
        return store.create(call.identity, call.fields, call.tenant_id)
    if call.method == "POST":
        # Every mode creates the session on update; 8.5.1 documents it, and the
        # engine does the same where the other releases are silent.
        return store.update_or_create(call.session_id, call.identity, call.fields, call.tenant_id)
    if mode.creates_on_get:
        return store.get_or_create(call.session_id, call.identity, call.tenant_id)
    info = store.get(call.session_id, call.tenant_id)
    if info is None:
        raise EngineError(404, "session_not_found", "Session not found")
    return info


def engine_document(store: SessionStore, mode: ReleaseMode, call: EngineCall) -> dict[str, Any]:
    """Return the JSON document of `/_engine/health` or `/_engine/sessions`."""
    if call.endpoint is Endpoint.HEALTH:
        return {"status": "ok", "mode": mode.value, "sessions": store.count()}
    return _session_list(store, call.query)


def _session_list(store: SessionStore, query: Query) -> dict[str, Any]:
    limit = _whole_number(query, "limit", 1, MAX_PAGE_SIZE) or DEFAULT_PAGE_SIZE
    after = _whole_number(query, "after", 1, None)
    tenant_id = _single(query, "tenantId")
    if tenant_id is not None:
        problem = rules.tenant_problem(tenant_id)
        if problem is not None:
            raise EngineError(400, "invalid_tenant", problem)

    page = store.list_sessions(limit, after, _single(query, "q") or "", tenant_id)
    return {
        "sessions": [info.to_wire() for info in page.sessions],
        "next": None if page.next_after is None else str(page.next_after),
        "total": page.total,
    }


def _whole_number(query: Query, name: str, minimum: int, maximum: int | None) -> int | None:
    text = _single(query, name)
    if not text:
        return None
    value = int(text) if text.isascii() and text.isdigit() else None
    if value is None or value < minimum or (maximum is not None and value > maximum):
        upper = "" if maximum is None else f" to {maximum}"
        raise EngineError(
            400,
            "invalid_parameter",
            f"The parameter {name} must be a whole number from {minimum}{upper}, not '{text}'.",
        )
    return value


def _single(query: Query, name: str) -> str | None:
    values = query.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise EngineError(
            400, "invalid_parameter", f"The parameter {name} is given {len(values)} times."
        )
    return values[0]
