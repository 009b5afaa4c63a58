"""The operating review: each listing judged by its integration job's scorecard (or the reactive one), on its
operating numbers and its listing readiness together, with its health, its verdict and the reasons in words."""

from __future__ import annotations

import statistics
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from auditor.portfolio.metrics import METRICS, SUPPORT_COST, MetricProblem, label
from auditor.portfolio.rows import PortfolioRow
from auditor.portfolio.scorecards import HEALTH, JOBS, REACTIVE, MetricRule, Scorecard, Scorecards
from auditor.portfolio.stakes import KILL_CRITERIA

#: what to do with a listing, in the order the review explains them (docs/portfolio.md)
VERDICTS = ("keep", "watch", "escalate", "fix", "kill", "measure", "unscored")
NO_OWNER = "Nobody owns this relationship."
#: ratios shown as percentages
_PERCENT = {m for m, spec in METRICS.items() if spec.kind == "share"} | {"activation", "lead_rate"}


@dataclass
class MetricResult:
    """One metric of a listing's scorecard: its value, and where that puts it."""

    metric: str
    label: str
    #: None when nobody measures it (or a ratio's denominator is 0)
    value: float | None
    #: healthy, at-risk or failing; None when not measured
    status: str | None
    #: 0..1 toward the healthy threshold; None when not measured
    points: float | None
    weight: float


@dataclass
class OperatingRow:
    """One listing in the operating review."""

    key: str
    name: str | None
    target: str
    job: str | None
    #: the scorecard it was judged on: its job's, or "reactive"
    scorecard: str | None
    origin: str | None
    owner: str | None
    #: readiness and metric score combined by the scorecard's readiness weight; None when it was not scored
    score: float | None
    #: the listing's readiness score (the audit's)
    readiness: float | None
    #: the weighted points of the measured metrics, 0-100; None when none is measured
    metrics_score: float | None
    verdict: str
    #: healthy, at-risk or failing; None when the listing was not scored
    health: str | None
    metrics: list[MetricResult]
    #: the raw metrics this listing's scorecard needs and nobody measures
    missing_metrics: list[str]
    #: support tickets and maintenance hours per active account and per 1,000 of revenue, where the numbers allow
    support_cost: dict[str, float | None]
    reasons: list[str]


@dataclass
class JobReview:
    """The listings of one integration job, side by side."""

    job: str | None
    title: str
    reason: str
    count: int
    health_counts: dict[str, int]
    median_score: float | None
    rows: list[OperatingRow]


@dataclass
class OperatingReview:
    """Every job's review, whether any numbers were given at all, and what was wrong with them."""

    measured: bool
    jobs: list[JobReview]
    notes: list[str]
    problems: list[MetricProblem] = field(default_factory=list)


def operating_review(rows: Sequence[PortfolioRow], scorecards: Scorecards, fix: Collection[str] = (),
                     kill: Mapping[str, Sequence[str]] | None = None,
                     problems: Sequence[MetricProblem] = ()) -> OperatingReview:
    """The review of `rows`; `fix` holds the fix list's keys and `kill` the kill list's keys with their criteria."""
    kill = kill or {}
    judged = [judge(r, scorecards, r.key in fix, kill.get(r.key)) for r in rows]
    order = [*JOBS, None]
    present = sorted({r.job for r in judged}, key=lambda j: order.index(j) if j in order else len(order))
    jobs = [_job(job, [r for r in judged if r.job == job], scorecards) for job in present]
    measured = any(r.metrics.measured() for r in rows)
    return OperatingReview(measured, jobs, _notes(measured), list(problems))


def judge(row: PortfolioRow, scorecards: Scorecards, on_fix_list: bool = False,
          kill_criteria: Sequence[str] | None = None) -> OperatingRow:
    """One listing against its scorecard."""
    card = scorecards.for_listing(row.profile, row.origin)
    results = [_result(rule, row) for rule in card.rules] if card else []
    missing = [m for m in card.needs() if row.metrics.value(m) is None] if card else []
    metrics_score = _metrics_score(results)
    score = None
    if row.audited and row.score is not None:
        score = row.score if metrics_score is None or card is None else round(
            card.readiness_weight * row.score + (1 - card.readiness_weight) * metrics_score, 1)
    health, health_reasons = _health(score, results, row, scorecards)
    measured_share = sum(r.value is not None for r in results) / len(results) if results else 0.0
    verdict = ("unscored" if score is None else "kill" if kill_criteria
               else "measure" if measured_share < scorecards.health.min_measured else "fix" if on_fix_list
               else {"healthy": "keep", "failing": "escalate"}.get(health or "", "watch"))
    reasons = [*_card_reasons(row, card), *(_rule_reason(res, rule) for res, rule in
                                            zip(results, card.rules if card else (), strict=True)
                                            if res.value is not None)]
    if missing:
        reasons.append(f"Nobody measures {_and([label(m).lower() for m in missing])}.")
    reasons.extend(health_reasons)
    if not row.owner:
        reasons.append(NO_OWNER)
    if kill_criteria:
        reasons.append(f"On the kill list: {'; '.join(KILL_CRITERIA.get(c, c) for c in kill_criteria)}.")
    elif on_fix_list:
        reasons.append("On the fix list: a few listing fixes add enough points to be worth it.")
    return OperatingRow(
        key=row.key, name=row.name, target=row.target, job=row.profile, scorecard=card.name if card else None,
        origin=row.origin, owner=row.owner, score=score, readiness=row.score if row.audited else None,
        metrics_score=metrics_score, verdict=verdict, health=health, metrics=results, missing_metrics=missing,
        support_cost={m: _round(row.metrics.value(m)) for m in SUPPORT_COST}, reasons=reasons,
    )


