"""The operating review in the portfolio's outputs: its part of portfolio.json, operating-review.csv, and what
the `_operating_review.html.j2` partial renders (the view, with its inline SVG charts)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from auditor.portfolio.build import FixCandidate, KillCandidate, Portfolio
from auditor.portfolio.metrics import METRICS, SUPPORT_COST, label
from auditor.portfolio.review import JobReview, OperatingReview, show
from auditor.portfolio.stakes import KILL_CRITERIA
from auditor.report.charts import Bar, score_bars, state_strip
from auditor.report.spreadsheet import table
from auditor.serialize import to_data

FILE = "operating-review.csv"
#: the partial's own stylesheet (report_templates/), inlined after the portfolio's
STYLESHEET = "operating_review.css"
HEALTH_LABELS: dict[str | None, str] = {"healthy": "Healthy", "at-risk": "At risk", "failing": "Failing",
                                        None: "Not scored"}


def review_data(p: Portfolio) -> dict[str, Any] | None:
    """`operating_review` of portfolio.json: the scorecards in force, then each job's rows."""
    review = p.operating_review
    if review is None:
        return None
    return {"measured": review.measured, "notes": review.notes, "scorecards": to_data(p.criteria.scorecards),
            "jobs": to_data(review.jobs), "problems": to_data(review.problems)}


# ------------------------------------------------------------ CSV


def csv_columns() -> list[str]:
    """operating-review.csv's columns, in order."""
    return ["job", "scorecard", "key", "name", "target", "owner", "origin", "score", "readiness", "metrics_score",
            "health", "verdict", *METRICS, *SUPPORT_COST, "missing_metrics", "reasons"]


def render_csv(p: Portfolio) -> str:
    """operating-review.csv: one row a listing, grouped by job; a missing value is an empty cell."""
    return table(csv_columns(), _csv_rows(p))


def _csv_rows(p: Portfolio) -> Iterator[list[Any]]:
    rows = {r.key: r for r in p.rows}
    for job in p.operating_review.jobs if p.operating_review else []:
        for r in job.rows:
            metrics = rows[r.key].metrics
            yield [r.job, r.scorecard, r.key, r.name, r.target, r.owner, r.origin, r.score, r.readiness,
                   r.metrics_score, r.health, r.verdict, *(getattr(metrics, m) for m in METRICS),
                   *(r.support_cost.get(m) for m in SUPPORT_COST), ";".join(r.missing_metrics), " ".join(r.reasons)]


# ------------------------------------------------------------ HTML


@dataclass(frozen=True)
class JobView:
    """One job's column of the review: its rows and its two charts."""

    review: JobReview
    health_chart: Markup
    score_chart: Markup


@dataclass(frozen=True)
class OperatingView:
    """What `_operating_review.html.j2` renders (the context variable `operating`)."""

    review: OperatingReview
    jobs: list[JobView]
    fix_list: list[FixCandidate]
    kill_list: list[KillCandidate]
    #: the kill list's usage criteria in words, with the values in force
    kill_usage: list[str]
    kill_criteria: dict[str, str]
    health_labels: dict[str | None, str]

    def show(self, metric: str, value: float | None) -> str:
        """A metric's value for people ("–" when unknown)."""
        return "–" if value is None else show(metric, value)

    def label(self, metric: str) -> str:
        """A metric's name for people."""
        return label(metric)


def operating_view(p: Portfolio) -> OperatingView | None:
    """The partial's context variable; None when the portfolio has no review."""
    review = p.operating_review
    if review is None:
        return None
    return OperatingView(review, [_job_view(job) for job in review.jobs], p.fix_list, p.kill_list,
                         p.criteria.kill.describe_usage(), KILL_CRITERIA, HEALTH_LABELS)


def _job_view(job: JobReview) -> JobView:
    counts: list[tuple[str | None, int]] = [*job.health_counts.items(),
                                            (None, sum(1 for r in job.rows if r.health is None))]
    bars = [Bar(r.name or r.target, r.score, r.health, r.readiness,
                f"operating score {_score(r.score)}, listing readiness {_score(r.readiness)}, "
                f"{HEALTH_LABELS[r.health].lower()}") for r in job.rows]
    return JobView(job, state_strip(counts, HEALTH_LABELS, f"Health of the {job.title.lower()} listings"),
                   score_bars(bars, f"Operating score of each {job.title.lower()} listing (bar) and its listing "
                                    "readiness (tick)"))


def _score(value: float | None) -> str:
    return "not scored" if value is None else f"{value:.0f}"


# ------------------------------------------------------------ text


def render_text(review: OperatingReview) -> str:
    """The review as a plain-text table a job at a time (for a terminal, or a note)."""
    lines = []
    for job in review.jobs:
        median = "–" if job.median_score is None else f"{job.median_score:.0f}"
        lines.append(f"{job.title} ({job.count} listings, median {median})")
        lines.append(f"  {'listing':<46} {'score':>5} {'ready':>5}  {'health':<8} {'verdict':<9} {'owner':<13} "
                     "missing metrics")
        for r in job.rows:
            name = (r.name or r.target) + (" (reactive)" if r.scorecard == "reactive" else "")
            lines.append(f"  {_cut(name, 46):<46} {_score_cell(r.score):>5} {_score_cell(r.readiness):>5}  "
                         f"{r.health or '–':<8} {r.verdict:<9} {_cut(r.owner or 'NOBODY', 13):<13} "
                         f"{', '.join(r.missing_metrics) or '–'}")
        lines.append("")
    return "\n".join(lines)


def _score_cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
