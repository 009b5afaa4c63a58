"""The dashboard's HTML pages: the portfolio, a listing's history with its chart and the diff of two audits, the
"audit a listing" form and its progress page (live over server-sent events), each audit's report, and the login.

Every page is rendered from report_templates/dashboard with the report's stylesheets; scraped text is escaped by
the templates; the only script is the dashboard's own file (script-src 'self'), and a report is served with its own
strict policy, which allows none.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from auditor.judge.check import CATEGORY_TITLES
from auditor.judge.scoring import PROFILES
from auditor.model import TrendPoint
from auditor.report.html import CONTENT_SECURITY_POLICY, stylesheet
from auditor.report.templates import environment
from auditor.report.trend import line_chart, sparkline
from auditor.serve import listings
from auditor.serve.auth import (
    CSRF_FIELD,
    SESSION_COOKIE,
    client_address,
    csrf_ok,
    csrf_token,
    remember_csrf,
    safe_next,
    set_session,
    too_many,
    try_token,
)
from auditor.serve.context import Rejected, TooLarge, dashboard, read_body, submit

#: what a dashboard page may load: its inline styles, inline SVG, its own script, and its own progress stream
PAGE_POLICY = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
#: headers on every page
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "Cache-Control": "no-store"}
#: seconds a progress stream waits for news before it sends a keep-alive comment
KEEP_ALIVE = 15.0
VERDICTS = {"ready": "Ready", "needs-work": "Needs work", "not-ready": "Not ready", "unavailable": "Unavailable"}


@cache
def _css() -> Markup:
    return stylesheet("report.css") + stylesheet("portfolio.css") + stylesheet("dashboard/dashboard.css")


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A dashboard page: the template with the shared context, its CSRF token and its security headers."""
    token = csrf_token(request)
    board = dashboard(request)
    html = environment().get_template(f"dashboard/{template}").render(
        css=_css(), csrf=token, csrf_field=CSRF_FIELD, login=board.auth.required, verdicts=VERDICTS,
        path=request.url.path, **context)
    response = HTMLResponse(html, status_code=status, headers={**HEADERS, "Content-Security-Policy": PAGE_POLICY})
    remember_csrf(request, response, token)
    return response


def portfolio(request: Request) -> HTMLResponse:
    """`/`: every listing's latest audit, lowest score first, with its trend."""
    board = dashboard(request)
    with board.store() as store:
        found = listings.listings(store)
    return render(request, "portfolio.html.j2", rows=found, sparklines={s.key: sparkline(s.trend) for s in found},
                  counts=board.queue.counts())


def listing(request: Request) -> HTMLResponse:
    """`/listings/{key}`: the listing's audits as a chart and a table, and (?from=ID&to=ID) what changed."""
    key = request.path_params["key"]
    with dashboard(request).store() as store:
        found = listings.find(store, key)
        if found is None:
            return render(request, "missing.html.j2", 404, what="listing")
        entries = listings.history(store, *found)
        before, after = _audit_id(request, "from"), _audit_id(request, "to")
        diff = listings.diff(store, *found, before, after) if before is not None and after is not None else None
    points = [TrendPoint(e.record.generated_at, e.record.score, e.record.verdict) for e in reversed(entries)]
    return render(request, "listing.html.j2", key=key, entries=entries, latest=entries[0].record,
                  chart=line_chart(points), diff=diff, before=before, after=after, categories=CATEGORY_TITLES)


def audit_form(request: Request, error: str | None = None, status: int = 200,
               fields: dict[str, str] | None = None) -> HTMLResponse:
    """`/audit`: the form that asks for an audit."""
    board = dashboard(request)
    return render(request, "audit.html.j2", status, error=error, profiles=PROFILES, marketplaces=board.guard.choices,
                  fields=fields or {"profile": board.guard.default_profile,
                                    "marketplace": board.guard.marketplace_default},
                  counts=board.queue.counts())


async def audit_post(request: Request) -> Response:
    """`POST /audit`: queue the audit and go to its progress page (or show the form again with why not)."""
    fields = await _form(request)
    if not csrf_ok(request, fields.get(CSRF_FIELD)):
        return audit_form(request, "The form expired or came from another site; please send it again.", 403, fields)
    try:
        job = await submit(dashboard(request), fields)
    except Rejected as exc:
        response = audit_form(request, exc.message, exc.status, fields)
        response.headers.update(exc.headers)
        return response
    return RedirectResponse(f"/audits/{job.id}", status_code=303)


def job_page(request: Request) -> HTMLResponse:
    """`/audits/{id}`: an audit's progress, and its report when it is done."""
    board = dashboard(request)
    job = board.queue.get(request.path_params["id"])
    if job is None:
        return render(request, "missing.html.j2", 404, what="audit")
    return render(request, "job.html.j2", job=job, key=listings.listing_key(job.target, job.profile),
                  max_pages=board.max_pages)