def show(metric: str, value: float) -> str:
    """A metric's value for people: shares as percentages, counts with thousands separators."""
    if metric in _PERCENT:
        return f"{value * 100:.3g}%"
    if metric in METRICS and METRICS[metric].kind == "count":
        return f"{value:,.0f}"
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


# ------------------------------------------------------------ pieces


def _result(rule: MetricRule, row: PortfolioRow) -> MetricResult:
    value = row.metrics.value(rule.metric)
    if value is None:
        return MetricResult(rule.metric, label(rule.metric), None, None, None, rule.weight)
    return MetricResult(rule.metric, label(rule.metric), _round(value), rule.status(value),
                        round(rule.points(value), 3), rule.weight)


def _metrics_score(results: Sequence[MetricResult]) -> float | None:
    known = [r for r in results if r.points is not None]
    total = sum(r.weight for r in known)
    return round(100 * sum(r.weight * (r.points or 0.0) for r in known) / total, 1) if total else None


def _health(score: float | None, results: Sequence[MetricResult], row: PortfolioRow,
            scorecards: Scorecards) -> tuple[str | None, list[str]]:
    """The health and the reasons that decided it, when they are not the score alone."""
    rules = scorecards.health
    if score is None:
        return None, [f"Not scored: {row.error or 'the listing is not available on its store'}."]
    failing = [r for r in results if r.status == "failing"]
    if score < rules.failing_below:
        return "failing", [f"Operating score {score:.0f} is under {rules.failing_below:g}."]
    if len(failing) >= rules.failing_metrics:
        return "failing", [f"{len(failing)} metrics are failing ({_and([r.label.lower() for r in failing])})."]
    measured = sum(r.value is not None for r in results)
    caps = []
    if results and measured / len(results) < rules.min_measured:
        caps.append(f"Only {measured} of its {len(results)} metrics are measured: too few to call it healthy.")
    if rules.blockers_cap and row.blockers:
        caps.append(f"A store blocker ({', '.join(row.blockers)}) keeps it at risk at best.")
    if failing:
        caps.append(f"A failing metric ({failing[0].label.lower()}) keeps it at risk at best.")
    if score < rules.healthy_from:
        caps.append(f"Operating score {score:.0f} is under {rules.healthy_from:g}.")
    return ("at-risk" if caps else "healthy"), caps


def _card_reasons(row: PortfolioRow, card: Scorecard | None) -> list[str]:
    if card is None:
        return ["No scorecard: the integration's job is not known."]
    if card.name == REACTIVE:
        head = (f"Reactive (built for one customer), so judged on support cost and usage only, not on the "
                f"{row.profile} scorecard.")
    else:
        stated = "Strategic" if row.origin else "Origin not stated, so judged as strategic"
        head = f"{stated}: the {card.title.lower()} scorecard. {card.reason}"
    if not row.audited or row.score is None:
        return [head]
    return [head, f"Listing readiness {row.score:.0f} ({row.verdict}) counts for {card.readiness_weight:.0%} of the "
                  "operating score."]


def _rule_reason(result: MetricResult, rule: MetricRule) -> str:
    assert result.value is not None and result.status is not None, "only measured metrics have a reason"
    bounds = (f"healthy at {show(rule.metric, rule.healthy)} or more, failing under {show(rule.metric, rule.failing)}"
              if rule.better == "higher" else
              f"healthy at {show(rule.metric, rule.healthy)} or less, failing over {show(rule.metric, rule.failing)}")
    return f"{result.label} {show(rule.metric, result.value)}: {result.status} ({bounds})."


def _job(job: str | None, rows: list[OperatingRow], scorecards: Scorecards) -> JobReview:
    card = scorecards.jobs.get(job or "")
    scores = [r.score for r in rows if r.score is not None]
    return JobReview(
        job=job, title=card.title if card else "Job not known",
        reason=card.reason if card else "Listings whose audit failed before a profile was applied.", count=len(rows),
        health_counts={h: sum(1 for r in rows if r.health == h) for h in HEALTH},
        median_score=round(statistics.median(scores), 1) if scores else None, rows=rows,
    )


def _notes(measured: bool) -> list[str]:
    if not measured:
        return ["No operating numbers were given (the LISTINGS file's metric columns or --metrics FILE), so the fix "
                "list is ranked by listing points alone and the kill list judges the listing alone. Active accounts, "
                "traffic, tickets and incidents would sharpen both."]
    return ["The fix list is ranked by the points each listing's fixes add, weighted by what is at stake: its traffic "
            "(distribution), active accounts (workflow) or support tickets (table stakes), relative to its job's "
            "mean. A listing whose stake nobody measures counts as its job's average.",
            "The kill list also takes listings with low usage and a high support cost or too many incidents, "
            "whatever their listing score."]


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
