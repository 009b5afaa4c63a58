"""Google Play (play.google.com/store/apps/details?id=...).

The page is server-rendered from `AF_initDataCallback` data islands (see `_google`), with a schema.org
JSON-LD block beside them. The app's record (`ds:5`) holds the name, full and short descriptions,
screenshots and icon with their sizes, the developer's contact (website, e-mail, privacy policy),
category, last update and install counts; `ds:6` the exact rating, ratings count and star histogram
(the page shows "3.7" and "4,542"); `ds:8` size, version and required Android; `ds:18` the first
reviews with the developer's replies. JSON-LD is read for what it holds more exactly (the rating as a
double), the visible page (via the generic extractor) fills what the islands lack.

The store's chrome (Google bar, Play's "Privacy"/"Terms of Service"/"Parent Guide" links, the ratings
"Learn more" help pages, similar apps) is never the vendor's: the vendor's links come from the
developer's contact block only.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

from auditor.extract.generic import extract_listing
from auditor.extract.stores._google import (
    at,
    count_at,
    is_store_page,
    islands,
    mailto,
    number_at,
    page_base,
    text_at,
    timestamp_date,
    web_url,
)
from auditor.extract.stores._legacy import StoreAdapter, grouped
from auditor.model import Image, Links, Listing, Review

#: the app record `ds:5[0]` and its media/metadata block `ds:5[0][12]`
_NAME, _TEXTS, _META = (0, 0), (10,), (12,)
_SCREENSHOTS, _ICON, _FEATURE_GRAPHIC, _VIDEO, _CONTENT_RATING, _DEVELOPER = 0, 1, 2, 3, 4, 5
_PRIVACY, _UPDATED, _INSTALLS, _GENRES = 7, 8, 9, 13
_NOT_FOUND = (r"<title[^>]*>\s*Not Found\s*</title>",
              r"We're sorry, the requested URL was not found on this server")


def read(html: str, url: str) -> Listing:
    """The listing from the data islands first, JSON-LD second, the visible page last."""
    listing = extract_listing(html, url)
    if unavailable(html):
        return Listing(url=url, available=False)
    data = islands(html)
    app = at(data.get("ds:5"), 0)
    ld = _json_ld(html)
    base = page_base(html, url)
    soup = BeautifulSoup(html, "lxml")
    meta = at(app, *_META)
    listing.name = text_at(app, *_NAME) or _text(ld.get("name")) or listing.name
    listing.description = _html_text(at(app, 10, 0, 1)) or _text(ld.get("description")) or listing.description
    listing.tagline = text_at(app, 10, 1, 1) or listing.tagline
    listing.developer = text_at(meta, _DEVELOPER, 1) or _text((ld.get("author") or {}).get("name")) or listing.developer
    _ratings(listing, data.get("ds:6"), ld)
    shots = [i for i in (_image(m) for m in at(meta, _SCREENSHOTS) or []) if i]
    listing.screenshots = shots or listing.screenshots
    listing.icon = _image(at(meta, _ICON)) or listing.icon
    listing.video = web_url(at(meta, _VIDEO, 0, 3, 2)) or web_url(at(meta, _VIDEO, 3, 2)) or listing.video
    listing.categories = [c for c in (text_at(g, 0) for g in at(meta, _GENRES) or [] if isinstance(g, list)) if c] \
        or ([_text(ld["applicationCategory"]).title().replace("_", " ")] if _text(ld.get("applicationCategory")) else [])
    listing.reviews = _reviews(data.get("ds:18")) or listing.reviews
    button = text_at(data.get("ds:3"), 0, 2, 0, 1, 0)  # the install button's label ("Install", "$4.99")
    if button:
        listing.install_actions = [button, *(a for a in listing.install_actions if a != button)]
    listing.links = _links(meta, soup, base)
    listing.updated = timestamp_date(at(meta, _UPDATED)) or listing.updated
    listing.published = None  # Play does not show a release date on this layout
    listing.details = _details(meta, data.get("ds:8"), url, listing)
    return listing


def _ratings(listing: Listing, stats: Any, ld: dict[str, Any]) -> None:
    """Exact rating (JSON-LD's double, else the island's float), ratings count and the star histogram."""
    aggregate = ld.get("aggregateRating") if isinstance(ld.get("aggregateRating"), dict) else {}
    block = at(stats, 0, 6)
    listing.rating = _number(aggregate.get("ratingValue")) or number_at(block, 0, 1)
    count = count_at(block, 2, 1)
    listing.review_count = count if count is not None else _whole(aggregate.get("ratingCount") or aggregate.get("reviewCount"))
    if listing.review_count is None:
        listing.rating = None  # a rating with no ratings behind it is not one
    histogram = {str(stars): n for stars in range(5, 0, -1) if (n := count_at(block, 1, stars, 1)) is not None}
    listing.rating_distribution = histogram or listing.rating_distribution


def _image(entry: Any) -> Image | None:
    """Play's image record: [_, kind, [height, width], [_, _, url]]."""
    url = web_url(at(entry, 3, 2))
    if not url:
        return None
    return Image(url=url, width=count_at(entry, 2, 1), height=count_at(entry, 2, 0))


