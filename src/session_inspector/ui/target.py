"""What a window talks to: the built-in Local engine, or one unsaved remote target."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MODE = "8.5.1"
DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class TargetChoice:
    """A target as the profile picker shows it; `base_url` None is the local engine."""

    name: str
    base_url: str | None = None
    mode: str = DEFAULT_MODE
    timeout: float = DEFAULT_TIMEOUT
    agent_id: str = ""
    customer_id: str = ""

    @property
    def is_local(self) -> bool:
        """Tell whether this is the engine inside the program."""
        return self.base_url is None

    @property
    def tenant_required(self) -> bool:
        """Tell whether requests need a tenant id (release mode current)."""
        return self.mode == "current"


LOCAL_ENGINE = TargetChoice("Local engine")
