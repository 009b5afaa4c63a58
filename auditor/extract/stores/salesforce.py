"""Salesforce AppExchange (appexchange.salesforce.com/appxListingDetail?listingId=...).

Listing pages are Lightning (LWR/LWC) apps that render from a JSON island
(`<script type="application/json" id="appx-listing-data">`): `listing` holds the title, tagline, full
description, highlights, publisher, media carousel, taxonomy (categories, industries), languages,
technology (version, listed and release dates, security review), requirements (Salesforce editions,
compatible clouds, data access), pricing plans, support, legal (privacy, EULA), resources (installation
guide, docs, release notes) and the exact review summary; `reviews` holds the first page of reviews with
the provider's replies. The page shows the rating rounded ("4.6") and counts written reviews ("230
Reviews") where the data counts ratings (231), and a histogram in percentages only.

Each field is read from the island first, then from the rendered panels: the header's actions, the Overview
tab (description, pricing cards and paragraph, the details box), the Reviews tab and the "More Details" tab,
whose Requirements, Data Access, Support, Legal, Resources and Provider sections hold the editions, the data
statement and the vendor's links. The generic reading already gets the name, provider, tagline, logo,
highlights, media, categories and languages right. The store's own links (global header, footer, the
"AppExchange Terms of Use" disclaimer under the install buttons) are never taken for the vendor's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bs4 import Tag

from auditor.extract.money import find_price
from auditor.extract.page import ListingPage
from auditor.extract.stores.base import Source, StoreAdapter, StorePage
from auditor.extract.stores.toolkit import (
    LINK_ROLES,
    absolute,
    anchor_roles,
    at,
    definition_pairs,
    distribution,
    iso,
    items,
    json_after,
    number,
    records_by_role,
    split_list,
    text,
    unique,
    whole,
)
from auditor.marketplaces import profile_for
from auditor.model import PricingPlan, Review

_ISLAND = r"<script[^>]*\bid=[\"']appx-listing-data[\"'][^>]*>\s*"
_INSTALL = re.compile(r"^(get it now|try it|test drive|free trial|install)$", re.I)
_STARS = re.compile(r"([1-5](?:\.\d)?)\s*out of 5", re.I)
_EDITION = re.compile(r"\bedition\b", re.I)
#: the island's resource types and the link roles they fill
_RESOURCE_ROLES = {"installationguide": "setup", "setupguide": "setup", "documentation": "docs", "userguide": "docs",
                   "adminguide": "docs", "releasenotes": "changelog", "security": "security", "trust": "security",
                   "status": "status"}
#: the island's own link fields per role
_DECLARED = {"privacy": (("legal", "privacyPolicyUrl"),), "terms": (("legal", "eulaUrl"), ("legal", "termsUrl")),
             "support": (("support", "url"),), "website": (("publisher", "website"),)}
_GONE = (r"this listing (is no longer available|isn'?t available|is not available|has been removed)",
         r"\blisting not found\b", r"we can'?t find (that|this) listing")
_GONE_STATUSES = ("delisted", "removed", "unavailable", "notfound")


@dataclass(frozen=True)
class Parts:
    """The island's listing and reviews (empty without an island), and the rendered panels, found once."""

    listing: dict[str, Any]
    reviews: list[Any]
    header: Tag | None
    overview: Tag | None
    review_blocks: list[Tag]
    more: Tag | None


def parts(page: ListingPage) -> Parts:
    """The island and the panels, by the store's own ids and class names."""
    island = json_after(page.html, _ISLAND)
    listing = at(island, "listing")
    return Parts(listing if isinstance(listing, dict) else {}, items(at(island, "reviews", "items")),
                 page.soup.select_one(".appx-listing-header"), page.soup.select_one("#tab-overview"),
                 page.soup.select("#tab-reviews .appx-review"), page.soup.select_one("#tab-more-details"))


def _parts(page: StorePage) -> Parts:
    return page.data


def _island(page: StorePage) -> dict[str, Any]:
    return _parts(page).listing


def _overview_text(page: StorePage, selector: str) -> str | None:
    overview = _parts(page).overview
    return text(overview.select_one(selector)) if overview is not None else None


# ------------------------------------------------------------ copy, requirements, data access


def _description(page: StorePage) -> str | None:
    """The full description (the island's `description` is the one-line summary)."""
    return text(_island(page).get("fullDescription")) or text(_island(page).get("description"))


def _description_shown(page: StorePage) -> str | None:
    return _overview_text(page, ".appx-description")


def _editions(page: StorePage) -> list[str]:
    """The compatible clouds, then the Salesforce editions ("Enterprise Edition")."""
    requirements = _island(page).get("requirements")
    editions = [e if _EDITION.search(e) else f"{e} Edition" for e in unique(items(at(requirements, "editions")))]
    return unique([*items(at(requirements, "products")), *editions])


def _requirements(page: StorePage) -> dict[str, str]:
    more = _parts(page).more
    return definition_pairs(more.select_one("[aria-labelledby=md-requirements]")) if more is not None else {}


