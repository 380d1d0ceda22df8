"""The wire format of the Session Management API and an async client for it. No Qt."""

from session_inspector.api.models import Identity, SessionFields, SessionInfo

__all__ = ["Identity", "SessionFields", "SessionInfo"]
