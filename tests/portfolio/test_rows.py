"""A portfolio row from a real report.json, from hand-edited ones with missing fields, and from an error."""

from __future__ import annotations

import re
from datetime import date, datetime

from auditor.judge.check import CATEGORY_TITLES
from auditor.portfolio.rows import FixItem, row_from_error, row_from_report
from tests.portfolio.conftest import make_entry


def check(report, check_id):
    return next(c for c in report["checks"] if c["id"] == check_id)


def days_in(message: str) -> int:
    match = re.search(r"([\d,]+) days? ago", message)  # "1,100 days ago": counts carry thousands separators
    assert match, f"no age in {message!r}"
    return int(match.group(1).replace(",", ""))


def test_a_strong_listing_becomes_a_ready_row(reports):
    report = reports["strong"]
    entry = make_entry(report["target"], owner="ann", segment="smb")
    row = row_from_report(entry, report, "listings/x/report.html", attempts=2, seconds=3.5)
    assert (row.key, row.line, row.target, row.owner, row.segment) == (entry.key, 2, report["target"], "ann", "smb")
    assert row.name == report["listing"]["name"] and row.name
    assert (row.score, row.verdict, row.profile, row.marketplace) == (report["score"], "ready", "distribution",
                                                                      "generic")
    assert row.categories == {c: report["categories"][c]["score"] for c in CATEGORY_TITLES}
    assert row.top_fixes == [FixItem(f["id"], f["title"], f["gain"], f["blocker"]) for f in report["top_fixes"]]
    assert row.blockers == [] and row.error is None and row.audited
    assert (row.report, row.attempts, row.seconds, row.scope) == ("listings/x/report.html", 2, 3.5, "listing")
    assert row.review_count == report["listing"]["review_count"] == 128
    # REV307 counts the same window over the same reviews
    assert f"{row.recent_reviews} of the" in check(report, "REV307")["summary"]
    assert row.recent_reviews is not None and row.recent_reviews > 3
    # DOC104 states the freshest page's age in words; the row computes it from the date it quotes
    assert row.docs_age_days == days_in(check(report, "DOC104")["findings"][0]["message"]) < 30


def test_a_weak_listing_has_blockers_stale_docs_and_no_recent_reviews(reports):
    report = reports["weak"]
    row = row_from_report(make_entry(report["target"], name="Given name"), report, None)
    assert row.name == "Given name", "the LISTINGS file's name wins over the page's"
    assert row.verdict == "not-ready" and row.score == report["score"] < 50
    assert row.blockers == report["blockers"] == ["TRU501", "TRU503"]
    assert row.blocker_titles == {b: check(report, b)["title"] for b in row.blockers}
    assert row.review_count == 4 and row.recent_reviews == 0
    assert row.docs_age_days == days_in(check(report, "DOC104")["findings"][0]["message"]) > 365
    assert row.top_fixes[0].blocker and row.top_fixes[0].id == "TRU501"


def test_a_store_listing_keeps_its_detected_marketplace(reports):
    report = reports["shopify"]
    row = row_from_report(make_entry(report["target"], marketplace="auto"), report, None)
    assert row.marketplace == "shopify" and row.score == report["score"]


def test_a_delisted_listing_is_unavailable_with_no_score(reports):
    report = reports["gone"]
    assert report["verdict"] == "unavailable" and report["score"] == 0
    row = row_from_report(make_entry(report["target"]), report, None)
    assert row.verdict == "unavailable" and row.score is None and not row.audited
    assert row.scope == "listing" and row.categories == dict.fromkeys(CATEGORY_TITLES)


def test_a_draft_and_a_docs_folder_are_told_apart_from_live_listings(reports):
    draft = row_from_report(make_entry(reports["draft"]["target"]), reports["draft"], None)
    docs = row_from_report(make_entry(reports["docs"]["target"]), reports["docs"], None)
    assert (draft.scope, docs.scope) == ("draft", "docs")
    assert draft.categories["reviews"] is None and docs.categories["packaging"] is None
    assert draft.review_count is None and draft.recent_reviews is None


