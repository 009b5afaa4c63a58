"""The portfolio's trends from the history: each listing's scores, and per category the portfolio's mean over the
runs (a run is a day: a nightly batch is one point)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from auditor.history.record import AuditRecord
from auditor.history.store import HistoryStore
from auditor.model import TrendPoint

#: the runs (days) the portfolio's category trends cover
RUNS = 30


@dataclass
class PortfolioTrends:
    """Trends for the portfolio dashboard, keyed by its rows' keys and the category ids."""

    listings: dict[str, list[TrendPoint]] = field(default_factory=dict)
    #: the mean score of the listings, one point per run
    overall: list[TrendPoint] = field(default_factory=list)
    #: each category's mean over the listings, one point per run
    categories: dict[str, list[TrendPoint]] = field(default_factory=dict)


def portfolio_trends(store: HistoryStore, listings: Iterable[tuple[str, str, str]], runs: int = RUNS,
                     ) -> PortfolioTrends:
    """Trends of (key, target, profile) listings: their own audits, and the portfolio's means per day, where each
    listing counts with its latest audit on or before that day."""
    trends = PortfolioTrends()
    audits: dict[str, list[AuditRecord]] = {}
    for key, target, profile in listings:
        records = store.audits_of(target, profile)
        if records:
            audits[key] = records
            trends.listings[key] = [TrendPoint(r.generated_at, r.score, r.verdict) for r in records]
    categories = store.categories([r.id for records in audits.values() for r in records if r.id is not None])
    days = sorted({r.generated_at[:10] for records in audits.values() for r in records})[-runs:]
    for day in days:
        latest = [last for records in audits.values()
                  if (last := next((r for r in reversed(records) if r.generated_at[:10] <= day), None))]
        trends.overall.append(TrendPoint(day, _mean(r.score for r in latest), ""))
        for category in sorted({c for r in latest for c in categories.get(r.id or 0, {})}):
            values = (categories.get(r.id or 0, {}).get(category) for r in latest)
            trends.categories.setdefault(category, []).append(TrendPoint(day, _mean(values), ""))
    return trends


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 1) if known else None
