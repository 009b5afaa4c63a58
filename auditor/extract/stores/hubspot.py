"""HubSpot App Marketplace (ecosystem.hubspot.com/marketplace/apps/...).

The marketplace is a Next.js app: the server-rendered page shows rounded numbers ("4.8", "1.2K reviews",
"8K+ installs") and the `__NEXT_DATA__` island holds the listing itself (`props.pageProps.listing`): exact
rating and review counts, the star histogram, media with sizes and alt text, plans, the Shared data table,
"Works with" products and tiers, support details and the vendor's resource links. The island is read first;
the visible page (via the generic extractor) fills whatever the island lacks.
"""

from __future__ import annotations

from typing import Any

from auditor.extract.generic import extract_listing
from auditor.extract.stores._shared import (
    by_attr,
    clean,
    dig,
    distribution,
    image,
    iso,
    items,
    links_from,
    number,
    page_props,
    says,
    soup_of,
    text,
    unique,
    whole,
)
from auditor.extract.stores._legacy import StoreAdapter, grouped
from auditor.model import Listing, PricingPlan, Review

#: the Shared data table's sync directions: (arrow, label) with the app's name filled in
_DIRECTIONS = {"BIDIRECTIONAL": ("↔", "two-way sync"), "TO_HUBSPOT": ("→", "{app} to HubSpot"),
               "TO_APP": ("←", "HubSpot to {app}")}
_GONE_STATUSES = frozenset({"DELISTED", "NOT_FOUND", "UNPUBLISHED", "REMOVED", "ARCHIVED"})


def read(html: str, url: str) -> Listing:
    """The listing from the page's Next.js island first, the visible page second."""
    listing = extract_listing(html, url)
    data = page_props(html).get("listing")
    if not isinstance(data, dict):
        return listing
    listing.name = clean(data.get("name")) or listing.name
    listing.tagline = clean(data.get("tagline")) or listing.tagline
    overview = [p for p in (clean(x) for x in items(data.get("overview"))) if p]
    listing.description = "\n\n".join(overview) or listing.description
    listing.developer = clean(data.get("companyName")) or listing.developer
    listing.categories = unique(dig(c, "name") for c in items(data.get("categories"))) or listing.categories
    listing.features = unique(dig(f, "title") for f in items(data.get("features"))) or listing.features
    media = items(data.get("media"))
    screenshots = [i for i in (image(m, url, alt_keys=("altText",)) for m in media if dig(m, "type") == "IMAGE") if i]
    listing.screenshots = screenshots or listing.screenshots
    listing.icon = image(data.get("icon"), url, alt_keys=("altText",)) or listing.icon
    listing.video = next((clean(m.get("url")) for m in media if dig(m, "type") == "VIDEO"), None) or listing.video
    listing.pricing_plans = _plans(data.get("pricing")) or listing.pricing_plans
    _reviews(listing, data)
    listing.links = links_from(_link_fields(data), url, fallback=listing.links)
    button = text(by_attr(soup_of(html), "data-test-id", "install-button"))
    listing.install_actions = unique([button, *listing.install_actions]) if button else listing.install_actions
    listing.languages = unique(items(data.get("languages"))) or listing.languages
    listing.editions = _editions(data) or listing.editions
    listing.data_access = _shared_data(data) or listing.data_access
    listing.details = _details(data) or listing.details
    listing.published = iso(data.get("listedAt")) or listing.published
    listing.updated = iso(data.get("updatedAt")) or listing.updated
    return listing


def _plans(pricing: Any) -> list[PricingPlan]:
    currency = clean(dig(pricing, "currency"))
    plans = []
    for plan in items(dig(pricing, "plans")):
        name = clean(dig(plan, "name"))
        if not name:
            continue
        amount = number(plan.get("amount"))
        period = clean(plan.get("period"))
        if amount == 0 or plan.get("model") == "FREE":
            shown = "Free"
        elif amount is not None:
            symbol = "$" if currency == "USD" else f"{currency} " if currency else ""
            shown = f"{symbol}{amount:g}" + (f"/{period}" if period else "")
        else:
            shown = clean(plan.get("priceText"))
        plans.append(PricingPlan(name=name, price=shown, amount=amount, currency=currency))
    return plans


