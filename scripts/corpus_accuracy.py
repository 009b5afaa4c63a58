"""Per-field accuracy of the generic extractor and the store adapters on the real pages of ../shared/corpus.

Usage: python scripts/corpus_accuracy.py [--corpus DIR] [--show-misses]

Reads the hand-labelled truth of tests/extract/stores/corpus_truth.py, runs the generic extractor and the
adapter (detected from the page, served as if from 127.0.0.1) on each page, and prints matches / pages per
field. Atlassian's corpus holds REST records, not pages: only the adapter's `listing_from_api` reads them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.extract import read_listing  # noqa: E402
from auditor.extract.generic import extract_listing  # noqa: E402
from auditor.extract.stores.atlassian import MARKETPLACE, listing_from_api  # noqa: E402
from auditor.model import Listing  # noqa: E402
from tests.extract.stores.corpus_truth import (  # noqa: E402
    ATLASSIAN,
    CWS,
    FIELDS,
    PLAY,
    agrees,
    observed,
)

LOCAL = "http://127.0.0.1:8000/corpus/"


def score(pages: dict[str, dict[str, Any]], runs: dict[str, Listing]) -> tuple[dict[str, int], list[str]]:
    """Matches per field over `pages`, and a line for each miss."""
    hits = dict.fromkeys(FIELDS, 0)
    misses = []
    for path, truth in pages.items():
        listing = runs[path]
        for field in FIELDS:
            got = observed(listing, field)
            if agrees(field, got, truth[field]):
                hits[field] += 1
            else:
                misses.append(f"  {path.rsplit('/', 1)[-1]}: {field} = {got!r}, true {truth[field]!r}")
    return hits, misses


def table(title: str, pages: int, columns: dict[str, dict[str, int] | None], noun: str = "page") -> list[str]:
    names = list(columns)
    lines = [f"{title} ({pages} {noun if pages == 1 else noun + 's'})",
             f"  {'field':<14}" + "".join(f"{name:>12}" for name in names)]
    for field in FIELDS:
        cells = [f"{hits[field]}/{pages}" if hits is not None else "n/a" for hits in columns.values()]
        lines.append(f"  {field:<14}" + "".join(f"{cell:>12}" for cell in cells))
    totals = [f"{sum(hits.values())}/{pages * len(FIELDS)}" if hits is not None else "n/a" for hits in columns.values()]
    lines.append(f"  {'all fields':<14}" + "".join(f"{cell:>12}" for cell in totals))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--show-misses", action="store_true", help="list every field that does not match")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    started = time.monotonic()
    generic: dict[str, Listing] = {}
    adapter: dict[str, Listing] = {}
    detected: dict[str, str] = {}
    for path in {**CWS, **PLAY}:
        html = (args.corpus / path).read_text(encoding="utf-8")
        url = LOCAL + path.rsplit("/", 1)[-1]
        generic[path] = extract_listing(html, url)
        adapter[path], detected[path] = read_listing(html, url)
    records: dict[str, Listing] = {}
    for key in ATLASSIAN:
        file, plugin_key = key.split("#")
        data = json.loads((args.corpus / file).read_text(encoding="utf-8"))
        plugin = next(p for p in data["plugins"] if p["pluginKey"] == plugin_key)
        records[key] = listing_from_api(plugin, MARKETPLACE)

    out = ["Per-field accuracy on the real corpus: matches / pages (exact values; URLs compared normalised)", ""]
    misses: list[str] = []
    for title, pages in (("Chrome Web Store", CWS), ("Google Play", PLAY), ("All store pages", {**CWS, **PLAY})):
        g, g_miss = score(pages, generic)
        a, a_miss = score(pages, adapter)
        out += table(title, len(pages), {"generic": g, "adapter": a}) + [""]
        if title != "All store pages":
            misses += [f"{title}, generic:", *g_miss, f"{title}, adapter:", *a_miss]
    a, a_miss = score(ATLASSIAN, records)
    out += table("Atlassian REST records, labelled", len(ATLASSIAN), {"generic": None, "adapter": a}, noun="record")
    misses += ["Atlassian, adapter:", *a_miss]
    wrong = {path: store for path, store in detected.items() if not store or store == "generic"}
    out += ["", f"detected as their store: {len(detected) - len(wrong)}/{len(detected)} pages (served from 127.0.0.1)"]
    out += [f"time: {time.monotonic() - started:.1f} s"]
    print("\n".join(out))
    if args.show_misses:
        print("\nMisses:\n" + "\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
