"""Settings every test needs before anything else is imported."""

import os

# Qt aborts without a display unless QT_QPA_PLATFORM selects the offscreen plugin.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# httpx sends even loopback traffic through HTTP_PROXY when one is set.
os.environ["NO_PROXY"] = "127.0.0.1,localhost,::1"
os.environ["no_proxy"] = os.environ["NO_PROXY"]

import pytest


@pytest.fixture
def anyio_backend() -> str:
    """Run async tests on asyncio, the loop that the program itself uses."""
    return "asyncio"
