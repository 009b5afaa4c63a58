"""Google Workspace Marketplace (workspace.google.com/marketplace/app/<slug>/<id>).

Where the data lives: listing pages are Google Wiz pages whose data arrives in `AF_initDataCallback` islands,
found by their shape (their `ds:N` keys change from release to release):

- the app-details record (positions in `_RECORD`): name, short and long description, developer (name, website,
  e-mail, address), icons, screenshots with their sizes, videos, the pricing label, the exact rating, rating
  count and star histogram, user count, the declared links (privacy, terms, support, setup), "Works with" apps,
  categories, "Listing updated", languages and the OAuth scopes the "Permissions" tab describes;
- the reviews island: review rows [id, [author, avatar], rating, text, date, helpful count].

The rendered page (`c-wiz[data-app-id]`) stands in where the islands are missing: the header (`.bVxKXd` listing
updated), the Overview (`.kmwdk` the long description with its linkified URLs, `.P0vMD` the pricing label,
`.pmbG8c` the details box with the category links and the developer's links `ul.RqUw6c`), the Permissions tab
(`.Q8ZQIe` intro, `.jyBTLc` scopes) and the Reviews tab (`.ftijEf` blocks). The page shows rounded figures
("4.4", "(1.2K)", "300K+ users") and no developer replies; the generic reading is right for the name, tagline,
developer, icon, screenshots, install button, languages and "Works with" apps.

The long description is plain text: features are its bullet lines under a "Features" heading (or its
check-marked lines), plans the bullets under a "Plans"/"Pricing" heading. The store's own links (category
navigation, the Marketplace Terms of Service under the permissions, "Report abuse", Google's footer) are never
the developer's: `owned_pages` names them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from bs4 import Tag

from auditor.extract.money import find_price
from auditor.extract.page import ListingPage
from auditor.extract.stores.base import Source, StoreAdapter, StorePage
from auditor.extract.stores.toolkit import (
    absolute,
    anchor_roles,
    at,
    distribution,
    google_islands,
    iso,
    items,
    number,
    text,
    unique,
    whole,
)
from auditor.marketplaces import profile_for
from auditor.model import PricingPlan, Review

#: positions in the app-details record
_ID, _TEXTS, _DEVELOPER, _VIDEOS, _PRICING, _RATING, _USERS, _LINKS = 0, 2, 3, 7, 8, 9, 10, 11
_WORKS_WITH, _CATEGORIES, _UPDATED, _LANGUAGES, _SCOPES = 12, 13, 14, 15, 16
# TEXTS: [name, short description, long description]; DEVELOPER: [name, website, email, address]
# VIDEOS: [[url, title], ...]; PRICING: [code, label]; RATING: [average, count, [1-star, ..., 5-star]]
# USERS: [n, label]; LINKS: [privacy, terms, support, setup, admin config]; WORKS_WITH / CATEGORIES: [[id, name]]
# SCOPES: [[scope URL, description], ...]
#: the declared links read (the Terms of service, LINKS[1], is left to the generic reading: no page declares one)
_LINK_ROLES = {"privacy": 0, "support": 2, "setup": 3}
#: positions in a review row
_R_AUTHOR, _R_RATING, _R_TEXT, _R_DATE = 1, 2, 3, 4

_BULLET = re.compile(r"^\s*(?:[✓✔✅•●▪·*\-–]|\d{1,2}[.)])\s*(.+?)\s*$")
_HEADING = re.compile(r"^[^\s✓✔✅•●▪·*\-–][^.!?:]{0,48}:?$")
_PLAN = re.compile(r"^([^:–—]{1,30}?)\s*[:–—]\s*((?:[$€£¥]\s?\d+(?:[.,]\d+)*|\d+(?:[.,]\d+)*\s?(?:USD|EUR|GBP)|free)"
                   r"[^,;]*)", re.I)
_GONE = re.compile(r"(this app|the app you.{0,20}looking for) (is|isn'?t|is not) (no longer )?available|"
                   r"\bapp not found\b|this app (has been|was) removed", re.I)


class App:
    """What the sources share, read once per page: the app's record and reviews, and the rendered app."""

    def __init__(self, page: ListingPage) -> None:
        self.page = page
        self.islands = [data for data in google_islands(page.html).values() if isinstance(data, list)]

    @cached_property
    def record(self) -> list[Any] | None:
        """The app-details record: [id, slug, [name, short, long], ...], the one for this page's app id if any."""
        records = [r for r in (at(data, 0) for data in self.islands) if _is_record(r)]
        wanted = re.search(r"/marketplace/app/[^/]+/(\d+)", self.page.home)  # its canonical URL: a saved copy too
        mine = [r for r in records if wanted and str(r[_ID]) == wanted.group(1)]
        return (mine or records or [None])[0]

    @cached_property
    def review_rows(self) -> list[list[Any]] | None:
        """The rows of the reviews island, or None when the page has none."""
        for data in self.islands:
            rows = at(data, 0)
            if isinstance(rows, list) and rows and all(_is_review(r) for r in rows):
                return rows
        return None

    @cached_property
    def rendered(self) -> Tag | None:
        """The rendered app (`c-wiz[data-app-id]`, else <main>)."""
        found = self.page.soup.find("c-wiz", attrs={"data-app-id": True}) or self.page.soup.find("main")
        return found if isinstance(found, Tag) else None

    def shown(self, selector: str) -> Tag | None:
        """The first rendered element `selector` matches."""
        found = self.rendered.select_one(selector) if self.rendered is not None else None
        return found if isinstance(found, Tag) else None


