"""A curl command line that repeats the request of an exchange."""

from __future__ import annotations

import shlex

from session_inspector.api.exchange import SentRequest
from session_inspector.api.redact import redact_header_value, redact_url

# httpx adds these itself; curl adds its own equivalents, so repeating them is noise.
_IMPLIED_HEADERS = frozenset({"host", "content-length", "accept-encoding", "connection"})


def render_curl(request: SentRequest, *, reveal_secrets: bool = False) -> str:
    """Render the request as a POSIX shell curl command.

    Credentials are replaced with a placeholder unless `reveal_secrets` is set. The body
    is passed with --data-binary so that it is sent byte for byte.
    """
    url = request.url if reveal_secrets else redact_url(request.url)
    parts = ["curl", "-X", request.method, shlex.quote(url)]

    for name, value in request.headers:
        if name.lower() in _IMPLIED_HEADERS:
            continue
        shown = value
        if not reveal_secrets:
            shown = redact_header_value(name, value, request.sensitive_headers)
        parts += ["-H", shlex.quote(f"{name}: {shown}")]

    if request.body:
        body = request.body.decode("utf-8", errors="replace")
        parts += ["--data-binary", shlex.quote(body)]
    return " \\\n  ".join(_group_options(parts))


def _group_options(parts: list[str]) -> list[str]:
    """Join each option with its value so that every line holds one option."""
    lines = [" ".join(parts[:4])]
    for index in range(4, len(parts), 2):
        lines.append(f"{parts[index]} {parts[index + 1]}")
    return lines
