"""The release modes: which vendor release the engine behaves like."""

from __future__ import annotations

import enum


class ReleaseMode(enum.Enum):
    """A release of the vendor's Session Management API that the engine can imitate.

    The releases differ in two ways. "Current" requires a `tenantId` query parameter on
    every call and keeps tenants apart. A GET of an unknown id returns the error
    "Session not found" in 8.5.1, while 8.5.0 and "Current" create a session with that id.
    """

    V8_5_0 = "8.5.0"
    V8_5_1 = "8.5.1"
    CURRENT = "current"

    @classmethod
    def default(cls) -> ReleaseMode:
        """Return 8.5.1, where a GET of a mistyped id is an error instead of a new session."""
        return cls.V8_5_1

    @property
    def requires_tenant(self) -> bool:
        """Whether every call must carry a `tenantId` query parameter."""
        return self is ReleaseMode.CURRENT

    @property
    def creates_on_get(self) -> bool:
        """Whether a GET of an unknown session id creates the session."""
        return self is not ReleaseMode.V8_5_1
