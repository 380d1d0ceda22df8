"""The ordered list of profiles, with the Local engine first and names unique ignoring case."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from session_inspector.api.errors import InvalidInput
from session_inspector.profiles.checks import check_name
from session_inspector.profiles.errors import ProfileNotFound
from session_inspector.profiles.model import LOCAL_ENGINE_ID, Profile, local_engine_profile


class ProfileList:
    """An immutable list of profiles; the changing methods return a new list.

    The built-in Local engine profile is always present and always first. Changes that
    would break a rule raise InvalidInput with a sentence for the user.
    """

    def __init__(self, profiles: Iterable[Profile] = ()) -> None:
        listed = list(profiles)
        local = [profile for profile in listed if profile.is_local] or [local_engine_profile()]
        others = [profile for profile in listed if not profile.is_local]
        self._profiles = (local[0], *others)

    def __iter__(self) -> Iterator[Profile]:
        return iter(self._profiles)

    def __len__(self) -> int:
        return len(self._profiles)

    @property
    def local_engine(self) -> Profile:
        """The built-in profile of the engine inside the program."""
        return self._profiles[0]

    def find(self, name: str) -> Profile | None:
        """Return the profile with this name, ignoring case, or None."""
        wanted = name.casefold()
        return next((p for p in self._profiles if p.name.casefold() == wanted), None)

    def by_id(self, profile_id: str) -> Profile | None:
        """Return the profile with this id, or None."""
        return next((p for p in self._profiles if p.id == profile_id), None)

    def require(self, name: str) -> Profile:
        """Return the profile with this name, ignoring case, or raise ProfileNotFound."""
        profile = self.find(name)
        if profile is None:
            known = ", ".join(repr(p.name) for p in self._profiles)
            raise ProfileNotFound(f"No profile is named {name!r}; the profiles are {known}.")
        return profile

    def added(self, profile: Profile) -> ProfileList:
        """Return a list with a new profile at the end."""
        if self.by_id(profile.id) is not None:
            raise InvalidInput(f"A profile with the id {profile.id} already exists.")
        self._check_name(profile)
        return ProfileList((*self._profiles, profile))

    def replaced(self, profile: Profile) -> ProfileList:
        """Return a list where the profile with the same id has the new settings."""
        if self.by_id(profile.id) is None:
            raise ProfileNotFound(f"No profile has the id {profile.id}; it may have been removed.")
        self._check_name(profile)
        return ProfileList(profile if p.id == profile.id else p for p in self._profiles)

    def removed(self, profile_id: str) -> ProfileList:
        """Return a list without the profile; the Local engine profile cannot be removed."""
        if profile_id == LOCAL_ENGINE_ID:
            raise InvalidInput(
                f"The {self.local_engine.name} profile is built in and cannot be removed."
            )
        if self.by_id(profile_id) is None:
            raise ProfileNotFound(f"No profile has the id {profile_id}; it may have been removed.")
        return ProfileList(p for p in self._profiles if p.id != profile_id)

    def _check_name(self, profile: Profile) -> None:
        problem = check_name(profile.name, self._profiles, profile.id)
        if problem is not None:
            raise InvalidInput(problem)
