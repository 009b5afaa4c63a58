"""The operating review in the outputs: `operating_review` in portfolio.json, operating-review.csv, the partial
`_operating_review.html.j2` rendered on its own with the project's Jinja environment, and its inline SVG charts."""

from __future__ import annotations

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup

from auditor.portfolio.build import Portfolio, build_portfolio
from auditor.portfolio.metrics import METRICS, SUPPORT_COST, ListingMetrics, MetricProblem
from auditor.portfolio.rows import FixItem
from auditor.report import operating_review
from auditor.report.charts import Bar, score_bars, state_strip
from auditor.report.html import stylesheet
from auditor.report.portfolio import render_json
from auditor.report.templates import environment
from tests.portfolio.conftest import make_row
from tests.report.soup import attr_of, one

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
ROW_KEYS = {"key", "name", "target", "job", "scorecard", "origin", "owner", "score", "readiness", "metrics_score",
            "verdict", "health", "metrics", "missing_metrics", "support_cost", "reasons"}


@pytest.fixture
def portfolio() -> Portfolio:
    rows = [
        make_row("Core sync", line=2, profile="table-stakes", origin="strategic", owner="crm",
                 metrics=ListingMetrics(installs=100, active_accounts=80, support_tickets_90d=4, incidents_90d=0,
                                        maintenance_hours_90d=10.0)),
        make_row(PAYLOAD, line=3, profile="workflow", owner=None, segment=PAYLOAD,
                 metrics=ListingMetrics(installs=50, active_accounts=5, retention_90d=0.5)),
        make_row("=cmd|' /C calc'!A0", line=4, profile="distribution", origin="reactive", owner="+bo",
                 top_fixes=[FixItem("DOC101", "No setup guide", 8.0)],
                 metrics=ListingMetrics(active_accounts=3, support_tickets_90d=6, traffic_30d=40)),
        make_row("Down", line=5, profile="distribution", verdict="error", score=None, error="timeout"),
    ]
    problems = [MetricProblem("metrics.csv", 7, "installs", "metrics.csv: line 7, column installs: 'x' is not a "
                                                            f"number {PAYLOAD}")]
    return build_portfolio(rows, metric_problems=problems)


def render_partial(p: Portfolio) -> str:
    """The partial alone, as portfolio.html.j2 will include it (the context variable `operating`)."""
    return environment().get_template("_operating_review.html.j2").render(operating=operating_review.operating_view(p))


def test_the_json_has_the_operating_review_per_job(portfolio):
    data = json.loads(render_json(portfolio))["operating_review"]
    assert set(data) == {"measured", "notes", "scorecards", "jobs", "problems"} and data["measured"] is True
    assert [j["job"] for j in data["jobs"]] == ["table-stakes", "workflow", "distribution"]
    assert set(data["scorecards"]) == {"jobs", "reactive", "health"}
    rows = {r["name"]: r for job in data["jobs"] for r in job["rows"]}
    assert all(set(r) == ROW_KEYS for r in rows.values())
    core = rows["Core sync"]
    assert core["health"] in ("healthy", "at-risk", "failing") and core["missing_metrics"] == []
    assert core["support_cost"]["tickets_per_account"] == 0.05
    assert {"metric", "label", "value", "status", "points", "weight"} == set(core["metrics"][0])
    assert rows[PAYLOAD]["owner"] is None and "Nobody owns this relationship." in rows[PAYLOAD]["reasons"]
    assert rows["Down"]["verdict"] == "unscored" and rows["Down"]["health"] is None
    assert data["problems"][0]["line"] == 7 and data["problems"][0]["column"] == "installs"
    assert json.loads(render_json(portfolio))["kill_list"][0]["criteria"] == ["usage-and-support-cost"]


