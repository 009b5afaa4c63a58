"""The portfolio: every listing's row, then verdict counts, category means, groups by integration job, the fix
list, the kill list and the changes since a previous run. Pure data in, data out: no I/O but `load_previous`."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.errors import UsageError
from auditor.history.trends import PortfolioTrends
from auditor.jsonfile import read_json
from auditor.judge.check import CATEGORY_TITLES
from auditor.judge.scoring import PROFILE_REASONS, PROFILES, verdict
from auditor.portfolio.criteria import (
    RECENT_REVIEW_DAYS,
    FixCriteria,
    KillCriteria,
    PortfolioCriteria,
)
from auditor.portfolio.listings import RowError
from auditor.portfolio.metrics import MetricProblem
from auditor.portfolio.review import OperatingReview, operating_review
from auditor.portfolio.rows import VERDICTS, FixItem, PortfolioRow, number_or_none
from auditor.portfolio.stakes import Stake, stakes, usage_kill

#: the major version of portfolio.json a previous run must have to be compared with
SCHEMA_MAJOR = "1"
_VERDICT_RANK = {v: i for i, v in enumerate(VERDICTS)}


@dataclass
class Group:
    """The listings judged under one profile (integration job), with that profile's own statistics."""

    #: None for listings whose audit failed before a profile was known
    profile: str | None
    reason: str
    weights: dict[str, float]
    count: int
    median_score: float | None
    verdict_counts: dict[str, int]
    category_means: dict[str, float | None]
    keys: list[str]


@dataclass
class FixCandidate:
    """A listing worth investing in, and the few fixes that add the most points."""

    key: str
    name: str | None
    target: str
    score: float
    verdict: str
    fixes: list[FixItem]
    #: the fixes' gains summed; each was measured alone, so the total is an estimate
    gain: float
    projected_score: float
    projected_verdict: str
    #: what is at stake when this listing improves (its job's stake metric); None when nobody measures it
    stake_metric: str | None = None
    stake: float | None = None
    #: the stake relative to its job's mean (1 without numbers)
    weight: float = 1.0
    #: gain x weight: what ranks the list
    priority: float = 0.0


@dataclass
class KillCandidate:
    """A candidate for retirement: its readiness, reviews and docs upkeep are all low, or its usage is low while
    its support cost or incidents are high."""

    key: str
    name: str | None
    target: str
    score: float
    #: one sentence per condition met, saying how the listing met it
    reasons: list[str]
    #: the criteria that put it on the list (ids of auditor.portfolio.stakes.KILL_CRITERIA)
    criteria: list[str] = field(default_factory=lambda: ["listing"])


@dataclass
class ListingDelta:
    """How one listing moved since the previous run."""

    key: str
    name: str | None
    score_before: float | None
    score_after: float | None
    #: None unless both runs scored the listing
    score_delta: float | None
    verdict_before: str
    verdict_after: str

    @property
    def verdict_changed(self) -> bool:
        """The verdict is not what it was."""
        return self.verdict_before != self.verdict_after


@dataclass
class PortfolioDelta:
    """The changes since a previous portfolio.json."""

    previous_generated_at: str | None
    #: listings in both runs, keyed by target
    listings: dict[str, ListingDelta]
    added: list[str]
    removed: list[str]
    #: the mean of the score deltas of listings scored in both runs (like for like); None when there are none
    mean_score_delta: float | None
    previous_mean_score: float | None

    def changed(self) -> list[tuple[str, ListingDelta]]:
        """(target, delta) of the listings whose score or verdict moved, biggest drop first."""
        moved = [(t, d) for t, d in self.listings.items() if d.score_delta or d.verdict_changed]
        return sorted(moved, key=lambda pair: (pair[1].score_delta or 0.0, pair[0]))


@dataclass
class Portfolio:
    """Everything the portfolio dashboard and its JSON and CSV show."""

    generated_at: str
    rows: list[PortfolioRow]
    verdict_counts: dict[str, int]
    mean_score: float | None
    category_means: dict[str, float | None]
    groups: list[Group]
    fix_list: list[FixCandidate]
    kill_list: list[KillCandidate]
    deltas: PortfolioDelta | None
    criteria: PortfolioCriteria
    row_errors: list[RowError] = field(default_factory=list)
    tool_version: str = __version__
    #: each listing judged by its job's scorecard on its operating numbers and its readiness
    operating_review: OperatingReview | None = None
    #: each listing's and each category's trend, from the history (`--history`); None without one
    trends: PortfolioTrends | None = None

    def row(self, key: str) -> PortfolioRow:
        """The row with this key."""
        return next(r for r in self.rows if r.key == key)


