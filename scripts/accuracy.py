"""`make accuracy`: how many listing fields are read right on real store pages, with store adapters on and off.

Usage: python scripts/accuracy.py [--corpus DIR] [--no-browser] [--snapshots DIR] [--show-misses] [--json FILE]

Serves ../shared/corpus on 127.0.0.1, crawls every labelled page as an audit would (Chromium renders it; every
request to a host other than loopback is aborted), reads the listing with the store's adapter ("on") and with
the generic extractor alone ("off"), and prints a store x field table of matches against the hand-read truth
(real/truth.json; its README defines each field and the alternatives a reasonable extractor may return).
The generic column is what meets every store that has no adapter.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _realcorpus import CORPUS, Case, older_cases, real_cases, served, snapshot

from auditor.extract import read_listing
from auditor.extract.stores import GENERIC
from auditor.model import Listing
from auditor.urls import normalise

#: the fields scored, in table order: (column name, truth key)
FIELDS: tuple[tuple[str, str], ...] = (
    ("delisted", "available"), ("name", "name"), ("rating", "rating"), ("reviews", "review_count"),
    ("screenshots", "screenshots"), ("plans", "pricing_plans"), ("privacy", "vendor_privacy"),
    ("support", "vendor_support"), ("docs", "vendor_docs"), ("developer", "developer"), ("website", "vendor_website"),
)
URL_KEYS = frozenset({"vendor_privacy", "vendor_support", "vendor_docs", "vendor_website"})
#: the issue's targets on real/: every field at least this share right
TARGET_ON, TARGET_OFF = 0.97, 0.90


def observed(listing: Listing, key: str) -> Any:
    """What an extractor read for a truth field, in the truth's terms."""
    links = listing.links
    return {
        "available": lambda: listing.available,
        "name": lambda: listing.name,
        "rating": lambda: listing.rating,
        "review_count": lambda: listing.review_count,
        "screenshots": lambda: len(listing.screenshots),
        "pricing_plans": lambda: len(listing.pricing_plans) or None,
        "vendor_privacy": lambda: links.privacy,
        "vendor_support": lambda: links.support,
        # the truth's "documentation/help/FAQ URL": a listing's setup guide is documentation when it has no other
        "vendor_docs": lambda: links.docs or links.setup,
        "developer": lambda: listing.developer,
        "vendor_website": lambda: links.website,
    }[key]()


def _text(value: Any) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(value)).split())


def _url(value: Any) -> str:
    text = str(value).strip()
    if text.lower().startswith("mailto:") or ("@" in text and "/" not in text):
        return "mailto:" + text.split(":", 1)[-1].strip().lower() if text.lower().startswith("mailto:") else \
            "mailto:" + text.lower()
    return normalise(text)


def same(key: str, got: Any, want: Any) -> bool:
    """True when `got` is `want` under the field's comparison (None is "not reported")."""
    if key == "pricing_plans":
        got, want = got or None, want or None
    if key == "screenshots" and want is None:
        return True  # the truth could not count them: nothing to score against
    if got is None or want is None:
        return got is None and want is None
    if key == "rating":
        return math.isclose(float(got), float(want), abs_tol=0.001)
    if key in URL_KEYS:
        return _url(got) == _url(want)
    if key == "name":
        return _text(got) == _text(want)
    return bool(got == want)


def right(case: Case, key: str, got: Any) -> bool:
    """True when `got` is the truth or one of its acceptable alternatives."""
    wanted = [case.truth.get(key), *(case.truth.get("acceptable_alternatives") or {}).get(key, [])]
    return any(same(key, got, want) for want in wanted)


def scored_fields(case: Case) -> list[tuple[str, str]]:
    """The fields this page's truth defines; a delisted page is scored on being delisted alone."""
    if case.truth.get("available") is False:
        return [FIELDS[0]]
    return [(name, key) for name, key in FIELDS if key in case.truth]


@dataclass
class Tally:
    """Matches and pages per (store, field) for one extractor."""

    hits: dict[tuple[str, str], int] = field(default_factory=dict)
    pages: dict[tuple[str, str], int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, store: str, name: str, ok: bool, miss: str) -> None:
        for where in ((store, name), ("all", name)):
            self.pages[where] = self.pages.get(where, 0) + 1
            self.hits[where] = self.hits.get(where, 0) + int(ok)
        if not ok:
            self.misses.append(miss)

    def share(self, store: str, name: str) -> float | None:
        pages = self.pages.get((store, name), 0)
        return self.hits.get((store, name), 0) / pages if pages else None

    def total(self, store: str = "all") -> tuple[int, int]:
        keys = [k for k in self.pages if k[0] == store]
        return sum(self.hits.get(k, 0) for k in keys), sum(self.pages[k] for k in keys)


Reader = Callable[[str, str], Listing]


def readers() -> dict[str, Reader]:
    """The two extractors compared: the store's adapter (detected from the page) and the generic one."""
    return {"on": lambda html, url: read_listing(html, url)[0],
            "off": lambda html, url: read_listing(html, url, GENERIC)[0]}


