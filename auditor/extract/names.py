"""The listing's name (without the store's title suffix) and its developer (without a label such as "by")."""

from __future__ import annotations

import re

from bs4 import Tag

from auditor.extract.page import ListingPage, text_of
from auditor.extract.structured import text_of as data_text
from auditor.links import role_by_text
from auditor.vocab import words

APP_TYPES = frozenset({"SoftwareApplication", "WebApplication", "MobileApplication", "MobileSoftwareApplication",
                       "VideoGame", "Product", "WebContent"})
#: how a <title> joins the page's name and the site's: "Clipwise - Canva Apps", "Pop Dat – Apps on Google Play"
_SEPARATORS = re.compile(r"\s+[-–—|·:•»]\s+|\s+::\s+")
#: words of a store's own name in a title suffix ("Apps on Google Play", "Chrome Web Store", "Canva Apps")
_STORE_WORDS = re.compile(
    r"\b(?:app\s*store|apps?|store|marketplace|market|add-?ons?|extensions?|plugins?|integrations?|directory|"
    r"gallery|web\s*store|google\s+play|appsource|appexchange|marktplatz|boutique|tienda|loja|negozio|winkel|"
    r"アプリ|ストア|マーケットプレイス)\b", re.I)
#: the path words of a store's page about a developer ("/partners/acme", "/developer/acme/88", "dev?id=")
_DEVELOPER_PAGE = re.compile(r"/(?:developers?|partners?|publishers?|vendors?|sellers?|dev|providers?|anbieter|"
                             r"entwickler|editeurs?|desarrolladores?|desenvolvedores?|sviluppatori|ontwikkelaars)\b",
                             re.I)


def app_node(page: ListingPage) -> dict:
    """The page's schema.org node for the app itself ({} when it has none)."""
    return page.data.first(APP_TYPES)


def name(page: ListingPage) -> str | None:
    """The app's name: embedded data, else the title heading, else the page title without the store's suffix."""
    declared = data_text(app_node(page).get("name"))
    heading = text_of(page.h1)
    if declared and (heading is None or _same(declared, heading) or not _looks_like_title(heading, page)):
        return declared
    if heading:
        return heading
    for candidate in (page.data.meta.get("og:title"), page.title):
        stripped = without_site_suffix(candidate, page.data.meta.get("og:site_name"))
        if stripped:
            return stripped
    return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _looks_like_title(heading: str, page: ListingPage) -> bool:
    """True when the heading is the listing's name rather than a section's ("Reviews"): the <title> names it."""
    return heading.casefold() in (page.title or "").casefold() or heading.casefold() in \
        (page.data.meta.get("og:title") or "").casefold()


def without_site_suffix(title: str | None, site_name: str | None = None) -> str | None:
    """A page title without the site's part: "Clipwise - Canva Apps" -> "Clipwise"."""
    if not title or not title.strip():
        return None
    parts = [p.strip() for p in _SEPARATORS.split(title.strip()) if p.strip()]
    if len(parts) == 1:
        only = parts[0]
        return None if site_name and _same(only, site_name) else only
    site = (site_name or "").casefold()
    kept = [p for p in parts if not (site and (p.casefold() == site or site in p.casefold()))
            and not _is_store_part(p)]
    if not kept:
        return parts[0]
    # a name may hold a separator itself ("Growave: Loyalty & Wishlist"): keep the leading run of parts
    first = parts.index(kept[0])
    run = [kept[0]]
    for part in parts[first + 1:]:
        if part not in kept:
            break
        run.append(part)
    return title.strip()[title.find(run[0]):title.find(run[-1]) + len(run[-1])] if len(run) > 1 else run[0]


def _is_store_part(part: str) -> bool:
    """True for a title part that names a store ("Apps on Google Play", "Chrome Web Store", "Canva Apps")."""
    found = _STORE_WORDS.findall(part)
    return bool(found) and len(part.split()) <= 6


