"""The store toolkit: every helper the store adapters share, one meaning per name.

Sections: values (numbers, text, dates), embedded data (nested lookups, JSON in scripts, Next.js props, Google's
`AF_initDataCallback` islands), markup (visible text, label/value pairs), URLs and images, vendor links. Nothing
here knows a store: each adapter says where its data lives (its field table) and these read it.

Arguments always come in the same order: the value first, the base URL second (`image(value, base)`,
`absolute(value, base)`); a lookup never raises for data of the wrong shape, it returns None.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from bs4 import BeautifulSoup, Tag

from auditor.extract.dates import parse_date
from auditor.extract.numbers import count as _count
from auditor.extract.numbers import decimal as _decimal
from auditor.links import role_by_text, role_of
from auditor.markup import bounded
from auditor.model import Image, Links
from auditor.urls import normalise, parse_url, resolve

LINK_ROLES = ("docs", "setup", "support", "privacy", "terms", "security", "changelog", "status", "website")
_GROUPED = re.compile(r"^\d{1,3}(?:[,.\u202f\u00a0]\d{3})+$")


# ------------------------------------------------------------ values


def clean(value: Any) -> str | None:
    """Text with its whitespace collapsed (a number as its text); None when empty or not text."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    collapsed = " ".join(str(value).split())
    return collapsed or None


def number(value: Any) -> float | None:
    """A number as a store writes it: 4.77, "4.77", "4,5", "1,214", "1.2K", "300K+"; None for anything else."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().rstrip("+").strip()
    if _GROUPED.match(text) or re.search(r"[KkMm]$|万$", text):
        found = _count(text)
        return float(found) if found is not None else None
    return _decimal(text.replace("\u202f", "").replace("\u00a0", ""))


def whole(value: Any) -> int | None:
    """`number(value)` rounded to an int."""
    found = number(value)
    return int(round(found)) if found is not None else None


def iso(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD) from an ISO date or datetime or a written date; None otherwise."""
    return parse_date(clean(value)) if isinstance(value, str) else None


def timestamp_date(value: Any) -> str | None:
    """An ISO date from a [seconds, nanos] timestamp (or bare seconds), in UTC; an ISO string is read as it is."""
    seconds = value[0] if isinstance(value, list) and value else value
    if isinstance(seconds, str):
        return parse_date(seconds)
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or seconds <= 0:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()


def unique(values: Iterable[Any]) -> list[str]:
    """The non-empty values as clean text, first occurrence kept, in order."""
    return list(dict.fromkeys(v for v in (clean(x) for x in values) if v))


def split_list(value: str | None, separators: str = r",|;|\band\b") -> list[str]:
    """A written list as items: "English, French, and Dutch" -> ["English", "French", "Dutch"]."""
    return unique(re.split(rf"\s*(?:{separators})\s*", value)) if value else []


