"""The batch: read LISTINGS, audit what is not done yet, write each report, then the portfolio.

A re-run resumes: a listing whose report.json is already in DIR (for the same profile) is read back, not
audited again, unless `force` is set. Listings that failed are always tried again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.batch.pools import DaskPool, LocalPool, Pool
from auditor.batch.task import ListingJob, ListingOutcome
from auditor.config import AuditSettings, CrawlSettings
from auditor.errors import UsageError
from auditor.history.store import HistoryError, HistoryStore
from auditor.history.trends import PortfolioTrends, portfolio_trends
from auditor.jsonfile import read_json
from auditor.monitoring import MonitorSettings, monitor
from auditor.portfolio.build import Portfolio, build_portfolio, load_previous
from auditor.portfolio.criteria import PortfolioCriteria
from auditor.portfolio.listings import ListingEntry, read_listings
from auditor.portfolio.metrics import MetricProblem, read_metrics
from auditor.portfolio.rows import PortfolioRow, attach_metrics, row_from_error, row_from_report
from auditor.report import json as json_report
from auditor.report import write_reports
from auditor.report.portfolio import write_portfolio

LISTINGS_FOLDER = "listings"


@dataclass(frozen=True)
class BatchSettings:
    """How a batch runs and what it writes."""

    out_dir: Path
    formats: tuple[str, ...] = ("html", "json")
    #: local worker processes (ignored with `dask`)
    workers: int = 2
    #: a Dask scheduler address ("tcp://host:8786"); None runs on this machine
    dask: str | None = None
    force: bool = False
    retries: int = 1
    #: the portfolio.json to compare with (default: the one already in out_dir)
    previous: Path | None = None
    criteria: PortfolioCriteria = field(default_factory=PortfolioCriteria)
    #: per-host requests per second across the whole batch (0: only the concurrency limit)
    host_rate: float = 0.0
    #: a CSV of operating numbers keyed by each listing's name or target (`--metrics`), over the LISTINGS columns
    metrics: Path | None = None
    #: compare with a previous portfolio.json (false for a throwaway run whose targets change every time: the demo)
    compare: bool = True
    #: the history each audited listing is added to, and where alerts go
    monitor: MonitorSettings = field(default_factory=MonitorSettings)


@dataclass
class BatchResult:
    """What a batch did."""

    portfolio: Portfolio
    files: list[Path]
    audited: int
    resumed: int
    failed: int
    #: the most requests in flight at once per host, across every listing (empty when nothing was crawled)
    peaks: dict[str, int]
    seconds: float


def run_batch(listings: Path, crawl: CrawlSettings, audit: AuditSettings, settings: BatchSettings,
              say: Callable[[str], None] = lambda _: None) -> BatchResult:
    """Audit every listing of `listings` into `settings.out_dir` and write the portfolio there."""
    started = time.perf_counter()
    entries, row_errors = read_listings(listings)
    for problem in row_errors:
        say(f"skipped {problem.message}")
    metric_rows, metric_problems = read_metrics(settings.metrics) if settings.metrics else ([], [])
    previous = load_previous(settings.previous or settings.out_dir / "portfolio.json") if settings.compare else None
    rows: dict[str, PortfolioRow] = {}
    jobs: list[ListingJob] = []
    for entry in entries:
        job = ListingJob(entry, crawl, audit, settings.retries)
        done = None if settings.force else _finished_report(settings.out_dir, entry, job.settings.profile)
        if done is not None:
            rows[entry.key] = row_from_report(entry, done, _report_link(entry, settings.formats), attempts=0)
        else:
            jobs.append(job)
    if rows:
        say(f"{len(rows)} listing(s) already audited in {settings.out_dir} (use --force to audit them again)")
    by_key = {job.entry.key: job for job in jobs}
    failed = 0
    peaks: dict[str, int] = {}
    if jobs:
        pool = _pool(settings, crawl)
        try:
            for done_count, outcome in enumerate(pool.run(jobs), 1):
                job = by_key[outcome.key]
                rows[outcome.key] = _row(job, outcome, settings, say)
                failed += outcome.error is not None
                say(_progress_line(done_count, len(jobs), rows[outcome.key]))
            peaks = pool.peaks()
        finally:
            pool.close()
    ordered, unmatched = attach_metrics([rows[e.key] for e in entries], metric_rows,
                                        settings.metrics.name if settings.metrics else "")
    problems: list[MetricProblem] = [*(p for e in entries for p in e.value_problems), *metric_problems, *unmatched]
    for dropped in problems:
        say(f"dropped {dropped.message}")
    portfolio = build_portfolio(ordered, settings.criteria, row_errors, previous, metric_problems=problems)
    portfolio.trends = _trends(settings.monitor, portfolio.rows, say)
    files = write_portfolio(portfolio, settings.out_dir)
    return BatchResult(portfolio, files, len(jobs), len(entries) - len(jobs), failed, peaks,
                       time.perf_counter() - started)


def _trends(settings: MonitorSettings, rows: list[PortfolioRow], say: Callable[[str], None]) -> PortfolioTrends | None:
    """Each listing's and each category's trend from the history; None without one (or when it cannot be read)."""
    if settings.history is None:
        return None
    try:
        with HistoryStore(settings.history) as store:
            return portfolio_trends(store, [(r.key, r.target, r.profile) for r in rows if r.profile])
    except HistoryError as exc:
        say(f"warning: no trends on the dashboard: {exc}")
        return None


def _pool(settings: BatchSettings, crawl: CrawlSettings) -> Pool:
    interval = 1.0 / settings.host_rate if settings.host_rate > 0 else 0.0
    if settings.dask:
        return DaskPool(settings.dask, crawl.per_host, interval)
    return LocalPool(settings.workers, crawl.per_host, interval)


def _row(job: ListingJob, outcome: ListingOutcome, settings: BatchSettings,
         say: Callable[[str], None]) -> PortfolioRow:
    entry = job.entry
    if outcome.report is None:
        return row_from_error(entry, outcome.error or "unknown error", outcome.attempts,
                              default_profile=job.settings.profile, seconds=outcome.seconds)
    formats = list(dict.fromkeys([*settings.formats, "json"]))  # report.json is what a re-run resumes from
    folder = settings.out_dir / LISTINGS_FOLDER / entry.key
    # the batch's own process keeps the history: workers never open it, so a cluster run needs no shared file
    report = monitor(outcome.report, str((folder / "report.json").resolve()), settings.monitor,
                     lambda line: say(f"warning: {entry.name or entry.target}: {line}"))
    write_reports(report, folder, formats)
    data = json.loads(json_report.render(report))
    return row_from_report(entry, data, _report_link(entry, settings.formats), outcome.attempts, outcome.seconds)


def _finished_report(out_dir: Path, entry: ListingEntry, profile: str) -> dict[str, Any] | None:
    path = out_dir / LISTINGS_FOLDER / entry.key / "report.json"
    if not path.is_file():
        return None
    try:
        data = read_json(path, "report")
    except UsageError:  # a damaged report is audited again
        return None
    return data if isinstance(data, dict) and data.get("profile") == profile else None


def _report_link(entry: ListingEntry, formats: tuple[str, ...]) -> str | None:
    return f"{LISTINGS_FOLDER}/{entry.key}/report.html" if "html" in formats else None


def _progress_line(done: int, total: int, row: PortfolioRow) -> str:
    outcome = f"error: {row.error}" if row.error else f"{row.score:.0f} {row.verdict}" if row.score is not None \
        else row.verdict
    return f"[{done}/{total}] {row.name or row.target}: {outcome}"
