"""The scorecards as data: every rule of every job (and the reactive one) turns healthy, at risk and failing where
it says, the health rules, the readiness weight, reactive origin, missing metrics, owners, and the config override."""

from __future__ import annotations

import re
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from auditor.errors import UsageError
from auditor.judge.scoring import PROFILES
from auditor.portfolio.criteria import criteria_from_mapping
from auditor.portfolio.metrics import METRICS, RATIOS, ListingMetrics, inputs
from auditor.portfolio.review import NO_OWNER, judge
from auditor.portfolio.scorecards import JOBS, MetricRule, Scorecard, default_scorecards, scorecards_from_mapping
from tests.portfolio.conftest import make_row

CARDS = default_scorecards()
ALL_RULES = [(card.name, rule) for card in (*CARDS.jobs.values(), CARDS.reactive) for rule in card.rules]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "portfolio.md"


def metrics_for(metric: str, value: float) -> ListingMetrics:
    """Raw numbers that give `metric` exactly `value` (a ratio over a denominator of 1,000)."""
    numbers = {metric: value} if metric in METRICS else \
        dict(zip(inputs(metric), (value * 1000 / RATIOS[metric].per, 1000), strict=True))
    values: dict[str, Any] = {k: int(v) if METRICS[k].kind == "count" else v for k, v in numbers.items()}
    return ListingMetrics(**values)


def test_the_jobs_are_the_scoring_profiles():
    assert set(JOBS) == set(PROFILES) == set(CARDS.jobs)


@pytest.mark.parametrize(("card", "rule"), ALL_RULES, ids=[f"{c}-{r.metric}" for c, r in ALL_RULES])
def test_each_rule_is_healthy_at_risk_and_failing_where_it_says(card: str, rule: MetricRule):
    between = (rule.healthy + rule.failing) / 2
    beyond = rule.failing / 2 if rule.better == "higher" else rule.failing * 2
    assert rule.status(rule.healthy) == "healthy" and rule.points(rule.healthy) == 1.0
    assert rule.status(rule.failing) == "at-risk"  # the failing threshold itself is the last value still at risk
    assert rule.status(beyond) == "failing" and rule.points(beyond) == 0.0
    assert rule.status(between) == "at-risk" and rule.points(between) == pytest.approx(0.5)
    # and the listing's judgement uses it: alone and failing, this metric is named failing in the reasons
    row = make_row("X", profile="table-stakes" if card == "reactive" else card,
                   origin="reactive" if card == "reactive" else "strategic", metrics=metrics_for(rule.metric, beyond))
    judged = judge(row, CARDS)
    result = next(m for m in judged.metrics if m.metric == rule.metric)
    assert result.status == "failing" and result.points == 0.0
    assert any(reason.startswith(result.label) and ": failing (" in reason for reason in judged.reasons)


def test_each_rule_has_its_reasoning_in_the_docs():
    text = DOCS.read_text(encoding="utf-8")
    for card, rule in ALL_RULES:
        assert rule.why, (card, rule.metric)
        assert re.search(rf"`{rule.metric}`", text), f"docs/portfolio.md does not explain {card}.{rule.metric}"


def test_the_operating_score_combines_readiness_and_metrics_by_the_readiness_weight():
    card = CARDS.jobs["workflow"]
    perfect = ListingMetrics(installs=100, active_accounts=100, retention_90d=0.9)
    judged = judge(make_row("W", profile="workflow", origin="strategic", owner="ann", score=60.0, metrics=perfect),
                   CARDS)
    assert judged.metrics_score == 100.0
    assert judged.score == pytest.approx(card.readiness_weight * 60 + (1 - card.readiness_weight) * 100)
    bare = judge(make_row("W", profile="workflow", score=60.0), CARDS)
    assert bare.score == 60.0 and bare.metrics_score is None  # no numbers: readiness alone


