"""Plain-text renderings of an exchange, HTTP-like, with credentials redacted."""

from __future__ import annotations

from session_inspector.api.exchange import Exchange, ReceivedResponse, SentRequest
from session_inspector.api.redact import redact_header_value, redact_url

_BODY_LIMIT = 4096


def format_request(request: SentRequest) -> str:
    """Return the request line, headers and body as sent, credentials redacted."""
    lines = [f"{request.method} {redact_url(request.url)}"]
    for name, value in request.headers:
        lines.append(f"{name}: {redact_header_value(name, value, request.sensitive_headers)}")
    if request.body:
        lines += ["", request.body.decode("utf-8", errors="replace")]
    return "\n".join(lines)


def format_status_line(response: ReceivedResponse) -> str:
    """Return the status line, for example `HTTP/1.1 200 OK`."""
    return f"{response.http_version} {response.status} {response.reason}".rstrip()


def format_response_head(response: ReceivedResponse) -> str:
    """Return the status line and the headers of a response."""
    lines = [format_status_line(response)]
    for name, value in response.headers:
        lines.append(f"{name}: {redact_header_value(name, value)}")
    return "\n".join(lines)


def format_exchange(exchange: Exchange) -> str:
    """Return the whole exchange with `>` before request lines and `<` before response lines.

    Bodies longer than 4 KiB are cut, with the number of bytes left out.
    """
    request = exchange.request
    lines = [f"> {line}" for line in format_request(_without_body(request)).splitlines()]
    lines += _body_lines(">", request.body)

    response = exchange.response
    if response is None:
        lines.append("< (no response)")
        return "\n".join(lines)

    lines += [f"< {line}" for line in format_response_head(response).splitlines()]
    lines += _body_lines("<", response.body)
    lines.append(f"* {response.elapsed_ms:.1f} ms, {response.size} bytes")
    return "\n".join(lines)


def _without_body(request: SentRequest) -> SentRequest:
    return SentRequest(request.method, request.url, request.headers, b"", request.sensitive_headers)


def _body_lines(marker: str, body: bytes) -> list[str]:
    if not body:
        return []
    text = body[:_BODY_LIMIT].decode("utf-8", errors="replace")
    lines = [marker, *(f"{marker} {line}" for line in text.splitlines())]
    if len(body) > _BODY_LIMIT:
        lines.append(f"{marker} ... ({len(body) - _BODY_LIMIT} more bytes)")
    return lines
