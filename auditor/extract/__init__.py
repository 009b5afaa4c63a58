"""The extract stage: Snapshot in, Evidence out. A page that fails to extract is skipped, not fatal."""

from __future__ import annotations

from datetime import date

from auditor.crawl.scope import normalise
from auditor.extract.docs import extract_doc
from auditor.extract.generic import extract_listing
from auditor.model import DocPage, Evidence, Listing, Snapshot

_ROLE_PRIORITY = ("website", "docs", "support", "status", "security", "terms", "privacy", "changelog", "setup")


def extract(snapshot: Snapshot, *, marketplace: str, today: date) -> Evidence:
    """Read the listing and every fetched docs/policy page of `snapshot`."""
    warnings: list[str] = []
    listing_page = snapshot.listing_page
    listing = Listing(url=snapshot.target)
    if listing_page is not None and listing_page.html:
        try:
            listing = extract_listing(listing_page.html, listing_page.final_url or listing_page.url)
        except Exception as exc:  # a listing the heuristics choke on still gets its docs audited
            warnings.append(f"could not read the listing page: {type(exc).__name__}: {exc}")
    # when one URL serves two roles the more specific one wins (a setup guide that is also "Documentation")
    roles = {url: role for role in _ROLE_PRIORITY if (url := getattr(listing.links, role))}
    docs: list[DocPage] = []
    for page in snapshot.pages:
        if page.kind == "listing" or not page.ok:
            continue
        try:
            role = roles.get(normalise(page.url)) or roles.get(normalise(page.final_url or page.url))
            docs.append(extract_doc(page, role))
        except Exception as exc:
            warnings.append(f"could not read {page.url}: {type(exc).__name__}: {exc}")
    return Evidence(target=snapshot.target, marketplace=marketplace, today=today, listing=listing, docs=docs,
                    pages=snapshot.pages, links=snapshot.links, warnings=warnings)
