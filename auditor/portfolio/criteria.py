"""The fix-list and kill-list criteria of a portfolio, and their `[portfolio.fix]` / `[portfolio.kill]` config tables.

Imports nothing from the rest of the tool but its errors, so config loading can call `criteria_from_mapping`
without an import cycle.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar

from auditor.errors import UsageError
from auditor.portfolio.scorecards import Scorecards, default_scorecards, scorecards_from_mapping

#: the window in which a review counts as recent (review velocity), as check REV307 counts it
RECENT_REVIEW_DAYS = 90

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def _bounded(default: float, low: float, high: float | None = None) -> Any:
    """A dataclass field with the range the config parser enforces."""
    return field(default=default, metadata={"min": low, "max": high})


@dataclass(frozen=True)
class FixCriteria:
    """Which listings are worth investing in, and how many fixes to propose for each."""

    #: a listing scoring under this is too far from ready for a few fixes to matter
    min_score: float = _bounded(40.0, 0, 100)
    #: how many of a listing's top fixes to propose (blocker fixes first, then by points gained)
    max_fixes: int = _bounded(3, 1)
    #: the proposed fixes must add at least this many points together, unless they lift the verdict
    min_gain: float = _bounded(5.0, 0, 100)
    #: the longest fix list (best gains first); 0 lists every listing that qualifies
    max_listings: int = _bounded(20, 0)

    def describe(self) -> list[str]:
        """Each criterion in plain words, with the values in force."""
        return [
            "it was audited and is not ready yet (errors and delisted listings are left out);",
            f"it scores at least {_num(self.min_score)} out of 100;",
            (f"its top {self.max_fixes} fixes (blockers first) add at least {_num(self.min_gain)} points together, "
             "or lift its verdict (for example by clearing a blocker);"),
            "it is not on the kill list.",
        ]

    def ranking(self) -> str:
        """How the list is ordered and cut, in plain words."""
        limit = f"the {self.max_listings} with the largest gains are listed" if self.max_listings else "all are listed"
        return f"Listings are ranked by the points those fixes add; {limit}."


@dataclass(frozen=True)
class KillCriteria:
    """When a listing is a candidate for retirement: every one of these signals is low at once."""

    #: the readiness score is at most this
    max_score: float = _bounded(50.0, 0, 100)
    #: the listing shows at most this many reviews in all
    max_reviews: int = _bounded(10, 0)
    #: at most this many of the reviews shown were posted in the 90 days before the audit (review velocity)
    max_recent_reviews: int = _bounded(2, 0)
    #: the freshest dated docs evidence is older than this many days; undated or missing docs always count as stale
    stale_docs_days: int = _bounded(365, 0)
    #: a review count or velocity the store does not show counts as low; false keeps such listings off the list
    unknown_reviews_are_few: bool = True
    #: operating numbers (the second way onto the list): low usage is at most this many active accounts (installs
    #: when active accounts are not measured)
    max_active_accounts: int = _bounded(10, 0)
    #: high support cost: at least this many support tickets per active account over 90 days ...
    min_tickets_per_account: float = _bounded(0.5, 0)
    #: ... or at least this many maintenance hours over 90 days
    min_maintenance_hours: float = _bounded(40.0, 0)
    #: too brittle: at least this many incidents over 90 days
    min_incidents: int = _bounded(3, 1)

    def describe(self) -> list[str]:
        """Each criterion in plain words, with the values in force."""
        return [
            f"its score is at most {_num(self.max_score)} out of 100;",
            f"it has at most {self.max_reviews} reviews;",
            f"at most {self.max_recent_reviews} of the reviews shown were posted in the last "
            f"{RECENT_REVIEW_DAYS} days;",
            f"its docs were last updated more than {self.stale_docs_days} days ago, state no date, or were not found.",
        ]

    def describe_usage(self) -> list[str]:
        """The second way onto the list, from the operating numbers, in plain words with the values in force."""
        return [
            f"low usage: at most {self.max_active_accounts} active accounts (installs where active accounts are not "
            "measured),",
            f"with a high support cost (at least {_num(self.min_tickets_per_account)} support tickets per active "
            f"account, or at least {_num(self.min_maintenance_hours)} maintenance hours, over 90 days)",
            f"or too many incidents (at least {self.min_incidents} over 90 days).",
        ]

    def unknown_rule(self) -> str:
        """What a review count or velocity that the listing does not show counts as, in plain words."""
        if self.unknown_reviews_are_few:
            return "A review count or review dates that the listing does not show count as low."
        return "A listing that shows no review count, or no dated review, is never listed."


@dataclass(frozen=True)
class PortfolioCriteria:
    """The fix-list and kill-list criteria of one portfolio run."""

    fix: FixCriteria = field(default_factory=FixCriteria)
    kill: KillCriteria = field(default_factory=KillCriteria)
    #: the operating scorecard of each integration job (scorecards.toml, with [portfolio.scorecards] over it)
    scorecards: Scorecards = field(default_factory=default_scorecards)


def criteria_from_mapping(data: Mapping[str, Any]) -> PortfolioCriteria:
    """Parse a `[portfolio]` config table strictly: an unknown key or a wrong type is a UsageError naming the key."""
    if not isinstance(data, Mapping):
        raise UsageError("portfolio: expected a table")
    tables = ("fix", "kill", "scorecards")
    for key in data:
        if key not in tables:
            raise UsageError(f"portfolio.{key}: unknown key (known: {', '.join(tables)})")
    fix = _parse(FixCriteria, data.get("fix", {}), "portfolio.fix")
    kill = _parse(KillCriteria, data.get("kill", {}), "portfolio.kill")
    return PortfolioCriteria(fix=fix, kill=kill, scorecards=scorecards_from_mapping(data.get("scorecards", {})))


def _parse(cls: type[T], data: Any, prefix: str) -> T:
    if not isinstance(data, Mapping):
        raise UsageError(f"{prefix}: expected a table, got {data!r}")
    known = {f.name: f for f in fields(cls)}
    hints = typing.get_type_hints(cls)
    values = {}
    for key, value in data.items():
        if key not in known:
            raise UsageError(f"{prefix}.{key}: unknown key (known: {', '.join(known)})")
        values[key] = _value(f"{prefix}.{key}", hints[key], value, known[key].metadata)
    return cls(**values)


def _value(name: str, kind: type, value: Any, limits: Mapping[str, Any]) -> Any:
    """`value` checked against the field's type and range (a bool is never taken for a number)."""
    if kind is bool:
        if not isinstance(value, bool):
            raise UsageError(f"{name}: expected true or false, got {value!r}")
        return value
    allowed = (int,) if kind is int else (int, float)
    if isinstance(value, bool) or not isinstance(value, allowed):
        raise UsageError(f"{name}: expected {'an integer' if kind is int else 'a number'}, got {value!r}")
    low, high = limits.get("min"), limits.get("max")
    if (low is not None and value < low) or (high is not None and value > high):
        assert low is not None, f"{name}: a ranged field always has a minimum (see _bounded)"
        bounds = f"from {_num(low)} to {_num(high)}" if high is not None else f"at least {_num(low)}"
        raise UsageError(f"{name}: expected {bounds}, got {value!r}")
    return kind(value)


def _num(value: float) -> str:
    """40.0 -> "40", 2.5 -> "2.5"."""
    return f"{value:g}"
