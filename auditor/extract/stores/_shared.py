"""Parsing the store adapters share: Next.js data islands, store-written numbers, images and vendor links.

Private to the adapters (discovery skips modules whose name starts with "_"). Nothing here knows a store:
each adapter says where its data lives and this module reads it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from auditor.extract.dates import parse_date
from auditor.links import role_of
from auditor.model import Image, Links
from auditor.urls import normalise, resolve

_NEXT_DATA = re.compile(r"<script\b[^>]*\bid=[\"']?__NEXT_DATA__[\"']?[^>]*>(.*?)</script>", re.S | re.I)
_LINK_ROLES = ("docs", "setup", "support", "privacy", "terms", "security", "changelog", "status", "website")


# ------------------------------------------------------------ Next.js islands


def next_data(html: str) -> dict[str, Any]:
    """The page's `<script id="__NEXT_DATA__">` JSON ({} when there is none or it does not parse)."""
    match = _NEXT_DATA.search(html)
    if not match:
        return {}
    try:
        value = json.loads(match.group(1))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def page_props(html: str) -> dict[str, Any]:
    """`props.pageProps` of the Next.js island ({} when absent)."""
    props = dig(next_data(html), "props", "pageProps")
    return props if isinstance(props, dict) else {}


def dig(data: Any, *path: str | int) -> Any:
    """The value at `path` inside nested dicts and lists, or None where the path breaks."""
    for step in path:
        if isinstance(data, dict) and isinstance(step, str):
            data = data.get(step)
        elif isinstance(data, list) and isinstance(step, int) and -len(data) <= step < len(data):
            data = data[step]
        else:
            return None
    return data


def items(value: Any) -> list[Any]:
    """A value that should be a list, as a list (None and scalars become [] and [value])."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# ------------------------------------------------------------ values


def number(value: Any) -> float | None:
    """A number as a store writes it: 4.77, "4.77", "1,214", "1.2K"; None for anything else (never 0 by default)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace(",", "").replace("\u202f", "").replace(" ", "").upper()
    factor = 1.0
    if text.endswith("K") or text.endswith("M"):
        factor = 1000.0 if text.endswith("K") else 1_000_000.0
        text = text[:-1]
    text = text.rstrip("+")
    try:
        return float(text) * factor
    except ValueError:
        return None


def whole(value: Any) -> int | None:
    """`number(value)` as an int."""
    found = number(value)
    return int(round(found)) if found is not None else None


def clean(value: Any) -> str | None:
    """Text with its whitespace collapsed; None when empty or not text."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    return text or None


def iso(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date or timestamp string."""
    return parse_date(clean(value))


def unique(values: Iterable[str | None]) -> list[str]:
    """The non-empty values, first occurrence kept, in order."""
    return list(dict.fromkeys(v for v in (clean(x) for x in values) if v))


def distribution(counts: Any) -> dict[str, int]:
    """A star histogram as {"5": n, ..., "1": n} from a mapping of stars to counts (or a list of pairs)."""
    pairs = counts.items() if isinstance(counts, Mapping) else (
        (dig(c, "stars") or dig(c, "rating"), dig(c, "count")) for c in items(counts))
    out: dict[str, int] = {}
    for stars, count in pairs:
        star, amount = whole(stars), whole(count)
        if star is not None and 1 <= star <= 5 and amount is not None:
            out[str(star)] = amount
    return dict(sorted(out.items(), reverse=True))


# ------------------------------------------------------------ URLs and images


def absolute(base: str, url: Any) -> str | None:
    """`url` resolved against `base` and normalised; None for empty, non-http(s) or mailto values."""
    text = clean(url)
    if not text:
        return None
    resolved = resolve(base, text)
    if urlsplit(resolved).scheme not in ("http", "https"):
        return None
    return normalise(resolved)


def image(value: Any, base: str, *, url_keys: tuple[str, ...] = ("url", "src", "contentUrl"),
          alt_keys: tuple[str, ...] = ("alt", "altText", "alt_text", "caption")) -> Image | None:
    """An Image from a store's media object ({"url", "width", "height", "alt"}) or a bare URL string."""
    if isinstance(value, str):
        url = absolute(base, value)
        return Image(url) if url else None
    if not isinstance(value, dict):
        return None
    url = absolute(base, next((value[k] for k in url_keys if value.get(k)), None))
    if not url:
        return None
    alt = next((value[k] for k in alt_keys if k in value and value[k] is not None), None)
    return Image(url, whole(value.get("width")), whole(value.get("height")), alt if isinstance(alt, str) else None)


def img_tag(tag: Tag | None, base: str) -> Image | None:
    """An Image from an <img> element with its declared size."""
    if tag is None:
        return None
    url = absolute(base, tag.get("src") or tag.get("data-src"))
    if not url:
        return None
    alt = tag.get("alt")
    return Image(url, whole(tag.get("width")), whole(tag.get("height")), alt if isinstance(alt, str) else None)


def links_from(roles: Mapping[str, Any], base: str, fallback: Links | None = None) -> Links:
    """Links built from a role -> URL mapping (the store's embedded fields), a role missing there from `fallback`."""
    found = {role: absolute(base, roles.get(role)) for role in _LINK_ROLES}
    if fallback is not None:
        found = {role: url or getattr(fallback, role) for role, url in found.items()}
    return Links(**found)


def anchor_roles(container: Tag | None, base: str) -> dict[str, str]:
    """The first link per role inside one container of vendor links (a "Resources" box), judged by text then URL."""
    found: dict[str, str] = {}
    if container is None:
        return found
    for anchor in container.find_all("a", href=True):
        url = absolute(base, anchor["href"])
        role = role_of(text(anchor) or "", url or "") if url else None
        if role and role not in found:
            found[role] = url  # type: ignore[assignment]
    return found


# ------------------------------------------------------------ markup


def soup_of(html: str) -> BeautifulSoup:
    """The page parsed with lxml."""
    return BeautifulSoup(html, "lxml")


def text(tag: Any) -> str | None:
    """An element's visible text, whitespace collapsed (None when empty or no element)."""
    if tag is None:
        return None
    return clean(tag.get_text(" ", strip=True))


def by_attr(root: Tag | BeautifulSoup, attr: str, value: str) -> Tag | None:
    """The first element whose `attr` equals `value` (data-test-id="listing-name")."""
    found = root.find(attrs={attr: value})
    return found if isinstance(found, Tag) else None


def says(html: str, patterns: Iterable[str], limit: int = 200_000) -> bool:
    """True when the page's markup matches one of the regexes (case-insensitive)."""
    head = html[:limit]
    return any(re.search(p, head, re.I | re.S) for p in patterns)


def labelled(root: Tag | BeautifulSoup | None, label: str) -> Tag | None:
    """The element that follows a label element reading exactly `label` ("Languages" -> the list after it)."""
    if root is None:
        return None
    wanted = label.casefold()
    for tag in root.find_all(["dt", "h2", "h3", "h4", "p", "span", "div", "strong"]):
        if (text(tag) or "").casefold().rstrip(":") == wanted and not tag.find(["ul", "dl", "dd"]):
            sibling = tag.find_next_sibling()
            if isinstance(sibling, Tag):
                return sibling
    return None


def split_list(value: str | None) -> list[str]:
    """A written list as items: "English, French, and Dutch" -> ["English", "French", "Dutch"]."""
    if not value:
        return []
    return unique(re.split(r"\s*(?:,|;|\band\b)\s*", value))
