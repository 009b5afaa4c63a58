"""portfolio.html, portfolio.json and portfolio.csv: the JSON contract, the CSV formula guard, and an HTML
dashboard that escapes every scraped string, runs only its own sort script and loads nothing from outside."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Dialog, sync_playwright

from auditor.chromium import LAUNCH_ARGS, find_chromium
from auditor.portfolio.build import build_portfolio, load_previous
from auditor.portfolio.listings import RowError
from auditor.portfolio.rows import FixItem, row_from_error, row_from_report
from auditor.report.html import CONTENT_SECURITY_POLICY
from auditor.report.portfolio import (
    SORT_SCRIPT,
    csv_columns,
    render_csv,
    render_html,
    render_json,
    report_href,
    write_portfolio,
)
from tests.portfolio.conftest import make_entry, make_row
from tests.report.soup import attr_of, one

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(2)>{{ 7*7 }}'
JS_URL = "javascript:alert(document.cookie)"

TOP_KEYS = {"schema_version", "tool_version", "generated_at", "summary", "criteria", "rows", "groups", "fix_list",
            "kill_list", "deltas", "row_errors", "operating_review"}
ROW_KEYS = {"key", "line", "target", "name", "marketplace", "profile", "owner", "segment", "score", "verdict",
            "categories", "blockers", "top_fixes", "review_count", "recent_reviews", "docs_age_days", "report", "error",
            "attempts", "seconds", "scope", "metrics", "origin"}


@pytest.fixture
def portfolio(reports):
    """A portfolio of real reports, a hostile row, an error, a bad row, and a previous run to compare with."""
    rows = []
    for line, name in enumerate(("strong", "weak", "shopify", "gone"), start=2):
        entry = make_entry(reports[name]["target"], line=line, owner="ann", segment="smb")
        rows.append(row_from_report(entry, reports[name], f"listings/{entry.key}/report.html", seconds=1.5))
    hostile = make_row(PAYLOAD, target=JS_URL, line=8, owner=PAYLOAD, segment="=HYPERLINK(\"http://x\")",
                       report="javascript:alert(3)", blockers=["TRU501"], blocker_titles={"TRU501": PAYLOAD},
                       top_fixes=[FixItem("TRU501", PAYLOAD, 9.0, True)], verdict="not-ready", score=44.0)
    rows += [hostile, row_from_error(make_entry("https://down.example/app", line=9, name="Down"), "timeout", 3)]
    previous = build_portfolio([replace(rows[2], score=70.0, verdict="needs-work"), make_row("Old", line=2)],
                               generated_at="2026-10-01T00:00:00+00:00")
    return build_portfolio(rows, row_errors=[RowError(7, "line 7: unknown profile '<b>x</b>'")],
                           previous=json.loads(render_json(previous)))


# ------------------------------------------------------------ JSON


def test_the_json_is_versioned_with_the_documented_keys(portfolio):
    data = json.loads(render_json(portfolio))
    assert set(data) == TOP_KEYS and data["schema_version"] == "1.1"
    assert all(set(row) == ROW_KEYS for row in data["rows"])
    assert [r["target"] for r in data["rows"]] == [r.target for r in portfolio.rows]
    weak = data["rows"][1]
    assert weak["verdict"] == "not-ready" and weak["blockers"] == ["TRU501", "TRU503"]
    assert set(weak["categories"]) == {"documentation", "packaging", "reviews", "setup", "trust"}
    assert set(weak["top_fixes"][0]) == {"id", "title", "gain", "blocker"}
    assert data["rows"][-1]["error"] == "timeout" and data["rows"][-1]["score"] is None
    assert data["summary"] == {"listings": 6, "scored": 4, "errors": 1, "bad_rows": 1,
                               "verdict_counts": portfolio.verdict_counts, "mean_score": portfolio.mean_score,
                               "category_means": portfolio.category_means}
    assert data["criteria"]["kill"]["max_score"] == 50.0 and data["criteria"]["fix"]["max_fixes"] == 3
    assert data["row_errors"] == [{"line": 7, "message": "line 7: unknown profile '<b>x</b>'"}]
    assert [k["key"] for k in data["kill_list"]] == [portfolio.rows[1].key]
    assert data["deltas"]["listings"][portfolio.rows[2].target]["score_before"] == 70.0


def test_the_json_is_read_back_as_the_previous_run(portfolio, tmp_path):
    path = tmp_path / "portfolio.json"
    path.write_text(render_json(portfolio), encoding="utf-8")
    deltas = build_portfolio(portfolio.rows, previous=load_previous(path)).deltas
    assert deltas is not None and deltas.added == [] and deltas.removed == []
    assert all(d.score_delta in (0.0, None) and not d.verdict_changed for d in deltas.listings.values())


# ------------------------------------------------------------ CSV


def test_the_csv_has_one_flat_row_a_listing(portfolio):
    rows = list(csv.DictReader(io.StringIO(render_csv(portfolio))))
    assert list(rows[0]) == csv_columns()
    assert {"score_documentation", "score_packaging", "score_reviews", "score_setup", "score_trust"} <= set(rows[0])
    assert [r["target"] for r in rows[:4]] == [r.target for r in portfolio.rows[:4]]
    weak = rows[1]
    assert weak["blockers"] == "TRU501;TRU503" and weak["list"] == "kill" and weak["verdict"] == "not-ready"
    assert float(weak["score_trust"]) == portfolio.rows[1].categories["trust"]
    assert rows[3]["score"] == "" and rows[3]["verdict"] == "unavailable", "no score is empty, never 0"
    assert rows[2]["score_delta"] == f"{portfolio.rows[2].score - 70.0:.1f}"
    assert rows[2]["previous_verdict"] == "needs-work"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", '=HYPERLINK("http://x")'])
def test_csv_cells_that_would_run_as_formulas_get_an_apostrophe(text):
    row = make_row(text, owner=text, segment="plain -not at start")
    parsed = next(csv.DictReader(io.StringIO(render_csv(build_portfolio([row])))))
    assert parsed["name"] == "'" + text and parsed["owner"] == "'" + text
    assert parsed["segment"] == "plain -not at start"


def test_negative_numbers_are_numbers_not_formulas(portfolio):
    row = make_row("A")
    previous = json.loads(render_json(build_portfolio([replace(row, score=80.0)])))
    parsed = next(csv.DictReader(io.StringIO(render_csv(build_portfolio([row], previous=previous)))))
    assert parsed["score_delta"] == "-10.0"


# ------------------------------------------------------------ HTML


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def test_the_csp_allows_exactly_the_inline_sort_script_by_its_hash(portfolio):
    soup = soup_of(render_html(portfolio))
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and not scripts[0].get("src")
    text = scripts[0].string
    assert text == SORT_SCRIPT
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    csp = attr_of(one(soup, "meta", attrs={"http-equiv": "Content-Security-Policy"}), "content")
    assert csp == f"{CONTENT_SECURITY_POLICY}; script-src 'sha256-{digest}'"
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1]


def test_scraped_strings_are_escaped_and_unsafe_urls_are_not_links(portfolio):
    html = render_html(portfolio)
    soup = soup_of(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "{{ 7*7 }}" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html, "the bad row's message is escaped too"
    assert soup.find("img") is None and soup.find("b", string="x") is None
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag.name
        assert "src" not in tag.attrs, f"<{tag.name}> loads something"
    assert portfolio.deltas is not None
    listed = [r.target for r in portfolio.rows] + portfolio.deltas.removed  # this run's and the previous run's
    targets = {t for t in listed if t.startswith(("http://", "https://"))}
    reports = {r.report for r in portfolio.rows if r.report and not r.report.startswith("javascript")}
    for a in soup.find_all("a"):
        href = attr_of(a, "href")
        assert href.startswith("#") or href in targets or href in reports, href
    assert soup.find_all(string=lambda s: s and JS_URL in s), "the unsafe target is still shown, as text"
    assert 'href="javascript:' not in html


def test_the_dashboard_has_every_section_with_the_criteria_in_words(portfolio):
    soup = soup_of(render_html(portfolio))
    ids = {s.get("id") for s in soup.find_all("section")}
    assert ids == {"listings", "categories", "groups", "operating-review", "fix", "kill", "changes", "bad-rows",
                   "errors"}
    table = one(soup, "table", class_="sortable")
    assert len(one(table, "tbody").find_all("tr")) == len(portfolio.rows)
    kill = one(soup, id="kill").get_text(" ", strip=True)
    assert "at most 50 out of 100" in kill and "more than 365 days ago" in kill
    assert portfolio.rows[1].name in kill
    assert "at least 40 out of 100" in one(soup, id="fix").get_text(" ", strip=True)
    groups = one(soup, id="groups").get_text(" ", strip=True)
    assert "distribution" in groups and "packaging and reviews weigh most" in groups
    assert "timeout" in one(soup, id="errors").get_text() and "line 7" in one(soup, id="bad-rows").get_text()
    assert "Ready" in one(soup, class_="counts").get_text() or "ready" in one(soup, class_="counts").get_text()


def test_report_links_must_be_relative_paths():
    assert report_href("listings/acme-1234abcd/report.html") == "listings/acme-1234abcd/report.html"
    assert report_href("listings/a b/report.html") == "listings/a%20b/report.html"
    for bad in ("javascript:alert(1)", "/etc/passwd", "//evil.example/x", "https://x.example/r.html",
                "../outside/report.html", "listings/../../x", "C:\\x", None, 3):
        assert report_href(bad) is None, bad


def test_write_portfolio_writes_four_files_and_no_temporary_ones(portfolio, tmp_path):
    out = tmp_path / "out"
    paths = write_portfolio(portfolio, out)
    assert [p.name for p in paths] == ["portfolio.html", "portfolio.json", "portfolio.csv", "operating-review.csv"]
    assert sorted(p.name for p in out.iterdir()) == ["operating-review.csv", "portfolio.csv", "portfolio.html",
                                                     "portfolio.json"]
    assert json.loads((out / "portfolio.json").read_text(encoding="utf-8"))["schema_version"] == "1.1"


# ------------------------------------------------------------ in a browser


def test_the_score_header_sorts_the_table_in_chromium_and_nothing_is_requested(portfolio, tmp_path, browser_available):
    path = tmp_path / "portfolio.html"
    path.write_text(render_html(portfolio), encoding="utf-8")
    requests: list[str] = []
    dialogs: list[str] = []
    problems: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(pw.chromium.executable_path).executable,
                                     args=list(LAUNCH_ARGS))
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", on_dialog)
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(path.as_uri())

        def scores() -> list[str]:
            return page.eval_on_selector_all("table.sortable tbody tr td:nth-child(7)",
                                             "cells => cells.map(c => c.getAttribute('data-sort'))")

        before = scores()
        page.click("th[data-col=score] button")
        ascending = scores()
        page.click("th[data-col=score] button")
        descending = scores()
        sort_state = page.get_attribute("th[data-col=score]", "aria-sort")
        browser.close()
    known = sorted((float(s) for s in before if s), key=float)
    assert ascending != before
    assert [float(s) for s in ascending if s] == known and ascending[-2:] == ["", ""], "unscored listings sort last"
    assert [float(s) for s in descending if s] == known[::-1] and descending[-2:] == ["", ""]
    assert sort_state == "descending"
    assert dialogs == [] and problems == []
    assert requests == [path.as_uri()]


def test_an_empty_portfolio_still_renders_in_every_format():
    p = build_portfolio([], row_errors=[RowError(2, "line 2: no target")])
    soup = soup_of(render_html(p))
    assert "0 listings audited" in soup.get_text() and "line 2: no target" in soup.get_text()
    assert json.loads(render_json(p))["summary"]["listings"] == 0
    assert render_csv(p).splitlines() == [",".join(csv_columns())]


def test_with_a_history_each_listing_has_a_trend_cell_and_the_page_a_trends_section(portfolio):
    from dataclasses import replace

    from auditor.history.trends import PortfolioTrends
    from auditor.model import TrendPoint

    first = portfolio.rows[0]
    points = [TrendPoint("2026-12-01T02:00:00+00:00", 70.0, "needs-work"),
              TrendPoint("2026-12-02T02:00:00+00:00", 90.0, "ready")]
    trends = PortfolioTrends(listings={first.key: points}, overall=points, categories={})
    soup = soup_of(render_html(replace(portfolio, trends=trends)))
    table = one(soup, "table", class_="sortable")
    cells = table.find_all("td", class_="trend-col")
    assert len(cells) == len(portfolio.rows) and cells[0].find("svg") is not None
    assert one(soup, id="trends").find("svg") is not None and soup.find("a", href="#trends") is not None
    assert not soup_of(render_html(portfolio)).find_all(class_="trend-col")
