"""The operating numbers beside a listing (installs, retention, traffic, tickets, ...): what each one is, how a cell
becomes a value, the ratios derived from them, and the `--metrics FILE` of `listing-audit batch`.

A bad value is never fatal: it is dropped and reported as a `MetricProblem` naming the file, line and column, and
the batch goes on. Imports nothing from the rest of the tool but its errors and URL helpers.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from auditor.errors import UsageError
from auditor.portfolio.csvfile import read_text, records
from auditor.urls import normalise

ORIGINS = ("strategic", "reactive")


@dataclass(frozen=True)
class MetricSpec:
    """One operating number: its kind (how a cell is read) and what it counts, in words."""

    #: "count" (a whole number >= 0), "share" (0 to 1) or "amount" (a number >= 0: money, hours)
    kind: str
    label: str


#: every metric a LISTINGS file or a metrics file may carry, in the order of the CSV and the JSON
METRICS: dict[str, MetricSpec] = {
    "installs": MetricSpec("count", "Installs"),
    "active_accounts": MetricSpec("count", "Active accounts"),
    "retention_90d": MetricSpec("share", "Retention (90 days)"),
    "traffic_30d": MetricSpec("count", "Listing traffic (30 days)"),
    "qualified_leads_30d": MetricSpec("count", "Qualified leads (30 days)"),
    "field_usage_30d": MetricSpec("count", "Deals or calls that used it (30 days)"),
    "revenue_90d": MetricSpec("amount", "Closed revenue (90 days)"),
    "support_tickets_90d": MetricSpec("count", "Support tickets (90 days)"),
    "incidents_90d": MetricSpec("count", "Incidents (90 days)"),
    "maintenance_hours_90d": MetricSpec("amount", "Maintenance hours (90 days)"),
}


@dataclass(frozen=True)
class Ratio:
    """A metric derived from two raw ones: numerator / denominator (None when either is unknown or the
    denominator is 0), scaled by `per` (1,000 for "per 1,000 of revenue")."""

    numerator: str
    denominator: str
    label: str
    per: float = 1.0


#: the ratios a scorecard may judge and the support-cost figures the operating review shows
RATIOS: dict[str, Ratio] = {
    "activation": Ratio("active_accounts", "installs", "Installs in active use"),
    "lead_rate": Ratio("qualified_leads_30d", "traffic_30d", "Qualified leads per visit"),
    "tickets_per_account": Ratio("support_tickets_90d", "active_accounts", "Tickets per active account (90 days)"),
    "tickets_per_1k_revenue": Ratio("support_tickets_90d", "revenue_90d", "Tickets per 1,000 of revenue (90 days)",
                                    1000.0),
    "maintenance_hours_per_account": Ratio("maintenance_hours_90d", "active_accounts",
                                           "Maintenance hours per active account (90 days)"),
    "maintenance_hours_per_1k_revenue": Ratio("maintenance_hours_90d", "revenue_90d",
                                              "Maintenance hours per 1,000 of revenue (90 days)", 1000.0),
}
#: the support-cost figures of the operating review, "where the numbers allow"
SUPPORT_COST = ("tickets_per_account", "tickets_per_1k_revenue", "maintenance_hours_per_account",
                "maintenance_hours_per_1k_revenue")
#: the columns of a metrics row that are not numbers
TEXT_COLUMNS = ("origin", "owner")


@dataclass(frozen=True)
class ListingMetrics:
    """The operating numbers of one listing; None where nobody measured it (never 0)."""

    installs: int | None = None
    active_accounts: int | None = None
    retention_90d: float | None = None
    traffic_30d: int | None = None
    qualified_leads_30d: int | None = None
    field_usage_30d: int | None = None
    revenue_90d: float | None = None
    support_tickets_90d: int | None = None
    incidents_90d: int | None = None
    maintenance_hours_90d: float | None = None

    def value(self, metric: str) -> float | None:
        """A raw metric or a ratio of two (RATIOS); None when it cannot be known."""
        ratio = RATIOS.get(metric)
        if ratio is None:
            raw = getattr(self, metric)
            return None if raw is None else float(raw)
        top, bottom = self.value(ratio.numerator), self.value(ratio.denominator)
        if top is None or not bottom:
            return None
        return top / bottom * ratio.per

    def measured(self) -> bool:
        """Any metric is known."""
        return any(getattr(self, f.name) is not None for f in fields(self))

    def over(self, base: ListingMetrics) -> ListingMetrics:
        """These values, and `base`'s where these are unknown (a metrics file over the LISTINGS columns)."""
        return ListingMetrics(**{f.name: _first(getattr(self, f.name), getattr(base, f.name)) for f in fields(self)})


