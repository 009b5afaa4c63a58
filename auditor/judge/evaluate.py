"""Runs checks over evidence; a check that raises becomes an `error` result and the rest go on."""

from __future__ import annotations

from collections.abc import Iterable

from auditor.judge.check import PASS_AT, WARN_AT, Check, Outcome
from auditor.model import CheckResult, Evidence, Status


def run_checks(checks: Iterable[Check], evidence: Evidence) -> list[CheckResult]:
    """One result per check that applies to the evidence's marketplace, in check order."""
    return [run_check(c, evidence) for c in checks if c.applies_to(evidence.marketplace)]


def run_check(check: Check, evidence: Evidence) -> CheckResult:
    """Run one check in isolation and normalise what it returns."""
    try:
        outcome = check.run(evidence, check.thresholds)
        if not isinstance(outcome, Outcome):
            raise TypeError(f"returned {type(outcome).__name__}, not an Outcome")
        if outcome.score is not None and not 0.0 <= outcome.score <= 1.0:
            raise ValueError(f"score {outcome.score} is outside 0..1")
    except Exception as exc:  # isolation is the point: one broken check never loses the report
        return _result(check, evidence, "error", None, summary=f"The check crashed: {type(exc).__name__}: {exc}",
                       error=f"{type(exc).__name__}: {exc}")
    status: Status = "manual" if outcome.manual else status_for(outcome.score)
    return _result(check, evidence, status, outcome.score, summary=outcome.summary, findings=list(outcome.findings))


def status_for(score: float | None) -> Status:
    """pass / warn / fail by the score; skip when not applicable."""
    if score is None:
        return "skip"
    if score >= PASS_AT:
        return "pass"
    return "warn" if score >= WARN_AT else "fail"


def _result(check: Check, evidence: Evidence, status: Status, score: float | None, *, summary: str,
            findings: list | None = None, error: str | None = None) -> CheckResult:
    return CheckResult(
        id=check.id,
        category=check.category,
        title=check.title if status in ("pass", "skip") else check.failure_title,
        status=status,
        score=None if score is None else round(score, 3),
        weight=check.weight,
        severity=check.severity,
        blocker=check.blocker and status == "fail",
        findings=findings or [],
        summary=summary,
        fix=check.fix,
        error=error,
        sources=list(check.sources),
        verified=check.verified,
        store=evidence.marketplace if check.marketplaces else None,
    )
