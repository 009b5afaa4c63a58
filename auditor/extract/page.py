"""A store page parsed once, with the store's chrome and other listings told apart from the vendor's listing.

Every reader of the extract stage (the generic extractor and the store adapters) works on a `ListingPage`:
the markup is parsed once, its embedded data read once, and the page divided into three zones by role and
position, never by a store's class names:

- chrome: the store's header, footer, navigation, breadcrumbs and cookie banners (`<header>`, `<footer>`,
  `<nav>`, `role=banner|contentinfo|navigation|search`) outside the main content. A `<header>` that holds
  the listing's `<h1>` is the listing's own header, wherever it sits.
- related: sections and carousels of other listings ("More apps like this", "Related items"), found by
  their label or heading in any of the vocabulary's languages.
- content: the rest, the vendor's listing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from bs4 import BeautifulSoup, NavigableString, Tag

from auditor.extract.structured import Structured, read_structured
from auditor.links import hostname, is_chrome_element, is_chrome_name, site_of
from auditor.markup import bounded
from auditor.urls import parse_url, resolve
from auditor.vocab import words

_DROP = ("script", "style", "noscript", "template")
_HEADINGS = ("h1", "h2", "h3", "h4")
_CANONICAL = ("canonical",)
Zone = str  # "chrome" | "related" | "content"


def text_of(tag: Tag | None) -> str | None:
    """An element's visible text, whitespace collapsed; None when empty or no element."""
    if tag is None:
        return None
    text = " ".join(tag.get_text(" ", strip=True).split())
    return text or None


def label_of(tag: Tag) -> str:
    """What an element is called: its aria-label, aria-roledescription and title (not its text)."""
    parts = [tag.get("aria-label"), tag.get("aria-roledescription"), tag.get("title")]
    return " ".join(p for p in parts if isinstance(p, str)).strip()


@dataclass(frozen=True)
class Anchor:
    """A link of the page: where it points, what it says, the element and the zone it sits in."""

    url: str
    href: str
    text: str
    tag: Tag
    zone: Zone


#: past this depth a page is adversarial (tens of thousands of nested elements): the layout heuristics that look
#: around an element stop there, so reading stays linear in the page's size
MAX_DEPTH = 150


