"""Collect the secrets a profile needs: from the keyring, or by asking the user once."""

from __future__ import annotations

import logging

from session_inspector.profiles.connect import required_secrets
from session_inspector.profiles.model import Profile, SecretKind
from session_inspector.ui.profile_book import ProfileBook
from session_inspector.ui.prompts import AskSecret

logger = logging.getLogger(__name__)


def gather_secrets(
    book: ProfileBook, profile: Profile, ask: AskSecret
) -> dict[SecretKind, str | None] | None:
    """Return every secret the profile needs, or None when the user cancelled a prompt.

    A secret that is not stored is asked for and then kept in the secret store: in the
    keyring when one is usable, otherwise in memory for this run only.
    """
    values: dict[SecretKind, str | None] = {}
    for kind in required_secrets(profile):
        value = book.secrets.get(profile.id, kind)
        if value is None:
            value = _ask(book, profile, kind, ask)
            if value is None:
                return None
        values[kind] = value
    return values


def _ask(book: ProfileBook, profile: Profile, kind: SecretKind, ask: AskSecret) -> str | None:
    where = "in the keyring" if book.secrets.status.usable else "in memory for this run only"
    prompt = f"The profile {profile.name!r} needs its {kind.label}."
    # The notice about a missing keyring says where the secret goes, in more words.
    notice = book.secrets.take_notice()
    prompt += f"\n\n{notice}" if notice else f" It will be kept {where}, never in a file."
    value = ask(f"{kind.label.capitalize()} for {profile.name}", prompt)
    if value is None:
        return None
    book.secrets.set(profile.id, kind, value)
    logger.info("Stored the %s of the profile %r %s", kind.label, profile.name, where)
    return value
