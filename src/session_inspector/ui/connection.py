"""The client of one profile, with the embedded engine behind the Local engine profile."""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path

from session_inspector.api import SessionClient
from session_inspector.api.messages import describe_outcome
from session_inspector.api.models import Identity
from session_inspector.embedded import EmbeddedEngine
from session_inspector.engine.modes import ReleaseMode
from session_inspector.profiles.connect import build_target
from session_inspector.profiles.model import Profile, SecretKind

Secrets = Mapping[SecretKind, str | None]


class Connection:
    """A SessionClient for a profile; for the Local engine it also owns the engine's store.

    Raises InvalidInput (MissingSecret among them) when the profile cannot be used as it
    is: a secret missing, a TLS file that cannot be loaded, a database that cannot open.
    """

    def __init__(self, profile: Profile, secrets: Secrets, database: str | Path | None) -> None:
        self.profile = profile
        self.engine: EmbeddedEngine | None = None
        if profile.is_local:
            self.engine = EmbeddedEngine(database, ReleaseMode(profile.mode))
            self.client = self.engine.client(profile.timeout)
        else:
            self.client = SessionClient(build_target(profile, secrets))

    async def aclose(self) -> None:
        """Close the client's connections; call `close_engine` afterwards."""
        await self.client.aclose()

    def close_engine(self) -> None:
        """Close the embedded engine's store, if this connection has one."""
        if self.engine is not None:
            self.engine.close()


async def test_connection(profile: Profile, secrets: Secrets, database: str | Path | None) -> str:
    """Create a session with the profile's settings, read it back, and say how it went.

    Returns one sentence, for the profile dialog: what worked with the time it took, or
    the step that failed and why. Raises InvalidInput when the profile cannot be used.
    """
    connection = Connection(profile, secrets, database)
    started = time.perf_counter()
    try:
        identity = Identity(profile.agent_id, profile.customer_id)
        created = await connection.client.create(identity, tenant_id=profile.tenant_id)
        if created.info is None:
            return f"Create failed: {describe_outcome(created)}"

        session_id = created.info.session_id
        read = await connection.client.get(session_id, identity, profile.tenant_id)
        if read.info is None:
            return f"Created session {session_id}, but reading it back failed: " + (
                describe_outcome(read)
            )
    finally:
        await connection.aclose()
        connection.close_engine()

    elapsed_ms = (time.perf_counter() - started) * 1000
    return (
        f"Connection works: created session {session_id} and read it back in {elapsed_ms:.0f} ms."
    )
