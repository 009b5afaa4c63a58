"""The fix and kill lists with operating numbers: fixes ranked by points weighted by what is at stake for the job,
each kill criterion (and what keeps a listing off), and the lists exactly as before when no numbers are given."""

from __future__ import annotations

import pytest

from auditor.portfolio.build import build_portfolio, kill_candidate
from auditor.portfolio.criteria import KillCriteria, PortfolioCriteria
from auditor.portfolio.metrics import ListingMetrics
from auditor.portfolio.rows import FixItem
from auditor.portfolio.stakes import KILL_CRITERIA, stakes
from tests.portfolio.conftest import make_row

KILL = KillCriteria()
#: a row that the listing criteria alone keep off the kill list (a good score, many recent reviews, fresh docs)
HEALTHY_LISTING = {"score": 80.0, "review_count": 50, "recent_reviews": 10, "docs_age_days": 30}


def fixes(gain: float) -> list[FixItem]:
    return [FixItem("DOC101", "No setup guide", gain)]


# ------------------------------------------------------------ fix list


def test_fixes_are_ranked_by_points_weighted_by_the_stake_of_each_job():
    traffic, accounts = (lambda n: ListingMetrics(traffic_30d=n)), (lambda n: ListingMetrics(active_accounts=n))
    rows = [
        make_row("Busy", line=2, profile="distribution", top_fixes=fixes(6.0), metrics=traffic(9000)),
        make_row("Quiet", line=3, profile="distribution", top_fixes=fixes(10.0), metrics=traffic(1000)),
        make_row("Deep", line=4, profile="workflow", top_fixes=fixes(8.0), metrics=accounts(300)),
        make_row("Shallow", line=5, profile="workflow", top_fixes=fixes(8.0), metrics=accounts(100)),
        make_row("Noisy", line=6, profile="table-stakes", top_fixes=fixes(7.0),
                 metrics=ListingMetrics(support_tickets_90d=120)),
        make_row("Unmeasured", line=7, profile="table-stakes", top_fixes=fixes(7.0)),
    ]
    p = build_portfolio(rows)
    ranked = [(f.name, f.stake_metric, f.stake, f.weight, f.priority) for f in p.fix_list]
    assert ranked == [
        ("Deep", "active_accounts", 300.0, 1.5, 12.0),       # 8 points x 300 / the workflow mean of 200
        ("Busy", "traffic_30d", 9000.0, 1.8, 10.8),           # 6 points x 9,000 / the distribution mean of 5,000
        ("Noisy", "support_tickets_90d", 120.0, 1.0, 7.0),    # the only table-stakes listing that measures tickets
        ("Unmeasured", "support_tickets_90d", None, 1.0, 7.0),  # nobody measures it: counted as its job's average
        ("Shallow", "active_accounts", 100.0, 0.5, 4.0),
        ("Quiet", "traffic_30d", 1000.0, 0.2, 2.0),           # the most raw points, the least at stake
    ]


def test_without_numbers_the_fix_list_is_ranked_by_points_as_before_and_says_numbers_would_sharpen_it():
    rows = [make_row("A", line=2, top_fixes=fixes(6.0)), make_row("B", line=3, top_fixes=fixes(9.0))]
    p = build_portfolio(rows)
    assert [(f.name, f.weight, f.priority) for f in p.fix_list] == [("B", 1.0, 9.0), ("A", 1.0, 6.0)]
    assert p.operating_review is not None and not p.operating_review.measured
    assert "would sharpen both" in p.operating_review.notes[0]


def test_a_stake_of_zero_weighs_nothing_and_a_job_that_measures_none_weighs_one():
    rows = [make_row("Zero", line=2, metrics=ListingMetrics(traffic_30d=0)),
            make_row("Some", line=3, metrics=ListingMetrics(traffic_30d=500)),
            make_row("W", line=4, profile="workflow")]
    found = stakes(rows, PortfolioCriteria().scorecards)
    assert found[rows[0].key].weight == 0.0 and found[rows[1].key].weight == 2.0
    assert found[rows[2].key].weight == 1.0 and found[rows[2].key].value is None


# ------------------------------------------------------------ kill list


def test_the_listing_criterion_alone_still_puts_a_listing_there():
    row = make_row("Old", score=30.0, review_count=2, recent_reviews=0, docs_age_days=900)
    candidate = kill_candidate(row, KILL)
    assert candidate is not None and candidate.criteria == ["listing"] and len(candidate.reasons) == 4


