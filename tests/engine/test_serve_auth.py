"""`serve --require-auth`: where the credentials come from, usage errors, no leaks."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx
import pytest

from session_inspector.engine.credentials import CREDENTIALS_VARIABLE
from tests.support.served import ServedEngine, ServeFailed, served

pytestmark = pytest.mark.served

# Made-up test values.
BASIC_VALUE = "serve-test-user:made-up-pass-c51e"
BASIC_PASSWORD = "made-up-pass-c51e"
TOKEN = "made-up-serve-token-8d22"


@pytest.fixture(autouse=True)
def no_inherited_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    # serve inherits the tests' environment, which must not change a test's outcome.
    monkeypatch.delenv(CREDENTIALS_VARIABLE, raising=False)


def basic(text: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(text.encode()).decode()}


def statuses(engine: ServedEngine, headers: dict[str, str]) -> list[int]:
    with httpx.Client(base_url=engine.base_url, trust_env=False, headers=headers) as client:
        return [
            client.put("/sessions/new").status_code,
            client.get(engine.origin + "/_engine/health").status_code,
        ]


def failed_start(*arguments: str, env: dict[str, str] | None = None) -> str:
    """Run serve with arguments that it must reject with status 2, and return its stderr."""
    with pytest.raises(ServeFailed) as failure, served(*arguments, env=env):
        pass
    assert "exited with 2" in str(failure.value)
    return str(failure.value)


def test_basic_from_environment() -> None:
    with served("--require-auth", "basic", env={CREDENTIALS_VARIABLE: BASIC_VALUE}) as engine:
        without = statuses(engine, {})
        wrong = statuses(engine, basic("serve-test-user:guessed"))
        right = statuses(engine, basic(BASIC_VALUE))
        assert engine.stop() == 0

    assert without == [401, 401]
    assert wrong == [401, 401]
    assert right == [200, 200]
    output = engine.output.text()
    assert "database in memory, Basic authentication required)" in output
    for leak in [BASIC_PASSWORD, basic(BASIC_VALUE)["Authorization"], "guessed"]:
        assert leak not in output


def test_bearer_from_file(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text(TOKEN + "\n", encoding="utf-8")
    path.chmod(0o600)

    with served("--require-auth", "bearer", "--credentials-file", str(path)) as engine:
        without = statuses(engine, {})
        wrong = statuses(engine, {"Authorization": "Bearer made-up-guess"})
        right = statuses(engine, {"Authorization": f"Bearer {TOKEN}"})
        assert engine.stop() == 0

    assert without == [401, 401]
    assert wrong == [401, 401]
    assert right == [200, 200]
    output = engine.output.text()
    assert "Bearer authentication required" in output
    assert "WARNING" not in output
    assert TOKEN not in output
    assert "made-up-guess" not in output


def test_both_sources_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text(TOKEN, encoding="utf-8")

    stderr = failed_start(
        "--require-auth", "bearer", "--credentials-file", str(path),
        env={CREDENTIALS_VARIABLE: TOKEN},
    )  # fmt: skip

    assert "given twice" in stderr
    assert TOKEN not in stderr


def test_no_source_exit_2() -> None:
    stderr = failed_start("--require-auth", "basic")

    assert CREDENTIALS_VARIABLE in stderr
    assert "--credentials-file" in stderr


def test_unreadable_file_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "missing-credentials"

    stderr = failed_start("--require-auth", "basic", "--credentials-file", str(path))

    assert f"Cannot read the credentials file '{path}'" in stderr


def test_invalid_value_exit_2() -> None:
    stderr = failed_start(
        "--require-auth", "basic", env={CREDENTIALS_VARIABLE: "no-colon-made-up-secret"}
    )

    assert "has no colon" in stderr
    assert "no-colon-made-up-secret" not in stderr


def test_file_without_require_auth_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text(TOKEN, encoding="utf-8")

    stderr = failed_start("--credentials-file", str(path))

    assert "--credentials-file works only with --require-auth" in stderr
