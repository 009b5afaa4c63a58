"""What the operating numbers add to the fix and kill lists: what is at stake when a listing improves (which
ranks the fix list), and the kill list's second way in (low usage with a high support cost, or with incidents).

Without numbers nothing here changes a list: every stake weight is 1 and no listing meets the usage criteria.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.portfolio.criteria import KillCriteria
from auditor.portfolio.rows import PortfolioRow
from auditor.portfolio.scorecards import Scorecards

#: the kill list's criteria, as its candidates name them
KILL_CRITERIA = {
    "listing": "low readiness, few and slow reviews, stale docs",
    "usage-and-support-cost": "low usage with a high support cost",
    "usage-and-incidents": "low usage with too many incidents",
}


@dataclass(frozen=True)
class Stake:
    """What is at stake when one listing improves: its job's stake metric, relative to the job's mean."""

    #: the metric (traffic for distribution, active accounts for workflow, tickets for table stakes)
    metric: str | None
    #: the listing's value of it; None when nobody measures it
    value: float | None
    #: value / the mean over the job's listings that measure it; 1 (average) when either is unknown or the mean is 0
    weight: float


def stakes(rows: Sequence[PortfolioRow], scorecards: Scorecards) -> dict[str, Stake]:
    """Each row's stake, by key."""
    found = {}
    for row in rows:
        card = scorecards.jobs.get(row.profile or "")
        metric = card.stake if card else None
        value = row.metrics.value(metric) if metric else None
        peers = [v for r in rows if r.profile == row.profile and metric and (v := r.metrics.value(metric)) is not None]
        mean = sum(peers) / len(peers) if peers else 0.0
        weight = value / mean if value is not None and mean > 0 else 1.0
        found[row.key] = Stake(metric, value, round(weight, 3))
    return found


def usage_kill(row: PortfolioRow, criteria: KillCriteria) -> tuple[list[str], list[str]]:
    """The usage criteria (ids of KILL_CRITERIA) that hold on the row, and a sentence for each condition met."""
    m = row.metrics
    usage, unit = ((m.active_accounts, "active accounts") if m.active_accounts is not None
                   else (m.installs, "installs (active accounts are not measured)"))
    if usage is None or usage > criteria.max_active_accounts:
        return [], []
    cost = _support_cost(row, criteria)
    brittle = (m.incidents_90d is not None and m.incidents_90d >= criteria.min_incidents)
    met = [c for c, holds in (("usage-and-support-cost", bool(cost)), ("usage-and-incidents", brittle)) if holds]
    if not met:
        return [], []
    reasons = [f"Low usage: {usage} {unit}, at most {criteria.max_active_accounts}.", *cost]
    if brittle:
        reasons.append(f"Too brittle: {m.incidents_90d} incidents in 90 days, at least {criteria.min_incidents}.")
    return met, reasons


def _support_cost(row: PortfolioRow, criteria: KillCriteria) -> list[str]:
    m = row.metrics
    reasons = []
    tickets, accounts = m.support_tickets_90d, m.active_accounts
    if tickets is not None and accounts is not None:
        per_account = tickets / accounts if accounts else (math.inf if tickets else 0.0)
        if per_account >= criteria.min_tickets_per_account:
            shown = f"{tickets} tickets and no active account" if not accounts else \
                f"{per_account:.2g} support tickets per active account"
            reasons.append(f"High support cost: {shown} in 90 days, at least {criteria.min_tickets_per_account:g} "
                           "per account.")
    hours = m.maintenance_hours_90d
    if hours is not None and hours >= criteria.min_maintenance_hours:
        reasons.append(f"High support cost: {hours:g} maintenance hours in 90 days, at least "
                       f"{criteria.min_maintenance_hours:g}.")
    return reasons
