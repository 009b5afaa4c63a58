"""The listing's name (without the store's title suffix) and its developer (without a label such as "by")."""

from __future__ import annotations

import re

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
_DEVELOPER_LABEL = re.compile(
    r"(?:developer|developed by|offered by|provided by|published by|publisher|vendor|seller|partner|made by|"
    r"created by|anbieter|entwickler|herausgeber|développeur|éditeur|fournisseur|proposé par|desarrollador|"
    r"proveedor|ofrecido por|desenvolvedor|fornecedor|oferecido por|sviluppatore|fornitore|offerto da|"
    r"ontwikkelaar|aanbieder|uitgever|aangeboden door|提供元|開発元|開発者|販売元)", re.I)


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
    labelled = page.labelled_value(_DEVELOPER_LABEL)
    if labelled is not None:
        value = text_of(labelled.find("a") or labelled) or ""
        if value and len(value) <= 80 and role_by_text(value) is None:  # "Website" is a link's label, not a name
            return clean_developer(value)
    return _by_line(page)


def _by_line(page: ListingPage) -> str | None:
    """A short line near the title that starts with a developer label: "by SyncBuddy LLC"."""
    if page.h1 is None:
        return None
    scope = page.h1.parent
    for _ in range(3):
        if scope is None:
            break
        for line in (text_of(t) or "" for t in scope.find_all(["p", "span", "div", "a", "small"])):
            if 0 < len(line) <= 80 and words("developer_labels").search(line) and \
                    words("developer_labels").search(line).start() == 0:  # type: ignore[union-attr]
                cleaned = clean_developer(line)
                if cleaned and cleaned != line:
                    return cleaned
        scope = scope.parent
    return None


def clean_developer(value: str) -> str | None:
    """A developer's name without a leading label ("by", "Anbieter:", "提供元：")."""
    cleaned = words("developer_labels").strip_leading(" ".join(value.split()))
    return cleaned or None
