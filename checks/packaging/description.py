"""PKG203: the long description is long enough, not too long, and describes the integration itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._listing import store_limit
from checks._text import join, terms_in, word_count


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    raw = ev.listing.description or ""
    text = " ".join(raw.split())  # its size as the store counts it; words and terms read the same either way
    if not text:
        return Outcome.failed("The listing has no description.", [Finding("No description", url=ev.listing.url,
                                                                          code="missing")])
    count, size = word_count(raw), len(text)
    profile = ev.profile
    # the store's own limits; a word floor only where no store is known (no store publishes one)
    min_chars = profile.limit("description", "min_chars")
    max_chars = profile.limit("description", "max_chars")
    min_words = store_limit(ev, "description", "min_words", th["min_words"])
    specific = bool(profile.limit("description", "integration_specific")) and ev.kind == "integration"
    concrete = terms_in(raw, th["integration_terms"])
    marketing = terms_in(raw, th["marketing_terms"])
    # each criterion as the sentence a reader sees when it is not met; only those the store asks for count
    criteria: dict[str, bool] = {}
    if min_words is not None:
        criteria[f"it has {count} words, fewer than {min_words}"] = count >= min_words
    if min_chars is not None:
        criteria[f"it has {size} characters, fewer than {min_chars}"] = size >= min_chars
    if max_chars is not None:
        criteria[f"it has {size} characters, more than {max_chars}"] = size <= max_chars
    if specific:
        criteria[f"it names {len(concrete)} integration specifics (at least {th['min_integration_terms']} wanted)"] = \
            len(concrete) >= th["min_integration_terms"]
        criteria[f"it has more generic marketing words ({len(marketing)}) than integration specifics "
                 f"({len(concrete)})"] = len(concrete) >= len(marketing)
    findings = [Finding(f"The description falls short: {name}", url=ev.listing.url, code="short-of-criterion")
                for name, ok in criteria.items() if not ok]
    if specific and marketing:
        findings.append(Finding(f"Generic marketing words: {join(marketing)}", url=ev.listing.url, excerpt=marketing[0],
                                code="marketing-words"))
    said = (f", names {len(concrete)} integration specifics ({join(concrete) or 'none'}) and {len(marketing)} generic "
            "marketing words" if specific else "")
    summary = f"The description has {count} words and {size} characters{said}."
    if not criteria:
        return Outcome.passed(summary + f" {profile.name} sets no length for it.")
    return Outcome.partial(sum(criteria.values()) / len(criteria), summary, findings)


CHECK = Check(
    id="PKG203",
    category="packaging",
    title="Description fits the store's length and describes what the app does",
    failure_title="Description is too short, too long or generic",
    rationale=(
        "HubSpot rejects listing copy that is generic product marketing instead of describing the integration, "
        "Intercom asks for the same, and Slack wants the long description to say how the app works. Microsoft and "
        "Slack cap it at 4,000 characters, Shopify's app details at 500. The lengths are the store's own (its "
        "profile); where no store is known, at least 100 words. Where the store wants copy specific to the "
        "integration (HubSpot, and any store the auditor does not know), the description must also name at least "
        "three integration specifics (sync, connect, fields, objects, records, webhooks, mapping…) and at least as "
        "many of them as generic marketing words (seamless, powerful, all-in-one…)."
    ),
    fix="Describe what the integration does: which objects and fields sync, in which direction, what triggers "
    "it and what the admin configures; keep it within the store's length (100 words to 4,000 characters where it "
    "sets none).",
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
            "map", "trigger", "triggers", "workflow", "workflows", "real time", "real-time", "automatically",
            "custom properties",
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
