"""Parsing untrusted HTML in bounded time.

An HTML parser checks the stack of open elements as it meets each tag, so a page nested N deep costs it O(N²):
50,000 nested `<div>`s took lexbor 3.3 s. Browsers bound this (Chromium's parser nests no deeper than 512 and
attaches deeper elements at that depth); `bounded` does much the same before any parser here sees a page, so the
crawl and the extract stage read such a page in milliseconds and keep its text, links and headings.
"""

from __future__ import annotations

import re
from itertools import accumulate

from selectolax.lexbor import LexborHTMLParser

#: how deep a page may nest before its grouping elements (div, span, section...) are dropped: Chromium allows 512;
#: lxml's parser (libxml2) reads 256 levels
MAX_NESTING = 256
#: how many more levels the elements that carry meaning (links, headings, lists...) may add beyond that
HEADROOM = 64

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
#: elements that never hold others, or whose end tag pages often leave out: not counted as nesting
_FLAT = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "script", "style"})
#: the "/" of a start or end tag of an element that nests (not one of _FLAT), and its step in depth
_FLAT_NAMES = "|".join(sorted(_FLAT, key=len, reverse=True))
_NESTING_TAG = re.compile(rf"<(/?)(?!(?:{_FLAT_NAMES})[\s/>])[a-zA-Z]", re.I)
_STEP = {"": 1, "/": -1}
#: elements a reader or a check needs as elements, kept beyond MAX_NESTING (up to its headroom)
_MEANINGFUL = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "time", "code", "pre", "table", "ul", "ol", "dl",
                         "main", "article", "nav", "header", "footer", "title", "button", "details", "summary"})


def nesting(html: str) -> int:
    """How deep the page's elements nest, counted from its tags (elements with optional end tags left out)."""
    # the regex picks the tags and the running sum is taken by C-level iterators: 0.2 ms for a 40 KB page
    return max(accumulate(map(_STEP.__getitem__, _NESTING_TAG.findall(html))), default=0)


def bounded(html: str, limit: int = MAX_NESTING) -> str:
    """`html` unchanged when it nests no deeper than `limit`. Else the start tags of grouping elements beyond that
    depth are dropped with their end tags (elements that carry meaning may add `HEADROOM` levels more), so the
    deeper text, links and headings are kept at the deepest level allowed, much as a browser builds such a page."""
    if nesting(html) <= limit:
        return html
    kept: list[str] = []
    dropped: dict[str, int] = {}
    depth = last = 0
    for match in _TAG.finditer(html):
        name = match.group(2).lower()
        if name in _FLAT:
            continue
        closing = bool(match.group(1))
        if closing and dropped.get(name):
            dropped[name] -= 1
        elif not closing and (depth >= limit + HEADROOM or depth >= limit and name not in _MEANINGFUL):
            dropped[name] = dropped.get(name, 0) + 1
        else:
            depth += -1 if closing else 1
            continue
        kept.append(html[last:match.start()])
        last = match.end()
    kept.append(html[last:])
    return "".join(kept)


def parse(html: str | None) -> LexborHTMLParser:
    """A lexbor tree of `html`, its nesting bounded first."""
    return LexborHTMLParser(bounded(html or ""))
