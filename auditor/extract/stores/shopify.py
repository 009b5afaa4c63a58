"""Shopify App Store (apps.shopify.com/<handle>).

App pages are server-rendered. JSON-LD `SoftwareApplication` carries the exact rating and rating count (the
page shows "4.9" and "(1.2K)"); everything else is read from the page's fixed sections: the hero
(`#adp-hero`: name, icon, highlights, Install button, media gallery), the app details (`#app-details`: the
app introduction as its heading, the details paragraph, the feature list, then "Languages", "Works with" and
"Categories"), `#adp-pricing` plan cards, `#adp-reviews` (histogram and merchant reviews with developer
replies) and `#adp-developer` ("Support", "Resources" with the developer's own links, "Launched").
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import Tag

from auditor.extract.dates import first_date_in
from auditor.extract.generic import extract_listing
from auditor.extract.stores._shared import (
    absolute,
    anchor_roles,
    img_tag,
    labelled,
    number,
    says,
    soup_of,
    split_list,
    text,
    unique,
    whole,
)
from auditor.extract.stores.base import StoreAdapter
from auditor.model import Listing, PricingPlan, Review

#: how the Resources and Support boxes name the developer's links
_RESOURCE_LABELS = {
    "developer website": "website", "privacy policy": "privacy", "faq": "docs", "documentation": "docs",
    "changelog": "changelog", "tutorial": "setup", "setup guide": "setup", "support portal": "support",
    "get support": "support", "terms of service": "terms", "status page": "status",
}
_INSTALL = re.compile(r"^(install|get app|add app|try it free|start free trial)\b", re.I)
_STARS = re.compile(r"([1-5](?:\.\d)?)\s*out of 5", re.I)
_CURRENCY = re.compile(r"\bbilled in ([A-Z]{3})\b")
_PRICE = re.compile(r"([$€£¥])\s?(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s?(USD|EUR|GBP|CAD|AUD)\b")
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}


def read(html: str, url: str) -> Listing:
    """The listing from JSON-LD (exact rating and count) and the page's fixed sections."""
    listing = extract_listing(html, url)
    soup = soup_of(html)
    hero = soup.find(id="adp-hero")
    details = soup.find(id="app-details")
    listing.name = text(hero.find("h1")) if hero is not None and hero.find("h1") else listing.name
    _app_details(listing, details)
    if hero is not None:
        _hero(listing, hero, url)
    listing.pricing_plans = _plans(soup.find(id="adp-pricing")) or listing.pricing_plans
    _reviews(listing, soup.find(id="adp-reviews"))
    _developer(listing, soup.find(id="adp-developer"), url)
    return listing


def _app_details(listing: Listing, details: Tag | None) -> None:
    if details is None:
        return
    intro = details.find("h2")
    if intro is not None:
        listing.tagline = text(intro)
        body = intro.find_next_sibling("p")
        listing.description = text(body) or listing.description
        features = intro.find_next_sibling("ul")
        if features is not None:
            listing.features = unique(text(li) for li in features.find_all("li"))
    listing.languages = split_list(text(labelled(details, "Languages"))) or listing.languages
    works = labelled(details, "Works with")
    if works is not None:
        listing.editions = unique(text(li) for li in works.find_all("li")) or split_list(text(works))
    categories = labelled(details, "Categories")
    if categories is not None:
        listing.categories = unique(text(a) for a in categories.find_all(["a", "li"]) if not a.find("a"))


def _hero(listing: Listing, hero: Tag, url: str) -> None:
    title = hero.find("h1")
    icon = title.find_previous("img") if title is not None else None
    if icon is not None and hero in icon.parents:  # the icon sits next to the name, before the gallery
        listing.icon = img_tag(icon, url) or listing.icon
    media = hero.find(id="adp-media") or hero.find(attrs={"aria-label": re.compile("gallery", re.I)})
    if media is not None:
        shots = [i for i in (img_tag(img, url) for img in media.find_all("img")) if i]
        listing.screenshots = shots or listing.screenshots
        frame = media.find("iframe")
        listing.video = absolute(url, frame.get("src")) if frame is not None else listing.video
    actions = [text(a) for a in hero.find_all(["a", "button"])]
    listing.install_actions = unique(a for a in actions if a and _INSTALL.search(a)) or listing.install_actions
    box: dict[str, str] = {}
    for row in hero.find_all("dt"):
        value = text(row.find_next_sibling("dd"))
        if value and (label := text(row)) and label.casefold() != "rating":  # the rounded rating: JSON-LD has it exactly
            box[label] = value
    highlights = hero.find(attrs={"aria-label": "Highlights"})
    if highlights is not None:
        shown = unique(text(li) for li in highlights.find_all("li"))
        box["Highlights"] = ", ".join(shown)
        box["Built for Shopify"] = "Yes" if any(h.casefold() == "built for shopify" for h in shown) else "No"
    listing.details = {**listing.details, **box}
    listing.details.pop("Rating", None)
    listing.developer = box.get("Developer") or listing.developer


