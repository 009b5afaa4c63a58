"""Pages read once per content: docs pages while the crawl is still running, in worker processes, and
listing pages; both from the cache when an earlier run read the same bytes.

The crawl is mostly waiting on the network and the extraction is pure CPU, so on a multi-core machine
they overlap: the crawl hands each page over as it lands (`submit`, a crawl `on_page` listener; the
workers get them in batches) and the extract stage later collects the DocPage (`read`, which `extract()`
calls per page). Small crawls never start a worker (starting one costs more than it saves); a page
already extracted in an earlier run, with the same URL and byte-for-byte the same HTML, comes straight
from the cache. A listing page is read
up to three times a run (its server HTML and its render for the crawl's links, then the render for
the report), and each read walks the page with BeautifulSoup: once per content is enough.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from auditor.cache import Cache, content_key
from auditor.extract import AUTO, read_listing
from auditor.extract.docs import extract_doc
from auditor.model import DocPage, Heading, Image, Listing, Page, html_digest
from auditor.serialize import from_data, to_data

#: below this many docs pages the crawl is over before a worker process would be ready
PARALLEL_FROM = 40
#: pages handed to a worker at a time: one hand-over per page (a future, a pipe wake-up and a thread switch
#: each way) cost the crawl's process as much CPU as fetching and parsing the page
BATCH = 16
#: ".2": a DocPage holds its word runs (pages cached before would lack them)
_NAMESPACE = "docpage.2"
_LISTING_NAMESPACE = "listing"
#: how much the workers yield to the crawl and the browser (a Unix nice increment)
WORKER_NICENESS = 10


def default_workers() -> int:
    """Worker processes for extraction: one per core beyond the crawl's own, at least one, at most four."""
    return max(1, min(4, (os.cpu_count() or 1) - 1))


def doc_key(page: Page) -> str:
    """The content key of a page's DocPage: everything extract_doc reads from the page."""
    return content_key(_NAMESPACE, page.url, page.final_url or "", page.kind, page.digest or "")


def lower_priority() -> None:
    """Run this worker process behind the crawl and the browser: its queue can wait, a render cannot."""
    with contextlib.suppress(AttributeError, OSError):  # no nice on Windows; a sandbox may refuse it
        os.nice(WORKER_NICENESS)


