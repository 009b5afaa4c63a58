"""One portfolio row a listing, read from its report JSON (the `auditor.report.json` contract) or from its error.

The report dict may come from an older or hand-edited file: every field is read defensively, and a missing
one becomes None, never 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from auditor.extract.dates import parse_date
from auditor.judge.check import CATEGORY_TITLES
from auditor.portfolio.criteria import RECENT_REVIEW_DAYS
from auditor.portfolio.listings import ListingEntry
from auditor.portfolio.metrics import ListingMetrics, MetricProblem, MetricsRow, match_rows

VERDICTS = ("ready", "needs-work", "not-ready", "unavailable", "error")
#: the checks whose finding excerpts carry the dates of the docs: pages' "last updated" and changelog entries
DOCS_DATE_CHECKS = ("DOC104", "DOC110")


@dataclass(frozen=True)
class FixItem:
    """A failing check and the overall points its fix adds (from the report's `top_fixes`)."""

    id: str
    title: str
    gain: float
    #: fixing it clears a blocker (which caps the verdict at not-ready)
    blocker: bool = False


@dataclass
class PortfolioRow:
    """One listing of the portfolio: what was audited and how it scored, or why it could not be."""

    key: str
    line: int
    target: str
    name: str | None
    marketplace: str
    profile: str | None
    owner: str | None
    segment: str | None
    #: None when nothing was scored (an error, or a delisted listing)
    score: float | None
    verdict: str
    categories: dict[str, float | None]
    #: the ids of failing blocker checks
    blockers: list[str]
    top_fixes: list[FixItem]
    #: the listing's review count; the number of reviews shown when the store shows no count
    review_count: int | None
    #: reviews shown on the page dated within 90 days before the audit; None when no shown review is dated
    recent_reviews: int | None
    #: days from the freshest docs date (a page's "last updated", a changelog entry) to the audit; None if undated
    docs_age_days: int | None
    #: the listing's report.html, relative to the portfolio's folder
    report: str | None
    error: str | None
    attempts: int
    seconds: float | None
    #: what was audited: "listing" (live), "draft" (no reviews yet) or "docs" (a docs folder alone)
    scope: str = "listing"
    #: titles of the failing blocker checks, by id (for people; the JSON keeps the ids)
    blocker_titles: dict[str, str] = field(default_factory=dict)
    #: the operating numbers (from the LISTINGS file's optional columns and a `--metrics` file)
    metrics: ListingMetrics = field(default_factory=ListingMetrics)
    #: "strategic" or "reactive" (built for one customer); None when nobody said
    origin: str | None = None

    @property
    def audited(self) -> bool:
        """The listing was scored: not an error, not delisted."""
        return self.verdict not in ("error", "unavailable") and self.score is not None


def row_from_report(entry: ListingEntry, report: Mapping[str, Any], report_path: str | None, attempts: int = 1,
                    seconds: float | None = None) -> PortfolioRow:
    """The row of a listing whose audit wrote `report` (a parsed report.json)."""
    verdict = str(report.get("verdict")) if report.get("verdict") in VERDICTS else "error"
    error = None if verdict != "error" else f"the report has no known verdict ({report.get('verdict')!r})"
    listing = _mapping(report.get("listing"))
    checks = [c for c in _list(report.get("checks")) if isinstance(c, Mapping)]
    audited_on = _day(report.get("generated_at"))
    blockers = [b for b in _list(report.get("blockers")) if isinstance(b, str)]
    titles = {c.get("id"): str(c.get("title") or "") for c in checks}
    return PortfolioRow(
        key=entry.key, line=entry.line, target=entry.target, name=entry.name or _text(listing.get("name")),
        marketplace=_text(report.get("marketplace")) or entry.marketplace,
        profile=_text(report.get("profile")) or entry.profile, owner=entry.owner, segment=entry.segment,
        score=number_or_none(report.get("score")) if verdict not in ("unavailable", "error") else None,
        verdict=verdict, categories=_categories(report.get("categories")), blockers=blockers,
        top_fixes=_fixes(report.get("top_fixes")), review_count=_review_count(listing),
        recent_reviews=_recent_reviews(listing, audited_on), docs_age_days=_docs_age(checks, audited_on),
        report=report_path, error=error, attempts=attempts, seconds=seconds,
        scope=_scope(report.get("categories"), verdict), blocker_titles={b: titles.get(b) or b for b in blockers},
        metrics=entry.metrics, origin=entry.origin,
    )


def row_from_error(entry: ListingEntry, error: str, attempts: int, *, default_profile: str | None = None,
                   seconds: float | None = None) -> PortfolioRow:
    """The row of a listing whose audit failed (after `attempts` tries); `default_profile` is the batch's."""
    return PortfolioRow(
        key=entry.key, line=entry.line, target=entry.target, name=entry.name, marketplace=entry.marketplace,
        profile=entry.profile or default_profile, owner=entry.owner, segment=entry.segment, score=None,
        verdict="error", categories=dict.fromkeys(CATEGORY_TITLES), blockers=[], top_fixes=[], review_count=None,
        recent_reviews=None, docs_age_days=None, report=None, error=error, attempts=attempts, seconds=seconds,
        scope="listing", metrics=entry.metrics, origin=entry.origin,
    )


def attach_metrics(rows: Sequence[PortfolioRow], metrics: list[MetricsRow],
                   file: str) -> tuple[list[PortfolioRow], list[MetricProblem]]:
    """The rows with a metrics file's values over their own (origin and owner too), and the file's rows that match
    no listing (by target, or by name: the LISTINGS name, else the name read from the page)."""
    found, problems = match_rows(metrics, [(r.target, r.name) for r in rows], file)
    merged = list(rows)
    for index, values in found.items():
        row = merged[index]
        merged[index] = replace(row, metrics=values.metrics.over(row.metrics), origin=values.origin or row.origin,
                                owner=values.owner or row.owner)
    return merged, problems


# ------------------------------------------------------------ fields


def _categories(value: Any) -> dict[str, float | None]:
    """Every category's score (None when none of its checks ran or the report omits it)."""
    given = _mapping(value)
    return {c: number_or_none(_mapping(given.get(c)).get("score")) for c in CATEGORY_TITLES}


def _fixes(value: Any) -> list[FixItem]:
    fixes = []
    for fix in _list(value):
        fix = _mapping(fix)
        gain = number_or_none(fix.get("gain"))
        if isinstance(fix.get("id"), str) and gain is not None:
            fixes.append(FixItem(fix["id"], _text(fix.get("title")) or fix["id"], gain, fix.get("blocker") is True))
    return fixes


def _review_count(listing: Mapping[str, Any]) -> int | None:
    count = listing.get("review_count")
    if isinstance(count, int) and not isinstance(count, bool):
        return count
    shown = _list(listing.get("reviews"))
    return len(shown) or None


def _recent_reviews(listing: Mapping[str, Any], audited_on: date | None) -> int | None:
    """Reviews shown that were posted in the 90 days before the audit (a date after it counts as recent)."""
    if audited_on is None:
        return None
    ages = [_age(_mapping(r).get("date"), audited_on) for r in _list(listing.get("reviews"))]
    dated = [a for a in ages if a is not None]
    return sum(1 for a in dated if a <= RECENT_REVIEW_DAYS) if dated else None


def _docs_age(checks: list[Mapping[str, Any]], audited_on: date | None) -> int | None:
    """Days since the freshest docs date the docs checks quote as evidence.

    The report keeps no page dates of its own; DOC104 quotes each dated page's "last updated" date and DOC110
    the newest changelog entry, as their findings' excerpts. A date after the audit counts as today.
    """
    if audited_on is None:
        return None
    ages = [_age(_mapping(f).get("excerpt"), audited_on) for c in checks if c.get("id") in DOCS_DATE_CHECKS
            for f in _list(c.get("findings"))]
    known = [a for a in ages if a is not None]
    return min(known) if known else None


def _scope(categories: Any, verdict: str) -> str:
    """A draft is audited without the reviews checks, a docs folder with the documentation checks alone."""
    given = _mapping(categories)

    def absent(category: str) -> bool:
        return category in given and _mapping(given[category]).get("checks_total") == 0

    if verdict == "unavailable" or not absent("reviews"):
        return "listing"
    return "docs" if absent("packaging") else "draft"


# ------------------------------------------------------------ defensive readers


def _age(text: Any, today: date) -> int | None:
    iso = parse_date(text) if isinstance(text, str) else None
    return max(0, (today - date.fromisoformat(iso)).days) if iso else None


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        iso = parse_date(value)
        return date.fromisoformat(iso) if iso else None


def number_or_none(value: Any) -> float | None:
    """A JSON number as a float; None for anything else (a bool is not a number)."""
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