def _is_record(value: Any) -> bool:
    return isinstance(value, list) and len(value) > _SCOPES and isinstance(at(value, _TEXTS, 0), str)


def _is_review(row: Any) -> bool:
    return (isinstance(row, list) and len(row) > _R_DATE and isinstance(row[_R_AUTHOR], list)
            and isinstance(row[_R_RATING], (int, float)) and isinstance(row[_R_TEXT], str))


def _app(page: StorePage) -> App:
    return page.data


def _record(page: StorePage, *path: int) -> Any:
    return at(_app(page).record, *path)


# ------------------------------------------------------------ the description: copy, features, plans


def _long_text(page: StorePage) -> str | None:
    """The long description as written (plain text in lines)."""
    value = _record(page, _TEXTS, 2)
    return value if isinstance(value, str) else None


def _shown_long_text(page: StorePage) -> str | None:
    """The rendered long description (its `<pre>`), as written."""
    shown = _app(page).shown("#overview .kmwdk pre") or _app(page).shown("#overview .kmwdk")
    return shown.get_text("") if shown is not None else None


def _description(read: Source) -> Source:
    """A source: the description `read` finds, its whitespace collapsed."""
    def described(page: StorePage) -> str | None:
        return text(read(page))
    return described


def _sections(description: str) -> list[tuple[str, list[str]]]:
    """The plain-text description as (heading, bullet lines) blocks; bullets before any heading get ""."""
    blocks: list[tuple[str, list[str]]] = [("", [])]
    for line in description.splitlines():
        if bullet := _BULLET.match(line):
            blocks[-1][1].append(bullet.group(1))
        elif line.strip() and _HEADING.match(line.strip()):
            blocks.append((line.strip().rstrip(":"), []))
    return blocks


def _features(read: Source) -> Source:
    """A source: the bullets under a "Features" heading of the description `read` finds, else its check-marked
    lines."""
    def features(page: StorePage) -> list[str]:
        description = read(page) or ""
        for heading, bullets in _sections(description):
            if bullets and re.search(r"feature|highlight|what you can do|what it does", heading, re.I):
                return unique(bullets)
        return unique(m.group(1) for m in re.finditer(r"^\s*[✓✔✅]\s*(.+)$", description, re.M))
    return features


def _plans(read: Source) -> Source:
    """A source: the plans the description `read` finds lists under a "Plans"/"Pricing" heading ("Pro: $6 ...")."""
    def plans(page: StorePage) -> list[PricingPlan]:
        found = []
        for heading, bullets in _sections(read(page) or ""):
            if re.search(r"\b(plans?|pricing|prices?)\b", heading, re.I):
                found += [_plan(m) for m in (_PLAN.match(b) for b in bullets) if m]
        return found
    return plans


