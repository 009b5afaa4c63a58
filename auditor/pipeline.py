"""The pipeline: crawl -> extract -> checks -> scoring -> Report. Nothing else lives here."""

from __future__ import annotations

import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.config import AuditSettings, CrawlSettings
from auditor.crawl import crawl
from auditor.crawl.crawler import PageListener, crawl_links
from auditor.crawl.draft import DRAFT_SUFFIXES, is_draft_file, load_draft
from auditor.crawl.local import load_docs_folder
from auditor.crawl.politeness import HostGate
from auditor.errors import UsageError
from auditor.extract import ListingReader, extract, read_listing, vendor_links
from auditor.extract.docs import extract_doc
from auditor.extract.parallel import DocReader
from auditor.extract.stores import store_name
from auditor.formatting import join, plural
from auditor.judge.baseline import compare
from auditor.judge.check import Check
from auditor.judge.evaluate import run_checks
from auditor.judge.registry import load_checks
from auditor.judge.scoring import Scored, score
from auditor.judge.waivers import apply_waivers
from auditor.model import Page, Report, Snapshot
from auditor.redact import redact_secrets

#: 2.0: requirement/recommendation levels, unverified and not-applicable statuses, families, finding codes and
#: message-free fingerprints, screenshot kinds, crawl.unverified, baseline notes (README "The JSON report");
#: 2.1: `monitoring` (what --history and --notify made of the audit), null without them
#: 2.2: a screenshot's `box`, where it shows in the listing's capture (null when it does not)
SCHEMA_VERSION = "2.2"
#: categories that cannot apply to what was audited: a draft has no reviews yet, a docs folder has no listing
_OUT_OF_SCOPE = {"listing": (), "draft": ("reviews",), "docs": ("packaging", "reviews", "setup", "trust")}


def gather_target(target: str, settings: CrawlSettings, on_page: PageListener | None = None,
                  marketplace: str = "auto", gate: HostGate | None = None,
                  listing_reader: ListingReader = read_listing) -> Snapshot:
    """The Snapshot of any target: a listing URL, a draft listing file, or a local docs folder."""
    if target.startswith(("http://", "https://")):
        return gather(target, settings, on_page, marketplace, gate, listing_reader)
    path = Path(target)
    if path.is_dir():
        pages, links, warnings = load_docs_folder(path, settings.max_pages)
        if not pages:
            raise UsageError(f"no .html or .md files under {path}")
        now = datetime.now(UTC).isoformat(timespec="seconds")
        return Snapshot(target=str(path), started_at=now, finished_at=now, pages=pages, links=links,
                        warnings=warnings, scope="docs")
    if is_draft_file(path):
        return load_draft(path, settings, lambda roles, s: crawl_links(roles, s, str(path), on_page, gate))
    if path.exists():
        raise UsageError(f"cannot audit {target}: expected a listing URL, a draft listing file "
                         f"({', '.join(DRAFT_SUFFIXES)}) or a docs folder")
    raise UsageError(f"not a listing URL, draft file or docs folder: {target!r} (URLs start with http:// or https://)")


def gather(target: str, settings: CrawlSettings, on_page: PageListener | None = None,
           marketplace: str = "auto", gate: HostGate | None = None,
           listing_reader: ListingReader = read_listing) -> Snapshot:
    """The crawl stage alone (what `--save-snapshot` keeps).

    The crawl follows the vendor links the store's adapter finds on the listing page; it is handed
    that reader as a function, so the crawl never depends on the extract stage. `listing_reader` is a
    DocReader's, to read each listing page once for the crawl and the report.
    """
    def links_on_listing(html: str, url: str) -> dict[str, str]:
        links = vendor_links(html, url, marketplace, listing_reader)
        return {role: link for role, link in asdict(links).items() if link}

    return crawl(target, settings, on_page, links_on_listing, gate)


