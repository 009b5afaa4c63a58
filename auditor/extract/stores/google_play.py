"""Google Play (play.google.com/store/apps/details?id=...).

Where the data lives: the page is server-rendered from `AF_initDataCallback` data islands (positional arrays,
exact where the page rounds), beside a schema.org JSON-LD block that the generic extractor reads (the rating as
a double, the ratings count, the name). Two island layouts are in the wild (their paths are in `_PATHS`):

- 2021: the app spread over islands: `ds:5[0]` the app (name, full and short description) with its metadata
  block `[12]` (screenshots and icon with their sizes, the developer's contact: website, e-mail, privacy policy;
  category, last update, installs, content rating), `ds:6` the ratings (exact rating, count, star histogram),
  `ds:8` size, version and required Android, `ds:18` the first reviews with the developer's replies, `ds:3`
  the install button's label.
- 2026: one record, `ds:5[1][2]`, with the same values at other positions (no reviews: the page loads them).

Older pages (2012, 2018) have no islands: the visible page and its microdata, which the generic extractor reads,
and the category links (`itemprop=genre`, the "Category:" row). The store's chrome (the Google bar, Play's
"Privacy" and "Terms of Service", the "Parent Guide" and ratings help pages, similar apps) is never the
vendor's: `owned_pages` names it.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any
from urllib.parse import parse_qs

from auditor.extract.page import ListingPage
from auditor.extract.stores.base import Source, StoreAdapter, StorePage, grouped
from auditor.extract.stores.toolkit import (
    at,
    count_at,
    distribution,
    google_islands,
    mailto,
    markup_has,
    number_at,
    page_base,
    paragraphs,
    text,
    text_at,
    timestamp_date,
    unique,
    web_url,
)
from auditor.marketplaces import profile_for
from auditor.model import Image, Review
from auditor.urls import parse_url

_2021, _2026 = 0, 1
_APP, _META, _RECORD = ("ds:5", 0), ("ds:5", 0, 12), ("ds:5", 1, 2)
#: where each value sits: (its path on the 2021 layout, its path on the 2026 layout); None where it has none
_PATHS: dict[str, tuple[tuple[str | int, ...] | None, tuple[str | int, ...] | None]] = {
    "description": ((*_APP, 10, 0, 1), (*_RECORD, 72, 0, 1)),
    "tagline": ((*_APP, 10, 1, 1), (*_RECORD, 73, 0, 1)),
    "developer": ((*_META, 5, 1), (*_RECORD, 68, 0)),
    "developer_page": ((*_META, 5, 5, 4, 2), (*_RECORD, 68, 1, 4, 2)),
    "email": ((*_META, 5, 2, 0), (*_RECORD, 69, 1, 0)),
    "website": ((*_META, 5, 3, 5, 2), (*_RECORD, 69, 0, 5, 2)),
    "address": (None, (*_RECORD, 69, 4, 2, 0)),
    "privacy": ((*_META, 7, 2), (*_RECORD, 99, 0, 5, 2)),
    "screenshots": ((*_META, 0), (*_RECORD, 78, 0)),
    "icon": ((*_META, 1), (*_RECORD, 95, 0)),
    "content_rating": ((*_META, 4, 0), (*_RECORD, 9, 0)),
    "updated": ((*_META, 8), (*_RECORD, 145, 0, 1)),
    "installs": ((*_META, 9), (*_RECORD, 13)),
    "genres": ((*_META, 13), (*_RECORD, 79, 0)),
    #: [[shown, rating], [None, [shown, 1-star count], ..., [shown, 5-star count]], [shown, count]]
    "ratings": (("ds:6", 0, 6), (*_RECORD, 51)),
    "version": (("ds:8", 1), (*_RECORD, 140, 0, 0, 0)),
    "size": (("ds:8", 0), None),
    "requires": (("ds:8", 2), (*_RECORD, 140, 1, 1, 0, 0, 1)),
    #: [[id, [author], stars, _, text, [time], thumbs up, [developer, reply, [time]]], ...]
    "reviews": (("ds:18", 0), None),
    "button": (("ds:3", 0, 2, 0, 1, 0), None),
}
_NOT_FOUND = (r"<title[^>]*>\s*Not Found\s*</title>", r"We're sorry, the requested URL was not found on this server")


class App:
    """What the sources share, read once per page: the islands, and which layout wrote them."""

    def __init__(self, page: ListingPage) -> None:
        self.islands = google_islands(page.html)
        #: the layout whose app record names the app (None for a page without islands)
        self.layout = next((layout for layout, app in ((_2026, _RECORD), (_2021, _APP))
                            if text_at(self.islands, *app, 0, 0)), None)
        self.base = page_base(page.html, page.url)

    def get(self, name: str) -> Any:
        """The value at `name`'s path on this page's layout, or None."""
        path = _PATHS[name][self.layout] if self.layout is not None else None
        return at(self.islands, *path) if path is not None else None


def _app(page: StorePage) -> App:
    return page.data


def _text(name: str) -> Source:
    """A source: the text at one of the app's paths."""
    def read(page: StorePage) -> str | None:
        return text_at(_app(page).get(name))
    return read


def _html(name: str) -> Source:
    """A source: Play's HTML text at one of the app's paths, as plain text with its paragraphs."""
    def read(page: StorePage) -> str | None:
        return _plain(_app(page).get(name))
    return read


