"""SET407: the listing or setup guide says how long setup takes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import SETUP_PAGE_TERMS, setup_guide
from checks._listing import copy_fields
from checks._text import excerpt, matches


def duration_pattern(th: Mapping[str, Any]) -> str:
    """A phrase such as "takes about 5 minutes", "in 10 minutes" or "under 2 min", built from the word lists."""
    lead = "|".join(th["lead_words"])
    hedge = "|".join(th["hedge_words"])
    unit = "|".join(th["units"])
    return rf"\b(?:{lead})\s+(?:(?:{hedge})\s+)*\d+(?:\s*(?:-|to)\s*\d+)?\s*(?:{unit})\b"


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    places = {f"listing {field}": (ev.listing.url, text) for field, text in copy_fields(ev.listing).items()}
    guide = setup_guide(ev, th["setup_page_terms"])
    if guide:
        places["setup guide"] = (guide.url, guide.text)
    patterns = [duration_pattern(th), *th["extra_patterns"]]
    for where, (url, text) in places.items():
        found = matches(text, patterns)
        if found:
            phrase = found[0].group(0)
            return Outcome.passed(f"The {where} states the time to set up: \"{phrase}\".",
                                  [Finding("Time to value stated", url=url, excerpt=excerpt(text, phrase))])
    return Outcome.failed("Neither the listing nor the setup guide says how long setup takes.",
                          [Finding("No setup time stated", url=guide.url if guide else ev.listing.url)])


CHECK = Check(
    id="SET407",
    category="setup",
    title="Time to set up is stated",
    failure_title="Time to set up is not stated",
    rationale=(
        "\"Set up in 5 minutes\" tells an admin the integration fits between meetings; without it they assume a "
        "project and postpone. Slack asks onboarding to \"close the gap between installation and usage\", and "
        "Shopify asks the introduction to lead with a measurable benefit."
    ),
    fix="State how long setup takes where the buyer decides (tagline, description or the top of the setup "
    "guide), e.g. \"Connect in about 5 minutes, no code needed\".",
    run=run,
    kinds=("integration",), family="setup-guide", needs=("setup", "docs"),
    weight=1.0,
    severity="low",
    thresholds={
        "setup_page_terms": SETUP_PAGE_TERMS,
        "lead_words": ("takes", "take", "in", "under", "within", "less than", "about", "around", "only", "just"),
        "hedge_words": ("about", "around", "approximately", "roughly", "just", "only", "less than", "under", "a few"),
        "units": ("minutes", "minute", "mins", "min", "seconds", "secs", "hours", "hour"),
        "extra_patterns": (r"\b\d+[-\s](?:minute|min|second|hour)\s+"
                           r"(?:setup|set-up|install|installation|onboarding)\b",),
    },
    sources=("https://docs.slack.dev/slack-marketplace/slack-marketplace-app-guidelines-and-requirements",
             "https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices"),
)
