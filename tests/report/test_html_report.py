"""The HTML report escapes every scraped string, links only http(s) URLs, and loads nothing from outside."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from playwright.sync_api import Dialog, sync_playwright

from auditor.chromium import LAUNCH_ARGS, find_chromium
from auditor.model import CategoryScore, CheckResult, Finding, Image, Links, Listing, Page, PricingPlan, Report, Review
from auditor.report.html import CONTENT_SECURITY_POLICY, render
from tests.report.soup import attr_of, one

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(2)>{{ 7*7 }}{% raw %}'
JS_URL = "javascript:alert(document.cookie)"
DATA_URL = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="


def hostile_report() -> Report:
    """A report whose every scraped field carries a payload."""
    listing = Listing(
        url=JS_URL, name=PAYLOAD, tagline=PAYLOAD, description=PAYLOAD, developer=PAYLOAD, categories=[PAYLOAD],
        screenshots=[Image(JS_URL, 1, 1, PAYLOAD)], video=DATA_URL,
        pricing_plans=[PricingPlan(PAYLOAD, PAYLOAD)], reviews=[Review(1, "2026-01-01", PAYLOAD, PAYLOAD, PAYLOAD)],
        links=Links(docs=JS_URL, setup=DATA_URL, privacy="https://ok.example/privacy?<script>", support=PAYLOAD),
    )
    check = CheckResult("DOC101", "documentation", PAYLOAD, "fail", 0.0, 1.0, "high", True,
                        [Finding(PAYLOAD, url=JS_URL, excerpt=PAYLOAD), Finding(PAYLOAD, url=DATA_URL)],
                        PAYLOAD, PAYLOAD)
    return Report(
        schema_version="1.0", tool_version="test", generated_at="2026-01-01T00:00:00+00:00", target=JS_URL,
        marketplace="generic", profile="distribution", score=10.0, verdict="not-ready", blockers=["DOC101"],
        categories={"documentation": CategoryScore("documentation", "Documentation", 0.0, 15, 1, 1)},
        checks=[check], top_fixes=[], pages=[Page(url=JS_URL, kind="docs", depth=1, error=PAYLOAD)], links=[],
        listing=listing, crawl={"warnings": [PAYLOAD], "partial": True, "pages_fetched": 1, "pages_failed": 1,
                                "pages_via_browser": 0, "links_checked": 0, "browser": PAYLOAD, "user_agent": PAYLOAD},
        screenshot="data:text/html;base64,PHNjcmlwdD4=",
    )


def assert_inert(html: str) -> None:
    """No script, no event handler, no live javascript:/data: link, no outside resource."""
    soup = BeautifulSoup(html, "lxml")
    assert soup.find("script") is None
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), f"event handler {attr} on <{tag.name}>"
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr in ("href", "src", "action", "formaction", "srcset", "poster"):
                assert text.startswith(("https://", "http://", "data:image/", "#")), f"{attr}={text!r}"
                if attr != "href":
                    assert text.startswith("data:image/"), f"<{tag.name} {attr}> loads {text!r}"
    csp = one(soup, "meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert attr_of(csp, "content") == CONTENT_SECURITY_POLICY


def test_every_scraped_field_is_escaped_and_unsafe_urls_are_not_links():
    html = render(hostile_report())
    assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html
    assert 'href="javascript:' not in html and 'href="data:' not in html
    soup = BeautifulSoup(html, "lxml")
    shown = soup.find_all(string=re.compile("javascript:|data:text/html"))
    assert shown, "unsafe URLs are still shown, as text"
    assert all(s.parent is not None and "unsafe-url" in (s.parent.get("class") or []) for s in shown)
    assert all(attr_of(a, "href").startswith(("http://", "https://", "#")) for a in soup.find_all("a"))
    assert not soup.find_all("img"), "a non-image data: URI must not become the screenshot"


def open_in_chromium(path: Path) -> tuple[list[str], list[str]]:
    """Open a report file in Chromium; return every request it made and every dialog it raised."""
    requests: list[str] = []
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    with sync_playwright() as pw:
        choice = find_chromium(pw.chromium.executable_path)
        browser = pw.chromium.launch(executable_path=choice.executable, args=list(LAUNCH_ARGS))
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", on_dialog)
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(path.as_uri())
        page.wait_for_timeout(300)
        assert page.evaluate("() => document.scripts.length") == 0
        browser.close()
    return requests, dialogs


def test_a_hostile_report_opened_in_chromium_runs_nothing_and_requests_nothing(tmp_path, browser_available):
    path = tmp_path / "report.html"
    path.write_text(render(hostile_report()), encoding="utf-8")
    requests, dialogs = open_in_chromium(path)
    assert dialogs == []
    assert requests == [path.as_uri()]


def test_auditing_the_hostile_fixture_yields_an_inert_report(audit_site):
    folder, result = audit_site("hostile")
    assert result.code == 0, result.stderr
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert_inert(html)
    assert "{{ 7*7 }}" in BeautifulSoup(html, "lxml").get_text(), "template syntax in scraped text is kept as text"
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert "<script>" in (report["listing"]["name"] or ""), "the payload was read, so the escaping was exercised"
    requests, dialogs = open_in_chromium(folder / "report.html")
    assert dialogs == []
    assert requests == [(folder / "report.html").as_uri()]


def test_the_templates_are_compiled_once_however_many_reports_a_process_renders(monkeypatch):
    import jinja2

    compiled: list[str | None] = []
    real_compile = jinja2.Environment.compile

    def counting_compile(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return real_compile(self, source, name, *args, **kwargs)

    from auditor.report.templates import BesideTemplates, _environment

    _environment.cache_clear()
    monkeypatch.setattr(BesideTemplates, "load_bytecode", lambda self, bucket: None)  # no code compiled ahead
    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)
    first, second = render(hostile_report()), render(hostile_report())
    assert first == second and "<html" in first
    assert compiled.count("report.html.j2") == 1
