"""Chrome Web Store (chromewebstore.google.com, and the old chrome.google.com/webstore).

Where the data lives, by layout:

- 2024 and later (chromewebstore.google.com): server-rendered, with the item itself in the `ds:0` data island
  (positional arrays, positions below: exact rating and ratings count where the page shows "4.6 (2.4K ratings)",
  the description with its line breaks, media, the developer's record, privacy policy and support URLs,
  languages, version, update time) and its first reviews in `ds:1`. The visible page holds the sections the
  island lacks or a copy without its scripts still shows: the "Details" box (rows of label and value; its
  "Developer" row with the name, address, "Website" link and e-mail), the "Privacy" section (the developer's
  privacy policy link and data disclosure), the "Support" section (the developer's support site, or the store's
  own support hub), the media carousel (`data-media-url`) and the category chips.
- 2015 to 2020 (chrome.google.com/webstore): the item only in the page's `<noscript>` copy: schema.org
  microdata (read by the generic extractor), the title `h1.e-f-w`, "offered by" (`.e-f-Me`), the summary
  (`itemprop=description`) and full description (`pre.C-b-p-j-Oa`), the rating's "Average rating" labels, the
  info rows (`span.C-b-p-D-R`: Version, Updated, Size, Language), the user count (`.e-f-ih`).

The store's own chrome (the Google bar, the footer's "Privacy Policy" and "Help", the badge and review help
pages, the program policies, related items, the support hub) is never the vendor's: `owned_pages` names it.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from bs4 import BeautifulSoup, Tag

from auditor.extract.dates import parse_date
from auditor.extract.page import ListingPage
from auditor.extract.stores.base import NONE, StoreAdapter, StorePage, grouped
from auditor.extract.stores.toolkit import (
    at,
    count_at,
    description_links,
    google_islands,
    mailto,
    markup_has,
    number_at,
    page_base,
    paragraphs,
    soup_of,
    split_list,
    text,
    text_at,
    timestamp_date,
    unique,
    web_url,
)
from auditor.links import hostname, site_of
from auditor.marketplaces import profile_for
from auditor.model import Image, Review
from auditor.urls import resolve

#: the item's record in `ds:0`: its summary row (`ds:0[0]`) and the rest
_ITEM, _MEDIA, _DESCRIPTION, _DEVELOPER, _VERSION, _UPDATED, _SIZE, _LANGUAGES = 0, 5, 6, 10, 13, 14, 15, 16
_SUPPORT_URL, _MIN_CHROME, _PRIVACY_URL = 26, 27, 33
#: the summary row: id, icon, name, rating, ratings count, tagline, verified domain, badges, category, type, users
_ICON, _RATING, _RATINGS, _DOMAIN, _VERIFIED, _FEATURED, _BY_GOOGLE, _CATEGORY, _TYPE, _USERS = (
    1, 3, 4, 7, 8, 9, 10, 11, 12, 14)
#: the developer record (`ds:0[10]`): e-mail, postal address, trader flag, non-trader flag, account, person, company
_DEV_EMAIL, _DEV_ADDRESS, _DEV_TRADER, _DEV_NON_TRADER, _DEV_ACCOUNT, _DEV_PERSON, _DEV_COMPANY = 0, 1, 3, 4, 5, 6, 7
_TYPES = {1: "Extension", 2: "Theme", 3: "App"}
_MEDIA_IMAGE, _MEDIA_VIDEO = 1, 2

_PLACEHOLDER = re.compile(r"gstatic\.com/chrome/webstore/images/(?:thumb|placeholder)", re.I)
_STORE_ALT = re.compile(r"^Item media \d+ (?:\(?screenshot\)?|video)\b", re.I)
_SUPPORT_HUB = re.compile(r"/detail/(?:[^/]+/)?[a-p]{32}/support/?$")
_CATEGORY_LINK = re.compile(r"(^|/)category/[\w/]+$")
_BULLET = re.compile(r"^\s*[•●▪◦✓✔✅★➡→*-]\ufe0f?\s*(\S.{3,})$", re.M)
_VIDEO_THUMB = re.compile(r"ytimg\.com/vi/([\w-]+)/")
_OLD_COPY = re.compile(r"<noscript\b[^>]*>(.*?)</noscript>", re.S | re.I)
_NOT_AVAILABLE = (r">\s*This item is not available\s*<",)


class Item:
    """What the sources share, read once per page (each part when first asked for)."""

    def __init__(self, page: ListingPage) -> None:
        self.page = page

    @cached_property
    def islands(self) -> dict[str, Any]:
        """The page's `AF_initDataCallback` islands by key."""
        return google_islands(self.page.html)

    @cached_property
    def record(self) -> list[Any] | None:
        """The item's record (`ds:0`); None on the old layouts, in a copy without scripts and on the gone page."""
        found = self.islands.get("ds:0")
        return found if isinstance(found, list) and isinstance(at(found, _ITEM), list) else None

    @property
    def head(self) -> Any:
        """The record's summary row."""
        return at(self.record, _ITEM)

    @property
    def developer(self) -> Any:
        """The record's developer entry."""
        return at(self.record, _DEVELOPER)

    @cached_property
    def base(self) -> str:
        """What relative links resolve against (the store's pages set <base href="https://chromewebstore...">)."""
        return page_base(self.page.html, self.page.url)

    @cached_property
    def sections(self) -> dict[str, Tag]:
        """The page's sections by their <h2> title ("Details", "Privacy", "Support"), first one kept."""
        found: dict[str, Tag] = {}
        for heading in self.page.soup.find_all("h2"):
            section = heading.find_parent("section")
            if (title := text(heading)) and isinstance(section, Tag):
                found.setdefault(title, section)
        return found

    @cached_property
    def details(self) -> dict[str, Tag]:
        """The Details box's rows: each label with the element holding its value."""
        rows: dict[str, Tag] = {}
        section = self.sections.get("Details")
        for row in section.find_all("li") if section is not None else []:
            cells = row.find_all("div", recursive=False)
            if len(cells) >= 2 and (label := text(cells[0])):
                rows.setdefault(label, cells[1])
        return rows

    @cached_property
    def old(self) -> BeautifulSoup | None:
        """The old layouts' <noscript> copy of the item (schema.org WebApplication), parsed; None on the others."""
        if self.record is not None or self.details:
            return None
        copies = [m.group(1) for m in _OLD_COPY.finditer(self.page.html) if "schema.org/WebApplication" in m.group(1)]
        return soup_of("".join(copies)) if copies else None


