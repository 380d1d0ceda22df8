"""Session Inspector: a client and a local engine for the Session Management API."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("session-inspector")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
