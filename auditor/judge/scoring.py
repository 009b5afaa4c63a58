"""Category scores, the overall score, the verdict, blockers and top fixes, under a profile.

Category score = weighted mean of its applicable checks x 100; checks that do not apply, are unverified, errored
or are charged under another check of their family weigh nothing (the category reports "k of n checks ran"). A
store's requirement weighs its full weight, a recommendation half of it. Overall = weighted mean of the categories
that have a score, with weights from the profile that matches the integration's job. Only a failing requirement
blocks; the verdict follows the score as shown (59.8 is shown as 60, so it needs work).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from auditor.config import PROFILE_NAMES
from auditor.errors import UsageError
from auditor.judge.check import CATEGORY_TITLES
from auditor.model import CategoryScore, CheckResult, TopFix

#: category weights per integration job; each row sums to 100
PROFILES: Mapping[str, Mapping[str, float]] = MappingProxyType({
    # table-stakes parity: reliability, coverage and support discipline matter most
    "table-stakes": MappingProxyType({"documentation": 30, "setup": 15, "trust": 30, "packaging": 15, "reviews": 10}),
    # workflow depth: setup depth and adoption/retention signals
    "workflow": MappingProxyType({"documentation": 25, "setup": 35, "trust": 15, "packaging": 10, "reviews": 15}),
    # distribution plays: listing conversion, reviews and trust
    "distribution": MappingProxyType({"documentation": 15, "setup": 10, "trust": 20, "packaging": 30, "reviews": 25}),
})
#: why each profile weighs the categories as it does (shown in docs/rules.md and the README)
PROFILE_REASONS: Mapping[str, str] = MappingProxyType({
    "table-stakes": "A parity connector buyers expect to exist: it wins on reliability, coverage and support "
                    "discipline, so documentation and trust weigh most and review volume least.",
    "workflow": "An integration that deepens a workflow: value depends on getting set up and staying adopted, "
                "so setup friction weighs most, then documentation, then reviews as the retention signal.",
    "distribution": "A listing meant to bring new customers: conversion depends on the listing itself, its "
                    "reviews and the trust it earns, so packaging and reviews weigh most.",
})
assert tuple(PROFILES) == PROFILE_NAMES, "config.PROFILE_NAMES lists the profiles defined here"
READY_AT = 85.0
NEEDS_WORK_AT = 60.0
TOP_FIXES = 8
#: a recommendation's share of its weight (a store requirement counts in full)
RECOMMENDATION_WEIGHT = 0.5


def weight_of(result: CheckResult) -> float:
    """What a result weighs in its category: its weight, halved for a recommendation."""
    return result.weight * (1.0 if result.level == "requirement" else RECOMMENDATION_WEIGHT)


@dataclass(frozen=True)
class Scored:
    """The scoring stage's output."""

    score: float
    verdict: str
    blockers: list[str]
    categories: dict[str, CategoryScore]
    top_fixes: list[TopFix]


def score(results: list[CheckResult], profile: str, custom: Mapping[str, float] | None = None) -> Scored:
    """Score check results under `profile`; `custom` category weights replace the profile's where given."""
    weights = profile_weights(profile, custom)
    categories = category_scores(results, weights)
    overall = overall_score(categories)
    blockers = [r.id for r in results if r.blocker]
    return Scored(overall, verdict(overall, blockers), blockers, categories, top_fixes(results, weights, overall))


def profile_weights(profile: str, custom: Mapping[str, float] | None = None) -> Mapping[str, float]:
    """The category weights of `profile`, overridden by `custom`."""
    if profile not in PROFILES:
        raise UsageError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    return {**PROFILES[profile], **(custom or {})}


def category_scores(results: list[CheckResult], weights: Mapping[str, float]) -> dict[str, CategoryScore]:
    """Each category's weighted mean of the checks that ran, x 100 (None when none ran)."""
    out: dict[str, CategoryScore] = {}
    for category, title in CATEGORY_TITLES.items():
        members = [r for r in results if r.category == category]
        ran = [r for r in members if r.score is not None and r.weight > 0]
        total = sum(weight_of(r) for r in ran)
        value = round(100 * sum(weight_of(r) * (r.score or 0.0) for r in ran) / total, 1) if total else None
        out[category] = CategoryScore(category, title, value, weights.get(category, 0.0), len(ran), len(members))
    return out


def overall_score(categories: Mapping[str, CategoryScore]) -> float:
    """The weighted mean of category scores; categories without a score weigh nothing."""
    scored = [c for c in categories.values() if c.score is not None and c.weight > 0]
    total = sum(c.weight for c in scored)
    return round(sum(c.weight * (c.score or 0.0) for c in scored) / total, 1) if total else 0.0


def verdict(overall: float, blockers: list[str]) -> str:
    """ready / needs-work / not-ready by the score as shown (rounded); any blocker means not-ready."""
    if blockers:
        return "not-ready"
    shown = round(overall)
    if shown >= READY_AT:
        return "ready"
    return "needs-work" if shown >= NEEDS_WORK_AT else "not-ready"


def top_fixes(results: list[CheckResult], weights: Mapping[str, float], overall: float) -> list[TopFix]:
    """Failing checks ranked by the overall points each would add if it passed; blockers come first."""
    gains = []
    for i, result in enumerate(results):
        if result.score is None or result.score >= 1.0 or result.status not in ("fail", "warn"):
            continue
        fixed = results[:i] + [replace(result, score=1.0)] + results[i + 1:]
        gain = round(overall_score(category_scores(fixed, weights)) - overall, 1)
        if gain > 0 or result.blocker:
            gains.append(TopFix(result.id, result.title, gain, result.fix, result.blocker))
    return sorted(gains, key=lambda f: (not f.blocker, -f.gain, f.id))[:TOP_FIXES]
