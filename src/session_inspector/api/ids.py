"""The client's side of session ids: one path segment, exactly as typed."""

from urllib.parse import quote

from session_inspector.api.errors import InvalidInput

# RFC 3986 unreserved characters plus ":" and "@", which a path segment may carry as is.
_SEGMENT_SAFE = ":@"


def encode_session_id(session_id: str) -> str:
    """Percent-encode a session id as one path segment.

    Every character outside ASCII letters, digits and `-._~:@` is encoded as UTF-8, so
    `/`, `%`, `?`, `#`, spaces and non-ASCII reach the server as typed. An id of exactly
    `.` or `..` is encoded too, since HTTP libraries drop such dot segments from paths.
    Raises InvalidInput for an empty id, which no path segment can carry, and for `new`,
    whose path is the create call's.
    """
    if session_id == "":
        raise InvalidInput("The session id is empty; give the id of a session.")
    if session_id == "new":
        raise InvalidInput(
            "The session id 'new' cannot be sent: /sessions/new is the path that creates "
            "sessions, so give the id of an existing session."
        )
    if session_id in (".", ".."):
        return "%2E" * len(session_id)
    return quote(session_id, safe=_SEGMENT_SAFE)