def inputs(metric: str) -> tuple[str, ...]:
    """The raw metrics a metric needs: itself, or a ratio's two."""
    ratio = RATIOS.get(metric)
    return (ratio.numerator, ratio.denominator) if ratio else (metric,)


def label(metric: str) -> str:
    """A metric's name for people."""
    spec = METRICS.get(metric) or RATIOS.get(metric)
    return spec.label if spec else metric


@dataclass(frozen=True)
class MetricProblem:
    """A value that was dropped, and where it was: `message` reads "FILE: line N, column C: why"."""

    file: str
    line: int
    column: str
    message: str


@dataclass(frozen=True)
class MetricValues:
    """The metric cells of one row as read: numbers, origin and owner, and what was wrong with the others."""

    metrics: ListingMetrics = field(default_factory=ListingMetrics)
    origin: str | None = None
    owner: str | None = None
    problems: tuple[MetricProblem, ...] = ()


def read_values(cells: Mapping[str, Any], file: str, line: int) -> MetricValues:
    """The metric, origin and owner cells of a row (other keys are ignored); a bad value is dropped and reported.

    A cell may be a string (CSV; "" is unknown, "1,200" and "12%" are read) or, from TOML, a number.
    """
    values: dict[str, Any] = {}
    problems = []
    for name, raw in cells.items():
        if name not in METRICS and name not in TEXT_COLUMNS:
            continue
        try:
            parsed = _text(name, raw) if name in TEXT_COLUMNS else _number(METRICS[name], raw)
        except ValueError as exc:
            problems.append(MetricProblem(file, line, name, f"{file}: line {line}, column {name}: {exc}"))
            continue
        if parsed is not None:
            values[name] = parsed
    return MetricValues(ListingMetrics(**{k: v for k, v in values.items() if k in METRICS}), values.get("origin"),
                        values.get("owner"), tuple(problems))


def _text(name: str, raw: Any) -> str | None:
    if not isinstance(raw, str):
        raise ValueError(f"expected text, got {raw!r}")
    text = raw.strip()
    if name == "origin" and text:
        text = text.lower()
        if text not in ORIGINS:
            raise ValueError(f"unknown origin {raw.strip()!r} (choose {', '.join(ORIGINS)})")
    return text or None


def _number(spec: MetricSpec, raw: Any) -> int | float | None:
    """A cell as the metric's kind; a blank cell is unknown (None), never 0."""
    if isinstance(raw, bool):
        raise ValueError(f"expected a number, got {raw!r}")
    if isinstance(raw, str):
        text = raw.strip().replace(",", "").replace("_", "")
        if not text:
            return None
        percent = text.endswith("%")
        try:
            number = float(text.rstrip("%").strip()) / (100 if percent else 1)
        except ValueError:
            raise ValueError(f"{raw.strip()!r} is not a number") from None
        if percent and spec.kind != "share":
            raise ValueError(f"{raw.strip()!r}: a percentage only fits a share (0-1)")
    elif isinstance(raw, (int, float)):
        number = float(raw)
    else:
        raise ValueError(f"expected a number, got {raw!r}")
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"{raw!r} must be a number of at least 0")
    if spec.kind == "share":
        if number > 1:
            raise ValueError(f"{raw!r} is a share: write it from 0 to 1 (or as a percentage)")
        return number
    if spec.kind == "count":
        if number != int(number):
            raise ValueError(f"{raw!r} is a count: write a whole number")
        return int(number)
    return number


