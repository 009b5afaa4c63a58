"""A worker process of the server: takes audits off the task queue one at a time, runs the same pipeline as
`listing-audit audit` with one Chromium kept for all its audits (as a batch worker does), writes the report, adds it
to the history and says how it went on the event queue. It never raises: a failed audit is an event with its reason.
"""

from __future__ import annotations

import signal
import sys
import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from auditor.batch.task import WorkerBrowser
from auditor.config import AuditSettings, CrawlSettings
from auditor.errors import AuditError
from auditor.history.store import HistoryError, HistoryStore
from auditor.model import Page
from auditor.monitoring import MonitorSettings, monitor
from auditor.pipeline import run
from auditor.report import write_reports
from auditor.serve.guard import AuditRequest

#: what the server writes of each audit (json is what the history points at; html is what the dashboard shows)
FORMATS = ("json", "html")
#: seconds between two progress events of one crawl, at most (a docs site of hundreds of pages)
PROGRESS_EVERY = 0.25


@dataclass(frozen=True)
class WorkerSettings:
    """What every audit of the server shares."""

    crawl: CrawlSettings
    audit: AuditSettings
    history: Path
    #: one folder per audit, named by its job id
    reports: Path


@dataclass(frozen=True)
class Task:
    """One audit for a worker."""

    job: str
    request: AuditRequest


@dataclass(frozen=True)
class Event:
    """What a worker says about a job: its stage, pages fetched so far, and at the end its outcome."""

    job: str
    stage: str
    worker: int = 0
    pages: int = 0
    error: str | None = None
    audit_id: int | None = None
    score: float | None = None
    verdict: str | None = None


class Outbox(Protocol):
    """Where events go (a multiprocessing queue)."""

    def put(self, item: Any) -> None:
        """Send one event."""


class Inbox(Protocol):
    """Where tasks come from (a multiprocessing queue); None means stop."""

    def get(self) -> Any:
        """The next task, waiting for one."""


def worker_main(index: int, tasks: Inbox, events: Outbox, current: Any, settings: WorkerSettings) -> None:
    """The worker process: audit each task until a None arrives or the server terminates it. `current` (shared
    memory, bytes) holds the id of the job in hand, so the server knows which audit a dead worker took with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group; the server decides
    signal.signal(signal.SIGTERM, _stop)
    browser = WorkerBrowser()
    try:
        while (task := tasks.get()) is not None:
            current.value = task.job.encode()
            events.put(Event(task.job, "crawling", index))
            events.put(audit(task, settings, browser, events, index))
            current.value = b""
    except SystemExit:
        pass
    finally:
        browser.stop()


def audit(task: Task, settings: WorkerSettings, browser: WorkerBrowser, events: Outbox, index: int = 0) -> Event:
    """Run one audit to its final event ("done" or "failed" with the reason)."""
    request = task.request
    fetched, said = 0, 0.0

    def on_page(_: Page) -> None:
        nonlocal fetched, said
        fetched += 1
        if time.monotonic() - said >= PROGRESS_EVERY:
            said = time.monotonic()
            events.put(Event(task.job, "crawling", index, fetched))

    try:
        crawl = settings.crawl
        if crawl.use_browser and crawl.browser_endpoint is None:
            crawl = replace(crawl, browser_endpoint=browser.endpoint())
        settings_for = replace(settings.audit, profile=request.profile, marketplace=request.marketplace)
        report, _ = run(request.target, crawl, settings_for, on_page, workers=0)
        events.put(Event(task.job, "writing", index, fetched))
        out = settings.reports / task.job
        report = monitor(report, str((out / "report.json").resolve()), MonitorSettings(settings.history))
        write_reports(report, out, FORMATS)
        score = None if report.verdict == "unavailable" else report.score
        return Event(task.job, "done", index, fetched, audit_id=_audit_id(settings.history, report.target, out),
                     score=score, verdict=report.verdict)
    except AuditError as exc:
        return Event(task.job, "failed", index, fetched, error=str(exc))
    except Exception as exc:  # a bug of ours: this audit's failure, with where it happened, not the worker's end
        frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
        return Event(task.job, "failed", index, fetched, error=f"internal error: {type(exc).__name__}: {exc}{where}")


def _audit_id(history: Path, target: str, out: Path) -> int | None:
    """The history's id of the audit whose report is in `out` (None when it could not be recorded)."""
    report = str((out / "report.json").resolve())
    try:
        with HistoryStore(history) as store:
            return next((r.id for r in store.audits(target) if r.report == report), None)
    except HistoryError:
        return None


def _stop(*_: object) -> None:
    sys.exit(0)
