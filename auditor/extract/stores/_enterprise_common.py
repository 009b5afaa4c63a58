"""Helpers the Salesforce AppExchange, Google Workspace Marketplace and Microsoft AppSource adapters share.

Those three stores render their listings from embedded data (a JSON island, `AF_initDataCallback` arrays,
a `window.__INITIAL_STATE__` blob): the helpers here turn such values into the model's types (absolute
normalised URLs, ISO dates, numbers that stay None when absent) and read the visible markup the same way
when the embedded data is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from bs4 import BeautifulSoup, Tag

from auditor.extract.dates import parse_date
from auditor.links import role_of, vendor_links_by_role
from auditor.model import Image, Links
from auditor.urls import normalise, resolve

_BLOCKS = ("p", "div", "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "pre")
_LINK_ROLES = ("docs", "setup", "support", "privacy", "terms", "security", "changelog", "status", "website")
_COMPACT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([KkMm])?\+?\s*$")
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_PRICE = re.compile(r"([$€£¥])\s?(\d[\d,]*(?:\.\d+)?)|\b(USD|EUR|GBP|CAD|AUD|JPY)\s?(\d[\d,]*(?:\.\d+)?)|"
                    r"(\d[\d,]*(?:\.\d+)?)\s?(USD|EUR|GBP|CAD|AUD|JPY)\b")


def soup_of(html: str) -> BeautifulSoup:
    """The page parsed with lxml (scripts kept: the embedded data lives in them)."""
    return BeautifulSoup(html, "lxml")


def text(node: Any) -> str | None:
    """A tag's visible text, or a string, with whitespace collapsed; None when empty."""
    if node is None:
        return None
    raw = node.get_text(" ", strip=True) if isinstance(node, Tag) else str(node)
    collapsed = " ".join(raw.split())
    return collapsed or None


def html_text(fragment: Any, *, keep_links: bool = False) -> str | None:
    """The text of an HTML fragment (a description stored as HTML), whitespace collapsed.

    `keep_links` writes each absolute link's URL after its text ("AppSource (https://appsource...)"), so
    rules about what a description links to can see the targets.
    """
    if not isinstance(fragment, str) or not fragment.strip():
        return None
    if "<" not in fragment:
        return text(fragment)
    soup = BeautifulSoup(fragment, "lxml")
    for anchor in soup.find_all("a", href=True) if keep_links else ():
        href = str(anchor["href"]).strip()
        if href.startswith(("http://", "https://")) and href != anchor.get_text(strip=True):
            anchor.append(f" ({href})")
    for block in soup.find_all(_BLOCKS):  # inline tags join their neighbours; blocks are separated
        block.insert_before(" ")
        block.insert_after(" ")
    return text(soup.get_text(""))