def _first(value: Any, fallback: Any) -> Any:
    return fallback if value is None else value


# ------------------------------------------------------------ the metrics file


@dataclass(frozen=True)
class MetricsRow:
    """One row of a metrics file: which listing it is about (by target or by name) and its values."""

    line: int
    #: "target" or "name": the column that names the listing
    by: str
    key: str
    values: MetricValues

    def matches(self, target: str, name: str | None) -> bool:
        """Whether this row is about the listing with this target and name (names compare without case)."""
        if self.by == "target":
            return _same_target(self.key, target)
        return name is not None and name.strip().casefold() == self.key.casefold()


def read_metrics(path: Path) -> tuple[list[MetricsRow], list[MetricProblem]]:
    """The rows of a metrics CSV (exported from a CRM or an analytics tool) and the values that were dropped.

    A file that cannot be read, or has no `name` or `target` column, is a UsageError (exit 2): nothing can be
    matched. A row that names no listing is a problem of that row; unknown columns are ignored.
    """
    if path.suffix.lower() != ".csv":
        raise UsageError(f"{path}: a metrics file must be .csv")
    text = read_text(path, "metrics")
    rows: list[MetricsRow] = []
    problems: list[MetricProblem] = []
    for line, cells in _csv_records(text, path):
        values = read_values(cells, path.name, line)
        problems.extend(values.problems)
        target, name = (cells.get("target") or "").strip(), (cells.get("name") or "").strip()
        if not target and not name:
            problems.append(MetricProblem(path.name, line, "name", f"{path.name}: line {line}, column name: "
                                          "no name or target, so this row is about no listing"))
            continue
        if target and not target.lower().startswith(("http://", "https://")):
            target = str((path.resolve().parent / target).resolve())  # as the LISTINGS file resolves a path
        rows.append(MetricsRow(line, "target" if target else "name", target or name, values))
    return rows, problems


def match_rows(rows: list[MetricsRow], listings: list[tuple[str, str | None]],
               file: str) -> tuple[dict[int, MetricValues], list[MetricProblem]]:
    """Which listing (an index into `listings`, given as (target, name)) each metrics row is about.

    A row that matches no listing, or a name that two listings share, is a problem of that row; when two rows
    are about one listing, the later one wins for the values it gives.
    """
    found: dict[int, MetricValues] = {}
    problems = []
    for row in rows:
        hits = [i for i, (target, name) in enumerate(listings) if row.matches(target, name)]
        if len(hits) != 1:
            why = (f"no listing has the {row.by} {row.key!r}" if not hits
                   else f"{len(hits)} listings have the {row.by} {row.key!r}; give its target instead")
            problems.append(MetricProblem(file, row.line, row.by, f"{file}: line {row.line}, column {row.by}: {why}"))
            continue
        before = found.get(hits[0], MetricValues())
        found[hits[0]] = MetricValues(row.values.metrics.over(before.metrics), row.values.origin or before.origin,
                                      row.values.owner or before.owner)
    return found, problems


def _csv_records(text: str, path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(first line, {column: cell}) of each data row; blank lines and `#` lines are skipped."""
    header: list[str] | None = None
    for start, cells in records(text, path):
        if header is None:
            header = [c.strip().lower() for c in cells]
            if "name" not in header and "target" not in header:
                raise UsageError(f"{path}: the header row needs a name or a target column (and metric columns: "
                                 f"{', '.join([*METRICS, *TEXT_COLUMNS])})")
            continue
        yield start, dict(zip(header, cells, strict=False))
    if header is None:
        raise UsageError(f"{path}: no header row")


def _same_target(a: str, b: str) -> bool:
    web = ("http://", "https://")
    if a.lower().startswith(web) and b.lower().startswith(web):
        return normalise(a) == normalise(b)
    return a == b
