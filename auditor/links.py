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

from auditor.markup import parse
from auditor.urls import join_url, normalise, parse_url
from auditor.vocab import role_by_text as _named_role
from auditor.vocab import role_by_url, words

DOC_ROLES = frozenset({"setup", "docs", "changelog"})
POLICY_ROLES = frozenset({"privacy", "terms", "security", "status", "support"})

#: header/footer/nav elements are chrome only outside the page's main content
CHROME_TAGS = frozenset({"header", "footer", "nav"})
CHROME_ROLES = frozenset({"banner", "contentinfo", "navigation", "search"})
#: class or id words that mark store chrome anywhere, even inside <main>: generic page furniture, named the way
#: any site names it (never one store's own class names)
CHROME_CLASS = re.compile(r"(^|[\s_-])(site-?header|site-?footer|global-?(nav|header|footer)|navbar|breadcrumbs?|"
                          r"related-?apps|recommended-?apps|more-?apps|similar-?apps|store-?(header|footer|nav)|"
                          r"skip-?link)($|[\s_-])|cookie|consent", re.IGNORECASE)
_BREADCRUMB = re.compile(r"breadcrumb|brotkrümel|fil d'ariane|ruta de navegación|パンくず", re.IGNORECASE)
_MAIN_TAGS = frozenset({"main", "article"})
#: ids a page gives its own header and footer when it has no semantic tags for them
_CHROME_IDS = frozenset({"header", "footer", "masthead", "topbar", "top-bar", "navbar", "site-nav", "page-header",
                         "page-footer"})


@dataclass(frozen=True)
class Anchor:
    """A link on a page: absolute URL, visible text, and whether it sits in the site's chrome."""

    url: str
    text: str
    in_chrome: bool


def harvest(html: str | LexborHTMLParser, base_url: str) -> list[Anchor]:
    """Every http(s) link on the page, resolved against `base_url` (and <base href> if present)."""
    tree = html if isinstance(html, LexborHTMLParser) else parse(html)
    title = _title_path(tree)
    return [Anchor(url, " ".join(node.text(deep=True).split()), _in_chrome(node, title))
            for node, url in _linked_nodes(tree, base_url)]


def link_urls(html: str | LexborHTMLParser, base_url: str) -> list[str]:
    """The URLs of `harvest`, without the text and chrome test a crawl frontier does not need (5x cheaper)."""
    return [url for _, url in _linked_nodes(html, base_url)]


def _linked_nodes(html: str | LexborHTMLParser, base_url: str) -> Iterator[tuple[LexborNode, str]]:
    tree = html if isinstance(html, LexborHTMLParser) else parse(html)
    base_tag = tree.css_first("base[href]")
    base = (join_url(base_url, base_tag.attributes.get("href") or "") if base_tag else None) or base_url
    for node in tree.css("a[href]"):
        url = join_url(base, node.attributes.get("href") or "")
        if url is not None and url.startswith(("http://", "https://")):
            yield node, url


def vendor_anchors(anchors: list[Anchor], page_url: str) -> list[Anchor]:
    """The anchors that belong to the vendor: not in the chrome, not a store action, not into the store's own
    sections.

    The chrome shows where the store keeps its own pages (say /store/... or /category/...); a link in
    the listing body into one of those sections (a category chip, "Report this listing") is the
    store's too, and so is a link below the listing's own URL (its reviews tab, a review filter). The
    section the listing itself lives in is never counted as the store's.
    """
    store = store_sections([a.url for a in anchors if a.in_chrome], page_url)
    return [a for a in anchors if not a.in_chrome and section_of(a.url) not in store
            and not is_store_action(a.text) and not is_below(a.url, page_url)]


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


def store_sections(chrome_urls: list[str], page_url: str) -> set[tuple[str, str]]:
    """The store's own sections of its site: where its chrome links to (host and first path segment), less
    the section the listing itself lives in."""
    return {section_of(u) for u in chrome_urls} - {section_of(page_url)}


