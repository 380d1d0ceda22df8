"""Text for a terminal: control characters made visible, so that none can act on it."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, and the C1 controls. A terminal acts on ESC
# (U+001B) and CSI (U+009B) sequences: they can move the cursor, recolour or rewrite
# what is shown, so text from a server or an id that contains them is escaped.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Return `text` with each control character written as an escape such as \\x1b."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