def _item(page: StorePage) -> Item:
    return page.data


# ------------------------------------------------------------ the item's record (2024 and later)


def _island_description(page: StorePage) -> str | None:
    return paragraphs(at(_item(page).record, _DESCRIPTION))


def _island_developer(page: StorePage) -> str | None:
    """The developer as the store names it: the trader's company, the named person, "Google", the account."""
    item = _item(page)
    named = text_at(item.developer, _DEV_COMPANY) or text_at(item.developer, _DEV_PERSON)
    if named:
        return named
    if at(item.head, _BY_GOOGLE) is True:
        return "Google"  # shown as "This extension was developed by Google"
    return text_at(item.developer, _DEV_ACCOUNT)


def _island_rating(page: StorePage) -> float | None:
    """The exact rating (4.618349392542941 where the page shows "4.6")."""
    return number_at(_item(page).head, _RATING)


def _island_count(page: StorePage) -> int | None:
    """The exact ratings count (2387 where the page shows "2.4K"); NONE for an item the island gives none."""
    item = _item(page)
    if item.record is None:
        return None
    return count_at(item.head, _RATINGS) or NONE  # the page says "No ratings": none, not zero


def _island_icon(page: StorePage) -> Image | None:
    """The uploaded icon (its size unknown: the page asks the image CDN for fixed sizes, =s128); NONE without one."""
    item = _item(page)
    if item.record is None:
        return None
    icon = web_url(text_at(item.head, _ICON))
    return Image(icon) if icon and not _PLACEHOLDER.search(icon) else NONE


