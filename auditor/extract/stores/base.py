"""What a store adapter is: a store's profile and, for each listing field, the ordered places that field's value
is read from on that store's pages.

An adapter starts from the generic extractor's reading of the page (`auditor.extract.generic.read_page`) and
overrides a field only where one of its sources finds the value: the store's embedded data (JSON islands, exact
where the page rounds), then its fixed page sections. The first source that returns a value wins; a field no
source finds keeps the generic reading. So an adapter never reads worse than the generic extractor on a field it
does not know, and adding a field to an adapter is one row in its table.

    ADAPTER = StoreAdapter(
        store=profile_for("shopify"),
        parse=lambda page: json_island(page),          # what the sources share, read once per page
        fields={
            "rating": (from_island("rating"),),        # sources in order; None or empty means "not here"
            "links.support": (support_portal, support_email),
        },
        markers=(r'<meta property="og:site_name" content="Shopify App Store"',),
        gone=lambda page: ...,                         # the store says the listing is gone
    )
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from bs4 import BeautifulSoup

from auditor.extract.generic import read_page
from auditor.extract.page import ListingPage
from auditor.extract.vendor import names_site
from auditor.links import hostname, site_of
from auditor.marketplaces import StoreProfile
from auditor.model import Links, Listing
from auditor.urls import parse_url

#: fields a page may seem to show although the store has none (another listing's rating, a price in the copy):
#: where the store's profile says it cannot show one, the adapter reports it empty
_ONLY_WHERE_SHOWN: Mapping[str, tuple[str, ...]] = {
    "rating": ("rating", "review_count"), "reviews": ("reviews",), "rating_distribution": ("rating_distribution",),
    "screenshots": ("screenshots",), "pricing": ("pricing_plans", "pricing_text"),
}
_LISTS = frozenset({"reviews", "rating_distribution", "screenshots", "pricing_plans"})


@dataclass
class StorePage:
    """What an adapter's sources read: the parsed page, the generic reading of it, and the store's data."""

    page: ListingPage
    #: the generic extractor's reading (sources may refine it: the details box plus the store's extra rows)
    generic: Listing
    #: what the adapter's `parse` pulled out of the page once (a JSON island, a record), or None
    data: Any = None

    @property
    def url(self) -> str:
        """The URL the page was fetched from (relative links resolve against it, or its <base href>)."""
        return self.page.url

    @property
    def html(self) -> str:
        """The page's markup, scripts included (embedded data lives in them)."""
        return self.page.html

    @property
    def soup(self) -> BeautifulSoup:
        """The parsed page (scripts, styles and templates removed; chrome and other listings set apart)."""
        return self.page.soup


#: a place a field's value may be found: the value, or None (or an empty list, dict or string) for "not here"
Source = Callable[[StorePage], Any]


class _Stated:
    """The store states the field is empty ("No ratings", a placeholder icon): it is empty, not one to fill in."""

    def __repr__(self) -> str:
        return "NONE"


#: what a source returns when the store states the field is empty, so the generic reading does not fill it in
NONE: Any = _Stated()


def _nothing(page: ListingPage) -> Any:
    return None


def _never(page: StorePage) -> bool:
    return False


