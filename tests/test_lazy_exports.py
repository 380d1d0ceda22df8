"""The packages whose names load their submodules on first use."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize("package", ["session_inspector.api", "session_inspector.profiles"])
def test_every_exported_name_resolves(package: str) -> None:
    module = importlib.import_module(package)

    homes = vars(module)["_HOMES"]

    assert sorted(homes) == sorted(module.__all__)
    for name in module.__all__:
        value = getattr(module, name)
        home = importlib.import_module(f"{package}.{homes[name]}")
        assert getattr(home, name) is value
        assert vars(module)[name] is value  # kept for the next lookup


def test_unknown_name_raises_attribute_error() -> None:
    module = importlib.import_module("session_inspector.api")

    with pytest.raises(AttributeError, match="has no attribute 'NoSuchName'"):
        _ = module.NoSuchName
