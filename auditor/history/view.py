"""`listing-audit history`: the audits of one listing or all, newest first, each with its change from the previous
audit of the same target and profile, as an aligned table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from auditor.errors import UsageError
from auditor.history.record import AuditRecord, score_change

FORMATS = ("table", "json", "csv")
COLUMNS = ("time", "target", "profile", "marketplace", "score", "change", "verdict", "before", "blockers",
           "tool_version", "report")
#: a spreadsheet runs a cell that starts with one of these as a formula
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class HistoryEntry:
    """One audit, and how it compares with the previous audit of the same target and profile."""

    record: AuditRecord
    #: score points since the previous audit; None for the first audit or when either was not scored
    change: float | None
    #: the previous audit's verdict; None for the first audit
    verdict_before: str | None


def entries(records: Sequence[AuditRecord], since: date | None = None) -> list[HistoryEntry]:
    """`records` (newest first, every audit of the targets shown) with their changes; those before `since` are
    left out after their changes are known, so the oldest audit shown still says how it moved."""
    ordered = sorted(records, key=lambda r: (r.generated_at, r.id or 0))
    last: dict[tuple[str, str], AuditRecord] = {}
    found: list[HistoryEntry] = []
    for record in ordered:
        before = last.get((record.target, record.profile))
        found.append(HistoryEntry(record, score_change(before, record), before.verdict if before else None))
        last[(record.target, record.profile)] = record
    shown = [e for e in found if since is None or e.record.generated_at[:10] >= since.isoformat()]
    return shown[::-1]


def parse_since(text: str | None) -> date | None:
    """`--since 2026-11-01` as a date; anything else is a UsageError."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--since takes a date as YYYY-MM-DD, not {text!r}") from None


def render(found: Sequence[HistoryEntry], fmt: str) -> str:
    """The entries in `fmt` (table, json or csv)."""
    if fmt == "json":
        return json.dumps([entry_data(e) for e in found], indent=2, ensure_ascii=False) + "\n"
    rows = [_cells(e) for e in found]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows([("'" + c if c.startswith(_FORMULA) and not _signed_number(c) else c) for c in row]
                         for row in rows)
        return out.getvalue()
    return table(rows)


def table(rows: Sequence[Sequence[str]]) -> str:
    """Aligned columns under a header; numbers right-aligned; an empty history says so."""
    if not rows:
        return "no audits in the history\n"
    header = [c.replace("_", " ") for c in COLUMNS]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(COLUMNS))]
    numeric = {COLUMNS.index("score"), COLUMNS.index("change")}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if i in numeric else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return "\n".join([line(header), *(line(r) for r in rows)]) + "\n"


def _cells(entry: HistoryEntry) -> list[str]:
    r = entry.record
    return [r.generated_at[:16].replace("T", " "), r.target, r.profile, r.marketplace,
            "" if r.score is None else f"{r.score:.1f}", "" if entry.change is None else f"{entry.change:+.1f}",
            r.verdict, entry.verdict_before or "", ",".join(r.blockers), r.tool_version, r.report or ""]


def entry_data(entry: HistoryEntry) -> dict[str, object]:
    """One entry as `history --format json` (and the dashboard's API) gives it."""
    r = entry.record
    return {"id": r.id, "generated_at": r.generated_at, "target": r.target, "profile": r.profile,
            "marketplace": r.marketplace, "score": r.score, "change": entry.change, "verdict": r.verdict,
            "verdict_before": entry.verdict_before, "blockers": r.blockers, "broken_links": r.broken_links,
            "tool_version": r.tool_version, "report": r.report}


def _signed_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
