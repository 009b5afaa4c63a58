"""Every format shows the store's requirements apart from the recommendations, and the unverified apart from both."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace

from bs4 import BeautifulSoup

from auditor.judge.baseline import compare
from auditor.model import CategoryScore, CheckResult, Finding, Listing, Report
from auditor.report import html, junit, markdown, sarif
from auditor.serialize import to_data
from tests.report.soup import one

URL = "https://apps.example/acme"


def result(check_id: str, status: str, level: str, summary: str, score: float | None = 0.0) -> CheckResult:
    return CheckResult(check_id, "packaging", f"{check_id} title", status, score, 1.0, "medium",  # type: ignore[arg-type]
                       findings=[Finding(f"{check_id} finding", url=URL)] if status in ("fail", "warn") else [],
                       summary=summary, fix="Fix it.", level=level)  # type: ignore[arg-type]


def report(*checks: CheckResult, partial: bool = False, warnings: list[str] | None = None) -> Report:
    return Report(
        schema_version="2.0", tool_version="test", generated_at="2026-12-07T00:00:00+00:00", target=URL,
        marketplace="shopify", profile="distribution", score=70.0, verdict="needs-work", blockers=[],
        categories={"packaging": CategoryScore("packaging", "Packaging", 70.0, 30, 2, 4)}, checks=list(checks),
        top_fixes=[], pages=[], links=[], listing=Listing(url=URL, name="Acme"),
        crawl={"partial": partial, "warnings": warnings or [], "pages_fetched": 1, "pages_failed": 0,
               "pages_via_browser": 0, "links_checked": 0, "browser": None, "user_agent": "test"},
        marketplace_name="Shopify App Store")


MIXED = (result("SHOPIFY001", "fail", "requirement", "Name is 41 characters."),
         result("PKG205", "warn", "recommendation", "No demo video."),
         result("DOC101", "unverified", "recommendation", "The setup guide timed out.", None),
         result("TRU505", "not-applicable", "recommendation", "The store shows no status page.", None))


def test_html_marks_each_check_a_requirement_or_a_recommendation_and_folds_the_unverified() -> None:
    soup = BeautifulSoup(html.render(report(*MIXED)), "lxml")
    requirement, recommendation = one(soup, id="check-SHOPIFY001"), one(soup, id="check-PKG205")
    assert requirement.name == recommendation.name == "article", "checks to work on are open"
    assert "Store requirement" in one(requirement, class_="check-meta").get_text()
    assert "Recommendation" in one(recommendation, class_="check-meta").get_text()
    assert "store requirements: 0 of 1 pass" in one(soup, id="summary").get_text()
    unverified = one(soup, "details", class_="folded-unverified")
    assert "DOC101" in unverified.get_text() and "The setup guide timed out." in unverified.get_text()
    assert "DOC101" in one(soup, id="unverified").get_text()
    assert "TRU505" in one(soup, "details", class_="folded-not-applicable").get_text()


def test_markdown_lists_requirements_then_recommendations_then_the_unverified_folded() -> None:
    text = markdown.render(report(*MIXED))
    assert text.index("### Store requirements that need work (1)") < text.index("### Recommendations (1)")
    assert "Not verified (1)" in text and "**DOC101**" in text.split("Not verified (1)")[1]
    assert "SHOPIFY001" not in text.split("### Recommendations")[1].split("Not verified")[0]


def test_a_partial_notice_comes_before_the_score_in_markdown() -> None:
    text = markdown.render(report(*MIXED, partial=True, warnings=["1 check could not be verified (DOC101)."]))
    assert text.index("This audit is partial") < text.index("/100")


def test_sarif_and_junit_say_which_results_are_requirements() -> None:
    log = json.loads(sarif.render(report(*MIXED)))
    levels = {r["id"]: r["properties"]["level"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert levels == {"SHOPIFY001": "requirement", "PKG205": "recommendation"}
    suite = ET.fromstring(junit.render(report(*MIXED)))
    cases = {c.get("name", "").split()[0]: c.get("classname") for c in suite.iter("testcase")}
    assert cases["SHOPIFY001"] == "listing-audit.requirement.packaging"
    assert cases["DOC101"] == "listing-audit.recommendation.packaging"


def test_an_unverified_check_is_never_a_regression_against_a_baseline() -> None:
    before = to_data(report(result("DOC101", "pass", "recommendation", "Setup guide found.", 1.0)))
    after = report(result("DOC101", "unverified", "recommendation", "The setup guide timed out.", None))
    diff = compare(after, before)
    assert diff.regressions == [] and diff.improvements == []
    worse = compare(report(result("DOC101", "fail", "recommendation", "No setup guide.")), before)
    assert [c.id for c in worse.regressions] == ["DOC101"]


def test_a_baseline_of_another_profile_store_or_schema_says_so_beside_the_deltas() -> None:
    now = report(result("PKG205", "warn", "recommendation", "No demo video."))
    same = to_data(report(result("PKG205", "warn", "recommendation", "No demo video.")))
    assert compare(now, same).notes == []
    other = {**same, "profile": "workflow", "marketplace": "generic", "schema_version": "1.0"}
    notes = compare(now, other).notes
    assert any("profile workflow, this report with distribution" in n for n in notes)
    assert any("marketplace generic, this report with shopify" in n for n in notes)
    assert any("schema 1.0" in n and "not counted" in n for n in notes)
    assert compare(now, other).new_findings == 0, "identities of another schema are not compared"
    assert "profile workflow" in html.render(replace(now, baseline=compare(now, other)))
    assert "profile workflow" in markdown.render(replace(now, baseline=compare(now, other)))


def test_the_rating_read_is_shown_rounded_on_its_scale_with_a_plural_that_agrees() -> None:
    many = report(*MIXED)
    many.listing.rating, many.listing.rating_scale, many.listing.review_count = 3.4035086631774902, 4.0, 1214
    one = report(*MIXED)
    one.listing.rating, one.listing.review_count = 3.0, 1
    assert "3.4 of 4 from 1,214 reviews" in html.render(many)
    assert "3.0 of 5 from 1 review<" in html.render(one)


def test_a_file_target_is_code_in_markdown_and_an_empty_user_agent_is_not_shown() -> None:
    draft = report(*MIXED)
    draft.target = "/home/vendor/repo/listing.toml"
    draft.crawl["user_agent"] = ""
    assert "`/home/vendor/repo/listing.toml`" in markdown.render(draft) and "(#)" not in markdown.render(draft)
    assert "User agent" not in html.render(draft)
