"""The real listing pages of ../shared/corpus, served on loopback and crawled as a user's audit would crawl them.

Shared by `make accuracy` (what was read) and `make calibrate` (what was judged). The pages are third-party
content: they are read from ../shared where they lie and never copied into this repository.

Each page is fetched through the real crawler from a server on 127.0.0.1, with only loopback allowed, so a
browser render aborts every request to the store's CDNs. `--snapshots DIR` keeps each page's Snapshot on
disk (keyed by the page's bytes and the render mode) so that iterating on extraction or checks needs no
browser; the numbers a test holds are always taken from fresh crawls.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from auditor.config import CrawlSettings  # noqa: E402
from auditor.crawl import crawl  # noqa: E402
from auditor.fixture_server import FixtureServer  # noqa: E402
from auditor.model import Snapshot  # noqa: E402
from auditor.serialize import from_data, to_data  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
#: the older pages of ../shared/corpus the extractors were first written against, with their store
OLDER_STORES = {"chrome-web-store": "chrome-web-store", "google-play": "google-play"}


@dataclass(frozen=True)
class Case:
    """One page with its hand-read truth: `path` is relative to the corpus folder."""

    path: str
    store: str
    truth: dict[str, Any]
    #: "real" (real/truth.json) or "older" (the first corpus, labelled in tests/extract/stores/corpus_truth.py)
    origin: str


def real_cases(corpus: Path = CORPUS) -> list[Case]:
    """The 36 pages of real/truth.json."""
    truth = json.loads((corpus / "real" / "truth.json").read_text(encoding="utf-8"))
    return [Case(f"real/{key}", value["store"], value, "real") for key, value in sorted(truth.items())]


def older_cases(corpus: Path = CORPUS) -> list[Case]:
    """The older Chrome Web Store and Google Play pages, with the truth the project labelled for them."""
    from tests.extract.stores.corpus_truth import CWS, PLAY  # the labels live with the adapter tests

    cases = []
    for key, value in sorted({**CWS, **PLAY}.items()):
        if (corpus / key).is_file():
            cases.append(Case(key, OLDER_STORES[key.split("/", 1)[0]], _older_truth(value), "older"))
    return cases


def _older_truth(value: dict[str, Any]) -> dict[str, Any]:
    """The older labels under the field names of real/truth.json."""
    renamed = {"privacy": "vendor_privacy", "support": "vendor_support", "website": "vendor_website"}
    return {renamed.get(k, k): v for k, v in value.items()}


def settings(browser: bool) -> CrawlSettings:
    """The listing page alone, from loopback only, no cache: what a fresh audit of a saved page fetches."""
    return CrawlSettings(max_pages=1, max_depth=0, max_links=0, use_browser=browser, respect_robots=False,
                         allow_hosts=frozenset({"127.0.0.1"}), cache_dir=None, timeout=30, budget=120,
                         max_bytes=20_000_000)


@contextmanager
def served(corpus: Path = CORPUS) -> Iterator[str]:
    """The corpus folder served on 127.0.0.1; yields the base URL."""
    with FixtureServer(root=corpus) as server:
        yield server.url


def snapshot(case: Case, base: str, browser: bool, keep: Path | None = None, corpus: Path = CORPUS) -> Snapshot:
    """The crawl of one page (from `keep` when a snapshot of the same bytes and mode is there)."""
    stored = None
    if keep is not None:
        digest = hashlib.sha256((corpus / case.path).read_bytes()).hexdigest()[:16]
        stored = keep / f"{case.path.replace('/', '__')}.{digest}.{'browser' if browser else 'static'}.json"
        if stored.is_file():
            return from_data(Snapshot, json.loads(stored.read_text(encoding="utf-8")))
    taken = crawl(f"{base}/{case.path}", settings(browser))
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(json.dumps(to_data(taken)), encoding="utf-8")
    return taken