async def job_events(request: Request) -> Response:
    """`/audits/{id}/events`: the job as server-sent events, one each time it changes, until it is finished."""
    queue = dashboard(request).queue
    job_id = request.path_params["id"]
    if queue.get(job_id) is None:
        return Response("no such audit", status_code=404, media_type="text/plain")

    async def stream() -> AsyncIterator[str]:
        version = -1
        while not await request.is_disconnected():
            job = await run_in_threadpool(queue.wait, job_id, version, KEEP_ALIVE)
            if job is None:
                return
            if job.version == version:
                yield ": still here\n\n"
                continue
            version = job.version
            yield f"data: {json.dumps(job.data())}\n\n"
            if job.status in ("done", "failed"):
                return

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


def report(request: Request) -> Response:
    """`/reports/{audit_id}`: an audit's HTML report, under the report's own policy (no script, nothing loaded)."""
    path = _report(request, ".html")
    if path is None:
        return render(request, "missing.html.j2", 404, what="report")
    return FileResponse(path, media_type="text/html; charset=utf-8",
                        headers={**HEADERS, "Referrer-Policy": "no-referrer",
                                 "Content-Security-Policy": CONTENT_SECURITY_POLICY})


def report_json(request: Request) -> Response:
    """`/reports/{audit_id}.json`: an audit's report.json."""
    path = _report(request, ".json")
    if path is None:
        return JSONResponse({"error": "no report.json kept for this audit"}, status_code=404)
    return FileResponse(path, media_type="application/json", headers=HEADERS)


def _report(request: Request, suffix: str) -> Path | None:
    audit_id = request.path_params["audit_id"]
    with dashboard(request).store() as store:
        record = next((r for r in store.audits() if r.id == audit_id), None)
    return listings.report_file(record, suffix) if record is not None else None


def login_form(request: Request, error: str | None = None, status: int = 200, after: str | None = None) -> HTMLResponse:
    """`/login`: the token form (only a server with a token has one); `after` is where it leads (else ?next=)."""
    return render(request, "login.html.j2", status, error=error,
                  next=safe_next(after or request.query_params.get("next")))


async def login_post(request: Request) -> Response:
    """`POST /login`: the right token sets the session cookie and goes on to the page asked for."""
    fields = await _form(request)
    board = dashboard(request)
    if not csrf_ok(request, fields.get(CSRF_FIELD)):
        return login_form(request, "The form expired; please send it again.", 403, fields.get("next"))
    accepted, wait = try_token(board.auth, board.throttle, client_address(request), fields.get("token", ""))
    if wait:
        refused = login_form(request, too_many(wait), 429, fields.get("next"))
        refused.headers["Retry-After"] = str(wait)
        return refused
    if not accepted:
        return login_form(request, "That is not the token of this dashboard.", 401, fields.get("next"))
    response = RedirectResponse(safe_next(fields.get("next")), status_code=303)
    set_session(request, response, board.auth.session())
    return response


async def logout(request: Request) -> Response:
    """`POST /logout`: forget the session."""
    fields = await _form(request)
    if not csrf_ok(request, fields.get(CSRF_FIELD)):
        return Response("the form expired", status_code=403, media_type="text/plain")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def script(request: Request) -> Response:
    """`/static/dashboard.js`: the progress page's script."""
    return Response(_script(), media_type="text/javascript; charset=utf-8",
                    headers={**HEADERS, "Cache-Control": "max-age=300"})


@cache
def _script() -> str:
    return resources.files("report_templates").joinpath("dashboard/dashboard.js").read_text(encoding="utf-8")


async def _form(request: Request) -> dict[str, str]:
    """A posted form's fields (urlencoded, as our forms send them; the first value of each); none when the body is
    too large (the CSRF check then refuses it)."""
    try:
        body = (await read_body(request)).decode("utf-8", "replace")
    except TooLarge:
        return {}
    return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}


def _audit_id(request: Request, name: str) -> int | None:
    """One of the two audits to compare (?from=ID&to=ID), or None."""
    value = request.query_params.get(name, "")
    return int(value) if value.isdigit() else None


ROUTES = [
    Route("/", portfolio),
    Route("/listings/{key}", listing),
    Route("/audit", audit_form, methods=["GET"]),
    Route("/audit", audit_post, methods=["POST"]),
    Route("/audits/{id}", job_page),
    Route("/audits/{id}/events", job_events),
    Route("/reports/{audit_id:int}", report),
    Route("/reports/{audit_id:int}.json", report_json),
    Route("/login", login_form, methods=["GET"]),
    Route("/login", login_post, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/static/dashboard.js", script),
]