def _plans(section: Tag | None) -> list[PricingPlan]:
    if section is None:
        return []
    currency = m.group(1) if (m := _CURRENCY.search(text(section) or "")) else None
    cards = section.find_all(attrs={"data-pricing-plan": True}) or [
        t for t in section.find_all("div") if len(t.find_all("p", recursive=False)) >= 2 and t.find("ul")]
    plans = []
    for card in cards:
        lines = card.find_all("p", recursive=False)
        name = text(lines[0]) if lines else None
        price = text(lines[1]) if len(lines) > 1 else None
        if not name:
            continue
        amount, found_currency = _money(price)
        plans.append(PricingPlan(name=name, price=price, amount=amount, currency=found_currency or currency))
    return plans


def _money(price: str | None) -> tuple[float | None, str | None]:
    if not price:
        return None, None
    if re.fullmatch(r"free(?: to install)?", price.strip(), re.I):
        return 0.0, None
    match = _PRICE.search(price)
    if not match:
        return None, None
    if match.group(1):
        return number(match.group(2)), _SYMBOLS.get(match.group(1))
    return number(match.group(3)), match.group(4)


def _reviews(listing: Listing, section: Tag | None) -> None:
    if section is None:
        return
    histogram = {}
    for row in section.find_all("li"):
        label = row.find(attrs={"aria-label": re.compile(r"total reviews", re.I)})
        stars = re.match(r"\s*([1-5])\b", text(row) or "")
        if label is not None and stars:
            histogram[stars.group(1)] = whole(str(label["aria-label"]).split()[0]) or 0
    listing.rating_distribution = histogram or listing.rating_distribution
    reviews = [_review(block) for block in section.find_all(attrs={"data-merchant-review": True})]
    listing.reviews = [r for r in reviews if r.text or r.rating is not None] or listing.reviews


def _review(block: Tag) -> Review:
    reply_tag = block.find(class_="developer-reply") or block.find(attrs={"data-reply-id": True})
    reply = None
    if reply_tag is not None:
        paragraphs = reply_tag.find_all("p")
        reply = " ".join(t for t in (text(p) for p in paragraphs[1:]) if t) or None
        reply_tag.extract()
    stars = block.find(attrs={"aria-label": _STARS})
    rating = number(_STARS.search(str(stars["aria-label"])).group(1)) if stars is not None else None  # type: ignore[union-attr]
    body = block.find(attrs={"data-truncate-review": True})
    columns = block.find_all("div", recursive=False)
    author_box = columns[-1] if len(columns) > 1 else None
    author = text(author_box.find("span")) if author_box is not None else None
    return Review(rating=rating, date=first_date_in(text(columns[0] if columns else block) or ""),
                  text=text(body.find("p") if body is not None and body.find("p") else body) or "",
                  reply=reply, author=author)


def _developer(listing: Listing, section: Tag | None, url: str) -> None:
    if section is None:
        return
    found: dict[str, str] = {}
    for anchor in section.find_all("a", href=True):
        link = absolute(url, anchor["href"])
        role = _RESOURCE_LABELS.get((text(anchor) or "").casefold())
        if link and role and not _is_shopify(link) and role not in found:
            found[role] = link
    for role, link in anchor_roles(section, url).items():
        if not _is_shopify(link):
            found.setdefault(role, link)
    for role, link in found.items():
        setattr(listing.links, role, link)
    for role in ("privacy", "terms", "support", "docs", "setup", "changelog", "website", "security", "status"):
        current = getattr(listing.links, role)
        if current and _is_shopify(current):
            setattr(listing.links, role, found.get(role))
    launched = section.find(string=re.compile(r"\bLaunched\b"))
    if launched is not None and launched.parent is not None:
        listing.published = first_date_in(text(launched.parent) or "") or listing.published
        if listing.published:
            listing.details["Launched"] = listing.published
    heading = section.find("h2", string=re.compile(r"^\s*Developer\s*$", re.I))
    if heading is not None:  # the developer's postal address: the plain line under the developer's name
        lines = [p for p in heading.find_next_siblings("p") if p.find("a") is None]
        address = next((t for t in (text(p) for p in lines) if t and not first_date_in(t)), None)
        if address:
            listing.details["Developer address"] = address


def _is_shopify(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == "shopify.com" or host.endswith(".shopify.com") or host.endswith(".myshopify.com")


def unavailable(html: str) -> bool:
    """The App Store's page for a delisted or removed app."""
    return says(html, (r"<h1[^>]*>[^<]*\b(?:is|app is) (?:no longer|not currently) available on the Shopify App Store",
                       r"<h1[^>]*>[^<]*\bapp (?:was|has been) (?:removed|delisted)"))


ADAPTER = StoreAdapter(
    id="shopify",
    name="Shopify App Store",
    hosts=("apps.shopify.com",),
    read=read,
    markers=(r'<meta property="og:site_name" content="Shopify App Store"', r'\bid="adp-(?:hero|reviews|pricing)"',
             r"\bdata-merchant-review\b"),
    unavailable=unavailable,
)
