"""Where an alert goes (`--notify`: a plain URL, `slack:URL` or `teams:URL`) and the message each one takes.

A plain URL receives the event as JSON; Slack and Teams incoming webhooks receive their own message formats
(Slack: `text` with Block Kit `blocks`; Teams: a message with one Adaptive Card attachment).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from auditor.errors import UsageError
from auditor.notify.event import AlertEvent
from auditor.redact import redact_webhook
from auditor.urls import parse_url

Kind = Literal["json", "slack", "teams"]
_PREFIXES: tuple[Kind, ...] = ("slack", "teams")
#: new failures listed by name in a chat message (all of them are in the JSON)
SHOWN_FAILURES = 8


@dataclass(frozen=True)
class Endpoint:
    """One `--notify` destination. Its `url` holds the webhook's secret: print `label`, never `url`."""

    kind: Kind
    url: str

    @property
    def label(self) -> str:
        """What may be printed: the kind and the host, the secret path hidden."""
        shown = redact_webhook(self.url)
        return shown if self.kind == "json" else f"{self.kind}:{shown}"


def parse_endpoint(text: str) -> Endpoint:
    """`https://…`, `slack:https://…` or `teams:https://…` as an Endpoint; anything else is a UsageError whose
    message never repeats the URL's secret part."""
    text = text.strip()
    kind: Kind = "json"
    for prefix in _PREFIXES:
        if text.lower().startswith(prefix + ":"):
            kind, text = prefix, text[len(prefix) + 1:].strip()
    parts = parse_url(text)
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--notify takes an http(s) webhook URL, optionally after slack: or teams:, not "
                         f"{redact_webhook(text) if parts is not None and parts.hostname else 'that value'}")
    return Endpoint(kind, text)


def payload(event: AlertEvent, kind: Kind) -> dict[str, Any]:
    """The message body for an endpoint of this kind."""
    return {"json": json_payload, "slack": slack_payload, "teams": teams_payload}[kind](event)


def json_payload(event: AlertEvent) -> dict[str, Any]:
    """The plain JSON event (documented in the README, "Alerts")."""
    return {
        "event": event.event, "target": event.target, "profile": event.profile,
        "generated_at": event.generated_at,
        "score_before": event.score_before, "score_after": event.score_after,
        "verdict_before": event.verdict_before, "verdict_after": event.verdict_after,
        "reasons": event.reasons,
        "new_failures": [{"id": f.id, "title": f.title, "before": f.before, "after": f.after}
                         for f in event.new_failures],
        "new_blockers": event.new_blockers, "broken_links": event.broken_links, "report": event.report,
    }


def headline(event: AlertEvent) -> str:
    """One line: which listing got worse, and its score and verdict before and after."""
    return (f"Listing audit got worse: {event.target} ({event.profile}) "
            f"{_score(event.score_before)} {event.verdict_before} → {_score(event.score_after)} {event.verdict_after}")


def slack_payload(event: AlertEvent) -> dict[str, Any]:
    """A Slack incoming-webhook message: plain `text` (notifications, fallbacks) and Block Kit `blocks`."""
    lines = [f"• {_slack(r)}" for r in event.reasons]
    lines += [f"  – `{_slack(f.id)}` {_slack(f.title)} ({f.before} → {f.after})"
              for f in event.new_failures[:SHOWN_FAILURES]]
    if len(event.new_failures) > SHOWN_FAILURES:
        lines.append(f"  – and {len(event.new_failures) - SHOWN_FAILURES} more")
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Listing audit got worse"[:150]}},
        {"type": "section", "fields": [
            {"type": "mrkdwn", "text": f"*Listing*\n{_slack(event.target)}"},
            {"type": "mrkdwn", "text": f"*Profile*\n{_slack(event.profile)}"},
            {"type": "mrkdwn", "text": f"*Score*\n{_score(event.score_before)} → {_score(event.score_after)}"},
            {"type": "mrkdwn", "text": f"*Verdict*\n{event.verdict_before} → {event.verdict_after}"},
        ]},
        {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)[:3000]}},
    ]
    if event.report:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"Report: {_slack(event.report)}"}]})
    return {"text": _slack(headline(event)), "blocks": blocks}


def teams_payload(event: AlertEvent) -> dict[str, Any]:
    """A Teams incoming-webhook message: one Adaptive Card (1.2) with the facts and the reasons."""
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": "Listing audit got worse", "weight": "Bolder", "size": "Medium",
         "wrap": True},
        {"type": "FactSet", "facts": [
            {"title": "Listing", "value": event.target}, {"title": "Profile", "value": event.profile},
            {"title": "Score", "value": f"{_score(event.score_before)} → {_score(event.score_after)}"},
            {"title": "Verdict", "value": f"{event.verdict_before} → {event.verdict_after}"},
        ]},
        *({"type": "TextBlock", "text": f"- {r}", "wrap": True} for r in event.reasons),
        *({"type": "TextBlock", "text": f"{f.id} {f.title} ({f.before} → {f.after})", "wrap": True,
           "isSubtle": True} for f in event.new_failures[:SHOWN_FAILURES]),
    ]
    if event.report:
        body.append({"type": "TextBlock", "text": f"Report: {event.report}", "wrap": True, "isSubtle": True})
    card = {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard",
            "version": "1.2", "body": body}
    return {"type": "message", "summary": headline(event),
            "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None,
                             "content": card}]}


def _score(score: float | None) -> str:
    return "–" if score is None else f"{score:.0f}"


def _slack(text: str) -> str:
    """Slack's mrkdwn escaping: only &, < and > are control characters (a scraped title cannot ping @channel)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
