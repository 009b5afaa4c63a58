"""`listing-audit serve`: the dashboard's app (pages, API, token gate) and the server that runs it with its audit
queue. Binding to anything but loopback needs a token; the queue's workers stop with the server."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware

from auditor.config import AuditSettings, CrawlSettings
from auditor.errors import UsageError
from auditor.history.store import HistoryStore
from auditor.serve import api, pages
from auditor.serve.auth import MIN_TOKEN, Auth, TokenGate, is_loopback
from auditor.serve.context import Dashboard
from auditor.serve.guard import Guard
from auditor.serve.jobs import AuditQueue
from auditor.serve.worker import WorkerSettings

#: seconds open connections (a progress stream) get to end when the server stops, before the audits are stopped
CONNECTIONS_GRACE = 3


def create_app(board: Dashboard, on_shutdown: Callable[[], None] | None = None) -> Starlette:
    """The ASGI app over `board`; `on_shutdown` (stopping the audit queue) runs when the server stops."""
    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        if on_shutdown is not None:
            await run_in_threadpool(on_shutdown)

    app = Starlette(routes=[*api.ROUTES, *pages.ROUTES], lifespan=lifespan,
                    middleware=[Middleware(TokenGate, auth=board.auth, throttle=board.throttle)])
    app.state.dashboard = board
    return app


@dataclass(frozen=True)
class ServeSettings:
    """The `serve` command's options."""

    history: Path
    crawl: CrawlSettings
    audit: AuditSettings
    guard: Guard
    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None
    workers: int = 2
    #: audits that may wait at once; one more is answered 429
    queue: int = 20
    #: seconds running audits get to finish when the server stops
    grace: float = 30.0
    #: where each audit's report folder goes (default: beside the history)
    reports: Path | None = None


def check(settings: ServeSettings) -> None:
    """Refuse a setup that would expose the dashboard: a public address without a token, a short token."""
    if settings.token is None and not is_loopback(settings.host):
        raise UsageError(f"serving on {settings.host} (not loopback) needs a token: --token TOKEN or "
                         "LISTING_AUDIT_TOKEN; without one, serve on 127.0.0.1")
    if settings.token is not None and len(settings.token.strip()) < MIN_TOKEN:
        raise UsageError(f"the token must be at least {MIN_TOKEN} characters (e.g. `openssl rand -hex 24`)")


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free one); a port in use is a UsageError."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def serve(settings: ServeSettings, say: Callable[[str], None]) -> None:
    """Run the dashboard until interrupted (Ctrl-C or SIGTERM), then stop its audits cleanly."""
    check(settings)
    with HistoryStore(settings.history):  # created or migrated now: a bad file is an error before anything starts
        pass
    sock = listen(settings.host, settings.port)
    reports = settings.reports or settings.history.parent / f"{settings.history.stem}-reports"
    queue = AuditQueue(WorkerSettings(settings.crawl, settings.audit, settings.history.resolve(), reports.resolve()),
                       settings.workers, settings.queue, settings.grace)
    board = Dashboard(settings.history, queue, settings.guard, Auth(settings.token), settings.crawl.max_pages)
    server = uvicorn.Server(uvicorn.Config(create_app(board, queue.close), log_level="warning", lifespan="on",
                                           timeout_graceful_shutdown=CONNECTIONS_GRACE, access_log=False))
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    say(f"serving the dashboard at http://{shown}:{port}/ (history {settings.history}, {settings.workers} worker(s), "
        f"{'token required' if settings.token else 'no token: this machine only'}); Ctrl-C stops it")
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn raises Ctrl-C again once it has stopped: for a server that is a clean stop
        pass
    finally:
        queue.close()
        sock.close()
