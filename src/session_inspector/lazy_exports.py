"""Package names that import their submodule on first use, so that start-up skips them."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_getattr(
    package: str, homes: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """Return a module `__getattr__` for `package` that imports names on first use.

    `homes` maps each exported name to the submodule that defines it. The value is kept
    in `namespace`, the package's globals, so that later lookups skip this function.
    """

    def get(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        namespace[name] = value
        return value

    return get
