"""The check contract: what a check declares and what its function returns.

A check is data plus one pure function from `Evidence` to an `Outcome`. Built-in and third-party
packs both hand `Check` objects to the registry through the `listing_auditor.checks` entry points.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from auditor.marketplaces import FIELDS, KINDS, ListingKind
from auditor.model import Evidence, Finding, Level, Severity

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
    """What a check function returns: a score in 0..1 (None = not applicable or unverified) and its evidence."""

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
    #: the check applies, but the evidence it needs was not seen (the page timed out, lay out of scope)
    unseen: bool = False

    @classmethod
    def not_applicable(cls, reason: str) -> Outcome:
        """The check does not apply to this listing; it weighs nothing."""
        return cls(None, reason)

    @classmethod
    def unverified(cls, reason: str) -> Outcome:
        """The check applies but could not be judged: what it reads was not seen (never "missing"); it weighs
        nothing and the report says what was not seen."""
        return cls(None, reason, unseen=True)

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
    thresholds: Mapping[str, Any] = field(default_factory=dict)
    #: marketplace ids this check applies to; empty means every marketplace
    marketplaces: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    #: the date the sources were last read (YYYY-MM-DD), for thresholds taken from a store's published rules
    verified: str | None = None
    #: the listing field the check judges (a store-profile field: "privacy", "screenshots", ...). On a store that
    #: cannot show the field the check does not apply; where the store requires it, failing it is a requirement
    field: str | None = None
    #: a store's published requirement (failing it blocks approval) or a recommendation (a best practice); a
    #: recommendation becomes a requirement on a store whose profile requires its `field`
    level: Level = "recommendation"
    #: the kinds of listing the check judges: business integrations, consumer apps and extensions
    kinds: tuple[ListingKind, ...] = KINDS
    #: checks that test one fault share a family; when the family's root fails, the others are not charged again
    family: str | None = None
    #: the check whose failure is the family's fault ("no setup guide"): its members then carry no charge
    family_root: bool = False
    #: linked pages the check reads, by link role ("setup", "docs", "privacy", ...): when the listing links one
    #: that was not fetched (timed out, out of scope, budget spent), the check is unverified, never failed
    needs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.field is not None and self.field not in FIELDS:
            raise ValueError(f"check {self.id}: unknown field {self.field!r}")
        if not set(self.kinds) <= set(KINDS) or not self.kinds:
            raise ValueError(f"check {self.id}: kinds must be some of {KINDS}")

    def applies_to(self, marketplace: str) -> bool:
        """True when the check should run for a listing on `marketplace`."""
        return not self.marketplaces or marketplace in self.marketplaces
