"""The operating scorecard of each integration job, as data: `scorecards.toml` beside this file, overridable under
`[portfolio.scorecards]` in the config file with the same keys (checked strictly: an unknown key or a wrong value
is a UsageError naming it).

Imports nothing from the rest of the tool but its errors and the metric names, so config loading can parse it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from auditor.errors import UsageError
from auditor.portfolio.metrics import METRICS, RATIOS, inputs

_FILE = Path(__file__).resolve().parent / "scorecards.toml"
#: the integration jobs (the scoring profiles of auditor.judge.scoring, named here to keep this module light)
JOBS = ("table-stakes", "workflow", "distribution")
HEALTH = ("healthy", "at-risk", "failing")
REACTIVE = "reactive"
_PREFIX = "portfolio.scorecards"


@dataclass(frozen=True)
class MetricRule:
    """One metric of a scorecard and where it turns from healthy to at risk to failing."""

    metric: str
    #: "higher" or "lower": which way is better
    better: str
    #: healthy at or beyond this (at or above when higher is better, at or under when lower is)
    healthy: float
    #: failing past this (under it when higher is better, over it when lower is); at risk in between
    failing: float
    #: the metric's share of the metric score (relative to the scorecard's other weights)
    weight: float
    why: str

    def status(self, value: float) -> str:
        """healthy, at-risk or failing."""
        sign = 1 if self.better == "higher" else -1
        if sign * value >= sign * self.healthy:
            return "healthy"
        return "failing" if sign * value < sign * self.failing else "at-risk"

    def points(self, value: float) -> float:
        """0 at the failing threshold (or beyond it), 1 at the healthy one (or beyond), a straight line between."""
        share = (value - self.failing) / (self.healthy - self.failing)
        return min(1.0, max(0.0, share))

    def bounds(self) -> str:
        """The thresholds in words: "healthy at 0.85 or more, failing under 0.7"."""
        if self.better == "higher":
            return f"healthy at {_num(self.healthy)} or more, failing under {_num(self.failing)}"
        return f"healthy at {_num(self.healthy)} or less, failing over {_num(self.failing)}"


@dataclass(frozen=True)
class Scorecard:
    """What one integration job (or any reactive integration) is judged on."""

    name: str
    title: str
    reason: str
    #: the listing readiness score's share of the operating score; the metrics weigh the rest
    readiness_weight: float
    #: the metric that says what is at stake when this job's listing improves (ranks the fix list); None: the job's
    stake: str | None
    rules: tuple[MetricRule, ...]

    def needs(self) -> list[str]:
        """The raw metrics this scorecard reads, in order, each once."""
        return list(dict.fromkeys(m for rule in self.rules for m in inputs(rule.metric)))


@dataclass(frozen=True)
class HealthRules:
    """How a listing's operating score and metric statuses become its health."""

    healthy_from: float
    failing_below: float
    failing_metrics: int
    min_measured: float
    blockers_cap: bool


@dataclass(frozen=True)
class Scorecards:
    """Every job's scorecard, the reactive one, and the health rules."""

    jobs: Mapping[str, Scorecard]
    reactive: Scorecard
    health: HealthRules

    def for_listing(self, job: str | None, origin: str | None) -> Scorecard | None:
        """The scorecard a listing is judged on: the reactive one when it was built for one customer."""
        if origin == REACTIVE:
            return self.reactive
        return self.jobs.get(job or "")


def default_scorecards() -> Scorecards:
    """The scorecards of scorecards.toml."""
    return scorecards_from_mapping({})


def scorecards_from_mapping(overrides: Mapping[str, Any]) -> Scorecards:
    """scorecards.toml with `overrides` (a `[portfolio.scorecards]` table) merged over it, checked strictly."""
    if not isinstance(overrides, Mapping):
        raise UsageError(f"{_PREFIX}: expected a table")
    data = _merge(_defaults(), overrides)
    _known(data, ("health", "jobs", REACTIVE), _PREFIX)
    jobs = _table(data.get("jobs"), f"{_PREFIX}.jobs")
    _known(jobs, JOBS, f"{_PREFIX}.jobs")
    return Scorecards(
        jobs={job: _scorecard(job, jobs[job], f"{_PREFIX}.jobs.{job}", stake_required=True) for job in JOBS},
        reactive=_scorecard(REACTIVE, data.get(REACTIVE), f"{_PREFIX}.{REACTIVE}", stake_required=False),
        health=_health(data.get("health"), f"{_PREFIX}.health"),
    )


