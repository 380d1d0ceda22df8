"""The local session engine: store, release modes, ASGI app and server. No Qt."""
