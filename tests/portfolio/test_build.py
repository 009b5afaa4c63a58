"""The portfolio: counts, groups by integration job, the fix and kill lists (each criterion can both include and
exclude), deltas against a previous run, and the `[portfolio]` config table."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from auditor.errors import UsageError
from auditor.judge.scoring import PROFILE_REASONS, PROFILES
from auditor.portfolio.build import (
    FixCandidate,
    PortfolioDelta,
    build_portfolio,
    fix_candidate,
    kill_candidate,
    load_previous,
)
from auditor.portfolio.criteria import (
    FixCriteria,
    KillCriteria,
    PortfolioCriteria,
    criteria_from_mapping,
)
from auditor.portfolio.listings import RowError
from auditor.portfolio.rows import FixItem, row_from_error, row_from_report
from auditor.report.portfolio import render_json
from tests.portfolio.conftest import make_entry, make_row

# ------------------------------------------------------------ config


def test_an_empty_table_gives_the_documented_defaults():
    criteria = criteria_from_mapping({})
    assert criteria == PortfolioCriteria()
    assert criteria.fix == FixCriteria(min_score=40.0, max_fixes=3, min_gain=5.0, max_listings=20)
    assert criteria.kill == KillCriteria(max_score=50.0, max_reviews=10, max_recent_reviews=2, stale_docs_days=365,
                                         unknown_reviews_are_few=True)


def test_every_key_can_be_set():
    criteria = criteria_from_mapping({
        "fix": {"min_score": 30, "max_fixes": 5, "min_gain": 2.5, "max_listings": 0},
        "kill": {"max_score": 45.5, "max_reviews": 3, "max_recent_reviews": 0, "stale_docs_days": 730,
                 "unknown_reviews_are_few": False},
    })
    assert criteria.fix == FixCriteria(30.0, 5, 2.5, 0)
    assert isinstance(criteria.fix.min_score, float)
    assert criteria.kill == KillCriteria(45.5, 3, 0, 730, False)


@pytest.mark.parametrize(("data", "message"), [
    ({"kill": {"max_scor": 50}}, "portfolio.kill.max_scor: unknown key"),
    ({"fixes": {}}, "portfolio.fixes: unknown key (known: fix, kill, scorecards)"),
    ({"fix": {"max_fixes": "three"}}, "portfolio.fix.max_fixes: expected an integer, got 'three'"),
    ({"fix": {"max_fixes": 2.5}}, "portfolio.fix.max_fixes: expected an integer, got 2.5"),
    ({"fix": {"min_score": True}}, "portfolio.fix.min_score: expected a number, got True"),
    ({"fix": {"min_score": 101}}, "portfolio.fix.min_score: expected from 0 to 100, got 101"),
    ({"fix": {"max_fixes": 0}}, "portfolio.fix.max_fixes: expected at least 1, got 0"),
    ({"kill": {"max_reviews": -1}}, "portfolio.kill.max_reviews: expected at least 0, got -1"),
    ({"kill": {"unknown_reviews_are_few": "yes"}}, "portfolio.kill.unknown_reviews_are_few: expected true or false"),
    ({"kill": [1]}, "portfolio.kill: expected a table"),
])
def test_a_bad_key_or_value_is_a_usage_error_naming_it(data, message):
    with pytest.raises(UsageError) as caught:
        criteria_from_mapping(data)
    assert str(caught.value).startswith(message)


def test_the_criteria_are_described_with_the_values_in_force():
    fix = FixCriteria(min_score=33, max_fixes=4, min_gain=7.5, max_listings=0)
    assert "at least 33 out of 100" in " ".join(fix.describe()) and "top 4 fixes" in " ".join(fix.describe())
    assert "7.5 points" in " ".join(fix.describe()) and "all are listed" in fix.ranking()
    kill = KillCriteria(max_score=42, max_reviews=6, max_recent_reviews=1, stale_docs_days=400)
    words = " ".join(kill.describe())
    assert all(s in words for s in ("at most 42 out of 100", "at most 6 reviews", "at most 1 of the", "400 days"))
    assert "count as low" in kill.unknown_rule()
    assert "never listed" in replace(kill, unknown_reviews_are_few=False).unknown_rule()


# ------------------------------------------------------------ statistics and groups


def test_counts_means_and_groups_by_profile():
    rows = [make_row("A", score=90.0, verdict="ready", profile="workflow", line=2),
            make_row("B", score=60.0, profile="workflow", line=3),
            make_row("C", score=40.0, verdict="not-ready", profile="distribution", line=4,
                     categories={"documentation": 10.0, "packaging": None, "reviews": 20.0, "setup": 30.0,
                                 "trust": 40.0}),
            row_from_error(make_entry("https://x.example/d", line=5), "boom", 2),
            make_row("E", score=None, verdict="unavailable", profile="workflow", line=6)]
    p = build_portfolio(rows, generated_at="2026-11-27T00:00:00+00:00")
    assert p.generated_at == "2026-11-27T00:00:00+00:00"
    assert p.verdict_counts == {"ready": 1, "needs-work": 1, "not-ready": 1, "unavailable": 1, "error": 1}
    assert p.mean_score == round((90 + 60 + 40) / 3, 1)
    assert p.category_means["documentation"] == 50.0 and p.category_means["packaging"] == 70.0
    assert [g.profile for g in p.groups] == ["workflow", "distribution", None]
    workflow = p.groups[0]
    assert workflow.reason == PROFILE_REASONS["workflow"] and workflow.weights == dict(PROFILES["workflow"])
    assert (workflow.count, workflow.median_score) == (3, 75.0)
    assert workflow.keys == [rows[0].key, rows[1].key, rows[4].key]
    assert workflow.verdict_counts["unavailable"] == 1 and workflow.category_means["setup"] == 70.0
    assert p.groups[1].median_score == 40.0 and p.groups[1].category_means["packaging"] is None
    assert p.groups[2].median_score is None and p.groups[2].verdict_counts["error"] == 1


# ------------------------------------------------------------ fix list


BLOCKED: dict[str, Any] = {"verdict": "not-ready", "blockers": ["TRU501"],
           "top_fixes": [FixItem("TRU501", "No privacy policy", 1.0, blocker=True), FixItem("PKG201", "Name", 6.0),
                         FixItem("DOC101", "Setup guide", 3.0), FixItem("SET401", "Install", 2.0)]}


def listed(row, criteria: FixCriteria) -> FixCandidate:
    """The row's fix-list entry; the row must qualify."""
    candidate = fix_candidate(row, criteria)
    assert candidate is not None, "the row is not on the fix list"
    return candidate