def section_of(url: str) -> tuple[str, str]:
    """A URL's host and first path segment ("/store/categories.html" -> (host, "store"))."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    return (parts.netloc.lower(), segments[0] if len(segments) > 1 else parts.path or "/")


#: second-level labels under which a country's registrable domains sit ("example.co.uk", "example.com.au")
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go"})


def hostname(url: str) -> str:
    """The lower-case host of a URL; empty for a URL that cannot be parsed (scraped hrefs can be anything)."""
    parts = parse_url(url)
    return (parts.hostname or "").lower() if parts is not None else ""


def site_of(host: str) -> str:
    """The registrable domain of a host ("help.shopify.com" -> "shopify.com", "a.b.co.uk" -> "b.co.uk");
    empty for an IP address or a single-label host, which have none."""
    host = host.lower().rstrip(".")
    labels = host.split(".")
    if len(labels) < 2 or host.replace(".", "").isdigit() or ":" in host:
        return ""
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


#: the shortest last path segment taken for a listing's id ("aapbdbdomjkkjkaonfhkkikfgjllcleb", "skio"): shorter
#: ones ("app", "en") name sections, not one listing
_ITEM_ID_CHARS = 4


def is_below(url: str, page_url: str) -> bool:
    """True when `url` is a view of the listing at `page_url` on the same host: a sub-page (its reviews tab, a
    review filter) or another page about the same item, named by the listing URL's last segment
    ("/detail/<id>/privacy" beside "/detail/<name>/<id>": the store's privacy-practices tab)."""
    link, page = parse_url(url), parse_url(page_url)
    if link is None or page is None or link.netloc.lower() != page.netloc.lower():
        return False
    base = page.path.rstrip("/")
    if not base or base.endswith((".html", ".htm")):
        return False
    if link.path.startswith(base + "/") or (link.path.rstrip("/") == base and bool(link.query)):
        return True
    item = base.rsplit("/", 1)[-1]
    segments = link.path.strip("/").split("/")
    return len(item) >= _ITEM_ID_CHARS and item in segments[:-1] and link.path.rstrip("/") != base


def role_by_text(text: str | None) -> str | None:
    """The role a link's visible text gives it ("Datenschutzerklärung" -> privacy).

    A call to action is not a contact or website link ("Contact sales", "Visit site to buy"), but a document it
    names still is ("Installation guide").
    """
    role = _named_role(text)
    if role in ("support", "website") and is_call_to_action(text):
        return None
    return role


def role_of(text: str, url: str) -> str | None:
    """The role a vendor link plays, judged by its text first and its URL second.

    A call to action ("Install app", "Kostenlos installieren") or a store action ("Report", "Learn more") is
    never a docs or policy link, whatever its URL says.
    """
    by_text = role_by_text(text)
    if by_text:
        return by_text
    if is_call_to_action(text) or is_store_action(text):
        return None
    return role_by_url(url)


def is_call_to_action(text: str | None) -> bool:
    """True for a short call to action in any vocabulary language ("Install", "Jetzt kaufen", "無料で試す")."""
    return bool(text) and len(text) <= 60 and words("cta").found(text)  # type: ignore[arg-type]


def is_store_action(text: str | None) -> bool:
    """True for a store's own action or explanation in the listing body ("Report abuse", "See all reviews")."""
    return bool(text) and len(text) <= 60 and words("store_actions").found(text)  # type: ignore[arg-type]


def is_chrome_name(class_and_id: str) -> bool:
    """True when class/id names mark an element as generic page furniture (header, footer, cookie banner)."""
    return bool(CHROME_CLASS.search(class_and_id))


def is_chrome_element(tag: str, attrs: dict[str, object], inside_content: bool) -> bool:
    """True when an element is the store's chrome, by its role and position.

    `<header>`, `<footer>`, `<nav>` and the banner, contentinfo, navigation and search roles are chrome only
    outside the main content (a review's `<footer>` is not); breadcrumbs and cookie banners are chrome
    anywhere. The caller never asks about an element that holds the listing's title: that is content.
    """
    names = f"{_flat(attrs.get('class'))} {attrs.get('id') or ''}"
    if is_chrome_name(names) or _BREADCRUMB.search(str(attrs.get("aria-label") or "")):
        return True
    if inside_content:
        return False
    if str(attrs.get("id") or "").lower() in _CHROME_IDS:
        return True
    return tag in CHROME_TAGS or str(attrs.get("role") or "") in CHROME_ROLES


def _flat(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return str(value or "")


def _title_path(tree: LexborHTMLParser) -> set[int]:
    """The mem_ids of the first <h1> and its ancestors: an element among them holds the listing's title."""
    h1 = tree.css_first("h1")
    path: set[int] = set()
    node = h1
    while node is not None:
        path.add(node.mem_id)
        node = node.parent
    return path


def _in_chrome(node: LexborNode, title: set[int]) -> bool:
    chrome_tag = False
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html", "-undef"):
        attrs = parent.attributes
        if parent.mem_id not in title:
            if is_chrome_element(parent.tag or "", dict(attrs), inside_content=True):
                return True
            if parent.tag in _MAIN_TAGS or attrs.get("role") == "main":
                return False  # a <header> or <nav> inside the main content belongs to the content
            chrome_tag = chrome_tag or is_chrome_element(parent.tag or "", dict(attrs), inside_content=False)
        elif parent.tag in _MAIN_TAGS or attrs.get("role") == "main":
            return False
        parent = parent.parent
    return chrome_tag
