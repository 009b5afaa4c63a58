"""A stand-in for the audit queue (the handlers' side of it), for the API and page tests that need no workers."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from starlette.testclient import TestClient

from auditor.serve.app import create_app
from auditor.serve.auth import Auth
from auditor.serve.context import Dashboard
from auditor.serve.guard import AuditRequest, Guard
from auditor.serve.jobs import Job, QueueFull

TOKEN = "a-token-of-the-team-0123456789"
#: the Host a browser on this machine sends
LOCAL = "http://127.0.0.1:8765"


@dataclass
class FakeQueue:
    """Keeps what was submitted; full after `limit` jobs."""

    limit: int = 5
    jobs: dict[str, Job] = field(default_factory=dict)

    def submit(self, request: AuditRequest) -> Job:
        if len(self.jobs) >= self.limit:
            raise QueueFull(f"{self.limit} audits are already waiting; try again in a minute")
        job = Job(f"job{len(self.jobs)}", request.target, request.profile, request.marketplace,
                  "2026-12-07T10:00:00+00:00")
        self.jobs[job.id] = job
        return job

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def wait(self, job_id: str, version: int, timeout: float) -> Job | None:
        job = self.jobs.get(job_id)
        return None if job is None else replace(job, version=version + 1)

    def counts(self) -> dict[str, int]:
        return {"queued": len(self.jobs), "running": 0, "done": 0, "failed": 0}


def client(history: Path, token: str | None = None, queue: FakeQueue | None = None,
           guard: Guard | None = None) -> TestClient:
    """A client of the app over `history`, as a browser on this machine."""
    board = Dashboard(history, queue or FakeQueue(), guard or Guard(), Auth(token))
    return TestClient(create_app(board), base_url=LOCAL, follow_redirects=False)