def deltas_of(portfolio) -> PortfolioDelta:
    """The portfolio's deltas; it must have been built against a previous run."""
    assert portfolio.deltas is not None, "no deltas: no previous run"
    return portfolio.deltas


def test_the_top_fixes_are_blockers_first_and_their_gains_add_up():
    candidate = listed(make_row(score=70.0, **BLOCKED), FixCriteria())
    assert [f.id for f in candidate.fixes] == ["TRU501", "PKG201", "DOC101"]
    assert (candidate.gain, candidate.projected_score) == (10.0, 80.0)
    assert (candidate.verdict, candidate.projected_verdict) == ("not-ready", "needs-work")
    two = listed(make_row(score=70.0, **BLOCKED), FixCriteria(max_fixes=2))
    assert [f.id for f in two.fixes] == ["TRU501", "PKG201"] and two.gain == 7.0
    capped = listed(make_row(score=97.0, verdict="needs-work", top_fixes=[FixItem("A", "a", 6.0)]), FixCriteria())
    assert capped.projected_score == 100.0 and capped.projected_verdict == "ready"


def test_min_score_includes_and_excludes():
    row = make_row(score=45.0, verdict="not-ready")
    assert fix_candidate(row, FixCriteria(min_score=45)) is not None
    assert fix_candidate(row, FixCriteria(min_score=45.1)) is None


def test_min_gain_includes_and_excludes_unless_the_verdict_lifts():
    row = make_row(score=70.0)  # gains 4 + 3 = 7, and 77 is still needs-work
    assert fix_candidate(row, FixCriteria(min_gain=7)) is not None
    assert fix_candidate(row, FixCriteria(min_gain=7.1)) is None
    blocked = make_row(score=70.0, **{**BLOCKED, "top_fixes": [FixItem("TRU501", "No privacy policy", 0.5, True)]})
    lifted = fix_candidate(blocked, FixCriteria(min_gain=50))
    assert lifted is not None and lifted.projected_verdict == "needs-work", "clearing a blocker is worth it"
    almost = make_row(score=83.0, top_fixes=[FixItem("A", "a", 2.0)])
    assert listed(almost, FixCriteria(min_gain=50)).projected_verdict == "ready"


