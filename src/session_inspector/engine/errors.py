"""The error that the engine turns into an HTTP error response."""

from __future__ import annotations

from collections.abc import Mapping


class EngineError(Exception):
    """A request the engine rejects, with the HTTP status and the API's error code.

    The app sends it as `{"error": {"code": code, "description": description}}` with
    the extra response headers given (for example `Allow` on a 405).
    """

    def __init__(
        self,
        status: int,
        code: str,
        description: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.code = code
        self.description = description
        self.headers: Mapping[str, str] = headers or {}

    def __repr__(self) -> str:
        return f"EngineError({self.status}, {self.code!r}, {self.description!r})"
