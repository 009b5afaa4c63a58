"""HubSpot App Marketplace (ecosystem.hubspot.com/marketplace/apps/...).

The marketplace is a Next.js app: the server-rendered page shows rounded numbers ("4.8", "1.2K reviews",
"8K+ installs") and the `__NEXT_DATA__` island holds the listing itself (`props.pageProps.listing`): exact
rating and review counts, the star histogram, the overview paragraphs, feature titles, plans with their
amounts, the Shared data table, support details, the listed and updated dates and the vendor's resource links
(`resources`, `support.websiteUrl`). The island is read first; the generic reading of the visible page already
gets the name, company, media, install button, languages and "Works with" right, and is what a page without
the island gets.
"""

from __future__ import annotations

from typing import Any

from auditor.extract.stores.base import Source, StoreAdapter, StorePage, grouped
from auditor.extract.stores.toolkit import (
    LINK_ROLES,
    absolute,
    at,
    clean,
    distribution,
    iso,
    items,
    markup_has,
    number,
    page_props,
    unique,
    whole,
)
from auditor.marketplaces import profile_for
from auditor.model import PricingPlan, Review

#: where the island's listing keeps each vendor link, in order
_LINK_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "setup": (("resources", "setupGuideUrl"),),
    "docs": (("resources", "documentationUrl"),),
    "privacy": (("resources", "privacyPolicyUrl"),),
    "terms": (("resources", "termsOfServiceUrl"),),
    "changelog": (("resources", "releaseNotesUrl"), ("resources", "changelogUrl")),
    "security": (("resources", "securityUrl"),),
    "status": (("resources", "statusPageUrl"),),
    "support": (("support", "websiteUrl"),),
    "website": (("resources", "companyWebsiteUrl"),),
}
#: the Shared data table's sync directions: (arrow, label) with the app's name filled in
_DIRECTIONS = {"BIDIRECTIONAL": ("↔", "two-way sync"), "TO_HUBSPOT": ("→", "{app} to HubSpot"),
               "TO_APP": ("←", "HubSpot to {app}")}
_GONE_STATUSES = frozenset({"DELISTED", "NOT_FOUND", "UNPUBLISHED", "REMOVED", "ARCHIVED"})
_GONE_TEXT = (r"<h1[^>]*>[^<]*no longer (?:available|listed) in the HubSpot App Marketplace",
              r"<h1[^>]*>\s*(?:Sorry, )?(?:this|that) app (?:can(?:no|')t be found|isn't available)")


def _listing(page: StorePage) -> dict[str, Any]:
    """The island's listing record ({} without one)."""
    found = at(page.data, "listing")
    return found if isinstance(found, dict) else {}


# ------------------------------------------------------------ copy


def _tagline(page: StorePage) -> str | None:
    return clean(_listing(page).get("tagline"))


def _description(page: StorePage) -> str | None:
    """The overview's paragraphs, kept apart."""
    paragraphs = (clean(p) for p in items(_listing(page).get("overview")))
    return "\n\n".join(p for p in paragraphs if p) or None


def _categories(page: StorePage) -> list[str]:
    return unique(at(c, "name") for c in items(_listing(page).get("categories")))


def _features(page: StorePage) -> list[str]:
    return unique(at(f, "title") for f in items(_listing(page).get("features")))


def _shared_data(page: StorePage) -> str | None:
    """The Shared data table as one statement: "Invoices ↔ Deals (two-way sync); ..."."""
    data = _listing(page)
    app = clean(data.get("name")) or "the app"
    rows = []
    for row in items(data.get("sharedData")):
        if not isinstance(row, dict) or not (row.get("appObject") or row.get("hubspotObject")):
            continue
        arrow, label = _DIRECTIONS.get(str(row.get("direction")).upper(), ("-", "{app} and HubSpot"))
        app_object, hubspot_object = clean(row.get("appObject")), clean(row.get("hubspotObject"))
        rows.append(f"{app_object} {arrow} {hubspot_object} ({label.format(app=app)})")
    return f"Shared data between {app} and HubSpot: " + "; ".join(rows) if rows else None


# ------------------------------------------------------------ pricing


def _plans(page: StorePage) -> list[PricingPlan]:
    pricing = _listing(page).get("pricing")
    currency = clean(at(pricing, "currency"))
    plans = []
    for plan in items(at(pricing, "plans")):
        name = clean(at(plan, "name"))
        if name:
            amount = number(at(plan, "amount"))
            plans.append(PricingPlan(name=name, price=_shown_price(plan, amount, currency), amount=amount,
                                     currency=currency))
    return plans


