"""The audit queue with real worker processes: an audit runs to its report and the history; a full queue says so;
a worker that dies fails only its own audit and is replaced; shutdown cancels what waits and stops what runs."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from auditor.config import AuditSettings, CrawlSettings
from auditor.history.store import HistoryStore
from auditor.serve.guard import AuditRequest
from auditor.serve.jobs import AuditQueue, Job, QueueFull, ShuttingDown
from auditor.serve.worker import WorkerSettings

pytestmark = pytest.mark.slow  # worker processes are spawned: a second or two each


class _Slow(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(20)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture(scope="module")
def slow_site() -> Iterator[str]:
    """A listing that takes 20 s to answer: its audit is still running when the test acts."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/listing/"
    server.shutdown()


def settings(tmp_path: Path) -> WorkerSettings:
    crawl = CrawlSettings(use_browser=False, allow_hosts=frozenset({"127.0.0.1"}), cache_dir=None, timeout=30,
                          retries=0, max_pages=20)
    return WorkerSettings(crawl, AuditSettings(), tmp_path / "history.sqlite", tmp_path / "reports")


def until(queue: AuditQueue, job_id: str, statuses: tuple[str, ...], timeout: float = 60) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = queue.get(job_id)
        assert job is not None
        if job.status in statuses:
            return job
        time.sleep(0.1)
    raise AssertionError(f"{job_id} never reached {statuses}: {queue.get(job_id)}")


def request(target: str) -> AuditRequest:
    return AuditRequest(target, "distribution", "auto")


def test_an_audit_runs_to_its_report_and_the_history(server, tmp_path):
    queue = AuditQueue(settings(tmp_path), workers=1)
    try:
        job = queue.submit(request(f"{server.url}/strong/listing/"))
        done = until(queue, job.id, ("done", "failed"))
    finally:
        queue.close()
    assert done.status == "done", done.error
    assert done.pages_fetched > 3 and done.verdict == "ready" and done.audit_id is not None
    assert (tmp_path / "reports" / job.id / "report.html").is_file()
    with HistoryStore(tmp_path / "history.sqlite") as store:
        [stored] = store.audits()
    assert stored.id == done.audit_id and stored.report == str(tmp_path / "reports" / job.id / "report.json")


def test_a_full_queue_refuses_and_shutdown_cancels_what_waits_and_stops_what_runs(slow_site, tmp_path):
    queue = AuditQueue(settings(tmp_path), workers=1, limit=1, grace=1)
    first = queue.submit(request(slow_site))
    with pytest.raises(QueueFull):  # the first still waits for the worker to start
        queue.submit(request(slow_site))
    until(queue, first.id, ("running",))
    second = queue.submit(request(slow_site))
    started = time.monotonic()
    queue.close()
    assert time.monotonic() - started < 15
    with pytest.raises(ShuttingDown):
        queue.submit(request(slow_site))
    first_after, second_after = queue.get(first.id), queue.get(second.id)
    assert first_after is not None and second_after is not None
    assert (first_after.status, first_after.error) == ("failed", "cancelled: the server stopped during the audit")
    assert (second_after.status, second_after.error) == ("failed",
                                                         "cancelled: the server stopped before the audit began")


def test_a_dead_worker_fails_its_audit_and_is_replaced(slow_site, server, tmp_path):
    queue = AuditQueue(settings(tmp_path), workers=1)
    try:
        doomed = queue.submit(request(slow_site))
        until(queue, doomed.id, ("running",))
        queue._workers[0].kill()
        failed = until(queue, doomed.id, ("failed", "done"), timeout=10)
        assert failed.status == "failed" and failed.error == ("the worker process stopped during the audit "
                                                              "(exit code -9)")
        after = queue.submit(request(f"{server.url}/weak/listing/"))
        assert until(queue, after.id, ("done", "failed")).status == "done"
    finally:
        queue.close()


def test_only_the_last_finished_jobs_are_kept_in_memory(tmp_path):
    queue = AuditQueue(settings(tmp_path), workers=0, keep=2)
    try:
        jobs = [queue.submit(request(f"https://apps.example.com/{n}")) for n in range(4)]
        for job in jobs[:3]:
            queue._finish(job.id, "failed", "stopped by the test")
        queue.submit(request("https://apps.example.com/next"))
        assert [queue.get(j.id) is not None for j in jobs] == [False, True, True, True]  # the waiting one stays
    finally:
        queue.close()
