"""The record of one request and its outcome, as plain immutable data.

An Exchange is what every client call returns, whatever happened: the request as it was
sent, the response if a complete one arrived, and the outcome. It crosses threads freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from session_inspector.api.errors import TransportError
from session_inspector.api.models import SessionInfo

Headers = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SentRequest:
    """The request exactly as sent, secrets included; render it through `redact`."""

    method: str
    url: str
    headers: Headers
    body: bytes
    sensitive_headers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ReceivedResponse:
    """A complete HTTP response."""

    status: int
    reason: str
    http_version: str
    headers: Headers
    body: bytes
    elapsed_ms: float

    @property
    def size(self) -> int:
        """Size of the body in bytes."""
        return len(self.body)

    def header(self, name: str) -> str | None:
        """Return the first value of a header, matched case-insensitively."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


@dataclass(frozen=True)
class Success:
    """The server returned a SessionInfo."""

    info: SessionInfo


@dataclass(frozen=True)
class ApiError:
    """The server returned an error, with an HTTP error status or inside an HTTP 200."""

    status: int
    code: str | None
    description: str


@dataclass(frozen=True)
class InvalidResponse:
    """A complete response that is neither a SessionInfo nor a recognisable error."""

    status: int
    problem: str


@dataclass(frozen=True)
class TransportFailure:
    """No complete response arrived."""

    error: TransportError


Outcome = Success | ApiError | InvalidResponse | TransportFailure


@dataclass(frozen=True)
class Exchange:
    """One request, its response (None when none arrived) and its outcome."""

    request: SentRequest
    response: ReceivedResponse | None
    outcome: Outcome
    warnings: tuple[str, ...] = field(default=())

    @property
    def info(self) -> SessionInfo | None:
        """The returned SessionInfo, or None when the outcome is not a success."""
        return self.outcome.info if isinstance(self.outcome, Success) else None

    @property
    def elapsed_ms(self) -> float | None:
        """Time from sending to the end of the response body, when one arrived."""
        return self.response.elapsed_ms if self.response else None