@dataclass(frozen=True)
class StoreAdapter:
    """One store: its profile, how to recognise its pages, and where each field's value lives on them."""

    store: StoreProfile
    #: listing field ("rating", "screenshots", "links.privacy", ...) -> its sources, most exact first
    fields: Mapping[str, Sequence[Source]] = field(default_factory=dict)
    #: what the sources share, read from the page once (an embedded JSON island)
    parse: Callable[[ListingPage], Any] = _nothing
    #: regexes that recognise a saved or proxied copy of the store's page by its markup
    markers: tuple[str, ...] = ()
    #: True when the page says the listing is gone (delisted, removed, not found)
    gone: Callable[[StorePage], bool] = _never
    #: pages of the store on other hosts, as "host/path-prefix" ("support.google.com/chrome_webstore") or
    #: "*.host" for every subdomain of a host ("*.slack-edge.com")
    owned_pages: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in self.fields:
            head, _, role = name.partition(".")
            valid = hasattr(Links(), role) if head == "links" and role else head in Listing.__dataclass_fields__
            if not valid:
                raise ValueError(f"{self.store.id} adapter: unknown listing field {name!r}")

    @property
    def id(self) -> str:
        """The store's id ("shopify")."""
        return self.store.id

    @property
    def name(self) -> str:
        """The store's display name."""
        return self.store.name

    @property
    def hosts(self) -> tuple[str, ...]:
        """The hosts the store serves listings from."""
        return self.store.hosts

    @property
    def rule_prefix(self) -> str:
        """The prefix of the store's rule-pack ids ("SHOPIFY")."""
        return self.store.rule_prefix

    def serves(self, host: str) -> bool:
        """True when `host` is one of the store's listing hosts or a subdomain of one."""
        return self.store.owns(host)

    def owns_or_mail(self, url: str) -> bool:
        """True for the store's own pages and for e-mail addresses: in a box of details a support address is a
        detail, not the vendor's support site."""
        return url.startswith("mailto:") or self.owns(url)

    def owns(self, url: str) -> bool:
        """True when `url` is the store's own page: on its hosts or among its pages elsewhere (its help centre,
        its policies). Such a link is never the vendor's."""
        host = hostname(url)
        if not host:
            return False
        if self.store.owns(host):
            return True
        parts = parse_url(url)
        where = f"{host}{parts.path if parts is not None else ''}"
        for pattern in self._owned:
            if pattern.startswith("*."):  # any subdomain of a host: "*.slack-edge.com"
                if host == pattern[2:] or host.endswith(pattern[1:]):
                    return True
            elif where == pattern or where.startswith(pattern.rstrip("/") + "/"):
                return True
        return False

    @cached_property
    def _owned(self) -> tuple[str, ...]:
        return tuple(p.lower() for p in self.owned_pages)

    def recognises(self, html: str) -> bool:
        """True when the markup carries one of the store's markers (a saved copy served from elsewhere)."""
        head = html[:300_000]
        return any(re.search(marker, head) for marker in self.markers)

    def read(self, html: str, url: str) -> Listing:
        """The listing: the generic reading, each field the adapter knows taken from its first source that has it."""
        page = ListingPage(html, url)
        generic = read_page(page)
        store_page = StorePage(page, generic, self.parse(page))
        if self.gone(store_page):
            return Listing(url=url, available=False, unavailable_reason="gone")
        if not generic.available and generic.unavailable_reason == "gone":
            return generic
        listing = replace(generic, links=replace(generic.links), available=True, unavailable_reason=None)
        for name, sources in self.fields.items():
            head, _, role = name.partition(".")
            value = first(store_page, sources, accept=self._vendor_url if head == "links" else None)
            if value is None:
                continue
            if value is NONE:
                value = getattr(Links(), role) if head == "links" else getattr(Listing(url=url), head)
            if head == "links":
                setattr(listing.links, role, value)
            else:
                setattr(listing, head, value)
        for shown, attributes in _ONLY_WHERE_SHOWN.items():  # what the store cannot show is not the listing's
            if not self.store.shows(shown):
                for attribute in attributes:
                    setattr(listing, attribute, type(getattr(listing, attribute))() if attribute in _LISTS else None)
        for role in Links.__dataclass_fields__:  # the store's own pages are never the vendor's links
            link = getattr(listing.links, role)
            if link and not link.startswith("mailto:") and self.owns(link) and not self._vendor_is_store(listing):
                setattr(listing.links, role, None)
        return listing

    def unavailable(self, html: str, url: str = "https://store.invalid/") -> bool:
        """True when the page is the store's "gone" page for a listing."""
        page = ListingPage(html, url)
        return self.gone(StorePage(page, Listing(url=url), self.parse(page)))

    def _vendor_url(self, value: Any) -> bool:
        """A link a source found is the vendor's unless the store owns it (then the next source is asked)."""
        return isinstance(value, str) and (value.startswith("mailto:") or not self.owns(value))

    def _vendor_is_store(self, listing: Listing) -> bool:
        """True when the store publishes the app itself (Google's apps on Google Play): its pages are the vendor's."""
        return bool(listing.developer) and any(names_site(listing.developer or "", site_of(host))
                                               for host in self.hosts)


def first(page: StorePage, sources: Sequence[Source], accept: Callable[[Any], bool] | None = None) -> Any:
    """The first value a source finds (None, "", [] and {} mean "not here") that `accept` takes; None when none.
    NONE (the store states the field is empty) is a value too, and ends the search."""
    for source in sources:
        value = source(page)
        if value is NONE:
            return value
        if value is not None and value != "" and value != [] and value != {} and (accept is None or accept(value)):
            return value
    return None


def declared_host(html: str) -> str | None:
    """The host of the page's canonical URL (or og:url): where a saved copy really came from."""
    match = _CANONICAL.search(html[:200_000])
    if not match:
        return None
    return hostname(match.group(1) or match.group(2)) or None


_CANONICAL = re.compile(
    r"<link[^>]+rel=[\"']?canonical[\"']?[^>]*href=[\"']([^\"']+)|<meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"']([^\"']+)",
    re.IGNORECASE,
)


def grouped(amount: int | None) -> str | None:
    """An exact count the way a details box shows it ("8,437"); None stays None."""
    return f"{amount:,}" if amount is not None else None
