"""The generic listing extractor: embedded data first, then robust heuristics on the visible markup.

It works on any store's page. The store's own chrome (header, footer, navigation, related-app strips)
is removed before visible text is read, so the store's privacy link is never taken for the vendor's.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Tag

from auditor.extract.dates import first_date_in, parse_date
from auditor.extract.structured import (
    APP_TYPES,
    Structured,
    as_list,
    read_structured,
    text_of,
)
from auditor.links import (
    CHROME_ROLES,
    CHROME_TAGS,
    is_chrome_name,
    vendor_links_by_role,
)
from auditor.model import Image, Links, Listing, PricingPlan, Review
from auditor.urls import resolve

_PRICE = re.compile(r"(?:[$€£¥]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s?(?:USD|EUR|GBP)|\bfree\b)[^\n]{0,40}", re.I)
_RATING = re.compile(r"\b([1-5](?:[.,]\d{1,2})?)\s*(?:out of 5|/\s*5\b|stars?\b)", re.I)
_COUNT = re.compile(r"\(?\b(\d[\d,.]*\s*[KkMm]?)\+?\s*(?:reviews|ratings|user ratings)\b", re.I)
_DISTRIBUTION = re.compile(r"\b([1-5])\s*(?:stars?|★)\s*[:\-–]?\s*(\d[\d,]*)\b", re.I)
_CTA = re.compile(r"\b(install|get it now|get app|add to|try (it )?free|start (a |your )?free|free trial|"
                  r"contact sales|book a demo|request a demo|get a demo|schedule a demo|connect app|get started|"
                  r"sign up|buy now|subscribe)\b", re.I)
_VIDEO_HOSTS = re.compile(r"youtube\.com|youtu\.be|vimeo\.com|wistia|loom\.com|vidyard", re.I)
_LANGUAGES = re.compile(r"\blanguages?\s*(?:supported)?\s*[:\-]\s*([A-Z][^\n.]{2,200})", re.I)
_SECTION = r"(^|[\s_-]){}($|[\s_-]|s\b)"


def extract_listing(html: str, url: str) -> Listing:
    """Read the vendor's listing from a store page; missing fields stay None or empty."""
    soup = BeautifulSoup(html, "lxml")
    data = read_structured(soup, html, url)
    app = data.first(APP_TYPES)
    main = _vendor_content(soup)
    listing = Listing(url=url)
    listing.name = text_of(app.get("name")) or data.meta.get("og:title") or _text(main.find("h1")) or _text(soup.title)
    # stores often embed a one-line summary and show the full text: read the longer of the two
    listing.description = _longest([text_of(app.get("description")), _longest_section_text(main, "description|overview|about|details")])
    listing.tagline = _tagline(main, data, listing.description)
    listing.developer = text_of(app.get("author")) or text_of(app.get("publisher")) or _section_text(main, "developer|vendor|publisher|by-?line")
    listing.categories = _categories(app, main)
    listing.features = _features(main)
    listing.screenshots = _screenshots(app, main, url)
    listing.icon = _icon(app, main, url)
    listing.video = _video(app, main, url)
    listing.pricing_plans = _offers(app) or _pricing_cards(main)
    listing.pricing_text = _section_text(main, "pricing|prices|plans")
    _ratings(listing, app, main)
    listing.reviews = _dom_reviews(main) or _structured_reviews(app, data)
    listing.links = _links(html, url)
    listing.install_actions = _install_actions(main)
    listing.details = _details(main)
    listing.languages = _languages(app, main, listing.details)
    listing.editions = _editions(listing.details)
    listing.data_access = _data_access(main)
    listing.published = parse_date(text_of(app.get("datePublished")))
    listing.updated = parse_date(text_of(app.get("dateModified")))
    return listing


# ------------------------------------------------------------ page structure


def _vendor_content(soup: BeautifulSoup) -> Tag:
    """The page without the store's chrome: <main> if there is one, else the body, chrome removed."""
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    root = main or soup.body or soup
    for tag in root.find_all(["script", "style", "noscript", "template"]):
        tag.decompose()
    if main is None:  # no main element: the page's own header, footer and nav are the store's
        for tag in root.find_all(lambda t: t.name in CHROME_TAGS or t.get("role") in CHROME_ROLES):
            tag.decompose()
    for tag in root.find_all(_is_chrome_block):
        tag.decompose()
    return root