def _plan(match: re.Match[str]) -> PricingPlan:
    shown = match.group(2).strip()
    price = find_price(shown)
    return PricingPlan(name=match.group(1).strip(), price=shown, amount=price.amount if price else None,
                       currency=price.currency if price else None)


# ------------------------------------------------------------ the app's record


def _pricing_label(page: StorePage) -> str | None:
    return text(_record(page, _PRICING, 1))


def _video(page: StorePage) -> str | None:
    return absolute(_record(page, _VIDEOS, 0, 0), page.url)


def _rating(page: StorePage) -> float | None:
    """The exact average (4.378 where the page shows 4.4); 0 means "no ratings yet", not a rating."""
    return number(_record(page, _RATING, 0)) or None


def _count(page: StorePage) -> int | None:
    return whole(_record(page, _RATING, 1))


def _distribution(page: StorePage) -> dict[str, int]:
    """The star histogram, from the record's [1-star, ..., 5-star] counts."""
    return distribution(dict(enumerate(items(_record(page, _RATING, 2)), start=1)))


def _names(position: int) -> Source:
    """A source: the names of a record list of [id, name] pairs ("Works with", categories)."""
    def names(page: StorePage) -> list[str]:
        return unique(text(at(entry, 1)) for entry in items(_record(page, position)))
    return names


def _updated(page: StorePage) -> str | None:
    return iso(_record(page, _UPDATED))


def _declared(role: str) -> Source:
    """A source: one of the links the developer declared for the record (privacy, support, setup)."""
    def declared(page: StorePage) -> str | None:
        found = absolute(_record(page, _LINKS, _LINK_ROLES[role]), page.url)
        return found if found and not ADAPTER.owns(found) else None
    return declared


def _website(page: StorePage) -> str | None:
    found = absolute(_record(page, _DEVELOPER, 1), page.url)
    return found if found and not ADAPTER.owns(found) else None


def _scopes(page: StorePage) -> str | None:
    """The permissions statement: what the app may do with the account, each with its OAuth scope."""
    scopes = [(text(at(s, 1)), text(at(s, 0))) for s in items(_record(page, _SCOPES))]
    if not any(description for description, _ in scopes):
        return None
    who = text(_record(page, _TEXTS, 0)) or "This app"
    allowed = "; ".join(f"{d} ({s})" if s else d for d, s in scopes if d)
    return f"{who} will need access to your Google account. This will allow {who} to: {allowed}."


def _reviews(page: StorePage) -> list[Review]:
    """The reviews island's rows (the Marketplace shows no developer replies)."""
    return [Review(rating=number(at(r, _R_RATING)), date=iso(at(r, _R_DATE)), text=text(at(r, _R_TEXT)) or "",
                   author=text(at(r, _R_AUTHOR, 0))) for r in _app(page).review_rows or []]


def _details(page: StorePage) -> dict[str, str]:
    """The details box's facts, exact, with the developer's contact."""
    if _app(page).record is None:
        return {}
    pairs = {
        "Pricing": _pricing_label(page),
        "Developer": text(_record(page, _DEVELOPER, 0)),
        "Developer email": text(_record(page, _DEVELOPER, 2)),
        "Developer address": text(_record(page, _DEVELOPER, 3)),
        "Listing updated": _updated(page),
        "Users": text(_record(page, _USERS, 1)),
        "Languages": ", ".join(unique(text(lang) for lang in items(_record(page, _LANGUAGES)))) or None,
        "Works with": ", ".join(_names(_WORKS_WITH)(page)) or None,
    }
    return {label: value for label, value in pairs.items() if value}


# ------------------------------------------------------------ the rendered page


def _shown_pricing_label(page: StorePage) -> str | None:
    return text(_app(page).shown("#overview .P0vMD"))


def _shown_categories(page: StorePage) -> list[str]:
    """The category links of the details box."""
    box = _app(page).shown("#overview .pmbG8c")
    return unique(text(a) for a in box.select("a[href*='/marketplace/category/']")) if box is not None else []


