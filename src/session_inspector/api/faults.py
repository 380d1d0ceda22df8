"""Map httpx's exceptions to the client's TransportError classes and their sentences."""

from __future__ import annotations

import socket
import ssl

import httpx

from session_inspector.api.errors import (
    ConnectionClosed,
    ConnectionRefused,
    InvalidUrl,
    NameNotResolved,
    NetworkFailure,
    ProxyFailure,
    RequestTimedOut,
    TlsFailure,
    TransportError,
)


def map_transport_error(error: Exception, url: httpx.URL, timeout: float) -> TransportError:
    """Return the TransportError that names what failed for this URL, and what to try."""
    where = _host_and_port(url)
    detail = str(error) or type(error).__name__

    if isinstance(error, httpx.TimeoutException):
        return _timed_out(error, where, timeout, detail)
    if isinstance(error, httpx.ProxyError):
        return ProxyFailure(
            f"The HTTP proxy failed the request to {where} ({detail}); check the proxy setting.",
            detail=detail,
        )
    if isinstance(error, httpx.ConnectError):
        return _connect_failed(error, where, detail)
    if isinstance(error, httpx.RemoteProtocolError):
        return ConnectionClosed(
            f"{where} closed the connection before the response was complete ({detail}); "
            "the server or a proxy in between may have failed, so check its log.",
            detail=detail,
        )
    if isinstance(error, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return InvalidUrl(
            f"Cannot send to {url} ({detail}); use a base URL such as "
            "http://host:port/gks-server/v1.",
            detail=detail,
        )
    return NetworkFailure(
        f"The request to {where} failed: {detail}; check the network and the base URL.",
        detail=detail,
    )


def _timed_out(
    error: httpx.TimeoutException, where: str, timeout: float, detail: str
) -> TransportError:
    phase = {
        httpx.ConnectTimeout: "connect to",
        httpx.ReadTimeout: "get a response from",
        httpx.WriteTimeout: "send the request to",
        httpx.PoolTimeout: "get a free connection to",
    }.get(type(error), "reach")
    return RequestTimedOut(
        f"Timed out after {timeout:g} s trying to {phase} {where}; the server may be "
        "hanging or slow, so check it or raise the timeout.",
        detail=detail,
    )


def _connect_failed(error: httpx.ConnectError, where: str, detail: str) -> TransportError:
    tls_error = _find_cause(error, ssl.SSLError)
    if isinstance(tls_error, ssl.SSLError):
        reason = getattr(tls_error, "verify_message", None) or tls_error.reason
        if reason == "WRONG_VERSION_NUMBER":
            return TlsFailure(
                f"The TLS connection to {where} failed: the server did not answer in TLS, "
                "so it may speak plain HTTP; try the base URL with http://.",
                detail=detail,
            )
        return TlsFailure(
            f"The TLS connection to {where} failed ({reason or detail}); check the "
            "server's certificate, or set a CA bundle for this server.",
            detail=detail,
        )
    if _find_cause(error, ConnectionRefusedError) or "refused" in detail.lower():
        return ConnectionRefused(
            f"Connection refused by {where}: no server is listening there; check the "
            "host and port of the base URL, or start the server.",
            detail=detail,
        )
    if _find_cause(error, socket.gaierror):
        return NameNotResolved(
            f"The host name of {where} could not be resolved; check the base URL's host name.",
            detail=detail,
        )
    return NetworkFailure(
        f"Could not connect to {where} ({detail}); check the base URL and the network.",
        detail=detail,
    )


def _find_cause(error: BaseException, wanted: type[BaseException]) -> BaseException | None:
    """Return the first exception of the wanted type in the chain of causes."""
    current: BaseException | None = error
    while current is not None:
        if isinstance(current, wanted):
            return current
        current = current.__cause__ or current.__context__
    return None


def _host_and_port(url: httpx.URL) -> str:
    port = url.port or {"http": 80, "https": 443}.get(url.scheme, 0)
    return f"{url.host} port {port}"
