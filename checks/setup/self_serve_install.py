"""SET401: a buyer can install or try the app without talking to sales."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._score import WARN_SCORE
from checks._text import join, terms_in


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    actions = [a.strip() for a in ev.listing.install_actions if a.strip()]
    if not actions:
        return Outcome.failed("The listing shows no install or try button.",
                              [Finding("No call to action", url=ev.listing.url)])
    sales = [a for a in actions if terms_in(a, th["sales_terms"])]
    self_serve = [a for a in actions if a not in sales and terms_in(a, th["self_serve_terms"])]
    findings = [Finding(f"Call to action: \"{a}\"", url=ev.listing.url, excerpt=a) for a in self_serve + sales]
    if self_serve:
        return Outcome.passed(f"Self-serve install path: {join(self_serve)}.", findings)
    if sales:
        return Outcome.failed(f"The only calls to action go through sales: {join(sales)}.", findings)
    return Outcome.partial(WARN_SCORE, f"None of the calls to action ({join(actions)}) reads as install or try.",
                           [Finding(f"Unclear call to action: \"{a}\"", url=ev.listing.url, excerpt=a)
                            for a in actions])


CHECK = Check(
    id="SET401",
    category="setup",
    title="Buyers can install or try the app themselves",
    failure_title="No self-serve install path",
    rationale=(
        "Slack notes that direct install \"shortens the distance between discovering your app and installing it\"; "
        "Shopify requires installing from the store itself and letting merchants change plans without contacting "
        "support. A listing whose only button is \"Contact sales\" or \"Book a demo\" loses the buyers who came to "
        "install now."
    ),
    fix="Offer an Install or Start free trial button that starts the OAuth flow straight away; keep \"Book a "
    "demo\" as a secondary option.",
    run=run,
    field="install",
    weight=2.0,
    severity="high",
    thresholds={
        "self_serve_terms": ("install", "get it now", "get the app", "get app", "get started", "start free trial",
                             "free trial", "try", "try it free", "try for free", "add to", "connect", "sign up",
                             "download", "start now", "use app", "start trial"),
        "sales_terms": ("contact sales", "contact us", "talk to sales", "book a demo", "request a demo",
                        "schedule a demo", "request access", "get a quote", "request a quote", "request pricing"),
    },
    sources=("https://docs.slack.dev/slack-marketplace/slack-marketplace-app-guidelines-and-requirements",
             "https://shopify.dev/docs/apps/launch/shopify-app-store/app-store-requirements"),
)