def build_portfolio(rows: Iterable[PortfolioRow], criteria: PortfolioCriteria | None = None,
                    row_errors: Iterable[RowError] = (), previous: Mapping[str, Any] | None = None,
                    generated_at: str | None = None, metric_problems: Iterable[MetricProblem] = ()) -> Portfolio:
    """Aggregate the rows (in LISTINGS order) into a portfolio; `previous` is an earlier portfolio.json;
    `metric_problems` are the operating numbers that were dropped (bad values, rows naming no listing)."""
    rows = sorted(rows, key=lambda r: r.line)
    criteria = criteria or PortfolioCriteria()
    kill = kill_list(rows, criteria.kill)
    killed = {k.key for k in kill}
    fixes = fix_list([r for r in rows if r.key not in killed], criteria.fix, stakes(rows, criteria.scorecards))
    review = operating_review(rows, criteria.scorecards, {f.key for f in fixes}, {k.key: k.criteria for k in kill},
                              list(metric_problems))
    return Portfolio(
        generated_at=generated_at or datetime.now(UTC).isoformat(timespec="seconds"),
        rows=rows, verdict_counts=verdict_counts(rows), mean_score=mean_score(rows),
        category_means=category_means(rows), groups=groups(rows), fix_list=fixes, kill_list=kill,
        deltas=deltas(rows, previous) if previous is not None else None, criteria=criteria,
        row_errors=sorted(row_errors, key=lambda e: e.line), operating_review=review,
    )


def load_previous(path: Path) -> dict[str, Any] | None:
    """A previous run's portfolio.json; None when there is none; a file that is not one is a UsageError."""
    if not path.exists():
        return None
    data = read_json(path, "previous portfolio")
    version = data.get("schema_version") if isinstance(data, dict) else None
    if not isinstance(version, str) or not isinstance(data.get("rows"), list):
        raise UsageError(f"{path} is not a listing-audit portfolio.json")
    if version.split(".")[0] != SCHEMA_MAJOR:
        raise UsageError(f"{path} has portfolio schema {version}; this version reads {SCHEMA_MAJOR}.x")
    return data


# ------------------------------------------------------------ statistics


def verdict_counts(rows: Sequence[PortfolioRow]) -> dict[str, int]:
    """How many listings have each verdict (every verdict present, errors included)."""
    return {v: sum(1 for r in rows if r.verdict == v) for v in VERDICTS}


def mean_score(rows: Sequence[PortfolioRow]) -> float | None:
    """The mean score of the listings that were scored."""
    return _mean(r.score for r in rows if r.audited)


def category_means(rows: Sequence[PortfolioRow]) -> dict[str, float | None]:
    """Each category's mean over the listings where it has a score."""
    return {c: _mean(r.categories.get(c) for r in rows if r.audited) for c in CATEGORY_TITLES}


def groups(rows: Sequence[PortfolioRow]) -> list[Group]:
    """One group per profile present, in the profiles' order; each judged under its own weights."""
    order = [*PROFILES, None]
    present = sorted({r.profile for r in rows}, key=lambda p: order.index(p) if p in order else len(order))
    return [_group(profile, [r for r in rows if r.profile == profile]) for profile in present]


def _group(profile: str | None, members: list[PortfolioRow]) -> Group:
    scores = [r.score for r in members if r.audited and r.score is not None]
    return Group(
        profile=profile,
        reason=PROFILE_REASONS.get(profile or "", "Listings whose audit failed before a profile was applied."),
        weights=dict(PROFILES.get(profile or "", {})), count=len(members),
        median_score=round(statistics.median(scores), 1) if scores else None,
        verdict_counts=verdict_counts(members), category_means=category_means(members),
        keys=[r.key for r in members],
    )


# ------------------------------------------------------------ fix list


def fix_list(rows: Sequence[PortfolioRow], criteria: FixCriteria,
             at_stake: Mapping[str, Stake] | None = None) -> list[FixCandidate]:
    """Listings worth investing in (see `FixCriteria`), ranked by their fixes' points weighted by what is at stake
    (`at_stake`, by key; without it, or for a listing it leaves out, by the points alone)."""
    candidates = [c for r in rows if (c := fix_candidate(r, criteria)) is not None]
    for c in candidates:
        stake = (at_stake or {}).get(c.key)
        if stake is not None:
            c.stake_metric, c.stake, c.weight = stake.metric, stake.value, stake.weight
        c.priority = round(c.gain * c.weight, 1)
    candidates.sort(key=lambda c: (-c.priority, -c.gain, -c.projected_score, c.key))
    return candidates[: criteria.max_listings] if criteria.max_listings else candidates


def fix_candidate(row: PortfolioRow, criteria: FixCriteria) -> FixCandidate | None:
    """The row as a fix candidate, or None when it does not qualify."""
    if not row.audited or row.verdict == "ready" or row.score is None or row.score < criteria.min_score:
        return None
    fixes = sorted(row.top_fixes, key=lambda f: (not f.blocker, -f.gain, f.id))[: criteria.max_fixes]
    if not fixes:
        return None
    gain = round(sum(f.gain for f in fixes), 1)
    projected = round(min(100.0, row.score + gain), 1)
    fixed = {f.id for f in fixes}
    after = verdict(projected, [b for b in row.blockers if b not in fixed])
    if gain < criteria.min_gain and _VERDICT_RANK[after] >= _VERDICT_RANK[row.verdict]:
        return None
    return FixCandidate(row.key, row.name, row.target, row.score, row.verdict, fixes, gain, projected, after,
                        priority=gain)