def developer(page: ListingPage) -> str | None:
    """The developer's name: embedded data, a labelled value ("Developer", "Anbieter"), or a "by ..." line by
    the title; always without its label."""
    app = app_node(page)
    for key in ("author", "publisher", "creator", "brand", "provider"):
        declared = data_text(app.get(key))
        if declared and not declared.startswith(("http://", "https://")):
            return clean_developer(declared)
    labelled = page.labelled_value(words("developer_labels").is_label)
    if labelled is not None:
        # the box's first line: the name, where a box names one before its address and links; a box that starts
        # with "Website" or "Email" names nobody
        value = next((line.strip() for line in labelled.get_text("\n").splitlines() if line.strip()), "")
        if value and len(value) <= 80 and role_by_text(value) is None:
            return clean_developer(value)
    return _by_line(page) or _linked_name(page)


def _linked_name(page: ListingPage) -> str | None:
    """The link by the title that names its author (`rel="author"`) or leads to the store's page about a
    developer ("/partners/acme", "/developer/acme")."""
    if page.h1 is None:
        return None
    scope = page.h1.parent
    for _ in range(3):
        if not isinstance(scope, Tag):
            break
        for link in scope.find_all("a", href=True):
            rel: str | list[str] = link.get("rel") or []
            text = text_of(link)
            if text and len(text) <= 80 and ("author" in rel or _DEVELOPER_PAGE.search(str(link["href"]))):
                return clean_developer(text)
        scope = scope.parent
    return None


def _by_line(page: ListingPage) -> str | None:
    """A developer line among the first lines after the title: "by SyncBuddy LLC", "Anbieter: Datenfluss GmbH",
    or a label alone on its line ("Developer:", "by") with the name on the next."""
    lines = page.lines
    title = text_of(page.h1)
    start = lines.index(title) + 1 if title in lines else 0
    labels = words("developer_labels")
    for index in range(start, min(start + 12, len(lines))):
        line = lines[index]
        found = labels.search(line)
        if found is None or found.start() != 0 or len(line) > 80:
            continue
        rest = line[found.end():].strip(" :：-–—")
        if not rest and index + 1 < len(lines):
            rest = lines[index + 1]
        elif rest and not re.match(r"^\s*[:：]", line[found.end():]) and found.group(0).strip().lower() not in \
                ("by", "von", "par", "por", "di", "da", "door", "from"):
            continue  # "Developer response" is a heading, not a label with its value
        name = re.split(r"\s+[|·•★]|\s+\d+(?:[.,]\d)?\s*[★(]", rest)[0].strip()
        if name and len(name) <= 80 and role_by_text(name) is None:
            return name
    return None


def clean_developer(value: str) -> str | None:
    """A developer's name without a leading label ("by", "Anbieter:", "提供元：")."""
    cleaned = words("developer_labels").strip_leading(" ".join(value.split()))
    return cleaned or None


#: a postal address as a line of its own: a house number and a street, a postcode, and commas between the parts
_ADDRESS = re.compile(r"^(?=.{12,160}$)(?=(?:[^,]*,){2})(?=.*\d)(?!.*(?:review|rating|users|install|\$|€|£))"
                      r"(?:\d{1,5}\b|[^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*)*\s+\d{1,5}\b|(?:P\.?\s?O\.?\s+)?Box\b)",
                      re.I)


def developer_address(page: ListingPage, developer: str | None) -> str | None:
    """The developer's postal address shown on the listing: a line shaped like one ("8 The Green, STE R, Dover, DE,
    19901, US"), among the lines after the developer's name or a developer label."""
    lines = page.lines
    labels = words("developer_labels")
    anchors = [i for i, line in enumerate(lines) if (developer and line == developer) or labels.is_label(line)]
    for start in anchors:
        for line in lines[start + 1:start + 10]:
            if _ADDRESS.match(line):
                return line
    return None
