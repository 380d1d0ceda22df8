"""Field checks: None for a good value, else one sentence naming the value and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from session_inspector.profiles import checks
from session_inspector.profiles.model import (
    AuthKind,
    Profile,
    SecretKind,
    local_engine_profile,
    new_profile_id,
)
from tests.profiles.secret_values import PASSWORD, TOKEN


def _server(**settings: object) -> Profile:
    values: dict[str, object] = {"base_url": "https://kc.example.org/gks-server/v1"}
    values.update(settings)
    return Profile(new_profile_id(), "Staging", **values)  # type: ignore[arg-type]


def test_name_clash_ignores_case() -> None:
    existing = [local_engine_profile(), _server()]

    problem = checks.check_name("STAGING", existing)

    assert problem is not None
    assert "'Staging' already exists" in problem


def test_name_may_keep_its_own_name() -> None:
    staging = _server()

    assert checks.check_name("staging", [staging], own_id=staging.id) is None


@pytest.mark.parametrize(
    ("name", "named"),
    [("", "empty"), ("  ", "empty"), (" x", "starts or ends with a space"), ("a\tb", "control")],
)
def test_bad_names(name: str, named: str) -> None:
    problem = checks.check_name(name)

    assert problem is not None
    assert named in problem


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("kc.example.org/v1", "does not start with http"),
        ("https:///v1", "no host name"),
        ("https://kc.example.org/v1?x=1", "query or fragment"),
        ("https://kc.example.org:99999/v1", "invalid port"),
    ],
)
def test_bad_base_urls(url: str, named: str) -> None:
    problem = checks.check_base_url(url)

    assert problem is not None
    assert named in problem
    assert repr(url) in problem


def test_base_url_with_password_is_not_quoted() -> None:
    problem = checks.check_base_url(f"https://alice:{PASSWORD}@kc.example.org/v1")

    assert problem is not None
    assert PASSWORD not in problem
    assert "Basic auth" in problem


def test_good_base_url_passes() -> None:
    assert checks.check_base_url("http://127.0.0.1:7400/knowmgt/gks-server/v1") is None


def test_current_mode_needs_tenant() -> None:
    assert checks.check_tenant_id(None, "current") is not None
    assert checks.check_tenant_id("t-1", "current") is None
    assert checks.check_tenant_id(None, "8.5.1") is None


@pytest.mark.parametrize("seconds", [0.0, -1.0, float("inf"), float("nan")])
def test_bad_timeouts(seconds: float) -> None:
    problem = checks.check_timeout(seconds)

    assert problem is not None
    assert "positive number of seconds" in problem


def test_unknown_mode() -> None:
    problem = checks.check_mode("9.0")

    assert problem is not None
    assert "'9.0'" in problem
    assert "8.5.0, 8.5.1, current" in problem


def test_basic_user_rejects_colon() -> None:
    problem = checks.check_user("ali:ce")

    assert problem is not None
    assert "colon" in problem


@pytest.mark.parametrize(
    ("name", "named"),
    [
        (None, "needs a header name"),
        ("X API Key", "cannot have"),
        ("gkc_agentId", "set by the program"),
        ("Content-Type", "set by the program"),
    ],
)
def test_bad_header_names(name: str | None, named: str) -> None:
    problem = checks.check_header_name(name)

    assert problem is not None
    assert named in problem


def test_proxy_password_is_rejected_unquoted() -> None:
    problem = checks.check_proxy(f"http://bob:{PASSWORD}@proxy.example.org:3128")

    assert problem is not None
    assert PASSWORD not in problem


def test_secret_problems_never_quote_it() -> None:
    spaced = checks.check_secret(SecretKind.TOKEN, f" {TOKEN}")
    broken = checks.check_secret(SecretKind.HEADER_VALUE, f"{TOKEN}\n")
    empty = checks.check_secret(SecretKind.PASSWORD, "")

    assert spaced is not None
    assert broken is not None
    assert empty is not None
    assert TOKEN not in spaced + broken
    assert f"position {len(TOKEN) + 1}" in broken
    assert "Basic password is empty" in empty


def test_missing_files_are_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.pem"

    problem = checks.check_ca_bundle(str(missing))

    assert problem is not None
    assert str(missing) in problem
    assert checks.check_ca_bundle(None) is None


def test_profile_collects_every_problem() -> None:
    profile = _server(
        base_url="ftp://x",
        mode="current",
        auth=AuthKind.BASIC,
        verify_tls=False,
        ca_bundle="/etc/ssl/ca.pem",
        client_key="/k.pem",
    )

    fields = {problem.field for problem in checks.check_profile(profile, check_files=False)}

    assert fields == {"base_url", "tenant_id", "user", "ca_bundle", "client_key"}


def test_local_engine_takes_no_connection_settings() -> None:
    local = local_engine_profile()
    changed = Profile(local.id, local.name, base_url="http://h/v1", auth=AuthKind.BEARER)

    fields = {problem.field for problem in checks.check_profile(changed)}

    assert checks.check_profile(local) == []
    assert fields == {"base_url", "auth"}


def test_settings_of_another_auth_kind() -> None:
    profile = _server(auth=AuthKind.BEARER, user="alice", header_name="X-Key")

    fields = {problem.field for problem in checks.check_profile(profile)}

    assert fields == {"user", "header_name"}