def test_missing_and_malformed_fields_become_none_never_zero():
    report = {"verdict": "needs-work", "score": True, "categories": {"documentation": {"score": "high"}},
              "top_fixes": [{"id": "X1"}, {"title": "no id", "gain": 2}, {"id": "X2", "gain": 1.5}],
              "blockers": ["X2", 7], "listing": None, "checks": "nope"}
    row = row_from_report(make_entry(), report, None)
    assert row.score is None and row.verdict == "needs-work"
    assert row.categories == dict.fromkeys(CATEGORY_TITLES)
    assert row.top_fixes == [FixItem("X2", "X2", 1.5)]
    assert row.blockers == ["X2"] and row.blocker_titles == {"X2": "X2"}
    assert (row.name, row.review_count, row.recent_reviews, row.docs_age_days) == (None, None, None, None)
    assert row.marketplace == "auto" and row.profile is None


def test_a_report_with_an_unknown_verdict_becomes_an_error_row():
    row = row_from_report(make_entry(), {"verdict": "great", "score": 99}, None)
    assert row.verdict == "error" and row.score is None and "'great'" in (row.error or "") and not row.audited


def test_review_counts_and_velocity_from_hand_edited_reviews():
    generated = datetime(2026, 6, 30, 12, 0).isoformat()
    reviews = [{"date": "2026-06-01"}, {"date": "April 2, 2026"}, {"date": "2026-03-31"}, {"date": None},
               {"date": "2027-01-01"}, {"text": "undated"}]
    base = {"verdict": "needs-work", "score": 70, "generated_at": generated}
    row = row_from_report(make_entry(), {**base, "listing": {"review_count": None, "reviews": reviews}}, None)
    # 29 days, 89 days (written out) and a future date are recent; 91 days is not
    assert row.recent_reviews == 3
    assert row.review_count == len(reviews), "no count shown: the reviews on the page are the count"
    undated = row_from_report(make_entry(), {**base, "listing": {"review_count": 0, "reviews": [{"text": "x"}]}}, None)
    assert undated.recent_reviews is None and undated.review_count == 0
    no_date = row_from_report(make_entry(), {"verdict": "needs-work", "listing": {"reviews": reviews}}, None)
    assert no_date.recent_reviews is None, "no audit date, no window"


def test_docs_age_is_the_freshest_date_quoted_by_doc104_or_doc110():
    def report(*checks):
        return {"verdict": "needs-work", "score": 50, "generated_at": "2026-06-30T00:00:00+00:00",
                "checks": list(checks)}

    doc104 = {"id": "DOC104", "findings": [{"excerpt": "2025-06-30"}, {"excerpt": "2024-01-01"}]}
    doc110 = {"id": "DOC110", "findings": [{"excerpt": "2026-06-20"}]}
    other = {"id": "PKG201", "findings": [{"excerpt": "2026-06-29"}]}
    assert row_from_report(make_entry(), report(doc104, other), None).docs_age_days == 365
    assert row_from_report(make_entry(), report(doc104, doc110), None).docs_age_days == 10
    undated = {"id": "DOC104", "findings": [{"message": "No page states when it was last updated", "excerpt": None}]}
    assert row_from_report(make_entry(), report(undated), None).docs_age_days is None
    future = {"id": "DOC104", "findings": [{"excerpt": "2026-07-09"}]}
    assert row_from_report(make_entry(), report(future), None).docs_age_days == 0
    assert (date(2026, 6, 30) - date(2025, 6, 30)).days == 365


def test_an_error_row_keeps_the_entry_and_the_error():
    entry = make_entry(name="Acme", profile=None, owner="ann", marketplace="hubspot")
    row = row_from_error(entry, "target unreachable: connection refused", attempts=3, default_profile="workflow")
    assert (row.key, row.name, row.owner, row.marketplace) == (entry.key, "Acme", "ann", "hubspot")
    assert row.profile == "workflow", "no profile on the row: the batch's default"
    assert row.verdict == "error" and row.score is None and not row.audited
    assert row.error == "target unreachable: connection refused" and row.attempts == 3
    assert row.categories == dict.fromkeys(CATEGORY_TITLES) and row.top_fixes == [] and row.report is None
    own_profile = row_from_error(make_entry(profile="table-stakes"), "x", 1, default_profile="workflow")
    assert own_profile.profile == "table-stakes"
