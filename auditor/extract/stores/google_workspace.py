"""Google Workspace Marketplace (workspace.google.com/marketplace/app/<slug>/<id>).

Listing pages are Google Wiz pages whose data arrives in `AF_initDataCallback` islands (read by
`_workspace_data`): the app-details record carries the name, short and long description, developer
(name, website, email), icons, screenshots with sizes, videos, pricing label, the exact rating, rating
count and star histogram, user count, the support links (privacy, terms, support, setup), "Works with"
apps, categories, "Listing updated" date, languages and the OAuth scopes with the descriptions the
"Permissions" tab shows; a second island holds the reviews. The page shows rounded figures ("4.4",
"(1.2K)", "300K+ users") and no developer replies.

The long description is plain text: features are its bullet lines under a "Features" heading (or its
check-marked lines), plans the bullets under a "Plans"/"Pricing" heading, and docs or release-notes
links the linkified URLs in it. The store's own links (category navigation, the Marketplace Terms of
Service under the permissions, "Report abuse", Google's footer) are never taken for the developer's.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from auditor.extract.generic import extract_listing
from auditor.extract.stores import _workspace_data as ws
from auditor.extract.stores._enterprise_common import (
    absolute,
    at,
    compact_count,
    definition_pairs,
    distribution,
    image,
    img_of,
    integer,
    iso,
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
    url_links,
)
from auditor.extract.stores._legacy import StoreAdapter
from auditor.model import Listing, PricingPlan, Review

_BULLET = re.compile(r"^\s*(?:[✓✔✅•●▪·*\-–]|\d{1,2}[.)])\s*(.+?)\s*$")
_HEADING = re.compile(r"^[^\s✓✔✅•●▪·*\-–][^.!?:]{0,48}:?$")
_PLAN = re.compile(r"^([^:–—]{1,30}?)\s*[:–—]\s*((?:[$€£¥]\s?\d+(?:[.,]\d+)*|\d+(?:[.,]\d+)*\s?(?:USD|EUR|GBP)|free)[^,;]*)",
                   re.I)
_INSTALL = re.compile(r"^(install|admin install|individual install|domain install)$", re.I)
_GONE = (r"(this app|the app you.{0,20}looking for) (is|isn'?t|is not) (no longer )?available",
         r"\bapp not found\b", r"this app (has been|was) removed")


def read(html: str, url: str) -> Listing:
    """The listing from the Marketplace's data islands, the rendered page where they are missing."""
    listing = extract_listing(html, url)
    soup = soup_of(html)
    _from_page(listing, soup, url)
    found = ws.islands(html)
    record = ws.app_record(found, _app_id(url)) or ws.app_record(found)
    if record is not None:
        _from_data(listing, record, url)
    rows = ws.review_records(found)
    if rows is not None:
        listing.reviews = [_review(r) for r in rows]
    listing.available = not unavailable(html)
    return listing


def unavailable(html: str) -> bool:
    """True for the Marketplace's "app not found / no longer available" page."""
    return ws.app_record(ws.islands(html)) is None and says(html, _GONE)


def _app_id(url: str) -> str | None:
    match = re.search(r"/marketplace/app/[^/]+/(\d+)", urlsplit(url).path)
    return match.group(1) if match else None


# ---------------------------------------------------------------- embedded data


