"""Shopify App Store (apps.shopify.com/<handle>).

App pages are server-rendered. JSON-LD `SoftwareApplication` carries the exact rating and rating count (the
page shows "4.9" and "(1.2K)"), which the generic reader takes. The page's fixed sections give the rest:
the hero (`#adp-hero`: name, icon, highlights, Install button, media), the app details (`#app-details`: the
app introduction as its heading, the details paragraph, the feature list, "Languages", "Works with",
"Categories"), `#adp-pricing` plan cards, `#adp-reviews` (histogram and merchant reviews with developer
replies) and `#adp-developer` ("Resources" with the developer's own links, "Launched", the postal address).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bs4 import Tag

from auditor.extract.dates import first_date_in
from auditor.extract.money import find_price
from auditor.extract.page import ListingPage
from auditor.extract.reviews import vendor_reply
from auditor.extract.stores.base import Source, StoreAdapter, StorePage
from auditor.extract.stores.toolkit import (
    LINK_ROLES,
    absolute,
    anchor_roles,
    img_tag,
    labelled,
    mailto,
    number,
    split_list,
    text,
    unique,
    whole,
)
from auditor.marketplaces import profile_for
from auditor.model import Image, PricingPlan, Review

#: how the Resources box names the developer's links
_RESOURCE_LABELS = {
    "developer website": "website", "website": "website", "privacy policy": "privacy", "faq": "docs",
    "app documentation": "docs", "documentation": "docs", "changelog": "changelog", "tutorial": "setup",
    "setup guide": "setup", "support portal": "support", "get support": "support", "terms of service": "terms",
    "status page": "status",
}
_INSTALL = re.compile(r"^(install|get app|add app|try it free|start free trial)\b", re.I)
_STARS = re.compile(r"([1-5](?:\.\d)?)\s*out of 5", re.I)
_CURRENCY = re.compile(r"\bbilled in ([A-Z]{3})\b")
_GONE = re.compile(r"\b(?:is|app is) (?:no longer|not currently) available on the Shopify App Store|"
                   r"\bapp (?:was|has been) (?:removed|delisted)", re.I)


@dataclass(frozen=True)
class Sections:
    """The page's fixed sections, found once."""

    hero: Tag | None
    details: Tag | None
    pricing: Tag | None
    reviews: Tag | None
    developer: Tag | None


def sections(page: ListingPage) -> Sections:
    """The fixed sections by their ids (the store's own layout, so its own names)."""
    def by_id(name: str) -> Tag | None:
        found = page.soup.find(id=name)
        return found if isinstance(found, Tag) else None

    return Sections(by_id("adp-hero"), by_id("app-details"), by_id("adp-pricing"), by_id("adp-reviews"),
                    by_id("adp-developer"))


def _data(page: StorePage) -> Sections:
    return page.data


# ------------------------------------------------------------ the hero


def _name(page: StorePage) -> str | None:
    hero = _data(page).hero
    return text(hero.find("h1")) if hero is not None else None


def _icon(page: StorePage) -> Image | None:
    hero = _data(page).hero
    title = hero.find("h1") if hero is not None else None
    icon = title.find_previous("img") if isinstance(title, Tag) else None
    if isinstance(icon, Tag) and hero is not None and hero in icon.parents:  # beside the name, before the gallery
        return img_tag(icon, page.url)
    return None


def _video(page: StorePage) -> str | None:
    hero = _data(page).hero
    frame = hero.find("iframe") if hero is not None else None
    return absolute(frame.get("src") or frame.get("data-src"), page.url) if isinstance(frame, Tag) else None


def _install_actions(page: StorePage) -> list[str]:
    hero = _data(page).hero
    actions = [text(a) for a in hero.find_all(["a", "button"])] if hero is not None else []
    return unique(a for a in actions if a and _INSTALL.search(a))


