"""Comparing report.json files side by side: baseline vs current, or your listing vs competitors' listings.

Pure: `load_reports` reads and validates the files, `build` turns the loaded dicts into a `Comparison`
that the renderers (`auditor.report.compare_html`, `auditor.report.compare_markdown`) only lay out.

A check is listed when its status differs across the reports (a check missing from a report counts as a
difference: it did not run there); checks with the same status everywhere are only counted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.errors import UsageError
from auditor.judge.baseline import load_report

#: a column header longer than this is cut (with "…"); the full name stays in `Column.listing_name`
MAX_NAME = 80
#: the file `load_reports` reads when given an audit's output folder
REPORT_FILE = "report.json"


@dataclass
class Column:
    """One report: a column of the comparison."""

    #: the column header: the listing's name, or the file name when the report has none; made unique
    name: str
    file: str
    target: str
    listing_name: str | None
    marketplace: str
    marketplace_name: str
    profile: str
    score: float | None
    #: score minus the first report's score (None for the first report)
    score_delta: float | None
    verdict: str
    blockers: list[str] = field(default_factory=list)
    generated_at: str = ""
    tool_version: str = ""
    schema_version: str = ""


@dataclass
class CategoryRow:
    """A category's score in each report (None: not scored there, or not in that report)."""

    id: str
    title: str
    scores: list[float | None]
    #: score minus the first report's score, per report (None for the first, or when either is None)
    deltas: list[float | None]


@dataclass
class CheckCell:
    """A check's result in one report; `status` None means the check is not in that report."""

    status: str | None
    score: float | None = None


@dataclass
class CheckRow:
    """A check whose status differs across the reports."""

    id: str
    title: str
    category: str
    cells: list[CheckCell]


@dataclass
class CheckGroup:
    """The differing checks of one category."""

    id: str
    title: str
    checks: list[CheckRow]


@dataclass
class Mismatch:
    """Reports that are not like for like: `what` ("profiles", "marketplaces", "schema versions") and, for each
    value, the names of the columns that have it."""

    what: str
    groups: list[tuple[str, list[str]]]


@dataclass
class Comparison:
    """Everything the compare renderers show."""

    columns: list[Column]
    categories: list[CategoryRow]
    differing: list[CheckGroup]
    #: checks present in every report with the same status everywhere
    agreeing: int
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def differing_count(self) -> int:
        """How many checks are listed as differing."""
        return sum(len(g.checks) for g in self.differing)


