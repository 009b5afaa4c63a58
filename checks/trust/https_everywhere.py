"""TRU506: every vendor link and crawled page uses HTTPS."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import astuple
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._score import penalty
from checks._text import is_loopback, join, plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    urls = {u: "listing link" for u in astuple(ev.listing.links) if u}
    urls |= {p.final_url or p.url: f"crawled page (linked from {p.referrer or 'the listing'})"
             for p in ev.pages if p.kind != "listing"}
    web = {u: why for u, why in urls.items() if u.split(":", 1)[0].lower() in th["web_schemes"]}
    judged = {u: why for u, why in web.items() if not is_loopback(u)}
    if not judged:
        return Outcome.not_applicable("No public web URLs to judge (loopback URLs of local fixtures are exempt from "
                                      "HTTPS).")
    plain = [u for u in judged if u.lower().startswith(th["insecure_scheme"] + ":")]
    findings = [Finding(f"Served over plain HTTP: {judged[u]}", url=u) for u in plain]
    summary = f"{len(plain)} of {plural(len(judged), 'vendor URL')} use plain HTTP"
    summary += f": {join(plain, 3)}." if plain else "."
    return Outcome.partial(penalty(len(plain), th["penalty_per_url"]), summary, findings)


CHECK = Check(
    id="TRU506",
    category="trust",
    title="All vendor links use HTTPS",
    failure_title="Some vendor links use plain HTTP",
    rationale=(
        "Microsoft requires the privacy, terms and website URLs to be HTTPS, Shopify requires valid TLS, and "
        "Atlassian TLS 1.2+ with HSTS; browsers flag plain-HTTP pages as \"Not secure\", which undermines trust at "
        "the moment an admin reads the privacy policy. Loopback and localhost URLs (local test fixtures) are not "
        "applicable."
    ),
    fix="Serve every vendor page over HTTPS, redirect HTTP to HTTPS, and update the listing's links to the "
    "https:// addresses.",
    run=run,
    weight=2.0,
    severity="high",
    thresholds={"web_schemes": ("http", "https"), "insecure_scheme": "http", "penalty_per_url": 0.5},
    sources=("https://github.com/MicrosoftDocs/msteams-docs/blob/main/msteams-platform/concepts/deploy-and-publish/appsource/prepare/teams-store-validation-guidelines.md",
             "https://shopify.dev/docs/apps/launch/shopify-app-store/app-store-requirements",
             "https://developer.atlassian.com/platform/marketplace/security-requirements/"),
)
