"""Microsoft AppSource / Teams store (appsource.microsoft.com and marketplace.microsoft.com /en-us/product/<type>/<id>).

Product pages are React apps whose state arrives in `window.__INITIAL_STATE__`: `apps.dataMap[<id>]` is
the offer as the marketplace catalog describes it (displayName, publisherDisplayName, shortDescription,
description as HTML (read as text with each link's URL kept), images, videos, supported products, categories, industries, languages, version,
lastModifiedDateTime, releaseDate, legalTermsUri, privacyPolicyUri, supportUri, helpLink, websiteUri,
usefulLinks, Teams permissions, certification, ratingAverage, ratingCount and plans with their
availabilities and monthly/annual terms), and `reviews[<id>]` the rating histogram and the first reviews
with publisher replies. The page shows the rating rounded ("4.7 out of 5") and counts written reviews
("79 reviews") where the data counts ratings (83).

Without the state blob the rendered tabs are read: the header, "Overview", "Plans + Pricing", "Ratings +
reviews" and "Details + support" (Legal, Support and "Learn more" hold the publisher's links). The
store's own links (Microsoft's header and footer, the consent text's AppSource terms and privacy
statement, the Microsoft 365 certification page) are never taken for the publisher's.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from auditor.extract.generic import extract_listing
from auditor.extract.stores._enterprise_common import (
    absolute,
    at,
    definition_pairs,
    distribution,
    html_text,
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

_STATE = r"window\.__INITIAL_STATE__\s*=\s*"
_PRODUCT_ID = re.compile(r"/product/[^/]+/([^/?#]+)", re.I)
_CTA = {"getitnow": "Get it now", "freetrial": "Free trial", "contactme": "Contact me", "testdrive": "Test drive",
        "buynow": "Buy now"}
_INSTALL = re.compile(r"^(get it now|free trial|try free|contact me|test drive|buy now)$", re.I)
_PRICING_TYPES = {"free": "Free", "freetrial": "Free trial", "paid": "Paid", "byol": "Bring your own license"}
_GONE = (r"(this (app|offer|product)|the (app|offer|product) you.{0,20}looking for) (is|isn'?t|is not) (no longer )?available",
         r"no longer available (on|in) (microsoft )?(appsource|marketplace)", r"we couldn'?t find (that|this) (app|offer|product)")


def read(html: str, url: str) -> Listing:
    """The listing from the page's state blob, the rendered tabs where it is missing."""
    listing = extract_listing(html, url)
    soup = soup_of(html)
    _from_page(listing, soup, url)
    state = json_in_script(html, _STATE)
    product_id, product = _product(state, url)
    if product is not None:
        _from_data(listing, product, at(state, "reviews", product_id) if product_id else None, url)
    listing.available = not unavailable(html)
    return listing


def unavailable(html: str) -> bool:
    """True for AppSource's "this app is no longer available" page."""
    return _product(json_in_script(html, _STATE), "")[1] is None and says(html, _GONE)


def _product(state: Any, url: str) -> tuple[str | None, dict[str, Any] | None]:
    """The offer in the state blob: the one the URL names, the active one, or the only one."""
    data_map = at(state, "apps", "dataMap")
    if not isinstance(data_map, dict) or not data_map:
        return None, None
    wanted = _PRODUCT_ID.search(urlsplit(url).path)
    keys = {k.lower(): k for k in data_map}
    for candidate in (wanted.group(1) if wanted else None, at(state, "apps", "activeId")):
        if isinstance(candidate, str) and candidate.lower() in keys:
            key = keys[candidate.lower()]
            return key, data_map[key] if isinstance(data_map[key], dict) else None
    if len(data_map) == 1:
        key = next(iter(data_map))
        return key, data_map[key] if isinstance(data_map[key], dict) else None
    return None, None


# ---------------------------------------------------------------- embedded data


