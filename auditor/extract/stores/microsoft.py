"""Microsoft AppSource / Teams store (appsource.microsoft.com and marketplace.microsoft.com /en-us/product/<type>/<id>).

Product pages are React apps whose state arrives in `window.__INITIAL_STATE__`: `apps.dataMap[<id>]` is
the offer as the marketplace catalog describes it (displayName, publisherDisplayName, shortDescription,
description as HTML (read as text with each link's URL kept), images, videos, supported products, categories,
industries, languages, version, lastModifiedDateTime, releaseDate, legalTermsUri, privacyPolicyUri, supportUri,
helpLink, websiteUri, usefulLinks, Teams permissions, certification, ratingAverage, ratingCount and plans with
their availabilities and monthly/annual terms), and `reviews[<id>]` the rating histogram and the first reviews
with publisher replies. The page shows the rating rounded ("4.7 out of 5") and counts written reviews
("79 reviews") where the data counts ratings (83).

Each field is read from the state blob first, then from the rendered tabs: "Overview" (the description body
and its side facts), "Plans + Pricing", "Ratings + reviews" and "Details + support" (the facts list, the
permissions, and the Legal, Support and "Learn more" links of the publisher). The generic reading already
gets the name, publisher, tagline, icon, features, media, install button and languages right. The store's own
links (Microsoft's header and footer, the consent text's AppSource terms and privacy statement, the
Microsoft 365 certification page) are never taken for the publisher's.
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
    html_text,
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
from auditor.urls import parse_url

_STATE = r"window\.__INITIAL_STATE__\s*=\s*"
_PRODUCT_ID = re.compile(r"/product/[^/]+/([^/?#]+)", re.I)
_STARS = re.compile(r"([1-5](?:\.\d)?)\s*out of 5", re.I)
_PRICING_TYPES = {"free": "Free", "freetrial": "Free trial", "paid": "Paid", "byol": "Bring your own license"}
#: the offer's own link fields per role
_DECLARED = {"privacy": "privacyPolicyUri", "terms": "legalTermsUri", "support": "supportUri", "docs": "helpLink",
             "website": "websiteUri"}
_PERMISSIONS = "This app will have permission to: "
_GONE = (r"(this (app|offer|product)|the (app|offer|product) you.{0,20}looking for) (is|isn'?t|is not) "
         r"(no longer )?available",
         r"no longer available (on|in) (microsoft )?(appsource|marketplace)",
         r"we couldn'?t find (that|this) (app|offer|product)")
#: lists on the page are written "Teams; Outlook" or "Teams, Outlook"
_LIST = r",|;"


@dataclass(frozen=True)
class Parts:
    """The offer and its reviews in the state blob (empty without one), and the rendered tabs, found once."""

    product: dict[str, Any]
    reviews: dict[str, Any]
    overview: Tag | None
    plan_rows: list[Tag]
    review_blocks: list[Tag]
    details: Tag | None


def parts(page: ListingPage) -> Parts:
    """The state blob's offer and the tabs, by the store's own ids and class names."""
    state = json_after(page.html, _STATE)
    product_id, product = offer(state, page.url)
    reviews = at(state, "reviews", product_id) if product_id else None
    return Parts(product or {}, reviews if isinstance(reviews, dict) else {}, page.soup.select_one("#overview"),
                 page.soup.select("#plans tbody tr"), page.soup.select("#reviews .reviewItem"),
                 page.soup.select_one("#details"))


def offer(state: Any, url: str) -> tuple[str | None, dict[str, Any] | None]:
    """The offer in the state blob: the one the URL names, the active one, or the only one."""
    data_map = at(state, "apps", "dataMap")
    if not isinstance(data_map, dict) or not data_map:
        return None, None
    parsed = parse_url(url)
    wanted = _PRODUCT_ID.search(parsed.path if parsed is not None else "")
    keys = {k.lower(): k for k in data_map}
    for candidate in (wanted.group(1) if wanted else None, at(state, "apps", "activeId")):
        if isinstance(candidate, str) and candidate.lower() in keys:
            key = keys[candidate.lower()]
            return key, data_map[key] if isinstance(data_map[key], dict) else None
    if len(data_map) == 1:
        key = next(iter(data_map))
        return key, data_map[key] if isinstance(data_map[key], dict) else None
    return None, None


def _parts(page: StorePage) -> Parts:
    return page.data


def _product(page: StorePage) -> dict[str, Any]:
    return _parts(page).product


def _details_pairs(page: StorePage) -> dict[str, str]:
    """The "Details + support" tab's facts (Version, Updated, Products, Categories, ...)."""
    return definition_pairs(_parts(page).details)


# ------------------------------------------------------------ copy, media, products


def _description(page: StorePage) -> str | None:
    return html_text(_product(page).get("description"), keep_links=True)


