"""What Google's store pages (Chrome Web Store, Google Play) share: `AF_initDataCallback` data islands.

Both stores render the listing on the server and embed the data it was rendered from as script calls:

    AF_initDataCallback({key: 'ds:0', hash: '1', data:[["nllc...", "https://lh3...", "Wordtune", 4.6183, 2387, ...]], sideChannel: {}});

The values are positional arrays (no field names), exact where the page shows rounded numbers. The call's
argument is a JavaScript object literal, not JSON: unquoted keys, single-quoted strings, and in a copy
run through a code formatter, single-quoted strings inside the data too, trailing commas and new lines
anywhere. `islands()` reads them all with a small tolerant reader of JavaScript literals.

Private to the Google adapters (discovery skips modules whose name starts with "_").
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from auditor.extract.dates import parse_date
from auditor.links import role_by_text
from auditor.urls import normalise, resolve

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


def islands(html: str) -> dict[str, Any]:
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


# ------------------------------------------------------------ reading positional data


def at(data: Any, *path: int) -> Any:
    """The value at `path` inside nested lists, or None where the path breaks (never an IndexError)."""
    for step in path:
        if isinstance(data, list) and -len(data) <= step < len(data):
            data = data[step]
        else:
            return None
    return data


def text_at(data: Any, *path: int) -> str | None:
    """The string at `path` with its whitespace collapsed, or None."""
    value = at(data, *path)
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def number_at(data: Any, *path: int) -> float | None:
    """The number at `path` (not a bool), or None."""
    value = at(data, *path)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def count_at(data: Any, *path: int) -> int | None:
    """The whole number at `path`, or None."""
    value = number_at(data, *path)
    return int(value) if value is not None else None


def timestamp_date(value: Any) -> str | None:
    """An ISO date from Google's [seconds, nanos] timestamp (or bare seconds), in UTC.

    A copy whose data was rewritten may hold an ISO date string instead; it is read as it is.
    """
    seconds = value[0] if isinstance(value, list) and value else value
    if isinstance(seconds, str):
        return parse_date(seconds)
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or seconds <= 0:
        return None
    return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()


def web_url(value: Any, base: str = "") -> str | None:
    """An http(s) URL (a bare domain gets https://), normalised; None for anything else."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*:|^/", text, re.I) and re.match(r"^[\w.-]+\.[a-z]{2,}(?:[/?#]|$)", text, re.I):
        text = "https://" + text
    resolved = resolve(base, text) if base else text
    if urlsplit(resolved).scheme not in ("http", "https") or not urlsplit(resolved).hostname:
        return None
    return normalise(resolved)


def mailto(value: Any) -> str | None:
    """A mailto: link for an e-mail address, or None."""
    if isinstance(value, str) and re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", value.strip(), re.I):
        return "mailto:" + value.strip()
    return None


def is_store_page(url: str | None) -> bool:
    """True for Google's own store, help, policy and account pages: never a vendor's link.

    Only the store's sections count: support.google.com/chrome_webstore is the store's help, but
    support.google.com/translate is Google Translate's own (Google is a vendor there).
    """
    if not url:
        return False
    parts = urlsplit(url)
    host, path = (parts.hostname or "").lower(), parts.path or "/"
    if host in _STORE_HOSTS:
        return True
    return any(host == h and path.startswith(prefixes) for h, prefixes in _STORE_SECTIONS)


_STORE_HOSTS = frozenset({"chromewebstore.google.com", "play.google.com", "policies.google.com", "myaccount.google.com",
                          "payments.google.com", "accounts.google.com", "families.google.com", "ssl.gstatic.com",
                          "www.gstatic.com", "developer.android.com", "market.android.com"})
_STORE_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("chrome.google.com", ("/webstore", "/extensions")),
    ("support.google.com", ("/chrome_webstore", "/webstore", "/googleplay", "/chrome/a/answer")),
    ("developer.chrome.com", ("/docs/webstore", "/webstore")),
    ("www.google.com", ("/chrome", "/intl/en/about/products", "/webhp")),
)


def page_base(html: str, url: str) -> str:
    """The URL relative links on the page resolve against: its <base href> if it has one, else its own URL."""
    match = re.search(r"<base\b[^>]*\bhref\s*=\s*[\"']([^\"']+)", html[:300_000], re.I)
    return resolve(url, match.group(1).strip()) if match else url


_MENTION = re.compile(r"(?P<url>https?://[^\s<>\"')\]]+|(?<=: )/[\w./~%-]+)")
_LABEL_END = re.compile(r"(?:[:(\-–—]|\b(?:at|see|visit|here))\s*$", re.I)
_DOC_ROLES = ("setup", "docs", "changelog")


def description_links(text: str, base: str) -> dict[str, str]:
    """Docs links a plain-text description names ("Setup guide: https://..."): stores that do not link them.

    Only a label right before the URL counts, and only for docs roles (setup guide, documentation,
    release notes): the store's declared fields are the evidence for website, privacy and support.
    """
    found: dict[str, str] = {}
    for line in text.splitlines():
        for match in _MENTION.finditer(line):
            label = re.split(r"[.!?]\s", line[max(0, match.start() - 60):match.start()])[-1]
            if not _LABEL_END.search(label):
                continue  # a URL in running text, not one the text names ("Setup guide: ...")
            role = role_by_text(label)
            url = web_url(match.group("url").rstrip(".,;:!?"), base)
            if role in _DOC_ROLES and url and not is_store_page(url) and role not in found:
                found[role] = url
    return found
