"""Chrome Web Store (chromewebstore.google.com, and the old chrome.google.com/webstore).

Three layouts are in the wild:

- 2024 (chromewebstore.google.com): server-rendered, with the item itself in the `ds:0` data island
  (positional arrays: exact rating and ratings count where the page shows "4.6 (2.4K ratings)", the
  developer's privacy policy and support URLs, trader details, languages, version, update time) and its
  first reviews in `ds:1`. The island is read first; the visible page (the Details box, the category chips,
  the carousel's alt texts) fills the rest, and stands in for the island when a copy lost its scripts.
- 2015 and 2020 (chrome.google.com/webstore): most data only in schema.org microdata and in the page's
  <noscript> copy ("offered by", "Average rating: 4.71 stars", "Version:" rows).

The store's own chrome (the Google bar, the "Privacy Policy"/"Terms of Service"/"Help" footer, the badge
"Learn more" help pages, the "approved use cases" program policy, related items) is never the vendor's:
on the 2024 layout the vendor's links come only from the developer's declared fields.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Tag

from auditor.extract.dates import parse_date
from auditor.extract.generic import extract_listing
from auditor.extract.stores._google import (
    at,
    count_at,
    description_links,
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
from auditor.urls import resolve

#: the item's positional record in `ds:0`, and the fields of its summary row (`ds:0[0]`)
_ITEM, _ICON, _NAME, _RATING, _RATINGS, _TAGLINE, _DOMAIN = 0, 1, 2, 3, 4, 6, 7
_VERIFIED, _FEATURED, _BY_GOOGLE, _CATEGORY, _TYPE, _USERS = 8, 9, 10, 11, 12, 14
_MEDIA, _DESCRIPTION, _DEVELOPER, _VERSION, _UPDATED, _SIZE, _LANGUAGES = 5, 6, 10, 13, 14, 15, 16
_SUPPORT_URL, _MIN_CHROME, _PRIVACY_URL = 26, 27, 33
#: the developer record (`ds:0[10]`): e-mail, postal address, trader flag, non-trader flag, account name, names
_DEV_EMAIL, _DEV_ADDRESS, _DEV_TRADER, _DEV_NON_TRADER, _DEV_ACCOUNT, _DEV_PERSON, _DEV_COMPANY = 0, 1, 3, 4, 5, 6, 7
_TYPES = {1: "Extension", 2: "Theme", 3: "App"}
_MEDIA_IMAGE, _MEDIA_VIDEO = 1, 2
_PLACEHOLDER = re.compile(r"gstatic\.com/chrome/webstore/images/(?:thumb|placeholder)", re.I)

_NOT_AVAILABLE = (
    r"AF_initDataCallback\(\s*\{\s*key\s*:\s*['\"]ds:0['\"]\s*,\s*data\s*:\s*\[\s*\d+\s*\]\s*,\s*errorHasStatus\s*:\s*true",
    r">\s*This item is not available\s*<",
)


def read(html: str, url: str) -> Listing:
    """The listing from the 2024 data island first, the old layouts' microdata second, the visible page last."""
    if unavailable(html):
        return Listing(url=url, available=False)
    listing = extract_listing(html, url)
    data = islands(html)
    item = data.get("ds:0")
    soup = BeautifulSoup(html, "lxml")
    base = page_base(html, url)  # the store's pages set <base href="https://chromewebstore.google.com/">
    if isinstance(item, list) and isinstance(at(item, _ITEM), list):
        _read_2024(listing, item, data.get("ds:1"), soup, base)
    elif _section(soup, "Details") is not None:
        _read_2024_shown(listing, soup, base)
    else:
        _read_classic(listing, soup, base)
    return listing


# ------------------------------------------------------------ 2024 layout


