"""PKG207: the listing copy makes no superlative or statistical claims stores reject."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._listing import copy_fields
from checks._score import penalty
from checks._text import excerpt, join, matches, slug, terms_in


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    fields = copy_fields(ev.listing)
    if not fields:
        return Outcome.not_applicable("The listing has no name, tagline, description or features to read.")
    claims, findings = [], []
    for field, text in fields.items():
        found = [("Superlative", t) for t in terms_in(text, th["superlatives"])]
        found += [("Superlative", m.group(0)) for m in matches(text, th["claim_patterns"])]
        found += [("Unverifiable statistic", m.group(0)) for m in matches(text, th["statistic_patterns"])]
        for kind, claim in found:
            claims.append(claim)
            findings.append(Finding(f"{kind} \"{claim}\" in the {field}", url=ev.listing.url,
                                    excerpt=excerpt(text, claim), code=slug(field, claim)))
    if not findings:
        return Outcome.passed(f"No superlatives or statistics in the {join(fields, 3)}.")
    return Outcome.partial(penalty(len(findings), th["penalty_per_claim"]),
                           f"{len(findings)} unverifiable claims in the listing copy: {join(dict.fromkeys(claims))}.",
                           findings)


CHECK = Check(
    id="PKG207",
    category="packaging",
    title="Listing copy avoids superlatives and unverifiable statistics",
    failure_title="Listing copy makes superlative or statistical claims",
    rationale=(
        "Shopify rejects listings with statistics or data (verifiable or not), guarantees, or \"the first / the "
        "best / the only\"; Microsoft requires removing unverified claims such as best, top or ranked; Zapier bans "
        "overstated language and Zendesk adjectives like \"best of breed\". Buyers discount such claims anyway."
    ),
    fix="Replace each claim below with what the integration concretely does (\"syncs deals every 5 minutes\" "
    "describes a function; \"saves 40% of your time\" and \"#1 CRM sync\" are claims).",
    run=run,
    family="claims",
    weight=2.0,
    severity="medium",
    thresholds={
        "penalty_per_claim": 0.25,
        "superlatives": (
            "best", "#1", "number one", "no. 1", "leading", "industry-leading",
            "market-leading", "guaranteed", "guarantee", "guarantees", "world-class", "world's", "best-in-class",
            "top-rated", "award-winning", "unmatched", "unbeatable", "unrivalled", "unrivaled", "most trusted",
            "most popular", "fastest", "easiest",
        ),
        # "the first / the only" rank the product only when they name it ("the first sync runs at 2 am" does not);
        # "ultimate" alone is often a plan name ("Xero Ultimate"), so only "the ultimate" counts
        "claim_patterns": (
            r"\bthe (?:first|only)\b(?:\s+[\w-]+){0,3}?\s+(?:app|application|platform|tool|solution|integration|"
            r"connector|software|product|company|vendor|one|to)\b",
            r"\bthe ultimate\b",
        ),
        "statistic_patterns": (
            r"\d+(?:[.,]\d+)?\s?%",
            r"\b\d+(?:\.\d+)?\s?x\b(?!\d)",
            r"\b\d[\d,.]*\s?[km]?\+?\s+(?:happy\s+|satisfied\s+)?(?:customers|users|companies|businesses|teams|merchants|"
            r"installs|downloads|reviews|clients|brands|stores|organi[sz]ations)\b",
        ),
    },
    sources=("https://shopify.dev/docs/apps/launch/shopify-app-store/app-store-requirements",
             "https://github.com/MicrosoftDocs/msteams-docs/blob/main/msteams-platform/concepts/deploy-and-publish/appsource/prepare/teams-store-validation-guidelines.md"),
)
