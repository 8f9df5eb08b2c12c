"""Package names that load their module on first use, so importing a package stays cheap."""

from __future__ import annotations

from importlib import import_module
from typing import Callable


def lazy_names(package: str, where: dict[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` giving `name` from `package.<where[name]>`, imported when first asked for."""

    def __getattr__(name: str):
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(f"{package}.{module}"), name)

    return __getattr__