def _is_chrome_block(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    return is_chrome_name(" ".join(tag.get("class") or []) + " " + str(tag.get("id") or ""))


def _matching(root: Tag, pattern: str) -> list[Tag]:
    rx = re.compile(_SECTION.format(f"({pattern})"), re.I)

    def match(tag: Tag) -> bool:
        if tag.attrs is None:
            return False
        names = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "") + " " + str(tag.get("itemprop") or "")
        return bool(rx.search(names))

    return root.find_all(match)


def _text(tag: Any) -> str | None:
    if tag is None:
        return None
    text = " ".join(tag.get_text(" ", strip=True).split())
    return text or None


def _section_text(root: Tag, pattern: str) -> str | None:
    found = _matching(root, pattern)
    return _text(found[0]) if found else None


def _longest_section_text(root: Tag, pattern: str) -> str | None:
    return _longest([_text(tag) for tag in _matching(root, pattern)])


def _longest(texts: list[str | None]) -> str | None:
    present = [t for t in texts if t]
    return max(present, key=len) if present else None


# ------------------------------------------------------------ fields


def _tagline(main: Tag, data: Structured, description: str | None) -> str | None:
    tagline = _section_text(main, "tagline|subtitle|subheading|short-?description|summary|lede|strapline")
    if tagline:
        return tagline
    meta = data.meta.get("description") or data.meta.get("og:description")
    return meta if meta and meta != description and len(meta) <= 200 else None


def _categories(app: dict[str, Any], main: Tag) -> list[str]:
    """The categories the store shows; schema.org's coarse applicationCategory only when none are shown."""
    shown: list[str] = []
    for block in _matching(main, "categor(y|ies)|tags|chips"):
        shown += [t for t in (_text(a) for a in block.find_all(["a", "li", "span"]) if not a.find(["a", "li"])) if t]
    if shown:
        return _unique(shown)
    declared = as_list(app.get("applicationCategory")) + as_list(app.get("applicationSubCategory"))
    return _unique([c for c in (text_of(v) for v in declared) if c])


def _features(main: Tag) -> list[str]:
    for block in _matching(main, "features?|feature-?list|highlights|key-?features"):
        items = [t for t in (_text(li) for li in block.find_all("li")) if t]
        if items:
            return _unique(items)
    for heading in main.find_all(re.compile("^h[2-4]$")):
        if re.search(r"\bfeatures?\b|\bhighlights\b", heading.get_text(), re.I):
            ul = heading.find_next(["ul", "ol"])
            if ul is not None:
                return _unique([t for t in (_text(li) for li in ul.find_all("li")) if t])
    return []


def _image(tag: Tag, base: str) -> Image | None:
    src = tag.get("src") or tag.get("data-src") or ""
    if not isinstance(src, str) or not src.strip():
        return None
    alt = tag.get("alt")
    return Image(url=resolve(base, src.strip()), width=_int(tag.get("width")), height=_int(tag.get("height")),
                 alt=alt if isinstance(alt, str) else None)


def _screenshots(app: dict[str, Any], main: Tag, base: str) -> list[Image]:
    images: dict[str, Image] = {}
    for block in _matching(main, "screenshots?|gallery|carousel|slider|slides|media-?gallery"):
        for img in block.find_all("img"):
            image = _image(img, base)
            if image and image.url not in images:
                images[image.url] = image
    for value in as_list(app.get("screenshot")):
        url = value.get("url") or value.get("contentUrl") if isinstance(value, dict) else value
        if isinstance(url, str) and url.strip():
            absolute = resolve(base, url.strip())
            if absolute not in images:
                size = value if isinstance(value, dict) else {}
                images[absolute] = Image(absolute, _int(size.get("width")), _int(size.get("height")), text_of(size.get("caption")))
    return list(images.values())


def _icon(app: dict[str, Any], main: Tag, base: str) -> Image | None:
    """The app icon with its declared size: the listing's icon <img>, else schema.org image/logo."""
    for block in _matching(main, "app-?icon|icon|logo"):
        img = block if block.name == "img" else block.find("img")
        if img is not None and (image := _image(img, base)):
            return image
    declared = app.get("image") or app.get("logo")
    if isinstance(declared, list):
        declared = declared[0] if declared else None
    if isinstance(declared, dict):
        url = text_of(declared.get("url") or declared.get("contentUrl"))
        return Image(resolve(base, url), _int(declared.get("width")), _int(declared.get("height"))) if url else None
    url = text_of(declared)
    return Image(resolve(base, url)) if url else None