def _description_shown(page: StorePage) -> str | None:
    overview = _parts(page).overview
    body = overview.select_one(".descriptionBody") if overview is not None else None
    return html_text(str(body), keep_links=True) if body is not None else None


def _categories(page: StorePage) -> list[str]:
    return unique(at(c, "title") for c in items(_product(page).get("categoriesDetails")))


def _categories_shown(page: StorePage) -> list[str]:
    return split_list(_details_pairs(page).get("Categories"), _LIST)


def _video(page: StorePage) -> str | None:
    return absolute(at(_product(page), "videos", 0, "videoLink"), page.url)


def _editions(page: StorePage) -> list[str]:
    """The Microsoft products the app works with ("Teams", "Outlook")."""
    product = _product(page)
    return unique(at(p, "displayName") for p in items(product.get("supportedProducts"))) \
        or unique(items(product.get("products")))


def _editions_shown(page: StorePage) -> list[str]:
    return split_list(_details_pairs(page).get("Products"), _LIST)


def _data_access(page: StorePage) -> str | None:
    permissions = [p for p in (text(x) for x in items(_product(page).get("permissions"))) if p]
    return _PERMISSIONS + " ".join(permissions) if permissions else None


def _data_access_shown(page: StorePage) -> str | None:
    details = _parts(page).details
    shown = (text(li) for li in details.select(".permissionsList li")) if details is not None else ()
    permissions = [p for p in shown if p]
    return _PERMISSIONS + " ".join(permissions) if permissions else None


# ------------------------------------------------------------ pricing


def _plans(page: StorePage) -> list[PricingPlan]:
    return [p for p in (_plan(p) for p in items(_product(page).get("plans")) if isinstance(p, dict)) if p]


def _plan(plan: dict[str, Any]) -> PricingPlan | None:
    """A plan priced by its monthly term (the annual one when there is no monthly), as the Plans tab shows it."""
    name = text(plan.get("displayName"))
    if not name:
        return None
    terms = [t for a in items(plan.get("availabilities")) for t in items(at(a, "terms")) if isinstance(t, dict)]
    term = next((t for t in terms if t.get("termUnit") == "P1M"), terms[0] if terms else None)
    if term is None:
        return PricingPlan(name=name)
    amount, currency = number(at(term, "price", "listPrice")), text(at(term, "price", "currencyCode"))
    return PricingPlan(name=name, price=_shown_price(term, amount, currency), amount=amount, currency=currency)


def _shown_price(term: dict[str, Any], amount: float | None, currency: str | None) -> str | None:
    """A term's price as the Plans tab writes it: "Free", "$3.50 user/month"."""
    if amount == 0:
        return "Free"
    if amount is None:
        return None
    unit = {"P1M": "user/month", "P1Y": "user/year"}.get(str(term.get("termUnit")))
    money = f"${amount:,.2f}" if currency == "USD" else f"{amount:,.2f} {currency or ''}".strip()
    return f"{money} {text(term.get('billingPlan')) or unit or ''}".strip()


def _plans_shown(page: StorePage) -> list[PricingPlan]:
    plans = []
    for row in _parts(page).plan_rows:
        cells = row.find_all(["th", "td"])
        shown = text(row.select_one(".plan-price"))
        price = find_price(shown or "")
        plans.append(PricingPlan(name=(text(cells[0]) if cells else None) or "Plan", price=shown,
                                 amount=price.amount if price else None, currency=price.currency if price else None))
    return plans


def _pricing_text(page: StorePage) -> str | None:
    """The offer's pricing types ("Free, Free trial, Paid")."""
    types = [_PRICING_TYPES.get(str(t).lower(), str(t)) for t in items(_product(page).get("pricingTypes"))]
    return ", ".join(types) or None


def _pricing_text_shown(page: StorePage) -> str | None:
    overview = _parts(page).overview
    side = definition_pairs(overview.select_one(".sideMeta") or overview) if overview is not None else {}
    return side.get("Pricing")


# ------------------------------------------------------------ ratings and reviews


def _summary(page: StorePage) -> tuple[Any, Any]:
    """The average and the number of ratings: the offer's own, else its reviews' summary."""
    product, summary = _product(page), at(_parts(page).reviews, "summary")
    average = product.get("ratingAverage")
    count = product.get("ratingCount")
    return (average if average is not None else at(summary, "averageRating"),
            count if count is not None else at(summary, "totalRatings"))


def _rating(page: StorePage) -> float | None:
    """The exact average; 0 means "no ratings yet", not a rating."""
    return number(_summary(page)[0]) or None


def _rating_count(page: StorePage) -> int | None:
    """The number of ratings (the page counts written reviews)."""
    return whole(_summary(page)[1])


def _distribution(page: StorePage) -> dict[str, int]:
    return distribution(at(_parts(page).reviews, "summary", "histogram") or {})


def _reviews(page: StorePage) -> list[Review]:
    return [_review(r) for r in items(at(_parts(page).reviews, "items")) if isinstance(r, dict)]


