"""Session Inspector: a client and a local engine for the Session Management API."""

import sys

# A literal rather than importlib.metadata, which adds about 45 ms to every start-up.
__version__ = "0.1.0"

# httpx imports its own command line, and with it click, rich and pygments when they are
# installed: about 45 ms and 8 MB at the window's start (bench/gui_startup.py). This
# program never runs that command line, so the module is marked as absent. httpx then
# defines a stand-in `httpx.main` that prints how to install httpx[cli]. Each import of
# one of our modules runs this file first, before any of them imports httpx.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