def _shown_updated(page: StorePage) -> str | None:
    """"Listing updated: November 4, 2026" under the app's name."""
    shown = text(_app(page).shown(".bVxKXd")) or ""
    return iso(shown.split(":", 1)[-1].strip())


def _developer_links(page: StorePage) -> dict[str, str]:
    """The developer's links box of the details box, by role."""
    return anchor_roles(_app(page).shown("#overview ul.RqUw6c"), page.url, ADAPTER.owns)


def _description_links(page: StorePage) -> dict[str, str]:
    """The URLs the long description links ("Release notes: https://..."), by role."""
    return anchor_roles(_app(page).shown("#overview .kmwdk"), page.url, ADAPTER.owns)


def _shown_link(role: str, *boxes: Any) -> Source:
    """A source: the first link of `role` among the rendered link boxes."""
    def shown(page: StorePage) -> str | None:
        return next((found for box in boxes if (found := box(page).get(role))), None)
    return shown


def _permissions(page: StorePage) -> str | None:
    """The Permissions tab: its introduction and the access it lists."""
    listed = [p for p in (text(t) for t in _rendered_all(page, "#permissions .jyBTLc")) if p]
    if not listed:
        return None
    intro = " ".join(t for t in (text(p) for p in _rendered_all(page, "#permissions .Q8ZQIe")) if t)
    return f"{intro}: {'; '.join(listed)}.".replace(" :", ":")


def _shown_reviews(page: StorePage) -> list[Review]:
    """The Reviews tab's blocks: author, stars, date, text."""
    return [_shown_review(block) for block in _rendered_all(page, ".ftijEf")]


def _shown_review(block: Tag) -> Review:
    stars = block.select_one("[aria-label*='out of 5']")
    rated = re.search(r"([1-5](?:\.\d)?)\s*out of 5", str(stars.get("aria-label")) if stars else "")
    filled = len(block.select("svg[tabindex='-1']"))
    return Review(rating=number(rated.group(1)) if rated else (float(filled) if 0 < filled <= 5 else None),
                  date=iso(text(block.select_one(".wzBhKb"))), text=text(block.select_one(".bR5MYb")) or "",
                  author=text(block.select_one(".iLLAJe")))


def _rendered_all(page: StorePage, selector: str) -> Iterable[Tag]:
    rendered = _app(page).rendered
    return rendered.select(selector) if rendered is not None else []


# ------------------------------------------------------------ the adapter


def _gone(page: StorePage) -> bool:
    """The Marketplace's "app not found / no longer available" page: no app record, and the page says so."""
    return _app(page).record is None and bool(_GONE.search(text(page.soup) or ""))


_LINKS_SHOWN = (_developer_links, _description_links)

ADAPTER = StoreAdapter(
    store=profile_for("google-workspace"),
    parse=App,
    fields={
        "description": (_description(_long_text), _description(_shown_long_text)),
        "features": (_features(_long_text), _features(_shown_long_text)),
        "pricing_plans": (_plans(_long_text), _plans(_shown_long_text)),
        "pricing_text": (_pricing_label, _shown_pricing_label),
        "categories": (_names(_CATEGORIES), _shown_categories),
        "video": (_video,),
        "rating": (_rating,),
        "review_count": (_count,),
        "rating_distribution": (_distribution,),
        "reviews": (_reviews, _shown_reviews),
        "updated": (_updated, _shown_updated),
        "details": (_details,),
        "data_access": (_scopes, _permissions),
        "links.website": (_website, _shown_link("website", *_LINKS_SHOWN)),
        **{f"links.{role}": (_declared(role), _shown_link(role, *_LINKS_SHOWN)) for role in _LINK_ROLES},
        "links.docs": (_shown_link("docs", *_LINKS_SHOWN),),
        "links.changelog": (_shown_link("changelog", *_LINKS_SHOWN),),
    },
    markers=(r"<meta[^>]+og:site_name[^>]+content=[\"']Google Workspace Marketplace[\"']",
             r"<title>[^<]*- Google Workspace Marketplace</title>"),
    gone=_gone,
    owned_pages=("support.google.com/a", "developers.google.com/workspace", "policies.google.com",
                 "accounts.google.com", "about.google", "www.gstatic.com"),
)
