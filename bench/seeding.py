"""Stored data for the benchmarks: sessions with reproducible ids, for each server's own store."""

import json
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

# The number of ids that the GET load picks from at random. Every wrk thread reads the
# whole list, so it is capped, but it is large enough that a 1,000,000-session store is
# read from many pages and not from a few cached ones.
ID_SAMPLE_SIZE = 100_000

_SEED = 20_260_101
_START = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Session:
    """One stored session, with every optional field set, as a busy deployment has it."""

    session_id: str
    agent_id: str
    customer_id: str
    visit_id: str
    global_visit_id: str
    created_at: str

    def to_json(self) -> dict[str, str]:
        """Return the session as the engine's SessionInfo fields, with ``id`` for json-server."""
        return {
            "id": self.session_id,
            "agentId": self.agent_id,
            "customerId": self.customer_id,
            "visitId": self.visit_id,
            "globalVisitId": self.global_visit_id,
            "createdAt": self.created_at,
            "updatedAt": self.created_at,
        }


def generate_sessions(count: int) -> Iterator[Session]:
    """Yield ``count`` sessions with UUID4 ids; the same count always yields the same sessions."""
    rng = random.Random(_SEED)
    for index in range(count):
        created = _START + timedelta(milliseconds=index)
        yield Session(
            session_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            agent_id=f"agent-{index % 500}",
            customer_id=f"customer{index}@example.com",
            visit_id=f"visit-{index}",
            global_visit_id=f"global-visit-{index}",
            created_at=created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        )


def write_id_sample(ids: list[str], path: Path) -> None:
    """Write up to ``ID_SAMPLE_SIZE`` of ``ids``, picked at random, one a line, for get.lua."""
    sample = ids if len(ids) <= ID_SAMPLE_SIZE else random.Random(_SEED).sample(ids, ID_SAMPLE_SIZE)
    path.write_text("".join(f"{session_id}\n" for session_id in sample))


def write_json_server_db(path: Path, count: int) -> list[str]:
    """Write json-server's ``db.json`` with ``count`` sessions and return their ids."""
    records = [session.to_json() for session in generate_sessions(count)]
    path.write_text(json.dumps({"sessions": records}, indent=2))
    return [record["id"] for record in records]