def number(value: Any) -> float | None:
    """A float from a number or numeric text ("4.58", "1,187"); None for anything else (never 0 for missing)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        return None


def integer(value: Any) -> int | None:
    """An int from a number or numeric text; None when it is not one."""
    found = number(value)
    return int(found) if found is not None else None


def compact_count(value: str | None) -> int | None:
    """A count as stores abbreviate it ("1.2K", "300K+", "2M"); None when it is not one."""
    match = _COMPACT.match(value or "")
    if not match:
        return None
    base = float(match.group(1).replace(",", "."))
    factor = {"k": 1_000, "m": 1_000_000}.get((match.group(2) or "").lower(), 1)
    return int(round(base * factor))


def iso(value: Any) -> str | None:
    """An ISO date from an ISO date/datetime or a written date ("September 11, 2026"); None otherwise."""
    return parse_date(value) if isinstance(value, str) else None


def absolute(base: str, href: Any) -> str | None:
    """`href` resolved against the page URL and normalised; None unless it is an http(s) URL."""
    if not isinstance(href, str) or not href.strip():
        return None
    url = resolve(base, href.strip())
    return normalise(url) if url.startswith(("http://", "https://")) else None


def image(base: str, url: Any, width: Any = None, height: Any = None, alt: Any = None) -> Image | None:
    """An Image with its declared size, or None without a usable URL."""
    resolved = absolute(base, url)
    if resolved is None:
        return None
    return Image(url=resolved, width=integer(width), height=integer(height), alt=text(alt) if alt else None)


def img_of(tag: Tag | None, base: str) -> Image | None:
    """The Image an <img> declares (src, width, height, alt)."""
    if tag is None:
        return None
    img = tag if tag.name == "img" else tag.find("img")
    if img is None:
        return None
    return image(base, img.get("src") or img.get("data-src"), img.get("width"), img.get("height"), img.get("alt"))


def unique(items: Iterable[str | None]) -> list[str]:
    """The non-empty items, first occurrence kept."""
    return list(dict.fromkeys(i for i in items if i))


def split_list(value: str | None, separators: str = r",|;") -> list[str]:
    """A shown list ("English, French; German") as items."""
    return unique(p.strip() for p in re.split(separators, value or ""))


def distribution(pairs: Iterable[tuple[Any, Any]]) -> dict[str, int]:
    """A star histogram as {"5": n, ..., "1": n}; only 1-5 stars with a count are kept."""
    found: dict[str, int] = {}
    for stars, count in pairs:
        star, n = integer(stars), integer(count)
        if star is not None and 1 <= star <= 5 and n is not None:
            found[str(star)] = n
    return {k: found[k] for k in ("5", "4", "3", "2", "1") if k in found}


def roles_of(links: Links) -> dict[str, str | None]:
    """A Links as {role: url}, to merge with other sources."""
    return {role: getattr(links, role) for role in _LINK_ROLES}


def links_from(found: Mapping[str, str | None]) -> Links:
    """Links holding only the roles given (None for the rest)."""
    return Links(**{role: found.get(role) for role in _LINK_ROLES})


def merge_links(primary: Mapping[str, str | None], *fallbacks: Mapping[str, str | None]) -> dict[str, str | None]:
    """Each role from the first source that has it."""
    merged: dict[str, str | None] = {}
    for role in _LINK_ROLES:
        merged[role] = next((source[role] for source in (primary, *fallbacks) if source.get(role)), None)
    return merged


def section_links(section: Tag | None, url: str) -> dict[str, str]:
    """The vendor links inside one part of the page (the store's vendor-links box), by role."""
    if section is None:
        return {}
    return vendor_links_by_role(str(section), url)


def url_links(anchors: Iterable[Tag], url: str) -> dict[str, str]:
    """Roles of anchors whose text is a bare URL or path (a linkified description): judged by the URL."""
    found: dict[str, str] = {}
    for anchor in anchors:
        href = absolute(url, anchor.get("href"))
        label = text(anchor) or ""
        if href is None:
            continue
        looks_like_url = bool(re.match(r"^(https?://|www\.|/)\S+$", label))
        role = role_of("" if looks_like_url else label, href)
        if role and role not in found:
            found[role] = href
    return found


def labelled_role(label: str | None, href: str | None) -> str | None:
    """The role a store-declared link plays, from its label first and its URL second."""
    return role_of(label or "", href or "") if href else None


def parse_price(shown: str | None) -> tuple[float | None, str | None]:
    """The amount and ISO currency of a shown price ("USD 35 per user", "$3.50 user/month", "Free" -> 0)."""
    if not shown:
        return None, None
    if re.fullmatch(r"\s*free\s*", shown, re.I):
        return 0.0, None
    match = _PRICE.search(shown)
    if not match:
        return None, None
    if match.group(1):
        return number(match.group(2)), _SYMBOLS.get(match.group(1))
    if match.group(3):
        return number(match.group(4)), match.group(3)
    return number(match.group(5)), match.group(6)


def says(html: str, patterns: Iterable[str], limit: int = 20_000) -> bool:
    """True when the page's visible text (title, headings, main copy) matches one of `patterns`."""
    soup = soup_of(html[:400_000])
    for tag in soup.find_all(["script", "style", "noscript", "template"]):
        tag.decompose()
    visible = (text(soup) or "")[:limit]
    return any(re.search(p, visible, re.I) for p in patterns)


def listed(value: Any) -> list[Any]:
    """`value` when it is a list, else [] (embedded data is not trusted to have the expected shape)."""
    return value if isinstance(value, list) else []


def at(value: Any, *path: int | str) -> Any:
    """value[path[0]][path[1]]... or None when any step is missing or of the wrong type."""
    for step in path:
        if isinstance(step, int) and isinstance(value, list) and -len(value) <= step < len(value):
            value = value[step]
        elif isinstance(step, str) and isinstance(value, dict):
            value = value.get(step)
        else:
            return None
    return value


def definition_pairs(block: Tag | None) -> dict[str, str]:
    """The label/value pairs of a <dl> (first value kept when a label repeats)."""
    if block is None:
        return {}
    pairs: dict[str, str] = {}
    for dt in block.find_all("dt"):
        label, value = text(dt), text(dt.find_next_sibling("dd"))
        if label and value:
            pairs.setdefault(label, value)
    return pairs