def _plain(value: Any) -> str | None:
    """Play's HTML text (<br> line breaks, tags, entities) as plain text with its paragraphs."""
    if not isinstance(value, str):
        return None
    return paragraphs(html_lib.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", "\n", value, flags=re.I))))


def _image(entry: Any, base: str) -> Image | None:
    """Play's image record: [_, kind, [height, width], [_, _, url]]."""
    url = web_url(at(entry, 3, 2), base)
    return Image(url=url, width=count_at(entry, 2, 1), height=count_at(entry, 2, 0)) if url else None


def _screenshots(page: StorePage) -> list[Image]:
    """The app's screenshots with their uploaded sizes."""
    shots = _app(page).get("screenshots")
    return [i for i in (_image(s, _app(page).base) for s in shots) if i] if isinstance(shots, list) else []


def _icon(page: StorePage) -> Image | None:
    """The app's icon with its uploaded size (the page shows a rendition of it)."""
    return _image(_app(page).get("icon"), _app(page).base)


def _genres(page: StorePage) -> list[str]:
    """The app's categories as the page names them ("Business", not the id BUSINESS)."""
    return unique(text_at(g, 0) for g in _app(page).get("genres") or [] if isinstance(g, list))


def _genre_links(page: StorePage) -> list[str]:
    """The category links under the app's name on the pages without islands (`itemprop=genre`)."""
    return unique(text(a) for a in page.soup.select("a[itemprop=genre]"))


def _category_row(page: StorePage) -> list[str]:
    """The "Category:" row of the oldest pages' details box."""
    shown = page.generic.details.get("Category:") or page.generic.details.get("Category")
    return [shown] if shown else []


def _rating(page: StorePage) -> float | None:
    """The ratings island's rating, unless the generic reading has the same one more exactly: the island holds a
    float (3.6939654, the 2026 record 4.26508), the JSON-LD block the double (3.693965435028076)."""
    rating, shown = number_at(_app(page).get("ratings"), 0, 1), page.generic.rating
    return None if rating is None or shown is not None and abs(shown - rating) < 5e-5 else rating


def _count(page: StorePage) -> int | None:
    """The ratings count (the header's "N reviews")."""
    return count_at(_app(page).get("ratings"), 2, 1)


def _distribution(page: StorePage) -> dict[str, int]:
    """The star histogram (the counts behind the page's bars)."""
    bars = at(_app(page).get("ratings"), 1)
    return distribution({stars: at(bars, stars, 1) for stars in range(1, 6)})


def _reviews(page: StorePage) -> list[Review]:
    """The first reviews, with the developer's replies."""
    reviews = []
    for entry in _app(page).get("reviews") or []:
        body, rating = _plain(at(entry, 4)), number_at(entry, 2)
        if body or rating is not None:
            reviews.append(Review(rating=rating, date=timestamp_date(at(entry, 5)), text=body or "",
                                  reply=_plain(at(entry, 7, 1)), author=text_at(entry, 1, 0)))
    return reviews


def _install_actions(page: StorePage) -> list[str]:
    """The install button's label ("Install", "$4.99") first, then the page's other calls to action."""
    button = text(_app(page).get("button"))
    return [button, *(a for a in page.generic.install_actions if a != button)] if button else []


def _updated(page: StorePage) -> str | None:
    return timestamp_date(_app(page).get("updated"))


def _website(page: StorePage) -> str | None:
    return web_url(_app(page).get("website"), _app(page).base)


def _support(page: StorePage) -> str | None:
    """The developer's support e-mail (Play has no support URL field)."""
    return mailto(_app(page).get("email"))


def _privacy(page: StorePage) -> str | None:
    return web_url(_app(page).get("privacy"), _app(page).base)


def _details(page: StorePage) -> dict[str, str]:
    """The app's facts: installs (exact and as shown), files, content rating, the developer's contact, package."""
    app = _app(page)
    if app.layout is None:
        return {}
    installs = app.get("installs")
    parts = parse_url(page.url)
    package = next(iter(parse_qs(parts.query).get("id") or []), None) if parts is not None else None
    pairs = {
        "Installs": grouped(count_at(installs, 2)) or text_at(installs, 0),
        "Installs shown": text_at(installs, 0),
        "Updated": _updated(page),
        "Version": text(app.get("version")),
        "Size": text(app.get("size")),
        "Requires Android": text(app.get("requires")),
        "Content rating": text(app.get("content_rating")),
        "Ratings": grouped(_count(page)),
        "Developer e-mail": text(app.get("email")),
        "Developer address": text(app.get("address")),
        "Developer page": web_url(app.get("developer_page"), "https://play.google.com/"),
        "Package": package,
    }
    return {**page.generic.details, **{label: value for label, value in pairs.items() if value}}


def _gone(page: StorePage) -> bool:
    """Play's "the requested URL was not found" page for an app that is gone."""
    return markup_has(page.html, _NOT_FOUND, 400_000)


ADAPTER = StoreAdapter(
    store=profile_for("google-play"),
    parse=App,
    fields={
        "tagline": (_text("tagline"),),
        "description": (_html("description"),),
        "developer": (_text("developer"),),
        "categories": (_genres, _genre_links, _category_row),
        "screenshots": (_screenshots,),
        "icon": (_icon,),
        "rating": (_rating,),
        "review_count": (_count,),
        "rating_distribution": (_distribution,),
        "reviews": (_reviews,),
        "install_actions": (_install_actions,),
        "updated": (_updated,),
        "details": (_details,),
        "links.website": (_website,),
        "links.support": (_support,),
        "links.privacy": (_privacy,),
    },
    # the store's own page furniture near the top of the page: the front end's name, the <base>, the title
    markers=(
        r"\"/_/PlayStoreUi/?\"",
        r"<base\s+href=[\"']https://play\.google\.com/",
        r"<title[^>]*>[^<]*-\s*Apps on Google Play\s*</title>",
    ),
    gone=_gone,
    owned_pages=(
        "support.google.com/googleplay", "policies.google.com", "payments.google.com", "families.google.com",
        "accounts.google.com", "myaccount.google.com", "developer.android.com", "www.gstatic.com", "ssl.gstatic.com",
    ),
)