def measure(cases: list[Case], browser: bool, keep: Path | None = None, corpus: Path = CORPUS,
            detected: dict[str, str] | None = None) -> dict[str, Tally]:
    """Crawl each page once and score both extractors on it."""
    tallies = {mode: Tally() for mode in readers()}
    with served(corpus) as base:
        for case in cases:
            snap = snapshot(case, base, browser, keep, corpus)
            page = snap.listing_page
            html, url = (page.html or "", page.final_url or page.url) if page else ("", case.path)
            if detected is not None:
                detected[case.path] = read_listing(html, url)[1]
            for mode, read in readers().items():
                try:
                    listing = read(html, url)
                except Exception as exc:  # a crash is a miss on every field, shown, not fatal to the table
                    listing = Listing(url=url, available=None)  # type: ignore[arg-type]
                    tallies[mode].misses.append(f"{case.path}: crashed: {type(exc).__name__}: {exc}")
                for name, key in scored_fields(case):
                    got = observed(listing, key)
                    tallies[mode].add(case.store, name, right(case, key, got),
                                      f"{case.path}: {name} = {got!r}, true {case.truth.get(key)!r}")
    return tallies


def table(title: str, tallies: dict[str, Tally], stores: list[str]) -> list[str]:
    """Rows of fields, a column per store and extractor mode ("on" / "off")."""
    columns = [(store, mode) for store in [*stores, "all"] for mode in tallies]
    head = "".join(f"{(store if store != 'all' else 'all stores')[:16] + ' ' + mode:>22}" for store, mode in columns)
    lines = [title, f"  {'field':<12}{head}"]
    for name, _ in FIELDS:
        cells = []
        for store, mode in columns:
            tally = tallies[mode]
            pages = tally.pages.get((store, name), 0)
            cells.append(f"{tally.hits.get((store, name), 0)}/{pages} {100 * tally.share(store, name):.0f}%"  # type: ignore[operator]
                         if pages else "-")
        if any(c != "-" for c in cells):
            lines.append(f"  {name:<12}" + "".join(f"{c:>22}" for c in cells))
    totals = []
    for store, mode in columns:
        hits, pages = tallies[mode].total(store)
        totals.append(f"{hits}/{pages} {100 * hits / pages:.0f}%" if pages else "-")
    lines.append(f"  {'all fields':<12}" + "".join(f"{c:>22}" for c in totals))
    return lines


def below_target(tallies: dict[str, Tally]) -> list[str]:
    """Every field of the real corpus under its target, as lines; empty when all targets are met."""
    out = []
    for mode, target in (("on", TARGET_ON), ("off", TARGET_OFF)):
        for name, _ in FIELDS:
            share = tallies[mode].share("all", name)
            if share is not None and share < target:
                out.append(f"adapters {mode}: {name} {100 * share:.1f}% < {100 * target:.0f}%")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-browser", action="store_true", help="static fetch only (no Chromium render)")
    parser.add_argument("--snapshots", type=Path, help="keep and reuse each page's crawl here (for iterating)")
    parser.add_argument("--show-misses", action="store_true", help="list every field read wrong")
    parser.add_argument("--json", type=Path, help="also write the shares as JSON to this file")
    args = parser.parse_args(argv)
    if not (args.corpus / "real" / "truth.json").is_file():
        print(f"corpus not found: {args.corpus}/real/truth.json", file=sys.stderr)
        return 2
    started = time.monotonic()
    browser = not args.no_browser
    real, older = real_cases(args.corpus), older_cases(args.corpus)
    detected: dict[str, str] = {}
    real_tallies = measure(real, browser, args.snapshots, args.corpus, detected)
    older_tallies = measure(older, browser, args.snapshots, args.corpus, detected)
    stores = sorted({c.store for c in real})
    out = [f"Fields read right: matches / pages (adapters on = the store's adapter, off = the generic extractor; "
           f"{'rendered in Chromium' if browser else 'static HTML'}, loopback only)", ""]
    out += table(f"real/ ({len(real)} pages, targets: {TARGET_ON:.0%} on, {TARGET_OFF:.0%} off)", real_tallies, stores)
    out += [""] + table(f"older pages ({len(older)})", older_tallies, sorted({c.store for c in older}))
    wrong = sorted(path for path, store in detected.items()
                   if store != next(c.store for c in [*real, *older] if c.path == path))
    out += ["", f"store detected right: {len(detected) - len(wrong)}/{len(detected)} pages"
            + (f" (wrong: {', '.join(wrong)})" if wrong else "")]
    short = below_target(real_tallies)
    out += ["", "targets met on real/" if not short else "under target on real/:", *("  " + s for s in short)]
    out += [f"time: {time.monotonic() - started:.1f} s"]
    print("\n".join(out))
    if args.show_misses:
        for label, tallies in (("real", real_tallies), ("older", older_tallies)):
            for mode, tally in tallies.items():
                print(f"\nMisses, {label}, adapters {mode}:\n" + "\n".join("  " + m for m in tally.misses))
    if args.json:
        shares = {f"{label}/{mode}/{store}/{name}": t.share(store, name)
                  for label, tallies in (("real", real_tallies), ("older", older_tallies))
                  for mode, t in tallies.items() for (store, name) in t.pages}
        args.json.write_text(json.dumps({"shares": shares, "below_target": short, "detected_wrong": wrong}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
