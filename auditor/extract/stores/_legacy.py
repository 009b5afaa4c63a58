"""TEMPORARY: the adapter shape before the declarative field tables of `base.StoreAdapter` (each adapter moves to
those, then this module goes).

What a store adapter declares, and helpers the adapters share.

An adapter reads one store's page the way the store builds it: embedded data first (JSON data
islands, JSON-LD, microdata, JSON in attributes), visible text second, starting from what the generic
extractor already found. A field it cannot find stays None or empty, never zero.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from auditor.model import Listing

#: (html, url) -> Listing
ListingReader = Callable[[str, str], Listing]


@dataclass(frozen=True)
class StoreAdapter:
    """One marketplace: how to recognise its pages and how to read them."""

    id: str
    name: str
    #: hosts the store serves listings from ("apps.shopify.com")
    hosts: tuple[str, ...]
    read: ListingReader
    #: regexes that recognise a saved or proxied copy of the store's page by its markup
    markers: tuple[str, ...] = ()
    #: True when the page says the listing is gone (delisted, removed, not found)
    unavailable: Callable[[str], bool] = lambda html: False

    def serves(self, host: str) -> bool:
        """True when `host` is one of the store's hosts or a subdomain of one."""
        host = host.lower()
        return any(host == h or host.endswith("." + h) for h in self.hosts)


_CANONICAL = re.compile(
    r"<link[^>]+rel=[\"']?canonical[\"']?[^>]*href=[\"']([^\"']+)|<meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"']([^\"']+)",
    re.IGNORECASE,
)


def declared_host(html: str) -> str | None:
    """The host of the page's canonical URL (or og:url): where a saved copy really came from."""
    match = _CANONICAL.search(html[:200_000])
    if not match:
        return None
    return (urlsplit(match.group(1) or match.group(2)).hostname or "").lower() or None


def grouped(amount: int | None) -> str | None:
    """An exact count the way a details box shows it ("8,437"); None stays None."""
    return f"{amount:,}" if amount is not None else None


def json_in_script(html: str, pattern: str) -> Any | None:
    """The JSON value that follows `pattern` (a regex ending where the value starts) in the page, or None."""
    match = re.search(pattern, html)
    if not match:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(html, match.end())
    except ValueError:
        return None
    return value