def _editions_shown(page: StorePage) -> list[str]:
    shown = _requirements(page)
    editions = [f"{e} Edition" for e in split_list(shown.get("Salesforce Edition"), r",|;")]
    return unique([*split_list(shown.get("Compatible With"), r",|;"), *editions])


def _data_access(page: StorePage) -> str | None:
    return text(at(_island(page), "requirements", "dataAccess"))


def _data_access_shown(page: StorePage) -> str | None:
    more = _parts(page).more
    return text(more.select_one("[aria-labelledby=md-data] p")) if more is not None else None


def _install_actions(page: StorePage) -> list[str]:
    """The header's install buttons ("Get It Now", "Try It"), not its other buttons or links."""
    header = _parts(page).header
    actions = [text(a) for a in header.select(".appx-actions a, .appx-actions button")] if header is not None else []
    return unique(a for a in actions if a and _INSTALL.match(a))


# ------------------------------------------------------------ pricing


def _plans(page: StorePage) -> list[PricingPlan]:
    plans = []
    for plan in items(at(_island(page), "pricing", "plans")):
        name = text(at(plan, "name"))
        if name:
            amount, currency = number(plan.get("price")), text(plan.get("currency"))
            plans.append(PricingPlan(name=name, price=_shown_price(plan, amount, currency), amount=amount,
                                     currency=currency))
    return plans


def _shown_price(plan: dict[str, Any], amount: float | None, currency: str | None) -> str | None:
    """A plan's price as the page writes it: "Free", "USD 35 per user per month", or its display price."""
    if amount == 0:
        return "Free"
    if amount is None:
        return text(plan.get("displayPrice"))
    return " ".join(p for p in (currency, f"{amount:g}", text(plan.get("unit")), text(plan.get("frequency"))) if p)


def _plans_shown(page: StorePage) -> list[PricingPlan]:
    overview = _parts(page).overview
    plans = []
    for card in overview.select(".appx-edition") if overview is not None else []:
        name, shown = text(card.select_one(".appx-edition__name")), text(card.select_one(".appx-edition__price"))
        if name:
            price = find_price(shown or "")
            plans.append(PricingPlan(name=name, price=shown, amount=price.amount if price else None,
                                     currency=price.currency if price else None))
    return plans


def _pricing_shown(page: StorePage) -> str | None:
    """The paragraph under the Overview's "Pricing" heading ("Paid, with a free version. Free trial: 30 days.")."""
    overview = _parts(page).overview
    heading = overview.find(lambda t: t.name in ("h2", "h3") and text(t) == "Pricing") if overview is not None else None
    return text(heading.find_next("p")) if isinstance(heading, Tag) else None


def _pricing_summary(page: StorePage) -> str | None:
    """The island's pricing model, free version and trial as one line."""
    pricing = _island(page).get("pricing")
    if not isinstance(pricing, dict):
        return None
    trial = at(pricing, "freeTrial", "lengthDays")
    parts = [text(pricing.get("model")), "with a free version" if pricing.get("freeVersion") else None,
             f"free trial: {trial} days" if trial else None]
    return ", ".join(p for p in parts if p) or None


# ------------------------------------------------------------ ratings and reviews


def _rating(page: StorePage) -> float | None:
    """The exact average; 0 means "no ratings yet", not a rating."""
    return number(at(_island(page), "reviewsSummary", "averageRating")) or None


def _rating_count(page: StorePage) -> int | None:
    """The number of ratings (the page counts written reviews)."""
    summary = _island(page).get("reviewsSummary")
    count = at(summary, "ratingCount")
    return whole(count if count is not None else at(summary, "reviewCount"))


def _distribution(page: StorePage) -> dict[str, int]:
    return distribution(at(_island(page), "reviewsSummary", "distribution"))


def _reviews(page: StorePage) -> list[Review]:
    reviews = [_review(r) for r in _parts(page).reviews if isinstance(r, dict)]
    return [r for r in reviews if r.text or r.rating is not None]


def _review(node: dict[str, Any]) -> Review:
    title, body = text(node.get("title")), text(node.get("body"))
    return Review(rating=number(node.get("rating")), date=iso(node.get("createdDate")),
                  text=" ".join(p for p in (title, body) if p), reply=text(at(node, "reply", "body")),
                  author=text(at(node, "reviewer", "displayName")))


def _reviews_shown(page: StorePage) -> list[Review]:
    return [_review_shown(block) for block in _parts(page).review_blocks]


def _review_shown(block: Tag) -> Review:
    stars = block.select_one(".appx-stars[aria-label]")
    rating = _STARS.search(str(stars.get("aria-label")) if stars is not None else "")
    when = block.find("time")
    reply = block.select_one(".appx-review__reply")
    answers = reply.find_all("p") if reply is not None else []
    title, body = text(block.select_one(".appx-review__title")), text(block.select_one(".appx-review__body"))
    return Review(rating=number(rating.group(1)) if rating else None,
                  date=(iso(when.get("datetime")) or iso(text(when))) if isinstance(when, Tag) else None,
                  text=" ".join(p for p in (title, body) if p), reply=text(answers[-1]) if answers else None,
                  author=text(block.select_one(".appx-review__author")))


