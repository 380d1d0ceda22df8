"""The expected credentials of `serve --require-auth`, from the environment or a file."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from session_inspector.engine.auth import AuthRequirement, AuthScheme, InvalidCredentials

logger = logging.getLogger(__name__)

CREDENTIALS_VARIABLE = "SESSION_INSPECTOR_SERVE_CREDENTIALS"
# Far more than any credentials need, and a limit keeps a mistaken path such as
# /dev/zero from filling memory.
_MAX_CREDENTIALS_FILE_BYTES = 64 * 1024


class CredentialsUsageError(Exception):
    """Options or an environment that give no usable credentials. The message names the fix.

    It never contains the credentials.
    """


def auth_requirement(
    scheme: AuthScheme | None, credentials_file: Path | None, environ: Mapping[str, str]
) -> AuthRequirement | None:
    """Return the credentials that serve requires, or None without --require-auth.

    `scheme` is the one given with --require-auth. Raises CredentialsUsageError unless
    the options and the environment give exactly one source of valid credentials.
    """
    in_environment = CREDENTIALS_VARIABLE in environ
    if scheme is None:
        if credentials_file is not None:
            raise CredentialsUsageError(
                "--credentials-file works only with --require-auth. Add --require-auth "
                "basic or --require-auth bearer, or leave out --credentials-file."
            )
        if in_environment:
            logger.warning(
                "%s is set, but without --require-auth the engine requires no credentials.",
                CREDENTIALS_VARIABLE,
            )
        return None

    if credentials_file is not None and in_environment:
        raise CredentialsUsageError(
            f"The credentials are given twice, in {CREDENTIALS_VARIABLE} and with "
            f"--credentials-file. Unset {CREDENTIALS_VARIABLE} or leave out --credentials-file."
        )
    if credentials_file is not None:
        value = _read_credentials_file(credentials_file)
        source = f"the credentials file '{credentials_file}'"
    elif in_environment:
        value = environ[CREDENTIALS_VARIABLE]
        source = f"the environment variable {CREDENTIALS_VARIABLE}"
    else:
        value_form = "user:password" if scheme is AuthScheme.BASIC else "the token"
        raise CredentialsUsageError(
            f"--require-auth {scheme.value} needs the expected credentials. Set the environment "
            f"variable {CREDENTIALS_VARIABLE} to {value_form}, or give a file that contains "
            "them with --credentials-file PATH."
        )
    return _parse_credentials(scheme, value, source)


def _parse_credentials(scheme: AuthScheme, value: str, source: str) -> AuthRequirement:
    try:
        return AuthRequirement.parse(scheme, value)
    except InvalidCredentials as error:
        raise CredentialsUsageError(
            f"Invalid {scheme.http_name} credentials in {source}. {error}"
        ) from None


def _read_credentials_file(path: Path) -> str:
    """Return the file's text without one trailing newline, which editors add."""
    try:
        with path.open("rb") as file:
            content = file.read(_MAX_CREDENTIALS_FILE_BYTES + 1)
            mode = os.fstat(file.fileno()).st_mode
    except OSError as error:
        reason = error.strerror or str(error)
        raise CredentialsUsageError(
            f"Cannot read the credentials file '{path}': {reason}. "
            "Give a readable file with --credentials-file."
        ) from None

    if len(content) > _MAX_CREDENTIALS_FILE_BYTES:
        raise CredentialsUsageError(
            f"The credentials file '{path}' is larger than {_MAX_CREDENTIALS_FILE_BYTES // 1024} "
            "KiB, far more than credentials need. Give a file that contains only them."
        )
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        # The decoder's message quotes a byte of the file, so it is left out.
        raise CredentialsUsageError(
            f"The credentials file '{path}' is not valid UTF-8 text. Save it as UTF-8."
        ) from None
    if stat.S_ISREG(mode) and mode & (stat.S_IRGRP | stat.S_IROTH):
        logger.warning(
            "Other users can read the credentials file %s. Restrict it with chmod 600.", path
        )
    return _without_final_newline(text)


def _without_final_newline(text: str) -> str:
    for newline in ("\r\n", "\n"):
        if text.endswith(newline):
            return text.removesuffix(newline)
    return text