def _hero_box(page: StorePage) -> dict[str, str]:
    """The hero's facts ("Pricing", "Developer") and highlights; the rounded rating is left to JSON-LD."""
    hero = _data(page).hero
    box: dict[str, str] = {}
    if hero is None:
        return box
    for row in hero.find_all("dt"):
        value = text(row.find_next_sibling("dd"))
        if value and (label := text(row)) and label.casefold() != "rating":
            box[label] = value
    highlights = hero.find(None, attrs={"aria-label": "Highlights"})
    if isinstance(highlights, Tag):
        shown = unique(text(li) for li in highlights.find_all("li"))
        box["Highlights"] = ", ".join(shown)
        box["Built for Shopify"] = "Yes" if any(h.casefold() == "built for shopify" for h in shown) else "No"
    return box


def _developer(page: StorePage) -> str | None:
    return _hero_box(page).get("Developer")


# ------------------------------------------------------------ app details


def _intro(page: StorePage) -> Tag | None:
    details = _data(page).details
    found = details.find("h2") if details is not None else None
    return found if isinstance(found, Tag) else None


def _tagline(page: StorePage) -> str | None:
    return text(_intro(page))


def _description(page: StorePage) -> str | None:
    intro = _intro(page)
    return text(intro.find_next_sibling("p")) if intro is not None else None


def _features(page: StorePage) -> list[str]:
    intro = _intro(page)
    found = intro.find_next_sibling("ul") if intro is not None else None
    return unique(text(li) for li in found.find_all("li")) if isinstance(found, Tag) else []


def _languages(page: StorePage) -> list[str]:
    return split_list(text(labelled(_data(page).details, "Languages")))


def _editions(page: StorePage) -> list[str]:
    works = labelled(_data(page).details, "Works with")
    if works is None:
        return []
    return unique(text(li) for li in works.find_all("li")) or split_list(text(works))


def _categories(page: StorePage) -> list[str]:
    shown = labelled(_data(page).details, "Categories")
    if shown is None:
        return []
    return unique(text(a) for a in shown.find_all(["a", "li"]) if not a.find("a"))


# ------------------------------------------------------------ pricing


def _plans(page: StorePage) -> list[PricingPlan]:
    section = _data(page).pricing
    if section is None:
        return []
    currency = m.group(1) if (m := _CURRENCY.search(text(section) or "")) else None
    cards = section.find_all(None, attrs={"data-pricing-plan": True}) or [
        t for t in section.find_all("div") if len(t.find_all("p", recursive=False)) >= 2 and t.find("ul")]
    plans = []
    for card in cards:
        lines = card.find_all("p", recursive=False)
        name = text(lines[0]) if lines else None
        shown = text(lines[1]) if len(lines) > 1 else None
        if not name:
            continue
        price = find_price(shown or "")
        plans.append(PricingPlan(name=name, price=shown, amount=price.amount if price else None,
                                 currency=(price.currency if price else None) or currency))
    return plans


# ------------------------------------------------------------ reviews


def _distribution(page: StorePage) -> dict[str, int]:
    section = _data(page).reviews
    histogram: dict[str, int] = {}
    for row in section.find_all("li") if section is not None else []:
        label = row.find(None, attrs={"aria-label": re.compile(r"total reviews", re.I)})
        stars = re.match(r"\s*([1-5])\b", text(row) or "")
        if isinstance(label, Tag) and stars:
            histogram[stars.group(1)] = whole(str(label["aria-label"]).split()[0]) or 0
    return histogram


def _reviews(page: StorePage) -> list[Review]:
    section = _data(page).reviews
    blocks = section.find_all(None, attrs={"data-merchant-review": True}) if section is not None else []
    reviews = [_review(block) for block in blocks]
    return [r for r in reviews if r.text or r.rating is not None]


