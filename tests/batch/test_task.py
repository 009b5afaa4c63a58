"""One listing of a batch: its own profile and marketplace, retries, and never an exception."""

from __future__ import annotations

import pytest

import auditor.batch.task as task_module
from auditor.batch.task import ListingJob, audit_listing
from auditor.config import AuditSettings, CrawlSettings
from auditor.errors import TargetUnreachable, UsageError
from auditor.portfolio.listings import ListingEntry


def job(retries: int = 1, **entry_fields) -> ListingJob:
    entry = ListingEntry(line=2, target="https://store.example/apps/a", **entry_fields)
    return ListingJob(entry, CrawlSettings(), AuditSettings(profile="distribution"), retries)


def test_a_row_profile_and_marketplace_override_the_runs():
    assert job(profile="workflow", marketplace="slack").settings.profile == "workflow"
    assert job(profile="workflow", marketplace="slack").settings.marketplace == "slack"
    assert job().settings.profile == "distribution" and job().settings.marketplace == "auto"


@pytest.fixture()
def no_pause(monkeypatch):
    monkeypatch.setattr(task_module, "RETRY_PAUSE", 0.0)


def scripted_run(monkeypatch, *effects):
    """`run` that raises or returns each effect in turn; returns the list of calls."""
    calls = []

    def fake_run(target, crawl, audit, **kwargs):
        calls.append(audit.profile)
        effect = effects[len(calls) - 1]
        if isinstance(effect, BaseException):
            raise effect
        return effect, None

    monkeypatch.setattr(task_module, "run", fake_run)
    return calls


def test_a_passing_failure_is_retried_and_then_succeeds(monkeypatch, no_pause):
    report = object()
    calls = scripted_run(monkeypatch, TargetUnreachable("cannot reach it: timeout"), report)
    outcome = audit_listing(job(retries=1))
    assert outcome.report is report and outcome.error is None and outcome.attempts == 2 and len(calls) == 2


def test_after_its_retries_a_listing_is_reported_with_its_error(monkeypatch, no_pause):
    scripted_run(monkeypatch, TargetUnreachable("cannot reach it: timeout"), TargetUnreachable("still down"))
    outcome = audit_listing(job(retries=1))
    assert outcome.report is None and outcome.error == "still down" and outcome.attempts == 2


def test_bad_input_is_not_retried(monkeypatch, no_pause):
    calls = scripted_run(monkeypatch, UsageError("not a listing URL"), object())
    outcome = audit_listing(job(retries=3))
    assert outcome.error == "not a listing URL" and outcome.attempts == 1 and len(calls) == 1


def test_a_crash_of_ours_becomes_this_listings_error(monkeypatch, no_pause):
    scripted_run(monkeypatch, KeyError("price"))
    outcome = audit_listing(job(retries=0))
    assert outcome.report is None
    assert (outcome.error or "").startswith("internal error: KeyError: 'price' at test_task.py:")


def test_a_worker_renders_all_its_listings_in_one_chromium_with_a_fresh_context_each(server, browser_available):
    """Two listings in one worker: the second connects to the Chromium the first started; a Chromium that
    stopped is started again."""
    from auditor.batch.task import WorkerBrowser

    worker = WorkerBrowser()
    first_endpoint = worker.endpoint()
    assert first_endpoint is not None and worker.endpoint() == first_endpoint, "started once, then reused"
    crawl = CrawlSettings(allow_hosts=frozenset({"127.0.0.1"}), cache_dir=None, browser_endpoint=first_endpoint)
    reports = []
    for path in ("strong/listing/", "stores/shopify/listing/"):
        entry = ListingEntry(line=2, target=f"{server.url}/{path}")
        outcome = audit_listing(ListingJob(entry, crawl, AuditSettings(), 0))
        assert outcome.report is not None, outcome.error
        reports.append(outcome.report)
    assert all(r.crawl["browser"] == "shared Chromium of this worker" for r in reports)
    assert all(r.crawl["pages_via_browser"] for r in reports)
    worker.stop()
    restarted = worker.endpoint()
    assert restarted is not None and restarted != first_endpoint
    worker.stop()