def audit_snapshot(snapshot: Snapshot, settings: AuditSettings, checks: list[Check] | None = None,
                   baseline: dict[str, Any] | None = None, docs: DocReader | None = None) -> Report:
    """Extract, check and score a snapshot (and compare it with a baseline report); needs no network.

    `docs` is the DocReader that read the pages while they were crawled (see `run`), if one did.
    """
    clock = time.perf_counter()
    evidence = extract(snapshot, marketplace=settings.marketplace, today=settings.today,
                       read_doc=docs.read if docs is not None else extract_doc,
                       listing_reader=docs.read_listing if docs is not None else read_listing)
    extracted = time.perf_counter()
    catalogue = [c for c in (checks if checks is not None else load_checks())
                 if c.id not in settings.disabled and c.category not in _OUT_OF_SCOPE[snapshot.scope]]
    check_seconds: dict[str, float] = {}
    if evidence.listing.available:
        results = run_checks(catalogue, evidence, check_seconds)
        results, waivers = apply_waivers(results, settings.waivers, settings.today)
        scored = score(results, settings.profile, settings.weights)
    else:  # a delisted listing is reported as such, not scored as an empty one
        results, waivers = [], []
        scored = Scored(0.0, "unavailable", [], score([], settings.profile, settings.weights).categories, [])
    checked = time.perf_counter()
    unverified = [r.id for r in results if r.status == "unverified"]
    pages = [replace(p, html=None) for p in snapshot.pages]
    crawl_summary: dict[str, object] = {
        "started_at": snapshot.started_at,
        "finished_at": snapshot.finished_at,
        "pages_fetched": sum(1 for p in snapshot.pages if p.ok),
        "pages_failed": sum(1 for p in snapshot.pages if not p.ok),
        "pages_via_browser": sum(1 for p in snapshot.pages if p.fetched_via == "browser"),
        "pages_from_cache": sum(1 for p in snapshot.pages if p.from_cache),
        "links_checked": len(snapshot.links),
        "browser": snapshot.browser,
        "user_agent": snapshot.user_agent,
        # partial when the crawl stopped early or a check could not see the evidence it needs
        "partial": snapshot.partial or bool(unverified),
        "interrupted": snapshot.interrupted,
        # the crawl and the DocReader share a cache folder: a damaged cache is said once, not once per reader
        "warnings": list(dict.fromkeys(snapshot.warnings + evidence.warnings + ([docs.warning] if docs and docs.warning
                                                                               else []) + unverified_note(unverified))),
        "unverified": unverified,
        "seconds": {"extract": round(extracted - clock, 3), "checks_and_scoring": round(checked - extracted, 3),
                    # each check's own time, by id (`-v` prints the slowest five; `make bench` the slowest)
                    "checks": check_seconds},
    }
    report = Report(
        schema_version=SCHEMA_VERSION, tool_version=__version__,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        target=snapshot.target, marketplace=evidence.marketplace, profile=settings.profile,
        score=scored.score, verdict=scored.verdict, blockers=scored.blockers,  # type: ignore[arg-type]
        categories=scored.categories, checks=results, top_fixes=scored.top_fixes, pages=pages,
        links=snapshot.links, listing=evidence.listing, crawl=crawl_summary, screenshot=snapshot.screenshot,
        waivers=waivers, marketplace_name=store_name(evidence.marketplace),
    )
    if baseline is not None:
        report.baseline = compare(report, baseline)
    return redact_secrets(report)


def run(target: str, crawl_settings: CrawlSettings, audit_settings: AuditSettings,
        on_page: PageListener | None = None, baseline: dict[str, Any] | None = None,
        gate: HostGate | None = None, workers: int | None = None) -> tuple[Report, Snapshot]:
    """Crawl any target and audit what was found, reading docs pages while the crawl goes on.

    `gate` shares per-host limits with other crawls; `workers` caps the extraction processes (None: by cores).
    """
    with DocReader(crawl_settings.cache_dir, workers) as docs:
        def both(page: Page) -> None:
            docs.submit(page)
            if on_page is not None:
                on_page(page)

        snapshot = gather_target(target, crawl_settings, both, audit_settings.marketplace, gate, docs.read_listing)
        return audit_snapshot(snapshot, audit_settings, baseline=baseline, docs=docs), snapshot


def unverified_note(ids: list[str]) -> list[str]:
    """The warning that says which checks a partial run could not verify."""
    if not ids:
        return []
    return [f"{plural(len(ids), 'check')} could not be verified ({join(ids, 8)}): the pages they need "
            "were not fetched, so they count neither for nor against the listing."]