def test_health_failing_below_and_failing_metrics():
    rules = CARDS.health
    low = judge(make_row("L", profile="workflow", score=0.0, owner="a",
                         metrics=ListingMetrics(installs=100, active_accounts=25, retention_90d=0.75)), CARDS)
    assert low.score is not None and low.score < rules.failing_below and low.health == "failing"
    two = judge(make_row("T", profile="workflow", score=100.0, owner="a",
                         metrics=ListingMetrics(installs=1000, active_accounts=200, retention_90d=0.5)), CARDS)
    assert two.score is not None and two.score >= rules.failing_below
    assert two.health == "failing" and "2 metrics are failing" in " ".join(two.reasons)
    assert two.verdict == "escalate"


def test_health_needs_enough_metrics_measured_no_blocker_and_no_failing_metric():
    good = ListingMetrics(installs=100, active_accounts=100, retention_90d=0.9)
    assert judge(make_row("G", profile="workflow", score=90.0, owner="a", metrics=good), CARDS).health == "healthy"
    few = judge(make_row("F", profile="workflow", score=90.0, owner="a", metrics=ListingMetrics(retention_90d=0.9)),
                CARDS)
    assert few.health == "at-risk" and few.verdict == "measure"
    assert "Only 1 of its 3 metrics are measured" in " ".join(few.reasons)
    blocked = judge(make_row("B", profile="workflow", score=90.0, owner="a", metrics=good, blockers=["TRU501"]), CARDS)
    assert blocked.health == "at-risk" and "TRU501" in " ".join(blocked.reasons)
    uncapped = scorecards_from_mapping({"health": {"blockers_cap": False}})
    assert judge(make_row("B", profile="workflow", score=90.0, metrics=good, blockers=["TRU501"]),
                 uncapped).health == "healthy"
    one_failing = ListingMetrics(installs=100, active_accounts=100, retention_90d=0.5)
    judged = judge(make_row("O", profile="workflow", score=100.0, owner="a", metrics=one_failing), CARDS)
    assert judged.health == "at-risk" and judged.verdict == "watch"


def test_health_healthy_from():
    good = ListingMetrics(installs=100, active_accounts=100, retention_90d=0.9)
    strict = scorecards_from_mapping({"health": {"healthy_from": 99}})
    judged = judge(make_row("S", profile="workflow", score=90.0, metrics=good), strict)
    assert judged.health == "at-risk" and "under 99" in " ".join(judged.reasons)


def test_a_reactive_integration_is_judged_on_support_cost_and_usage_only():
    numbers = ListingMetrics(active_accounts=12, support_tickets_90d=1, maintenance_hours_90d=8.0)
    reactive = judge(make_row("R", profile="distribution", origin="reactive", owner="a", metrics=numbers), CARDS)
    assert reactive.scorecard == "reactive"
    assert [m.metric for m in reactive.metrics] == ["tickets_per_account", "maintenance_hours_90d", "active_accounts"]
    assert reactive.missing_metrics == [] and reactive.health == "healthy"
    strategic = judge(make_row("S", profile="distribution", origin="strategic", owner="a", metrics=numbers), CARDS)
    assert strategic.scorecard == "distribution"
    assert strategic.missing_metrics == ["traffic_30d", "qualified_leads_30d", "field_usage_30d", "revenue_90d"]
    unstated = judge(make_row("U", profile="distribution", metrics=numbers), CARDS)
    assert unstated.scorecard == "distribution" and unstated.reasons[0].startswith("Origin not stated")


def test_what_nobody_measures_and_who_owns_it_are_said():
    judged = judge(make_row("N", profile="table-stakes", owner=None, metrics=ListingMetrics(incidents_90d=0)), CARDS)
    assert judged.missing_metrics == ["active_accounts", "installs", "support_tickets_90d", "maintenance_hours_90d"]
    assert "Nobody measures active accounts, installs, support tickets (90 days) and maintenance hours (90 days)." \
        in judged.reasons
    assert NO_OWNER in judged.reasons and judged.owner is None
    owned = judge(make_row("O", profile="table-stakes", owner="ann"), CARDS)
    assert NO_OWNER not in owned.reasons


