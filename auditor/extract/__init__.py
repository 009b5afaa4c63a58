"""The extract stage: Snapshot in, Evidence out. A page that fails to extract is skipped, not fatal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from auditor.extract.docs import extract_doc
from auditor.extract.generic import extract_listing
from auditor.extract.placement import place
from auditor.extract.stores import GENERIC, adapter_for, detect
from auditor.marketplaces import profile_for
from auditor.model import DocPage, Evidence, Links, Listing, Page, Snapshot
from auditor.urls import normalise

AUTO = "auto"
#: (page, role) -> DocPage; `extract_doc` by default, a DocReader to reuse work done during the crawl
DocPageReader = Callable[[Page, "str | None"], DocPage]
#: (html, url, marketplace) -> (listing, store id); `read_listing` by default, or a DocReader's
ListingReader = Callable[[str, str, str], "tuple[Listing, str]"]
_ROLE_PRIORITY = ("website", "docs", "support", "status", "security", "terms", "privacy", "changelog", "setup")


def read_listing(html: str, url: str, marketplace: str = AUTO) -> tuple[Listing, str]:
    """The listing on a store page and the store's id: detected when `marketplace` is "auto"."""
    adapter = detect(url, html) if marketplace == AUTO else adapter_for(marketplace)
    if adapter is None:
        return extract_listing(html, url), GENERIC
    return adapter.read(html, url), adapter.id  # an adapter reports the store's "gone" page itself


def vendor_links(html: str, url: str, marketplace: str = AUTO, listing_reader: ListingReader = read_listing) -> Links:
    """The vendor's links on a listing page, as the store's adapter reads them (what the crawl follows)."""
    return listing_reader(html, url, marketplace)[0].links


def extract(snapshot: Snapshot, *, marketplace: str, today: date, read_doc: DocPageReader = extract_doc,
            listing_reader: ListingReader = read_listing) -> Evidence:
    """Read the listing and every fetched docs/policy page of `snapshot`."""
    warnings: list[str] = []
    listing_page = snapshot.listing_page
    listing = Listing(url=snapshot.target)
    detected = GENERIC if marketplace == AUTO else marketplace
    if snapshot.draft is not None:  # a draft file states its fields: nothing to read from a page
        listing = snapshot.draft
        detected = (snapshot.draft_marketplace or GENERIC) if marketplace == AUTO else marketplace
        adapter_for(detected)  # an unknown marketplace in the draft is a usage error
    elif listing_page is not None and listing_page.html:
        try:
            listing, detected = listing_reader(listing_page.html, listing_page.final_url or listing_page.url,
                                               marketplace)
        except Exception as exc:  # a listing the heuristics choke on still gets its docs audited
            warnings.append(f"could not read the listing page: {type(exc).__name__}: {exc}")
        if listing.unavailable_reason == "empty" and listing_page.fetched_via != "browser":
            # an empty page fetched without a browser may be a client-side listing that was never rendered
            listing.available, listing.unavailable_reason = True, None
            warnings.append("the listing page shows no listing without a browser (a page built by JavaScript?); "
                            "audit it with the browser on to read it")
        listing.screenshots = place(listing.screenshots, snapshot.image_boxes)
    # when one URL serves two roles the more specific one wins (a setup guide that is also "Documentation")
    roles = {url: role for role in _ROLE_PRIORITY if (url := getattr(listing.links, role))}
    docs: list[DocPage] = []
    for page in snapshot.pages:
        if page.kind == "listing" or not page.ok:
            continue
        try:
            role = roles.get(normalise(page.url)) or roles.get(normalise(page.final_url or page.url))
            docs.append(read_doc(page, role))
        except Exception as exc:
            warnings.append(f"could not read {page.url}: {type(exc).__name__}: {exc}")
    return Evidence(target=snapshot.target, marketplace=detected, today=today, listing=listing, docs=docs,
                    pages=snapshot.pages, links=snapshot.links, warnings=warnings, profile=profile_for(detected),
                    scope=snapshot.scope, kind_override=snapshot.draft_kind)