def test_ready_error_unavailable_and_fixless_listings_are_never_on_the_fix_list():
    criteria = FixCriteria(min_score=0, min_gain=0)
    assert fix_candidate(make_row(score=90.0, verdict="ready"), criteria) is None
    assert fix_candidate(row_from_error(make_entry(), "boom", 1), criteria) is None
    assert fix_candidate(make_row(score=None, verdict="unavailable"), criteria) is None
    assert fix_candidate(make_row(top_fixes=[]), criteria) is None


def test_the_fix_list_is_ranked_by_gain_and_cut_at_max_listings():
    rows = [make_row("Small", score=70.0, top_fixes=[FixItem("A", "a", 5.0)], line=2),
            make_row("Big", score=50.0, top_fixes=[FixItem("A", "a", 9.0), FixItem("B", "b", 4.0)], line=3),
            make_row("Mid", score=60.0, top_fixes=[FixItem("A", "a", 8.0)], line=4)]
    p = build_portfolio(rows, PortfolioCriteria(fix=FixCriteria(max_listings=0)))
    assert [c.name for c in p.fix_list] == ["Big", "Mid", "Small"]
    cut = build_portfolio(rows, PortfolioCriteria(fix=FixCriteria(max_listings=2)))
    assert [c.name for c in cut.fix_list] == ["Big", "Mid"]


# ------------------------------------------------------------ kill list


def dead(**fields):
    """A live listing on which every kill criterion holds by default."""
    values = {"score": 30.0, "verdict": "not-ready", "review_count": 3, "recent_reviews": 0, "docs_age_days": 900}
    return make_row("Dead", **{**values, **fields})


def test_a_listing_meeting_every_criterion_is_listed_with_a_reason_each():
    candidate = kill_candidate(dead(), KillCriteria())
    assert candidate is not None and candidate.score == 30.0
    assert candidate.reasons == ["Score 30 is at most 50.", "3 reviews in all, at most 10.",
                                 "0 reviews shown from the last 90 days, at most 2.",
                                 "The freshest docs are 900 days old, over 365."]


@pytest.mark.parametrize(("field", "low", "high", "criteria"), [
    ("score", 50.0, 50.1, KillCriteria(max_score=50)),
    ("review_count", 10, 11, KillCriteria(max_reviews=10)),
    ("recent_reviews", 2, 3, KillCriteria(max_recent_reviews=2)),
    ("docs_age_days", 366, 365, KillCriteria(stale_docs_days=365)),
])
def test_each_kill_criterion_includes_and_excludes(field, low, high, criteria):
    assert kill_candidate(dead(**{field: low}), criteria) is not None
    assert kill_candidate(dead(**{field: high}), criteria) is None


def test_unknown_reviews_count_as_few_only_when_configured():
    unknown = dead(review_count=None, recent_reviews=None)
    listed = kill_candidate(unknown, KillCriteria(unknown_reviews_are_few=True))
    assert listed is not None and "No review count is shown (counted as few)." in listed.reasons
    assert kill_candidate(unknown, KillCriteria(unknown_reviews_are_few=False)) is None
    # no dated review, but only 1 review in all: the velocity is known to be low
    one = kill_candidate(dead(review_count=1, recent_reviews=None), KillCriteria(unknown_reviews_are_few=False))
    assert one is not None and "1 reviews in all, so at most that many" in one.reasons[2]
    many = dead(review_count=5, recent_reviews=None)
    assert kill_candidate(many, KillCriteria(unknown_reviews_are_few=False)) is None


def test_undated_or_missing_docs_count_as_stale():
    candidate = kill_candidate(dead(docs_age_days=None), KillCriteria(stale_docs_days=100_000))
    assert candidate is not None and "No docs page states when it was updated" in candidate.reasons[3]


def test_drafts_docs_folders_errors_and_delisted_listings_are_never_killed():
    assert kill_candidate(dead(scope="draft"), KillCriteria()) is None
    assert kill_candidate(dead(scope="docs"), KillCriteria()) is None
    assert kill_candidate(dead(score=None, verdict="unavailable"), KillCriteria()) is None
    assert kill_candidate(row_from_error(make_entry(), "boom", 1), KillCriteria(max_score=100)) is None


def test_a_listing_on_the_kill_list_is_not_on_the_fix_list():
    row = dead(score=45.0, top_fixes=[FixItem("A", "a", 20.0)])
    assert fix_candidate(row, FixCriteria()) is not None, "it would qualify for the fix list on its own"
    p = build_portfolio([row])
    assert [k.key for k in p.kill_list] == [row.key] and p.fix_list == []