def _video(app: dict[str, Any], main: Tag, base: str) -> str | None:
    for frame in main.find_all(["iframe", "video", "source", "a"]):
        src = frame.get("src") or frame.get("href") or frame.get("data-src")
        if isinstance(src, str) and (frame.name in ("video", "source") or _VIDEO_HOSTS.search(src)):
            if frame.name != "a" or _VIDEO_HOSTS.search(src):
                return resolve(base, src)
    video = app.get("video")
    if isinstance(video, dict):
        return text_of(video.get("embedUrl") or video.get("contentUrl"))
    return None


def _offers(app: dict[str, Any]) -> list[PricingPlan]:
    offers: list[Any] = []
    for offer in as_list(app.get("offers")):
        offers += as_list(offer.get("offers")) if isinstance(offer, dict) and offer.get("offers") else [offer]
    plans = []
    for offer in offers:
        if not isinstance(offer, dict):
            continue
        amount = _float(offer.get("price") if offer.get("price") is not None else offer.get("lowPrice"))
        currency = text_of(offer.get("priceCurrency"))
        name = text_of(offer.get("name")) or ("Free" if amount == 0 else "Plan")
        shown = "Free" if amount == 0 else (f"{currency or ''} {amount:g}".strip() if amount is not None else None)
        plans.append(PricingPlan(name=name, price=shown, amount=amount, currency=currency))
    return plans


def _pricing_cards(main: Tag) -> list[PricingPlan]:
    plans = []
    for card in _matching(main, "pricing-?plan|pricing-?card|price-?card|plan-?card|plan|tier"):
        if card.find(_is_plan_card_child):
            continue  # a wrapper around several cards: read the cards themselves
        heading = card.find(re.compile("^h[2-6]$")) or card.find(class_=re.compile("name|title", re.I))
        text = _text(card) or ""
        price = _PRICE.search(text)
        if heading is not None:
            plans.append(PricingPlan(name=_text(heading) or "Plan", price=price.group(0).strip() if price else None,
                                     amount=_amount(price.group(0)) if price else None))
    return plans


