"""SET402: the listing offers a free plan or a free trial."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._text import excerpt, terms_in


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    listing = ev.listing
    # a plan priced at zero is free whatever its label says
    places = [(f"plan \"{p.name}\"", "free" if p.amount == 0 else f"{p.name} {p.price or ''}")
              for p in listing.pricing_plans]
    places += ([("pricing section", listing.pricing_text or "")]
               + [(f"button \"{a}\"", a) for a in listing.install_actions])
    found = [(where, text, hits[0]) for where, text in places if (hits := terms_in(text, th["free_terms"]))]
    if not found:
        return Outcome.failed("Neither the plans, the pricing text nor the buttons offer a free plan or trial.",
                              [Finding("No free plan or trial", url=listing.url, excerpt=listing.pricing_text or None)])
    findings = [Finding(f"Free offer in the {where}", url=listing.url, excerpt=excerpt(text, term))
                for where, text, term in found]
    return Outcome.passed(f"A free plan or trial is offered ({found[0][0]}).", findings)


CHECK = Check(
    id="SET402",
    category="setup",
    title="A free plan or free trial is offered",
    failure_title="No free plan or trial",
    rationale=(
        "Shopify shows a \"Free plan available\" badge in search and recommends a 14-day trial; Slack and Google "
        "Workspace list \"free trial\" and \"free with paid features\" as pricing models. Admins want to test an "
        "integration on real data before buying it."
    ),
    fix="Offer a free tier or a free trial (14 days is common) and say so in the pricing section and on the "
    "install button (\"Start free trial\").",
    run=run,
    field="pricing", kinds=("integration",),
    weight=2.0,
    severity="medium",
    thresholds={"free_terms": ("free", "free trial", "trial", "freemium", "free plan", "free forever",
                               "no credit card")},
    sources=("https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices",
             "https://developers.google.com/workspace/marketplace/create-listing"),
)
