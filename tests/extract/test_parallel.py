"""DocReader: docs pages read on worker processes and from the cache give exactly what extract_doc gives."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from auditor.extract.docs import extract_doc
from auditor.extract.parallel import BATCH, PARALLEL_FROM, WORKER_NICENESS, DocReader
from auditor.model import Page

TOPICS = ["Install the app", "Connect your account", "Map contact fields", "Schedule a sync", "Troubleshoot errors"]


def docs_pages(n: int, variant: str = "") -> list[Page]:
    pages = []
    for i in range(n):
        topic = TOPICS[i % len(TOPICS)]
        html = (f"<html><head><title>{topic} {i}</title></head><body><nav><a href='/'>Home</a></nav><main>"
                f"<h1>{topic}</h1><p>Last updated March {1 + i % 28}, 2026.{variant}</p><ol><li>Open Settings.</li>"
                f"<li>Choose Integrations, then Acme.</li></ol>"
                + "<p>This step explains how the connector keeps both systems in sync without duplicates.</p>" * 8
                + f"<img src='shot{i}.png' alt='Step {i}'><a href='page{i + 1}.html'>Next</a></main></body></html>")
        pages.append(Page(url=f"https://docs.example.com/guide/page{i}.html", kind="docs", depth=1, status=200,
                          content_type="text/html", html=html))
    return pages


def test_workers_give_the_same_docpages_as_reading_in_process():
    pages = docs_pages(PARALLEL_FROM + 10)
    with DocReader(workers=2) as reader:
        for page in pages:
            reader.submit(page)
        assert reader.parallel  # enough pages: the workers did start
        parallel = [reader.read(page, "setup" if i == 0 else None) for i, page in enumerate(pages)]
    serial = [extract_doc(page) for page in pages]
    assert parallel[1:] == serial[1:]
    assert parallel[0] == replace(serial[0], role="setup")


def test_a_small_crawl_starts_no_worker():
    pages = docs_pages(5)
    with DocReader(workers=2) as reader:
        for page in pages:
            reader.submit(page)
        assert not reader.parallel
        assert [reader.read(p) for p in pages] == [extract_doc(p) for p in pages]


def test_cached_docpages_come_back_only_for_identical_pages(tmp_path):
    pages = docs_pages(6)
    with DocReader(tmp_path, workers=0) as first:
        originals = [first.read(p) for p in pages]
    changed = pages[:5] + [replace(pages[5], html=(pages[5].html or "").replace("Open Settings", "Open Admin"))]
    with DocReader(tmp_path, workers=0) as second:
        for page in changed:
            second.submit(page)
        again = [second.read(p) for p in changed]
        assert second.from_cache == 5
    assert again[:5] == originals[:5]
    assert again[5].steps[0] == "Open Admin." and originals[5].steps[0] == "Open Settings."


def test_pages_that_are_not_docs_are_not_read():
    listing = Page(url="https://store.example.com/app", kind="listing", depth=0, status=200, html="<h1>App</h1>")
    broken = Page(url="https://docs.example.com/x", kind="docs", depth=1, status=404, html=None)
    with DocReader(workers=2) as reader:
        reader.submit(listing)
        reader.submit(broken)
        assert reader.submitted == 0


def test_without_worker_processes_the_pages_are_read_here_with_a_warning(monkeypatch):
    import auditor.extract.parallel as parallel

    def refuse(*args, **kwargs):
        raise OSError("no /dev/shm in this sandbox")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)
    pages = docs_pages(PARALLEL_FROM + 5)
    with DocReader(workers=2) as reader:
        for page in pages:
            reader.submit(page)
        assert not reader.parallel
        assert [reader.read(p) for p in pages] == [extract_doc(p) for p in pages]
        assert reader.warning and "no /dev/shm" in reader.warning


def test_a_page_rendered_over_its_static_html_is_not_read_from_the_static_pages_cache(tmp_path):
    """The crawl replaces a JS shell's html in place with the rendered DOM: the cache key must follow."""
    page = docs_pages(1)[0]
    static_digest = page.digest
    with DocReader(tmp_path, workers=0) as first:
        first.read(page)
    page.html = (page.html or "").replace("Open Settings", "Open the rendered settings")
    assert page.digest != static_digest and page.digest is not None
    with DocReader(tmp_path, workers=0) as second:
        doc = second.read(page)
        assert second.from_cache == 0
    assert doc.steps[0] == "Open the rendered settings."
    assert replace(page, html=None).digest is None


def _niceness_after_lowering() -> int:
    from auditor.extract.parallel import lower_priority

    lower_priority()
    return os.nice(0)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_workers_run_behind_the_crawl_and_the_browser():
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        assert pool.submit(_niceness_after_lowering).result() >= min(19, os.nice(0) + WORKER_NICENESS)


