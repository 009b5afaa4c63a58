"""Salesforce AppExchange (appexchange.salesforce.com/appxListingDetail?listingId=...).

Listing pages are Lightning (LWR/LWC) apps that render from a JSON island
(`<script type="application/json" id="appx-listing-data">`): `listing` holds the title, tagline, full
description, highlights, publisher, media carousel, taxonomy (categories, industries), languages,
technology (version, listed and release dates, security review), requirements (Salesforce editions,
compatible clouds, data access), pricing plans, support, legal (privacy, EULA), resources (installation
guide, docs, release notes) and the exact review summary; `reviews` holds the first page of reviews with
the provider's replies. The page shows the rating rounded ("4.6") and counts written reviews ("230
Reviews") where the data counts ratings (231), and a histogram in percentages only.

When the island is missing the rendered panels are read instead: the header, the Overview tab, the
Reviews tab and the "More Details" tab, whose Support / Legal / Resources / Provider sections hold the
vendor's links. The store's own links (global header, footer, the "AppExchange Terms of Use" disclaimer
under the install buttons) are never taken for the vendor's.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Tag

from auditor.extract.generic import extract_listing
from auditor.extract.stores._enterprise_common import (
    absolute,
    at,
    definition_pairs,
    distribution,
    image,
    img_of,
    integer,
    iso,
    labelled_role,
    links_from,
    listed,
    merge_links,
    number,
    parse_price,
    roles_of,
    says,
    section_links,
    soup_of,
    split_list,
    text,
    unique,
)
from auditor.extract.stores._legacy import StoreAdapter, json_in_script
from auditor.model import Listing, PricingPlan, Review

_ISLAND = r"<script[^>]*\bid=[\"']appx-listing-data[\"'][^>]*>\s*"
_INSTALL = re.compile(r"^(get it now|try it|test drive|free trial|install)$", re.I)
_RESOURCE_ROLES = {"installationguide": "setup", "setupguide": "setup", "documentation": "docs", "userguide": "docs",
                   "adminguide": "docs", "releasenotes": "changelog", "security": "security", "trust": "security",
                   "status": "status"}
_GONE = (r"this listing (is no longer available|isn'?t available|is not available|has been removed)",
         r"\blisting not found\b", r"we can'?t find (that|this) listing")
_GONE_STATUSES = ("delisted", "removed", "unavailable", "notfound")


def read(html: str, url: str) -> Listing:
    """The listing from the AppExchange JSON island, the rendered panels where it is missing."""
    listing = extract_listing(html, url)
    soup = soup_of(html)
    _from_page(listing, soup, url)
    data = json_in_script(html, _ISLAND)
    item = at(data, "listing")
    if isinstance(item, dict):
        _from_data(listing, item, at(data, "reviews", "items"), url)
    listing.available = not unavailable(html)
    return listing


def unavailable(html: str) -> bool:
    """True for AppExchange's "this listing is no longer available" page (or data that says so)."""
    status = str(at(json_in_script(html, _ISLAND), "listing", "status") or "").lower().replace(" ", "")
    if status in _GONE_STATUSES:
        return True
    return "appx-listing-data" not in html and says(html, _GONE)


# ---------------------------------------------------------------- embedded data


def _from_data(listing: Listing, item: dict[str, Any], reviews: Any, url: str) -> None:
    listing.name = text(item.get("title")) or listing.name
    listing.tagline = text(item.get("tagline")) or listing.tagline
    listing.description = text(item.get("fullDescription")) or text(item.get("description")) or listing.description
    listing.developer = text(at(item, "publisher", "name")) or listing.developer
    listing.categories = unique(text(c) for c in listed(at(item, "taxonomy", "categories"))) or listing.categories
    listing.features = unique(text(h) for h in listed(item.get("highlights"))) or listing.features
    carousel = listed(at(item, "media", "carousel"))
    shots = [image(url, m.get("url"), m.get("width"), m.get("height"), m.get("altText")) for m in carousel
             if isinstance(m, dict) and str(m.get("mediaType", "Image")).lower() == "image"]
    listing.screenshots = [s for s in shots if s] or listing.screenshots
    logos = [lg for lg in listed(item.get("logos")) if isinstance(lg, dict)]
    logo = next((lg for lg in logos if str(lg.get("logoType", "")).lower() == "logo"), logos[0] if logos else None)
    if logo:
        listing.icon = image(url, logo.get("url"), logo.get("width"), logo.get("height")) or listing.icon
    if isinstance(item.get("media"), dict):  # the carousel declares every video; none there means none
        videos = [v for v in listed(at(item, "media", "videos")) if isinstance(v, dict)]
        listing.video = absolute(url, videos[0].get("url")) if videos else None
    _pricing(listing, item.get("pricing"))
    summary = item.get("reviewsSummary")
    if isinstance(summary, dict):
        listing.review_count = integer(summary.get("ratingCount") if summary.get("ratingCount") is not None
                                       else summary.get("reviewCount"))
        listing.rating = number(summary.get("averageRating")) or None  # 0 means "no ratings yet", not a rating
        listing.rating_distribution = distribution((d.get("stars"), d.get("count"))
                                                   for d in listed(summary.get("distribution")) if isinstance(d, dict))
    if isinstance(reviews, list):
        listing.reviews = [r for r in (_review(r) for r in reviews if isinstance(r, dict)) if r.text or r.rating is not None]
    listing.links = links_from(merge_links(_data_links(item, url), roles_of(listing.links)))
    listing.languages = unique(text(lang) for lang in listed(item.get("languages"))) or listing.languages
    requirements = item.get("requirements") if isinstance(item.get("requirements"), dict) else {}
    editions = [f"{e} Edition" if not re.search(r"\bedition\b", e, re.I) else e
                for e in (text(x) for x in listed(requirements.get("editions"))) if e]
    listing.editions = unique([*(text(p) for p in listed(requirements.get("products"))), *editions]) or listing.editions
    listing.data_access = text(requirements.get("dataAccess")) or listing.data_access
    tech = item.get("technology") if isinstance(item.get("technology"), dict) else {}
    listing.published = iso(tech.get("listedDate")) or listing.published
    listing.updated = iso(tech.get("latestReleaseDate")) or listing.updated
    listing.details = _details(item, tech) or listing.details


