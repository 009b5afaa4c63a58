"""One audit as the history keeps it, read from a finished report's JSON data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: a page or link that answered these is broken (the crawler's contract; 403/429 and timeouts are unverified)
BROKEN_STATUSES = (404, 410)
#: a check in one of these states counts against the listing
FAILING = ("warn", "fail", "error")


@dataclass(frozen=True)
class CheckState:
    """A check's outcome in one audit."""

    status: str
    score: float | None
    title: str = ""

    @property
    def failing(self) -> bool:
        """The check warns, fails or crashed."""
        return self.status in FAILING


@dataclass
class AuditRecord:
    """What the history stores of one audit."""

    target: str
    generated_at: str
    tool_version: str
    profile: str
    marketplace: str
    score: float | None
    verdict: str
    categories: dict[str, float | None] = field(default_factory=dict)
    checks: dict[str, CheckState] = field(default_factory=dict)
    blockers: list[str] = field(default_factory=list)
    #: pages and links beyond the listing that answered 404/410 (or were found broken)
    broken_links: list[str] = field(default_factory=list)
    #: where the report was written (report.json, or the folder's report.html); None when none was
    report: str | None = None
    #: the listing's name as its page shows it (None when it was not read, or in a history before version 3)
    name: str | None = None
    #: the history's own id, once stored
    id: int | None = None

    @property
    def unavailable(self) -> bool:
        """The store no longer shows the listing (delisted, removed, not found)."""
        return self.verdict == "unavailable"


def score_change(before: AuditRecord | None, after: AuditRecord) -> float | None:
    """Points `after` scored above `before` (one decimal); None without a `before` or when either was not scored."""
    if before is None or before.score is None or after.score is None:
        return None
    return round(after.score - before.score, 1)


def record_from_report(data: Mapping[str, Any], report: str | None = None) -> AuditRecord:
    """The history's record of a report.json (as loaded, or as `to_data` makes it)."""
    categories = data.get("categories") or {}
    checks = {
        str(c["id"]): CheckState(str(c.get("status", "")), _number(c.get("score")), str(c.get("title") or ""))
        for c in data.get("checks") or [] if isinstance(c, Mapping) and c.get("id")
    }
    return AuditRecord(
        target=str(data.get("target", "")), generated_at=str(data.get("generated_at", "")),
        tool_version=str(data.get("tool_version", "")), profile=str(data.get("profile", "")),
        marketplace=str(data.get("marketplace", "")),
        score=None if data.get("verdict") == "unavailable" else _number(data.get("score")),
        verdict=str(data.get("verdict", "")),
        categories={str(k): _number(v.get("score")) if isinstance(v, Mapping) else None
                    for k, v in categories.items()},
        checks=checks, blockers=[str(b) for b in data.get("blockers") or []],
        broken_links=broken_links(data), report=report, name=_name(data),
    )


def _name(data: Mapping[str, Any]) -> str | None:
    listing = data.get("listing")
    name = listing.get("name") if isinstance(listing, Mapping) else None
    return str(name) if name else None


def broken_links(data: Mapping[str, Any]) -> list[str]:
    """The pages (other than the listing) and link targets of a report that were found broken, sorted."""
    broken = {str(p["url"]) for p in data.get("pages") or []
              if isinstance(p, Mapping) and p.get("kind") != "listing" and p.get("status") in BROKEN_STATUSES}
    broken |= {str(link["url"]) for link in data.get("links") or [] if isinstance(link, Mapping)
               and (link.get("outcome") == "broken" or link.get("status") in BROKEN_STATUSES)}
    return sorted(broken)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
