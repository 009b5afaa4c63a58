"""The LISTINGS file of `listing-audit batch`: one listing a row, in CSV or TOML.

A problem with the file as a whole (missing, wrong type, bad TOML, no `target` column, no rows) is a
UsageError; a problem with one row becomes a RowError naming its line, and the other rows still load.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.errors import UsageError
from auditor.extract.stores import marketplace_ids
from auditor.judge.scoring import PROFILES
from auditor.portfolio.csvfile import read_text, records
from auditor.portfolio.metrics import METRICS, ListingMetrics, MetricProblem, read_values
from auditor.urls import normalise, web_address

#: the columns (CSV) or keys (TOML) of a listing; only `target` is required
FIELDS = ("target", "name", "marketplace", "profile", "owner", "segment")
#: optional columns or keys beside them: the operating numbers (see auditor.portfolio.metrics) and the origin
METRIC_FIELDS = (*METRICS, "origin")
_KNOWN = (*FIELDS, *METRIC_FIELDS)
AUTO = "auto"
_SLUG_CHARS = 48
_HEADER = re.compile(r"^\s*\[\[\s*listing\s*\]\]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


@dataclass(frozen=True)
class ListingEntry:
    """One listing to audit, as the LISTINGS file states it."""

    #: 1-based line in the file: the row's first physical line (CSV) or its `[[listing]]` header (TOML)
    line: int
    #: a listing URL as written, or the absolute path of a draft file or docs folder
    target: str
    name: str | None = None
    marketplace: str = AUTO
    #: None runs the batch's default profile
    profile: str | None = None
    owner: str | None = None
    segment: str | None = None
    #: the operating numbers given in the file's optional columns (a `--metrics` file adds to or overrides them)
    metrics: ListingMetrics = ListingMetrics()
    #: "strategic" or "reactive" (built for one customer); None when the file does not say
    origin: str | None = None
    #: optional values that were dropped (not a number, out of range): the row still runs
    value_problems: tuple[MetricProblem, ...] = ()

    @property
    def key(self) -> str:
        """Stable, filesystem-safe and unique per target: the listing's report folder, `DIR/listings/<key>/`."""
        digest = hashlib.sha1(self.target.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
        return f"{_slug(self.name or _label(self.target))}-{digest}"


@dataclass(frozen=True)
class RowError:
    """A row that cannot run, and why (the message starts with "line N: ")."""

    line: int
    message: str


def read_listings(path: Path) -> tuple[list[ListingEntry], list[RowError]]:
    """The listings of a CSV or TOML file and the rows that were refused."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".toml"):
        raise UsageError(f"{path}: a listings file must be .csv or .toml")
    text = read_text(path, "listings")
    rows = list(_csv_rows(text, path) if suffix == ".csv" else _toml_rows(text, path))
    if not rows:
        raise UsageError(f"{path}: no listings in the file")
    return _validate(rows, path.resolve().parent, path.name)


# ------------------------------------------------------------ reading rows


@dataclass(frozen=True)
class _Row:
    """One row as read: its line, its known fields, and what is wrong with its shape (if anything)."""

    line: int
    #: text cells (CSV), or TOML values: text, and numbers for the metric keys
    values: Mapping[str, Any]
    problem: str | None = None


def _csv_rows(text: str, path: Path) -> Iterator[_Row]:
    """Each data row; blank lines and `#` comment lines are skipped, unknown columns ignored."""
    header: list[str] | None = None
    for start, cells in records(text, path):
        if header is None:
            header = _header(cells, path)
            continue
        extra = [c.strip() for c in cells[len(header):] if c.strip()]
        values = {name: cell for name, cell in zip(header, cells, strict=False) if name in _KNOWN}
        problem = (f"more cells than the header has columns ({', '.join(extra)}); quote values that hold commas"
                   if extra else None)
        yield _Row(start, values, problem)
    if header is None:
        raise UsageError(f"{path}: no header row (columns: {', '.join(FIELDS)}; target is required)")


def _header(cells: list[str], path: Path) -> list[str]:
    names = [c.strip().lower() for c in cells]
    if "target" not in names:
        raise UsageError(f"{path}: no target column in the header row (columns: {', '.join(FIELDS)})")
    twice = sorted({n for n in names if n and names.count(n) > 1})
    if twice:
        raise UsageError(f"{path}: column {twice[0]!r} appears twice in the header row")
    return names


def _toml_rows(text: str, path: Path) -> Iterator[_Row]:
    """Each `[[listing]]` table, with the line of its header."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None
    unknown = [k for k in data if k != "listing"]
    if unknown:
        raise UsageError(f"{path}: unknown top-level key {unknown[0]!r} (write each listing as a [[listing]] table)")
    tables = data.get("listing", [])
    if not isinstance(tables, list):
        raise UsageError(f"{path}: `listing` must be an array of tables ([[listing]])")
    numbered = list(enumerate(text.splitlines(), start=1))
    lines = [n for n, line in numbered if _HEADER.match(line)]
    if len(lines) != len(tables):  # written inline (listing = [{...}]): every row gets the line of `listing`
        lines = [next((n for n, line in numbered if line.lstrip().startswith("listing")), 1)] * len(tables)
    for line, table in zip(lines, tables, strict=True):
        yield _toml_row(line, table)


def _toml_row(line: int, table: Any) -> _Row:
    """Unlike a CSV column, an unknown key is a row error: in TOML it is a typo of one listing."""
    if not isinstance(table, Mapping):
        return _Row(line, {}, "each listing must be a [[listing]] table")
    unknown = [k for k in table if k not in _KNOWN]
    wrong = [k for k in table if k in FIELDS and not isinstance(table[k], str)]
    problem = (f"unknown key {unknown[0]!r} (known: {', '.join(FIELDS)}; origin and the metrics "
                f"{', '.join(METRICS)})" if unknown
               else f"{wrong[0]} must be a string, got {table[wrong[0]]!r}" if wrong else None)
    return _Row(line, {k: v for k, v in table.items() if k in METRIC_FIELDS or isinstance(v, str)}, problem)


# ------------------------------------------------------------ validating rows


def _validate(rows: list[_Row], base: Path, file: str) -> tuple[list[ListingEntry], list[RowError]]:
    entries: list[ListingEntry] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    keys: dict[str, int] = {}
    for row in rows:
        try:
            entry = _entry(row, base, file)
            identity = _identity(entry.target)
            if identity in seen:
                raise _RowProblem(f"duplicate target {entry.target} (first on line {seen[identity]})")
            if entry.key in keys:  # two targets whose slug and short hash coincide: vanishingly rare
                raise _RowProblem(f"its report folder {entry.key} collides with line {keys[entry.key]}'s; rename it")
        except _RowProblem as problem:
            errors.append(RowError(row.line, f"line {row.line}: {problem}"))
            continue
        seen[identity] = keys[entry.key] = row.line
        entries.append(entry)
    return entries, errors


class _RowProblem(Exception):
    """Why one row cannot run."""


def _entry(row: _Row, base: Path, file: str) -> ListingEntry:
    if row.problem:
        raise _RowProblem(row.problem)
    values = {k: v.strip() or None for k, v in row.values.items() if k in FIELDS}
    target = values.get("target")
    if not target:
        raise _RowProblem("no target")
    profile = (values.get("profile") or "").lower() or None
    if profile is not None and profile not in PROFILES:
        raise _RowProblem(f"unknown profile {profile!r} (choose {', '.join(PROFILES)})")
    marketplace = (values.get("marketplace") or AUTO).lower()
    if marketplace != AUTO and marketplace not in marketplace_ids():
        raise _RowProblem(f"unknown marketplace {marketplace!r} (choose {AUTO}, {', '.join(marketplace_ids())})")
    measured = read_values({k: v for k, v in row.values.items() if k in METRIC_FIELDS}, file, row.line)
    return ListingEntry(line=row.line, target=_target(target, base), name=values.get("name"), marketplace=marketplace,
                        profile=profile, owner=values.get("owner"), segment=values.get("segment"),
                        metrics=measured.metrics, origin=measured.origin, value_problems=measured.problems)


def _target(target: str, base: Path) -> str:
    """A listing URL as written; a path resolved against the LISTINGS file's folder (it must exist)."""
    target = target.strip()
    scheme = _SCHEME.match(target)
    if scheme and scheme.group(1).lower() in ("http", "https"):
        try:
            return web_address(target)
        except ValueError as exc:
            raise _RowProblem(str(exc)) from None
    if scheme:
        raise _RowProblem(f"unsupported target {target} (a listing URL starts with http:// or https://)")
    path = Path(target).expanduser()
    resolved = (path if path.is_absolute() else base / path).resolve()
    if not resolved.exists():
        raise _RowProblem(f"no such file or folder: {resolved}")
    return str(resolved)


def _identity(target: str) -> str:
    """What makes two targets the same listing: the canonical URL, or the resolved path."""
    return normalise(target) if target.lower().startswith(("http://", "https://")) else target


# ------------------------------------------------------------ keys


def _label(target: str) -> str:
    """A readable stand-in for a name: the URL without its scheme, or the last two parts of a path."""
    if target.lower().startswith(("http://", "https://")):
        return target.split("://", 1)[1]
    return "-".join(Path(target).parts[-2:])


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:_SLUG_CHARS].rstrip("-") or "listing"
