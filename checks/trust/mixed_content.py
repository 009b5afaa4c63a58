"""TRU510: HTTPS pages load no images over plain HTTP (mixed content)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._score import penalty
from checks._text import is_loopback, join, plural


def resources(ev: Evidence) -> dict[str, list[str]]:
    """The resources each page loads, as far as the evidence knows them: the docs and policy pages' images, and
    the listing's icon and screenshots on the listing page."""
    listing = ev.listing
    loaded = {listing.url: [u for u in [listing.icon and listing.icon.url, *(s.url for s in listing.screenshots)] if u]}
    for page in ev.docs:
        loaded.setdefault(page.final_url or page.url, []).extend(i.url for i in page.images)
    return loaded


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    secure = th["secure_scheme"] + ":"
    pages = {url: urls for url, urls in resources(ev).items()
             if urls and url.lower().startswith(secure) and not is_loopback(url)}
    if not pages:
        return Outcome.not_applicable("No public HTTPS page with images was read (loopback URLs of local fixtures, and "
                                      "plain-HTTP pages, which TRU506 reports, are not judged).")
    insecure = th["insecure_scheme"] + ":"
    mixed = [(page, url) for page, urls in pages.items() for url in dict.fromkeys(urls)
             if url.lower().startswith(insecure)]
    count = sum(len(set(urls)) for urls in pages.values())
    findings = [Finding(f"Loaded over plain HTTP on {page}", url=url, excerpt=page) for page, url in mixed]
    summary = (f"{len(mixed)} of {plural(count, 'image')} on {plural(len(pages), 'HTTPS page')} load over plain HTTP"
               + (f" (on {join(dict.fromkeys(p for p, _ in mixed), 3)})." if mixed else ".")
               + " Scripts, stylesheets and frames are not in the evidence and are not judged.")
    return Outcome.partial(penalty(len(mixed), th["penalty_per_resource"]), summary, findings)


CHECK = Check(
    id="TRU510",
    category="trust",
    title="HTTPS pages load no content over plain HTTP",
    failure_title="HTTPS pages load content over plain HTTP (mixed content)",
    rationale=(
        "An image fetched over plain HTTP on an HTTPS page is mixed content: browsers upgrade or block it and drop the "
        "padlock, so a setup screenshot goes missing or the privacy policy shows as \"Not secure\". Microsoft and "
        "Shopify require the vendor's pages over valid HTTPS and Atlassian requires TLS 1.2+. Images of the docs and "
        "policy pages and the listing's icon and screenshots are judged; loopback URLs of local fixtures are not "
        "applicable."
    ),
    fix="Serve every image and asset from an https:// URL (or a protocol-relative path on the same host), and "
    "re-upload listing media that points at http:// addresses.",
    run=run,
    weight=1.0,
    severity="medium",
    thresholds={"secure_scheme": "https", "insecure_scheme": "http", "penalty_per_resource": 0.25},
    sources=("https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content",
             "https://shopify.dev/docs/apps/launch/shopify-app-store/app-store-requirements",
             "https://developer.atlassian.com/platform/marketplace/security-requirements/"),
)
