"""The profiles file's TOML layout: writing profiles, and reading them back with checks.

    schema_version = 1

    [[profiles]]
    id = "6f0c1e9a-..."
    name = "Staging"
    base_url = "https://kc.example.org/knowmgt/gks-server/v1"
    ...

Every problem found while reading raises ProfileFileError with the line of the profile
or field when it can be found, and a sentence that names the profile and the field.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path
from typing import Any

from session_inspector.profiles.checks import check_profile
from session_inspector.profiles.errors import ProfileFileError
from session_inspector.profiles.model import LOCAL_ENGINE_NAME, AuthKind, Profile, new_profile_id

SCHEMA_VERSION = 1

_HEADER = (
    "# Session Inspector connection profiles. Secrets are kept in the OS keyring, "
    "never in this file.\n"
)
# Optional settings are None when unset, which the file writes as an absent key.
_OPTIONAL_FIELDS = frozenset(
    field.name for field in dataclasses.fields(Profile) if field.default is None
)
_BOOL_FIELDS = frozenset({"verify_tls", "production"})
_KNOWN_FIELDS = frozenset(field.name for field in dataclasses.fields(Profile))
_REQUIRED_FIELDS = ("id", "name")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)$")


def dump_profiles(profiles: list[Profile]) -> str:
    """Return the text of a profiles file holding these profiles."""
    tables = [_profile_table(profile) for profile in profiles]
    # Imported here, like uuid below: the window's start reads profiles, never writes.
    import tomli_w

    return _HEADER + tomli_w.dumps({"schema_version": SCHEMA_VERSION, "profiles": tables})


def load_profiles(text: str, path: Path) -> list[Profile]:
    """Read the profiles of a file's text, or raise ProfileFileError saying what is wrong."""
    document = _parse(text, path)
    locate = _Locator(text, path)
    _check_top_level(document, locate)

    profiles: list[Profile] = []
    for index, table in enumerate(_profile_tables(document, locate)):
        profile = _read_profile(table, index, locate)
        _check_against_others(profile, profiles, index, locate)
        profiles.append(profile)
    _check_built_in_name(profiles, locate)
    return profiles


def _profile_table(profile: Profile) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for field in dataclasses.fields(Profile):
        value = getattr(profile, field.name)
        if value is None:
            continue
        if isinstance(value, AuthKind):
            value = str(value)
        elif field.name == "timeout":
            value = float(value)
        table[field.name] = value
    return table


