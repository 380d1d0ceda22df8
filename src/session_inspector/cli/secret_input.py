"""Read a profile's secret at a hidden prompt, or from stdin when stdin is not a terminal.

Secrets never come from arguments, which other users can read in the process list and
which end up in shell history. From a pipe, each secret is one line, in the order that the
command requests them.
"""

from __future__ import annotations

import getpass
import sys

from session_inspector.api.errors import InvalidInput
from session_inspector.profiles.checks import check_secret
from session_inspector.profiles.errors import MissingSecret
from session_inspector.profiles.model import SecretKind


def read_secret(kind: SecretKind, profile_name: str) -> str:
    """Return one secret, or raise MissingSecret when none is given, InvalidInput when bad."""
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        label = kind.label[0].upper() + kind.label[1:]
        try:
            value = getpass.getpass(f"{label} for the profile {profile_name!r}: ")
        except EOFError:  # Ctrl+D at the prompt
            value = ""
        source = "at the prompt"
    else:
        line = stdin.readline() if stdin is not None else ""
        value = line.removesuffix("\n").removesuffix("\r")
        source = "on stdin"

    if not value:
        raise MissingSecret(
            f"No {kind.label} for the profile {profile_name!r} was given {source}; "
            "type it at the prompt, or pipe it in as one line, such as "
            f"printf '%s\\n' \"$SECRET\" | session-inspector ..."
        )
    problem = check_secret(kind, value)
    if problem is not None:
        raise InvalidInput(problem)
    return value
