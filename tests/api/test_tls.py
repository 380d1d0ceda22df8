"""TLS against a local server whose certificate comes from a test CA."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from session_inspector.api import SessionClient, Target, TransportFailure, describe_outcome
from session_inspector.api.errors import TlsFailure
from session_inspector.profiles.connect import build_target
from session_inspector.profiles.model import Profile, new_profile_id
from tests.support.tls_server import TlsServer, tls_server

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsServer]:
    with tls_server(tmp_path_factory.mktemp("tls")) as running:
        yield running


async def test_unknown_ca_fails_clearly(server: TlsServer) -> None:
    async with SessionClient(Target(server.base_url)) as client:
        exchange = await client.get("abc")

    assert isinstance(exchange.outcome, TransportFailure)
    assert isinstance(exchange.outcome.error, TlsFailure)
    message = describe_outcome(exchange)
    assert "TLS connection to 127.0.0.1 port" in message
    assert "certificate" in message
    assert "CA bundle" in message


async def test_ca_bundle_makes_it_work(server: TlsServer) -> None:
    target = Target(server.base_url, verify=str(server.ca_bundle))

    async with SessionClient(target) as client:
        exchange = await client.get("abc")

    assert exchange.info is not None
    assert exchange.info.session_id == "abc"


async def test_verification_off_works(server: TlsServer) -> None:
    async with SessionClient(Target(server.base_url, verify=False)) as client:
        exchange = await client.get("abc")

    assert exchange.info is not None


async def test_profile_with_ca_bundle(server: TlsServer) -> None:
    profile = Profile(
        new_profile_id(), "TLS", base_url=server.base_url, ca_bundle=str(server.ca_bundle)
    )

    async with SessionClient(build_target(profile, {})) as client:
        exchange = await client.create()

    assert exchange.info is not None
    assert exchange.info.session_id == "new"


def test_missing_ca_file_names_it(tmp_path: Path) -> None:
    from session_inspector.api import InvalidInput

    missing = tmp_path / "nowhere.pem"

    with pytest.raises(InvalidInput) as raised:
        SessionClient(Target("https://127.0.0.1:1/gks-server/v1", verify=str(missing)))

    assert str(missing) in raised.value.message
    assert "CA bundle" in raised.value.message


async def test_https_to_plain_http_suggests_http() -> None:
    from tests.support.served import served

    # The engine answers the TLS handshake's first bytes with a plain HTTP 400.
    with served() as engine:
        https_url = engine.base_url.replace("http://", "https://")
        async with SessionClient(Target(https_url, timeout=5)) as client:
            exchange = await client.get("abc")

    assert isinstance(exchange.outcome, TransportFailure)
    assert isinstance(exchange.outcome.error, TlsFailure)
    assert "try the base URL with http://" in describe_outcome(exchange)
