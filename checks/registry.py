"""Entry point of the built-in pack: every `CHECK` (or list `CHECKS`) defined by a module under `checks/`.

Adding a check means adding one module that defines `CHECK = Check(...)`; a store's rule pack is one
module that defines `CHECKS` from a declarative table. Nothing else is edited.
"""

from __future__ import annotations

import importlib
import pkgutil

import checks
from auditor.judge.check import Check


def builtin_checks() -> list[Check]:
    """Import every module of the pack and collect the `CHECK` each defines."""
    found: list[Check] = []
    for info in pkgutil.walk_packages(checks.__path__, prefix="checks."):
        if info.ispkg or info.name.rsplit(".", 1)[-1].startswith("_") or info.name == __name__:
            continue
        module = importlib.import_module(info.name)
        declared = [getattr(module, "CHECK", None), *getattr(module, "CHECKS", ())]
        found += [c for c in declared if isinstance(c, Check)]
    return found
