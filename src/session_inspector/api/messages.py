"""One sentence per outcome, naming what failed and what to try."""

from session_inspector.api.exchange import (
    ApiError,
    Exchange,
    InvalidResponse,
    Success,
    TransportFailure,
)

_HINTS = {
    "session_not_found": (
        "check the session id; in release 8.5.1 a look-up does not create a session, "
        "so create it first or update it, which does"
    ),
    "invalid_session_id": "use 1 to 256 ASCII letters, digits or -._~:@",
    "missing_tenant": "set the tenant id, which release mode current requires",
    "invalid_tenant": "use 1 to 256 ASCII letters, digits or -._~:@ for the tenant id",
    "invalid_header": "remove control characters and keep the value under 1,024 characters",
    "unauthorized": "check the user name and password or the token of this profile",
    "misdirected_request": "use a host name that the engine allows (serve --allowed-host)",
    "origin_not_allowed": "allow the origin with serve --cors-origin",
}


def describe_outcome(exchange: Exchange) -> str:
    """Return one sentence for the user that describes the outcome of an exchange."""
    outcome = exchange.outcome
    if isinstance(outcome, Success):
        return f"Session {outcome.info.session_id} returned."
    if isinstance(outcome, TransportFailure):
        return outcome.error.message
    if isinstance(outcome, InvalidResponse):
        return outcome.problem
    return _describe_api_error(outcome)


def _describe_api_error(error: ApiError) -> str:
    where = f"HTTP {error.status}"
    if error.status < 400:
        where = f"an error inside an HTTP {error.status} response"
    code = f"{error.code}, " if error.code else ""
    sentence = f"The server returned {error.description.rstrip('.')} ({code}{where})"

    hint = _HINTS.get(error.code or "")
    if hint:
        return f"{sentence}: {hint}."
    return f"{sentence}."
