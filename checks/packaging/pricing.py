"""PKG206: pricing is shown, with a price for each plan rather than "contact us"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding, PricingPlan
from checks._text import excerpt, join, matches, terms_in


def is_priced(plan: PricingPlan, th: Mapping[str, Any]) -> bool:
    """The plan states an amount, a price, or that it is free."""
    text = plan.price or ""
    return plan.amount is not None or bool(matches(text, th["price_patterns"]) or terms_in(text, th["free_terms"]))


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    plans, text, url = ev.listing.pricing_plans, ev.listing.pricing_text or "", ev.listing.url
    if not plans:
        if matches(text, th["price_patterns"]) or terms_in(text, th["free_terms"]):
            return Outcome.passed("The pricing section states prices, though not as separate plans.",
                                  [Finding("Pricing", url=url, excerpt=text)])
        contact_words = terms_in(text, th["contact_terms"])
        if contact_words:
            return Outcome.failed("Pricing is only \"contact us\": no price is shown.",
                                  [Finding("Contact-only pricing", url=url, excerpt=excerpt(text, contact_words[0]))])
        return Outcome.failed("The listing shows no pricing.", [Finding("No pricing", url=url, excerpt=text or None)])
    priced = [p for p in plans if is_priced(p, th)]
    contact = [p for p in plans if p not in priced and terms_in(f"{p.price or ''} {p.name}", th["contact_terms"])]
    unclear = [p for p in plans if p not in priced and p not in contact]
    findings = [Finding(f"Plan \"{p.name}\" shows no price", url=url, excerpt=p.price) for p in unclear]
    findings += [Finding(f"Plan \"{p.name}\" is contact-only", url=url, excerpt=p.price) for p in contact]
    if not priced:
        return Outcome.failed(f"None of the {len(plans)} plans shows a price.", findings)
    # one custom-quote tier (e.g. Enterprise) beside priced plans is normal and counts as clear
    summary = f"{len(priced)} of {len(plans)} plans show a price ({join(p.name for p in priced)})."
    return Outcome.partial((len(priced) + len(contact)) / len(plans), summary, findings)


CHECK = Check(
    id="PKG206",
    category="packaging",
    title="Pricing is shown with a price for each plan",
    failure_title="Pricing is missing or unclear",
    rationale=(
        "Buyers filter and shortlist on price. HubSpot requires listing prices that match the vendor's website "
        "(up to 5 plans), Shopify requires all pricing options including trial length, Salesforce checks the "
        "pricing model, and Microsoft asks for clear plans and limits. \"Contact us\" alone sends self-serve buyers "
        "elsewhere; a custom-quote Enterprise tier beside priced plans is accepted."
    ),
    fix="List each plan with its price and billing period (\"Pro: $29/month\"), mark free plans as Free, and "
    "keep any \"contact sales\" tier as an addition to priced plans, not the only option.",
    run=run,
    field="pricing",
    weight=3.0,
    severity="high",
    thresholds={
        "price_patterns": (r"[$€£¥₹]\s?\d", r"\d(?:[\d.,]*)\s?(?:usd|eur|gbp|dollars?|euros?)\b",
                           r"\d\s?(?:/|per)\s?(?:mo|month|year|yr|user|seat)"),
        "free_terms": ("free",),
        "contact_terms": ("contact us", "contact sales", "talk to sales", "request a quote", "get a quote", "call us",
                          "custom pricing", "custom quote", "pricing on request", "request pricing"),
    },
    sources=("https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/app-marketplace-listing-requirements",
             "https://shopify.dev/docs/apps/launch/shopify-app-store/app-store-requirements"),
)
