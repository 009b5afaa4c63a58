"""Small scoring helpers the built-in checks share, so every check maps numbers to scores the same way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: what a value between the "pass" and "warn" limits scores (the warn band of `auditor.judge.check`)
WARN_SCORE = 0.5


def band(value: float, good: float, ok: float, *, lower_is_better: bool = False) -> float:
    """1.0 when `value` reaches `good`, WARN_SCORE when it reaches `ok`, else 0.0."""
    if lower_is_better:
        value, good, ok = -value, -good, -ok
    if value >= good:
        return 1.0
    return WARN_SCORE if value >= ok else 0.0


def banded(value: float, th: Mapping[str, Any], *, lower_is_better: bool = False) -> float:
    """`band` with the limits read from thresholds `pass` and `warn`."""
    return band(value, th["pass"], th["warn"], lower_is_better=lower_is_better)


def penalty(count: int, per_item: float) -> float:
    """1.0 less `per_item` for every offending item, never below zero."""
    return max(0.0, 1.0 - count * per_item)


def share(part: float, whole: float) -> float:
    """part / whole, and 1.0 when there is nothing to divide."""
    return part / whole if whole else 1.0