def _media(page: StorePage, kind: int) -> list[str]:
    entries = at(_item(page).record, _MEDIA)
    return unique(web_url(at(m, 1)) for m in entries if at(m, 0) == kind) if isinstance(entries, list) else []


def _island_screenshots(page: StorePage) -> list[Image]:
    """The item's images, with the alt text the carousel gives each."""
    alts = _carousel_alts(page)
    return [Image(url, alt=alts.get(url)) for url in _media(page, _MEDIA_IMAGE)]


def _island_video(page: StorePage) -> str | None:
    return next(iter(_media(page, _MEDIA_VIDEO)), None)


def _features(page: StorePage) -> list[str]:
    """The description's bulleted lines ("• Vendor matching against ..."): the store has no features field."""
    found = unique(m.group(1) for m in _BULLET.finditer(_island_description(page) or ""))
    return found if len(found) >= 2 else []


def _reviews(page: StorePage) -> list[Review]:
    """The reviews the page shows (`ds:1[1]`): [_, [author], stars, text, [time]]."""
    reviews = []
    for entry in at(_item(page).islands.get("ds:1"), 1) or []:
        body, rating = paragraphs(at(entry, 3)) or "", number_at(entry, 2)
        if isinstance(entry, list) and (body or rating is not None):
            reviews.append(Review(rating=rating, date=timestamp_date(at(entry, 4)), text=body,
                                  author=text_at(entry, 1, 0)))
    return reviews


def _island_languages(page: StorePage) -> list[str]:
    return unique(t for t in at(_item(page).record, _LANGUAGES) or [] if isinstance(t, str))


def _island_updated(page: StorePage) -> str | None:
    return timestamp_date(at(_item(page).record, _UPDATED))


def _island_details(page: StorePage) -> dict[str, str]:
    """The item's facts: the Details box's, exact, and the record's that the page shows elsewhere."""
    item = _item(page)
    if item.record is None:
        return {}
    head, dev, kind = item.head, item.developer, at(item.head, _TYPE)
    badges = [name for flag, name in ((_VERIFIED, "Established publisher"), (_FEATURED, "Featured"),
                                      (_BY_GOOGLE, "By Google")) if at(head, flag) is True]
    pairs = {
        "Version": text_at(item.record, _VERSION) or _shown(page, "Version"),
        "Updated": _island_updated(page) or _shown_updated(page),
        "Size": text_at(item.record, _SIZE) or _shown(page, "Size"),
        "Users": grouped(count_at(head, _USERS)),
        "Ratings": grouped(count_at(head, _RATINGS)),
        "Written reviews": grouped(count_at(item.islands.get("ds:1"), 2)),
        "Type": _TYPES.get(kind) if isinstance(kind, int) else None,
        "Languages": ", ".join(_island_languages(page)) or _shown(page, "Languages"),
        "Minimum Chrome version": text_at(item.record, _MIN_CHROME),
        "Developer e-mail": text_at(dev, _DEV_EMAIL),
        "Developer address": text_at(dev, _DEV_ADDRESS),
        "Publisher account": text_at(dev, _DEV_ACCOUNT),
        "Trader status": _trader(page),
        "Verified website": text_at(head, _DOMAIN),
        "Badges": ", ".join(badges) or None,
        "Support hub": _support_hub(page),
        "Item ID": text_at(head, 0),
    }
    return {label: value for label, value in pairs.items() if value}


