"""Session Inspector: a client and a local engine for the Session Management API."""

# A literal rather than importlib.metadata, which adds about 45 ms to every start-up.
__version__ = "0.1.0"