def load_reports(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """The report.json files at `paths` (a folder stands for its report.json), validated; bad input is a
    UsageError naming the file."""
    if len(paths) < 2:
        raise UsageError("compare needs at least two report.json files")
    reports = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            path = path / REPORT_FILE
        if not path.is_file():
            raise UsageError(f"report not found: {path}")
        data = load_report(path)
        if not all(isinstance(c, dict) and isinstance(c.get("id"), str) for c in data["checks"]):
            raise UsageError(f"{path} is not a listing-audit report.json (a check has no id)")
        if not isinstance(data.get("categories", {}), dict):
            raise UsageError(f"{path} is not a listing-audit report.json (categories is not an object)")
        reports.append(data)
    return reports


def build(reports: Sequence[dict[str, Any]], names: Sequence[str]) -> Comparison:
    """The side-by-side comparison of `reports` (as `load_reports` returns them); `names[i]` is how to call
    report i when it has no listing name, and to tell apart reports of the same listing (the file name as given)."""
    if len(reports) != len(names):
        raise ValueError(f"{len(reports)} reports but {len(names)} names")
    if len(reports) < 2:
        raise UsageError("compare needs at least two report.json files")
    columns = _columns(reports, [str(n) for n in names])
    categories = _categories(reports)
    differing, agreeing = _checks(reports, categories)
    return Comparison(columns=columns, categories=categories, differing=differing, agreeing=agreeing,
                      mismatches=_mismatches(columns))


# ---------------------------------------------------------------- columns


def _columns(reports: Sequence[dict[str, Any]], files: list[str]) -> list[Column]:
    listing_names = [_text(_dict(r.get("listing")).get("name")) or None for r in reports]
    labels = _unique_labels([_short(n) if n else _short(f) for n, f in zip(listing_names, files, strict=True)], files)
    first = _num(reports[0].get("score"))
    columns = []
    for i, (report, label, file) in enumerate(zip(reports, labels, files, strict=True)):
        score = _num(report.get("score"))
        marketplace = _text(report.get("marketplace"))
        columns.append(Column(
            name=label, file=file, target=_text(report.get("target")), listing_name=listing_names[i],
            marketplace=marketplace, marketplace_name=_text(report.get("marketplace_name")) or marketplace,
            profile=_text(report.get("profile")), score=score,
            score_delta=None if i == 0 else _delta(score, first),
            verdict=_text(report.get("verdict")),
            blockers=[_text(b) for b in _list(report.get("blockers")) if _text(b)],
            generated_at=_text(report.get("generated_at")), tool_version=_text(report.get("tool_version")),
            schema_version=_text(report.get("schema_version")),
        ))
    return columns


def _unique_labels(labels: list[str], files: list[str]) -> list[str]:
    """Headers that tell the reports apart: a repeated name gets its file name, then its position."""
    out = [f"{label} ({_short(file)})" if labels.count(label) > 1 and label != _short(file) else label
           for label, file in zip(labels, files, strict=True)]
    return [f"{label} #{i}" if out.count(label) > 1 else label for i, label in enumerate(out, 1)]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_NAME else text[:MAX_NAME - 1] + "…"


def _mismatches(columns: list[Column]) -> list[Mismatch]:
    out = []
    # grouped by id, shown by name: two reports of one store compare alike even if one lacks the display name
    for what, key, label in (("marketplaces", lambda c: c.marketplace, lambda c: c.marketplace_name),
                             ("profiles", lambda c: c.profile, lambda c: c.profile),
                             ("schema versions", lambda c: c.schema_version, lambda c: c.schema_version)):
        groups: dict[str, tuple[str, list[str]]] = {}
        for column in columns:
            groups.setdefault(key(column) or "unknown", (label(column) or "unknown", []))[1].append(column.name)
        if len(groups) > 1:
            out.append(Mismatch(what, list(groups.values())))
    return out


# ---------------------------------------------------------------- categories and checks


def _categories(reports: Sequence[dict[str, Any]]) -> list[CategoryRow]:
    titles: dict[str, str] = {}
    for report in reports:
        for key, cat in _dict(report.get("categories")).items():
            titles.setdefault(str(key), _text(_dict(cat).get("title")) or str(key))
    rows = []
    for key, title in titles.items():
        scores = [_num(_dict(_dict(r.get("categories")).get(key)).get("score")) for r in reports]
        rows.append(CategoryRow(key, title, scores, [None, *(_delta(s, scores[0]) for s in scores[1:])]))
    return rows


def _checks(reports: Sequence[dict[str, Any]], categories: list[CategoryRow]) -> tuple[list[CheckGroup], int]:
    by_report: list[dict[str, dict[str, Any]]] = []
    order: dict[str, dict[str, Any]] = {}  # every check id, in order of first appearance, with its first entry
    for report in reports:
        checks: dict[str, dict[str, Any]] = {}
        for check in _list(report.get("checks")):
            if isinstance(check, dict) and isinstance(check.get("id"), str):
                checks.setdefault(check["id"], check)
                order.setdefault(check["id"], check)
        by_report.append(checks)
    rows: list[CheckRow] = []
    agreeing = 0
    for check_id, first in order.items():
        cells = [CheckCell(None) if c is None else CheckCell(_text(c.get("status")) or "unknown", _num(c.get("score")))
                 for c in (checks.get(check_id) for checks in by_report)]
        statuses = {cell.status for cell in cells}
        if len(statuses) == 1 and None not in statuses:
            agreeing += 1
            continue
        rows.append(CheckRow(check_id, _text(first.get("title")) or check_id,
                             _text(first.get("category")) or "other", cells))
    titles = {c.id: c.title for c in categories}
    group_ids = list(titles) + [r.category for r in rows if r.category not in titles]
    groups = [CheckGroup(g, titles.get(g, g), [r for r in rows if r.category == g]) for g in dict.fromkeys(group_ids)]
    return [g for g in groups if g.checks], agreeing


# ---------------------------------------------------------------- coercion (report.json is user input)


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _delta(value: float | None, reference: float | None) -> float | None:
    return None if value is None or reference is None else round(value - reference, 1)
