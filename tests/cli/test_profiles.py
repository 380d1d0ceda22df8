"""`profiles` commands and `--profile` on a machine without a usable keyring."""

from __future__ import annotations

import getpass
import io
import json
import os
import sys
import tomllib
from pathlib import Path

import pytest

from session_inspector.cli import main
from tests.profiles.cli_runner import Cli
from tests.profiles.recording_server import recording_server
from tests.profiles.secret_values import (
    PASSWORD,
    TOKEN,
    USER,
    secret_forms,
)
from tests.support.fresh_python import run_python
from tests.support.served import served

pytestmark = pytest.mark.usefixtures("config_dir", "no_secret_leaks")

NO_KEYRING = "No usable keyring was found, so secrets are kept in memory for this run only"


class _Terminal(io.StringIO):
    """A stdin that claims to be a terminal, so that secrets are read at the prompt."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def profiles_file(config_dir: Path) -> Path:
    return config_dir / "session-inspector" / "profiles.toml"


def _tables(path: Path) -> list[dict[str, object]]:
    tables: list[dict[str, object]] = tomllib.loads(path.read_text(encoding="utf-8"))["profiles"]
    return tables


def test_list_shows_local_engine(cli: Cli, profiles_file: Path) -> None:
    code, out, err = cli("profiles", "list")

    assert code == 0
    assert out.splitlines()[0].split() == ["NAME", "MODE", "AUTH", "BASE", "URL"]
    assert "Local engine  8.5.1  none  (the engine inside this program)" in out
    assert err == ""
    assert not profiles_file.exists()


def test_add_then_list_and_show(cli: Cli, profiles_file: Path) -> None:
    code, out, err = cli(
        "profiles", "add", "Staging", "--base-url", "https://kc.example.org/gks-server/v1/",
        "--mode", "current", "--tenant-id", "t-1", "--agent-id", "agent-7", "--timeout", "2.5",
        "--production",
    )  # fmt: skip

    assert code == 0
    assert out == "Added the profile 'Staging'.\n"
    assert "warning: The profile 'Staging' is marked as production." in err
    assert _tables(profiles_file)[1]["base_url"] == "https://kc.example.org/gks-server/v1"

    _, listed, _ = cli("profiles", "list")
    assert (
        "Staging       current  none  https://kc.example.org/gks-server/v1  [production]" in listed
    )

    code, shown, _ = cli("profiles", "show", "STAGING")
    assert code == 0
    assert "tenant id:           t-1" in shown
    assert "default agent id:    agent-7" in shown
    assert "timeout:             2.5 s" in shown
    assert "TLS verification:    against the system trust store" in shown


def test_add_basic_without_keyring_keeps_no_secret(cli: Cli, profiles_file: Path) -> None:
    code, out, err = cli(
        "profiles", "add", "test", "--base-url", "http://h/v1", "--auth", "basic",
        "--user", USER, stdin=PASSWORD,
    )  # fmt: skip

    assert code == 0
    assert out == "Added the profile 'test'.\n"
    assert NO_KEYRING in err
    assert "The profile 'test' is saved without its Basic password" in err
    assert _tables(profiles_file)[1]["user"] == USER

    _, shown, show_err = cli("profiles", "show", "test")
    assert "Basic password:      not stored" in shown
    assert "auth:                Basic, user 'alice'" in shown
    assert NO_KEYRING in show_err


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ([], "The profile 'new' has no base URL"),
        (["--base-url", "kc.example.org/v1"], "'kc.example.org/v1' does not start with http"),
        (["--base-url", "http://h/v1", "--mode", "current"], "requires a tenant id"),
        (["--base-url", "http://h/v1", "--auth", "basic"], "Basic auth needs a user name"),
        (["--base-url", "http://h/v1", "--auth", "header", "--header-name", "a b"], "'a b'"),
        (["--base-url", "http://h/v1", "--ca-bundle", "/no/such/ca.pem"], "'/no/such/ca.pem'"),
        (["--base-url", "http://h/v1", "--insecure", "--ca-bundle", "/ca.pem"], "ignored"),
        (["--base-url", "http://h/v1", "--proxy", "proxy:3128"], "'proxy:3128'"),
    ],
)
def test_add_rejects_bad_values(
    cli: Cli, profiles_file: Path, options: list[str], named: str
) -> None:
    code, out, err = cli("profiles", "add", "new", *options)

    assert code == 2
    assert out == ""
    assert named in err
    assert not profiles_file.exists()


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--mode", "9.0"], "invalid choice: '9.0'"),
        (["--timeout", "0"], "'0' is not a positive number of seconds"),
        (["--timeout", "inf"], "'inf' is not a finite number of seconds"),
        (["--timeout", "soon"], "'soon' is not a number of seconds"),
        (["--auth", "digest"], "invalid choice: 'digest'"),
    ],
)
def test_add_rejects_bad_options(cli: Cli, options: list[str], named: str) -> None:
    code, _, err = cli("profiles", "add", "new", "--base-url", "http://h/v1", *options)

    assert code == 2
    assert named in err


def test_names_are_unique_ignoring_case(cli: Cli) -> None:
    cli("profiles", "add", "Staging", "--base-url", "http://h/v1")

    code, _, err = cli("profiles", "add", "staging", "--base-url", "http://h/v1")
    local_code, _, local_err = cli("profiles", "add", "LOCAL ENGINE", "--base-url", "http://h/v1")

    assert code == 2
    assert "A profile named 'Staging' already exists" in err
    assert local_code == 2
    assert "'Local engine' already exists" in local_err


def test_edit_changes_only_given_settings(cli: Cli, profiles_file: Path) -> None:
    cli("profiles", "add", "Staging", "--base-url", "http://h/v1", "--agent-id", "a-1",
        "--proxy", "http://proxy.example.org:3128")  # fmt: skip

    code, out, _ = cli("profiles", "edit", "staging", "--timeout", "4", "--proxy", "")

    assert code == 0
    assert out == "Saved the profile 'Staging'.\n"
    table = _tables(profiles_file)[1]
    assert table["timeout"] == 4.0
    assert table["agent_id"] == "a-1"
    assert "proxy" not in table


def test_rename_keeps_id(cli: Cli, profiles_file: Path) -> None:
    cli("profiles", "add", "Staging", "--base-url", "http://h/v1")
    profile_id = _tables(profiles_file)[1]["id"]

    code, out, _ = cli("profiles", "edit", "Staging", "--rename", "Production")

    assert code == 0
    assert out == "Saved the profile 'Production'.\n"
    assert _tables(profiles_file)[1]["id"] == profile_id
    assert _tables(profiles_file)[1]["name"] == "Production"


def test_rename_clash_exits_2(cli: Cli) -> None:
    cli("profiles", "add", "A", "--base-url", "http://h/v1")
    cli("profiles", "add", "B", "--base-url", "http://h/v1")

    code, _, err = cli("profiles", "edit", "A", "--rename", "b")

    assert code == 2
    assert "A profile named 'B' already exists" in err


def test_edit_switching_auth_drops_user(cli: Cli, profiles_file: Path) -> None:
    cli("profiles", "add", "A", "--base-url", "http://h/v1", "--auth", "basic", "--user", USER)

    code, _, err = cli("profiles", "edit", "A", "--auth", "bearer", stdin=TOKEN)

    assert code == 0
    assert "saved without its bearer token" in err
    assert _tables(profiles_file)[1]["auth"] == "bearer"
    assert "user" not in _tables(profiles_file)[1]


def test_local_engine_keeps_its_kind(cli: Cli, profiles_file: Path) -> None:
    code, _, err = cli("profiles", "edit", "Local engine", "--base-url", "http://h/v1")
    mode_code, _, _ = cli("profiles", "edit", "local engine", "--mode", "8.5.0")

    assert code == 2
    assert "runs the engine inside this program, so it takes no base URL" in err
    assert mode_code == 0
    assert _tables(profiles_file)[0]["mode"] == "8.5.0"


def test_ask_secret_needs_a_secret(cli: Cli) -> None:
    cli("profiles", "add", "A", "--base-url", "http://h/v1")

    code, _, err = cli("profiles", "edit", "A", "--ask-secret")

    assert code == 2
    assert "uses no secret" in err


@pytest.mark.parametrize("action", ["show", "edit", "remove"])
def test_unknown_profile_exits_2(cli: Cli, action: str) -> None:
    code, out, err = cli("profiles", action, "nope")

    assert code == 2
    assert out == ""
    assert "No profile is named 'nope'; the profiles are 'Local engine'." in err


def test_remove(cli: Cli, profiles_file: Path) -> None:
    cli("profiles", "add", "A", "--base-url", "http://h/v1")

    code, out, _ = cli("profiles", "remove", "a")
    local_code, _, local_err = cli("profiles", "remove", "Local engine")

    assert code == 0
    assert out == "Removed the profile 'A' and its stored secrets.\n"
    assert [table["name"] for table in _tables(profiles_file)] == ["Local engine"]
    assert local_code == 2
    assert "built in and cannot be removed" in local_err


def test_broken_file_is_reported_then_backed_up(cli: Cli, profiles_file: Path) -> None:
    profiles_file.parent.mkdir(parents=True)
    profiles_file.write_text("schema_version = 1\n[[profiles]]\nname = \n", encoding="utf-8")

    list_code, listed, list_err = cli("profiles", "list")
    add_code, _, add_err = cli("profiles", "add", "A", "--base-url", "http://h/v1")

    assert list_code == 0
    assert "Local engine" in listed
    assert f"{profiles_file}, line 3, column 8: the file is not valid TOML" in list_err
    assert "the next change of a profile moves the file aside to a backup first" in list_err
    assert add_code == 0
    backups = sorted(profiles_file.parent.glob("profiles.toml.broken-*"))
    assert len(backups) == 1
    assert f"The unreadable profiles file was moved to {backups[0]}." in add_err
    assert backups[0].read_text(encoding="utf-8").endswith("name = \n")


def test_profiles_file_option(cli: Cli, tmp_path: Path, profiles_file: Path) -> None:
    elsewhere = tmp_path / "elsewhere.toml"

    code, _, _ = cli("profiles", "add", "A", "--base-url", "http://h/v1",
                     "--profiles-file", str(elsewhere))  # fmt: skip

    assert code == 0
    assert elsewhere.exists()
    assert not profiles_file.exists()


def test_relative_paths_become_absolute(
    cli: Cli, profiles_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ca.pem").write_text("not checked here", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    code, _, _ = cli("profiles", "add", "A", "--base-url", "http://h/v1", "--ca-bundle", "ca.pem")

    assert code == 0
    assert _tables(profiles_file)[1]["ca_bundle"] == str(tmp_path / "ca.pem")


def test_profile_against_served_engine(cli: Cli) -> None:
    with served() as engine:
        cli("profiles", "add", "served", "--base-url", engine.base_url,
            "--agent-id", "agent-7", "--customer-id", "c-1")  # fmt: skip

        create_code, created, _ = cli("create", "--profile", "served")
        session_id = json.loads(created)["sessionId"]
        update_code, _, _ = cli("update", session_id, "--profile", "SERVED", "--customer-id", "c-2")
        get_code, got, err = cli("get", session_id, "--profile", "served", "--show-exchange")

    assert create_code == 0
    assert json.loads(created)["agentId"] == "agent-7"
    assert json.loads(created)["customerId"] == "c-1"
    assert update_code == 0
    assert get_code == 0
    assert json.loads(got)["customerId"] == "c-2"
    assert f"> GET {engine.base_url}/sessions/{session_id}" in err
    assert "> gkc_agentId: agent-7" in err


def test_profile_mode_and_tenant_reach_request(cli: Cli) -> None:
    with recording_server() as server:
        cli("profiles", "add", "t", "--base-url", server.base_url, "--mode", "current",
            "--tenant-id", "tenant-9")  # fmt: skip

        code, _, err = cli("get", "abc", "--profile", "t", "--show-exchange")

    assert code == 0
    assert f"> GET {server.base_url}/sessions/abc?tenantId=tenant-9" in err


def test_local_engine_profile_sets_mode(cli: Cli, tmp_path: Path) -> None:
    db = str(tmp_path / "engine.sqlite3")
    default_code, _, _ = cli("get", "fresh-id", "--profile", "Local engine", "--db", db)
    cli("profiles", "edit", "Local engine", "--mode", "8.5.0", "--agent-id", "demo")

    code, out, _ = cli("get", "fresh-id", "--profile", "local engine", "--db", db)

    assert default_code == 1  # 8.5.1 does not create a session on GET
    assert code == 0
    assert json.loads(out)["agentId"] == "demo"


def test_profile_with_base_url_is_usage_error(cli: Cli) -> None:
    code, _, err = cli("get", "x", "--profile", "Local engine", "--base-url", "http://h/v1")

    assert code == 2
    assert "argument --base-url: not allowed with argument --profile" in err


def test_server_profile_with_db_exits_2(cli: Cli) -> None:
    cli("profiles", "add", "A", "--base-url", "http://127.0.0.1:9/v1")

    code, _, err = cli("get", "x", "--profile", "A", "--db", "e.sqlite3")

    assert code == 2
    assert "--db applies to the embedded engine only" in err


def test_unknown_profile_for_request_exits_2(cli: Cli) -> None:
    code, out, err = cli("create", "--profile", "nope")

    assert code == 2
    assert out == ""
    assert "No profile is named 'nope'" in err


def test_insecure_profile_warns_on_use(cli: Cli) -> None:
    with recording_server() as server:
        cli("profiles", "add", "lab", "--base-url", server.base_url, "--insecure")

        code, _, err = cli("get", "abc", "--profile", "lab")

    assert code == 0
    assert "warning: TLS certificate verification is off for the profile 'lab'" in err


def test_secret_read_from_stdin(cli: Cli) -> None:
    cli("profiles", "add", "b", "--base-url", "http://h/v1", "--auth", "bearer")

    with recording_server() as server:
        cli("profiles", "edit", "b", "--base-url", server.base_url)
        code, _, err = cli("get", "abc", "--profile", "b", "--show-exchange", stdin=f"{TOKEN}\n")

    assert code == 0
    assert server.requests[0]["authorization"] == f"Bearer {TOKEN}"
    assert err.count(NO_KEYRING) == 1
    assert "> Authorization: Bearer <redacted>" in err


def test_secret_read_at_prompt(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return PASSWORD

    with recording_server() as server:
        cli("profiles", "add", "p", "--base-url", server.base_url, "--auth", "basic",
            "--user", USER)  # fmt: skip
        monkeypatch.setattr(getpass, "getpass", fake_getpass)
        monkeypatch.setattr(sys, "stdin", _Terminal())
        code = main(["get", "abc", "--profile", "p"])

    assert code == 0
    assert prompts == ["Basic password for the profile 'p': "]
    assert server.requests[0]["authorization"] == f"Basic {secret_forms()[-1]}"


def test_end_of_input_at_prompt_exits_2(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def end_of_input(prompt: str = "") -> str:
        raise EOFError

    cli("profiles", "add", "b", "--base-url", "http://127.0.0.1:9/v1", "--auth", "bearer")
    monkeypatch.setattr(getpass, "getpass", end_of_input)
    monkeypatch.setattr(sys, "stdin", _Terminal())

    code = main(["get", "abc", "--profile", "b"])

    assert code == 2
    assert "No bearer token for the profile 'b' was given at the prompt" in capsys.readouterr().err


def test_missing_secret_exits_2(cli: Cli) -> None:
    cli("profiles", "add", "b", "--base-url", "http://127.0.0.1:9/v1", "--auth", "bearer")

    code, out, err = cli("get", "abc", "--profile", "b")

    assert code == 2
    assert out == ""
    assert "No bearer token for the profile 'b' was given on stdin" in err


PROBE = """
import sys
from session_inspector.cli import main
path = sys.argv[1]
codes = [
    main(["profiles", "add", "A", "--base-url", "http://h/v1", "--profiles-file", path]),
    main(["profiles", "list", "--profiles-file", path]),
    main(["profiles", "show", "A", "--profiles-file", path]),
    main(["create", "--profile", "Local engine", "--db", ":memory:", "--profiles-file", path]),
]
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))
print(codes, loaded)
"""


def test_profile_commands_leave_qt_unloaded(tmp_path: Path) -> None:
    # The keyring library's own way to choose a backend: here, none that works.
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    output = run_python(PROBE, str(tmp_path / "profiles.toml"), env=environment)

    assert output.splitlines()[-1] == "[0, 0, 0, 0] []"
