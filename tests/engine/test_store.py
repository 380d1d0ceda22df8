"""SessionStore on SQLite: operations, listing, timestamps, schema and threads."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from session_inspector.api.models import Identity, SessionFields
from session_inspector.engine import schema
from session_inspector.engine.schema import SchemaError
from session_inspector.engine.store import SessionStore, default_database_path, utc_timestamp


@pytest.fixture
def store() -> Iterator[SessionStore]:
    with SessionStore(":memory:") as opened:
        yield opened


def test_create_stores_values(store: SessionStore) -> None:
    created = store.create(Identity("agent", "customer"), SessionFields("visit", "global"))

    assert store.get(created.session_id) == created
    assert created.agent_id == "agent"
    assert created.customer_id == "customer"
    assert created.visit_id == "visit"
    assert created.global_visit_id == "global"
    assert created.tenant_id is None


def test_create_treats_empty_as_not_given(store: SessionStore) -> None:
    created = store.create(Identity("", ""), SessionFields("", None))

    assert created.agent_id is None
    assert created.customer_id is None
    assert created.visit_id is None


def test_get_unknown_returns_none(store: SessionStore) -> None:
    assert store.get("unknown") is None
    assert store.count() == 0


def test_get_or_create_inserts_once(store: SessionStore) -> None:
    first = store.get_or_create("s1", Identity("agent-a"))
    second = store.get_or_create("s1", Identity("agent-b", "customer-b"))

    assert second == first
    assert first.agent_id == "agent-a"
    assert first.customer_id is None
    assert store.count() == 1


def test_update_or_create_merges_fields(store: SessionStore) -> None:
    store.update_or_create("s1", Identity("agent"), SessionFields("visit"))

    updated = store.update_or_create("s1", Identity(customer_id="customer"))

    assert updated.agent_id == "agent"
    assert updated.customer_id == "customer"
    assert updated.visit_id == "visit"
    assert store.get("s1") == updated


def test_tenants_are_separate(store: SessionStore) -> None:
    store.update_or_create("s1", Identity("agent-a"), tenant_id="a")
    store.update_or_create("s1", Identity("agent-b"), tenant_id="b")

    first = store.get("s1", "a")
    assert first is not None
    assert first.agent_id == "agent-a"
    assert first.tenant_id == "a"
    assert store.get("s1") is None
    assert store.count() == 2


def test_timestamp_format() -> None:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", utc_timestamp())


def test_list_pages_newest_first(store: SessionStore) -> None:
    ids = [store.create().session_id for _ in range(5)]

    first = store.list_sessions(limit=2)
    second = store.list_sessions(limit=2, after=first.next_after)
    third = store.list_sessions(limit=2, after=second.next_after)

    pages = (first, second, third)
    assert [info.session_id for page in pages for info in page.sessions] == ids[::-1]
    assert third.next_after is None
    assert first.total == 5


def test_list_query_ignores_ascii_case(store: SessionStore) -> None:
    store.create(Identity(customer_id="Ann@Example.org"))
    store.create(Identity(customer_id="bob@example.org"))

    page = store.list_sessions(query="ann@example")

    assert [info.customer_id for info in page.sessions] == ["Ann@Example.org"]
    assert page.total == 1


@pytest.mark.parametrize("query", ["%", "_", "\\", "a%b", "a_b"])
def test_list_query_escapes_like_wildcards(store: SessionStore, query: str) -> None:
    store.create(fields=SessionFields(visit_id="plain"))
    store.create(fields=SessionFields(visit_id="axb"))
    store.create(fields=SessionFields(visit_id=f"[{query}]"))

    page = store.list_sessions(query=query)

    assert [info.visit_id for info in page.sessions] == [f"[{query}]"]


@pytest.mark.parametrize("limit", [0, 501])
def test_list_rejects_limit_out_of_range(store: SessionStore, limit: int) -> None:
    with pytest.raises(ValueError, match="limit"):
        store.list_sessions(limit=limit)


def test_file_store_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "engine.sqlite3"
    with SessionStore(path) as store:
        created = store.create(Identity("agent"))

    with SessionStore(path) as reopened:
        assert reopened.get(created.session_id) == created
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    connection.close()


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads Linux's /proc/self/maps")
def test_file_store_maps_database(tmp_path: Path) -> None:
    path = tmp_path / "engine.sqlite3"
    with SessionStore(path) as store:
        created = store.create()

    # SQLite maps the database file, which now contains the session, and not the WAL.
    with SessionStore(path) as reopened:
        assert reopened.get(created.session_id) == created
        mapped = Path("/proc/self/maps").read_text()

    assert f" {path.resolve()}\n" in mapped


def test_newer_schema_rejected(tmp_path: Path) -> None:
    path = tmp_path / "engine.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    connection.close()

    with pytest.raises(SchemaError, match="newer Session Inspector"):
        SessionStore(path)


def test_default_database_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))

    path = default_database_path()

    assert path == tmp_path / "session-inspector" / "engine.sqlite3"
    assert path.parent.is_dir()


def test_threads_share_one_store(tmp_path: Path) -> None:
    with SessionStore(tmp_path / "engine.sqlite3") as store:
        created: list[str] = []
        lock = threading.Lock()

        def work(index: int) -> None:
            for number in range(50):
                info = store.create(Identity(f"agent-{index}"))
                store.update_or_create(
                    "shared", fields=SessionFields(visit_id=f"v-{index}-{number}")
                )
                with lock:
                    created.append(info.session_id)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert len(set(created)) == 400
        assert store.count() == 401
