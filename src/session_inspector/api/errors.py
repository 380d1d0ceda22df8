"""Errors of the client, each with one sentence for the user.

InvalidInput            rejected before anything was sent (exit code 2 on the CLI)
TransportError          no complete response arrived (exit code 3 on the CLI)
 ├── ConnectionRefused  nothing listens on that host and port
 ├── NameNotResolved    DNS has no address for the host
 ├── RequestTimedOut    connect, write or read took longer than the timeout
 ├── TlsFailure         the TLS handshake or certificate check failed
 ├── ProxyFailure       the HTTP proxy refused or failed the request
 ├── ConnectionClosed   the server closed the connection before the response ended
 ├── InvalidUrl         httpx cannot send to that URL
 └── NetworkFailure     any other network error
"""

from __future__ import annotations


class InvalidInput(ValueError):
    """A value that the client will not send; the message names it and the fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransportError(Exception):
    """No complete HTTP response arrived; `message` is one sentence for the user."""

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class ConnectionRefused(TransportError):
    pass


class NameNotResolved(TransportError):
    pass


class RequestTimedOut(TransportError):
    pass


class TlsFailure(TransportError):
    pass


class ProxyFailure(TransportError):
    pass


class ConnectionClosed(TransportError):
    pass


class InvalidUrl(TransportError):
    pass


class NetworkFailure(TransportError):
    pass
