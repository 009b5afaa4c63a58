"""PKG212: the listing states its supported languages and the editions or products it works with or requires."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.formatting import neither_nor
from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._text import clip, join, plural, terms_in

#: how a summary says that nothing was stated, each a "no …" phrase (NO_LANGUAGES, NO_EDITIONS)
NO_LANGUAGES = "no supported languages"
NO_EDITIONS = "no editions or requirements"


def editions_stated(editions: list[str], url: str, th: Mapping[str, Any],
                    products_field: bool = False) -> tuple[float, Finding, str]:
    """Credit for the works-with/requires statements (1 when they name editions, `products_only_credit` when they
    name only products or stay vague, 0 when absent), the finding behind it, and how they read in a summary.
    `products_field`: the store's field lists the products it integrates with, so naming them earns full credit."""
    if not editions:
        return 0.0, Finding("No editions, plans or requirements stated", url=url), NO_EDITIONS
    text = "; ".join(editions)
    tiers, vague = terms_in(text, th["edition_terms"]), terms_in(text, th["vague_terms"])
    if products_field and not vague:
        return 1.0, Finding(f"Works with: {join(editions, 6)}", url=url, excerpt=clip(text, 160)), \
            "the products it works with"
    if tiers and not vague:
        return 1.0, Finding(f"Works with or requires: names editions ({join(tiers)})", url=url,
                            excerpt=clip(text, 160)), "the editions it works with"
    why = f"vague (\"{vague[0]}\")" if vague else "names products but no edition, plan or tier"
    return th["products_only_credit"], Finding(f"Works with or requires: {why}", url=url, excerpt=clip(text, 160)), \
        "the products it works with, but no specific editions"


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    url = ev.listing.url
    shows_languages, shows_editions = ev.profile.shows("languages"), ev.profile.shows("editions")
    if not shows_languages and not shows_editions:
        return Outcome.not_applicable(f"{ev.profile.name} shows neither supported languages nor required editions.")
    parts: list[float] = []
    said: list[str] = []
    findings: list[Finding] = []
    if shows_languages:
        languages = [x.strip() for x in ev.listing.languages if x.strip()]
        parts.append(1.0 if languages else 0.0)
        said.append(f"{plural(len(languages), 'supported language')} ({join(languages, 4)})" if languages
                    else NO_LANGUAGES)
        findings.append(Finding(f"Languages: {join(languages, 10)}", url=url, excerpt=", ".join(languages),
                                code="languages") if languages
                        else Finding("No supported languages listed", url=url, code="no-languages"))
    editions = [x.strip() for x in ev.listing.editions if x.strip()]
    # a store whose field lists the products an app integrates with shows it only when there are some
    products_field = ev.profile.limit("editions", "lists") == "products"
    if shows_editions and (editions or not products_field):
        credit, edition_finding, editions_said = editions_stated(editions, url, th, products_field)
        parts.append(credit)
        said.append(editions_said)
        findings.append(edition_finding)
    if not parts:  # a store that shows only a works-with list, and this listing integrates with nothing
        return Outcome.not_applicable(f"{ev.profile.name} shows no languages, and no works-with list for this app.")
    return Outcome.partial(sum(parts) / len(parts), f"The listing states {_stated(said)}.", findings)


def _stated(said: list[str]) -> str:
    """What the listing states, read as one clause: "neither X nor Y" when it states none of two things, and
    "X but no Y" when it states one."""
    missing = [s.removeprefix("no ") for s in said if s in (NO_LANGUAGES, NO_EDITIONS)]
    if len(missing) == 2:
        return neither_nor(*missing)
    shown = " and ".join(s for s in said if s not in (NO_LANGUAGES, NO_EDITIONS))
    if not missing:
        return shown
    return f"{shown} but no {missing[0]}" if shown else f"no {missing[0]}"


CHECK = Check(
    id="PKG212",
    category="packaging",
    title="Supported languages and required editions are stated where the store shows them",
    failure_title="Languages or required editions are not stated",
    rationale=(
        "Admins check two things before installing: whether the app speaks their team's language and whether it "
        "works with the plan they pay for. HubSpot requires support languages and lists the hubs and editions an "
        "app works with; Shopify asks listings to declare only fully supported languages and any plan or API "
        "requirement; Microsoft and Google Workspace localise listings by language. Only the statements the store "
        "has a field for are judged (a store with neither does not apply), each an equal share of the score; a "
        "works-with line that names products but no edition or plan (\"HubSpot, Salesforce and 200+ more\") earns "
        "half of its share, except where the store's field is a list of the products an app integrates with (Shopify's "
        "\"Works with\"), which is judged only when shown and fully credited for naming them."
    ),
    fix="State the languages the app's UI and support fully cover, and exactly which products and editions it "
    "works with or requires (\"HubSpot Sales Hub Starter, Professional or Enterprise; QuickBooks Online Plus\").",
    run=run,
    weight=1.0,
    severity="low",
    thresholds={
        "products_only_credit": 0.5,
        "edition_terms": ("free", "starter", "basic", "essentials", "standard", "plus", "pro", "professional",
                          "premium", "business", "business+", "enterprise", "enterprise grid", "advanced", "ultimate",
                          "growth", "scale", "team", "teams", "online", "cloud", "server", "data center", "edition",
                          "editions", "plan", "plans", "tier", "tiers", "subscription", "license", "licence"),
        "vague_terms": ("more", "everything", "any crm", "all crms", "all major", "and others", "etc"),
    },
    sources=("https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/app-marketplace-listing-requirements",
             "https://shopify.dev/docs/apps/launch/shopify-app-store/app-store-requirements"),
)
