"""The fixtures' reports as a partner manager sees them in Chromium: the answer on the first screen, the detail
folded, short in print, accessible (axe-core, WCAG 2 A/AA) in light and dark, no horizontal scroll on a phone,
and nothing requested, nothing run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.report.browser import (
    PHONE,
    axe_violations,
    chromium,
    heading_levels,
    open_file,
    page_width,
    skipped_levels,
)

SITES = ("strong", "weak", "hostile")
#: the issue's bounds for the strong fixture: the page with its detail folded, and the PDF
STRONG_MAX_HEIGHT = 5_000
STRONG_MAX_PDF_PAGES = 6


@pytest.fixture(scope="module")
def reports(audit_site) -> dict[str, Path]:
    """report.html (with report.json and report.pdf beside it) of each fixture, audited through the CLI."""
    folders = {}
    for site in SITES:
        folder, result = audit_site(site, "--format", "html,json,pdf")
        assert result.code in (0, 1), result.stderr
        folders[site] = folder / "report.html"
    return folders


@pytest.fixture(scope="module")
def with_baseline(audit_site, reports) -> Path:
    """The strong listing's report against the weak one's as its baseline: a report with a change to show."""
    folder, result = audit_site("strong", "--baseline", str(reports["weak"].with_name("report.json")))
    assert result.code in (0, 1), result.stderr
    return folder / "report.html"


def first_screen_boxes(path: Path, selectors: list[str]) -> dict[str, float | None]:
    """The bottom edge (px from the top) of the first element matching each selector, at 1280 x 900; None if absent."""
    with chromium() as browser:
        page = open_file(browser, path).page
        bottoms = {s: (box["y"] + box["height"]) if (box := page.locator(s).first.bounding_box()) else None
                   for s in selectors}
    return bottoms


@pytest.mark.parametrize("site", SITES)
def test_the_first_screen_holds_the_verdict_the_score_the_category_scores_and_the_top_fixes(reports, site):
    selectors = ["header .overall .gauge", "header .verdict", "#summary .decision", "#summary .categories",
                 "#summary .fixes li:nth-child(1)", "#summary .fixes"]
    bottoms = first_screen_boxes(reports[site], selectors)
    assert all(bottom is not None and bottom <= 900 for bottom in bottoms.values()), bottoms


def test_the_weak_listings_blockers_are_on_the_first_screen(reports):
    bottoms = first_screen_boxes(reports["weak"], ["#summary .blockers", "#summary .blockers li:last-child"])
    assert all(bottom is not None and bottom <= 900 for bottom in bottoms.values()), bottoms
    with chromium() as browser:
        text = open_file(browser, reports["weak"]).page.inner_text("#summary .blockers")
    assert "TRU501" in text and "TRU503" in text


def test_what_changed_since_the_baseline_is_on_the_first_screen(with_baseline):
    bottoms = first_screen_boxes(with_baseline, ["#summary .baseline-summary"])
    assert bottoms["#summary .baseline-summary"] is not None and bottoms["#summary .baseline-summary"] <= 900
    with chromium() as browser:
        text = open_file(browser, with_baseline).page.inner_text("#summary .baseline-summary")
    assert re.search(r"Score \+\d+\.\d", text) and "improvement" in text


def test_checks_to_work_on_are_open_and_the_rest_folded_without_script(reports):
    with chromium() as browser:
        page = open_file(browser, reports["strong"]).page
        height = page.evaluate("() => document.documentElement.scrollHeight")
        open_checks = page.eval_on_selector_all("article.check", "els => els.map(e => e.className)")
        folded = page.eval_on_selector_all("details.folded", "els => els.filter(e => !e.open).length")
        scripts = page.evaluate("() => document.scripts.length")
        # the listing capture is a bounded thumbnail that opens to full size, with no script
        shot = page.locator("details.capture .shot")
        thumbnail = shot.bounding_box()
        page.click("details.capture > summary")
        full = shot.bounding_box()
    assert height <= STRONG_MAX_HEIGHT, f"the strong report is {height} px tall with its detail folded"
    assert open_checks and all("status-warn" in c or "status-fail" in c for c in open_checks)
    assert folded >= 5, "each category's passed checks are folded"
    assert scripts == 0
    assert thumbnail is not None and full is not None and thumbnail["height"] <= 360 < full["height"]


def test_the_screenshot_gallery_shows_each_images_size_alt_text_and_faults(reports):
    with chromium() as browser:
        weak = open_file(browser, reports["weak"]).page
        faulted = weak.inner_text(".gallery > li.faulted")
        strong = open_file(browser, reports["strong"]).page
        frames = strong.eval_on_selector_all(".gallery .frame", "els => els.map(e => e.getBoundingClientRect())")
        sizes = strong.eval_on_selector_all(".gallery .frame-size", "els => els.map(e => e.textContent)")
        plans = strong.eval_on_selector_all(".plans .plan", "els => els.map(e => e.innerText)")
    assert "640×400 px" in faulted and "no alt text" in faulted and "PKG204" in faulted
    assert len(frames) == 5 and sizes == ["1600×900 px"] * 5
    assert all(abs(f["width"] / f["height"] - 16 / 9) < 0.05 for f in frames), "frames keep the images' proportions"
    assert [p.split("\n")[0] for p in plans] == ["Free", "Growth", "Scale"] and "$29" in plans[1]


def test_the_gallery_crops_each_picture_out_of_the_one_embedded_capture(reports):
    """axe-core and "requests nothing" hold for these reports too: the tests below run over the same files."""
    html = reports["strong"].read_text(encoding="utf-8")
    captures = re.findall(r"data:image/jpeg;base64,[A-Za-z0-9+/=]+", html)
    assert len(captures) == 1 and html.count(captures[0]) == 1, "the capture is embedded once, whatever it shows"
    with chromium() as browser:
        opened = open_file(browser, reports["strong"])
        page = opened.page
        crops = page.eval_on_selector_all(".gallery svg.crop", """els => els.map(e => ({
            box: e.viewBox.baseVal && [e.viewBox.baseVal.width, e.viewBox.baseVal.height],
            use: e.querySelector('use').getAttribute('href'), label: e.getAttribute('aria-label'),
            shown: e.getBoundingClientRect().width}))""")
        pictures = [page.locator(".gallery svg.crop").nth(i).screenshot() for i in range(2)]
    # the strong fixture's cookie banner covers its third screenshot in the capture: that one keeps its frame
    assert len(crops) >= 4, crops
    assert all(c["box"][0] > 48 and c["box"][1] > 48 and c["use"] == "#listing-capture" and c["shown"] > 100
               and c["label"].startswith("Screenshot ") for c in crops), crops
    assert pictures[0] != pictures[1], "two screenshots crop two different pictures"
    assert opened.requests == [reports["strong"].as_uri()]


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation(reports, site, scheme):
    with chromium() as browser:
        assert axe_violations(browser, reports[site], scheme) == {}


@pytest.mark.parametrize("site", SITES)
def test_no_horizontal_scroll_on_a_phone_and_headings_in_order(reports, site):
    with chromium() as browser:
        assert page_width(browser, reports[site], PHONE) <= PHONE["width"]
        levels = heading_levels(open_file(browser, reports[site]).page)
    assert levels[0] == 1 and levels.count(1) == 1 and skipped_levels(levels) == []


def test_dark_mode_follows_the_system_setting(reports):
    with chromium() as browser:
        light = open_file(browser, reports["strong"]).page.evaluate("getComputedStyle(document.body).backgroundColor")
        dark = open_file(browser, reports["strong"], scheme="dark").page.evaluate(
            "getComputedStyle(document.body).backgroundColor")
    brightness = [sum(map(int, re.findall(r"\d+", color)[:3])) for color in (light, dark)]
    assert brightness[0] > 600 and brightness[1] < 150, (light, dark)


@pytest.mark.parametrize("site", SITES)
def test_the_report_requests_nothing_and_raises_no_dialog(reports, site):
    with chromium() as browser:
        opened = open_file(browser, reports[site])
        opened.page.click("details.folded > summary")  # unfolding loads nothing either
        opened.page.wait_for_timeout(200)
    assert opened.dialogs == []
    assert opened.requests == [reports[site].as_uri()]


def test_the_pdf_starts_with_the_verdict_score_and_blockers_and_stays_short(reports):
    strong, weak = (PdfReader(str(reports[s].with_name("report.pdf"))) for s in ("strong", "weak"))
    assert len(strong.pages) <= STRONG_MAX_PDF_PAGES
    first = " ".join(weak.pages[0].extract_text().split())
    assert "Not ready" in first and re.search(r"\b20\b", first), first[:300]
    assert "Blockers" in first and "TRU501" in first and "TRU503" in first
    assert "Ready: 99/100" in " ".join(strong.pages[0].extract_text().split())
    numbers = [" ".join(p.extract_text().split()) for p in strong.pages]
    assert all(f"Page {i} of {len(strong.pages)}" in text for i, text in enumerate(numbers, 1))
