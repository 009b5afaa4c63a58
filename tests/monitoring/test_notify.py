"""Alert endpoints and messages, and their delivery to a real receiver on 127.0.0.1: answered, failing, silent."""

from __future__ import annotations

import time

import pytest

from auditor.errors import UsageError
from auditor.notify.deliver import DeliverySettings, deliver
from auditor.notify.event import AlertEvent, NewFailure
from auditor.notify.payloads import json_payload, parse_endpoint, slack_payload, teams_payload
from auditor.redact import redact_webhook
from tests.monitoring.receiver import Receiver

EVENT = AlertEvent(
    target="https://apps.example.com/apps/ledgerline", profile="distribution", generated_at="2026-12-07T02:00:00+00:00",
    score_before=98.7, score_after=83.8, verdict_before="ready", verdict_after="not-ready",
    reasons=["The verdict dropped from ready to not-ready.", "New blocker: TRU501."],
    new_failures=[NewFailure("TRU501", "No <b>privacy</b> policy & terms", "pass", "fail")], new_blockers=["TRU501"],
    broken_links=["https://docs.example.com/setup"], report="/reports/ledgerline/report.json")
FAST = DeliverySettings(timeout=0.5, retries=2, backoff=0.01)


def test_endpoints_by_prefix_and_their_printable_labels():
    slack = parse_endpoint("slack:https://hooks.slack.com/services/T000/B000/XXXXSECRET")
    assert slack.kind == "slack" and slack.url.endswith("XXXXSECRET") and slack.label == "slack:https://hooks.slack.com/…"
    teams = parse_endpoint(" teams:https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456 ")
    assert teams.kind == "teams" and "IncomingWebhook" not in teams.label
    plain = parse_endpoint("http://127.0.0.1:8080/hook?token=abc")
    assert plain.kind == "json" and plain.label == "http://127.0.0.1:8080/…"
    assert redact_webhook("https://user:pw@example.com") == "https://example.com"


@pytest.mark.parametrize("bad", ["ftp://example.com/x", "slack:", "hooks.slack.com/services/SECRET", "teams:mailto:x"])
def test_a_bad_endpoint_is_a_usage_error_that_repeats_no_secret(bad):
    with pytest.raises(UsageError) as caught:
        parse_endpoint(bad)
    assert "SECRET" not in str(caught.value) and "--notify" in str(caught.value)


def test_the_json_message_has_the_documented_fields():
    body = json_payload(EVENT)
    assert {"event", "target", "profile", "score_before", "score_after", "verdict_before", "verdict_after",
            "new_failures", "report"} <= set(body)
    assert body["new_failures"] == [{"id": "TRU501", "title": "No <b>privacy</b> policy & terms", "before": "pass",
                                     "after": "fail"}]


def test_slack_gets_blocks_with_its_control_characters_escaped():
    body = slack_payload(EVENT)
    assert body["text"].startswith("Listing audit got worse: https://apps.example.com/apps/ledgerline")
    text = str(body["blocks"])
    assert "&lt;b&gt;privacy&lt;/b&gt; policy &amp; terms" in text and "<b>" not in text
    assert [b["type"] for b in body["blocks"]] == ["header", "section", "section", "context"]


def test_teams_gets_one_adaptive_card():
    body = teams_payload(EVENT)
    assert body["type"] == "message"
    (attachment,) = body["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.2"
    facts = {f["title"]: f["value"] for f in card["body"][1]["facts"]}
    assert facts["Score"] == "99 → 84" and facts["Verdict"] == "ready → not-ready"


def test_a_receiver_that_answers_gets_one_post_per_endpoint_in_its_format():
    with Receiver("ok") as hook:
        endpoints = [parse_endpoint(hook.url), parse_endpoint("slack:" + hook.url), parse_endpoint("teams:" + hook.url)]
        results = deliver(EVENT, endpoints, FAST)
    assert [(r.delivered, r.attempts, r.status) for r in results] == [(True, 1, 200)] * 3
    assert [post[2].get("event") for post in hook.posts] == ["listing.degraded", None, None]
    assert "blocks" in hook.posts[1][2] and hook.posts[2][2]["type"] == "message"
    assert hook.posts[0][1]["Content-Type"].startswith("application/json")
    assert all("s3cr3tT0ken" not in r.endpoint for r in results)


def test_a_receiver_that_answers_500_is_retried_then_given_up():
    pauses: list[float] = []
    with Receiver("error") as hook:
        (result,) = deliver(EVENT, [parse_endpoint(hook.url)], FAST, sleep=pauses.append)
    assert not result.delivered and result.attempts == 3 and result.status == 500
    assert len(hook.posts) == 3 and pauses == [0.01, 0.02]  # backoff doubles
    assert result.error is not None and result.error.startswith("HTTP 500")


def test_a_receiver_that_never_answers_times_out_each_attempt():
    started = time.monotonic()
    with Receiver("silent") as hook:
        (result,) = deliver(EVENT, [parse_endpoint(hook.url)], DeliverySettings(timeout=0.3, retries=1, backoff=0.01))
    assert not result.delivered and result.attempts == 2 and result.status is None
    assert result.error == "no answer within 0.3 s" and hook.connections == 2
    assert time.monotonic() - started < 5


def test_a_closed_port_is_a_failed_delivery_not_an_exception():
    with Receiver("ok") as hook:
        url = hook.url
    (result,) = deliver(EVENT, [parse_endpoint(url)], DeliverySettings(timeout=0.3, retries=0))
    assert not result.delivered and result.error is not None and result.error.startswith("cannot connect")
