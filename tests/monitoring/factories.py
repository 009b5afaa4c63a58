"""Audit records for the history and alert tests."""

from __future__ import annotations

from typing import Any

from auditor.history.record import AuditRecord, CheckState

TARGET = "https://apps.example.com/apps/ledgerline"


def record(score: float | None = 90.0, verdict: str = "ready", when: str = "2026-12-01T02:00:00+00:00",
           checks: dict[str, str] | None = None, **extra: Any) -> AuditRecord:
    """A record of TARGET under the distribution profile; `checks` maps ids to statuses."""
    states = {i: CheckState(s, 1.0 if s == "pass" else 0.0, f"Title of {i}")
              for i, s in (checks or {"DOC101": "pass", "TRU501": "pass"}).items()}
    fields: dict[str, Any] = {"target": TARGET, "generated_at": when, "tool_version": "0.1.0",
                              "profile": "distribution", "marketplace": "generic", "score": score, "verdict": verdict,
                              "categories": {"documentation": score, "trust": score}, "checks": states}
    fields.update(extra)
    return AuditRecord(**fields)