class DocReader:
    """Turns fetched pages into DocPages, once per page content, on worker processes when it pays."""

    def __init__(self, cache_dir: Path | None = None, workers: int | None = None) -> None:
        self._workers = default_workers() if workers is None else workers
        self._cache = Cache(cache_dir) if cache_dir is not None else None
        self._pool: ProcessPoolExecutor | None = None
        #: pages not handed over yet, by key (at most a batch once the workers run)
        self._waiting: dict[str, Page] = {}
        #: pages handed to the workers, by key: the batch each went in (batches in order, newest last)
        self._running: dict[str, _Batch] = {}
        self._batches: list[_Batch] = []
        self._read: dict[str, DocPage] = {}
        self._listings: dict[str, dict[str, Any]] = {}
        #: pages handed over by the crawl, how many of those came from the cache, and how many the workers
        #: had not started when they were asked for, so this process read them itself
        self.submitted = 0
        self.from_cache = 0
        self.taken_back = 0
        self._problem: str | None = None

    def __enter__(self) -> DocReader:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    @property
    def warning(self) -> str | None:
        """Why the cache or the worker processes could not be used, if they could not."""
        return (self._cache.warning if self._cache is not None else None) or self._problem

    @property
    def parallel(self) -> bool:
        """True once worker processes were started."""
        return self._pool is not None

    def submit(self, page: Page) -> None:
        """Start reading `page` (a crawl listener: called as each page is recorded)."""
        if page.kind == "listing" or not page.ok:
            return
        self.submitted += 1
        key = doc_key(page)
        if key in self._read or key in self._running or key in self._waiting or self._cached(key) is not None:
            return
        self._waiting[key] = page
        enough = len(self._waiting) >= BATCH and len(self._waiting) + len(self._running) >= PARALLEL_FROM
        if self._workers > 0 and enough:
            self._start_waiting()

    def read(self, page: Page, role: str | None = None) -> DocPage:
        """The DocPage of `page` (waiting for its worker if one has it)."""
        key = doc_key(page)
        doc = self._read.get(key)
        if doc is None and key in self._running:
            doc = self._collect(self._running[key], key)
        if doc is None:
            doc = self._cached(key)
        if doc is None:
            doc = extract_doc(page)
            self._keep(key, doc)
        return replace(doc, role=role) if role else doc

    def read_listing(self, html: str, url: str, marketplace: str = AUTO) -> tuple[Listing, str]:
        """`extract.read_listing`, once per content: a fresh Listing for every caller, and the store's id."""
        key = content_key(_LISTING_NAMESPACE, url, marketplace, html_digest(html))
        data = self._listings.get(key)
        if data is None and self._cache is not None:
            data = self._cache.derived(_LISTING_NAMESPACE, key)
        if data is None:
            listing, store = read_listing(html, url, marketplace)
            data = {"listing": to_data(listing), "store": store}
            if self._cache is not None:
                self._cache.store_derived(_LISTING_NAMESPACE, key, data)
        self._listings[key] = data
        return from_data(Listing, data["listing"]), data["store"]

    def close(self) -> None:
        """Stop the workers and close the cache."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._cache is not None:
            self._cache.close()

    def _start_waiting(self) -> None:
        try:
            if self._pool is None:
                # spawn, not fork: the crawl's process has threads (the browser driver, an HTTP server in tests)
                self._pool = ProcessPoolExecutor(self._workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=lower_priority)
            waiting = list(self._waiting.items())
            for start in range(0, len(waiting), BATCH):
                pages = waiting[start:start + BATCH]
                batch = _Batch(self._pool.submit(read_pages, [page for _, page in pages]), pages)
                self._batches.append(batch)
                self._running.update((key, batch) for key, _ in pages)
        except (OSError, RuntimeError, NotImplementedError, BrokenProcessPool) as exc:
            # no processes here (a sandbox, a daemonic parent): the pages are read in this process instead
            self._workers = 0
            self._problem = (f"extraction workers could not start ({type(exc).__name__}: {exc}); "
                             "pages were read in one process")
            return
        self._waiting.clear()

    def _collect(self, batch: _Batch, key: str) -> DocPage | None:
        """The DocPage of `key` from its batch; None if the batch was taken back and that page failed there
        (`read` then reads it again, and raises what it raises)."""
        # once the crawl is over this process is free: it reads batches from the back of the queue while the
        # workers go on from the front, instead of waiting for them
        while not batch.future.done() and self._read_newest_pending():
            pass
        if key not in self._running:  # its batch was one of those taken back
            return self._read.get(key)
        try:
            docs: list[DocPage | Exception] = batch.future.result()
        except BrokenProcessPool:  # a worker died (out of memory, killed): read these pages here instead
            docs = read_pages([page for _, page in batch.pages])
        self._done(batch, docs)
        doc = docs[[k for k, _ in batch.pages].index(key)]
        if isinstance(doc, Exception):
            raise doc
        return doc

    def _read_newest_pending(self) -> bool:
        """Take the newest batch no worker has started back from the pool and read it here; False if none."""
        if not self._batches:
            return False
        batch = self._batches[-1]
        if not batch.future.cancel():
            return False  # the pool starts batches in order: no older one is still pending
        self._done(batch, read_pages([page for _, page in batch.pages]))
        self.taken_back += len(batch.pages)
        return True

    def _done(self, batch: _Batch, docs: list[DocPage | Exception]) -> None:
        """Keep a finished batch's DocPages (a page whose reading failed is left to `read` to raise)."""
        self._batches.remove(batch)
        for (key, _), doc in zip(batch.pages, docs, strict=False):
            del self._running[key]
            if not isinstance(doc, Exception):
                self._keep(key, doc)

    def _cached(self, key: str) -> DocPage | None:
        data = self._cache.derived(_NAMESPACE, key) if self._cache is not None else None
        if data is None:
            return None
        doc = self._read[key] = _docpage(data)
        self.from_cache += 1
        return doc

    def _keep(self, key: str, doc: DocPage) -> None:
        self._read[key] = doc
        if self._cache is not None:
            self._cache.store_derived(_NAMESPACE, key, to_data(doc))


@dataclass
class _Batch:
    """Pages handed to a worker together, and the future of their DocPages."""

    future: Future[list[DocPage | Exception]]
    pages: list[tuple[str, Page]]


def read_pages(pages: list[Page]) -> list[DocPage | Exception]:
    """`extract_doc` over a batch (in a worker): a page that fails gives its exception, not the batch's."""
    docs: list[DocPage | Exception] = []
    for page in pages:
        try:
            docs.append(extract_doc(page))
        except Exception as exc:  # read() raises it for that page alone
            docs.append(exc)
    return docs


def _docpage(data: dict[str, Any]) -> DocPage:
    """A DocPage from its cached dict: `serialize.from_data` spelled out for this one type, as a warm re-audit
    rebuilds a thousand of them (0.8 ms -> 0.05 ms each)."""
    return DocPage(**{**data, "headings": [Heading(**h) for h in data["headings"]],
                      "images": [Image(**i) for i in data["images"]]})
