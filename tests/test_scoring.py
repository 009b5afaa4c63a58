"""Scoring: weighted means, skipped and errored checks weigh nothing, blockers cap the verdict, fixes ranked."""

from __future__ import annotations

import pytest

from auditor.errors import UsageError
from auditor.judge.scoring import PROFILES, score
from auditor.model import CheckResult


def result(id_: str, category: str, value: float | None, weight: float = 1.0, *, blocker: bool = False,
           status: str | None = None) -> CheckResult:
    status = status or ("not-applicable" if value is None else "pass" if value >= 0.9 else "fail")
    return CheckResult(id_, category, id_, status, value, weight, "medium", blocker)  # type: ignore[arg-type]


def test_category_score_is_the_weighted_mean_of_checks_that_ran():
    scored = score([result("DOC101", "documentation", 1.0, 3), result("DOC102", "documentation", 0.0, 1),
                    result("DOC103", "documentation", None), result("DOC104", "documentation", None, status="error")],
                   "distribution")
    doc = scored.categories["documentation"]
    assert doc.score == 75.0
    assert (doc.checks_ran, doc.checks_total) == (2, 4)
    assert scored.categories["reviews"].score is None


def test_overall_uses_profile_weights_and_ignores_empty_categories():
    results = [result("DOC101", "documentation", 1.0), result("PKG201", "packaging", 0.0)]
    table = score(results, "table-stakes")   # documentation 30, packaging 15
    dist = score(results, "distribution")    # documentation 15, packaging 30
    assert table.score == pytest.approx(100 * 30 / 45, abs=0.1)
    assert dist.score == pytest.approx(100 * 15 / 45, abs=0.1)


def test_a_blocker_makes_the_verdict_not_ready_whatever_the_score():
    results = [result("DOC101", "documentation", 1.0), result("TRU502", "trust", 1.0, 20)]
    results.append(result("TRU501", "trust", 0.0, 0.1, blocker=True))
    scored = score(results, "table-stakes")
    assert scored.score > 85
    assert scored.verdict == "not-ready" and scored.blockers == ["TRU501"]
    assert score(results[:-1], "table-stakes").verdict == "ready"


def test_top_fixes_are_ranked_by_points_gained():
    results = [result("DOC101", "documentation", 0.0, 3), result("DOC102", "documentation", 0.5, 1),
               result("PKG201", "packaging", 0.0, 1), result("PKG202", "packaging", 1.0, 1)]
    fixes = score(results, "distribution").top_fixes
    assert [f.id for f in fixes][0] == "PKG201"  # packaging weighs 30 in distribution, half its weight is failing
    assert all(a.gain >= b.gain for a, b in zip(fixes, fixes[1:], strict=False))
    assert "PKG202" not in [f.id for f in fixes]


def test_a_failing_blocker_heads_the_fix_list_even_when_it_adds_few_points():
    results = [result("DOC101", "documentation", 0.0, 3), result("TRU501", "trust", 0.0, 0.1, blocker=True),
               result("TRU502", "trust", 1.0, 30)]
    fixes = score(results, "distribution").top_fixes
    assert fixes[0].id == "TRU501" and fixes[0].blocker
    assert fixes[0].gain < fixes[1].gain


def test_profiles_sum_to_100_and_unknown_profile_is_a_usage_error():
    assert all(sum(weights.values()) == 100 for weights in PROFILES.values())
    with pytest.raises(UsageError, match="unknown profile"):
        score([], "nope")
