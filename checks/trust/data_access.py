"""TRU507: the listing's data-access statement names every object the documented scopes reach, in the right
direction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._scopes import (
    IGNORED_OBJECTS,
    OBJECT_NAMES,
    OPTIONAL_SCOPE_TERMS,
    SCOPE_HINTS,
    SCOPE_PATTERNS,
    WRITE_ACCESS,
    ScopedObject,
    documented_scopes,
    scoped_objects,
)
from checks._text import excerpt, join, near, plural, terms_in


def judge(obj: ScopedObject, statement: str, listing_url: str, th: Mapping[str, Any]) -> tuple[float, Finding]:
    """How well the statement covers one object: named, and shown as written when a scope writes it."""
    named = terms_in(statement, obj.terms)
    if not named:
        return 0.0, Finding(f"Not named in the listing's data-access statement: {obj.name} ({obj.scope_names})",
                            url=obj.scopes[0].url, excerpt=obj.scopes[0].context)
    where = excerpt(statement, named[0])
    if not obj.written:
        return 1.0, Finding(f"Named: {obj.name} (read)", url=listing_url, excerpt=where)
    direction = near(statement, named, th["write_terms"], th["direction_window_chars"])
    if direction:
        return 1.0, Finding(f"Named: {obj.name}, shown as written (\"{direction}\")", url=listing_url, excerpt=where)
    return th["unstated_direction_credit"], Finding(
        f"{obj.name} is written ({obj.scope_names}) but not shown as written, two-way or bi-directional",
        url=listing_url, excerpt=where)


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    scopes = documented_scopes(ev.docs, th)
    if not scopes:
        return Outcome.not_applicable("No OAuth scopes are documented on the crawled pages, so there is nothing to "
                                      "match the data-access statement against.")
    objects = scoped_objects(scopes, th["object_names"])
    judged = [o for o in objects if th["count_optional_scopes"] or not o.optional]
    optional = [o for o in objects if o not in judged]
    note = (f"; {plural(len(optional), 'object')} reached only through optional scopes not counted "
            f"({join(o.name for o in optional)})" if optional else "")
    if not judged:
        return Outcome.not_applicable(f"Only optional scopes are documented{note}.")
    listed = f"{plural(len(judged), 'scoped object')} ({join(o.name for o in judged)})"
    statement = " ".join((ev.listing.data_access or "").split())
    if not statement:
        findings = [Finding(f"Documented scopes for {o.name}: {o.scope_names}", url=o.scopes[0].url,
                            excerpt=o.scopes[0].context) for o in judged]
        return Outcome.failed(f"The docs list {listed}, but the listing has no shared-data or data-access "
                              f"statement{note}.",
                              [Finding("No data-access statement on the listing", url=ev.listing.url), *findings])
    results = [judge(o, statement, ev.listing.url, th) for o in judged]
    covered = sum(1 for score, _ in results if score == 1.0)
    summary = f"The listing's data-access statement covers {covered} of the {listed} the documented scopes reach{note}."
    return Outcome.partial(sum(score for score, _ in results) / len(results), summary, [f for _, f in results])


CHECK = Check(
    id="TRU507",
    category="trust",
    title="Data-access statement matches the scopes requested",
    failure_title="Data-access statement does not match the scopes requested",
    rationale=(
        "HubSpot rejects listings whose shared-data table does not match the app's OAuth scopes: every scoped object "
        "must be listed, and read plus write scopes must be shown as bi-directional. Shopify asks apps to justify "
        "sensitive scopes and Slack reviews every scope requested. Admins approve the consent screen by comparing "
        "it with what the listing promised. Scopes are read from the docs (HubSpot crm.objects.*, Slack "
        "resource:action, Shopify read_/write_); an object counts in full when the statement names it (singular or "
        "plural) and, if a scope writes it, says so in the same sentence within 40 characters, and half when named "
        "without the direction. "
        "Scopes the docs call optional are not counted."
    ),
    fix="Add a shared-data table to the listing with one row per object your scopes reach (contacts, companies, "
    "deals, ...), and mark each as read, written, or two-way to match the scopes; remove scopes you do not use.",
    run=run,
    field="data_access",
    weight=2.0,
    severity="high",
    thresholds={
        "scope_patterns": SCOPE_PATTERNS,
        "scope_hints": SCOPE_HINTS,
        "write_access": WRITE_ACCESS,
        "object_names": OBJECT_NAMES,
        "ignored_objects": IGNORED_OBJECTS,
        "optional_scope_terms": OPTIONAL_SCOPE_TERMS,
        "count_optional_scopes": False,
        "unstated_direction_credit": 0.5,
        "direction_window_chars": 40,
        "write_terms": ("two-way", "two way", "bi-directional", "bidirectional", "both directions", "both ways",
                        "↔", "⇄", "⟷", "write", "writes", "written", "create", "creates", "created", "update",
                        "updates", "updated", "post", "posts", "send", "sends", "push", "pushes", "sync back"),
    },
    sources=("https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/app-marketplace-listing-requirements",
             "https://shopify.dev/docs/apps/launch/shopify-app-store/app-store-requirements",
             "https://docs.slack.dev/slack-marketplace/slack-marketplace-app-guidelines-and-requirements"),
)
