"""Fixtures that run each engine test in-process and through `serve`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.engine.harness import IN_PROCESS, SERVED, EngineFactory, ServedEngines


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def served_engines() -> Iterator[ServedEngines]:
    engines = ServedEngines()
    yield engines
    engines.close()


@pytest.fixture(params=[IN_PROCESS, pytest.param(SERVED, marks=pytest.mark.served)])
async def engines(
    request: pytest.FixtureRequest, served_engines: ServedEngines
) -> AsyncIterator[EngineFactory]:
    """A factory of engines, once for the in-process engine and once for `serve`."""
    factory = EngineFactory(request.param, served_engines)
    yield factory
    await factory.aclose()


@pytest.fixture
async def in_process_engines(served_engines: ServedEngines) -> AsyncIterator[EngineFactory]:
    """A factory of in-process engines only, for rules that differ when served."""
    factory = EngineFactory(IN_PROCESS, served_engines)
    yield factory
    await factory.aclose()
