"""Anchors on a page and what role a vendor link plays (setup guide, privacy policy, ...).

A leaf module: the crawl uses it to decide which listing links lead to docs and policies, and the
extract stage uses the same rules to fill `Listing.links`, so the two never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from auditor.urls import join_url, normalise

#: link roles in priority order: (role, text pattern, URL pattern)
ROLE_RULES: tuple[tuple[str, str, str], ...] = (
    ("setup", r"set ?up guide|setup instructions|install(ation)? guide|getting started|get started guide|"
              r"quick ?start|how to (install|set ?up|connect)|onboarding guide|set ?up", r"setup|set-up|install|getting-started|quickstart"),
    ("changelog", r"change ?log|release notes|what'?s new|version history|updates log", r"changelog|release-notes|releases"),
    ("privacy", r"privacy", r"privacy"),
    ("terms", r"terms|eula|licen[cs]e agreement|end user", r"terms|eula|tos\b"),
    ("security", r"security|trust cent(er|re)|compliance", r"security|trust"),
    ("status", r"status", r"status\."),
    ("support", r"support|contact us|get help|help desk|helpdesk|customer service", r"support|contact|helpdesk"),
    ("docs", r"documentation|\bdocs\b|help cent(er|re)|knowledge ?base|user guide|manual|developer guide|api reference",
             r"docs|documentation|help|kb|knowledge"),
    ("website", r"website|homepage|visit site|developer site", r"^$"),
)
_CALL_TO_ACTION = re.compile(r"^\s*(install|get|add|try|buy|start|connect|sign|book|request|contact sales|subscribe)\b",
                             re.IGNORECASE)
DOC_ROLES = frozenset({"setup", "docs", "changelog"})
POLICY_ROLES = frozenset({"privacy", "terms", "security", "status", "support"})

#: header/footer/nav elements are chrome only outside the page's main content
CHROME_TAGS = frozenset({"header", "footer", "nav"})
CHROME_ROLES = frozenset({"banner", "contentinfo", "navigation"})
#: class or id names of store chrome that may sit anywhere, even inside <main>
CHROME_CLASS = re.compile(r"(^|[\s_])(site-?header|site-?footer|global-?(nav|header|footer)|navbar|breadcrumbs?|"
                          r"related-?apps|recommended-?apps|more-?apps|similar-?apps|store-?(header|footer|nav))($|[\s_])"
                          r"|cookie|consent", re.IGNORECASE)
_MAIN_TAGS = frozenset({"main", "article"})
_COMPILED = tuple((role, re.compile(t, re.IGNORECASE), re.compile(u, re.IGNORECASE)) for role, t, u in ROLE_RULES)


@dataclass(frozen=True)
class Anchor:
    """A link on a page: absolute URL, visible text, and whether it sits in the site's chrome."""

    url: str
    text: str
    in_chrome: bool


def harvest(html: str | LexborHTMLParser, base_url: str) -> list[Anchor]:
    """Every http(s) link on the page, resolved against `base_url` (and <base href> if present)."""
    return [Anchor(url, " ".join(node.text(deep=True).split()), _in_chrome(node))
            for node, url in _linked_nodes(html, base_url)]


def link_urls(html: str | LexborHTMLParser, base_url: str) -> list[str]:
    """The URLs of `harvest`, without the text and chrome test a crawl frontier does not need (5x cheaper)."""
    return [url for _, url in _linked_nodes(html, base_url)]


def _linked_nodes(html: str | LexborHTMLParser, base_url: str) -> Iterator[tuple[LexborNode, str]]:
    tree = html if isinstance(html, LexborHTMLParser) else LexborHTMLParser(html)
    base_tag = tree.css_first("base[href]")
    base = (join_url(base_url, base_tag.attributes.get("href") or "") if base_tag else None) or base_url
    for node in tree.css("a[href]"):
        url = join_url(base, node.attributes.get("href") or "")
        if url is not None and url.startswith(("http://", "https://")):
            yield node, url


def vendor_anchors(anchors: list[Anchor], page_url: str) -> list[Anchor]:
    """The anchors that belong to the vendor: not in the chrome, and not into the store's own sections.

    The chrome shows where the store keeps its own pages (say /store/... or /category/...); a link in
    the listing body into one of those sections (a category chip, "Report this listing") is the
    store's too. The section the listing itself lives in is never counted as the store's.
    """
    own = _section(page_url)
    store = {_section(a.url) for a in anchors if a.in_chrome} - {own}
    return [a for a in anchors if not a.in_chrome and _section(a.url) not in store]


def vendor_links_by_role(html: str, url: str) -> dict[str, str]:
    """The first vendor link per role: links named by their text before links guessed from their URL.

    URLs are normalised (no fragment, lower-case host) so they compare equal to crawled pages.
    """

    here = normalise(url)
    # a tab or anchor on the listing itself ("#security") is not a page of the vendor's
    anchors = [a for a in vendor_anchors(harvest(html, url), url) if normalise(a.url) != here]
    found: dict[str, str] = {}
    for judge in (lambda a: role_by_text(a.text), lambda a: role_of(a.text, a.url)):
        for anchor in anchors:
            role = judge(anchor)
            if role and role not in found:
                found[role] = normalise(anchor.url)
    return found


def _section(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    return (parts.netloc.lower(), segments[0] if len(segments) > 1 else parts.path or "/")


def role_of(text: str, url: str) -> str | None:
    """The role a vendor link plays, judged by its text first and its URL second.

    A call to action ("Install app", "Start free trial") is never a docs link, whatever its URL says.
    """
    return role_by_text(text) or (None if _CALL_TO_ACTION.search(text) else role_by_url(url))


def role_by_text(text: str) -> str | None:
    """The role its visible text gives a link ("Privacy policy" -> privacy)."""
    return next((role for role, pattern, _ in _COMPILED if text and pattern.search(text)), None)


def role_by_url(url: str) -> str | None:
    """The role a link's URL suggests (/legal/privacy -> privacy); weaker evidence than its text."""
    where = url.split("://", 1)[-1].split("?", 1)[0]
    return next((role for role, _, pattern in _COMPILED if pattern.pattern != "^$" and pattern.search(where)), None)


def is_chrome_name(class_and_id: str) -> bool:
    """True when class/id names mark an element as the store's chrome (header, footer, related apps)."""
    return bool(CHROME_CLASS.search(class_and_id))


def _in_chrome(node: LexborNode) -> bool:
    chrome_tag = False
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html", "-undef"):
        attrs = parent.attributes
        if is_chrome_name(f"{attrs.get('class') or ''} {attrs.get('id') or ''}"):
            return True
        if parent.tag in _MAIN_TAGS or attrs.get("role") == "main":
            return False  # a <header> or <nav> inside the main content belongs to the content
        chrome_tag = chrome_tag or parent.tag in CHROME_TAGS or attrs.get("role") in CHROME_ROLES
        parent = parent.parent
    return chrome_tag
