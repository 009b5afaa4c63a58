"""Property tests: over generated hostile HTML no extractor raises, and the rendered report stays inert."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.extract.docs import extract_doc
from auditor.extract.generic import extract_listing
from auditor.model import Page
from auditor.report import markdown
from auditor.report.html import render
from tests.report.test_html_report import assert_inert, hostile_report

PAYLOADS = [
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=", "{{ 7*7 }}", "{% for x in y %}", "</title><script>x()</script>",
    "<svg onload=alert(1)>", "<iframe srcdoc='<script>1</script>'>", "\u202e", "\x00", "]]>", "<!--", "-->",
    "&lt;script&gt;", "<math><mtext><table><mglyph><style><img src=x onerror=1>", "' onmouseover='x", "|", "@here",
    "http://x:99999/", "http://[::1", "https://a.example:abc/x", "//[bad/", "https://x.example/?utm_source=a&sid=1",
]
TAGS = ["div", "p", "a", "img", "h1", "h2", "h4", "ol", "li", "main", "header", "footer", "nav", "section", "table",
        "script", "style", "time", "meta", "iframe", "article", "aside", "dl", "dt", "dd", "span"]
ATTRS = ["href", "src", "alt", "class", "itemprop", "content", "datetime", "onerror", "style", "width", "height", "id"]

text = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=30))
attribute = st.tuples(st.sampled_from(ATTRS), text).map(lambda kv: f' {kv[0]}="{kv[1]}"')


@st.composite
def html_fragment(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = "".join(draw(st.lists(attribute, max_size=3)))
    children = draw(st.lists(html_fragment(depth + 1) if depth < 4 else text, max_size=4))
    closed = draw(st.booleans())  # malformed HTML: unclosed tags too
    return f"<{tag}{attrs}>{''.join(children)}" + (f"</{tag}>" if closed else "")


documents = st.lists(st.one_of(html_fragment(), text), min_size=1, max_size=6).map(
    lambda parts: "<!doctype html><html><head><title>" + parts[0][:40] + "</title>"
    '<script type="application/ld+json">{"@type":"SoftwareApplication","name":"' + parts[0][:20].replace('"', "")
    + '"}</script></head><body>' + "".join(parts) + "</body></html>")

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(documents)
def test_extractors_never_raise_on_hostile_html(html: str) -> None:
    listing = extract_listing(html, "https://store.example/apps/x")
    assert listing.rating is None or 0 <= listing.rating <= 5
    doc = extract_doc(Page(url="https://docs.example/a", kind="docs", depth=1, status=200, html=html))
    assert doc.word_count >= 0


@FAST
@given(documents)
def test_a_report_of_extracted_hostile_content_is_inert(html: str) -> None:
    listing = extract_listing(html, "https://store.example/apps/x")
    report = replace(hostile_report(), listing=listing)
    html = render(report)
    assert_inert(html)
    assert "{{ 7*7 }}" in html, "the payload in the crawl warnings is kept as text, not evaluated"
    ours = re.sub(r"</?(sub|details|summary)>", "", markdown.render(report))  # the summary's own few tags
    assert re.search(r"(?<!\\)<", ours) is None, "every < of scraped text is escaped in Markdown"


def test_deeply_nested_html_is_read_without_recursion_errors():
    html = ("<html><body><main>" + "<div>" * 20_000
            + '<h1>Deep</h1><a href="https://v.example/privacy">Privacy policy</a><p>deep text here</p>'
            + "</div>" * 20_000 + "</main></body></html>")
    assert extract_listing(html, "https://s.example/a").links.privacy == "https://v.example/privacy"
    assert extract_doc(Page(url="https://d.example/a", kind="docs", depth=1, status=200, html=html)).word_count == 6