def _read_2024(listing: Listing, item: list[Any], reviews: Any, soup: BeautifulSoup, url: str) -> None:
    head = at(item, _ITEM)
    shown = _details_box(soup)
    listing.name = text_at(head, _NAME) or listing.name
    listing.tagline = text_at(head, _TAGLINE) or listing.tagline
    listing.description = _multiline(at(item, _DESCRIPTION)) or listing.description
    listing.developer = _developer(item) or listing.developer
    # the island holds the exact values: 4.618349392542941 and 2387 where the page shows "4.6" and "2.4K"
    listing.rating = number_at(head, _RATING)
    listing.review_count = count_at(head, _RATINGS)
    if listing.rating is None and listing.review_count:
        listing.rating = _shown_rating(soup)  # a copy whose island lacks the rating still shows it
    listing.rating_distribution = {}
    icon = web_url(text_at(head, _ICON))
    # sizes stay unknown: the page asks the image CDN for fixed sizes (=s128, =w1280-h800) whatever was uploaded
    listing.icon = Image(icon) if icon else None
    media = [m for m in (at(item, _MEDIA) or []) if isinstance(m, list)]
    listing.screenshots = _screenshots(media, _carousel_alts(soup)) or _carousel(soup)
    listing.video = next((u for m in media if at(m, 0) == _MEDIA_VIDEO and (u := web_url(at(m, 1)))), None)
    listing.categories = _categories(soup, head)
    listing.reviews = _reviews(reviews) or listing.reviews
    listing.features = _bullets(listing.description) or listing.features
    listing.links = _links_2024(item, soup, url, listing.description)
    listing.languages = [t for t in (at(item, _LANGUAGES) or []) if isinstance(t, str)] or _split(shown.get("Languages"))
    listing.updated = timestamp_date(at(item, _UPDATED)) or parse_date(shown.get("Updated"))
    listing.published = None  # the store does not say when an item was first published
    listing.details = _details_2024(item, head, reviews, shown, soup, url)
    listing.data_access = _privacy_section(soup) or listing.data_access


def _read_2024_shown(listing: Listing, soup: BeautifulSoup, url: str) -> None:
    """The 2024 layout without its island (a copy that lost its scripts): the visible sections only."""
    shown = _details_box(soup)
    box = _developer_box(soup)
    name = box.find("div", class_="C2WXF") if box is not None else None
    offered = shown.get("Offered by")
    listing.developer = (name.find(string=True) if isinstance(name, Tag) else None) or offered or listing.developer
    listing.developer = " ".join(str(listing.developer).split()) if listing.developer else None
    listing.rating, listing.review_count = _header_rating(soup)  # rounded ("4.6", "2.4K"): all the page shows
    listing.rating_distribution = {}
    listing.screenshots = _carousel(soup)
    alts = _carousel_alts(soup)
    for image in listing.screenshots:
        image.alt = alts.get(image.url)
    listing.categories = _categories(soup, None)
    email = box.find("div", class_="yNyGQd") if box is not None else None
    listing.links = Links(website=_box_link(box, url, "Website"), privacy=_privacy_link(soup, url),
                          support=_support_section_link(soup, url) or mailto(email.get_text(strip=True) if email else None))
    listing.languages = _split(shown.get("Languages")) or listing.languages
    listing.updated = parse_date(shown.get("Updated")) or listing.updated
    listing.details = {k: v for k, v in shown.items() if k not in ("Developer",)}
    listing.data_access = _privacy_section(soup) or listing.data_access


def _developer(item: list[Any]) -> str | None:
    """The developer as the store names it: the trader's company, the named person, "Google", the account."""
    dev = at(item, _DEVELOPER)
    company = text_at(dev, _DEV_COMPANY) or text_at(dev, _DEV_PERSON)
    if company:
        return company
    if at(item, _ITEM, _BY_GOOGLE) is True:
        return "Google"  # shown as "This extension was developed by Google"
    return text_at(dev, _DEV_ACCOUNT)