def test_the_csv_has_a_row_a_listing_with_every_metric_and_defused_formulas(portfolio):
    text = operating_review.render_csv(portfolio)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == operating_review.csv_columns()
    assert set(METRICS) <= set(rows[0]) and set(SUPPORT_COST) <= set(rows[0])
    assert [r["job"] for r in rows] == ["table-stakes", "workflow", "distribution", "distribution"]
    core = rows[0]
    assert core["installs"] == "100" and core["retention_90d"] == "" and core["tickets_per_account"] == "0.05"
    reactive = rows[2]
    assert reactive["name"].startswith("'=") and reactive["owner"] == "'+bo" and reactive["scorecard"] == "reactive"
    assert rows[1]["missing_metrics"] == "" and "Nobody owns this relationship." in rows[1]["reasons"]


def test_the_partial_renders_alone_with_the_jobs_side_by_side_and_escapes_everything(portfolio):
    html = render_partial(portfolio)
    soup = BeautifulSoup(html, "html.parser")
    section = soup.select_one("section#operating-review")
    assert section is not None
    assert [a.get("id") for a in soup.select(".or-jobs > article")] == \
        ["operating-table-stakes", "operating-workflow", "operating-distribution"]
    assert soup.find("script") is None and soup.find("img") is None and "<script>alert" not in html
    assert PAYLOAD in section.get_text()  # shown as text
    owner = soup.select_one(".or-noowner")
    assert owner is not None and owner.get_text() == "nobody"
    charts = soup.select("svg.or-chart")
    assert len(charts) == 6  # a health strip and a score chart per job
    for svg in charts:
        assert svg["role"] == "img" and svg.find("title") is not None and svg["aria-label"]
    assert "metrics.csv: line 7, column installs" in section.get_text()
    assert "low usage with a high support cost" in section.get_text()


def test_the_partial_renders_nothing_without_a_review_and_no_job_for_an_empty_portfolio():
    assert environment().get_template("_operating_review.html.j2").render(operating=None).strip() == ""
    empty = BeautifulSoup(render_partial(build_portfolio([])), "html.parser")
    assert empty.select_one("section#operating-review") is not None and empty.select(".or-job") == []


def test_without_numbers_the_partial_says_numbers_would_sharpen_the_lists():
    html = render_partial(build_portfolio([make_row("A", top_fixes=[FixItem("DOC101", "x", 9.0)])]))
    assert "would sharpen both" in html


def test_the_stylesheet_inlines_safely():
    css = stylesheet(operating_review.STYLESHEET)
    assert ".or-jobs" in css and "<" not in css


def test_the_charts_are_escaped_images_with_titles():
    strip = state_strip([("healthy", 2), ("failing", 1), (None, 0)], {"healthy": "Healthy", "failing": "Failing",
                                                                      None: "Not scored"}, "Health <b>")
    soup = BeautifulSoup(strip, "html.parser")
    svg = one(soup, "svg")
    assert attr_of(svg, "role") == "img"
    assert one(svg, "title").get_text().startswith("Health <b>: Healthy 2 · Failing 1")
    widths = [float(attr_of(r, "width")) for r in soup.find_all("rect")]
    assert widths == pytest.approx([320 * 2 / 3, 320 / 3], abs=0.1)
    bars = score_bars([Bar(PAYLOAD, 150.0, "healthy", 40.0, "d"), Bar("None", None, None)], "Scores")
    soup = BeautifulSoup(bars, "html.parser")
    assert soup.find("script") is None and "<script>" not in str(bars).replace("&lt;script&gt;", "")
    filled = [r for r in soup.find_all("rect") if "or-healthy" in (r.get("class") or [])]
    assert float(attr_of(filled[0], "width")) == pytest.approx(320 - 120 - 34)  # clamped to 100
    assert len(soup.find_all("line")) == 1  # one marker: the second bar has none


def test_the_text_table_names_every_listing_with_its_health_and_verdict(portfolio):
    text = operating_review.render_text(portfolio.operating_review)
    assert text.splitlines()[0].startswith("Table stakes (1 listings")
    assert "NOBODY" in text and "(reactive)" in text and "unscored" in text
