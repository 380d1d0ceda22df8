"""The profiles file on disk: reading it, writing it atomically, keeping a broken one.

A file that cannot be read is never overwritten. `load` reports it in `problem` and
returns only the built-in profile. The next `save` first moves the broken file aside to
a timestamped backup, so that nothing in it is lost.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import platformdirs

from session_inspector.profiles.collection import ProfileList
from session_inspector.profiles.errors import ProfileFileError
from session_inspector.profiles.model import Profile
from session_inspector.profiles.toml_format import dump_profiles, load_profiles

logger = logging.getLogger(__name__)

APP_NAME = "session-inspector"
FILE_NAME = "profiles.toml"


def default_profiles_path() -> Path:
    """Return profiles.toml in the user config directory, such as ~/.config/session-inspector."""
    return platformdirs.user_config_path(APP_NAME) / FILE_NAME


class ProfileStore:
    """The profiles file at one path; the default path is `default_profiles_path()`.

    NOTE: two programs saving at the same time do not merge: the last save wins.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = default_profiles_path() if path is None else path
        self.problem: ProfileFileError | None = None

    def load(self) -> ProfileList:
        """Read the profiles; a missing file gives only the built-in profile.

        When the file cannot be read, `problem` names the line and what is wrong, and
        the list contains only the built-in profile.
        """
        try:
            profiles = self._read()
        except ProfileFileError as error:
            logger.info("cannot read profiles: %s", error.message)
            self.problem = error
            return ProfileList()
        self.problem = None
        return ProfileList(profiles)

    def save(self, profiles: ProfileList) -> Path | None:
        """Write the profiles atomically and return the backup path of a broken file.

        Raises ProfileFileError when the file cannot be written; the old file is then
        unchanged.
        """
        backup = self._back_up_unreadable_file()
        text = dump_profiles(list(profiles))
        try:
            _write_atomically(self.path, text.encode("utf-8"))
        except OSError as error:
            raise ProfileFileError(
                self.path,
                f"cannot write the file ({error.strerror or error}); check that its "
                "directory exists and is writable.",
            ) from error
        self.problem = None
        logger.info("saved %d profiles to %s", len(profiles), self.path)
        return backup

    def _read(self) -> list[Profile]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as error:
            raise ProfileFileError(
                self.path,
                f"cannot read the file ({error.strerror or error}); check its permissions.",
            ) from error
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ProfileFileError(
                self.path,
                f"the file is not UTF-8 text (byte {data[error.start]:#04x} at offset "
                f"{error.start}); save it as UTF-8.",
            ) from None
        return load_profiles(text, self.path)

    def _back_up_unreadable_file(self) -> Path | None:
        """Move the file aside if it exists and cannot be read; return where it went."""
        try:
            self._read()
        except ProfileFileError:
            pass
        else:
            return None

        backup = _backup_path(self.path)
        try:
            os.replace(self.path, backup)
        except OSError as error:
            raise ProfileFileError(
                self.path,
                f"cannot move the unreadable file aside to {backup} ({error.strerror or error}); "
                "move or fix it by hand.",
            ) from error
        logger.info("moved the unreadable profiles file %s to %s", self.path, backup)
        return backup


def _backup_path(path: Path) -> Path:
    # Imported here: only an unreadable file needs it, and the window's start does not.
    from datetime import datetime

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.broken-{stamp}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.broken-{stamp}-{number}")
        number += 1
    return candidate


def _write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same directory and rename it over the file.

    A crash leaves either the old file or the new one, never a mix. The file is synced
    before the rename and the directory after it, so the rename survives a power loss.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    # Windows cannot open a directory to sync it, so the rename is not synced there.
    if os.name != "posix":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