def _header_rating(soup: BeautifulSoup) -> tuple[float | None, int | None]:
    """The rating and ratings count under the item's name ("4.6 (2.4K ratings)"), or (None, None) when it has none."""
    main = soup.find("main")
    title = main.find("h1") if isinstance(main, Tag) else None
    header = title.find_parent("section") if isinstance(title, Tag) else None
    text = " ".join(header.get_text(" ", strip=True).split()) if isinstance(header, Tag) else ""
    match = re.search(r"(\d(?:\.\d+)?)\s*\(\s*(\d[\d.,]*)\s*([KM]?)\s+ratings?\s*\)", text)
    if not match:
        return None, None
    factor = {"K": 1_000, "M": 1_000_000}.get(match.group(3), 1)
    return float(match.group(1)), int(round(float(match.group(2).replace(",", "")) * factor))


def _shown_rating(soup: BeautifulSoup) -> float | None:
    tag = soup.find(attrs={"aria-label": re.compile(r"^\s*\d(?:\.\d+)?\s+stars?\s*$")})
    match = re.match(r"\s*(\d(?:\.\d+)?)", str(tag.get("aria-label"))) if isinstance(tag, Tag) else None
    return float(match.group(1)) if match else None


def _screenshots(media: list[list[Any]], alts: dict[str, str]) -> list[Image]:
    """The item's images (`[1, url]` entries of the media list) with the alt text the carousel gives them."""
    images = []
    for entry in (m for m in media if at(m, 0) == _MEDIA_IMAGE):
        src = web_url(at(entry, 1))
        if src:
            images.append(Image(url=src, alt=alts.get(src)))
    return images


def _carousel_alts(soup: BeautifulSoup) -> dict[str, str]:
    """Each slide's alt text by image URL; the store's own "Item media 3 screenshot" label is not one."""
    alts: dict[str, str] = {}
    for slide in soup.find_all(attrs={"data-media-url": True}):
        img = slide.find("img")
        alt = " ".join(str(img.get("alt") or "").split()) if isinstance(img, Tag) else ""
        src = web_url(slide.get("data-media-url"))
        if src and alt and not _STORE_ALT.match(alt):
            alts.setdefault(src, alt)
    return alts


_STORE_ALT = re.compile(r"^Item media \d+ (?:screenshot|video)$", re.I)


def _carousel(soup: BeautifulSoup) -> list[Image]:
    """Screenshots from the media carousel's slide URLs, when the island is missing."""
    seen: dict[str, Image] = {}
    for tag in soup.find_all(attrs={"data-media-url": True, "data-is-video": "false"}):
        src = web_url(tag.get("data-media-url"))
        if src and src not in seen:
            seen[src] = Image(url=src)
    return list(seen.values())


def _categories(soup: BeautifulSoup, head: Any) -> list[str]:
    """The category chips the page shows ("Extension", "Workflow & Planning"); the island's slug otherwise."""
    main = soup.find("main")
    chips = []
    if isinstance(main, Tag):
        for anchor in main.find_all("a", href=re.compile(r"(^|/)category/[\w/]+$")):
            if anchor.find_parent("section", class_="aWFHBf") is None:  # not the related items' chips
                text = " ".join(anchor.get_text(" ", strip=True).split())
                if text and text not in chips:
                    chips.append(text)
    if chips:
        return chips
    slug = text_at(head, _CATEGORY, 0)  # "productivity/workflow"
    return [slug.rsplit("/", 1)[-1].replace("_", " ").title()] if slug else []


def _reviews(reviews: Any) -> list[Review]:
    """The reviews the page shows (`ds:1[1]`): author, stars, date, text."""
    out = []
    for entry in at(reviews, 1) or []:
        if not isinstance(entry, list):
            continue
        text = _multiline(at(entry, 3)) or ""
        rating = number_at(entry, 2)
        if text or rating is not None:
            out.append(Review(rating=rating, date=timestamp_date(at(entry, 4)), text=text, author=text_at(entry, 1, 0)))
    return out


