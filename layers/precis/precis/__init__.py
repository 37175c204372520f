"""Précis: article extraction, extractive summarization and metadata.

Importing the package is cheap on purpose (cold starts): submodules are imported where used.
Each subpackage's `__init__` is its public face (`__all__`); the adapter and application
packages re-export lazily through `lazy_exports`, so importing a face loads nothing until a
name is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__version__ = "0.1.0"


def lazy_exports(
    package: str, exports: Mapping[str, tuple[str, ...]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """PEP 562 `__getattr__` and `__dir__` for `package`, whose public names live in its
    submodules (`{"module": ("Name", ...)}`, modules relative to the package).

    A name is looked up in its module on every access (not copied), so a test that patches
    the module is seen through the face too.
    """
    where = {name: f"{package}.{module}" for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> Any:  # noqa: N807 - the PEP 562 hook
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)

    def __dir__() -> list[str]:  # noqa: N807
        return sorted(where)

    return __getattr__, __dir__