def _trader(page: StorePage) -> str | None:
    """"Trader" or "Non-trader", as the Details box says or the developer record flags it."""
    item = _item(page)
    shown = next((k for k in ("Trader", "Non-trader") if k in item.details), None)
    if shown or item.record is None:
        return shown
    flags = ((_DEV_TRADER, "Trader"), (_DEV_NON_TRADER, "Non-trader"))
    return next((name for flag, name in flags if at(item.developer, flag) is True), None)


# ------------------------------------------------------------ the visible sections (2024 and later)


def _shown(page: StorePage, label: str) -> str | None:
    """A Details row's value as shown ("Version" -> "6.0.2")."""
    return text(_item(page).details.get(label))


def _shown_updated(page: StorePage) -> str | None:
    return parse_date(_shown(page, "Updated"))


def _shown_languages(page: StorePage) -> list[str]:
    """The Details box's languages, without its "5 languages" count line."""
    return split_list(re.sub(r"^\d+\s+languages?\s*", "", _shown(page, "Languages") or ""), r",")


def _shown_details(page: StorePage) -> dict[str, str]:
    """The Details box as shown, when the island is missing (the developer is a field of its own)."""
    item = _item(page)
    if item.record is not None:
        return {}
    return {label: value for label, cell in item.details.items() if label != "Developer" and (value := text(cell))}


def _developer_box(page: StorePage) -> Tag | None:
    return _item(page).details.get("Developer")


def _shown_developer(page: StorePage) -> str | None:
    """The name heading the Developer row (the line above the address), else the "Offered by" row."""
    box = _developer_box(page)
    block = box.find(lambda t: t.name == "div" and t.find("br", recursive=False) is not None) if box else None
    name = block.find(string=True, recursive=False) if isinstance(block, Tag) else None
    return text(name) or _shown(page, "Offered by")


def _shown_website(page: StorePage) -> str | None:
    """The Developer row's "Website" link."""
    box = _developer_box(page)
    for anchor in box.find_all("a", href=True) if box is not None else []:
        found = web_url(anchor["href"], _item(page).base)
        if (text(anchor) or "").casefold() == "website" and found and not ADAPTER.owns(found):
            return found
    return None


def _declared_support(page: StorePage) -> str | None:
    """The support URL the developer declared (`ds:0[26]`), when the listing links it: a support site the store
    shows only inside its own support hub is not a link of the listing."""
    declared = web_url(at(_item(page).record, _SUPPORT_URL), _item(page).base)
    linked = {_bare(a.url) for a in page.page.anchors() if a.zone == "content"}
    return declared if declared and _bare(declared) in linked else None


def _bare(url: str) -> str:
    """A URL without its scheme, "www." and trailing slash: the same page however it is written."""
    return re.sub(r"^https?://(?:www\.)?", "", url.lower()).rstrip("/")


def _island_email(page: StorePage) -> str | None:
    return mailto(text_at(_item(page).developer, _DEV_EMAIL))


def _support_hub(page: StorePage) -> str | None:
    """The store's own support tab for the item."""
    hub = page.soup.find("a", href=_SUPPORT_HUB)
    return resolve(_item(page).base, str(hub["href"])) if isinstance(hub, Tag) else None


def _island_privacy(page: StorePage) -> str | None:
    """The privacy policy the developer declared; NONE when the record declares none (the page's own "privacy
    practices" link is the store's, even when the developer is Google too)."""
    item = _item(page)
    if item.record is None:
        return None
    return web_url(at(item.record, _PRIVACY_URL), item.base) or NONE


def _data_disclosure(page: StorePage) -> str | None:
    """The Privacy section: what the developer disclosed about the data the item collects and uses."""
    return text(_item(page).sections.get("Privacy"))


def _setup_guide(page: StorePage) -> str | None:
    """The setup guide the description names ("Setup guide: ..."; the store has no docs field), when it is on the
    developer's own site: a guide to another party's product is not the vendor's."""
    site = _shown_website(page)
    found = description_links(_island_description(page) or "", _item(page).base, ADAPTER.owns).get("setup")
    return found if found and site and _same_site(found, site) else None


