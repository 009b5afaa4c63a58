"""What every handler of the server shares: the history file, the audit queue, the operator's guard and the
token; and the one way an audit is asked for, from the API or the form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from auditor.errors import UsageError
from auditor.history.store import HistoryStore
from auditor.serve.auth import Auth, Throttle
from auditor.serve.guard import AuditRequest, Guard, Refused
from auditor.serve.jobs import Job, QueueFull, ShuttingDown

#: seconds a client is asked to wait after a 429
RETRY_AFTER = 30
#: the largest body the server reads (an audit request or a form is a few hundred bytes)
MAX_BODY = 64 * 1024


class Audits(Protocol):
    """The audit queue as the handlers use it (jobs.AuditQueue)."""

    def submit(self, request: AuditRequest) -> Job:
        """Queue an audit; raises QueueFull or ShuttingDown."""

    def get(self, job_id: str) -> Job | None:
        """The job as it stands."""

    def wait(self, job_id: str, version: int, timeout: float) -> Job | None:
        """The job once it changed past `version`, or after `timeout` seconds."""

    def counts(self) -> dict[str, int]:
        """Jobs per status."""


@dataclass(frozen=True)
class Dashboard:
    """The server's shared state (on `app.state.dashboard`)."""

    history: Path
    queue: Audits
    guard: Guard
    auth: Auth
    #: the crawl's page bound, shown beside the pages fetched
    max_pages: int = 100
    #: wrong tokens by client address (the login form and bearer tokens alike)
    throttle: Throttle = field(default_factory=Throttle)

    def store(self) -> HistoryStore:
        """The history, opened for one request (SQLite connections are not shared between threads)."""
        return HistoryStore(self.history)


class Rejected(Exception):
    """An audit the server will not queue, with the HTTP status that says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    @property
    def headers(self) -> dict[str, str]:
        """Retry-After on a full queue."""
        return {"Retry-After": str(RETRY_AFTER)} if self.status == 429 else {}


class TooLarge(Exception):
    """A request body over MAX_BODY."""


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request's body, read no further than `limit` bytes (TooLarge past it)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise TooLarge(f"the body is over {limit // 1024} KiB")
    return bytes(body)


def dashboard(request: Request) -> Dashboard:
    """The server's state from a request."""
    found: Dashboard = request.app.state.dashboard
    return found


async def submit(board: Dashboard, fields: Mapping[str, object]) -> Job:
    """Check and queue one audit; raises Rejected (400 bad input, 403 refused, 429 queue full, 503 stopping)."""
    try:
        request = await run_in_threadpool(board.guard.check, fields)  # resolving the host may take a moment
    except Refused as exc:
        raise Rejected(403, str(exc)) from None
    except UsageError as exc:
        raise Rejected(400, str(exc)) from None
    try:
        return board.queue.submit(request)
    except QueueFull as exc:
        raise Rejected(429, str(exc)) from None
    except ShuttingDown as exc:
        raise Rejected(503, str(exc)) from None