# ------------------------------------------------------------ links


def _link(role: str) -> Source:
    """The island's link for `role`: its legal, support and publisher fields, then its typed resources."""
    def read(page: StorePage) -> str | None:
        item = _island(page)
        declared = (absolute(at(item, *path), page.url) for path in _DECLARED.get(role, ()))
        return next((url for url in declared if url), None) or _resources(page).get(role)
    return read


def _resources(page: StorePage) -> dict[str, str]:
    """The island's resources by role: their type, else their title and URL."""
    def typed(resource: Any) -> str | None:
        return _RESOURCE_ROLES.get(str(at(resource, "type") or "").lower().replace(" ", "").replace("_", ""))
    return records_by_role(items(_island(page).get("resources")), page.url, url="url", label="title", typed=typed)


def _link_shown(role: str) -> Source:
    """The More Details tab's link for `role` (Support, Legal, Resources, Provider); the tab's Support and
    Provider rows hold e-mail addresses as details."""
    def read(page: StorePage) -> str | None:
        return anchor_roles(_parts(page).more, page.url, ADAPTER.owns_or_mail).get(role)
    return read


# ------------------------------------------------------------ details and dates


def _details(page: StorePage) -> dict[str, str]:
    """The island's technology, taxonomy, trial and support facts."""
    item = _island(page)
    tech = item.get("technology")
    reviewed = iso(at(tech, "securityReview", "lastReviewedDate"))
    trial = at(item, "pricing", "freeTrial", "lengthDays")
    pairs = {
        "Version": text(at(tech, "version")),
        "Package": text(at(tech, "packageType")),
        "Listed On": iso(at(tech, "listedDate")),
        "Latest Release": iso(at(tech, "latestReleaseDate")),
        "Security Review": " ".join(p for p in (text(at(tech, "securityReview", "status")),
                                                f"({reviewed})" if reviewed else None) if p) or None,
        "Industries": ", ".join(unique(items(at(item, "taxonomy", "industries")))) or None,
        "Business Need": ", ".join(unique(items(at(item, "taxonomy", "businessNeeds")))) or None,
        "Free Trial": f"{trial} days" if trial else None,
        "Support Hours": text(at(item, "support", "hours")),
        "Support Email": text(at(item, "support", "email")),
        "Support Phone": text(at(item, "support", "phone")),
    }
    return {k: v for k, v in pairs.items() if v}


def _details_shown(page: StorePage) -> dict[str, str]:
    """The Overview's details box, less the categories and languages read as their own fields."""
    overview = _parts(page).overview
    shown = definition_pairs(overview.select_one(".appx-details")) if overview is not None else {}
    return {k: v for k, v in shown.items() if k not in ("Categories", "Languages")}


def _listed(page: StorePage) -> str | None:
    return iso(at(_island(page), "technology", "listedDate"))


def _released(page: StorePage) -> str | None:
    return iso(at(_island(page), "technology", "latestReleaseDate"))


def _date_shown(label: str) -> Source:
    """The <time> of the Overview details box's row `label` ("Listed On", "Latest Release")."""
    def read(page: StorePage) -> str | None:
        overview = _parts(page).overview
        dt = overview.find("dt", string=label) if overview is not None else None
        dd = dt.find_next_sibling("dd") if isinstance(dt, Tag) else None
        when = dd.find("time") if isinstance(dd, Tag) else None
        return (iso(when.get("datetime")) or iso(text(when))) if isinstance(when, Tag) else None
    return read


def _gone(page: StorePage) -> bool:
    """AppExchange's "this listing is no longer available" page, or an island that says so."""
    status = str(_island(page).get("status") or "").lower().replace(" ", "")
    if status in _GONE_STATUSES:
        return True
    shown = page.page.text[:20_000]
    return "appx-listing-data" not in page.html and any(re.search(p, shown, re.I) for p in _GONE)


ADAPTER = StoreAdapter(
    store=profile_for("salesforce"),
    parse=parts,
    fields={
        "description": (_description, _description_shown),
        "editions": (_editions, _editions_shown),
        "data_access": (_data_access, _data_access_shown),
        "install_actions": (_install_actions,),
        "pricing_plans": (_plans, _plans_shown),
        "pricing_text": (_pricing_shown, _pricing_summary),
        "rating": (_rating,),
        "review_count": (_rating_count,),
        "rating_distribution": (_distribution,),
        "reviews": (_reviews, _reviews_shown),
        "details": (_details, _details_shown),
        "published": (_listed, _date_shown("Listed On")),
        "updated": (_released, _date_shown("Latest Release")),
        **{f"links.{role}": (_link(role), _link_shown(role)) for role in LINK_ROLES},
    },
    markers=(_ISLAND, r"<c-appx-listing-detail\b",
             r"<meta[^>]+og:site_name[^>]+content=[\"']Salesforce AppExchange[\"']"),
    gone=_gone,
    owned_pages=("www.salesforce.com", "trust.salesforce.com", "help.salesforce.com", "partners.salesforce.com"),
)
