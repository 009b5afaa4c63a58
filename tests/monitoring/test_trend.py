"""The trend SVGs and the two partials, rendered with the report's own Jinja environment."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from auditor.history.trends import PortfolioTrends
from auditor.judge.check import CATEGORY_TITLES
from auditor.model import AlertDelivery, CategoryScore, Listing, Monitoring, Report, TrendPoint
from auditor.report.templates import environment
from auditor.report.trend import line_chart, portfolio_trend_view, report_trend, sparkline

SVG = "{http://www.w3.org/2000/svg}"
POINTS = [TrendPoint("2026-12-01T02:00:00+00:00", 98.7, "ready"),
          TrendPoint("2026-12-02T02:00:00+00:00", None, "unavailable"),
          TrendPoint("2026-12-03T02:00:00+00:00", 83.8, "<script>alert(1)</script>"),
          TrendPoint("2026-12-04T02:00:00+00:00", 90.0, "ready")]


def test_the_line_chart_is_well_formed_script_free_and_escaped():
    svg = str(line_chart(POINTS))
    root = ET.fromstring(svg)  # well-formed XML, so the verdict text was escaped
    assert root.tag == f"{SVG}svg" and "<script" not in svg and "&lt;script&gt;" in svg
    assert len(root.findall(f"{SVG}circle")) == 3 and len(root.findall(f"{SVG}path")) == 1  # the unscored audit
    assert root.findall(f"{SVG}polyline")[0].get("points", "").count(",") == 2  # the gap splits the line
    assert "2026-12-01" in svg and "2026-12-04" in svg


def test_points_are_placed_by_time_and_scores_on_a_fixed_scale():
    root = ET.fromstring(str(sparkline([TrendPoint("2026-12-01", 100.0, ""), TrendPoint("2026-12-02", 0.0, ""),
                                        TrendPoint("2026-12-11", 50.0, "")], width=106, height=26)))
    (line,) = root.findall(f"{SVG}polyline")
    xs = [float(p.split(",")[0]) for p in line.get("points", "").split()]
    ys = [float(p.split(",")[1]) for p in line.get("points", "").split()]
    assert xs == [3.0, 13.0, 103.0] and ys == [3.0, 23.0, 13.0]


def test_one_point_draws_a_dot_and_no_line():
    root = ET.fromstring(str(line_chart(POINTS[:1])))
    assert not root.findall(f"{SVG}polyline") and len(root.findall(f"{SVG}circle")) == 1


def make_report() -> Report:
    url = "https://apps.example.com/apps/acme"
    return Report(
        schema_version="2.1", tool_version="test", generated_at="2026-12-04T02:00:00+00:00", target=url,
        marketplace="generic", profile="distribution", score=90.0, verdict="ready", blockers=[],
        categories={"trust": CategoryScore("trust", "Trust & support", 90.0, 20, 1, 1)}, checks=[], top_fixes=[],
        pages=[], links=[], listing=Listing(url=url, name="Acme"), crawl={})


def _report_with_history() -> Report:
    report = make_report()
    report.monitoring = Monitoring(
        history="/h.db", recorded=True, previous=POINTS[0], trend=[POINTS[0], POINTS[3]],
        alert=["The verdict dropped from ready to not-ready."],
        deliveries=[AlertDelivery("slack:https://hooks.slack.com/…", False, 3, 500, "HTTP 500 Internal Server Error")],
        warnings=["the alert to slack:https://hooks.slack.com/… was not delivered"])
    return report


def test_the_report_partial_shows_the_chart_the_alert_and_its_delivery():
    report = _report_with_history()
    html = environment().get_template("_trend.html.j2").render(trend=report_trend(report))
    assert '<section class="trend" id="trend"' in html and "<svg" in html and "<script" not in html
    assert "2 audits of this listing under this profile since 2026-12-01" in html
    assert "Worse than the previous audit." in html
    assert "not delivered (HTTP 500 Internal Server Error, 3 attempts)" in html


def test_the_report_partial_is_empty_without_a_history():
    assert environment().get_template("_trend.html.j2").render(trend=report_trend(make_report())).strip() == ""


def test_the_portfolio_partial_renders_each_part_from_its_context():
    trends = PortfolioTrends(listings={"acme": POINTS}, overall=[TrendPoint("2026-12-01", 70.0, ""),
                                                                  TrendPoint("2026-12-02", 65.5, "")],
                             categories={"trust": [TrendPoint("2026-12-01", 80.0, ""),
                                                   TrendPoint("2026-12-02", 60.0, "")]})
    view = portfolio_trend_view(trends, CATEGORY_TITLES)
    page = environment().from_string(
        '{% with part = "head" %}{% include "_portfolio_trend.html.j2" %}{% endwith %}'
        '{% for r in rows %}{% with part = "cell", row = r %}{% include "_portfolio_trend.html.j2" %}{% endwith %}'
        '{% endfor %}{% with part = "section" %}{% include "_portfolio_trend.html.j2" %}{% endwith %}')
    html = page.render(trends=view, rows=[{"key": "acme"}, {"key": "unknown"}])
    assert html.count("</th>") == 1 + 5 and html.count('<td class="trend-col">') == 2
    assert html.count("trend-sparkline") == 1 + 2  # acme's row, then the overall and trust lines
    assert "Overall score" in html and "Trust &amp; support" in html and "-20.0" in html and "-4.5" in html
    assert "over the last 2 runs" in html
    assert page.render(trends=None, rows=[{"key": "acme"}]).strip() == ""


def test_the_full_report_shows_the_history_chart_in_its_summary_only_when_there_is_one():
    from auditor.report.html import render

    crawl = {"warnings": [], "partial": False, "pages_fetched": 1, "pages_failed": 0, "pages_via_browser": 0,
             "links_checked": 0, "browser": None, "user_agent": "listing-audit"}
    report = _report_with_history()
    report.crawl = crawl
    html = render(report)
    summary = html[html.index('id="summary"'):html.index('id="checks"')]
    assert '<section class="trend" id="trend"' in summary and "<svg" in summary and "<script" not in html
    plain = make_report()
    plain.crawl = crawl
    assert 'id="trend"' not in render(plain)