def test_real_reports_land_on_the_right_lists(reports):
    rows = [row_from_report(make_entry(reports[name]["target"], line=i), reports[name], None)
            for i, name in enumerate(("strong", "weak", "shopify", "gone", "draft", "docs"), start=2)]
    p = build_portfolio(rows, PortfolioCriteria(fix=FixCriteria(min_gain=0)))
    assert [k.key for k in p.kill_list] == [rows[1].key], "the weak listing: low score, 4 old reviews, stale docs"
    fixable = {c.key for c in p.fix_list}
    assert rows[2].key in fixable, "the Shopify listing needs work and scores well above 40"
    assert not fixable & {rows[0].key, rows[1].key, rows[3].key}
    assert p.verdict_counts["unavailable"] == 1


# ------------------------------------------------------------ deltas


def test_deltas_against_a_previous_portfolio_json():
    a, b, c = make_row("A", line=2), make_row("B", line=3), make_row("C", line=4)
    before = build_portfolio([a, replace(b, score=80.0), c], generated_at="2026-10-01T00:00:00+00:00")
    previous = json.loads(render_json(before))
    gone = row_from_error(make_entry(c.target, line=4), "timeout", 3)
    new = make_row("D", line=5)
    now = build_portfolio([replace(a, score=75.5), replace(b, score=55.0, verdict="not-ready"), gone, new],
                          previous=previous)
    d = deltas_of(now)
    assert d.previous_generated_at == "2026-10-01T00:00:00+00:00"
    assert set(d.listings) == {a.target, b.target, c.target}
    assert (d.listings[a.target].score_delta, d.listings[a.target].verdict_changed) == (5.5, False)
    moved = d.listings[b.target]
    assert (moved.score_before, moved.score_after, moved.score_delta) == (80.0, 55.0, -25.0)
    assert (moved.verdict_before, moved.verdict_after, moved.verdict_changed) == ("needs-work", "not-ready", True)
    assert d.listings[c.target].score_delta is None and d.listings[c.target].verdict_after == "error"
    assert d.added == [new.target] and d.removed == []
    assert d.mean_score_delta == round((5.5 - 25.0) / 2, 1)
    assert d.previous_mean_score == round((70 + 80 + 70) / 3, 1)
    assert [t for t, _ in d.changed()] == [b.target, c.target, a.target]
    dropped = deltas_of(build_portfolio([a], previous=previous))
    assert dropped.removed == [b.target, c.target] and dropped.added == []


def test_no_previous_run_means_no_deltas_and_a_garbled_one_is_tolerated_row_by_row():
    row = make_row("A")
    assert build_portfolio([row]).deltas is None
    d = deltas_of(build_portfolio([row], previous={"rows": [{"target": row.target, "score": "x", "verdict": "?"},
                                                            5, {}]}))
    assert d.listings[row.target].score_before is None and d.listings[row.target].verdict_before == "error"
    assert d.previous_generated_at is None and d.removed == []


def test_load_previous(tmp_path):
    assert load_previous(tmp_path / "portfolio.json") is None
    path = tmp_path / "previous.json"
    path.write_text(render_json(build_portfolio([make_row("A")])), encoding="utf-8")
    loaded = load_previous(path)
    assert loaded is not None and loaded["rows"][0]["name"] == "A"
    for text, message in [("{not json", "cannot read the previous portfolio"),
                          ("[1, 2]", "is not a listing-audit portfolio.json"),
                          ('{"schema_version": "2.0", "rows": []}', "has portfolio schema 2.0"),
                          ('{"schema_version": "1.0", "checks": []}', "is not a listing-audit portfolio.json")]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(UsageError) as caught:
            load_previous(path)
        assert message in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(UsageError):
        load_previous(tmp_path)


def test_row_errors_are_kept_in_line_order():
    errors = [RowError(9, "line 9: no target"), RowError(3, "line 3: unknown profile 'x'")]
    assert [e.line for e in build_portfolio([], row_errors=errors).row_errors] == [3, 9]


def test_the_documented_config_example_is_exactly_the_defaults():
    text = (Path(__file__).resolve().parents[2] / "docs" / "portfolio.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```toml\n(.*?)```", text, re.DOTALL) if "[portfolio.fix]" in b)
    assert criteria_from_mapping(tomllib.loads(block)["portfolio"]) == PortfolioCriteria()