def _links_2024(item: list[Any], soup: BeautifulSoup, url: str, description: str | None) -> Links:
    """The developer's declared links only: website, privacy policy, support site (or e-mail); docs named in the text."""
    dev = at(item, _DEVELOPER)
    box = _developer_box(soup)
    website = _box_link(box, url, "Website") or web_url(text_at(item, _ITEM, _DOMAIN))
    support = web_url(at(item, _SUPPORT_URL), url) or _support_section_link(soup, url) or mailto(text_at(dev, _DEV_EMAIL))
    privacy = web_url(at(item, _PRIVACY_URL), url) or _privacy_link(soup, url)
    links = Links(website=website, support=support, privacy=privacy)
    for role, found in description_links(description or "", url).items():
        if getattr(links, role) is None:
            setattr(links, role, found)
    return links


def _developer_box(soup: BeautifulSoup) -> Tag | None:
    """The "Developer" entry of the Details box (its name, address, Website link and e-mail)."""
    for label in soup.find_all("div", class_="qqYFxc"):
        if " ".join(label.get_text(" ", strip=True).split()) == "Developer":
            return label.find_parent("li")
    return None


def _box_link(box: Tag | None, base: str, text: str) -> str | None:
    if box is None:
        return None
    for anchor in box.find_all("a", href=True):
        if " ".join(anchor.get_text(" ", strip=True).split()).lower() == text.lower():
            found = web_url(anchor["href"], base)
            if found and not is_store_page(found):
                return found
    return None


def _section(soup: BeautifulSoup, title: str) -> Tag | None:
    for heading in soup.find_all("h2"):
        if " ".join(heading.get_text(" ", strip=True).split()) == title:
            return heading.find_parent("section")
    return None


def _support_section_link(soup: BeautifulSoup, base: str) -> str | None:
    """The "visit the developer's support site" link of the Support section (not the store's support hub)."""
    section = _section(soup, "Support")
    if section is None:
        return None
    for anchor in section.find_all("a", href=True):
        found = web_url(anchor["href"], base)
        hub = re.search(r"support hub", f"{anchor.get_text(' ')} {anchor.get('aria-label') or ''}", re.I)
        if found and not hub and not is_store_page(found) and not _SUPPORT_HUB.search(found):
            return found
    return None


_SUPPORT_HUB = re.compile(r"/detail/(?:[^/]+/)?[a-p]{32}/support/?$")


def _privacy_link(soup: BeautifulSoup, base: str) -> str | None:
    """The developer's "privacy policy" link inside the Privacy section."""
    section = _section(soup, "Privacy")
    if section is None:
        return None
    for anchor in section.find_all("a", href=True):
        found = web_url(anchor["href"], base)
        if found and not is_store_page(found) and "privacy" in anchor.get_text(" ", strip=True).lower():
            return found
    return None


def _privacy_section(soup: BeautifulSoup) -> str | None:
    section = _section(soup, "Privacy")
    if section is None:
        return None
    return " ".join(section.get_text(" ", strip=True).split()) or None


def _details_box(soup: BeautifulSoup) -> dict[str, str]:
    """The Details box as the page shows it: {"Version": "6.0.2", "Updated": "April 2, 2024", ...}."""
    section = _section(soup, "Details")
    shown: dict[str, str] = {}
    if section is None:
        return shown
    for row in section.find_all("li"):
        label = row.find("div", class_="qqYFxc")
        if label is None:
            continue
        name = " ".join(label.get_text(" ", strip=True).split())
        rest = " ".join(t for t in (" ".join(s.split()) for s in row.stripped_strings) if t)
        value = rest[len(name):].strip() if rest.startswith(name) else rest
        if name and value:
            shown[name] = value
    return shown


