"""N synthetic listings on one store host, each with its own small docs site, for `scripts/bench_batch.py`.

Every listing is a `_benchsite.build_site` site (its own seed and 8-15 docs pages) moved under a prefix,
so one `FixtureServer` serves them all from one folder:

    /index.html, /store/...        the store's own pages, once (shared by every listing, as on a real store)
    /robots.txt                    one robots.txt for the host
    /l001/listing/index.html       listing 1, its links rewritten to its own prefix
    /l001/vendor/...               listing 1's vendor site: policies, support, status, docs
    /l002/...                      listing 2, and so on

Only the `/listing/` and `/vendor/` links are rewritten (they are all written as `"/listing/...` and
`"/vendor/...` by the generator and the copied fixtures); the store's links stay shared. Each listing's
pages therefore differ in bytes from every other listing's, so no listing is served from a cache that
another one filled.
"""

from __future__ import annotations

import csv
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from _benchsite import build_site, empty_folder

#: the integration jobs the listings rotate through (the scoring profiles of `--profile`)
PROFILES = ("table-stakes", "workflow", "distribution")
OWNERS = ("crm-team", "collab-team", "growth", "partnerships", "finance-apps")
SEGMENTS = ("smb", "mid-market", "enterprise")
STORES = ("HubSpot", "Slack", "Zapier", "Shopify", "Salesforce", "Intercom", "Zendesk")
PRODUCTS = ("Ledgerline", "Tallyhook", "Paysync", "Invoicely", "Quotebird", "Sumline", "Bookwise", "Clearpost")
#: the site-level files kept once at the root; every other copy is dropped
SHARED = ("store", "index.html", "robots.txt")
_OWN_LINKS = re.compile(r'"/(listing|vendor)/')
_TEXT = (".html", ".htm", ".json", ".xml", ".txt")


@dataclass(frozen=True)
class BatchListing:
    """One generated listing: where it is served and the LISTINGS row that names it."""

    prefix: str
    path: str
    n_docs: int
    bytes_docs: int
    name: str
    profile: str
    owner: str
    segment: str


def _rewrite(folder: Path, prefix: str) -> None:
    """Point a site's own absolute `/listing/` and `/vendor/` links at `/<prefix>/...`."""
    for path in folder.rglob("*"):
        if path.suffix in _TEXT and path.is_file():
            text = path.read_text(encoding="utf-8")
            path.write_text(_OWN_LINKS.sub(rf'"/{prefix}/\1/', text), encoding="utf-8")


def build_listings(root: Path, n: int, seed: int = 1, min_docs: int = 8, max_docs: int = 15) -> list[BatchListing]:
    """Write `n` listings with docs sites of `min_docs`-`max_docs` pages under `root` (emptied first)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    empty_folder(root)
    rng = random.Random(seed)
    listings: list[BatchListing] = []
    for i in range(1, n + 1):
        prefix = f"l{i:03d}"
        folder = root / prefix
        site = build_site(folder, rng.randint(min_docs, max_docs), seed=seed * 100_003 + i)
        for name in SHARED:
            shared, own = root / name, folder / name
            if not shared.exists():
                shutil.move(str(own), str(shared))
            elif own.is_dir():
                shutil.rmtree(own)
            else:
                own.unlink()
        _rewrite(folder, prefix)
        listings.append(BatchListing(
            prefix=prefix, path=f"/{prefix}{site.listing}", n_docs=len(site.docs), bytes_docs=site.bytes_docs,
            name=f"{PRODUCTS[i % len(PRODUCTS)]} {i:03d} for {STORES[i % len(STORES)]}",
            profile=PROFILES[i % len(PROFILES)], owner=OWNERS[i % len(OWNERS)], segment=SEGMENTS[i % len(SEGMENTS)]))
    return listings


def write_listings_csv(path: Path, base_url: str, listings: list[BatchListing]) -> Path:
    """The batch's LISTINGS file: `target,name,marketplace,profile,owner,segment` (marketplace: auto)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("target", "name", "marketplace", "profile", "owner", "segment"))
        for item in listings:
            writer.writerow((base_url + item.path, item.name, "", item.profile, item.owner, item.segment))
    return path


if __name__ == "__main__":  # python scripts/_benchbatch.py DIR N: write the listings to look at
    import sys

    made = build_listings(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10)
    docs = sum(m.n_docs for m in made)
    print(f"{len(made)} listings, {docs} docs pages ({docs / len(made):.1f} a listing, "
          f"{sum(m.bytes_docs for m in made) / docs / 1024:.1f} KB average)")