# ------------------------------------------------------------ kill list


def kill_list(rows: Sequence[PortfolioRow], criteria: KillCriteria) -> list[KillCandidate]:
    """Live listings on which every listing criterion holds, or whose usage is low while their support cost or
    incidents are high; lowest score first (see `KillCriteria`)."""
    candidates = [c for r in rows if (c := kill_candidate(r, criteria)) is not None]
    return sorted(candidates, key=lambda c: (c.score, c.key))


def kill_candidate(row: PortfolioRow, criteria: KillCriteria) -> KillCandidate | None:
    """The row as a kill candidate (with a reason per condition met and the criteria that hold), or None."""
    if not row.audited or row.scope != "listing" or row.score is None:
        return None
    listing = [_low_score(row, criteria), _few_reviews(row, criteria), _slow_reviews(row, criteria),
               _stale_docs(row, criteria)]
    held = ["listing"] if all(reason is not None for reason in listing) else []
    usage, usage_reasons = usage_kill(row, criteria)
    if not held and not usage:
        return None
    reasons = [r for r in listing if r] if held else []
    return KillCandidate(row.key, row.name, row.target, row.score, [*reasons, *usage_reasons], [*held, *usage])


def _low_score(row: PortfolioRow, criteria: KillCriteria) -> str | None:
    score = row.score or 0.0
    return f"Score {score:g} is at most {criteria.max_score:g}." if score <= criteria.max_score else None


def _few_reviews(row: PortfolioRow, criteria: KillCriteria) -> str | None:
    if row.review_count is None:
        return "No review count is shown (counted as few)." if criteria.unknown_reviews_are_few else None
    if row.review_count <= criteria.max_reviews:
        return f"{row.review_count} reviews in all, at most {criteria.max_reviews}."
    return None


def _slow_reviews(row: PortfolioRow, criteria: KillCriteria) -> str | None:
    window = f"the last {RECENT_REVIEW_DAYS} days"
    if row.recent_reviews is not None:
        if row.recent_reviews <= criteria.max_recent_reviews:
            return f"{row.recent_reviews} reviews shown from {window}, at most {criteria.max_recent_reviews}."
        return None
    if row.review_count is not None and row.review_count <= criteria.max_recent_reviews:
        # no shown review is dated, but there cannot be more recent reviews than reviews
        return f"{row.review_count} reviews in all, so at most that many in {window}."
    if criteria.unknown_reviews_are_few:
        return f"No dated review is shown, so the reviews of {window} are unknown (counted as few)."
    return None


def _stale_docs(row: PortfolioRow, criteria: KillCriteria) -> str | None:
    if row.docs_age_days is None:
        return "No docs page states when it was updated, or no docs were found."
    if row.docs_age_days > criteria.stale_docs_days:
        return f"The freshest docs are {row.docs_age_days} days old, over {criteria.stale_docs_days}."
    return None


# ------------------------------------------------------------ deltas


def deltas(rows: Sequence[PortfolioRow], previous: Mapping[str, Any]) -> PortfolioDelta:
    """The changes from `previous` (a portfolio.json as loaded), listing by listing, matched by target."""
    before = {r["target"]: r for r in previous.get("rows", [])
              if isinstance(r, Mapping) and isinstance(r.get("target"), str)}
    now = {r.target: r for r in rows}
    listings = {target: _listing_delta(row, before[target]) for target, row in now.items() if target in before}
    moved = [d.score_delta for d in listings.values() if d.score_delta is not None]
    old_scores = [s for r in before.values() if (s := number_or_none(r.get("score"))) is not None
                  and r.get("verdict") not in ("error", "unavailable")]
    generated = previous.get("generated_at")
    return PortfolioDelta(
        previous_generated_at=generated if isinstance(generated, str) else None, listings=listings,
        added=[t for t in now if t not in before], removed=[t for t in before if t not in now],
        mean_score_delta=_mean(moved), previous_mean_score=_mean(old_scores),
    )


def _listing_delta(row: PortfolioRow, old: Mapping[str, Any]) -> ListingDelta:
    old_verdict = str(old.get("verdict")) if old.get("verdict") in VERDICTS else "error"
    old_score = number_or_none(old.get("score")) if old_verdict not in ("error", "unavailable") else None
    after = row.score if row.audited else None
    change = round(after - old_score, 1) if after is not None and old_score is not None else None
    return ListingDelta(row.key, row.name, old_score, after, change, old_verdict, row.verdict)


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 1) if known else None