def _review(node: dict[str, Any]) -> Review:
    title, body = text(node.get("title")), text(node.get("content"))
    return Review(rating=number(node.get("rating")), date=iso(node.get("createdDate")),
                  text=" ".join(p for p in (title, body) if p), reply=text(at(node, "publisherReply", "content")),
                  author=text(node.get("userName")))


def _reviews_shown(page: StorePage) -> list[Review]:
    return [_review_shown(block) for block in _parts(page).review_blocks]


def _review_shown(block: Tag) -> Review:
    stars = block.select_one("[aria-label*='out of 5']")
    rating = _STARS.search(str(stars.get("aria-label")) if stars is not None else "")
    reply = block.select_one(".publisherResponse")
    answers = reply.find_all("p") if reply is not None else []
    title, body = text(block.select_one(".reviewTitle")), text(block.select_one(".reviewText"))
    meta = text(block.select_one(".reviewMeta")) or ""
    return Review(rating=number(rating.group(1)) if rating else None, date=iso(meta.split("·")[-1].strip()),
                  text=" ".join(p for p in (title, body) if p), reply=text(answers[-1]) if answers else None,
                  author=text(block.select_one(".reviewer")))


# ------------------------------------------------------------ links


def _link(role: str) -> Source:
    """The offer's link for `role`: its own link fields, then its "useful links" by their names."""
    def read(page: StorePage) -> str | None:
        product = _product(page)
        declared = absolute(product.get(_DECLARED[role]), page.url) if role in _DECLARED else None
        return declared or _useful_links(page).get(role)
    return read


def _useful_links(page: StorePage) -> dict[str, str]:
    return records_by_role(items(_product(page).get("usefulLinks")), page.url, url="uri", label="displayName")


def _link_shown(role: str) -> Source:
    """The "Details + support" tab's link for `role` (Legal, Support, Learn more); a support address there is a
    detail, not the support site."""
    def read(page: StorePage) -> str | None:
        return anchor_roles(_parts(page).details, page.url, ADAPTER.owns_or_mail).get(role)
    return read


# ------------------------------------------------------------ details and dates


def _details(page: StorePage) -> dict[str, str]:
    """The offer's facts as the Details tab lists them."""
    product = _product(page)
    if not product:
        return {}
    products = _editions(page) or _editions_shown(page)
    pairs = {
        "Publisher": text(product.get("publisherDisplayName")) or page.generic.developer,
        "Version": text(product.get("version")),
        "Updated": iso(product.get("lastModifiedDateTime")),
        "Released": iso(product.get("releaseDate")),
        "Products": ", ".join(products) or None,
        "Industries": ", ".join(unique(items(product.get("industries")))) or None,
        "Compliance": text(at(product, "certification", "displayName")),
    }
    return {k: v for k, v in pairs.items() if v}


def _published(page: StorePage) -> str | None:
    return iso(_product(page).get("releaseDate"))


def _updated(page: StorePage) -> str | None:
    return iso(_product(page).get("lastModifiedDateTime"))


def _updated_shown(page: StorePage) -> str | None:
    return iso(_details_pairs(page).get("Updated"))


def _gone(page: StorePage) -> bool:
    """AppSource's "this app is no longer available" page: no offer in the state, and the page says so."""
    shown = page.page.text[:20_000]
    return not _product(page) and any(re.search(p, shown, re.I) for p in _GONE)


ADAPTER = StoreAdapter(
    store=profile_for("microsoft"),
    parse=parts,
    fields={
        "description": (_description, _description_shown),
        "categories": (_categories, _categories_shown),
        "video": (_video,),
        "editions": (_editions, _editions_shown),
        "data_access": (_data_access, _data_access_shown),
        "pricing_plans": (_plans, _plans_shown),
        "pricing_text": (_pricing_text, _pricing_text_shown),
        "rating": (_rating,),
        "review_count": (_rating_count,),
        "rating_distribution": (_distribution,),
        "reviews": (_reviews, _reviews_shown),
        "details": (_details, _details_pairs),
        "published": (_published,),
        "updated": (_updated, _updated_shown),
        **{f"links.{role}": (_link(role), _link_shown(role)) for role in LINK_ROLES},
    },
    markers=(r"<meta[^>]+og:site_name[^>]+content=[\"']Microsoft (AppSource|Marketplace)[\"']",
             r"<title>[^<]*\| Microsoft (AppSource|Marketplace)</title>",
             r"<meta[^>]+name=[\"']ms\.prod[\"'][^>]+content=[\"']appsource[\"']"),
    gone=_gone,
    owned_pages=("www.microsoft.com", "go.microsoft.com", "privacy.microsoft.com", "support.microsoft.com",
                 "learn.microsoft.com/en-us/microsoft-365-app-certification", "techcommunity.microsoft.com",
                 "partner.microsoft.com"),
)
