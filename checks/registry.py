"""Entry point of the built-in pack: every `CHECK` defined by a module under `checks/`.

Adding a check means adding one module that defines `CHECK = Check(...)`; nothing else is edited.
"""

from __future__ import annotations

import importlib
import pkgutil

import checks
from auditor.check import Check


def builtin_checks() -> list[Check]:
    """Import every module of the pack and collect the `CHECK` each defines."""
    found: list[Check] = []
    for info in pkgutil.walk_packages(checks.__path__, prefix="checks."):
        if info.ispkg or info.name.rsplit(".", 1)[-1].startswith("_") or info.name == __name__:
            continue
        check = getattr(importlib.import_module(info.name), "CHECK", None)
        if isinstance(check, Check):
            found.append(check)
    return found