def _review(block: Tag) -> Review:
    reply_tag, reply = vendor_reply(block)
    stars = block.find(None, attrs={"aria-label": _STARS})
    found = _STARS.search(str(stars["aria-label"])) if isinstance(stars, Tag) else None
    body = block.find(None, attrs={"data-truncate-review": True})
    columns = [c for c in block.find_all("div", recursive=False) if c is not reply_tag]
    author_box = columns[-1] if len(columns) > 1 else None
    return Review(rating=number(found.group(1)) if found else None,
                  date=first_date_in(text(columns[0] if columns else block) or ""),
                  text=text(body.find("p") if isinstance(body, Tag) and body.find("p") else body) or "",
                  reply=reply, author=text(author_box.find("span")) if isinstance(author_box, Tag) else None)


# ------------------------------------------------------------ developer


def _resources(page: StorePage) -> dict[str, str]:
    """The developer's links by role: the Resources box's own labels first, then their text and URL."""
    section = _data(page).developer
    found: dict[str, str] = {}
    if section is None:
        return found
    for anchor in section.find_all("a", href=True):
        link = absolute(anchor["href"], page.url)
        role = _RESOURCE_LABELS.get((text(anchor) or "").casefold())
        if link and role and role not in found and not ADAPTER.owns(link):
            found[role] = link
    for role, link in anchor_roles(section, page.url, ADAPTER.owns).items():
        found.setdefault(role, link)
    return found


def _resource(role: str) -> Source:
    def read(page: StorePage) -> str | None:
        return _resources(page).get(role)
    return read


def _support_email(page: StorePage) -> str | None:
    """The developer's support address, declared on the page for its "Get support" dialog."""
    tag = page.soup.find(None, attrs={"data-developer-support-email": True})
    return mailto(tag.get("data-developer-support-email")) if isinstance(tag, Tag) else None


def _launched(page: StorePage) -> str | None:
    section = _data(page).developer
    launched = section.find(string=re.compile(r"\bLaunched\b")) if section is not None else None
    return first_date_in(text(launched.parent) or "") if launched is not None and launched.parent else None


def _address(page: StorePage) -> str | None:
    """The developer's postal address: the plain line under the developer's name."""
    section = _data(page).developer
    heading = section.find("h2", string=re.compile(r"^\s*Developer\s*$", re.I)) if section is not None else None
    if not isinstance(heading, Tag):
        return None
    lines = [p for p in heading.find_next_siblings("p") if p.find("a") is None]
    return next((t for t in (text(p) for p in lines) if t and not first_date_in(t)), None)


def _details(page: StorePage) -> dict[str, str]:
    """The generic details box with the hero's facts, the launch date and the developer's address."""
    found: dict[str, Any] = {**page.generic.details, **_hero_box(page)}
    found.pop("Rating", None)
    if launched := _launched(page):
        found["Launched"] = launched
    if address := _address(page):
        found["Developer address"] = address
    return found


def _gone(page: StorePage) -> bool:
    heading = page.soup.find("h1")
    return bool(heading) and bool(_GONE.search(text(heading) or ""))


ADAPTER = StoreAdapter(
    store=profile_for("shopify"),
    parse=sections,
    fields={
        "name": (_name,),
        "tagline": (_tagline,),
        "description": (_description,),
        "features": (_features,),
        "languages": (_languages,),
        "editions": (_editions,),
        "categories": (_categories,),
        "icon": (_icon,),
        "video": (_video,),
        "install_actions": (_install_actions,),
        "developer": (_developer,),
        "pricing_plans": (_plans,),
        "rating_distribution": (_distribution,),
        "reviews": (_reviews,),
        "details": (_details,),
        "published": (_launched,),
        **{f"links.{role}": (_resource(role),) for role in LINK_ROLES if role != "support"},
        "links.support": (_resource("support"), _support_email),
    },
    markers=(r'<meta property="og:site_name" content="Shopify App Store"', r'\bid="adp-(?:hero|reviews|pricing)"',
             r"\bdata-merchant-review\b"),
    gone=_gone,
    owned_pages=("help.shopify.com", "www.shopify.com", "shopify.dev", "community.shopify.com"),
)