def paragraphs(value: Any) -> str | None:
    """Text written in lines (a store's plain-text description) with its lines kept: each line's whitespace
    collapsed, at most one blank line between paragraphs; None when empty or not text."""
    if not isinstance(value, str):
        return None
    lines = [" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() or None


def distribution(counts: Any) -> dict[str, int]:
    """A star histogram as {"5": n, ..., "1": n} from a mapping of stars to counts or a list of pairs."""
    if isinstance(counts, Mapping):
        pairs: Iterable[Any] = counts.items()
    else:
        pairs = ((at(c, "stars") or at(c, "rating") or at(c, 0), at(c, "count") or at(c, 1)) for c in items(counts))
    found: dict[str, int] = {}
    for stars, amount in pairs:
        star, n = whole(stars), whole(amount)
        if star is not None and 1 <= star <= 5 and n is not None:
            found[str(star)] = n
    return {k: found[k] for k in ("5", "4", "3", "2", "1") if k in found}


# ------------------------------------------------------------ embedded data


def at(data: Any, *path: str | int) -> Any:
    """The value at `path` inside nested dicts and lists, or None where the path breaks (never raises)."""
    for step in path:
        if isinstance(data, dict) and isinstance(step, str):
            data = data.get(step)
        elif isinstance(data, list) and isinstance(step, int) and -len(data) <= step < len(data):
            data = data[step]
        else:
            return None
    return data


def items(value: Any) -> list[Any]:
    """A value that should be a list, as one: None is [], a list is itself, anything else is [value]."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text_at(data: Any, *path: str | int) -> str | None:
    """The text at `path`, whitespace collapsed, or None."""
    value = at(data, *path)
    return clean(value) if isinstance(value, str) else None


def number_at(data: Any, *path: str | int) -> float | None:
    """The number at `path` (a JSON number, not a bool), or None."""
    value = at(data, *path)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def count_at(data: Any, *path: str | int) -> int | None:
    """The whole number at `path`, or None."""
    value = number_at(data, *path)
    return int(value) if value is not None else None


def json_after(html: str, pattern: str) -> Any | None:
    """The JSON value that follows `pattern` (a regex ending where the value starts) in the page, or None."""
    match = re.search(pattern, html)
    if not match:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(html, match.end())
    except ValueError:
        return None
    return value


_NEXT_DATA = re.compile(r"<script\b[^>]*\bid=[\"']?__NEXT_DATA__[\"']?[^>]*>(.*?)</script>", re.S | re.I)


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
    props = at(next_data(html), "props", "pageProps")
    return props if isinstance(props, dict) else {}


# Google's Wiz pages (Chrome Web Store, Google Play, Google Workspace Marketplace) embed the data they were rendered
# from as `AF_initDataCallback({key: 'ds:0', hash: '1', data:[...], sideChannel: {}})` calls: positional arrays,
# exact where the page rounds. The argument is a JavaScript literal, not JSON (unquoted keys, single quotes in a
# reformatted copy, trailing commas), so a small tolerant reader reads it when the JSON fast path cannot.

_CALL = re.compile(r"AF_initDataCallback\s*\(\s*(?=\{)")
_WS = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)+", re.S)
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_STRING_BODY = {'"': re.compile(r'(?:[^"\\]|\\.)*', re.S), "'": re.compile(r"(?:[^'\\]|\\.)*", re.S)}
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|\r\n|.)", re.S)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "\n": "", "\r\n": "", "\r": ""}
_KEYWORDS = {"true": True, "false": False, "null": None, "undefined": None, "NaN": None, "Infinity": None}


class JsSyntaxError(ValueError):
    """The text at a position is not a JavaScript literal this reader understands."""


def read_js_literal(text: str, pos: int = 0) -> tuple[Any, int]:
    """The JavaScript literal (object, array, string, number, keyword) starting at `pos`, and where it ends.

    Understands what JSON does plus single-quoted strings, unquoted keys, trailing commas, comments and
    JavaScript escapes (\\x3d, \\u003d, \\/). Raises JsSyntaxError on anything else.
    """
    return _Reader(text).value(pos)


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text

    def skip(self, pos: int) -> int:
        match = _WS.match(self.text, pos)
        return match.end() if match else pos

    def value(self, pos: int) -> tuple[Any, int]:
        pos = self.skip(pos)
        if pos >= len(self.text):
            raise JsSyntaxError("unexpected end of text")
        char = self.text[pos]
        if char == "[":
            return self.array(pos + 1)
        if char == "{":
            return self.obj(pos + 1)
        if char in "\"'":
            return self.string(pos)
        if char == "-" or char == "." or char.isdigit():
            match = _NUMBER.match(self.text, pos)
            if not match:
                raise JsSyntaxError(f"bad number at {pos}")
            literal = match.group(0)
            number: Any = float(literal) if any(c in literal for c in ".eE") else int(literal)
            return number, match.end()
        match = _IDENT.match(self.text, pos)
        if match and match.group(0) in _KEYWORDS:
            return _KEYWORDS[match.group(0)], match.end()
        raise JsSyntaxError(f"unexpected {self.text[pos:pos + 20]!r} at {pos}")

    def array(self, pos: int) -> tuple[list[Any], int]:
        out: list[Any] = []
        while True:
            pos = self.skip(pos)
            if pos < len(self.text) and self.text[pos] == "]":
                return out, pos + 1
            if pos < len(self.text) and self.text[pos] == ",":  # a hole: [1,,2]
                out.append(None)
                pos += 1
                continue
            item, pos = self.value(pos)
            out.append(item)
            pos = self.skip(pos)
            if pos < len(self.text) and self.text[pos] == ",":
                pos += 1
            elif pos >= len(self.text) or self.text[pos] != "]":
                raise JsSyntaxError(f"expected , or ] at {pos}")

    def obj(self, pos: int) -> tuple[dict[str, Any], int]:
        out: dict[str, Any] = {}
        while True:
            pos = self.skip(pos)
            if pos < len(self.text) and self.text[pos] == "}":
                return out, pos + 1
            key, pos = self.key(pos)
            pos = self.skip(pos)
            if pos >= len(self.text) or self.text[pos] != ":":
                raise JsSyntaxError(f"expected : at {pos}")
            out[key], pos = self.value(pos + 1)
            pos = self.skip(pos)
            if pos < len(self.text) and self.text[pos] == ",":
                pos += 1
            elif pos >= len(self.text) or self.text[pos] != "}":
                raise JsSyntaxError(f"expected , or }} at {pos}")

    def key(self, pos: int) -> tuple[str, int]:
        if pos < len(self.text) and self.text[pos] in "\"'":
            return self.string(pos)
        match = _IDENT.match(self.text, pos) or _NUMBER.match(self.text, pos)
        if not match:
            raise JsSyntaxError(f"bad key at {pos}")
        return match.group(0), match.end()

    def string(self, pos: int) -> tuple[str, int]:
        quote = self.text[pos]
        match = _STRING_BODY[quote].match(self.text, pos + 1)
        end = match.end() if match else pos + 1
        if end >= len(self.text) or self.text[end] != quote:
            raise JsSyntaxError(f"unterminated string at {pos}")
        return _unescape(self.text[pos + 1:end]), end + 1


def _unescape(body: str) -> str:
    if "\\" not in body:
        return body

    def one(match: re.Match[str]) -> str:
        esc = match.group(1)
        if esc in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[esc]
        if esc.startswith("u{"):
            return chr(int(esc[2:-1], 16))
        if esc[0] == "u" and len(esc) == 5:
            return chr(int(esc[1:], 16))
        if esc[0] == "x" and len(esc) == 3:
            return chr(int(esc[1:], 16))
        if esc.isdigit():
            return "\0" if esc == "0" else chr(int(esc, 8))
        return esc  # \' \" \\ \/ and any other character stand for themselves

    text = _ESCAPE.sub(one, body)
    # \ud83d\ude00 pairs came out as two lone surrogates: join them into the character they encode
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace") if _has_surrogates(text) else text


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


def google_islands(html: str) -> dict[str, Any]:
    """Every `AF_initDataCallback` island's data by its key ("ds:0": [...]); a call that fails to parse is skipped.

    An island whose call says `errorHasStatus: true` (the store's "not found" answer) is kept as
    {"error": data} so callers can tell it from a listing.
    """
    found: dict[str, Any] = {}
    for match in _CALL.finditer(html):
        try:
            call, _ = _read_call(html, match.end())
        except (JsSyntaxError, ValueError, RecursionError):
            continue
        if not isinstance(call, dict) or not isinstance(call.get("key"), str) or "data" not in call:
            continue
        found.setdefault(call["key"], {"error": call["data"]} if call.get("errorHasStatus") else call["data"])
    return found


_FAST_HEAD = re.compile(r"\{\s*key\s*:\s*(['\"])(?P<key>[^'\"]+)\1\s*,"
                        r"(?:\s*\w+\s*:\s*(?:'[^']*'|\"[^\"]*\"|true|false|null|\d+)\s*,)*\s*data\s*:\s*")
_ERROR_TAIL = re.compile(r"\s*,\s*errorHasStatus\s*:\s*true")


def _read_call(html: str, pos: int) -> tuple[Any, int]:
    """The call's argument: a JSON fast path when the data is JSON (as the store serves it), the JS reader otherwise."""
    match = _FAST_HEAD.match(html, pos)
    if match:
        try:
            data, end = json.JSONDecoder().raw_decode(html, match.end())
        except ValueError:
            pass  # a reformatted copy: single quotes, trailing commas
        else:
            call: dict[str, Any] = {"key": match.group("key"), "data": data}
            if _ERROR_TAIL.match(html, end):
                call["errorHasStatus"] = True
            return call, end
    return read_js_literal(html, pos)


# ------------------------------------------------------------ markup


def soup_of(html: str) -> BeautifulSoup:
    """A fragment of markup parsed with lxml (a listing page is parsed once, as a ListingPage)."""
    return BeautifulSoup(bounded(html), "lxml")


def text(node: Any) -> str | None:
    """An element's visible text (or a string), whitespace collapsed; None when empty or missing."""
    if node is None:
        return None
    raw = node.get_text(" ", strip=True) if isinstance(node, Tag) else str(node)
    return clean(raw)


_BLOCKS = ("p", "div", "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "pre")


def html_text(fragment: Any, *, keep_links: bool = False) -> str | None:
    """The text of an HTML fragment (a description stored as HTML), blocks separated, whitespace collapsed.

    `keep_links` writes each absolute link's URL after its text ("AppSource (https://appsource...)"), so rules
    about what a description links to can see the targets.
    """
    if not isinstance(fragment, str) or not fragment.strip():
        return None
    if "<" not in fragment:
        return clean(fragment)
    soup = BeautifulSoup(bounded(fragment), "lxml")
    for anchor in soup.find_all("a", href=True) if keep_links else ():
        href = str(anchor["href"]).strip()
        if href.startswith(("http://", "https://")) and href != anchor.get_text(strip=True):
            anchor.append(f" ({href})")
    for block in soup.find_all(_BLOCKS):
        block.insert_before(" ")
        block.insert_after(" ")
    return clean(soup.get_text(""))


def by_attr(root: Tag | BeautifulSoup | None, attr: str, value: str) -> Tag | None:
    """The first element whose `attr` equals `value` (data-test-id="listing-name")."""
    if root is None:
        return None
    found = root.find(None, attrs={attr: value})
    return found if isinstance(found, Tag) else None


def labelled(root: Tag | BeautifulSoup | None, label: str) -> Tag | None:
    """The element after a label element reading exactly `label` ("Languages" -> the list after it)."""
    if root is None:
        return None
    wanted = label.casefold()
    for tag in root.find_all(["dt", "h2", "h3", "h4", "p", "span", "div", "strong"]):
        if (text(tag) or "").casefold().rstrip(":") == wanted and not tag.find(["ul", "dl", "dd"]):
            sibling = tag.find_next_sibling()
            if isinstance(sibling, Tag):
                return sibling
    return None


def definition_pairs(block: Tag | None) -> dict[str, str]:
    """The label/value pairs of a <dl> (the first value kept when a label repeats)."""
    if block is None:
        return {}
    pairs: dict[str, str] = {}
    for dt in block.find_all("dt"):
        label, value = text(dt), text(dt.find_next_sibling("dd"))
        if label and value:
            pairs.setdefault(label, value)
    return pairs


def markup_has(html: str, patterns: Iterable[str], limit: int = 300_000) -> bool:
    """True when the page's raw markup matches one of the regexes (case-insensitive): a store's fixed markers."""
    head = html[:limit]
    return any(re.search(p, head, re.I | re.S) for p in patterns)


# ------------------------------------------------------------ URLs and images


def absolute(value: Any, base: str) -> str | None:
    """`value` resolved against `base` and normalised; None unless it is an http(s) URL."""
    raw = clean(value)
    if not raw:
        return None
    url = resolve(base, raw)
    parts = parse_url(url)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return normalise(url)


def web_url(value: Any, base: str = "") -> str | None:
    """An http(s) URL where a bare domain ("vendor.example") gets https://, normalised; None otherwise."""
    raw = clean(value)
    if not raw:
        return None
    if not re.match(r"^[a-z][a-z0-9+.-]*:|^/", raw, re.I) and re.match(r"^[\w.-]+\.[a-z]{2,}(?:[/?#]|$)", raw, re.I):
        raw = "https://" + raw
    return absolute(raw, base) if base else absolute(raw, raw)


def mailto(value: Any) -> str | None:
    """A mailto: link for an e-mail address (or a mailto: link as it is), or None."""
    raw = clean(value)
    if raw and raw.lower().startswith("mailto:"):
        raw = raw[7:]
    if raw and re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", raw, re.I):
        return "mailto:" + raw
    return None


def page_base(html: str, url: str) -> str:
    """The URL relative links resolve against: the page's <base href> if it has one, else its own URL."""
    match = re.search(r"<base\b[^>]*\bhref\s*=\s*[\"']([^\"']+)", html[:300_000], re.I)
    return resolve(url, match.group(1).strip()) if match else url


def image(value: Any, base: str, *, url_keys: tuple[str, ...] = ("url", "src", "contentUrl"),
          alt_keys: tuple[str, ...] = ("alt", "altText", "alt_text", "caption")) -> Image | None:
    """An Image from a media object ({"url", "width", "height", "alt"}), a [url, width, height, alt] row or a URL."""
    if isinstance(value, str):
        url = absolute(value, base)
        return Image(url) if url else None
    if isinstance(value, list):
        url = absolute(at(value, 0), base)
        return Image(url, whole(at(value, 1)), whole(at(value, 2)), text_at(value, 3)) if url else None
    if not isinstance(value, dict):
        return None
    url = absolute(next((value[k] for k in url_keys if value.get(k)), None), base)
    if not url:
        return None
    alt = next((value[k] for k in alt_keys if k in value and value[k] is not None), None)
    return Image(url, whole(value.get("width")), whole(value.get("height")), alt if isinstance(alt, str) else None)


def img_tag(tag: Tag | None, base: str) -> Image | None:
    """The Image an <img> (or the first <img> inside `tag`) declares: src, width, height, alt."""
    if tag is None:
        return None
    img = tag if tag.name == "img" else tag.find("img")
    if not isinstance(img, Tag):
        return None
    url = absolute(img.get("src") or img.get("data-src"), base)
    if not url:
        return None
    alt = img.get("alt")
    return Image(url, whole(img.get("width")), whole(img.get("height")), alt if isinstance(alt, str) else None)


# ------------------------------------------------------------ vendor links


def links_from(roles: Mapping[str, Any], base: str, fallback: Links | None = None) -> Links:
    """Links from a role -> URL mapping (a store's declared fields); a role missing there comes from `fallback`.
    An e-mail address declared for support becomes a mailto: link."""
    found: dict[str, str | None] = {}
    for role in LINK_ROLES:
        value = roles.get(role)
        found[role] = absolute(value, base) or (mailto(value) if role == "support" else None)
        if found[role] is None and fallback is not None:
            found[role] = getattr(fallback, role)
    return Links(**found)


def roles_of(links: Links) -> dict[str, str | None]:
    """A Links as {role: url}, to merge with other sources."""
    return {role: getattr(links, role) for role in LINK_ROLES}


def merge_links(*sources: Mapping[str, str | None]) -> dict[str, str | None]:
    """Each role from the first source that has it."""
    return {role: next((s[role] for s in sources if s.get(role)), None) for role in LINK_ROLES}


def records_by_role(records: Iterable[Any], base: str, *, url: str, label: str,
                    typed: Callable[[Any], str | None] = lambda record: None) -> dict[str, str]:
    """The first link per role among a store's link records (`{"uri": ..., "displayName": ...}`): the role its
    type says (`typed`), else the one its label and URL say."""
    found: dict[str, str] = {}
    for record in records:
        href = absolute(at(record, url), base)
        role = typed(record) or (role_of(text(at(record, label)) or "", href) if href else None)
        if href and role and role not in found:
            found[role] = href
    return found


def anchor_roles(container: Tag | None, base: str, owned: Callable[[str], bool] = lambda url: False) -> dict[str, str]:
    """The first link per role inside one box of vendor links (a "Resources" box), judged by text then URL; a link
    the store owns (`owned`) is never one. A link whose text is a bare URL is judged by its URL alone."""
    found: dict[str, str] = {}
    if container is None:
        return found
    for anchor in container.find_all("a", href=True):
        url = absolute(anchor["href"], base) or mailto(anchor["href"])
        label = text(anchor) or ""
        if not url or owned(url):
            continue
        looks_like_url = bool(re.match(r"^(https?://|www\.|/)\S+$", label))
        role = role_of("" if looks_like_url else label, url)
        if role and role not in found:
            found[role] = url
    return found


_MENTION = re.compile(r"(?P<url>https?://[^\s<>\"')\]]+|(?<=: )/[\w./~%-]+)")
_LABEL_END = re.compile(r"(?:[:(\-–—]|\b(?:at|see|visit|here))\s*$", re.I)


def description_links(description: str, base: str, owned: Callable[[str], bool] = lambda url: False) -> dict[str, str]:
    """Docs links a plain-text description names ("Setup guide: https://..."), for stores that do not link them.

    Only a label right before the URL counts, and only for docs roles (setup guide, documentation, release
    notes): a store's declared fields are the evidence for website, privacy and support.
    """
    found: dict[str, str] = {}
    for line in description.splitlines():
        for match in _MENTION.finditer(line):
            label = re.split(r"[.!?]\s", line[max(0, match.start() - 60):match.start()])[-1]
            if not _LABEL_END.search(label):
                continue  # a URL in running text, not one the text names
            role = role_by_text(label)
            url = web_url(match.group("url").rstrip(".,;:!?"), base)
            if role in ("setup", "docs", "changelog") and url and not owned(url) and role not in found:
                found[role] = url
    return found