def _same_site(url: str, other: str) -> bool:
    first, second = hostname(url), hostname(other)
    return bool(first) and (site_of(first) or first) == (site_of(second) or second)


def _chips(page: StorePage) -> list[str]:
    """The category chips the page shows under the name ("Extension", "Workflow & Planning")."""
    return unique(text(a) for a in page.soup.find_all("a", href=_CATEGORY_LINK))


def _carousel_alts(page: StorePage) -> dict[str, str]:
    """Each slide's alt text by image URL; the store's own "Item media 3 screenshot" label is not one."""
    alts: dict[str, str] = {}
    for slide in page.soup.find_all(None, attrs={"data-media-url": True}):
        img, src = slide.find("img"), web_url(slide.get("data-media-url"))
        alt = text(img.get("alt")) if isinstance(img, Tag) else None
        if src and alt and not _STORE_ALT.match(alt):
            alts.setdefault(src, alt)
    return alts


def _carousel(page: StorePage) -> list[Image]:
    """The media carousel's slides, when the island is missing."""
    alts = _carousel_alts(page)
    slides = page.soup.find_all(None, attrs={"data-media-url": True, "data-is-video": "false"})
    return [Image(url, alt=alts.get(url)) for url in unique(web_url(s.get("data-media-url")) for s in slides)]


# ------------------------------------------------------------ the old layouts' <noscript> copy (2015 to 2020)


def _old(page: StorePage, selector: str) -> Tag | None:
    copy = _item(page).old
    found = copy.select_one(selector) if copy is not None else None
    return found if isinstance(found, Tag) else None


def _old_summary(page: StorePage) -> str | None:
    """The summary line above the full description (only when both are there)."""
    return text(_old(page, "[itemprop=description]")) if _old(page, "pre.C-b-p-j-Oa") is not None else None


def _old_description(page: StorePage) -> str | None:
    full = _old(page, "pre.C-b-p-j-Oa")
    return paragraphs(full.get_text()) if full is not None and _old_summary(page) else None


def _old_developer(page: StorePage) -> str | None:
    offered = text(_old(page, ".e-f-Me"))
    return re.sub(r"^\s*offered by\s*", "", offered, flags=re.I).strip() or None if offered else None


def _old_rating(page: StorePage) -> float | None:
    """"Average rating: 4.71 stars" (the 2020 page: its microdata has no rating, its label says "4.7 out of 5")."""
    stars = _old(page, "[title*='Average rating']")
    found = re.search(r"(\d(?:\.\d+)?)", str(stars["title"])) if stars is not None else None
    return float(found.group(1)) if found else None


def _old_count(page: StorePage) -> int | None:
    """"127 users rated this item"."""
    rated = _old(page, "[aria-label*='rated this item']")
    found = re.search(r"(\d[\d,]*)\s+users? rated", str(rated["aria-label"])) if rated is not None else None
    return int(found.group(1).replace(",", "")) if found else None


def _old_rows(page: StorePage) -> dict[str, str]:
    """The info rows ("Version:", "Updated:", "Size:", "Language:")."""
    rows: dict[str, str] = {}
    copy = _item(page).old
    for label in copy.select("span.C-b-p-D-R") if copy is not None else []:
        value = label.find_next_sibling("span")
        if (name := text(label)) and (shown := text(value)):
            rows.setdefault(name.rstrip(":"), shown)
    return rows


def _old_updated(page: StorePage) -> str | None:
    return parse_date(_old_rows(page).get("Updated"))


def _old_languages(page: StorePage) -> list[str]:
    rows = _old_rows(page)
    return split_list(rows.get("Language") or rows.get("Languages"), r",")


def _old_details(page: StorePage) -> dict[str, str]:
    """The generic details with the info rows and the user count."""
    rows, users = _old_rows(page), text(_old(page, ".e-f-ih"))
    pairs = {"Version": rows.get("Version"), "Updated": _old_updated(page), "Size": rows.get("Size"),
             "Users": re.sub(r"\s*users?$", "", users) if users else None}
    found = {label: value for label, value in pairs.items() if value}
    return {**page.generic.details, **found} if found else {}


