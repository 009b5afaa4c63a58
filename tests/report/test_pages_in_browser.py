"""The portfolio and compare pages get the report's treatment in Chromium: axe-core finds no serious or critical
WCAG 2 A/AA violation in light or dark, no horizontal scroll at 375 px, headings in order, nothing requested."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.compare import build
from auditor.portfolio.build import build_portfolio
from auditor.portfolio.listings import ListingEntry
from auditor.portfolio.rows import row_from_report
from auditor.report import compare_html
from auditor.report.portfolio import render_html
from tests.report.browser import PHONE, axe_violations, chromium, heading_levels, open_file, page_width, skipped_levels

SITES = ("strong", "weak", "hostile")


@pytest.fixture(scope="module")
def pages(audit_site, tmp_path_factory) -> dict[str, Path]:
    """portfolio.html of the three fixtures' reports, and compare.html of the same three."""
    reports = {}
    for site in SITES:
        folder, result = audit_site(site, "--format", "html,json,pdf")
        assert result.code in (0, 1), result.stderr
        reports[site] = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    rows = [row_from_report(ListingEntry(line=line, target=r["target"], owner="ann"), r, f"listings/{site}/report.html")
            for line, (site, r) in enumerate(reports.items(), 2)]
    out = tmp_path_factory.mktemp("pages")
    (out / "portfolio.html").write_text(render_html(build_portfolio(rows)), encoding="utf-8")
    comparison = build(list(reports.values()), [f"{site}.json" for site in SITES])
    (out / "compare.html").write_text(compare_html.render(comparison), encoding="utf-8")
    return {"portfolio": out / "portfolio.html", "compare": out / "compare.html"}


@pytest.mark.parametrize("name", ["portfolio", "compare"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation(pages, name, scheme):
    with chromium() as browser:
        assert axe_violations(browser, pages[name], scheme) == {}


@pytest.mark.parametrize("name", ["portfolio", "compare"])
def test_no_horizontal_scroll_on_a_phone_headings_in_order_and_nothing_requested(pages, name):
    with chromium() as browser:
        assert page_width(browser, pages[name], PHONE) <= PHONE["width"]
        opened = open_file(browser, pages[name])
        levels = heading_levels(opened.page)
        opened.page.wait_for_timeout(200)
    assert levels[0] == 1 and levels.count(1) == 1 and skipped_levels(levels) == []
    assert opened.requests == [pages[name].as_uri()] and opened.dialogs == []