def _reviews(data: Any) -> list[Review]:
    """`ds:18[0]`: [id, [author, ...], stars, _, text, [time], thumbs up, [developer, reply, [time]], ...]."""
    out = []
    for entry in at(data, 0) or []:
        if not isinstance(entry, list):
            continue
        text = _html_text(at(entry, 4)) or ""
        reply = _html_text(at(entry, 7, 1))
        rating = number_at(entry, 2)
        if text or rating is not None:
            out.append(Review(rating=rating, date=timestamp_date(at(entry, 5)), text=text, reply=reply,
                              author=text_at(entry, 1, 0)))
    return out


def _links(meta: Any, soup: BeautifulSoup, base: str) -> Links:
    """The developer's contact block: website, e-mail (the support contact) and privacy policy."""
    website = web_url(at(meta, _DEVELOPER, 3, 5, 2), base)
    support = mailto(text_at(meta, _DEVELOPER, 2, 0))
    privacy = web_url(at(meta, _PRIVACY, 2), base)
    if not (website and support and privacy):
        shown = _contact_links(soup, base)
        website, support, privacy = website or shown.get("website"), support or shown.get("support"), \
            privacy or shown.get("privacy")
    return Links(website=website, support=support, privacy=privacy)


def _contact_links(soup: BeautifulSoup, base: str) -> dict[str, str]:
    """The visible "Developer" contact links ("Visit website", the e-mail, "Privacy Policy"), not the footer's."""
    found: dict[str, str] = {}
    for anchor in soup.find_all("a", href=True):
        href, label = str(anchor["href"]).strip(), " ".join(anchor.get_text(" ", strip=True).split()).lower()
        if href.lower().startswith("mailto:"):
            found.setdefault("support", href)
            continue
        url = web_url(href, base)
        if not url or is_store_page(url) or anchor.find_parent("footer") is not None:
            continue
        if label in ("visit website", "website"):
            found.setdefault("website", url)
        elif label.startswith("privacy policy"):
            found.setdefault("privacy", url)
    return found


def _details(meta: Any, files: Any, url: str, listing: Listing) -> dict[str, str]:
    shown_installs = text_at(meta, _INSTALLS, 0)
    package = (parse_qs(urlsplit(url).query).get("id") or [None])[0]
    pairs = {
        "Installs": grouped(count_at(meta, _INSTALLS, 2)) or shown_installs,
        "Installs shown": shown_installs,
        "Updated": listing.updated,
        "Version": text_at(files, 1),
        "Size": text_at(files, 0),
        "Requires Android": text_at(files, 2),
        "Content rating": text_at(meta, _CONTENT_RATING, 0),
        "Ratings": grouped(listing.review_count),
        "Developer e-mail": text_at(meta, _DEVELOPER, 2, 0),
        "Developer page": web_url(at(meta, _DEVELOPER, 5, 4, 2), "https://play.google.com/"),
        "Package": package,
    }
    return {**listing.details, **{label: value for label, value in pairs.items() if value}}


# ------------------------------------------------------------ helpers


def _json_ld(html: str) -> dict[str, Any]:
    """The page's SoftwareApplication JSON-LD block ({} if none parses)."""
    for match in re.finditer(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", html, re.S | re.I):
        try:
            value = json.loads(match.group(1), strict=False)
        except ValueError:
            continue
        for node in value if isinstance(value, list) else [value]:
            if isinstance(node, dict) and "SoftwareApplication" in str(node.get("@type")):
                return node
    return {}


def _html_text(value: Any) -> str | None:
    """Play's HTML text (<br> line breaks, entities) as plain text with its paragraphs."""
    if not isinstance(value, str):
        return None
    text = re.sub(r"<br\s*/?>", "\n", value, flags=re.I)
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", text))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() or None


def _text(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    try:
        return float(str(value).replace(",", "")) if value is not None else None
    except ValueError:
        return None


def _whole(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None else None


def unavailable(html: str) -> bool:
    """Play's "the requested URL was not found" page for an app that is gone."""
    return any(re.search(pattern, html[:400_000], re.I) for pattern in _NOT_FOUND)


ADAPTER = StoreAdapter(
    id="google-play",
    name="Google Play",
    hosts=("play.google.com",),
    read=read,
    # the store's own page furniture near the top of the page: the front end's name, the <base>, the title
    markers=(
        r"\"/_/PlayStoreUi/?\"",
        r"<base\s+href=[\"']https://play\.google\.com/",
        r"<title[^>]*>[^<]*-\s*Apps on Google Play\s*</title>",
    ),
    unavailable=unavailable,
)
