"""The listing's text fields: description, tagline, features, categories, the details box and what it states
(languages, editions), and its data-access statement.

Sections are found by their headings in the vocabulary's languages ("Description", "Beschreibung", "概要"),
by schema.org data, and by generic section words in class or id names ("description", "features"), which
any site uses; never by one store's own class names.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import Tag

from auditor.extract.page import ListingPage, text_of
from auditor.extract.structured import as_list
from auditor.extract.structured import text_of as data_text

_SECTION = r"(^|[\s_-]){}($|[\s_-]|s\b)"
_DESCRIPTION_HEADING = re.compile(
    r"^(?:description|overview|about(?: this (?:app|extension|integration|add-?on))?|app details|details|"
    r"beschreibung|übersicht|über diese app|info|description|présentation|aperçu|à propos|descripción|"
    r"resumen|acerca de|descrição|visão geral|sobre|descrizione|panoramica|informazioni|beschrijving|"
    r"overzicht|over deze app|説明|概要|このアプリについて)$", re.I)
_FEATURES_HEADING = re.compile(r"\b(?:features?|highlights|key features|funktionen|merkmale|fonctionnalités|"
                               r"caractéristiques|funciones|características|funcionalidades|funzionalità|"
                               r"caratteristiche|functies|kenmerken|機能|特長)\b", re.I)
_LANGUAGES = re.compile(r"\b(?:languages?|sprachen?|langues?|idiomas?|lingue|talen|言語)\s*(?:supported)?\s*[:：\-]\s*"
                        r"([^\W\d_][^\n.]{2,200})", re.I)
_LANGUAGE_LABEL = re.compile(r"\s*(?:(?:supported )?languages?|sprachen?|langues?|idiomas?|lingue|talen|言語|対応言語)"
                             r"\s*[:：]?\s*", re.I)
_EDITION_LABEL = re.compile(r"works with|compatible(?: with)?|editions?|requires|requirements|"
                            r"supported (?:products|plans)|"
                            r"funktioniert mit|kompatibel|voraussetzungen|fonctionne avec|compatible avec|"
                            r"funciona con|compatible con|funciona com|compatível|funziona con|compatibile|werkt met|"
                            r"対応製品|動作環境", re.I)
_DATA_HEADING = re.compile(r"shared data|data (access|shared|we access|this app)|permissions|privacy (&|and) security|"
                           r"privacy practices|data safety|datenschutz|berechtigungen|autorisations|permisos|"
                           r"permissões|autorizzazioni|machtigingen|権限|データ", re.I)


def matching(root: Tag, pattern: str) -> list[Tag]:
    """Elements whose class, id or itemprop holds one of the section words in `pattern` ("description|overview")."""
    rx = re.compile(_SECTION.format(f"({pattern})"), re.I)

    def match(tag: Tag) -> bool:
        if tag.attrs is None:
            return False
        names = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "") + " " + str(tag.get("itemprop") or "")
        return bool(rx.search(names))

    return root.find_all(match)


def under_heading(page: ListingPage, heading: re.Pattern[str]) -> Tag | None:
    """The block a heading introduces (the heading's section, or the siblings after it), for the first heading
    whose text matches."""
    for tag, text, rank in page.headings():
        if rank < 2 or len(text) > 60 or not heading.search(text.strip(" :：")):
            continue
        blocks = page.section_content(tag)
        if blocks:
            return blocks[0] if len(blocks) == 1 else blocks[0].parent
    return None


def description(page: ListingPage, app: dict[str, Any]) -> str | None:
    """The longest of the declared description, the described section and the section under its heading."""
    section = under_heading(page, _DESCRIPTION_HEADING)
    texts = [data_text(app.get("description")), _longest_section_text(page.content, "description|overview|about"),
             _without_heading(section)]
    return longest(texts)


def _without_heading(section: Tag | None) -> str | None:
    if section is None:
        return None
    lines = [" ".join(line.split()) for line in section.get_text("\n", strip=True).split("\n") if line.strip()]
    if lines and len(lines[0]) <= 60 and _DESCRIPTION_HEADING.search(lines[0].strip(" :：")):
        lines = lines[1:]
    return " ".join(lines) or None


def tagline(page: ListingPage, described: str | None) -> str | None:
    """A one-line summary: a section called one, else the page's meta description when it differs."""
    found = _section_text(page.content, "tagline|subtitle|subheading|short-?description|summary|lede|strapline")
    if found:
        return found
    meta = page.data.meta.get("description") or page.data.meta.get("og:description")
    return meta if meta and meta != described and len(meta) <= 200 else None


def categories(page: ListingPage, app: dict[str, Any]) -> list[str]:
    """The categories the store shows; schema.org's coarse applicationCategory only when none are shown."""
    shown: list[str] = []
    for block in matching(page.content, "categor(y|ies)|tags|chips"):
        shown += [t for t in (text_of(a) for a in block.find_all(["a", "li", "span"]) if not a.find(["a", "li"])) if t]
    if shown:
        return unique(shown)
    declared = as_list(app.get("applicationCategory")) + as_list(app.get("applicationSubCategory"))
    return unique([c for c in (data_text(v) for v in declared) if c])


def features(page: ListingPage) -> list[str]:
    """The listing's feature list: a features block, else the list under a "Features" heading."""
    for block in matching(page.content, "features?|feature-?list|highlights|key-?features"):
        items = [t for t in (text_of(li) for li in block.find_all("li")) if t]
        if items:
            return unique(items)
    for heading in page.content.find_all(re.compile("^h[2-4]$")):
        if _FEATURES_HEADING.search(heading.get_text()) and len(heading.get_text()) <= 60:
            listing = heading.find_next(["ul", "ol"])
            if listing is not None:
                return unique([t for t in (text_of(li) for li in listing.find_all("li")) if t])
    return []


def details(page: ListingPage) -> dict[str, str]:
    """Label/value pairs of definition lists and two-column rows (a store's "App details" box)."""
    found: dict[str, str] = {}
    for dl in page.content.find_all("dl"):
        label = None
        for item in dl.find_all(["dt", "dd"]):
            if item.name == "dt":
                label = text_of(item)
            elif label:
                value = text_of(item)
                if value:
                    found[label] = f"{found[label]}; {value}" if label in found else value
    for row in page.content.find_all("tr"):
        cells = row.find_all(["th", "td"], recursive=False)
        if len(cells) == 2 and cells[0].name == "th" and (label := text_of(cells[0])) and (value := text_of(cells[1])):
            found.setdefault(label, value)
    return found


def detail(found: dict[str, str], pattern: str) -> list[str]:
    """The values of the details whose label matches `pattern`."""
    rx = re.compile(pattern, re.I)
    return [value for label, value in found.items() if rx.search(label)]


def languages(page: ListingPage, app: dict[str, Any], found: dict[str, str]) -> list[str]:
    """The languages the listing states: declared, in its details box, or in a "Languages:" line."""
    declared = [t for t in (data_text(v) for v in as_list(app.get("inLanguage"))
                            + as_list(app.get("availableLanguage"))) if t]
    if declared:
        return unique(declared)
    shown = detail(found, r"^(?:languages?|sprachen?|langues?|idiomas?|lingue|talen|言語)\b")
    if not shown and (value := page.labelled_value(_LANGUAGE_LABEL.fullmatch)) is not None:
        shown = [", ".join(t for t in (text_of(li) for li in value.find_all("li")) if t) or text_of(value) or ""]
    if not shown and (match := _LANGUAGES.search(page.content.get_text("\n"))):
        shown = [match.group(1)]
    return unique([p.strip() for text in shown for p in re.split(r",|;|、|\band\b|\bund\b|\bet\b|\by\b|\be\b", text)
                   if p.strip()])


def editions(page: ListingPage, found: dict[str, str]) -> list[str]:
    """The products and editions the details say the app works with or requires."""
    values = detail(found, _EDITION_LABEL.pattern)
    if not values and (value := page.labelled_value(lambda t: bool(_EDITION_LABEL.fullmatch(t.strip(" :："))))) \
            is not None:
        items = [t for t in (text_of(li) for li in value.find_all("li")) if t]
        values = ["; ".join(items) if items else text_of(value) or ""]
    return unique([p.strip() for text in values for p in text.split(";") if p.strip()])


def data_access(page: ListingPage) -> str | None:
    """The section whose heading says it states the data shared or accessed."""
    for heading in page.content.find_all(re.compile("^h[2-4]$")):
        if _DATA_HEADING.search(heading.get_text(" ")) and len(heading.get_text(" ")) <= 80:
            section = heading.find_parent(["section", "article", "div"]) or heading.parent
            return text_of(section)
    return None


def _section_text(root: Tag, pattern: str) -> str | None:
    found = matching(root, pattern)
    return text_of(found[0]) if found else None


def _longest_section_text(root: Tag, pattern: str) -> str | None:
    return longest([text_of(tag) for tag in matching(root, pattern)])


def longest(texts: list[str | None]) -> str | None:
    """The longest of the non-empty texts."""
    present = [t for t in texts if t]
    return max(present, key=len) if present else None


def unique(items: list[str]) -> list[str]:
    """The items, first occurrence kept, in order."""
    return list(dict.fromkeys(items))
