"""The JSON API: queue an audit, follow it, and read the listings and their histories. The history entries are
those of `listing-audit history --format json`; a finished audit's report is at its `report_url` (HTML) and its
`report_json_url` (report.json, the report's contract)."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from auditor.history.view import HistoryEntry, entry_data
from auditor.serve import listings
from auditor.serve.context import Rejected, TooLarge, dashboard, read_body, submit


async def create_audit(request: Request) -> JSONResponse:
    """`POST /api/audits` with `{"target", "profile"?, "marketplace"?}`: 202 and the job's id."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return _error(415, "send the audit as JSON (Content-Type: application/json)")
    try:
        body = json.loads(await read_body(request))
    except TooLarge as exc:
        return _error(413, str(exc))
    except ValueError:
        return _error(400, "the body is not JSON")
    if not isinstance(body, dict):
        return _error(400, 'send an object: {"target": "https://...", "profile": ..., "marketplace": ...}')
    try:
        job = await submit(dashboard(request), body)
    except Rejected as exc:
        return _error(exc.status, exc.message, exc.headers)
    url = f"/api/audits/{job.id}"
    return JSONResponse({"id": job.id, "status": job.status, "url": url}, status_code=202, headers={"Location": url})


def get_audit(request: Request) -> JSONResponse:
    """`GET /api/audits/{id}`: the job's status (queued, running, done, failed), stage, score, verdict, report."""
    job = dashboard(request).queue.get(request.path_params["id"])
    if job is None:
        return _error(404, "no audit with this id on this server (jobs are kept until it restarts)")
    return JSONResponse(job.data())


def list_listings(request: Request) -> JSONResponse:
    """`GET /api/listings`: every listing in the history with its latest audit."""
    with dashboard(request).store() as store:
        found = listings.listings(store)
    return JSONResponse([{"key": s.key, "target": s.latest.target, "name": s.name, "owner": s.owner,
                          "profile": s.latest.profile,
                          "marketplace": s.latest.marketplace, "audits": s.audits, "score": s.latest.score,
                          "change": s.change, "verdict": s.latest.verdict, "generated_at": s.latest.generated_at,
                          **listings.report_links(s.latest.id), "history_url": f"/api/listings/{s.key}/history"}
                         for s in found])


def listing_history(request: Request) -> JSONResponse:
    """`GET /api/listings/{key}/history`: the listing's audits, newest first, each with its change."""
    key = request.path_params["key"]
    with dashboard(request).store() as store:
        found = listings.find(store, key)
        if found is None:
            return _error(404, f"no listing {key!r} in the history")
        entries = listings.history(store, *found)
    return JSONResponse({"key": key, "target": found[0], "profile": found[1],
                         "audits": [_entry(e) for e in entries]})


def _entry(entry: HistoryEntry) -> dict[str, Any]:
    """An audit as `history --format json` has it, with its report's URL here instead of its path on disk."""
    data = {k: v for k, v in entry_data(entry).items() if k != "report"}
    return {**data, **listings.report_links(entry.record.id)}


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": message}
    return JSONResponse(body, status_code=status, headers=headers)


ROUTES = [
    Route("/api/audits", create_audit, methods=["POST"]),
    Route("/api/audits/{id}", get_audit),
    Route("/api/listings", list_listings),
    Route("/api/listings/{key}/history", listing_history),
]
