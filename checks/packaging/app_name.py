"""PKG201: the app has a name, short enough for the strictest store limit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence
from checks._listing import field_length


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    return field_length(ev.listing, "name", "app name", th["min_chars"], th["max_chars"], th["short_score"])


CHECK = Check(
    id="PKG201",
    category="packaging",
    title="App name is present and at most 30 characters",
    failure_title="App name is missing or too long",
    rationale=(
        "The name is the first thing a buyer sees and is truncated in search results and app cards. Shopify caps "
        "it at 30 characters and Microsoft Teams' short name at 30 (Slack 35, Zendesk and Intercom 40, Google "
        "Workspace 50, Atlassian 60); staying within the strictest limit lets one name work in every store."
    ),
    fix="Shorten the name to 30 characters or fewer, leading with your brand (\"Acme for HubSpot\"), and move "
    "descriptive words to the tagline.",
    run=run,
    field="name", family="name-length",
    weight=2.0,
    severity="medium",
    thresholds={"min_chars": 2, "max_chars": 30, "short_score": 0.5},
    sources=("https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices",
             "https://developer.microsoft.com/json-schemas/teams/v1.x/MicrosoftTeams.schema.json"),
)