def _details_2024(item: list[Any], head: Any, reviews: Any, shown: dict[str, str], soup: BeautifulSoup,
                  url: str) -> dict[str, str]:
    dev = at(item, _DEVELOPER)
    trader = next((k for k in ("Trader", "Non-trader") if k in shown), None) or (
        "Trader" if at(dev, _DEV_TRADER) is True else "Non-trader" if at(dev, _DEV_NON_TRADER) is True else None)
    badges = [name for flag, name in ((_VERIFIED, "Established publisher"), (_FEATURED, "Featured"),
                                      (_BY_GOOGLE, "By Google")) if at(head, flag) is True]
    hub = soup.find("a", href=_SUPPORT_HUB)
    kind = at(head, _TYPE)
    pairs = {
        "Version": text_at(item, _VERSION) or shown.get("Version"),
        "Updated": timestamp_date(at(item, _UPDATED)) or parse_date(shown.get("Updated")),
        "Size": text_at(item, _SIZE) or shown.get("Size"),
        "Users": grouped(count_at(head, _USERS)),
        "Ratings": grouped(count_at(head, _RATINGS)),
        "Written reviews": grouped(count_at(reviews, 2)),
        "Type": _TYPES.get(kind) if isinstance(kind, int) else None,
        "Languages": ", ".join(t for t in (at(item, _LANGUAGES) or []) if isinstance(t, str)) or shown.get("Languages"),
        "Minimum Chrome version": text_at(item, _MIN_CHROME),
        "Developer e-mail": text_at(dev, _DEV_EMAIL),
        "Developer address": text_at(dev, _DEV_ADDRESS),
        "Publisher account": text_at(dev, _DEV_ACCOUNT),
        "Trader status": trader,
        "Verified website": text_at(head, _DOMAIN),
        "Badges": ", ".join(badges) or None,
        "Support hub": resolve(url, hub["href"]) if isinstance(hub, Tag) else None,
        "Item ID": text_at(head, 0),
    }
    return {label: value for label, value in pairs.items() if value}


# ------------------------------------------------------------ 2015 and 2020 layouts


def _read_classic(listing: Listing, soup: BeautifulSoup, url: str) -> None:
    """The old layout: microdata (read by the generic extractor) plus the visible header and info rows."""
    header_name = soup.find("h1", class_="e-f-w")
    listing.name = listing.name or (" ".join(header_name.get_text(" ", strip=True).split()) if header_name else None)
    summary = soup.find(attrs={"itemprop": "description"})
    full = soup.find("pre", class_="C-b-p-j-Oa")  # the detailed description below the summary line
    if isinstance(summary, Tag) and isinstance(full, Tag):
        listing.tagline = " ".join(summary.get_text(" ", strip=True).split()) or listing.tagline
        listing.description = _multiline(full.get_text()) or listing.description
    if listing.icon is not None and _PLACEHOLDER.search(listing.icon.url):
        listing.icon = None  # the store's default "no icon" picture
    offered = soup.find(class_="e-f-Me")
    if isinstance(offered, Tag):
        by = re.sub(r"^\s*offered by\s*", "", offered.get_text(" ", strip=True), flags=re.I).strip()
        listing.developer = by or listing.developer
    stars = soup.find(attrs={"title": re.compile(r"Average rating:?\s*\d")})
    if isinstance(stars, Tag):  # "Average rating: 4.71 stars" is more exact than the "4.7 out of 5" label
        match = re.search(r"(\d(?:\.\d+)?)", str(stars["title"]))
        listing.rating = float(match.group(1)) if match else listing.rating
    rated = soup.find(attrs={"aria-label": re.compile(r"users? rated this item", re.I)})
    if isinstance(rated, Tag):
        label = str(rated["aria-label"])
        if listing.rating is None and (m := re.search(r"Average rating\s+(\d(?:\.\d+)?)", label)):
            listing.rating = float(m.group(1))
        if m := re.search(r"(\d[\d,]*)\s+users? rated", label):
            listing.review_count = int(m.group(1).replace(",", ""))
    info = _info_rows(soup)
    listing.updated = parse_date(info.get("Updated")) or listing.updated
    listing.languages = _split(info.get("Language") or info.get("Languages")) or listing.languages
    users = soup.find(class_="e-f-ih")
    details = {"Version": info.get("Version"), "Updated": listing.updated, "Size": info.get("Size"),
               "Users": re.sub(r"\s*users?$", "", users.get_text(strip=True)) if isinstance(users, Tag) else None}
    listing.details = {**listing.details, **{k: v for k, v in details.items() if v}}
    listing.screenshots = [s for s in listing.screenshots if not _is_video_thumb(s.url)]
    thumb = soup.find("img", src=re.compile(r"ytimg\.com/vi/[\w-]+/"))
    if listing.video is None and isinstance(thumb, Tag):
        video_id = re.search(r"/vi/([\w-]+)/", str(thumb["src"]))
        listing.video = f"https://www.youtube.com/watch?v={video_id.group(1)}" if video_id else None
    website = next((web_url(a["href"], url) for a in soup.find_all("a", href=True)
                    if a.get_text(strip=True) == "Website" or "e-f-y" in (a.get("class") or [])), None)
    listing.links = _vendor_only(listing.links, website)
    listing.categories = [c for c in listing.categories if not c.startswith("http")]


