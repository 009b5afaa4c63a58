"""Waivers: accepted findings shown as `exempt` with their reason; expired ones fail again, unused ones are stale.

Runs between the checks and scoring: an exempt check weighs nothing and blocks nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fnmatch import fnmatchcase

from auditor.config import Waiver
from auditor.model import CheckResult, Finding, WaiverStatus

_WAIVABLE = ("warn", "fail", "error")


def apply_waivers(results: list[CheckResult], waivers: tuple[Waiver, ...],
                  today: date) -> tuple[list[CheckResult], list[WaiverStatus]]:
    """The results with waived checks made exempt, and what became of each waiver."""
    by_id = {r.id: i for i, r in enumerate(results)}
    out = list(results)
    statuses = []
    for waiver in waivers:
        index = by_id.get(waiver.check)
        result = out[index] if index is not None else None
        status, updated = _apply(waiver, result, today)
        statuses.append(status)
        if updated is not None and index is not None:
            out[index] = updated
    return out, statuses


def _apply(waiver: Waiver, result: CheckResult | None, today: date) -> tuple[WaiverStatus, CheckResult | None]:
    def state(kind: str, detail: str) -> WaiverStatus:
        return WaiverStatus(waiver.check, waiver.reason, kind, detail, waiver.owner,  # type: ignore[arg-type]
                            waiver.expires.isoformat() if waiver.expires else None, waiver.url)

    if result is None:
        return state("stale", "no check with this id ran"), None
    if result.status not in _WAIVABLE:
        return state("stale", f"nothing to waive: the check's status is {result.status}"), None
    covered = [f for f in result.findings if waiver.url is None or (f.url and fnmatchcase(f.url, waiver.url))]
    if waiver.url is not None and not covered:
        return state("stale", f"no finding is on a page matching {waiver.url}"), None
    if waiver.expires is not None and waiver.expires < today:
        note = Finding(f"The waiver for this check expired on {waiver.expires.isoformat()} ({waiver.reason})")
        return state("expired", f"expired on {waiver.expires.isoformat()}; the check counts again"), \
            replace(result, findings=[*result.findings, note])
    if waiver.url is not None and len(covered) < len(result.findings):
        return state("partial", f"covers {len(covered)} of {len(result.findings)} findings; "
                                "the check still counts"), None
    who = f" ({', '.join(p for p in (waiver.owner, waiver.expires and f'until {waiver.expires}') if p)})"
    exempt = replace(result, status="exempt", score=None, blocker=False, waived=waiver.reason,
                     summary=f"Waived: {waiver.reason}{who if who != ' ()' else ''}. Was: {result.summary}")
    return state("active", f"exempts {result.id} ({result.status} before)"), exempt