def _is_plan_card_child(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    return bool(re.search(r"pricing-?plan|pricing-?card|price-?card|plan-?card", " ".join(tag.get("class") or []), re.I))


def _ratings(listing: Listing, app: dict[str, Any], main: Tag) -> None:
    aggregate = app.get("aggregateRating") if isinstance(app.get("aggregateRating"), dict) else {}
    listing.rating = _float(aggregate.get("ratingValue"))
    listing.review_count = _int(aggregate.get("ratingCount") or aggregate.get("reviewCount"))
    block = next(iter(_matching(main, "rating-?summary|ratings?|review-?summary|score")), None)
    text = _text(block) or ""
    if listing.rating is None and (m := _RATING.search(text)):
        listing.rating = _float(m.group(1).replace(",", "."))
    if listing.review_count is None and (m := _COUNT.search(text or (_text(main) or ""))):
        listing.review_count = _count(m.group(1))
    for histogram in _matching(main, "distribution|histogram|breakdown|rating-?bars"):
        listing.rating_distribution = {stars: _int(n) or 0 for stars, n in _DISTRIBUTION.findall(_text(histogram) or "")}
        if listing.rating_distribution:
            break


def _dom_reviews(main: Tag) -> list[Review]:
    blocks = main.find_all(attrs={"itemtype": re.compile(r"schema\.org/Review$", re.I)}) or [
        t for t in _matching(main, "review|review-?card|review-?item") if t.name in ("article", "li", "div")
        and not t.find_all(attrs={"class": re.compile(r"(^|[\s-])review(-card|-item)?($|\s)", re.I)})
    ]
    reviews = []
    for block in blocks:
        reply_tag = next(iter(_matching(block, "vendor-?reply|developer-?(reply|response)|reply|response")), None)
        reply = _text(reply_tag)
        if reply_tag is not None:
            reply_tag.extract()
        body = block.find(attrs={"itemprop": "reviewBody"}) or block.find("p") or block
        when = block.find("time")
        reviews.append(Review(
            rating=_review_rating(block), date=parse_date(when.get("datetime") or _text(when)) if when else first_date_in(_text(block) or ""),
            text=_text(body) or "", reply=reply, author=_text(block.find(attrs={"itemprop": "author"})),
        ))
    return [r for r in reviews if r.text or r.rating is not None]


def _review_rating(block: Tag) -> float | None:
    value = block.find(attrs={"itemprop": "ratingValue"})
    if value is not None:
        return _float(value.get("content") or _text(value))
    labelled = block.find(attrs={"aria-label": _RATING})
    if labelled is not None and (m := _RATING.search(str(labelled["aria-label"]))):
        return _float(m.group(1))
    stars = (_text(block) or "").count("★")
    return float(stars) if 0 < stars <= 5 else None


def _structured_reviews(app: dict[str, Any], data: Structured) -> list[Review]:
    reviews = []
    for node in as_list(app.get("review")) or data.all(frozenset({"Review"})):
        if not isinstance(node, dict):
            continue
        rating = node.get("reviewRating")
        reviews.append(Review(
            rating=_float(rating.get("ratingValue")) if isinstance(rating, dict) else None,
            date=parse_date(text_of(node.get("datePublished"))), text=text_of(node.get("reviewBody")) or "",
            author=text_of(node.get("author")),
        ))
    return reviews


def _links(html: str, url: str) -> Links:
    return Links(**vendor_links_by_role(html, url))


def _install_actions(main: Tag) -> list[str]:
    actions = [t for t in (_text(tag) for tag in main.find_all(["a", "button"])) if t and len(t) <= 40 and _CTA.search(t)]
    return _unique(actions)


def _details(main: Tag) -> dict[str, str]:
    """Label/value pairs of definition lists and two-column rows (a store's "App details" box)."""
    details: dict[str, str] = {}
    for dl in main.find_all("dl"):
        label = None
        for item in dl.find_all(["dt", "dd"]):
            if item.name == "dt":
                label = _text(item)
            elif label:
                value = _text(item)
                if value:
                    details[label] = f"{details[label]}; {value}" if label in details else value
    for row in main.find_all("tr"):
        cells = row.find_all(["th", "td"], recursive=False)
        if len(cells) == 2 and cells[0].name == "th" and (label := _text(cells[0])) and (value := _text(cells[1])):
            details.setdefault(label, value)
    return details


def _detail(details: dict[str, str], pattern: str) -> list[str]:
    rx = re.compile(pattern, re.I)
    return [value for label, value in details.items() if rx.search(label)]


def _languages(app: dict[str, Any], main: Tag, details: dict[str, str]) -> list[str]:
    declared = [t for t in (text_of(v) for v in as_list(app.get("inLanguage")) + as_list(app.get("availableLanguage"))) if t]
    if declared:
        return _unique(declared)
    shown = _detail(details, r"^languages?\b")
    if not shown and (match := _LANGUAGES.search(main.get_text("\n"))):
        shown = [match.group(1)]
    return _unique([p.strip() for text in shown for p in re.split(r",|;|\band\b", text) if p.strip()])


def _editions(details: dict[str, str]) -> list[str]:
    values = _detail(details, r"works with|compatible|editions?|requires|requirements|supported (products|plans)")
    return _unique([p.strip() for text in values for p in text.split(";") if p.strip()])


def _data_access(main: Tag) -> str | None:
    """The section whose heading says it states the data shared or accessed."""
    for heading in main.find_all(re.compile("^h[2-4]$")):
        if re.search(r"shared data|data (access|shared|we access|this app)|permissions|privacy (&|and) security",
                     heading.get_text(" "), re.I):
            section = heading.find_parent(["section", "article", "div"]) or heading.parent
            return _text(section)
    return None


# ------------------------------------------------------------ numbers


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _int(value: Any) -> int | None:
    try:
        return int(str(value).replace(",", "").strip())
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return float(str(value).replace(",", "").strip())
    except (TypeError, ValueError):
        return None


def _count(text: str) -> int | None:
    text = text.strip().replace(",", "").upper()
    factor = 1000 if text.endswith("K") else 1_000_000 if text.endswith("M") else 1
    value = _float(text.rstrip("KM").strip())
    return int(value * factor) if value is not None else None


def _amount(text: str) -> float | None:
    if re.search(r"\bfree\b", text, re.I):
        return 0.0
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    return _float(match.group(0)) if match else None
