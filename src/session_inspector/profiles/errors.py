"""Errors of the profiles package, each with one sentence for the user."""

from __future__ import annotations

from pathlib import Path

from session_inspector.api.errors import InvalidInput


class ProfileNotFound(InvalidInput):
    """No profile has the requested name."""


class MissingSecret(InvalidInput):
    """A profile needs a secret that is neither stored nor given."""


class ProfileFileError(Exception):
    """The profiles file cannot be read or written.

    `problem` is the sentence about what is wrong. `line` and `column` are 1-based, or
    None when the problem has no place in the file. `message` puts them together for the user.
    """

    def __init__(
        self, path: Path, problem: str, *, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        self.column = column
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The problem with the file name and the place in the file, as one sentence."""
        place = str(self.path)
        if self.line is not None:
            place += f", line {self.line}"
        if self.column is not None:
            place += f", column {self.column}"
        return f"{place}: {self.problem}"
