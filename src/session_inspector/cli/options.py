"""Argument types shared by the subcommands, each rejecting bad values with the fix."""

from __future__ import annotations

import argparse
import math


def positive_seconds(text: str) -> float:
    """Parse a timeout in seconds, a positive finite number."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of seconds; give one such as 10 or 2.5"
        ) from None
    if math.isinf(seconds):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a finite number of seconds; give one such as 10 or 2.5"
        )
    if not seconds > 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a positive number of seconds; give one such as 10 or 2.5"
        )
    return seconds
