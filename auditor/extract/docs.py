"""Docs and policy pages reduced to DocPage: outline, main text, steps, images, date, readability.

Runs on every crawled page, so it uses the fast lexbor parser and computes each derived value once.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from auditor.extract.dates import DATE_IN_TEXT, first_date_in, parse_date
from auditor.extract.readability import readability
from auditor.markup import parse
from auditor.model import DocPage, Heading, Image, Page
from auditor.terms import word_runs
from auditor.urls import normalise, resolve

_MAIN = "main, article, [role=main], #content, .content, #main, .main-content, .markdown-body"
_NOISE = "script, style, noscript, template, svg, nav, header, footer, aside, form"
_UPDATED = re.compile(r"(last\s+(updated|modified|reviewed)|updated|modified|effective)\s*(on|:)?\s*", re.I)
_META_DATES = ("article:modified_time", "og:updated_time", "last-modified", "dc.date.modified",
               "article:published_time", "date")
#: below this many words readability formulas are noise, so they are not computed
MIN_WORDS_FOR_READABILITY = 30
#: readability is an average over sentences: the first this-many words estimate it closely, and bound the
#: cost of syllable counting on very long reference pages (about 2 ms a page instead of 7 ms at 3,500 words)
READABILITY_SAMPLE_WORDS = 1000


def extract_doc(page: Page, role: str | None = None) -> DocPage:
    """The DocPage of a fetched page (`page.html` must be set)."""
    tree = parse(page.html)
    base = page.final_url or page.url
    title_node = tree.css_first("title")
    title = _clean(title_node.text()) if title_node else ""
    updated = _meta_date(tree)
    main = _main_content(tree)
    text = _clean(main.text(separator=" ")) if main else ""
    tokens = text.lower().split()  # lower-casing never makes or removes a space: the same count as text.split()
    words = len(tokens)
    final_url = normalise(page.final_url) if page.final_url and normalise(page.final_url) != page.url else None
    doc = DocPage(url=page.url, kind="policy" if page.kind == "policy" else "docs", final_url=final_url, title=title,
                  text=text, word_count=words, role=role, word_runs=word_runs(tokens))
    if main is None:
        return doc
    doc.headings = [Heading(int(h.tag[1]), _clean(h.text())) for h in main.css("h1, h2, h3, h4, h5, h6") if h.tag]
    doc.steps = [_clean(li.text()) for li in main.css("ol > li") if _clean(li.text())]
    doc.images = [_image(img, base) for img in main.css("img") if img.attributes.get("src")]
    doc.links = [resolve(base, a.attributes.get("href") or "") for a in main.css("a[href]")]
    doc.updated = updated or _updated_in(main)
    doc.dates = _dates_in(main, text)
    if words >= MIN_WORDS_FOR_READABILITY:
        sample = text if words <= READABILITY_SAMPLE_WORDS else " ".join(text.split()[:READABILITY_SAMPLE_WORDS])
        grade, ease = readability(sample)
        doc.reading_grade, doc.reading_ease = round(grade, 1), round(ease, 1)
    return doc


def _main_content(tree: LexborHTMLParser) -> LexborNode | None:
    main = tree.css_first(_MAIN) or tree.body
    if main is None:
        return None
    for node in main.css(_NOISE):
        node.decompose()
    return main


def _meta_date(tree: LexborHTMLParser) -> str | None:
    for meta in tree.css("meta[content]"):
        key = (meta.attributes.get("property") or meta.attributes.get("name")
               or meta.attributes.get("itemprop") or "").lower()
        if key in _META_DATES or key == "datemodified":
            parsed = parse_date(meta.attributes.get("content"))
            if parsed:
                return parsed
    return None


def _updated_in(main: LexborNode) -> str | None:
    for time_tag in main.css("time[datetime]"):
        context = _clean((time_tag.parent.text() if time_tag.parent else "") or "")
        if _UPDATED.search(context):
            return parse_date(time_tag.attributes.get("datetime"))
    for match in _UPDATED.finditer(main.text(separator=" ")):
        found = first_date_in(main.text(separator=" ")[match.end(): match.end() + 40])
        if found:
            return found
    return None


def _dates_in(main: LexborNode, text: str) -> list[str]:
    found = {parse_date(t.attributes.get("datetime")) for t in main.css("time[datetime]")}
    found |= {parse_date(m.group(1)) for m in DATE_IN_TEXT.finditer(text)}
    return sorted((d for d in found if d), reverse=True)


def _image(img: LexborNode, base: str) -> Image:
    attrs = img.attributes
    return Image(url=resolve(base, attrs.get("src") or ""), width=_int(attrs.get("width")),
                 height=_int(attrs.get("height")), alt=attrs.get("alt") if "alt" in attrs else None)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _clean(text: str) -> str:
    return " ".join(text.split())
