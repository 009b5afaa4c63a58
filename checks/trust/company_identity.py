"""TRU508: the listing says who is behind the app: a developer name, a website, and a legal entity or address."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import DocPage, Evidence, Finding
from checks._docs import BROKEN_STATUSES, link_state
from checks._text import excerpt, join


def legal_texts(ev: Evidence) -> list[DocPage]:
    """The vendor's privacy policy and terms, as linked from the listing (or as the crawl labelled them)."""
    pages = [ev.doc(ev.listing.links.privacy), ev.doc(ev.listing.links.terms),
             *ev.docs_with_role("privacy"), *ev.docs_with_role("terms")]
    return list({id(p): p for p in pages if p is not None}.values())


def developer_name(ev: Evidence) -> str:
    """The developer's name as shown, without a leading "by"."""
    return re.sub(r"^\s*by\s+", "", ev.listing.developer or "", flags=re.IGNORECASE).strip()


def brand(ev: Evidence, th: Mapping[str, Any]) -> str:
    """The company's name without its legal-entity suffix ("Acme Inc." -> "Acme"); without a developer name, the
    brand that leads the app name ("Acme" of "Acme for HubSpot") stands in."""
    name = re.sub(rf"[\s,]+(?:{th['entity_suffixes']})\.?$", "", developer_name(ev)).strip()
    return name or (ev.listing.name or "").split(" ")[0]


def entity_or_address(ev: Evidence, name: str, th: Mapping[str, Any]) -> Finding | None:
    """Where the company's legal entity ("Acme Inc.", "Acme Europe GmbH") or a postal address is written."""
    developer = developer_name(ev)
    if developer and re.search(rf"[\s,](?:{th['entity_suffixes']})\.?$", developer):
        return Finding("Legal entity in the developer name", url=ev.listing.url, excerpt=developer, code="entity")
    for label, value in ev.listing.details.items():  # the listing's own developer box ("Developer address")
        if re.search(r"address|adresse|dirección|endereço|indirizzo|adres|住所", label, re.I):
            return Finding(f"Postal address on the listing ({label})", url=ev.listing.url, excerpt=value,
                           code="address")
    entity = (rf"\b{re.escape(name)}(?:[\s,]+[A-Z][\w&'-]*){{0,{th['max_words_between']}}}[\s,]+"
              rf"(?:{th['entity_suffixes']})(?![\w])") if name else None
    for page in legal_texts(ev):
        found = re.search(entity, page.text) if entity else None
        if found:
            return Finding(f"Legal entity named in the {page.role or 'policy'} text", url=page.url,
                           excerpt=excerpt(page.text, found.group(0)))
        address = next((m for p in th["address_patterns"] if (m := re.search(p, page.text))), None)
        if address:
            return Finding(f"Postal address in the {page.role or 'policy'} text", url=page.url,
                           excerpt=excerpt(page.text, address.group(0)))
    return None


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    url, listing = ev.listing.url, ev.listing
    developer = developer_name(ev)
    website = listing.links.website
    website_ok = bool(website and link_state(ev, website, th["broken_statuses"]) != "broken")
    legal = entity_or_address(ev, brand(ev, th), th)
    parts = {"developer name": bool(developer), "website": website_ok,
             "legal entity or postal address": legal is not None}
    findings = [Finding(f"Developer: {developer}", url=url, excerpt=developer, code="developer") if developer
                else Finding("No developer or company name on the listing", url=url, code="no-developer")]
    findings.append(Finding("Website", url=website, code="website") if website_ok else
                    Finding("The website link is broken" if website else "No website linked", url=website or url,
                            code="website-broken" if website else "no-website"))
    checked = join(p.url for p in legal_texts(ev)) or "no privacy policy or terms were read"
    findings.append(legal or Finding(f"No legal entity or postal address in the developer name or the policies "
                                     f"({checked})", url=url, code="no-entity"))
    shown = [name for name, ok in parts.items() if ok]
    missing = [name for name, ok in parts.items() if not ok]
    summary = f"The listing shows {len(shown)} of {len(parts)} marks of company identity"
    summary += (f": {join(shown)}" if shown else "") + (f"; missing: {join(missing)}." if missing else ".")
    return Outcome.partial(len(shown) / len(parts), summary, findings)


CHECK = Check(
    id="TRU508",
    category="trust",
    title="The company behind the app is identifiable",
    failure_title="The company behind the app is hard to identify",
    rationale=(
        "Procurement and security teams approve an integration only when they know which company will hold their "
        "data. HubSpot requires a company name and a verified domain for certification, Microsoft requires publisher "
        "verification, Atlassian vendor details, and GDPR requires a privacy notice to name the controller and its "
        "contact details. The developer's name, a linked website, and a legal entity (Inc, LLC, Ltd, GmbH, SAS, B.V., "
        "Pty, ...) or postal address in the developer name, the listing's developer box, or the privacy policy or "
        "terms each make up a third of the score. Other companies' names in a policy (sub-processors) do not count."
    ),
    fix="Show your company's legal name on the listing (\"Acme Inc.\"), link your website, and name the legal "
    "entity and its postal address in the privacy policy's contact section.",
    run=run,
    needs=("privacy", "terms"),
    weight=1.0,
    severity="medium",
    thresholds={
        "broken_statuses": BROKEN_STATUSES,
        "max_words_between": 2,
        "entity_suffixes": r"Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|GmbH|AG|SAS|SARL|S\.A|SA|B\.V|BV|N\.V|NV|Pty|"
                           r"PLC|plc|Corp|Corporation|LLP|LP|Oy|AB|ApS|A/S|AS|S\.r\.l|Srl|SRL|S\.L|SL|S\.p\.A|SpA|"
                           r"K\.K|KK|Pvt|ULC|UG|Co",
        "address_patterns": (
            r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w'.-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|"
            r"Drive|Dr|Way|Place|Pl|Square|Sq|Court|Ct|Parkway|Pkwy|Terrace|Highway|Hwy)\b",
            r"\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|platz|gasse|allee|straat|gracht|laan|vej|gatan|katu)\s+\d{1,4}\b",
            r"\b\d{1,4}(?:bis|ter)?,?\s+(?:rue|avenue|boulevard|place|quai|allée|chemin|via|calle)\s+\w+",
            r"\bP\.?\s?O\.?\s+Box\s+\d+",
        ),
    },
    sources=("https://developers.hubspot.com/docs/apps/developer-platform/list-apps/apply-for-certification/certification-requirements",
             "https://gdpr-info.eu/art-13-gdpr/"),
)
