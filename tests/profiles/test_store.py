"""The profiles file: round trip, atomic writes, and what happens to a broken file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from session_inspector.api.errors import InvalidInput
from session_inspector.profiles.collection import ProfileList
from session_inspector.profiles.errors import ProfileNotFound
from session_inspector.profiles.model import (
    LOCAL_ENGINE_ID,
    AuthKind,
    Profile,
    local_engine_profile,
    new_profile_id,
)
from session_inspector.profiles.store import ProfileStore, default_profiles_path


def _every_setting() -> Profile:
    return Profile(
        id=new_profile_id(),
        name="Zoë's staging",
        base_url="https://kc.example.org/knowmgt/gks-server/v1",
        mode="current",
        tenant_id="tenant-1",
        agent_id="agent-7",
        customer_id="Zoë",
        timeout=2.5,
        verify_tls=True,
        ca_bundle="/etc/ssl/kc-ca.pem",
        client_cert="/home/alice/client.pem",
        client_key="/home/alice/client.key",
        proxy="http://proxy.example.org:3128",
        production=True,
        auth=AuthKind.BASIC,
        user="alice",
    )


def _saved(path: Path, *profiles: Profile) -> ProfileList:
    listed = ProfileList()
    for profile in profiles:
        listed = listed.added(profile)
    ProfileStore(path).save(listed)
    return listed


@pytest.fixture
def path(config_dir: Path) -> Path:
    return config_dir / "session-inspector" / "profiles.toml"


def test_round_trip_keeps_every_field(path: Path) -> None:
    header = Profile(
        new_profile_id(),
        "Header",
        base_url="http://h/v1",
        auth=AuthKind.HEADER,
        header_name="X-API-Key",
        verify_tls=False,
    )
    saved = _saved(path, _every_setting(), header)

    store = ProfileStore(path)
    loaded = store.load()

    assert store.problem is None
    assert list(loaded) == list(saved)


def test_file_is_readable_toml(path: Path) -> None:
    profile = _every_setting()
    _saved(path, profile)

    document = tomllib.loads(path.read_text(encoding="utf-8"))

    assert document["schema_version"] == 1
    assert [table["name"] for table in document["profiles"]] == ["Local engine", profile.name]
    assert "tenant_id" in document["profiles"][1]
    assert "header_name" not in document["profiles"][1]


def test_default_path_is_user_config_dir(config_dir: Path) -> None:
    assert default_profiles_path() == config_dir / "session-inspector" / "profiles.toml"
    assert ProfileStore().path == default_profiles_path()


def test_missing_file_gives_local_engine(path: Path) -> None:
    store = ProfileStore(path)

    loaded = store.load()

    assert store.problem is None
    assert list(loaded) == [local_engine_profile()]
    assert not path.exists()


def test_save_leaves_no_temporary_file(path: Path) -> None:
    _saved(path, _every_setting())
    ProfileStore(path).save(ProfileStore(path).load())

    assert sorted(p.name for p in path.parent.iterdir()) == ["profiles.toml"]


def test_local_engine_settings_survive(path: Path) -> None:
    local = Profile(LOCAL_ENGINE_ID, "Demo engine", mode="8.5.0", agent_id="demo-agent")
    ProfileStore(path).save(ProfileList([local]))

    loaded = ProfileStore(path).load()

    assert loaded.local_engine == local


BROKEN_FILES = [
    pytest.param(
        'schema_version = 1\n\n[[profiles]]\nid = "x\nname = "A"\n',
        "line 4",
        "not valid TOML",
        id="bad TOML",
    ),
    pytest.param(
        "schema_version = 7\n",
        "line 1",
        "schema_version = 7 is not a version that this program reads",
        id="unknown schema version",
    ),
    pytest.param("[[profiles]]\nname = 'A'\n", "", "schema_version is missing", id="no schema"),
    pytest.param(
        "schema_version = 1\n\n[[profiles]]\n"
        f'id = "{new_profile_id()}"\nname = "Staging"\nbase_url = "http://h/v1"\n'
        'timeout = "ten"\n',
        "line 7",
        "the profile 'Staging' has timeout = 'ten', which is not a number of seconds",
        id="wrong type",
    ),
    pytest.param(
        "schema_version = 1\n\n[[profiles]]\n"
        f'id = "{new_profile_id()}"\nname = "Staging"\nbase_url = "http://h/v1"\n'
        "production = 1\n",
        "line 7",
        "production = 1, which is not true or false",
        id="number for a flag",
    ),
    pytest.param(
        "schema_version = 1\n\n[[profiles]]\n"
        f'id = "{new_profile_id()}"\nname = "Staging"\nbase-url = "http://h/v1"\n',
        "line 6",
        "unknown field 'base-url'",
        id="misspelt field",
    ),
    pytest.param(
        "schema_version = 1\n\n[[profiles]]\n"
        f'id = "{new_profile_id()}"\nname = "Staging"\nbase_url = "http://h/v1"\n'
        'mode = "current"\n',
        "line 3",
        "field tenant_id: Release mode current requires a tenant id",
        id="invalid combination",
    ),
    pytest.param(
        "schema_version = 1\n\n[[profiles]]\n"
        f'id = "{new_profile_id()}"\nname = "local engine"\nbase_url = "http://h/v1"\n',
        "line 5",
        "the profile 'local engine' has the name of the built-in profile",
        id="built-in name",
    ),
    pytest.param(
        "schema_version = 1\nprofiles = 3\n",
        "line 2",
        "profiles is not an array of tables",
        id="profiles not tables",
    ),
]


@pytest.mark.parametrize(("text", "line", "named"), BROKEN_FILES)
def test_broken_file_is_reported(path: Path, text: str, line: str, named: str) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    store = ProfileStore(path)

    loaded = store.load()

    assert list(loaded) == [local_engine_profile()]
    assert store.problem is not None
    assert store.problem.message.startswith(f"{path}{', ' + line if line else ''}")
    assert named in store.problem.message
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("text", "line", "named"), BROKEN_FILES)
def test_broken_file_is_backed_up_on_save(path: Path, text: str, line: str, named: str) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    store = ProfileStore(path)
    profiles = store.load().added(_every_setting())

    backup = store.save(profiles)

    assert backup is not None
    assert backup.parent == path.parent
    assert backup.name.startswith("profiles.toml.broken-")
    assert backup.read_text(encoding="utf-8") == text
    assert list(ProfileStore(path).load()) == list(profiles)


def test_file_broken_after_load_is_kept(path: Path) -> None:
    store = ProfileStore(path)
    profiles = store.load()
    path.parent.mkdir(parents=True)
    path.write_text("schema_version = 1\n[[profiles]\n", encoding="utf-8")

    backup = store.save(profiles)

    assert backup is not None
    assert backup.read_text(encoding="utf-8") == "schema_version = 1\n[[profiles]\n"


def test_two_backups_do_not_collide(path: Path) -> None:
    path.parent.mkdir(parents=True)
    backups = []
    for number in range(2):
        path.write_text(f"broken {number}", encoding="utf-8")
        store = ProfileStore(path)
        store.load()
        backups.append(store.save(ProfileList()))

    assert backups[0] != backups[1]
    assert [b.read_text(encoding="utf-8") for b in backups if b] == ["broken 0", "broken 1"]


def test_non_utf8_file_is_reported(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"schema_version = 1\n# caf\xe9\n")
    store = ProfileStore(path)

    store.load()

    assert store.problem is not None
    assert "not UTF-8 text (byte 0xe9 at offset 24)" in store.problem.message


def test_unreadable_file_is_reported(path: Path) -> None:
    path.mkdir(parents=True)  # a directory, which cannot be read as a file even by root
    store = ProfileStore(path)

    loaded = store.load()

    assert list(loaded) == [local_engine_profile()]
    assert store.problem is not None
    assert store.problem.message.startswith(f"{path}: cannot read the file")


def test_duplicate_ids_are_reported(path: Path) -> None:
    profile_id = new_profile_id()
    tables = "".join(
        f'\n[[profiles]]\nid = "{profile_id}"\nname = "{name}"\nbase_url = "http://h/v1"\n'
        for name in ("A", "B")
    )
    path.parent.mkdir(parents=True)
    path.write_text(f"schema_version = 1\n{tables}", encoding="utf-8")
    store = ProfileStore(path)

    store.load()

    assert store.problem is not None
    assert "the profiles 'A' and 'B' have the same id" in store.problem.message
    assert ", line 9:" in store.problem.message


def test_list_names_are_unique_ignoring_case() -> None:
    listed = ProfileList().added(_every_setting())

    with pytest.raises(InvalidInput, match="already exists"):
        listed.added(Profile(new_profile_id(), "ZOË'S STAGING", base_url="http://h/v1"))


def test_rename_keeps_id_and_order() -> None:
    first, second = _every_setting(), Profile(new_profile_id(), "B", base_url="http://h/v1")
    listed = ProfileList().added(first).added(second)

    renamed = listed.replaced(Profile(first.id, "Renamed", base_url="http://h/v1"))

    assert [p.name for p in renamed] == ["Local engine", "Renamed", "B"]
    assert renamed.require("renamed").id == first.id


def test_rename_cannot_take_local_engine_name() -> None:
    profile = Profile(new_profile_id(), "A", base_url="http://h/v1")
    listed = ProfileList().added(profile)

    with pytest.raises(InvalidInput, match="'Local engine' already exists"):
        listed.replaced(Profile(profile.id, "local engine", base_url="http://h/v1"))


def test_local_engine_cannot_be_removed() -> None:
    with pytest.raises(InvalidInput, match="built in and cannot be removed"):
        ProfileList().removed(LOCAL_ENGINE_ID)


def test_unknown_name_lists_known_ones() -> None:
    with pytest.raises(ProfileNotFound, match="No profile is named 'x'; the profiles are"):
        ProfileList().require("x")