def _pricing(listing: Listing, pricing: Any) -> None:
    if not isinstance(pricing, dict):
        return
    plans = []
    for plan in listed(pricing.get("plans")):
        if not isinstance(plan, dict) or not text(plan.get("name")):
            continue
        amount, currency = number(plan.get("price")), text(plan.get("currency"))
        if amount == 0:
            shown = "Free"
        elif amount is not None:
            shown = " ".join(p for p in (currency, f"{amount:g}", text(plan.get("unit")), text(plan.get("frequency"))) if p)
        else:
            shown = text(plan.get("displayPrice"))
        plans.append(PricingPlan(name=text(plan.get("name")) or "Plan", price=shown, amount=amount, currency=currency))
    listing.pricing_plans = plans or listing.pricing_plans
    if listing.pricing_text is None:
        model = text(pricing.get("model"))
        trial = at(pricing, "freeTrial", "lengthDays")
        parts = [model, "with a free version" if pricing.get("freeVersion") else None,
                 f"free trial: {trial} days" if trial else None]
        listing.pricing_text = ", ".join(p for p in parts if p) or None


def _review(node: dict[str, Any]) -> Review:
    reply = node.get("reply") if isinstance(node.get("reply"), dict) else {}
    title, body = text(node.get("title")), text(node.get("body"))
    return Review(rating=number(node.get("rating")), date=iso(node.get("createdDate")),
                  text=" ".join(p for p in (title, body) if p), reply=text(reply.get("body")),
                  author=text(at(node, "reviewer", "displayName")))


