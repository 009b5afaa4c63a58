"""The history as the dashboard reads it: each listing (a target audited under a profile) with its latest audit,
one listing's audits, and what changed between two of them. Audits from the CLI, a batch and the server itself
all land in the same history, so all of them show here."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.batch.runner import LISTINGS_FOLDER
from auditor.history.record import AuditRecord, CheckState, score_change
from auditor.history.store import HistoryStore
from auditor.history.view import HistoryEntry, entries
from auditor.model import CheckChange, TrendPoint

#: audits a listing's page and its chart show
SHOWN = 60


def listing_key(target: str, profile: str) -> str:
    """A listing's key in URLs: short, stable, and free of anything a URL would need to escape."""
    return hashlib.sha256(f"{target}\n{profile}".encode()).hexdigest()[:16]


@dataclass
class ListingSummary:
    """One listing and its latest audit."""

    key: str
    latest: AuditRecord
    audits: int
    trend: list[TrendPoint]
    #: score points since the audit before the latest (None for one audit, or when either was not scored)
    change: float | None
    #: the listing's name (the batch's LISTINGS file's, else the page's as the history recorded it) and owner (from
    #: the portfolio.json of the batch that wrote its latest report, if any)
    name: str | None = None
    owner: str | None = None


@dataclass
class AuditDiff:
    """What changed from audit `before` to audit `after` of one listing."""

    before: AuditRecord
    after: AuditRecord
    score_change: float | None
    #: category -> (before, after), for every category either audit scored
    categories: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    checks: list[CheckChange] = field(default_factory=list)

    @property
    def regressions(self) -> list[CheckChange]:
        """Checks that got worse."""
        return [c for c in self.checks if worse(c)]

    @property
    def improvements(self) -> list[CheckChange]:
        """Checks that changed and did not get worse."""
        return [c for c in self.checks if not worse(c)]


def listings(store: HistoryStore) -> list[ListingSummary]:
    """Every listing in the history with its latest audit, lowest score first (unscored last)."""
    found: dict[tuple[str, str], list[AuditRecord]] = {}
    for record in store.audits():  # newest first
        found.setdefault((record.target, record.profile), []).append(record)
    summaries = []
    portfolios: dict[Path, dict[str, dict[str, Any]]] = {}
    for (target, profile), records in found.items():
        shown = records[:SHOWN][::-1]
        row = batch_row(records[0], portfolios)
        summaries.append(ListingSummary(listing_key(target, profile), records[0], len(records),
                                        [TrendPoint(r.generated_at, r.score, r.verdict) for r in shown],
                                        score_change(records[1] if len(records) > 1 else None, records[0]),
                                        _text(row.get("name")) or records[0].name, _text(row.get("owner"))))
    return sorted(summaries, key=lambda s: (s.latest.score is None, s.latest.score or 0.0, s.latest.target))


def batch_row(record: AuditRecord, portfolios: dict[Path, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """The row of `record`'s listing in the portfolio.json of the batch that wrote its report (a batch writes
    OUT/listings/KEY/report.json beside OUT/portfolio.json), or {} for an audit of the CLI or the server.
    `portfolios` keeps each file read once per request."""
    if not record.report:
        return {}
    report = Path(record.report)
    if report.parent.parent.name != LISTINGS_FOLDER:
        return {}
    file = report.parent.parent.parent / "portfolio.json"
    if file not in portfolios:
        portfolios[file] = _rows(file)
    return portfolios[file].get(record.target, {})


def _rows(file: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    rows = data.get("rows") if isinstance(data, dict) else None
    return {str(r.get("target")): r for r in rows or [] if isinstance(r, dict)}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def find(store: HistoryStore, key: str) -> tuple[str, str] | None:
    """The (target, profile) of a listing key, or None."""
    return next(((s.latest.target, s.latest.profile) for s in listings(store) if s.key == key), None)


def history(store: HistoryStore, target: str, profile: str) -> list[HistoryEntry]:
    """The listing's audits, newest first, each with its change from the one before."""
    return entries(store.audits_of(target, profile, SHOWN))


def diff(store: HistoryStore, target: str, profile: str, before_id: int, after_id: int) -> AuditDiff | None:
    """What changed between two audits of the listing (None when either is not one of its audits)."""
    by_id = {r.id: r for r in store.audits_of(target, profile, 10_000)}
    if before_id not in by_id or after_id not in by_id:
        return None
    before, after = (store.with_checks(by_id[i]) for i in (before_id, after_id))
    names = list(dict.fromkeys([*before.categories, *after.categories]))
    checks = [CheckChange(i, (after.checks.get(i) or before.checks[i]).title, _status(before, i), _status(after, i),
                          _score(before, i), _score(after, i))
              for i in sorted({*before.checks, *after.checks}) if _status(before, i) != _status(after, i)]
    return AuditDiff(before, after, score_change(before, after),
                     {c: (before.categories.get(c), after.categories.get(c)) for c in names},
                     sorted(checks, key=lambda c: (not worse(c), c.id)))


def report_file(record: AuditRecord, suffix: str = ".html") -> Path | None:
    """An audit's report.html (or, with suffix ".json", its report.json), beside where the history says its report
    is, when that file is there."""
    if not record.report:
        return None
    path = Path(record.report)
    if path.name not in ("report.json", "report.html"):
        return None
    found = path.with_name(f"report{suffix}")
    return found if found.is_file() else None


def report_links(audit_id: int | None) -> dict[str, str | None]:
    """Where the dashboard serves an audit's report, as HTML and as JSON (the report's contract)."""
    if audit_id is None:
        return {"report_url": None, "report_json_url": None}
    return {"report_url": f"/reports/{audit_id}", "report_json_url": f"/reports/{audit_id}.json"}


def worse(change: CheckChange) -> bool:
    """The check started to warn or fail (or crashed)."""
    return CheckState(change.after, None).failing and not CheckState(change.before, None).failing


def _score(record: AuditRecord, check_id: str) -> float | None:
    state = record.checks.get(check_id)
    return state.score if state is not None else None


def _status(record: AuditRecord, check_id: str) -> str:
    state = record.checks.get(check_id)
    return state.status if state is not None else "absent"