class ListingPage:
    """The page parsed once: soup, embedded data, canonical URL, title, and its zones."""

    def __init__(self, html: str, url: str) -> None:
        self.html = html
        self.url = url
        self.soup = BeautifulSoup(bounded(html), "lxml")
        self.data: Structured = read_structured(self.soup, html, url)
        self.title = text_of(self.soup.title) or ""
        self.canonical = self._canonical()
        self.lang = (self.soup.html.get("lang") if self.soup.html is not None else None) or None
        for tag in self.soup.find_all(_DROP):
            tag.decompose()
        self.h1 = self._primary_heading()
        #: ids of the title and every element that holds it
        self._title_path = {id(t) for t in ([self.h1, *self.h1.parents] if self.h1 is not None else [])}
        self.chrome: list[Tag] = []
        self.related: list[Tag] = []
        self.content = self._divide()

    # ------------------------------------------------------------ zones

    def _canonical(self) -> str | None:
        link = self.soup.find("link", rel=lambda v: bool(v) and "canonical" in (v if isinstance(v, list) else [v]))
        href = link.get("href") if isinstance(link, Tag) else None
        if not isinstance(href, str) or not href.strip():
            href = self.data.meta.get("og:url")
        return resolve(self.url, href.strip()) if isinstance(href, str) and href.strip() else None

    def _primary_heading(self) -> Tag | None:
        """The listing's title element: the first <h1> outside chrome blocks that the page's title names (a
        "Switch browsers?" banner's <h1> is not the listing's), else the first such <h1>, else the first."""
        headings = self.soup.find_all("h1")
        titles = f"{self.title} {self.data.meta.get('og:title') or ''}".casefold()
        plain = [h for h in headings if text_of(h) and
                 not any(is_chrome_name(_names(p)) for p in list(h.parents)[:MAX_DEPTH] if isinstance(p, Tag))]
        named = [h for h in plain if (text_of(h) or "").casefold() in titles]
        return next(iter(named or plain or headings), None)

    def _divide(self) -> Tag:
        body = self.soup.body or self.soup
        main = self._open_dialog(body) or body.find("main") or body.find(None, attrs={"role": "main"})
        # <main> is the content unless the title sits outside it (a hero above <main>)
        root = main if isinstance(main, Tag) and (self.h1 is None or id(main) in self._title_path) else body
        chrome = self._chrome_in(root)
        if root is not body:  # what lies outside <main> is the store's
            holding_root = {id(t) for t in [root, *root.parents]}
            chrome += [t for t in body.find_all(True, recursive=False) if id(t) not in holding_root]
        elif self.h1 is not None:  # no <main>: the store's bars are told by their position and their links
            chrome += self._positional_chrome(root)
        for tag in _outermost(chrome):
            self.chrome.append(tag.extract())
        for tag in self._related_regions(root):
            self.related.append(tag.extract())
        return root

    def _chrome_in(self, root: Tag) -> list[Tag]:
        """The chrome elements under `root` by role and position, in one pass (a parent's answer is its children's
        context: an element inside <main> or <article> is content whatever its tag)."""
        inside: dict[int, bool] = {id(root): root.name in ("main", "article") or root.get("role") == "main"}
        covered: set[int] = set()
        found = []
        for tag in root.descendants:
            if not isinstance(tag, Tag):
                continue
            parent = tag.parent
            if parent is None or id(parent) in covered:
                covered.add(id(tag))
                continue
            within = inside.get(id(parent), False)
            inside[id(tag)] = within or tag.name in ("main", "article") or tag.get("role") == "main"
            if id(tag) not in self._title_path and is_chrome_element(tag.name, dict(tag.attrs), within):
                found.append(tag)
                covered.add(id(tag))
        return found

    def _open_dialog(self, body: Tag) -> Tag | None:
        """A modal dialog that shows the listing over another page (a grid of apps): it names the page's title."""
        if self.h1 is not None:
            return None
        lead = re.split(r"\s+[-–—|·:•»]\s+", (self.data.meta.get("og:title") or self.title).strip())[0].casefold()
        for dialog in body.find_all(lambda t: t.name == "dialog" and t.has_attr("open") or
                                    str(t.get("aria-modal") or "").lower() == "true"):
            if lead and lead in (text_of(dialog) or "").casefold():
                return dialog
        return None

    def _positional_chrome(self, root: Tag) -> list[Tag]:
        """Blocks of links above the listing's title (the store's top bar, its menus, breadcrumbs), and blocks of
        links with a copyright line below it (its footer), on a page that marks neither."""
        assert self.h1 is not None
        ancestors = [p for p in self.h1.parents if isinstance(p, Tag)][:MAX_DEPTH]
        found: list[Tag] = []
        for ancestor in ancestors[1:]:
            if ancestor is root or ancestor.name == "body":
                break
            found += [s for s in ancestor.find_previous_siblings() if isinstance(s, Tag) and _link_dense(s)]
        top = next((a for a in ancestors if a.parent is root), None)
        if top is not None:
            found += [s for s in top.find_next_siblings()
                      if isinstance(s, Tag) and "©" in s.get_text() and _link_dense(s)]
            found += [s for s in top.find_previous_siblings() if isinstance(s, Tag) and _link_dense(s)]
            for mark in top.find_all(string=lambda v: "©" in v):  # a footer inside the page's wrapper
                block = mark.parent
                for _ in range(4):
                    if not isinstance(block, Tag) or id(block) in self._title_path:
                        break
                    if len(text_of(block) or "") < 1500 and _link_dense(block):
                        found.append(block)
                        break
                    block = block.parent
        return found

    def _related_regions(self, root: Tag) -> list[Tag]:
        related = words("related")
        found: list[Tag] = []
        covered: set[int] = set()
        for tag in root.descendants:
            if not isinstance(tag, Tag):
                continue
            if tag.parent is not None and id(tag.parent) in covered:
                covered.add(id(tag))
                continue
            label = label_of(tag)
            if label and len(label) <= 80 and related.found(label) and id(tag) not in self._title_path:
                found.append(tag)
                covered.add(id(tag))
        for heading in root.find_all(("h2", "h3", "h4")):
            text = text_of(heading) or ""
            if not text or len(text) > 80 or not related.found(text) or id(heading) in covered:
                continue
            region = heading
            for _ in range(12):
                parent = region.parent
                if parent is None or parent is root or not isinstance(parent, Tag) or id(parent) in self._title_path \
                        or len(parent.find_all(_HEADINGS)) != 1:
                    break
                region = parent
            if region is not heading and id(region) not in covered:
                found.append(region)
                covered.update(id(t) for t in [region, *region.descendants])
        return _outermost(found)

    def _holds_title(self, tag: Tag) -> bool:
        return id(tag) in self._title_path

    # ------------------------------------------------------------ reading

    @cached_property
    def text(self) -> str:
        """The visible text of the vendor's content (chrome and other listings left out)."""
        return text_of(self.content) or ""

    @cached_property
    def lines(self) -> list[str]:
        """The content's text as the lines of its blocks, in document order."""
        raw = self.content.get_text("\n", strip=True)
        return [" ".join(line.split()) for line in raw.split("\n") if line.strip()]

    def anchors(self) -> list[Anchor]:
        """Every http(s) and mailto link of the page, with its zone."""
        return [a for zone, root in self._zones() for a in _anchors_in(root, zone, self.url)]

    def _zones(self) -> Iterator[tuple[Zone, Tag]]:
        yield "content", self.content
        for tag in self.related:
            yield "related", tag
        for tag in self.chrome:
            yield "chrome", tag

    @cached_property
    def home(self) -> str:
        """The URL the page declares as its own (its canonical URL), else where it was fetched from: what links
        are judged against, so a saved copy is judged as the page it copies."""
        return self.canonical or self.url

    def on_store_site(self, url: str) -> bool:
        """True when `url` is on the store's own site (the registrable domain of the page's own URL)."""
        home = hostname(self.home)
        host = hostname(url)
        site = site_of(home)
        return site_of(host) == site if site else host == home

    def in_card(self, node: Tag | NavigableString) -> bool:
        """True inside another listing's card: a link that holds a picture and leads to a page shaped like this
        listing's own (`/apps/other` beside `/apps/this`, `details?id=other` beside `details?id=this`)."""
        return id(node) in self._link_index[0]

    def links_elsewhere(self, node: Tag | NavigableString) -> bool:
        """True inside a link to another page that is neither a picture nor a video (a card, a story, a banner)."""
        return id(node) in self._link_index[1]

    @cached_property
    def _link_index(self) -> tuple[set[int], set[int]]:
        """The ids of everything inside other listings' cards, and inside links to other pages: found once."""
        cards: set[int] = set()
        elsewhere: set[int] = set()
        here = self.home.split("#")[0]
        for link in self.content.find_all("a", href=True):
            href = str(link["href"]).strip()
            if not href or href.startswith(("#", "mailto:", "javascript:")) or id(link) in elsewhere:
                continue
            target = resolve(self.home, href)
            if _PICTURE_OR_VIDEO.search(href) or target.split("#")[0] == here:
                continue
            inside = {id(link), *(id(d) for d in link.descendants)}
            elsewhere |= inside
            if link.find("img") is not None and self.is_sibling_listing(target):
                cards |= inside
        return cards, elsewhere

    def is_sibling_listing(self, url: str) -> bool:
        """True when `url` is another page of the store shaped like this listing's URL."""
        mine, other = parse_url(self.home), parse_url(url)
        if mine is None or other is None or not self.on_store_site(url):
            return False
        a = [s for s in mine.path.split("/") if s]
        b = [s for s in other.path.split("/") if s]
        if len(a) != len(b) or a[:-1] != b[:-1]:
            return False
        return (a[-1:] != b[-1:]) or (mine.query != other.query and bool(other.query))

    def headings(self) -> list[tuple[Tag, str, int]]:
        """The content's headings in order, as (element, text, rank): <h1>-<h6>, `role=heading`, and the titles
        pages draw with styled <div>s (a short text block that opens a block of more content)."""
        found = []
        for tag in self.content.find_all(True):
            rank = _heading_rank(tag)
            if rank is not None:
                text = text_of(tag)
                if text and len(text) <= 80:
                    found.append((tag, text, rank))
        return found

    def section_content(self, heading: Tag) -> list[Tag]:
        """What a heading introduces: its section, or (when it shares a wrapper with other headings, as in table
        layouts) the elements after it up to the next heading."""
        if heading.name not in ("h1", "h2", "h3", "h4", "h5", "h6") and heading.get("role") != "heading":
            return [heading.parent] if isinstance(heading.parent, Tag) else []
        region = self.section_of(heading)
        if region is not heading:
            return [region]
        after = []
        for sibling in heading.find_next_siblings():
            if not isinstance(sibling, Tag) or _heading_rank(sibling) is not None:
                break
            after.append(sibling)
        return after

    def section_of(self, heading: Tag) -> Tag:
        """The block a heading introduces: its highest ancestor holding no other heading of the same or a higher
        rank (a section's heading sits in a wrapper of its own, the cards follow in a sibling)."""
        rank = int(heading.name[1]) if heading.name in ("h1", "h2", "h3", "h4", "h5", "h6") else 6
        peers = [f"h{n}" for n in range(1, rank + 1)]
        region = heading
        while isinstance(region.parent, Tag) and region.parent is not self.content and region.parent.name != "body" \
                and len(region.parent.find_all(peers)) == 1:
            region = region.parent
        return region

    def labelled_value(self, is_label: Callable[[str], object]) -> Tag | None:
        """The element holding the value of a label/value pair whose label `is_label` accepts ("Developer" -> its
        value): a <dt>/<dd> pair, a <th>/<td> row, or a short label element followed by a sibling."""
        for tag in self.content.find_all(["dt", "th", "span", "div", "p", "h2", "h3", "h4", "strong", "label"]):
            own = short_text(tag) or ""
            if not own or len(own) > 40 or not is_label(own):
                continue
            if tag.find(["ul", "dl", "table", "li"]):
                continue
            sibling = tag.find_next_sibling()
            if isinstance(sibling, Tag) and text_of(sibling):
                return sibling
        return None


