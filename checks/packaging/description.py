"""PKG203: the long description is long enough, not too long, and describes the integration itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._text import join, terms_in, words


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    text = " ".join((ev.listing.description or "").split())
    if not text:
        return Outcome.failed("The listing has no description.", [Finding("No description", url=ev.listing.url)])
    count, size = len(words(text)), len(text)
    concrete = terms_in(text, th["integration_terms"])
    marketing = terms_in(text, th["marketing_terms"])
    # each criterion as the sentence a reader sees when it is not met
    criteria = {
        f"it has {count} words, fewer than {th['min_words']}": count >= th["min_words"],
        f"it has {size} characters, more than {th['max_chars']}": size <= th["max_chars"],
        f"it names {len(concrete)} integration specifics (at least {th['min_integration_terms']} wanted)":
            len(concrete) >= th["min_integration_terms"],
        f"it has more generic marketing words ({len(marketing)}) than integration specifics ({len(concrete)})":
            len(concrete) >= len(marketing),
    }
    findings = [Finding(f"The description falls short: {name}", url=ev.listing.url) for name, ok in criteria.items() if not ok]
    if marketing:
        findings.append(Finding(f"Generic marketing words: {join(marketing)}", url=ev.listing.url, excerpt=marketing[0]))
    summary = (f"The description has {count} words and {size} characters, names {len(concrete)} integration specifics"
               f" ({join(concrete) or 'none'}) and {len(marketing)} generic marketing words.")
    return Outcome.partial(sum(criteria.values()) / len(criteria), summary, findings)


CHECK = Check(
    id="PKG203",
    category="packaging",
    title="Description is substantial and specific to the integration",
    failure_title="Description is too short, too long or generic",
    rationale=(
        "HubSpot rejects listing copy that is generic product marketing instead of describing the integration, "
        "Intercom asks for the same, and Slack wants the long description to say how the app works. Microsoft and "
        "Slack cap it at 4,000 characters. Heuristic: the description must name at least three integration "
        "specifics (sync, connect, fields, objects, records, webhooks, mapping…) and at least as many of them as "
        "generic marketing words (seamless, powerful, all-in-one…)."
    ),
    fix="Describe what the integration does: which objects and fields sync, in which direction, what triggers "
    "it and what the admin configures; keep it between 100 words and 4,000 characters.",
    run=run,
    field="description", family="description-length",
    weight=2.0,
    severity="medium",
    thresholds={
        "min_words": 100,
        "max_chars": 4000,
        "min_integration_terms": 3,
        "integration_terms": (
            "sync", "syncs", "synced", "syncing", "two-way", "bi-directional", "one-way", "connect", "connects",
            "integration", "integrates", "import", "export", "field", "fields", "object", "objects", "record",
            "records", "contacts", "deals", "tickets", "orders", "invoices", "webhook", "webhooks", "api", "mapping",
            "map", "trigger", "triggers", "workflow", "workflows", "real time", "real-time", "automatically", "custom properties",
        ),
        "marketing_terms": (
            "seamless", "seamlessly", "powerful", "revolutionary", "cutting-edge", "innovative", "next-generation",
            "next-level", "game-changing", "game changer", "supercharge", "all-in-one", "effortless", "effortlessly",
            "unleash", "skyrocket", "robust", "synergy", "best-in-class", "state-of-the-art",
        ),
    },
    sources=("https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/app-marketplace-listing-requirements",
             "https://github.com/slackapi/manifest-schema"),
)