def _shown_price(plan: dict[str, Any], amount: float | None, currency: str | None) -> str | None:
    """A plan's price as the page writes it: "Free", "$39/month", or the plan's own price text."""
    if amount == 0 or plan.get("model") == "FREE":
        return "Free"
    if amount is None:
        return clean(plan.get("priceText"))
    period = clean(plan.get("period"))
    symbol = "$" if currency == "USD" else f"{currency} " if currency else ""
    return f"{symbol}{amount:g}" + (f"/{period}" if period else "")


# ------------------------------------------------------------ ratings and reviews


def _rating(page: StorePage) -> float | None:
    return number(at(_listing(page), "reviewSummary", "averageRating"))


def _review_count(page: StorePage) -> int | None:
    return whole(at(_listing(page), "reviewSummary", "totalReviews"))


def _distribution(page: StorePage) -> dict[str, int]:
    return distribution(at(_listing(page), "reviewSummary", "ratingCounts") or {})


def _reviews(page: StorePage) -> list[Review]:
    return [Review(rating=number(node.get("rating")), date=iso(node.get("publishedAt")),
                   text=clean(node.get("body")) or "", reply=clean(at(node, "response", "body")),
                   author=clean(at(node, "reviewer", "name")))
            for node in items(_listing(page).get("reviews")) if isinstance(node, dict)]


# ------------------------------------------------------------ links, details, dates


def _link(role: str) -> Source:
    """The island's link for `role` (its resources, or the support site)."""
    def read(page: StorePage) -> str | None:
        data = _listing(page)
        return next((url for path in _LINK_KEYS[role] if (url := absolute(at(data, *path), page.url))), None)
    return read


def _details(page: StorePage) -> dict[str, str]:
    """The island's facts the page shows rounded or apart: installs, certification, support, trial, dates."""
    data = _listing(page)
    support = data.get("support") or {}
    trial = whole(at(data, "pricing", "freeTrialDays"))
    certified = data.get("certified")
    pairs = {
        "Installs": grouped(whole(data.get("installCount"))),
        "HubSpot certified": ("Yes" if certified else "No") if isinstance(certified, bool) else None,
        "Support email": clean(at(support, "email")),
        "Support phone": clean(at(support, "phone")),
        "Support languages": ", ".join(unique(items(at(support, "languages")))) or None,
        "HubSpot features": ", ".join(unique(items(data.get("hubspotFeatures")))) or None,
        "Free trial": f"{trial} days" if trial else None,
        "Listed": iso(data.get("listedAt")),
        "Last updated": iso(data.get("updatedAt")),
    }
    return {label: value for label, value in pairs.items() if value}


def _published(page: StorePage) -> str | None:
    return iso(_listing(page).get("listedAt"))


def _updated(page: StorePage) -> str | None:
    return iso(_listing(page).get("updatedAt"))


def _gone(page: StorePage) -> bool:
    """The marketplace's "no longer available" page: a delisted status in the island, or the page saying so."""
    status = str(at(page.data, "listingStatus") or at(page.data, "listing", "status") or "").upper()
    if status in _GONE_STATUSES or at(page.data, "notFound") is True:
        return True
    return markup_has(page.html, _GONE_TEXT)


ADAPTER = StoreAdapter(
    store=profile_for("hubspot"),
    parse=lambda page: page_props(page.html),
    fields={
        "tagline": (_tagline,),
        "description": (_description,),
        "categories": (_categories,),
        "features": (_features,),
        "pricing_plans": (_plans,),
        "rating": (_rating,),
        "review_count": (_review_count,),
        "rating_distribution": (_distribution,),
        "reviews": (_reviews,),
        "data_access": (_shared_data,),
        "details": (_details,),
        "published": (_published,),
        "updated": (_updated,),
        **{f"links.{role}": (_link(role),) for role in LINK_ROLES},
    },
    markers=(r'"page":"/marketplace/apps/\[', r"static\.hsappstatic\.net/ecosystem-marketplace-ui"),
    gone=_gone,
    owned_pages=("legal.hubspot.com", "www.hubspot.com", "developers.hubspot.com", "knowledge.hubspot.com",
                 "community.hubspot.com"),
)
