"""The JS-shell test's shortcut (enough paragraph text proves a page is no shell) never changes its answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from auditor.crawl.crawler import _looks_like_js_shell

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sites"
SCRIPT = "<script>window.app = {}</script>"
LONG = "Connect your CRM account, map the fields you need and schedule the first sync from the settings page. "


def full_test(html: str, min_chars: int) -> bool:
    """The definition, without the shortcut: scripts and too little visible content text once the chrome is gone."""
    tree = LexborHTMLParser(html)
    if tree.body is None or not tree.css_first("script"):
        return False
    for node in tree.css("script, style, noscript, template, header, footer, nav, aside"):
        node.decompose()
    content = tree.css_first("main, article, [role=main]") or tree.body
    return len(" ".join(content.text(separator=" ").split())) < min_chars


CRAFTED = {
    "shell": f"<body><div id=root></div>{SCRIPT}</body>",
    "docs page": f"<body><main><h1>Setup</h1><p>{LONG}</p><p>{LONG}</p></main>{SCRIPT}</body>",
    "paragraphs only in the nav": f"<body><nav><p>{LONG * 3}</p></nav><main><div id=root></div></main>{SCRIPT}</body>",
    "paragraphs only in noscript": f"<body><main><noscript><p>{LONG * 3}</p></noscript></main>{SCRIPT}</body>",
    "main inside a header":
        f"<body><header><main><p>{LONG * 3}</p></main></header><article>Loading</article>{SCRIPT}</body>",
    "paragraphs outside main": f"<body><p>{LONG * 3}</p><main>Loading…</main>{SCRIPT}</body>",
    "text without paragraphs": f"<body><main><div>{LONG * 3}</div></main>{SCRIPT}</body>",
    "short paragraphs": f"<body><main><p>Loading</p><p>Please wait</p></main>{SCRIPT}</body>",
    "template paragraphs": f"<body><main><template><p>{LONG * 3}</p></template></main>{SCRIPT}</body>",
    "inline tags": f"<body><main><p>Open <b>Settings</b>, then<i>Integrations</i>. {LONG}</p></main>{SCRIPT}</body>",
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
@pytest.mark.parametrize("min_chars", [50, 200, 400])
def test_crafted_pages_get_the_full_tests_answer(name, min_chars):
    assert _looks_like_js_shell(CRAFTED[name], min_chars) == full_test(CRAFTED[name], min_chars)


def test_every_fixture_page_gets_the_full_tests_answer():
    pages = sorted(FIXTURES.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8", errors="replace")
        for min_chars in (200, 2000):
            assert _looks_like_js_shell(html, min_chars) == full_test(html, min_chars), (page, min_chars)


def test_the_crafted_cases_cover_both_answers():
    answers = {full_test(html, 200) for html in CRAFTED.values()}
    assert answers == {True, False}
