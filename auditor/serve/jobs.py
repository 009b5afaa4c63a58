"""The server's audits, off the request path: a bounded queue feeding worker processes.

A request adds a Job (or is told the queue is full); worker processes (spawned, one Chromium each) take them in
order and report their stages on an event queue, which one thread of the server reads into the jobs. A worker that
dies takes only its own audit with it: that job fails with the reason and a new worker takes the dead one's place.
On shutdown, queued audits are cancelled, running ones get `grace` seconds to finish, and the rest are stopped.
"""

from __future__ import annotations

import multiprocessing
import queue
import secrets
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from multiprocessing.process import BaseProcess
from typing import Any

from auditor.serve.guard import AuditRequest
from auditor.serve.listings import report_links
from auditor.serve.worker import Event, Task, WorkerSettings, worker_main

STATUSES = ("queued", "running", "done", "failed")
BEFORE = "cancelled: the server stopped before the audit began"
DURING = "cancelled: the server stopped during the audit"
#: seconds between two looks at whether every worker is still alive
WATCH_EVERY = 0.5


class QueueFull(Exception):
    """As many audits are waiting as the server holds: ask again later."""


class ShuttingDown(Exception):
    """The server is stopping and takes no new audits."""


@dataclass
class Job:
    """One audit the server was asked for, as the API and the progress page show it."""

    id: str
    target: str
    profile: str
    marketplace: str
    submitted_at: str
    status: str = "queued"
    #: queued, crawling, writing, done or failed
    stage: str = "queued"
    pages_fetched: int = 0
    started_at: str | None = None
    finished_at: str | None = None
    error: str | None = None
    #: the history's id of the finished audit (its report is /reports/<audit_id>)
    audit_id: int | None = None
    score: float | None = None
    verdict: str | None = None
    #: bumped on every change, so a progress stream sends only what is new
    version: int = field(default=0, compare=False)

    def data(self) -> dict[str, Any]:
        """The job as the API gives it."""
        found = asdict(self)
        del found["version"]
        return {**found, **report_links(self.audit_id)}