def _from_data(listing: Listing, product: dict[str, Any], reviews: Any, url: str) -> None:
    listing.name = text(product.get("displayName") or product.get("title")) or listing.name
    listing.tagline = text(product.get("shortDescription")) or listing.tagline
    listing.description = html_text(product.get("description"), keep_links=True) or listing.description
    listing.developer = text(product.get("publisherDisplayName")) or listing.developer
    listing.features = _features(product.get("description")) or listing.features
    listing.categories = unique(text(c.get("title")) for c in listed(product.get("categoriesDetails")) if isinstance(c, dict)) \
        or listing.categories
    shots = [image(url, i.get("uri"), i.get("width"), i.get("height"), i.get("caption")) for i in listed(product.get("images"))
             if isinstance(i, dict) and str(i.get("type", "Screenshot")).lower() == "screenshot"]
    listing.screenshots = [s for s in shots if s] or listing.screenshots
    listing.icon = image(url, product.get("largeIconUri"), product.get("iconWidth"), product.get("iconHeight")) or listing.icon
    if isinstance(product.get("videos"), list):
        videos = [v for v in product["videos"] if isinstance(v, dict)]
        listing.video = absolute(url, videos[0].get("videoLink")) if videos else None
    plans = [p for p in (_plan(p) for p in listed(product.get("plans")) if isinstance(p, dict)) if p]
    listing.pricing_plans = plans or listing.pricing_plans
    types = [_PRICING_TYPES.get(str(t).lower(), str(t)) for t in listed(product.get("pricingTypes"))]
    listing.pricing_text = ", ".join(types) or listing.pricing_text
    summary = at(reviews, "summary") if isinstance(at(reviews, "summary"), dict) else {}
    average = product.get("ratingAverage") if product.get("ratingAverage") is not None else summary.get("averageRating")
    count = product.get("ratingCount") if product.get("ratingCount") is not None else summary.get("totalRatings")
    if average is not None or count is not None:
        listing.rating = number(average) or None  # 0 means "no ratings yet", not a rating
        listing.review_count = integer(count)
        histogram = summary.get("histogram")
        listing.rating_distribution = distribution(histogram.items()) if isinstance(histogram, dict) else {}
    items = at(reviews, "items")
    if isinstance(items, list):
        listing.reviews = [_review(r) for r in items if isinstance(r, dict)]
    listing.links = links_from(merge_links(_data_links(product, url), roles_of(listing.links)))
    ctas = [_CTA.get(str(c).lower()) for c in listed(product.get("ctaTypes"))]
    listing.install_actions = listing.install_actions or unique(ctas)
    listing.languages = unique(text(lang) for lang in listed(product.get("languages"))) or listing.languages
    products = [text(p.get("displayName")) for p in listed(product.get("supportedProducts")) if isinstance(p, dict)]
    listing.editions = unique(products) or unique(text(p) for p in listed(product.get("products"))) or listing.editions
    permissions = [text(p) for p in listed(product.get("permissions"))]
    if any(permissions):
        listing.data_access = "This app will have permission to: " + " ".join(p for p in permissions if p)
    listing.published = iso(product.get("releaseDate")) or listing.published
    listing.updated = iso(product.get("lastModifiedDateTime")) or listing.updated
    details = {
        "Publisher": listing.developer,
        "Version": text(product.get("version")),
        "Updated": iso(product.get("lastModifiedDateTime")),
        "Released": iso(product.get("releaseDate")),
        "Products": ", ".join(listing.editions) or None,
        "Industries": ", ".join(unique(text(i) for i in listed(product.get("industries")))) or None,
        "Compliance": text(at(product, "certification", "displayName")),
    }
    listing.details = {k: v for k, v in details.items() if v} or listing.details


def _plan(plan: dict[str, Any]) -> PricingPlan | None:
    """A plan priced by its monthly term (the annual one when there is no monthly), as the Plans tab shows it."""
    name = text(plan.get("displayName"))
    if not name:
        return None
    terms = [t for a in listed(plan.get("availabilities")) if isinstance(a, dict)
             for t in listed(a.get("terms")) if isinstance(t, dict)]
    term = next((t for t in terms if t.get("termUnit") == "P1M"), terms[0] if terms else None)
    if term is None:
        return PricingPlan(name=name)
    amount, currency = number(at(term, "price", "listPrice")), text(at(term, "price", "currencyCode"))
    unit = "user/month" if term.get("termUnit") == "P1M" else "user/year" if term.get("termUnit") == "P1Y" else None
    if amount == 0:
        shown = "Free"
    elif amount is not None:
        money = f"${amount:,.2f}" if currency == "USD" else f"{amount:,.2f} {currency or ''}".strip()
        shown = f"{money} {text(term.get('billingPlan')) or unit or ''}".strip()
    else:
        shown = None
    return PricingPlan(name=name, price=shown, amount=amount, currency=currency)


def _review(node: dict[str, Any]) -> Review:
    reply = node.get("publisherReply") if isinstance(node.get("publisherReply"), dict) else {}
    title, body = text(node.get("title")), text(node.get("content"))
    return Review(rating=number(node.get("rating")), date=iso(node.get("createdDate")),
                  text=" ".join(p for p in (title, body) if p), reply=text(reply.get("content")), author=text(node.get("userName")))