@cache
def _defaults() -> Mapping[str, Any]:
    return tomllib.loads(_FILE.read_text(encoding="utf-8"))


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """`base` with `over`'s values, tables merged key by key."""
    merged = dict(base)
    for key, value in over.items():
        old = merged.get(key)
        merged[key] = _merge(old, value) if isinstance(old, Mapping) and isinstance(value, Mapping) else value
    return merged


def _scorecard(name: str, value: Any, where: str, *, stake_required: bool) -> Scorecard:
    table = _table(value, where)
    _known(table, ("title", "reason", "readiness_weight", "stake", "metrics"), where)
    stake = table.get("stake")
    if not stake_required and "stake" in table:
        raise UsageError(f"{where}.stake: a reactive integration is weighed by its job's stake")
    if stake_required and stake not in METRICS:
        raise UsageError(f"{where}.stake: expected one of {', '.join(METRICS)}, got {stake!r}")
    metrics = _table(table.get("metrics", {}), f"{where}.metrics")
    rules = tuple(r for metric, rule in metrics.items()
                  if (r := _rule(metric, rule, f"{where}.metrics.{metric}")).weight > 0)
    if not rules:
        raise UsageError(f"{where}.metrics: a scorecard needs at least one metric with a weight above 0")
    return Scorecard(name=name, title=_text(table.get("title"), f"{where}.title"),
                     reason=_text(table.get("reason"), f"{where}.reason"),
                     readiness_weight=_number(table.get("readiness_weight"), f"{where}.readiness_weight", 0, 1),
                     stake=stake, rules=rules)


def _rule(metric: str, value: Any, where: str) -> MetricRule:
    if metric not in METRICS and metric not in RATIOS:
        raise UsageError(f"{where}: unknown metric (known: {', '.join([*METRICS, *RATIOS])})")
    table = _table(value, where)
    _known(table, ("better", "healthy", "failing", "weight", "why"), where)
    better = table.get("better")
    if better not in ("higher", "lower"):
        raise UsageError(f"{where}.better: expected \"higher\" or \"lower\", got {better!r}")
    healthy = _number(table.get("healthy"), f"{where}.healthy", 0)
    failing = _number(table.get("failing"), f"{where}.failing", 0)
    if (healthy <= failing) if better == "higher" else (healthy >= failing):
        side = "above" if better == "higher" else "under"
        raise UsageError(f"{where}: healthy ({_num(healthy)}) must be {side} failing ({_num(failing)}) when "
                         f"{better} is better")
    return MetricRule(metric=metric, better=better, healthy=healthy, failing=failing,
                      weight=_number(table.get("weight", 1), f"{where}.weight", 0),
                      why=_text(table.get("why", ""), f"{where}.why", empty=True))


def _health(value: Any, where: str) -> HealthRules:
    table = _table(value, where)
    _known(table, ("healthy_from", "failing_below", "failing_metrics", "min_measured", "blockers_cap"), where)
    healthy_from = _number(table.get("healthy_from"), f"{where}.healthy_from", 0, 100)
    failing_below = _number(table.get("failing_below"), f"{where}.failing_below", 0, 100)
    if failing_below > healthy_from:
        raise UsageError(f"{where}: failing_below ({_num(failing_below)}) must not be above healthy_from "
                         f"({_num(healthy_from)})")
    count = table.get("failing_metrics")
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise UsageError(f"{where}.failing_metrics: expected a whole number of at least 1, got {count!r}")
    cap = table.get("blockers_cap")
    if not isinstance(cap, bool):
        raise UsageError(f"{where}.blockers_cap: expected true or false, got {cap!r}")
    return HealthRules(healthy_from=healthy_from, failing_below=failing_below, failing_metrics=count,
                       min_measured=_number(table.get("min_measured"), f"{where}.min_measured", 0, 1),
                       blockers_cap=cap)


# ------------------------------------------------------------ strict readers


def _table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise UsageError(f"{where}: expected a table, got {value!r}")
    return value


def _known(table: Mapping[str, Any], known: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in known:
            raise UsageError(f"{where}.{key}: unknown key (known: {', '.join(known)})")


def _number(value: Any, where: str, low: float, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UsageError(f"{where}: expected a number, got {value!r}")
    if value < low or (high is not None and value > high):
        bounds = f"from {_num(low)} to {_num(high)}" if high is not None else f"at least {_num(low)}"
        raise UsageError(f"{where}: expected {bounds}, got {value!r}")
    return float(value)


def _text(value: Any, where: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or not (empty or value.strip()):
        raise UsageError(f"{where}: expected text, got {value!r}")
    return value.strip()


def _num(value: float) -> str:
    return f"{value:g}"
