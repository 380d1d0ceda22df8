"""The entry of the installed `session-inspector` command and of `python -m session_inspector`.

It stops the garbage collector before the command line loads. The window's start-up
makes many objects that live as long as the window and almost no garbage, so collections
during the imports only cost time (about 10 ms, measured in bench/gui_startup.py).
`cli.main` turns the collector back on for every command but the window, and the window
turns it on once it is ready.
"""

from __future__ import annotations

import gc


def main() -> int:
    """Run the command line with the collector stopped until it decides otherwise."""
    gc.disable()
    from session_inspector.cli import main as run_command_line

    return run_command_line()