_PICTURE_OR_VIDEO = re.compile(r"\.(?:png|jpe?g|gif|webp|avif)(?:$|\?)|"
                               r"youtube\.com|youtu\.be|vimeo\.com|wistia|loom\.com", re.I)


def _outermost(tags: list[Tag]) -> list[Tag]:
    """The tags that no other tag of the list holds (extracting those takes their inner ones along)."""
    ids = {id(t) for t in tags}
    return [t for t in tags if not any(id(p) in ids for p in list(t.parents)[:MAX_DEPTH])]


_INLINE = frozenset({"span", "strong", "b", "em", "i", "small", "abbr", "br", "img", "svg"})


def short_text(tag: Tag) -> str | None:
    """The text of an element that holds only text and inline elements (a label, a heading); None for a block
    that holds other blocks, read without walking its subtree."""
    for child in tag.children:
        if isinstance(child, Tag) and (child.name not in _INLINE or any(isinstance(c, Tag) for c in child.children)):
            return None
    return text_of(tag)


def _heading_rank(tag: Tag) -> int | None:
    """A heading's rank (1-6), or None when the element is not one."""
    if tag.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return int(tag.name[1])
    if tag.get("role") == "heading":
        level = str(tag.get("aria-level") or "2")
        return int(level) if level.isdigit() else 2
    if tag.name not in ("div", "p", "span", "strong", "b") or short_text(tag) is None:
        return None
    parent = tag.parent
    if not isinstance(parent, Tag) or parent.name in ("a", "button", "label", "li", "td", "th", "dd", "dt", "p"):
        return None
    # the parent's first element (its later ones are read only as far as needed: a parent may hold thousands)
    if next((child for child in parent.children if isinstance(child, Tag)), None) is not tag:
        return None
    own = text_of(tag) or ""
    if not 0 < len(own) <= 40 or own.endswith((".", ",", ";")):
        return None
    rest = 0
    for sibling in tag.next_siblings:  # enough text after it, read no further than needed
        if not isinstance(sibling, Tag):
            continue
        for piece in sibling.strings:
            rest += len(piece.strip())
            if rest >= 2 * len(own):
                return 3
    return None


def _link_dense(tag: Tag) -> bool:
    """True for a block that is mostly links (three or more, holding at least half its text): navigation."""
    links = tag.find_all("a")
    if len(links) < 3:
        return False
    total = len(text_of(tag) or "")
    linked = sum(len(text_of(a) or "") for a in links)
    return total > 0 and linked / total >= 0.5


def _names(tag: Tag) -> str:
    classes: str | list[str] = tag.get("class") or []
    return " ".join(classes if isinstance(classes, list) else [str(classes)]) + " " + str(tag.get("id") or "")


def _anchors_in(root: Tag, zone: Zone, base: str) -> Iterator[Anchor]:
    for tag in root.find_all("a", href=True):
        href = str(tag["href"]).strip()
        if href.lower().startswith("mailto:"):
            url = "mailto:" + href[7:].split("?", 1)[0].strip()
        else:
            url = resolve(base, href)
            if not url.startswith(("http://", "https://")) or parse_url(url) is None or not hostname(url):
                continue
        text = text_of(tag) or label_of(tag)
        yield Anchor(url, href, text, tag, zone)