def _from_data(listing: Listing, record: list[Any], url: str) -> None:
    name, short, long = (text(at(record, ws.TEXTS, i)) for i in range(3))
    long_raw = at(record, ws.TEXTS, 2) if isinstance(at(record, ws.TEXTS, 2), str) else ""
    listing.name = name or listing.name
    listing.tagline = short or listing.tagline
    listing.description = long or listing.description
    listing.developer = text(at(record, ws.DEVELOPER, 0)) or listing.developer
    sections = _sections(long_raw)
    listing.features = _features(sections, long_raw) or listing.features
    listing.pricing_plans = _plans(sections) or listing.pricing_plans
    listing.pricing_text = text(at(record, ws.PRICING, 1)) or listing.pricing_text
    shots = [image(url, at(s, 0), at(s, 1), at(s, 2), at(s, 3)) for s in listed(at(record, ws.SCREENSHOTS))]
    listing.screenshots = [s for s in shots if s] or listing.screenshots
    icons = [i for i in listed(at(record, ws.ICONS)) if isinstance(i, list)]
    largest = max(icons, key=lambda i: integer(at(i, 1)) or 0, default=None)
    if largest is not None:
        listing.icon = image(url, at(largest, 0), at(largest, 1), at(largest, 2)) or listing.icon
    if isinstance(at(record, ws.VIDEOS), list):
        listing.video = absolute(url, at(record, ws.VIDEOS, 0, 0))
    if isinstance(at(record, ws.RATING), list):
        listing.rating = number(at(record, ws.RATING, 0)) or None  # 0 means "no ratings yet", not a rating
        listing.review_count = integer(at(record, ws.RATING, 1))
        listing.rating_distribution = distribution(enumerate(listed(at(record, ws.RATING, 2)), start=1))
    declared = {role: absolute(url, at(record, ws.LINKS, i)) for i, role in enumerate(ws.LINK_ROLES) if role}
    declared["website"] = absolute(url, at(record, ws.DEVELOPER, 1))
    # the developer links the store declares win; docs and release notes come from the description's URLs
    listing.links = links_from(merge_links(declared, roles_of(listing.links)))
    works_with = unique(text(at(w, 1)) for w in listed(at(record, ws.WORKS_WITH)))
    listing.editions = works_with or listing.editions
    listing.categories = unique(text(at(c, 1)) for c in listed(at(record, ws.CATEGORIES))) or listing.categories
    listing.languages = unique(text(lang) for lang in listed(at(record, ws.LANGUAGES))) or listing.languages
    listing.updated = iso(at(record, ws.UPDATED)) or listing.updated
    scopes = [(text(at(s, 1)), text(at(s, 0))) for s in listed(at(record, ws.SCOPES))]
    if scopes:
        who = listing.name or "This app"
        listing.data_access = (f"{who} will need access to your Google account. This will allow {who} to: "
                               + "; ".join(f"{d} ({s})" if s else str(d) for d, s in scopes if d) + ".")
    details = {
        "Pricing": text(at(record, ws.PRICING, 1)),
        "Developer": text(at(record, ws.DEVELOPER, 0)),
        "Developer email": text(at(record, ws.DEVELOPER, 2)),
        "Developer address": text(at(record, ws.DEVELOPER, 3)),
        "Listing updated": iso(at(record, ws.UPDATED)),
        "Users": text(at(record, ws.USERS, 1)),
        "Languages": ", ".join(listing.languages) or None,
        "Works with": ", ".join(works_with) or None,
    }
    listing.details = {k: v for k, v in details.items() if v} or listing.details


def _review(row: list[Any]) -> Review:
    return Review(rating=number(at(row, ws.R_RATING)), date=iso(at(row, ws.R_DATE)), text=text(at(row, ws.R_TEXT)) or "",
                  reply=None, author=text(at(row, ws.R_AUTHOR, 0)))


def _sections(description: str) -> list[tuple[str, list[str]]]:
    """The plain-text description as (heading, bullet lines) blocks; bullets before any heading get ""."""
    blocks: list[tuple[str, list[str]]] = [("", [])]
    for line in description.splitlines():
        if not line.strip():
            continue
        bullet = _BULLET.match(line)
        if bullet:
            blocks[-1][1].append(bullet.group(1))
        elif _HEADING.match(line.strip()):
            blocks.append((line.strip().rstrip(":"), []))
    return blocks


def _features(sections: list[tuple[str, list[str]]], description: str) -> list[str]:
    """The bullets under a "Features" heading, else the description's check-marked lines."""
    for heading, bullets in sections:
        if bullets and re.search(r"feature|highlight|what you can do|what it does", heading, re.I):
            return unique(bullets)
    return unique(m.group(1).strip() for m in re.finditer(r"^\s*[✓✔✅]\s*(.+)$", description, re.M))