def _info_rows(soup: BeautifulSoup) -> dict[str, str]:
    rows: dict[str, str] = {}
    for label in soup.find_all("span", class_="C-b-p-D-R"):
        value = label.find_next_sibling("span")
        if value is not None:
            rows.setdefault(label.get_text(strip=True).rstrip(":"), " ".join(value.get_text(" ", strip=True).split()))
    return rows


def _is_video_thumb(src: str) -> bool:
    return "ytimg.com/vi/" in src


def _vendor_only(links: Links, website: str | None) -> Links:
    """The generic extractor's links without the store's own pages; the "Website" link first."""
    kept = {role: value for role, value in vars(links).items() if value and not is_store_page(value)}
    if website and not is_store_page(website):
        kept["website"] = website
    return Links(**kept)


# ------------------------------------------------------------ helpers


def _multiline(value: Any) -> str | None:
    """Description text with its paragraphs kept, trailing spaces trimmed."""
    if not isinstance(value, str):
        return None
    lines = [" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text or None


def _bullets(description: str | None) -> list[str]:
    """The description's bulleted lines ("• Vendor matching against ..."): the store has no features field."""
    items = [m.group(1).strip() for m in re.finditer(r"^\s*[•●▪◦✓✔✅★➡→*-]\ufe0f?\s*(\S.{3,})$", description or "", re.M)]
    return list(dict.fromkeys(items)) if len(items) >= 2 else []


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    value = re.sub(r"^\d+\s+languages?\s*", "", value)
    return [p.strip() for p in re.split(r"\s*,\s*", value) if p.strip()]


def unavailable(html: str) -> bool:
    """The store's "This item is not available" page (the island answers with an error status)."""
    head = html[:1_500_000]
    return any(re.search(pattern, head) for pattern in _NOT_AVAILABLE)


ADAPTER = StoreAdapter(
    id="chrome-web-store",
    name="Chrome Web Store",
    hosts=("chromewebstore.google.com", "chrome.google.com"),
    read=read,
    # the store's own page furniture, never found on a vendor's page, near the top of the page (the 2024 pages
    # put ~700 KB of scripts before their title): the front end's name, the <base>, the old title and report link
    markers=(
        r"productName:\s*'ChromeWebStoreConsumerFeUi'|\"/_/ChromeWebStoreConsumerFeUi\"",
        r"<base\s+href=[\"']https://chromewebstore\.google\.com/",
        r"<title>(?:[^<]*\s-\s)?Chrome Web Store\s*</title>",
        r"https://chrome\.google\.com/webstore/report/[a-p]{32}",
    ),
    unavailable=unavailable,
)
