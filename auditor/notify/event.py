"""Is this audit worse than the previous one of the same target and profile? The answer is an AlertEvent or None."""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.history.record import AuditRecord

EVENT = "listing.degraded"
#: verdicts from best to worst
VERDICT_ORDER = ("ready", "needs-work", "not-ready", "unavailable")
DEFAULT_DROP = 5.0


@dataclass(frozen=True)
class NewFailure:
    """A check that passed (or did not apply) in the previous audit and warns or fails now."""

    id: str
    title: str
    before: str
    after: str


@dataclass
class AlertEvent:
    """What got worse between two audits of one listing: the content of every alert message."""

    target: str
    profile: str
    generated_at: str
    score_before: float | None
    score_after: float | None
    verdict_before: str
    verdict_after: str
    #: one sentence per way the audit got worse, in a fixed order
    reasons: list[str]
    new_failures: list[NewFailure] = field(default_factory=list)
    new_blockers: list[str] = field(default_factory=list)
    broken_links: list[str] = field(default_factory=list)
    report: str | None = None
    event: str = EVENT


def worse(previous: AuditRecord | None, current: AuditRecord, drop: float = DEFAULT_DROP) -> AlertEvent | None:
    """The event when `current` is worse than `previous` (verdict, a score fall of `drop` points or more, a new
    blocker, a check newly failing, a link newly broken, the listing gone); None when nothing got worse."""
    if previous is None:
        return None
    reasons: list[str] = []
    if current.unavailable and not previous.unavailable:
        reasons.append("The listing is no longer available on the store (delisted, removed or not found).")
    elif _rank(current.verdict) > _rank(previous.verdict):
        reasons.append(f"The verdict dropped from {previous.verdict} to {current.verdict}.")
    if previous.score is not None and current.score is not None and previous.score - current.score >= drop:
        reasons.append(f"The score fell {previous.score - current.score:.1f} points, "
                       f"from {previous.score:.1f} to {current.score:.1f}.")
    blockers = [b for b in current.blockers if b not in previous.blockers]
    if blockers:
        reasons.append(f"New blocker{'s' if len(blockers) > 1 else ''}: {', '.join(blockers)}.")
    failures = newly_failing(previous, current)
    if failures:
        reasons.append(f"{len(failures)} check{'s' if len(failures) > 1 else ''} newly failing: "
                       f"{', '.join(f.id for f in failures)}.")
    links = [u for u in current.broken_links if u not in previous.broken_links]
    if links:
        reasons.append(f"{len(links)} link{'s' if len(links) > 1 else ''} newly broken.")
    if not reasons:
        return None
    return AlertEvent(target=current.target, profile=current.profile, generated_at=current.generated_at,
                      score_before=previous.score, score_after=current.score, verdict_before=previous.verdict,
                      verdict_after=current.verdict, reasons=reasons, new_failures=failures, new_blockers=blockers,
                      broken_links=links, report=current.report)


def newly_failing(previous: AuditRecord, current: AuditRecord) -> list[NewFailure]:
    """Checks failing now that were not before (a warning that became a failure counts too). A check the
    previous audit did not run at all (a newer tool's check) is not news about the listing."""
    found = []
    for check_id, now in sorted(current.checks.items()):
        then = previous.checks.get(check_id)
        if then is None or not now.failing:
            continue
        if not then.failing or (then.status == "warn" and now.status == "fail"):
            found.append(NewFailure(check_id, now.title or then.title, then.status, now.status))
    return found


def _rank(verdict: str) -> int:
    return VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else -1
