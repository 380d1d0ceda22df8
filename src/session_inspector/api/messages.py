"""One sentence per outcome, naming what failed and what to try."""

from urllib.parse import unquote, urlsplit

from session_inspector.api.exchange import (
    ApiError,
    Exchange,
    InvalidResponse,
    Success,
    TransportFailure,
)

# Hints by error code. The engine's descriptions of invalid input already say what to
# change, so those codes have none.
_HINTS = {
    "session_not_found": (
        "check the session id{quoted_id}; in release 8.5.1 a look-up does not create a "
        "session, so create it first or update it, which does"
    ),
    "unauthorized": "check the credentials, the user name and password or the token",
    "misdirected_request": "use a host name that the engine allows (serve --allowed-host)",
    "origin_not_allowed": "allow the origin with serve --cors-origin",
}

# Hints by HTTP status, for errors without a known code.
_STATUS_HINTS = {
    401: "the server or a proxy wants credentials; check the profile's authentication",
    403: "the server or a proxy refused access; check the credentials and the base URL",
    404: "check the base URL, which should end with the API root such as /gks-server/v1",
    405: "the server does not allow this method here; check the base URL",
    502: "a proxy could not reach the server behind it; check that server",
    503: "the server is unavailable; try again later or check the server",
    504: "a proxy timed out waiting for the server; check that server",
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
    return _describe_api_error(outcome, _session_id_in(exchange.request.url))


def _session_id_in(url: str) -> str | None:
    """Return the session id in a /sessions/{id} URL, decoded, or None for another URL."""
    path = urlsplit(url).path
    if "/sessions/" not in path:
        return None
    return unquote(path.rsplit("/sessions/", 1)[1]) or None


def _describe_api_error(error: ApiError, session_id: str | None) -> str:
    where = f"HTTP {error.status}"
    if error.status < 400:
        where = f"inside an HTTP {error.status} response"
    details = ", ".join(filter(None, [where, error.code]))
    text = error.description.rstrip(".")
    # A description made from the status line already names the status.
    sentence = text if text.startswith("HTTP ") else f"{text} ({details})"

    hint = _HINTS.get(error.code or "") or _STATUS_HINTS.get(error.status)
    if hint:
        hint = hint.format(quoted_id=f" {session_id!r}" if session_id else "")
        return f"{sentence}: {hint}."
    return f"{sentence}."