def _parse(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        reason, line, column = _toml_error_parts(error)
        raise ProfileFileError(
            path,
            f"the file is not valid TOML ({reason}); correct the syntax there.",
            line=line,
            column=column,
        ) from None


def _toml_error_parts(error: tomllib.TOMLDecodeError) -> tuple[str, int | None, int | None]:
    """Split tomllib's message into its reason and position.

    Python 3.14 gives the position as attributes; 3.11 to 3.13 only in the message,
    as "(at line 3, column 9)".
    """
    text = str(error)
    match = _TOML_POSITION.search(text)
    reason = text[: match.start()].strip() if match else text
    line = getattr(error, "lineno", None) or (int(match[1]) if match else None)
    column = getattr(error, "colno", None) or (int(match[2]) if match else None)
    return reason, line, column


def _check_top_level(document: dict[str, Any], locate: _Locator) -> None:
    unknown = sorted(set(document) - {"schema_version", "profiles"})
    if unknown:
        raise locate.error(
            f"the key {unknown[0]!r} is unknown at the top of the file; remove it.",
            key=unknown[0],
        )

    version = document.get("schema_version")
    if version is None:
        raise locate.error(
            f"schema_version is missing; add schema_version = {SCHEMA_VERSION} at the top."
        )
    if isinstance(version, bool) or version != SCHEMA_VERSION:
        raise locate.error(
            f"schema_version = {version!r} is not a version that this program reads "
            f"({SCHEMA_VERSION}); the file may come from a newer Session Inspector.",
            key="schema_version",
        )


def _profile_tables(document: dict[str, Any], locate: _Locator) -> list[dict[str, Any]]:
    tables = document.get("profiles", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise locate.error(
            "profiles is not an array of tables; write each profile under its own "
            "[[profiles]] header.",
            key="profiles",
        )
    return tables


def _read_profile(table: dict[str, Any], index: int, locate: _Locator) -> Profile:
    label = _profile_label(table, index)
    for key in table:
        if key not in _KNOWN_FIELDS:
            raise locate.error(
                f"the profile {label} has an unknown field {key!r}; remove it or correct "
                "its spelling.",
                profile=index,
                key=key,
            )
    for key in _REQUIRED_FIELDS:
        if key not in table:
            raise locate.error(
                f"the profile {label} has no {key}; {_fix_missing(key)}", profile=index
            )

    values = {key: _read_value(key, value, label, index, locate) for key, value in table.items()}
    return Profile(**values)


def _read_value(key: str, value: object, label: str, index: int, locate: _Locator) -> Any:
    expected = _expected_type(key, value)
    if expected is not None:
        raise locate.error(
            f"the profile {label} has {key} = {value!r}, which is not {expected}.",
            profile=index,
            key=key,
        )
    if key == "auth":
        return AuthKind(str(value))
    # TOML integers are fine for the timeout, which the profile stores as a float.
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if value == "" and key in _OPTIONAL_FIELDS:
        return None
    return value


def _expected_type(key: str, value: object) -> str | None:
    """Return what the field should be when the value has the wrong type, else None."""
    if key == "timeout":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else "a number of seconds such as 10"
    if key in _BOOL_FIELDS:
        return None if isinstance(value, bool) else "true or false"
    if key == "auth":
        names = ", ".join(str(kind) for kind in AuthKind)
        return None if value in set(AuthKind) else f"one of {names}"
    if key == "id":
        return None if isinstance(value, str) and _is_uuid(value) else "a UUID"
    return None if isinstance(value, str) else "a string"


def _check_against_others(
    profile: Profile, earlier: list[Profile], index: int, locate: _Locator
) -> None:
    label = repr(profile.name)
    for other in earlier:
        if other.id == profile.id:
            raise locate.error(
                f"the profiles {other.name!r} and {label} have the same id; give one of "
                f'them a new one, such as id = "{new_profile_id()}".',
                profile=index,
                key="id",
            )
    problems = check_profile(profile, earlier, check_files=False)
    if problems:
        first = problems[0]
        raise locate.error(
            f"in the profile {label}, field {first.field}: {first.message}",
            profile=index,
            key=first.field,
        )


def _check_built_in_name(profiles: list[Profile], locate: _Locator) -> None:
    """Reject a profile named like the built-in one when the file does not contain that.

    The built-in profile is added after reading, so a clash would only show up then.
    """
    if any(profile.is_local for profile in profiles):
        return
    for index, profile in enumerate(profiles):
        if profile.name.casefold() == LOCAL_ENGINE_NAME.casefold():
            raise locate.error(
                f"the profile {profile.name!r} has the name of the built-in profile; rename it.",
                profile=index,
                key="name",
            )


def _profile_label(table: dict[str, Any], index: int) -> str:
    name = table.get("name")
    return repr(name) if isinstance(name, str) and name else f"number {index + 1}"


def _fix_missing(key: str) -> str:
    if key == "id":
        return f'add a new one, such as id = "{new_profile_id()}".'
    return f'add {key} = "..." to it.'


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


class _Locator:
    """Find the line of a profile or of one of its keys, to point the user at it.

    It looks for `[[profiles]]` headers and `key =` lines, which is how this program
    writes the file. A hand-written file may use inline tables or dotted keys, and then
    the error names the field without a line.
    """

    def __init__(self, text: str, path: Path) -> None:
        self._path = path
        self._lines = text.splitlines()
        self._headers = [
            number
            for number, line in enumerate(self._lines, start=1)
            if re.match(r"\s*\[\[\s*profiles\s*\]\]", line)
        ]

    def error(
        self, problem: str, *, profile: int | None = None, key: str | None = None
    ) -> ProfileFileError:
        """Return the error for a problem in a profile (by index), a key, or both."""
        return ProfileFileError(self._path, problem, line=self._line(profile, key))

    def _line(self, profile: int | None, key: str | None) -> int | None:
        start, end = 1, len(self._lines)
        if profile is not None:
            if profile >= len(self._headers):
                return None
            start = self._headers[profile]
            end = self._block_end(start)
        elif self._headers:
            end = self._headers[0] - 1
        if key is None:
            return start if profile is not None else None
        pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(start, end + 1):
            if pattern.match(self._lines[number - 1]):
                return number
        return start if profile is not None else None

    def _block_end(self, header: int) -> int:
        for number in range(header + 1, len(self._lines) + 1):
            if self._lines[number - 1].lstrip().startswith("["):
                return number - 1
        return len(self._lines)
