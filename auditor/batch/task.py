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
from auditor.errors import AuditError, UsageError
from auditor.model import Report
from auditor.pipeline import run
from auditor.portfolio.listings import AUTO, ListingEntry

#: seconds before the second attempt, doubled for each further one
RETRY_PAUSE = 2.0


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
            report, _ = run(job.entry.target, job.crawl, job.settings, gate=gate, workers=0)
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
