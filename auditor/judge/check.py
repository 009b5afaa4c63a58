"""The check contract: what a check declares and what its function returns.

A check is data plus one pure function from `Evidence` to an `Outcome`. Built-in and third-party
packs both hand `Check` objects to the registry through the `listing_auditor.checks` entry points.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from auditor.model import Evidence, Finding, Severity

Category = Literal["documentation", "packaging", "reviews", "setup", "trust"]

CATEGORY_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "documentation": "Documentation",
        "packaging": "Packaging",
        "reviews": "Reviews",
        "setup": "Setup friction",
        "trust": "Trust & support",
    }
)

#: a score at or above this passes; at or above WARN_AT it warns (Lighthouse uses 0.9 / 0.5)
PASS_AT = 0.9
WARN_AT = 0.5


@dataclass(frozen=True)
class Outcome:
    """What a check function returns: a score in 0..1 (None = not applicable) and its evidence."""

    score: float | None
    summary: str
    findings: tuple[Finding, ...] = ()

    @classmethod
    def passed(cls, summary: str, findings: Iterable[Finding] = ()) -> Outcome:
        """Full marks."""
        return cls(1.0, summary, tuple(findings))

    @classmethod
    def failed(cls, summary: str, findings: Iterable[Finding] = ()) -> Outcome:
        """No marks."""
        return cls(0.0, summary, tuple(findings))

    @classmethod
    def partial(cls, score: float, summary: str, findings: Iterable[Finding] = ()) -> Outcome:
        """A score between 0 and 1, clamped."""
        return cls(min(1.0, max(0.0, score)), summary, tuple(findings))

    manual: bool = False

    @classmethod
    def not_applicable(cls, reason: str) -> Outcome:
        """The check does not apply to this listing; it weighs nothing."""
        return cls(None, reason)

    @classmethod
    def confirm(cls, item: str) -> Outcome:
        """Something only the vendor can know: listed as "confirm before you submit", never guessed or scored."""
        return cls(None, item, manual=True)


CheckFunction = Callable[[Evidence, Mapping[str, Any]], Outcome]


@dataclass(frozen=True)
class Check:
    """One declarative check: metadata, thresholds as data, and the function that scores evidence."""

    id: str
    category: Category
    title: str
    failure_title: str
    rationale: str
    fix: str
    run: CheckFunction
    weight: float = 1.0
    severity: Severity = "medium"
    #: a failing blocker caps the verdict at not-ready whatever the score
    blocker: bool = False
    thresholds: Mapping[str, Any] = field(default_factory=dict)
    #: marketplace ids this check applies to; empty means every marketplace
    marketplaces: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    #: the date the sources were last read (YYYY-MM-DD), for thresholds taken from a store's published rules
    verified: str | None = None

    def applies_to(self, marketplace: str) -> bool:
        """True when the check should run for a listing on `marketplace`."""
        return not self.marketplaces or marketplace in self.marketplaces