def test_support_cost_per_account_and_per_revenue_where_the_numbers_allow():
    judged = judge(make_row("C", metrics=ListingMetrics(active_accounts=40, support_tickets_90d=10,
                                                        revenue_90d=50000.0, maintenance_hours_90d=20.0)), CARDS)
    assert judged.support_cost == {"tickets_per_account": 0.25, "tickets_per_1k_revenue": 0.2,
                                   "maintenance_hours_per_account": 0.5, "maintenance_hours_per_1k_revenue": 0.4}
    partial = judge(make_row("P", metrics=ListingMetrics(support_tickets_90d=10)), CARDS)
    assert set(partial.support_cost.values()) == {None}


def test_an_error_row_is_unscored_with_its_reason():
    judged = judge(make_row("E", verdict="error", score=None, error="timeout"), CARDS)
    assert judged.verdict == "unscored" and judged.health is None and judged.score is None
    assert "Not scored: timeout." in judged.reasons


def test_the_config_overrides_any_threshold_and_is_checked_strictly():
    criteria = criteria_from_mapping({"scorecards": {
        "jobs": {"distribution": {"readiness_weight": 0.6, "metrics": {"traffic_30d": {"healthy": 5000}}}},
        "reactive": {"metrics": {"active_accounts": {"weight": 0}}},
    }})
    cards = criteria.scorecards
    traffic = next(r for r in cards.jobs["distribution"].rules if r.metric == "traffic_30d")
    assert traffic.healthy == 5000 and traffic.failing == 200 and cards.jobs["distribution"].readiness_weight == 0.6
    assert [r.metric for r in cards.reactive.rules] == ["tickets_per_account", "maintenance_hours_90d"]
    assert cards.jobs["workflow"] == CARDS.jobs["workflow"]


@pytest.mark.parametrize(("data", "message"), [
    ({"jobs": {"partner": {}}}, "portfolio.scorecards.jobs.partner: unknown key"),
    ({"jobs": {"workflow": {"metrics": {"happiness": {}}}}}, "portfolio.scorecards.jobs.workflow.metrics.happiness: "
                                                             "unknown metric"),
    ({"jobs": {"workflow": {"metrics": {"retention_90d": {"healthy": 0.5}}}}},
     "retention_90d: healthy (0.5) must be above failing (0.7) when higher is better"),
    ({"jobs": {"workflow": {"metrics": {"retention_90d": {"better": "more"}}}}}, "better: expected \"higher\""),
    ({"jobs": {"workflow": {"readiness_weight": 2}}}, "readiness_weight: expected from 0 to 1, got 2"),
    ({"jobs": {"workflow": {"stake": "vibes"}}}, "portfolio.scorecards.jobs.workflow.stake: expected one of"),
    ({"reactive": {"stake": "installs"}}, "a reactive integration is weighed by its job's stake"),
    ({"health": {"failing_metrics": 0}}, "failing_metrics: expected a whole number of at least 1"),
    ({"health": {"failing_below": 80}}, "failing_below (80) must not be above healthy_from (70)"),
    ({"reactive": {"metrics": {m: {"weight": 0} for m in ("tickets_per_account", "maintenance_hours_90d",
                                                          "active_accounts")}}}, "needs at least one metric"),
])
def test_a_bad_scorecard_override_is_a_usage_error_naming_the_key(data, message):
    with pytest.raises(UsageError, match=re.escape(message)):
        criteria_from_mapping({"scorecards": data})


def test_the_documented_scorecard_table_is_exactly_the_defaults():
    """docs/portfolio.md's table of thresholds is the data, not a copy that can drift."""
    text = DOCS.read_text(encoding="utf-8")
    for card in (*CARDS.jobs.values(), CARDS.reactive):
        for rule in card.rules:
            row = f"| {card.name} | `{rule.metric}` | {rule.better} | {rule.healthy:g} | {rule.failing:g} | " \
                  f"{rule.weight:g} |"
            assert row in text, row
        assert f"| {card.name} | {card.readiness_weight:g} |" in text


def test_scorecards_toml_is_the_default():
    path = Path(__file__).resolve().parents[2] / "auditor" / "portfolio" / "scorecards.toml"
    assert scorecards_from_mapping(tomllib.loads(path.read_text(encoding="utf-8"))) == CARDS
    assert {f.name for f in fields(Scorecard)} >= {"rules", "readiness_weight", "stake"}