def _data_links(product: dict[str, Any], url: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {
        "privacy": absolute(url, product.get("privacyPolicyUri")),
        "terms": absolute(url, product.get("legalTermsUri")),
        "support": absolute(url, product.get("supportUri")),
        "docs": absolute(url, product.get("helpLink")),
        "website": absolute(url, product.get("websiteUri")),
    }
    for link in listed(product.get("usefulLinks")):
        if not isinstance(link, dict):
            continue
        href = absolute(url, link.get("uri"))
        role = labelled_role(text(link.get("displayName")), href)
        if href and role and not found.get(role):
            found[role] = href
    return found


def _features(description: Any) -> list[str]:
    """The list under the description's "features" heading (or its first list)."""
    if not isinstance(description, str) or "<li" not in description:
        return []
    fragment = BeautifulSoup(description, "lxml")
    heading = fragment.find(lambda t: t.name in ("h2", "h3", "h4", "p", "strong") and re.search(r"feature|highlight", text(t) or "", re.I))
    lst = heading.find_next(["ul", "ol"]) if heading is not None else fragment.find(["ul", "ol"])
    return unique(text(li) for li in lst.find_all("li")) if lst is not None else []


# ---------------------------------------------------------------- rendered page


def _from_page(listing: Listing, soup: BeautifulSoup, url: str) -> None:
    header = soup.select_one(".detailsHeader")
    if header is not None:
        listing.name = text(header.find("h1")) or listing.name
        listing.developer = text(header.select_one(".publisher")) or listing.developer
        listing.tagline = text(header.select_one(".shortDescription")) or listing.tagline
        listing.icon = img_of(header.select_one("img.appIcon"), url) or listing.icon
        summary = text(header.select_one(".ratingSummary")) or ""
        rating = re.search(r"([1-5](?:\.\d+)?)\s*out of 5", summary)
        count = re.search(r"(\d[\d,]*)\s*(reviews|ratings)", summary)
        listing.rating = number(rating.group(1)) if rating else listing.rating
        listing.review_count = integer(count.group(1)) if count else listing.review_count
        actions = [text(a) for a in header.select(".ctaBlock a.ms-Button, .ctaBlock button")]
        listing.install_actions = unique(a for a in actions if a and _INSTALL.match(a)) or listing.install_actions
    listing.rating_distribution = {}  # the page shows percentages only; counts come from the data
    overview = soup.select_one("#overview")
    if overview is not None:
        body = overview.select_one(".descriptionBody")
        listing.description = html_text(str(body), keep_links=True) if body is not None else listing.description
        listing.features = _features(str(body)) if body is not None else listing.features
        shots = [img_of(li, url) for li in overview.select(".mediaList li")]
        listing.screenshots = [s for s in shots if s] or listing.screenshots
        side = definition_pairs(overview.select_one(".sideMeta") or overview)
        listing.pricing_text = side.get("Pricing") or listing.pricing_text
    plans = soup.select("#plans tbody tr")
    if plans:
        listing.pricing_plans = [_page_plan(row) for row in plans]
    reviews = soup.select("#reviews .reviewItem")
    if reviews:
        listing.reviews = [_page_review(r) for r in reviews]
    details = soup.select_one("#details")
    if details is not None:
        listing.links = links_from(section_links(details, url))
        pairs = definition_pairs(details)
        if pairs:
            listing.details = pairs
            listing.languages = split_list(pairs.get("Languages")) or listing.languages
            listing.editions = split_list(pairs.get("Products")) or listing.editions
            listing.categories = split_list(pairs.get("Categories")) or listing.categories
            listing.updated = iso(pairs.get("Updated")) or listing.updated
        permissions = [text(li) for li in details.select(".permissionsList li")]
        if any(permissions):
            listing.data_access = "This app will have permission to: " + " ".join(p for p in permissions if p)


def _page_plan(row: Tag) -> PricingPlan:
    cells = row.find_all(["th", "td"])
    shown = text(row.select_one(".plan-price"))
    amount, currency = parse_price(shown)
    return PricingPlan(name=text(cells[0]) or "Plan", price=shown, amount=amount, currency=currency)


def _page_review(block: Tag) -> Review:
    stars = block.select_one("[aria-label*='out of 5']")
    rating = re.search(r"([1-5](?:\.\d)?)\s*out of 5", str(stars.get("aria-label")) if stars else "")
    reply = block.select_one(".publisherResponse")
    reply_text = text(reply.find_all("p")[-1]) if reply is not None and reply.find_all("p") else None
    title, body = text(block.select_one(".reviewTitle")), text(block.select_one(".reviewText"))
    meta = text(block.select_one(".reviewMeta")) or ""
    return Review(rating=number(rating.group(1)) if rating else None, date=iso(meta.split("·")[-1].strip()),
                  text=" ".join(p for p in (title, body) if p), reply=reply_text, author=text(block.select_one(".reviewer")))



ADAPTER = StoreAdapter(
    id="microsoft",
    name="Microsoft AppSource",
    hosts=("appsource.microsoft.com", "marketplace.microsoft.com"),
    read=read,
    markers=(r"<meta[^>]+og:site_name[^>]+content=[\"']Microsoft (AppSource|Marketplace)[\"']",
             r"<title>[^<]*\| Microsoft (AppSource|Marketplace)</title>",
             r"<meta[^>]+name=[\"']ms\.prod[\"'][^>]+content=[\"']appsource[\"']"),
    unavailable=unavailable,
)