def test_low_usage_with_many_tickets_per_account_is_a_kill_criterion():
    row = make_row("Costly", **HEALTHY_LISTING, metrics=ListingMetrics(active_accounts=4, support_tickets_90d=3))
    candidate = kill_candidate(row, KILL)
    assert candidate is not None and candidate.criteria == ["usage-and-support-cost"]
    assert candidate.reasons == ["Low usage: 4 active accounts, at most 10.",
                                 "High support cost: 0.75 support tickets per active account in 90 days, at least 0.5 "
                                 "per account."]


def test_low_usage_with_many_maintenance_hours_is_a_kill_criterion():
    row = make_row("Upkeep", **HEALTHY_LISTING, metrics=ListingMetrics(active_accounts=8, maintenance_hours_90d=55.0))
    candidate = kill_candidate(row, KILL)
    assert candidate is not None and candidate.criteria == ["usage-and-support-cost"]
    assert "High support cost: 55 maintenance hours in 90 days, at least 40." in candidate.reasons


def test_low_usage_with_incidents_is_a_kill_criterion():
    row = make_row("Brittle", **HEALTHY_LISTING, metrics=ListingMetrics(active_accounts=2, incidents_90d=3))
    candidate = kill_candidate(row, KILL)
    assert candidate is not None and candidate.criteria == ["usage-and-incidents"]
    assert candidate.reasons[-1] == "Too brittle: 3 incidents in 90 days, at least 3."


def test_installs_stand_in_for_active_accounts_and_tickets_without_accounts_cost_everything():
    by_installs = make_row("I", **HEALTHY_LISTING, metrics=ListingMetrics(installs=5, incidents_90d=4))
    candidate = kill_candidate(by_installs, KILL)
    assert candidate is not None and "5 installs (active accounts are not measured)" in candidate.reasons[0]
    nobody = make_row("N", **HEALTHY_LISTING, metrics=ListingMetrics(active_accounts=0, support_tickets_90d=2))
    candidate = kill_candidate(nobody, KILL)
    assert candidate is not None and "2 tickets and no active account" in candidate.reasons[1]


@pytest.mark.parametrize("metrics", [
    ListingMetrics(active_accounts=11, support_tickets_90d=50, incidents_90d=9),  # used enough, whatever it costs
    ListingMetrics(active_accounts=3, support_tickets_90d=1, maintenance_hours_90d=39.0, incidents_90d=2),  # cheap
    ListingMetrics(support_tickets_90d=50, incidents_90d=9),  # usage nobody measures: never killed for it
])
def test_what_keeps_a_listing_off_by_the_usage_criteria(metrics):
    assert kill_candidate(make_row("K", **HEALTHY_LISTING, metrics=metrics), KILL) is None


def test_the_usage_thresholds_come_from_the_config():
    row = make_row("C", **HEALTHY_LISTING, metrics=ListingMetrics(active_accounts=20, incidents_90d=1))
    assert kill_candidate(row, KILL) is None
    loose = KillCriteria(max_active_accounts=25, min_incidents=1)
    candidate = kill_candidate(row, loose)
    assert candidate is not None and candidate.criteria == ["usage-and-incidents"]


def test_a_listing_meeting_both_ways_names_both_and_drafts_are_never_killed_for_usage():
    both = make_row("Both", score=30.0, review_count=2, recent_reviews=0, docs_age_days=900,
                    metrics=ListingMetrics(active_accounts=1, support_tickets_90d=4, incidents_90d=5))
    candidate = kill_candidate(both, KILL)
    assert candidate is not None
    assert candidate.criteria == ["listing", "usage-and-support-cost", "usage-and-incidents"]
    assert set(candidate.criteria) <= set(KILL_CRITERIA)
    draft = make_row("Draft", scope="draft", metrics=ListingMetrics(active_accounts=1, incidents_90d=5))
    assert kill_candidate(draft, KILL) is None


def test_the_review_names_the_kill_criterion_and_the_verdicts_follow_the_lists():
    rows = [make_row("Costly", line=2, **HEALTHY_LISTING, top_fixes=fixes(9.0),
                     metrics=ListingMetrics(active_accounts=4, support_tickets_90d=3)),
            make_row("Fixable", line=3, top_fixes=fixes(9.0), owner="ann",
                     metrics=ListingMetrics(traffic_30d=900, qualified_leads_30d=20, field_usage_30d=4,
                                            revenue_90d=20000.0))]
    p = build_portfolio(rows)
    assert [k.name for k in p.kill_list] == ["Costly"] and [f.name for f in p.fix_list] == ["Fixable"]
    assert p.operating_review is not None
    judged = {r.name: r for job in p.operating_review.jobs for r in job.rows}
    assert judged["Costly"].verdict == "kill"
    assert "On the kill list: low usage with a high support cost." in judged["Costly"].reasons
    assert judged["Fixable"].verdict == "fix"