def _data_links(item: dict[str, Any], url: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {
        "privacy": absolute(url, at(item, "legal", "privacyPolicyUrl")),
        "terms": absolute(url, at(item, "legal", "eulaUrl") or at(item, "legal", "termsUrl")),
        "support": absolute(url, at(item, "support", "url")),
        "website": absolute(url, at(item, "publisher", "website")),
    }
    for resource in listed(item.get("resources")):
        if not isinstance(resource, dict):
            continue
        href = absolute(url, resource.get("url"))
        kind = str(resource.get("type") or "").lower().replace(" ", "").replace("_", "")
        role = _RESOURCE_ROLES.get(kind) or labelled_role(text(resource.get("title")), href)
        if href and role and not found.get(role):
            found[role] = href
    return found


def _details(item: dict[str, Any], tech: dict[str, Any]) -> dict[str, str]:
    review = tech.get("securityReview") if isinstance(tech.get("securityReview"), dict) else {}
    reviewed = iso(review.get("lastReviewedDate"))
    trial = at(item, "pricing", "freeTrial", "lengthDays")
    pairs = {
        "Version": text(tech.get("version")),
        "Package": text(tech.get("packageType")),
        "Listed On": iso(tech.get("listedDate")),
        "Latest Release": iso(tech.get("latestReleaseDate")),
        "Security Review": " ".join(p for p in (text(review.get("status")), f"({reviewed})" if reviewed else None) if p) or None,
        "Industries": ", ".join(unique(text(i) for i in listed(at(item, "taxonomy", "industries")))) or None,
        "Business Need": ", ".join(unique(text(i) for i in listed(at(item, "taxonomy", "businessNeeds")))) or None,
        "Free Trial": f"{trial} days" if trial else None,
        "Support Hours": text(at(item, "support", "hours")),
        "Support Email": text(at(item, "support", "email")),
        "Support Phone": text(at(item, "support", "phone")),
    }
    return {k: v for k, v in pairs.items() if v}


# ---------------------------------------------------------------- rendered page


def _from_page(listing: Listing, soup: BeautifulSoup, url: str) -> None:
    header = soup.select_one(".appx-listing-header")
    if header is not None:
        listing.name = text(header.find("h1")) or listing.name
        listing.developer = text(header.select_one(".appx-listing-header__provider a")) or listing.developer
        listing.tagline = text(header.select_one(".appx-listing-header__tagline")) or listing.tagline
        listing.icon = img_of(header.select_one(".appx-listing-header__logo"), url) or listing.icon
        listing.rating = number(text(header.select_one(".appx-rating__value"))) or listing.rating
        count = re.search(r"(\d[\d,]*)\s+reviews?", text(header.select_one(".appx-rating__count")) or "", re.I)
        listing.review_count = integer(count.group(1)) if count else listing.review_count
        actions = [text(a) for a in header.select(".appx-actions a, .appx-actions button")]
        listing.install_actions = unique(a for a in actions if a and _INSTALL.match(a)) or listing.install_actions
    listing.rating_distribution = {}  # the page shows percentages only; counts come from the data
    overview = soup.select_one("#tab-overview")
    if overview is not None:
        listing.description = text(overview.select_one(".appx-description")) or listing.description
        listing.features = unique(text(li) for li in overview.select(".appx-highlights li")) or listing.features
        shots = [img_of(li, url) for li in overview.select(".appx-carousel__item")]
        listing.screenshots = [s for s in shots if s] or listing.screenshots
        listing.pricing_plans = _page_plans(overview) or listing.pricing_plans
        pricing = overview.find(lambda t: t.name in ("h2", "h3") and text(t) == "Pricing")
        listing.pricing_text = text(pricing.find_next("p")) if pricing is not None else listing.pricing_text
        listing.categories = unique(text(a) for a in overview.select(".appx-categories a")) or listing.categories
        details = definition_pairs(overview.select_one(".appx-details"))
        if details:
            listing.details = {k: v for k, v in details.items() if k not in ("Categories", "Languages")}
            listing.languages = split_list(details.get("Languages")) or listing.languages
            listing.published = _dd_date(overview, "Listed On") or listing.published
            listing.updated = _dd_date(overview, "Latest Release") or listing.updated
    reviews = soup.select("#tab-reviews .appx-review")
    if reviews:
        listing.reviews = [_page_review(r) for r in reviews]
    more = soup.select_one("#tab-more-details")
    if more is not None:
        listing.links = links_from(section_links(more, url))
        requirements = definition_pairs(more.select_one("[aria-labelledby=md-requirements]"))
        editions = [f"{e} Edition" for e in split_list(requirements.get("Salesforce Edition"))]
        listing.editions = unique([*split_list(requirements.get("Compatible With")), *editions]) or listing.editions
        data = more.select_one("[aria-labelledby=md-data] p")
        listing.data_access = text(data) or listing.data_access


def _page_plans(overview: Tag) -> list[PricingPlan]:
    plans = []
    for card in overview.select(".appx-edition"):
        name, shown = text(card.select_one(".appx-edition__name")), text(card.select_one(".appx-edition__price"))
        if name:
            amount, currency = parse_price(shown)
            plans.append(PricingPlan(name=name, price=shown, amount=amount, currency=currency))
    return plans


def _page_review(block: Tag) -> Review:
    stars = block.select_one(".appx-stars[aria-label]")
    rating = re.search(r"([1-5](?:\.\d)?)\s*out of 5", str(stars.get("aria-label")) if stars else "")
    when = block.find("time")
    reply = block.select_one(".appx-review__reply")
    reply_text = text(reply.find_all("p")[-1]) if reply is not None and reply.find_all("p") else None
    title, body = text(block.select_one(".appx-review__title")), text(block.select_one(".appx-review__body"))
    return Review(rating=number(rating.group(1)) if rating else None,
                  date=iso(when.get("datetime")) or iso(text(when)) if when is not None else None,
                  text=" ".join(p for p in (title, body) if p), reply=reply_text,
                  author=text(block.select_one(".appx-review__author")))



def _dd_date(block: Tag, label: str) -> str | None:
    dt = block.find("dt", string=label)
    time = dt.find_next_sibling("dd").find("time") if dt is not None and dt.find_next_sibling("dd") else None
    return iso(time.get("datetime")) or iso(text(time)) if time is not None else None


ADAPTER = StoreAdapter(
    id="salesforce",
    name="Salesforce AppExchange",
    hosts=("appexchange.salesforce.com",),
    read=read,
    markers=(_ISLAND, r"<c-appx-listing-detail\b", r"<meta[^>]+og:site_name[^>]+content=[\"']Salesforce AppExchange[\"']"),
    unavailable=unavailable,
)
