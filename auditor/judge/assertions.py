"""Readiness assertions: the conditions under which a run fails (exit 1), each with a one-line reason."""

from __future__ import annotations

from auditor.config import Assertions
from auditor.errors import UsageError
from auditor.model import Report


def failed_assertions(report: Report, assertions: Assertions) -> list[str]:
    """One line per failed assertion; empty when the run passes."""
    failures: list[str] = []
    if assertions.min_score is not None and report.score < assertions.min_score:
        failures.append(f"score {report.score:.1f} is under the minimum {assertions.min_score:g}")
    for category, minimum in assertions.categories.items():
        got = report.categories[category].score
        if got is not None and got < minimum:
            failures.append(f"{category} scores {got:.1f}, under the minimum {minimum:g}")
    # --fail-on error fails on failing checks, --fail-on warn on warnings too; a per-check level overrides both
    failing_statuses = ({"fail", "error"} if assertions.fail_on & {"error", "warn"} else set()) | \
        ({"warn"} if "warn" in assertions.fail_on else set())
    for check in report.checks:
        level = assertions.checks.get(check.id)
        if level == "error" and check.status in ("fail", "error", "warn"):
            failures.append(f"{check.id} is {check.status} (asserted as error): {check.summary}")
        elif level is None and check.status in failing_statuses:
            failures.append(f"{check.id} is {check.status}: {check.summary}")
    if "blocker" in assertions.fail_on and report.blockers:
        failures.append(f"blockers: {', '.join(report.blockers)}")
    if "regression" in assertions.fail_on:
        if report.baseline is None:
            raise UsageError("--fail-on regression needs --baseline OLD.json")
        failures += [f"regression: {c.id} went from {c.before} to {c.after} ({_pct(c.before_score)} -> "
                     f"{_pct(c.after_score)})" for c in report.baseline.regressions]
    return failures


def _pct(score: float | None) -> str:
    return "–" if score is None else f"{score * 100:.0f}"