class AuditQueue:
    """`workers` processes auditing the jobs of a queue that holds at most `limit` waiting ones."""

    def __init__(self, settings: WorkerSettings, workers: int = 2, limit: int = 20, grace: float = 30.0,
                 keep: int = 1000) -> None:
        self.settings = settings
        self.limit = limit
        self.grace = grace
        #: finished jobs kept in memory for `GET /api/audits/{id}` and their pages
        self.keep = keep
        self._context = multiprocessing.get_context("spawn")  # the server has threads; fork would copy their locks
        self._tasks: Any = self._context.Queue()
        self._events: Any = self._context.Queue()
        self._jobs: dict[str, Job] = {}
        #: per worker, the id of the job it holds (shared memory the worker writes before it starts one)
        self._current = [self._context.Array("c", 32, lock=False) for _ in range(workers)]
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._closing = False
        self._closed = False
        self._workers: list[BaseProcess] = [self._spawn(i) for i in range(workers)]
        self._reader = threading.Thread(target=self._read_events, name="audit-events", daemon=True)
        self._watcher = threading.Thread(target=self._watch_workers, name="audit-workers", daemon=True)
        self._reader.start()
        self._watcher.start()

    # ------------------------------------------------------------ the request side

    def submit(self, request: AuditRequest) -> Job:
        """Queue an audit; raises QueueFull or ShuttingDown."""
        with self._lock:
            if self._closing:
                raise ShuttingDown("the server is stopping")
            if sum(1 for j in self._jobs.values() if j.status == "queued") >= self.limit:
                raise QueueFull(f"{self.limit} audits are already waiting; try again in a minute")
            job = Job(secrets.token_hex(8), request.target, request.profile, request.marketplace, _now())
            self._forget_old()
            self._jobs[job.id] = job
            self._tasks.put(Task(job.id, request))
            return job

    def _forget_old(self) -> None:
        """Keep the last `keep` finished jobs (the history keeps every finished audit; a job is its progress)."""
        finished = [i for i, j in self._jobs.items() if j.status in ("done", "failed")]
        for job_id in finished[:max(0, len(finished) - self.keep)]:
            del self._jobs[job_id]

    def get(self, job_id: str) -> Job | None:
        """A copy of the job as it stands (None for an id the server does not know)."""
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else Job(**asdict(job))

    def wait(self, job_id: str, version: int, timeout: float) -> Job | None:
        """The job once it has changed past `version` (or as it is after `timeout` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: (j := self._jobs.get(job_id)) is None or j.version > version, timeout)
            job = self._jobs.get(job_id)
            return None if job is None else Job(**asdict(job))

    def counts(self) -> dict[str, int]:
        """How many jobs are in each status."""
        with self._lock:
            return {s: sum(1 for j in self._jobs.values() if j.status == s) for s in STATUSES}

    # ------------------------------------------------------------ shutdown

    def close(self) -> None:
        """Cancel what waits, give running audits `grace` seconds, stop the workers, fail what they left."""
        with self._lock:
            if self._closed:
                return
            self._closing = self._closed = True
        while True:  # the waiting tasks are taken back, so no worker starts them
            try:
                task = self._tasks.get(timeout=0.1)  # a put may still be in the queue's feeder thread
            except queue.Empty:
                break
            self._finish(task.job, "failed", BEFORE)
        for _ in self._workers:
            self._tasks.put(None)
        deadline = time.monotonic() + self.grace
        for process in self._workers:
            process.join(max(0.0, deadline - time.monotonic()))
        for process in self._workers:
            if process.is_alive():
                process.terminate()  # the worker's SIGTERM handler stops its Chromium on the way out
                process.join(5)
            if process.is_alive():
                process.kill()
                process.join(5)
        self._drain()
        with self._lock:
            left = [(j.id, j.status) for j in self._jobs.values() if j.status in ("queued", "running")]
        for job_id, status in left:
            self._finish(job_id, "failed", BEFORE if status == "queued" else DURING)
        self._events.put(None)
        self._reader.join(5)

    # ------------------------------------------------------------ the workers' side

    def _spawn(self, index: int) -> BaseProcess:
        args = (index, self._tasks, self._events, self._current[index], self.settings)
        process = self._context.Process(target=worker_main, args=args, name=f"listing-audit-worker-{index}",
                                        daemon=True)
        process.start()
        return process

    def _read_events(self) -> None:
        while (event := self._events.get()) is not None:
            self._apply(event)

    def _drain(self) -> None:
        """Apply the events the workers sent before they stopped."""
        while True:
            try:
                event = self._events.get(timeout=0.2)
            except queue.Empty:
                return
            if event is None:
                return
            self._apply(event)

    def _apply(self, event: Event) -> None:
        with self._changed:
            job = self._jobs.get(event.job)
            if job is None or job.status in ("done", "failed"):
                return
            if job.status == "queued":
                job.status, job.started_at = "running", _now()
            job.stage = event.stage
            job.pages_fetched = max(job.pages_fetched, event.pages)
            if event.stage in ("done", "failed"):
                job.status, job.finished_at, job.error = event.stage, _now(), event.error
                job.audit_id, job.score, job.verdict = event.audit_id, event.score, event.verdict
            job.version += 1
            self._changed.notify_all()

    def _finish(self, job_id: str, status: str, error: str) -> None:
        with self._changed:
            job = self._jobs.get(job_id)
            if job is None or job.status in ("done", "failed"):
                return
            job.status, job.stage, job.error, job.finished_at = status, status, error, _now()
            job.version += 1
            self._changed.notify_all()

    def _watch_workers(self) -> None:
        """A worker that died (killed, out of memory, a crash in Chromium's driver) fails its audit and is
        replaced."""
        while True:
            time.sleep(WATCH_EVERY)
            with self._lock:
                if self._closing:
                    return
                dead = [(i, p) for i, p in enumerate(self._workers) if not p.is_alive()]
            for index, process in dead:
                job_id = self._current[index].value.decode()
                self._current[index].value = b""
                if job_id:
                    self._finish(job_id, "failed", f"the worker process stopped during the audit (exit code "
                                                   f"{process.exitcode})")
                with self._lock:
                    if not self._closing:
                        self._workers[index] = self._spawn(index)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
