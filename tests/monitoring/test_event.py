"""When is an audit worse than the previous one? Each way it can be, and the ways it is not."""

from __future__ import annotations

from auditor.notify.event import worse
from tests.monitoring.factories import record


def test_no_previous_audit_and_an_unchanged_audit_alert_nobody():
    assert worse(None, record()) is None
    assert worse(record(), record(when="2026-12-02T02:00:00+00:00")) is None


def test_a_score_fall_alerts_from_the_threshold_on():
    assert worse(record(score=90), record(score=85.5), drop=5) is None
    event = worse(record(score=90), record(score=85), drop=5)
    assert event is not None and event.reasons == ["The score fell 5.0 points, from 90.0 to 85.0."]
    assert event.score_before == 90 and event.score_after == 85 and event.event == "listing.degraded"


def test_a_verdict_drop_alerts_even_when_the_score_barely_moves():
    event = worse(record(score=85.2, verdict="ready"), record(score=84.9, verdict="needs-work"))
    assert event is not None and event.reasons == ["The verdict dropped from ready to needs-work."]


def test_a_better_audit_alerts_nobody():
    assert worse(record(score=60, verdict="needs-work", checks={"DOC101": "warn"}),
                 record(score=90, verdict="ready", checks={"DOC101": "pass"})) is None


def test_new_blockers_failures_and_broken_links_are_named():
    before = record(checks={"DOC101": "pass", "DOC105": "pass", "TRU501": "warn", "PKG208": "warn"},
                    broken_links=["https://docs/old"])
    after = record(checks={"DOC101": "warn", "DOC105": "warn", "TRU501": "fail", "PKG208": "warn", "NEW900": "fail"},
                   blockers=["TRU501"], broken_links=["https://docs/old", "https://docs/setup"])
    event = worse(before, after)
    assert event is not None
    assert [(f.id, f.before, f.after) for f in event.new_failures] == [
        ("DOC101", "pass", "warn"), ("DOC105", "pass", "warn"), ("TRU501", "warn", "fail")]  # not NEW900, not PKG208
    assert event.new_blockers == ["TRU501"] and event.broken_links == ["https://docs/setup"]
    assert event.reasons == ["New blocker: TRU501.", "3 checks newly failing: DOC101, DOC105, TRU501.",
                             "1 link newly broken."]


def test_a_listing_that_became_unavailable_says_so_once():
    event = worse(record(score=88), record(score=None, verdict="unavailable", checks={}))
    assert event is not None and event.reasons == [
        "The listing is no longer available on the store (delisted, removed or not found)."]
    assert worse(record(score=None, verdict="unavailable"), record(score=None, verdict="unavailable")) is None
