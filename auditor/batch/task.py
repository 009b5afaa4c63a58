"""One listing of a batch: audited with retries, its outcome a value that travels between processes.

This is what a local worker process or a Dask worker runs; it touches no files (the batch's own process
writes every report), so a run on a cluster and a run on this machine produce the same files.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, replace

from auditor.config import AuditSettings, CrawlSettings
from auditor.crawl.politeness import HostGate
from auditor.crawl.shared_browser import SharedChromium
from auditor.errors import AuditError, UsageError
from auditor.model import Report
from auditor.pipeline import run
from auditor.portfolio.listings import AUTO, ListingEntry

#: seconds before the second attempt, doubled for each further one
RETRY_PAUSE = 2.0


class WorkerBrowser:
    """The Chromium a worker process keeps for all its listings (started on first use, restarted if it died).

    One per process, as a module attribute: a worker runs one listing at a time, and starting Chromium per listing
    cost about 2 s of each. Where it cannot be started, each crawl launches its own as before.
    """

    def __init__(self) -> None:
        self._chromium: SharedChromium | None = None
        self._failed = False

    def endpoint(self) -> str | None:
        """The running Chromium's DevTools endpoint, or None (each crawl then launches its own)."""
        if self._failed:
            return None
        if self._chromium is None or not self._chromium.alive():
            try:
                self._chromium = SharedChromium()
            except (AuditError, OSError):
                self._failed = True
                return None
        return self._chromium.endpoint

    def stop(self) -> None:
        """Stop the Chromium (the next `endpoint()` starts another)."""
        if self._chromium is not None:
            self._chromium.stop()


_WORKER_BROWSER = WorkerBrowser()


@dataclass(frozen=True)
class ListingJob:
    """Everything a worker needs to audit one listing."""

    entry: ListingEntry
    crawl: CrawlSettings
    audit: AuditSettings
    #: further attempts after a failed one
    retries: int = 1

    @property
    def settings(self) -> AuditSettings:
        """The run's audit settings with this listing's own profile and marketplace."""
        audit = self.audit
        if self.entry.profile:
            audit = replace(audit, profile=self.entry.profile)
        if self.entry.marketplace != AUTO:
            audit = replace(audit, marketplace=self.entry.marketplace)
        return audit


@dataclass
class ListingOutcome:
    """A listing's report, or the error that stopped it, after `attempts` tries."""

    key: str
    report: Report | None
    error: str | None
    attempts: int
    seconds: float


def audit_listing(job: ListingJob, gate: HostGate | None = None) -> ListingOutcome:
    """Audit one listing, retrying what may be passing trouble; never raises."""
    started = time.perf_counter()
    attempts = 0
    while True:
        attempts += 1
        try:
            # parallelism is across listings here; a worker process of a batch starts no processes of its own
            crawl = job.crawl
            if crawl.use_browser and crawl.browser_endpoint is None:
                crawl = replace(crawl, browser_endpoint=_WORKER_BROWSER.endpoint())
            report, _ = run(job.entry.target, crawl, job.settings, gate=gate, workers=0)
            return ListingOutcome(job.entry.key, report, None, attempts, time.perf_counter() - started)
        except UsageError as exc:  # retrying cannot fix the input
            return ListingOutcome(job.entry.key, None, str(exc), attempts, time.perf_counter() - started)
        except AuditError as exc:
            error = str(exc)
        except Exception as exc:  # a bug of ours: this listing's error, not the batch's
            frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
            where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
            error = f"internal error: {type(exc).__name__}: {exc}{where}"
        if attempts > job.retries:
            return ListingOutcome(job.entry.key, None, error, attempts, time.perf_counter() - started)
        time.sleep(RETRY_PAUSE * 2 ** (attempts - 1))