def _plans(sections: list[tuple[str, list[str]]]) -> list[PricingPlan]:
    plans = []
    for heading, bullets in sections:
        if not re.search(r"\b(plans?|pricing|prices?)\b", heading, re.I):
            continue
        for bullet in bullets:
            match = _PLAN.match(bullet)
            if match:
                shown = match.group(2).strip()
                amount, currency = parse_price(shown)
                plans.append(PricingPlan(name=match.group(1).strip(), price=shown, amount=amount, currency=currency))
    return plans


# ---------------------------------------------------------------- rendered page


def _from_page(listing: Listing, soup: BeautifulSoup, url: str) -> None:
    app = soup.find("c-wiz", attrs={"data-app-id": True}) or soup.find("main")
    if app is None:
        return
    listing.name = text(app.find("h1")) or listing.name
    listing.developer = text(app.select_one("a.DmgOFc")) or listing.developer
    updated = text(app.select_one(".bVxKXd")) or ""
    listing.updated = iso(updated.split(":", 1)[-1].strip()) or listing.updated
    listing.rating = number(text(app.select_one(".wUhZA"))) or listing.rating
    shown_count = app.select_one(".uB0Xbd .kVdtk span:last-child")
    listing.review_count = compact_count((text(shown_count) or "").strip("()")) or listing.review_count
    listing.rating_distribution = {}  # the page draws bars without counts; counts come from the data
    listing.icon = img_of(app.select_one("img.Zvv1yd"), url) or listing.icon
    listing.editions = unique(text(w) for w in app.select(".eqVmXb")) or listing.editions
    listing.install_actions = unique(t for t in (text(b) for b in app.find_all("button")) if t and _INSTALL.match(t)) \
        or listing.install_actions
    overview = app.select_one("#overview")
    if overview is not None:
        listing.tagline = text(overview.select_one("div.GIw4Bd")) or listing.tagline
        pre = overview.select_one(".kmwdk pre") or overview.select_one(".kmwdk")
        if pre is not None:
            listing.description = text(pre) or listing.description
            shown = pre.get_text("")
            sections = _sections(shown)
            listing.features = _features(sections, shown) or listing.features
            listing.pricing_plans = _plans(sections) or listing.pricing_plans
        shots = [img_of(s, url) for s in overview.select(".hQyMOe img")]
        listing.screenshots = [s for s in shots if s] or listing.screenshots
        listing.pricing_text = text(overview.select_one(".P0vMD")) or listing.pricing_text
        details = definition_pairs(overview.select_one(".pmbG8c dl"))
        if details:
            listing.details = details
            listing.languages = split_list(details.get("Languages")) or listing.languages
        listing.categories = unique(text(a) for a in overview.select(".pmbG8c a[href*='/marketplace/category/']")) \
            or listing.categories
        developer_links = section_links(overview.select_one("ul.RqUw6c"), url)
        description_links = url_links(overview.select(".kmwdk a[href]"), url)
        listing.links = links_from(merge_links(developer_links, description_links))
    permissions = [text(p) for p in app.select("#permissions .jyBTLc")]
    if any(permissions):
        intro = " ".join(t for t in (text(p) for p in app.select("#permissions .Q8ZQIe")) if t)
        listing.data_access = f"{intro}: {'; '.join(p for p in permissions if p)}.".replace(" :", ":")
    reviews = app.select(".ftijEf")
    if reviews:
        listing.reviews = [_page_review(r) for r in reviews]


def _page_review(block: Tag) -> Review:
    stars = block.select_one("[aria-label*='out of 5']")
    rating = re.search(r"([1-5](?:\.\d)?)\s*out of 5", str(stars.get("aria-label")) if stars else "")
    filled = len(block.select("svg[tabindex='-1']"))
    return Review(rating=number(rating.group(1)) if rating else (float(filled) if 0 < filled <= 5 else None),
                  date=iso(text(block.select_one(".wzBhKb"))), text=text(block.select_one(".bR5MYb")) or "",
                  reply=None, author=text(block.select_one(".iLLAJe")))



ADAPTER = StoreAdapter(
    id="google-workspace",
    name="Google Workspace Marketplace",
    hosts=("workspace.google.com",),
    read=read,
    markers=(r"<meta[^>]+og:site_name[^>]+content=[\"']Google Workspace Marketplace[\"']",
             r"<title>[^<]*- Google Workspace Marketplace</title>"),
    unavailable=unavailable,
)