STRONG_LISTING = Path(__file__).resolve().parents[2] / "fixtures/sites/strong/listing/index.html"


def test_a_listing_page_is_read_once_per_content_and_each_caller_gets_its_own_copy(tmp_path, monkeypatch):
    import auditor.extract.parallel as parallel
    from auditor.extract import read_listing

    html, url = STRONG_LISTING.read_text(encoding="utf-8"), "http://127.0.0.1:8000/strong/listing/"
    expected = read_listing(html, url)
    with DocReader(tmp_path, workers=0) as first:
        one, store = first.read_listing(html, url)
        one.name = "changed by a caller"
        assert first.read_listing(html, url) == expected and store == expected[1]
    monkeypatch.setattr(parallel, "read_listing", lambda *a: pytest.fail("read again although cached"))
    with DocReader(tmp_path, workers=0) as second:
        assert second.read_listing(html, url) == expected
    monkeypatch.setattr(parallel, "read_listing", read_listing)
    with DocReader(tmp_path, workers=0) as third:
        changed, _ = third.read_listing(html.replace(expected[0].name or "", "Ledgerline Two"), url)
    assert changed.name == "Ledgerline Two"


def test_pages_the_workers_have_not_started_are_read_here_from_the_back_when_asked_for():
    pages = docs_pages(PARALLEL_FROM + 40)
    with DocReader(workers=1) as reader:
        for page in pages:
            reader.submit(page)
        read = [reader.read(page) for page in pages]  # the one worker is still starting: most pages wait
        assert 0 < reader.taken_back < len(pages)
    assert read == [extract_doc(page) for page in pages]


class _CountingPool(ThreadPoolExecutor):
    """Stands in for the process pool (threads see monkeypatched functions); counts what it is handed."""

    handed: list[int] = []

    def __init__(self, workers: int, **_: object) -> None:
        super().__init__(workers)

    def submit(self, fn, /, *args, **kwargs):
        self.handed.append(len(args[0]))  # the batch of pages
        return super().submit(fn, *args, **kwargs)


def test_the_workers_get_pages_in_batches_not_one_by_one(monkeypatch):
    import auditor.extract.parallel as parallel

    monkeypatch.setattr(_CountingPool, "handed", [])
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", _CountingPool)
    pages = docs_pages(PARALLEL_FROM + 3 * BATCH + 5)
    with DocReader(workers=1) as reader:
        for page in pages:
            reader.submit(page)
        assert reader.parallel
        read = [reader.read(page) for page in pages]
    assert read == [extract_doc(page) for page in pages]
    handed = _CountingPool.handed
    assert max(handed) == BATCH and len(handed) <= len(pages) // BATCH + 1
    assert sum(handed) >= len(pages) - BATCH  # at most one part-filled batch is left to read here


def test_a_page_that_fails_to_read_fails_alone_not_its_whole_batch(monkeypatch):
    import auditor.extract.parallel as parallel

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", _CountingPool)

    def fails_on_page_3(page: Page):
        if page.url.endswith("/page3.html"):
            raise ValueError("this page breaks the extractor")
        return extract_doc(page)

    monkeypatch.setattr(parallel, "extract_doc", fails_on_page_3)
    pages = docs_pages(PARALLEL_FROM + 10)
    with DocReader(workers=1) as reader:
        for page in pages:
            reader.submit(page)
        assert reader.parallel
        for page in pages:
            if page.url.endswith("/page3.html"):
                with pytest.raises(ValueError, match="breaks the extractor"):
                    reader.read(page)
            else:
                assert reader.read(page) == extract_doc(page)


def test_a_failing_page_in_a_batch_taken_back_raises_its_own_error(monkeypatch):
    import threading

    import auditor.extract.parallel as parallel

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", _CountingPool)
    pages = docs_pages(PARALLEL_FROM + 3 * BATCH)
    failing, release = pages[-1].url, threading.Event()

    def slow_first_then_failing(page: Page):
        if page.url == pages[0].url:
            release.wait(5)  # the one worker is busy with the first batch: the later ones wait in the queue
        if page.url == failing:
            raise ValueError("this page breaks the extractor")
        return extract_doc(page)

    monkeypatch.setattr(parallel, "extract_doc", slow_first_then_failing)
    with DocReader(workers=1) as reader:
        for page in pages:
            reader.submit(page)
        with pytest.raises(ValueError, match="breaks the extractor"):
            reader.read(pages[-1])  # its batch, the newest, is taken back and read here
        assert reader.taken_back >= BATCH
        release.set()
        assert [reader.read(page) for page in pages[:-1]] == [extract_doc(page) for page in pages[:-1]]