def _old_video(page: StorePage) -> str | None:
    """The promo video the carousel shows as a YouTube thumbnail."""
    thumb = _old(page, "img[src*='ytimg.com/vi/']")
    found = _VIDEO_THUMB.search(str(thumb["src"])) if thumb is not None else None
    return f"https://www.youtube.com/watch?v={found.group(1)}" if found else None


def _old_website(page: StorePage) -> str | None:
    """The "Website" link (or the "offered by" link to the developer's site)."""
    copy = _item(page).old
    anchors = copy.find_all("a", href=True) if copy is not None else []
    for anchor in anchors:
        if text(anchor) == "Website" or "e-f-y" in (anchor.get("class") or []):
            found = web_url(anchor["href"], page.url)
            return found if found and not ADAPTER.owns(found) else None
    return None


def _old_placeholder_icon(page: StorePage) -> Any:
    """The store's default picture, which the old layouts show for an item without an icon: no icon."""
    icon = page.generic.icon
    return NONE if _item(page).old is not None and icon is not None and _PLACEHOLDER.search(icon.url) else None


def _old_categories(page: StorePage) -> Any:
    """The old layouts show no category (their microdata names a schema.org type, not a category)."""
    return NONE if _item(page).old is not None else None


# ------------------------------------------------------------ the adapter


def _gone(page: StorePage) -> bool:
    """The store's "This item is not available" page (its `ds:0` island answers with an error status)."""
    return isinstance(_item(page).islands.get("ds:0"), dict) or markup_has(page.html, _NOT_AVAILABLE, 1_500_000)


ADAPTER = StoreAdapter(
    store=profile_for("chrome-web-store"),
    parse=Item,
    fields={
        "tagline": (_old_summary,),
        "description": (_island_description, _old_description),
        "developer": (_island_developer, _shown_developer, _old_developer),
        "rating": (_island_rating, _old_rating),
        "review_count": (_island_count, _old_count),
        "icon": (_island_icon, _old_placeholder_icon),
        "screenshots": (_island_screenshots, _carousel),
        "video": (_island_video, _old_video),
        "categories": (_chips, _old_categories),
        "features": (_features,),
        "reviews": (_reviews,),
        "languages": (_island_languages, _shown_languages, _old_languages),
        "updated": (_island_updated, _shown_updated, _old_updated),
        "details": (_island_details, _shown_details, _old_details),
        "data_access": (_data_disclosure,),
        "links.website": (_shown_website, _old_website),
        "links.privacy": (_island_privacy,),
        "links.support": (_declared_support, _island_email),
        "links.setup": (_setup_guide,),
    },
    # the store's own page furniture, never found on a vendor's page, near the top of the page (the 2024 pages
    # put ~700 KB of scripts before their title): the front end's name, the <base>, the old title and report link
    markers=(
        r"productName:\s*'ChromeWebStoreConsumerFeUi'|\"/_/ChromeWebStoreConsumerFeUi\"",
        r"<base\s+href=[\"']https://chromewebstore\.google\.com/",
        r"<title>(?:[^<]*\s-\s)?Chrome Web Store\s*</title>",
        r"https://chrome\.google\.com/webstore/report/[a-p]{32}",
    ),
    gone=_gone,
    owned_pages=(
        "support.google.com/chrome_webstore", "support.google.com/webstore", "support.google.com/chrome/a/answer",
        "developer.chrome.com/docs/webstore", "developer.chrome.com/webstore", "www.google.com/chrome",
        "www.google.com/intl/en/about/products", "www.google.com/webhp", "policies.google.com",
        "myaccount.google.com", "accounts.google.com", "ssl.gstatic.com", "www.gstatic.com",
    ),
)
