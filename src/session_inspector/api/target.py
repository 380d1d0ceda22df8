"""The client's connection settings: base URL, timeout, TLS, proxy and credentials."""

from __future__ import annotations

import logging
import ssl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
import truststore

from session_inspector import __version__
from session_inspector.api.errors import InvalidInput

DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class Target:
    """A server to talk to.

    `base_url` is the API root including any proxy prefix, for example
    `https://kc.example.org/knowmgt/gks-server/v1`. `verify` is True for the system trust
    store, a path for a CA bundle, or False to turn verification off. `auth_headers`
    are sent with every request and are always redacted when shown.
    """

    base_url: str
    timeout: float = DEFAULT_TIMEOUT
    verify: bool | str = True
    client_cert: str | None = None
    client_key: str | None = None
    client_key_password: str | None = field(default=None, repr=False)
    proxy: str | None = None
    auth_headers: Mapping[str, str] = field(default_factory=dict, repr=False)


def validate_base_url(url: str) -> str:
    """Return the base URL without a trailing slash, or raise InvalidInput naming the fix."""
    example = "use a URL such as http://127.0.0.1:8080/gks-server/v1"
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:  # an unclosed "[" of an IPv6 address
        raise InvalidInput(f"The base URL {url!r} has an invalid host; {example}.") from None
    if parts.scheme not in ("http", "https"):
        raise InvalidInput(
            f"The base URL {url!r} does not start with http:// or https://; {example}."
        )
    if not parts.hostname:
        raise InvalidInput(f"The base URL {url!r} has no host name; {example}.")
    if parts.query or parts.fragment:
        raise InvalidInput(f"The base URL {url!r} has a query or fragment; {example}.")
    try:
        _ = parts.port
    except ValueError:
        raise InvalidInput(f"The base URL {url!r} has an invalid port; {example}.") from None
    return text.rstrip("/")


def validate_timeout(seconds: float) -> float:
    """Return the timeout, or raise InvalidInput unless it is a positive number of seconds."""
    if not seconds > 0 or seconds == float("inf"):
        raise InvalidInput(f"The timeout {seconds!r} is not a positive number of seconds.")
    return seconds


def make_http_client(
    target: Target, *, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """Create the one kind of httpx client that every request of the program goes through.

    `transport` replaces the network, for example with `httpx.ASGITransport` for the
    embedded engine. Environment proxy variables are ignored: the target names its proxy.
    """
    # httpx logs every request's full URL at INFO; our client logs redacted lines instead.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)

    return httpx.AsyncClient(
        transport=transport,
        verify=_ssl_context(target) if transport is None else True,
        proxy=target.proxy or None,
        timeout=httpx.Timeout(validate_timeout(target.timeout)),
        headers={"User-Agent": f"session-inspector/{__version__}", "Accept": "application/json"},
        trust_env=False,
        follow_redirects=False,
    )


def _ssl_context(target: Target) -> ssl.SSLContext:
    if target.verify is False:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    elif target.verify is True:
        context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    else:
        with _tls_file_errors("CA bundle", target.verify):
            context = ssl.create_default_context(cafile=target.verify)

    if target.client_cert:
        with _tls_file_errors("client certificate or key", target.client_cert):
            context.load_cert_chain(
                target.client_cert, target.client_key or None, target.client_key_password
            )
    return context


@contextmanager
def _tls_file_errors(what: str, path: str) -> Iterator[None]:
    """Turn a file that cannot be loaded into an InvalidInput naming it."""
    try:
        yield
    except (OSError, ssl.SSLError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise InvalidInput(
            f"Cannot load the {what} {path!r} ({reason}); choose a readable PEM file."
        ) from error
