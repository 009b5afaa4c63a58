"""Runs checks over evidence; a check that raises becomes an `error` result and the rest go on.

Before a check runs, the judge decides whether it applies (the store shows the field it judges, the listing is a
kind it judges); after, whether a failure could be judged at all (when every page it reads that the listing links
was not seen, a page that timed out or lay out of scope, the check is `unverified`, never `fail`). A check that
is only a recommendation here warns rather than fails: only a store's requirement fails a listing. After all ran,
checks of one family are charged once: when the family's root fails (the store's own rule, a requirement, or the
check whose fault the others share), the other failing members carry no charge.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import replace

from auditor.judge.check import PASS_AT, WARN_AT, Check, Outcome
from auditor.model import CheckResult, Evidence, Finding, Level, Status

FLAGGED: tuple[Status, ...] = ("fail", "warn")


def run_checks(checks: Iterable[Check], evidence: Evidence,
               timings: dict[str, float] | None = None) -> list[CheckResult]:
    """One result per check that applies to the evidence's marketplace, in check order; families charged once.
    `timings`, when given, receives each check's seconds by id."""
    chosen = [c for c in checks if c.applies_to(evidence.marketplace)]
    results = []
    for check in chosen:
        started = time.perf_counter()
        results.append(run_check(check, evidence))
        if timings is not None:
            timings[check.id] = round(time.perf_counter() - started, 4)
    return charge_families(results, {c.id: c for c in chosen})


def run_check(check: Check, evidence: Evidence) -> CheckResult:
    """Run one check in isolation and normalise what it returns."""
    reason = not_applicable(check, evidence)
    if reason is not None:
        return _result(check, evidence, "not-applicable", None, summary=reason)
    try:
        outcome = check.run(evidence, check.thresholds)
        if not isinstance(outcome, Outcome):
            raise TypeError(f"returned {type(outcome).__name__}, not an Outcome")
        if outcome.score is not None and not 0.0 <= outcome.score <= 1.0:
            raise ValueError(f"score {outcome.score} is outside 0..1")
    except Exception as exc:  # isolation is the point: one broken check never loses the report
        return _result(check, evidence, "error", None, summary=f"The check crashed: {type(exc).__name__}: {exc}",
                       error=f"{type(exc).__name__}: {exc}")
    status: Status = "manual" if outcome.manual else "unverified" if outcome.unseen else status_for(outcome.score)
    if status == "fail" and level_for(check, evidence) == "recommendation":
        status = "warn"  # only a store's requirement fails a listing; a missed recommendation is a warning
    if status in FLAGGED and (unseen := unseen_evidence(check, evidence)) is not None:
        # what the check would charge may lie in a page it never saw: that is unverified, not missing
        return _result(check, evidence, "unverified", None, summary=unseen)
    return _result(check, evidence, status, outcome.score, summary=outcome.summary, findings=list(outcome.findings))


def not_applicable(check: Check, evidence: Evidence) -> str | None:
    """Why the check does not apply to this listing, or None when it does."""
    if evidence.kind not in check.kinds:
        kinds = " and ".join(f"{k} listings" for k in check.kinds)
        return (f"Judged on {kinds} only; {evidence.profile.name} lists {evidence.kind} apps"
                if evidence.kind_override is None else f"Judged on {kinds} only; this is a {evidence.kind} listing.")
    if check.field is not None and not evidence.profile.shows(check.field):
        store = evidence.profile.name if evidence.profile.id != "generic" else "This store"
        return f"{store} shows no {check.field.replace('_', ' ')} field, so there is nothing to judge."
    return None


def unseen_evidence(check: Check, evidence: Evidence) -> str | None:
    """Why the check cannot be judged: every page it reads that the listing links was not seen. None when one was
    seen, when none is linked (the check judges that), or when the check reads no linked page."""
    if not check.needs:
        return None
    linked = [url for role in check.needs if (url := getattr(evidence.listing.links, role, None))]
    reasons = [evidence.unseen(url) for url in linked]
    if linked and all(reason is not None for reason in reasons):
        return f"Unverified: {reasons[0]}." + (f" ({len(reasons) - 1} more page{'s' if len(reasons) > 2 else ''} "
                                               "it reads not seen either.)" if len(reasons) > 1 else "")
    return None


def status_for(score: float | None) -> Status:
    """pass / warn / fail by the score; not-applicable when there is no score."""
    if score is None:
        return "not-applicable"
    if score >= PASS_AT:
        return "pass"
    return "warn" if score >= WARN_AT else "fail"


def level_for(check: Check, evidence: Evidence) -> Level:
    """A requirement when the check is one, or when it judges a field this store's published rules require."""
    if check.level == "requirement" or (check.field is not None and evidence.profile.requires(check.field)):
        return "requirement"
    return "recommendation"


def charge_families(results: list[CheckResult], checks: dict[str, Check]) -> list[CheckResult]:
    """Within each family whose root fails, the other failing members carry no charge: the root's finding names
    them, and they report which check carries the fault."""
    families: dict[str, list[CheckResult]] = {}
    for result in results:
        if result.family:
            families.setdefault(result.family, []).append(result)
    charged: dict[str, CheckResult] = {}
    for family, members in families.items():
        roots = [r for r in members if r.status in FLAGGED and
                 (checks[r.id].family_root or r.level == "requirement" or checks[r.id].marketplaces)]
        if roots:  # the store's own rule first (the most specific), then a requirement, then the family's root
            charged[family] = min(roots, key=lambda r: (not checks[r.id].marketplaces, r.level != "requirement",
                                                        not checks[r.id].family_root, -r.weight, r.id))
    out = []
    for result in results:
        root = charged.get(result.family or "")
        if root is None or result.status not in FLAGGED:
            out.append(result)
        elif result is root:
            others = [r.id for r in families[result.family or ""] if r is not root and r.status in FLAGGED]
            extra = [Finding(f"The same fault would also fail {', '.join(others)}: charged once, here", code="family")]
            out.append(replace(result, findings=[*result.findings, *extra]) if others else result)
        else:
            out.append(replace(result, status="not-applicable", score=None, blocker=False, charged_by=root.id,
                               title=checks[result.id].title,
                               summary=f"Charged once, under {root.id} ({root.title}): {result.summary}"))
    return out


def _result(check: Check, evidence: Evidence, status: Status, score: float | None, *, summary: str,
            findings: list[Finding] | None = None, error: str | None = None) -> CheckResult:
    level = level_for(check, evidence)
    return CheckResult(
        id=check.id,
        category=check.category,
        title=check.title if status in ("pass", "not-applicable", "unverified") else check.failure_title,
        status=status,
        score=None if score is None else round(score, 3),
        weight=check.weight,
        severity=check.severity,
        # a store's requirement that fails blocks approval, whatever the score; a recommendation never blocks
        blocker=status == "fail" and level == "requirement",
        findings=findings or [],
        summary=summary,
        fix=check.fix,
        error=error,
        sources=list(check.sources),
        verified=check.verified,
        store=evidence.marketplace if check.marketplaces else None,
        level=level,
        family=check.family,
    )