def _reviews(listing: Listing, data: dict[str, Any]) -> None:
    summary = data.get("reviewSummary") or {}
    listing.rating = number(summary.get("averageRating")) if summary.get("averageRating") is not None else listing.rating
    listing.review_count = whole(summary.get("totalReviews")) if summary.get("totalReviews") is not None else listing.review_count
    listing.rating_distribution = distribution(summary.get("ratingCounts") or {}) or listing.rating_distribution
    reviews = []
    for node in items(data.get("reviews")):
        if not isinstance(node, dict):
            continue
        reviews.append(Review(rating=number(node.get("rating")), date=iso(node.get("publishedAt")),
                              text=clean(node.get("body")) or "", reply=clean(dig(node, "response", "body")),
                              author=clean(dig(node, "reviewer", "name"))))
    listing.reviews = reviews or listing.reviews


def _link_fields(data: dict[str, Any]) -> dict[str, Any]:
    resources = data.get("resources") or {}
    return {
        "setup": resources.get("setupGuideUrl"),
        "docs": resources.get("documentationUrl"),
        "privacy": resources.get("privacyPolicyUrl"),
        "terms": resources.get("termsOfServiceUrl"),
        "changelog": resources.get("releaseNotesUrl") or resources.get("changelogUrl"),
        "security": resources.get("securityUrl"),
        "status": resources.get("statusPageUrl"),
        "support": dig(data, "support", "websiteUrl"),
        "website": resources.get("companyWebsiteUrl"),
    }


def _editions(data: dict[str, Any]) -> list[str]:
    works = [f"{clean(w.get('product'))}: {', '.join(unique(items(w.get('tiers'))))}" if items(w.get("tiers"))
             else clean(w.get("product")) for w in items(data.get("worksWith")) if isinstance(w, dict) and w.get("product")]
    return unique([*works, *items(dig(data, "requirements", "otherRequirements"))])


def _shared_data(data: dict[str, Any]) -> str | None:
    """The Shared data table as one statement: "Invoices ↔ Deals (two-way sync); ..."."""
    app = clean(data.get("name")) or "the app"
    rows = []
    for row in items(data.get("sharedData")):
        if not isinstance(row, dict) or not (row.get("appObject") or row.get("hubspotObject")):
            continue
        arrow, label = _DIRECTIONS.get(str(row.get("direction")).upper(), ("-", "{app} and HubSpot"))
        rows.append(f"{clean(row.get('appObject'))} {arrow} {clean(row.get('hubspotObject'))} ({label.format(app=app)})")
    return f"Shared data between {app} and HubSpot: " + "; ".join(rows) if rows else None


def _details(data: dict[str, Any]) -> dict[str, str]:
    support = data.get("support") or {}
    pairs = {
        "Installs": grouped(whole(data.get("installCount"))),
        "HubSpot certified": ("Yes" if data["certified"] else "No") if isinstance(data.get("certified"), bool) else None,
        "Support email": clean(support.get("email")),
        "Support phone": clean(support.get("phone")),
        "Support languages": ", ".join(unique(items(support.get("languages")))) or None,
        "HubSpot features": ", ".join(unique(items(data.get("hubspotFeatures")))) or None,
        "Free trial": f"{whole(dig(data, 'pricing', 'freeTrialDays'))} days" if dig(data, "pricing", "freeTrialDays") else None,
        "Listed": iso(data.get("listedAt")),
        "Last updated": iso(data.get("updatedAt")),
    }
    return {label: value for label, value in pairs.items() if value}


def unavailable(html: str) -> bool:
    """The marketplace's "no longer available" page: a delisted status in the island, or the page saying so."""
    props = page_props(html)
    status = str(props.get("listingStatus") or dig(props, "listing", "status") or "").upper()
    if status in _GONE_STATUSES or props.get("notFound") is True:
        return True
    return says(html, (r"<h1[^>]*>[^<]*no longer (?:available|listed) in the HubSpot App Marketplace",
                       r"<h1[^>]*>\s*(?:Sorry, )?(?:this|that) app (?:can(?:no|')t be found|isn't available)"))


ADAPTER = StoreAdapter(
    id="hubspot",
    name="HubSpot App Marketplace",
    hosts=("ecosystem.hubspot.com",),
    read=read,
    markers=(r'"page":"/marketplace/apps/\[', r"static\.hsappstatic\.net/ecosystem-marketplace-ui"),
    unavailable=unavailable,
)
