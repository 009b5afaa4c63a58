"""Nesting is bounded before any parser reads a page: deep pages keep their text and links, shallow ones are
left as they are."""

from __future__ import annotations

from auditor.extract.docs import extract_doc
from auditor.links import link_urls
from auditor.markup import HEADROOM, MAX_NESTING, bounded, nesting, parse
from auditor.model import Page

SHALLOW = ("<!DOCTYPE html><html><head><title>Set up</title></head><body><main><article><h1>Set up</h1>"
           "<p>One<p>Two<ul><li>a<li>b</ul><img src=x.png alt=''><br></article></main></body></html>")


def deep(depth: int, tag: str = "div") -> str:
    inner = '<h2>Troubleshooting</h2><p>Deep text.</p><a href="/docs/inner.html">Inner page</a>'
    return (f"<html><body><main>{f'<{tag} class=x>' * depth}{inner}{f'</{tag}>' * depth}"
            '<a href="/docs/after.html">After</a></main></body></html>')


def test_a_shallow_page_is_left_exactly_as_it_was() -> None:
    assert nesting(SHALLOW) == 5  # html, body, main, article, h1 (p, li, img, br are not counted)
    assert bounded(SHALLOW) is SHALLOW


def test_a_deep_page_is_cut_to_the_limit_and_keeps_its_text_and_links() -> None:
    html = deep(50_000)
    cut = bounded(html)
    assert MAX_NESTING <= nesting(cut) <= MAX_NESTING + HEADROOM  # the h2 and the link inside are kept
    body = parse(html).body
    assert body is not None and "Deep text." in body.text() and "Troubleshooting" in body.text()
    assert link_urls(html, "http://127.0.0.1/docs/") == ["http://127.0.0.1/docs/inner.html",
                                                        "http://127.0.0.1/docs/after.html"]


def test_mixed_deep_elements_are_closed_in_order_and_what_follows_stays_outside() -> None:
    html = "<body>" + "<section><div>" * 400 + "<p>x</p>" + "</div></section>" * 400 + "<footer>f</footer></body>"
    tree = parse(html)
    footer = tree.css_first("footer")
    assert footer is not None and footer.parent is not None and footer.parent.tag == "body"


def test_a_deep_docs_page_is_read_like_any_other() -> None:
    page = Page(url="http://127.0.0.1/docs/deep.html", kind="docs", status=200, depth=1, html=deep(20_000))
    doc = extract_doc(page)
    assert "Deep text." in doc.text and any(h.text == "Troubleshooting" for h in doc.headings)


def test_meaningful_elements_nested_without_end_are_bounded_too() -> None:
    html = "<body>" + "<ul><li>item " * 30_000 + "</body>"
    assert nesting(bounded(html)) == MAX_NESTING + HEADROOM
