"""The window's profiles: the saved ones, an unsaved --base-url target, and the secrets."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from session_inspector.profiles.collection import ProfileList
from session_inspector.profiles.model import Profile
from session_inspector.profiles.store import ProfileStore

if TYPE_CHECKING:
    from session_inspector.profiles.secrets import SecretStore

logger = logging.getLogger(__name__)


class ProfileBook:
    """Profiles as the window lists them, saved through a ProfileStore.

    `store` None keeps profiles in memory only, as the self-test does. `unsaved` is a
    target given on the command line, listed last and never written to the file.
    Secrets go through a SecretStore, created on first use because importing keyring
    takes about 90 ms, which the first paint must not wait for.
    """

    def __init__(self, store: ProfileStore | None, unsaved: Profile | None = None) -> None:
        self._store = store
        self.unsaved = unsaved
        self.load_problem: str | None = None
        self._secrets: SecretStore | None = None  # created by the `secrets` property
        self._saved = ProfileList()
        if store is not None:
            self._saved = store.load()
            if store.problem is not None:
                self.load_problem = store.problem.message
                logger.error("%s", self.load_problem)

    @property
    def saved(self) -> ProfileList:
        """The profiles of the file, the Local engine first."""
        return self._saved

    def all(self) -> list[Profile]:
        """Return every profile in the order of the picker."""
        listed = list(self._saved)
        if self.unsaved is not None:
            listed.append(self.unsaved)
        return listed

    def by_id(self, profile_id: str) -> Profile | None:
        """Return the profile with this id, saved or not."""
        if self.unsaved is not None and self.unsaved.id == profile_id:
            return self.unsaved
        return self._saved.by_id(profile_id)

    def save(self, profiles: ProfileList) -> str | None:
        """Keep a new list of profiles, and return a sentence when a backup was made.

        Raises OSError when the file cannot be written; the list in memory is unchanged.
        """
        backup = self._store.save(profiles) if self._store is not None else None
        self._saved = profiles
        self.load_problem = None
        if backup is None:
            return None
        return f"The unreadable profiles file was moved aside to {backup}."

    @property
    def secrets(self) -> SecretStore:
        """The secret store, created on first use."""
        if self._secrets is None:
            from session_inspector.profiles.secrets import SecretStore

            self._secrets = SecretStore()
        return self._secrets

    def forget_secrets(self, profile: Profile) -> None:
        """Delete every secret of a profile, as deleting it requires."""
        self.secrets.delete_all(profile.id)
