"""A profile and its secrets as the client's Target, and the headers that reach the wire."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from session_inspector.api import SessionClient, render_curl
from session_inspector.api.render import format_exchange
from session_inspector.profiles.connect import (
    auth_headers,
    build_target,
    connection_warnings,
    key_needs_passphrase,
    required_secrets,
)
from session_inspector.profiles.errors import MissingSecret
from session_inspector.profiles.model import (
    AuthKind,
    Profile,
    SecretKind,
    local_engine_profile,
    new_profile_id,
)
from tests.profiles.secret_values import HEADER_VALUE, PASSPHRASE, PASSWORD, TOKEN, USER

BASE_URL = "https://kc.example.org/knowmgt/gks-server/v1"


def _server(**settings: object) -> Profile:
    return Profile(new_profile_id(), "Staging", base_url=BASE_URL, **settings)  # type: ignore[arg-type]


def _basic() -> Profile:
    return _server(auth=AuthKind.BASIC, user=USER)


def _write_key(path: Path, passphrase: str | None) -> Path:
    encryption: serialization.KeySerializationEncryption = serialization.NoEncryption()
    if passphrase is not None:
        encryption = serialization.BestAvailableEncryption(passphrase.encode())
    key = ec.generate_private_key(ec.SECP256R1())
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    )
    return path


@pytest.mark.parametrize(
    ("profile", "secret", "expected"),
    [
        (
            _basic(),
            PASSWORD,
            {"Authorization": "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()},
        ),
        (_server(auth=AuthKind.BEARER), TOKEN, {"Authorization": f"Bearer {TOKEN}"}),
        (
            _server(auth=AuthKind.HEADER, header_name="X-API-Key"),
            HEADER_VALUE,
            {"X-API-Key": HEADER_VALUE},
        ),
        (_server(), None, {}),
    ],
    ids=["basic", "bearer", "header", "none"],
)
def test_auth_headers(profile: Profile, secret: str | None, expected: dict[str, str]) -> None:
    assert auth_headers(profile, secret) == expected


def test_basic_encodes_utf8() -> None:
    profile = _server(auth=AuthKind.BASIC, user="zoë")

    header = auth_headers(profile, "pässword")["Authorization"]

    assert base64.b64decode(header.removeprefix("Basic ")) == "zoë:pässword".encode()


def test_target_has_every_setting(tmp_path: Path) -> None:
    profile = _server(
        auth=AuthKind.BEARER,
        timeout=3.0,
        ca_bundle="/etc/ssl/kc-ca.pem",
        client_cert="/certs/client.pem",
        client_key=str(_write_key(tmp_path / "client.key", PASSPHRASE)),
        proxy="http://proxy.example.org:3128",
    )
    secrets = {SecretKind.TOKEN: TOKEN, SecretKind.KEY_PASSPHRASE: PASSPHRASE}

    target = build_target(profile, secrets)

    assert target.base_url == BASE_URL
    assert target.timeout == 3.0
    assert target.verify == "/etc/ssl/kc-ca.pem"
    assert target.client_cert == "/certs/client.pem"
    assert target.client_key == profile.client_key
    assert target.client_key_password == PASSPHRASE
    assert target.proxy == "http://proxy.example.org:3128"
    assert target.auth_headers == {"Authorization": f"Bearer {TOKEN}"}
    assert TOKEN not in repr(target)
    assert PASSPHRASE not in repr(target)


def test_verification_defaults_to_trust_store() -> None:
    assert build_target(_server(), {}).verify is True
    assert build_target(_server(verify_tls=False), {}).verify is False


def test_missing_secret_is_named() -> None:
    with pytest.raises(MissingSecret, match="The Basic password of the profile 'Staging'"):
        build_target(_basic(), {SecretKind.PASSWORD: None})


def test_local_engine_has_no_target() -> None:
    with pytest.raises(ValueError, match="no base URL"):
        build_target(local_engine_profile(), {})


def test_encrypted_key_needs_passphrase(tmp_path: Path) -> None:
    encrypted = _write_key(tmp_path / "encrypted.key", PASSPHRASE)
    plain = _write_key(tmp_path / "plain.key", None)

    assert key_needs_passphrase(str(encrypted))
    assert not key_needs_passphrase(str(plain))
    assert not key_needs_passphrase(str(tmp_path / "missing.key"))


def test_required_secrets_in_order(tmp_path: Path) -> None:
    key = _write_key(tmp_path / "client.key", PASSPHRASE)
    profile = _server(
        auth=AuthKind.HEADER, header_name="X-Key", client_cert="/c.pem", client_key=str(key)
    )

    assert required_secrets(profile) == (SecretKind.HEADER_VALUE, SecretKind.KEY_PASSPHRASE)
    assert required_secrets(_server()) == ()


def test_warnings_for_insecure_and_production() -> None:
    warnings = connection_warnings(_server(verify_tls=False, production=True))

    assert len(warnings) == 2
    assert "TLS certificate verification is off for the profile 'Staging'" in warnings[0]
    assert "marked as production" in warnings[1]
    assert connection_warnings(_server()) == []


@pytest.mark.anyio
async def test_headers_reach_wire_and_stay_redacted() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"response": {"sessionId": "abc"}})

    profile = _server(auth=AuthKind.HEADER, header_name="X-API-Key")
    target = build_target(profile, {SecretKind.HEADER_VALUE: HEADER_VALUE})
    async with SessionClient(target, transport=httpx.MockTransport(answer)) as client:
        exchange = await client.get("abc")

    assert seen[0].headers["X-API-Key"] == HEADER_VALUE
    assert HEADER_VALUE not in render_curl(exchange.request)
    assert HEADER_VALUE not in format_exchange(exchange)
    assert "X-API-Key: <redacted>" in format_exchange(exchange)
