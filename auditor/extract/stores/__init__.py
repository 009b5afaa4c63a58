"""Store adapters, one module a store, each defining `ADAPTER`; found by discovery like the check pack."""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache
from urllib.parse import urlsplit

from auditor.errors import UsageError
from auditor.extract.stores.base import StoreAdapter, declared_host

GENERIC = "generic"


@cache
def adapters() -> tuple[StoreAdapter, ...]:
    """Every adapter under this package, by id."""
    found = []
    for info in pkgutil.iter_modules(__path__, prefix=__name__ + "."):
        if info.name.rsplit(".", 1)[-1] in ("base",) or info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        adapter = getattr(importlib.import_module(info.name), "ADAPTER", None)
        if isinstance(adapter, StoreAdapter):
            found.append(adapter)
    return tuple(sorted(found, key=lambda a: a.id))


def marketplace_ids() -> list[str]:
    """The ids `--marketplace` accepts."""
    return [GENERIC, *(a.id for a in adapters())]


def adapter_for(marketplace: str) -> StoreAdapter | None:
    """The adapter with this id (None for generic); an unknown id is a UsageError."""
    if marketplace == GENERIC:
        return None
    for adapter in adapters():
        if adapter.id == marketplace:
            return adapter
    raise UsageError(f"unknown marketplace {marketplace!r}; choose one of {', '.join(marketplace_ids())}")


def store_name(marketplace: str) -> str:
    """The display name of a marketplace id."""
    adapter = adapter_for(marketplace)
    return adapter.name if adapter else "Any store (generic)"


def detect(url: str, html: str) -> StoreAdapter | None:
    """The store a page belongs to: by its URL's host, then its canonical URL's host, then its markup."""
    for host in (urlsplit(url).hostname or "", declared_host(html) or ""):
        for adapter in adapters():
            if host and adapter.serves(host):
                return adapter
    for adapter in adapters():
        if any(re.search(marker, html[:300_000]) for marker in adapter.markers):
            return adapter
    return None
