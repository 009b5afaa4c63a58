"""The crawl: the listing page, then the docs and policy pages it links to, bounded and polite.

Scope: the listing page itself; every vendor link on it that leads to docs or a policy (depth 1);
from docs pages, links on the same host under the docs' common directory, down to `max_depth`.
Everything else that is linked is only checked (status, no parsing). The URL the user named is
fetched even if robots.txt disallows it (it was asked for, as a browser would); the rest honours it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import astuple, dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from auditor.cache import Cache, content_key
from auditor.config import CrawlSettings
from auditor.crawl.auth import load_cookies
from auditor.crawl.browser import BrowserSession, Rendered
from auditor.crawl.http import Fetched, HttpFetcher, link_outcome
from auditor.crawl.politeness import HostGate
from auditor.crawl.robots import RobotsCache
from auditor.crawl.scope import Scope
from auditor.errors import TargetUnreachable, UsageError
from auditor.links import (
    DOC_ROLES,
    POLICY_ROLES,
    harvest,
    link_urls,
    vendor_anchors,
    vendor_links_by_role,
)
from auditor.markup import parse
from auditor.model import Box, LinkStatus, Page, PageKind, Snapshot
from auditor.urls import directory_of, host_of, normalise

PageListener = Callable[[Page], None]
#: the cache's namespace of listing renders; ".2": a render keeps its pictures' boxes (older ones lack them)
_RENDER = "render.2"
#: (listing html, url) -> {role: url} of the vendor's links ("setup", "privacy", ...)
LinkFinder = Callable[[str, str], Mapping[str, str]]


def crawl_links(roles: Mapping[str, str], settings: CrawlSettings, target: str = "",
                on_page: PageListener | None = None, gate: HostGate | None = None) -> Snapshot:
    """Crawl the docs and policy pages behind a set of vendor links (a draft listing's), with no listing page."""
    return asyncio.run(Crawler(settings, on_page, gate=gate).run_links(roles, target))


def crawl(target: str, settings: CrawlSettings, on_page: PageListener | None = None,
          link_finder: LinkFinder = vendor_links_by_role, gate: HostGate | None = None) -> Snapshot:
    """Crawl `target` and return the Snapshot; raises TargetUnreachable when the listing cannot be read.

    `gate` is a per-host limit shared with other crawls (a batch's); each crawl has its own limits anyway.
    """
    return asyncio.run(Crawler(settings, on_page, link_finder, gate).run(target))


def _unreadable(target: str, page: Page) -> TargetUnreachable:
    """Why the listing page cannot be audited, as the one-line error the user sees: it is not HTML (said so, or
    answered without a body to read), or it could not be fetched."""
    if (page.error or "").startswith("not HTML") or (page.error is None and page.status is not None):
        return TargetUnreachable(f"cannot audit {target}: not an HTML page ({page.content_type or 'no content type'})")
    return TargetUnreachable(f"cannot reach {target}: {page.error or 'no response'}")


#: what runs inside one page when the budget is spent (a render, a slow body) gets this long to finish
HARD_STOP_GRACE_SECONDS = 5.0


@dataclass
class _Task:
    url: str
    kind: PageKind
    depth: int
    referrer: str | None


@dataclass
class _DocsScope:
    """Per docs host, the directories under which the crawl may wander."""

    prefixes: dict[str, list[str]] = field(default_factory=dict)
    #: url -> covers(url), until the next add (a docs page's ~90 links are mostly the same nav links)
    _verdicts: dict[str, bool] = field(default_factory=dict)

    def add(self, urls: list[str]) -> None:
        """Each docs link opens its own directory (not their common parent, which may be the whole site)."""
        for url in urls:
            prefixes = self.prefixes.setdefault(host_of(url), [])
            if directory_of(url) not in prefixes:
                prefixes.append(directory_of(url))
                self._verdicts.clear()

    def covers(self, url: str) -> bool:
        """True when `url` is under one of its host's docs directories."""
        verdict = self._verdicts.get(url)
        if verdict is None:
            path = urlsplit(url).path or "/"
            verdict = self._verdicts[url] = any(path.startswith(p) for p in self.prefixes.get(host_of(url), []))
        return verdict


#: the cores a listing render keeps busy (see docs_workers_beside_a_render)
RENDER_CORES = 2


class Crawler:
    """One crawl's state: the frontier, the pages fetched, the links to check."""

    def __init__(self, settings: CrawlSettings, on_page: PageListener | None = None,
                 link_finder: LinkFinder = vendor_links_by_role, gate: HostGate | None = None) -> None:
        self.settings = settings
        self._gate = gate
        self._link_finder = link_finder
        self.scope = Scope(settings.allow_hosts)  # narrowed to the target in run()
        self._on_page = on_page
        self._pages: dict[str, Page] = {}
        self._seen: set[str] = set()
        #: outbound URL -> the pages that link to it, in order (a dict as an ordered set: a nav link has
        #: a thousand sources, and a list's membership test made that quadratic)
        self._link_sources: dict[str, dict[str, None]] = {}
        self._docs_scope = _DocsScope()
        self._warnings: list[str] = []
        self._deadline = 0.0
        self._partial = False
        self._interrupted = False
        self._screenshot: str | None = None
        self._image_boxes: dict[str, Box] = {}

    async def run(self, target: str) -> Snapshot:
        """Crawl from `target`; the listing page must load, everything after it is best effort."""
        self.scope = Scope.for_target(target, self.settings.allow_hosts)
        refusal = self.scope.refusal(target)
        if refusal:
            raise UsageError(f"cannot audit {target!r}: {refusal}")

        async def from_listing() -> str | None:
            if self._browser is None:
                listing, screenshot = await self._fetch_listing(target)
                await self._crawl(self._seed_from_listing(listing))
                return screenshot
            # The server's HTML usually names the docs already, so their crawl starts while Chromium renders
            # the page; links that only the rendered page shows join the crawl when the render is done.
            self._seen.add(normalise(target))
            static = await self._http.get(target)
            # the bounds of the plain path hold with the browser on: no rendering a PNG or a 6 MB page
            bounds = self._page_from_fetch(static, _Task(target, "listing", 0, None))
            if bounds.error and bounds.error.startswith(("not HTML", "page larger than")):
                self._record(bounds)
                raise _unreadable(target, bounds)
            render = asyncio.create_task(self._fetch_listing(target, static))

            async def rendered_seeds() -> list[_Task]:
                return self._seed_from_listing((await render)[0])

            await self._crawl(self._seed_from_static(static), later=rendered_seeds(),
                              first=(render, docs_workers_beside_a_render()))
            return render.result()[1]

        return await self._session(target, from_listing)

    async def run_links(self, roles: Mapping[str, str], target: str) -> Snapshot:
        """Crawl the docs and policies a draft listing links to, with no listing page."""
        first = next(iter(roles.values()), "")
        self.scope = Scope.for_target(first, self.settings.allow_hosts) if first else self.scope

        async def from_links() -> str | None:
            await self._crawl(self._seed_from_roles(roles, referrer=None))
            return None

        return await self._session(target, from_links)

    async def _session(self, target: str, gather: Callable[[], Awaitable[str | None]]) -> Snapshot:
        started = datetime.now(UTC).isoformat(timespec="seconds")
        self._deadline = time.monotonic() + self.settings.budget
        s = self.settings
        cookies = load_cookies(s.auth_state) if s.auth_state else None
        # an authenticated preview is never written to disk
        self._cache = Cache(s.cache_dir) if s.cache_dir is not None and cookies is None else None
        self._http = HttpFetcher(self.scope, user_agent=s.user_agent, timeout=s.timeout, max_bytes=s.max_bytes,
                                 max_redirects=s.max_redirects, per_host=s.per_host, retries=s.retries, cookies=cookies,
                                 cache=self._cache, gate=self._gate)
        self._robots = RobotsCache(self._http, s.user_agent)
        self._browser = BrowserSession(self.scope, user_agent=s.user_agent, timeout=s.timeout,
                                       auth_state=s.auth_state, endpoint=s.browser_endpoint) if s.use_browser else None
        stop_on_ctrl_c = self._catch_interrupt()
        closing: asyncio.Task[None] | None = None
        try:
            screenshot = await self._within_budget(target, gather)
            if self._browser is not None:  # the link checks need no browser: shut it down meanwhile
                closing = asyncio.create_task(self._browser.close())
            links = await self._check_links()
        finally:
            stop_on_ctrl_c()
            await self._http.aclose()
            if self._browser is not None:
                await (closing or self._browser.close())
            if self._cache is not None:
                self._cache.close()
                if self._cache.warning:
                    self._note_once(self._cache.warning)
        browser = self._browser.choice.describe() if self._browser and self._browser.choice else None
        return Snapshot(
            target=target, started_at=started, finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
            pages=sorted(self._pages.values(), key=lambda p: p.kind != "listing"), links=links,
            screenshot=screenshot, image_boxes=self._image_boxes if screenshot else {}, browser=browser,
            user_agent=s.user_agent, warnings=self._warnings,
            partial=self._partial, interrupted=self._interrupted,
        )

    def _catch_interrupt(self) -> Callable[[], object]:
        """The first Ctrl-C stops the crawl like a spent time budget, so the report is still written (marked
        partial); a second one interrupts at once. Returns the function that removes the handler."""
        loop = asyncio.get_running_loop()
        if threading.current_thread() is not threading.main_thread():
            return lambda: None

        def interrupt() -> None:
            self._interrupted = self._partial = True
            self._deadline = 0.0
            self._note_once("interrupted (Ctrl-C): the crawl stopped early and the report is partial")
            loop.remove_signal_handler(signal.SIGINT)

        try:
            loop.add_signal_handler(signal.SIGINT, interrupt)
        except (NotImplementedError, RuntimeError):  # no signal handlers in this loop (Windows, embedded use)
            return lambda: None
        return lambda: loop.remove_signal_handler(signal.SIGINT)

    # ------------------------------------------------------------ listing

    async def _fetch_listing(self, target: str, static: Fetched | None = None) -> tuple[Page, str | None]:
        self._seen.add(normalise(target))
        screenshot = None
        if self._browser is not None:
            page, screenshot = await self._render_listing(self._browser, target, static)
            self._screenshot = screenshot
        else:
            page = self._page_from_fetch(await self._http.get(target), _Task(target, "listing", 0, None))
        self._record(page)
        if page.error or page.status is None:
            raise _unreadable(target, page)
        if page.status >= 400:
            raise TargetUnreachable(f"cannot audit {target}: the listing page answered HTTP {page.status}")
        if not page.html:
            raise _unreadable(target, page)
        return page, screenshot

    async def _render_listing(self, browser: BrowserSession, target: str,
                              static: Fetched | None) -> tuple[Page, str | None]:
        """The listing as the browser renders it, with a screenshot.

        With a cache, a listing whose scripts added nothing to its server HTML when it was last rendered,
        and whose server HTML is byte-for-byte unchanged, reuses that render: its DOM follows from the
        HTML alone. A page whose scripts change its content is rendered every time.
        """
        key = _render_key(target, static)
        stored = self._cache.derived(_RENDER, key) if self._cache is not None and key else None
        if stored is not None:
            rendered = Rendered(target, stored["final_url"], stored["status"], stored["html"], None,
                                static.elapsed_ms if static else 0.0, stored["screenshot"],
                                {url: Box(*box) for url, box in stored["image_boxes"].items()})
        else:
            async with self._http.slot(target):  # the render counts against the store host's limits too
                rendered = await browser.render(target, screenshot=True)
            if (key and self._cache is not None and static is not None and rendered.html and not rendered.error
                    and visible_text(static.text or "") == visible_text(rendered.html)):
                self._cache.store_derived(_RENDER, key, {"final_url": rendered.final_url, "status": rendered.status,
                                                         "html": rendered.html, "screenshot": rendered.screenshot,
                                                         "image_boxes": {url: astuple(box) for url, box
                                                                         in rendered.image_boxes.items()}})
        page = Page(url=target, kind="listing", depth=0, final_url=rendered.final_url, status=rendered.status,
                    error=rendered.error, content_type="text/html", html=rendered.html, fetched_via="browser",
                    from_cache=stored is not None, elapsed_ms=rendered.elapsed_ms,
                    bytes=len((rendered.html or "").encode()))
        self._image_boxes = rendered.image_boxes
        return page, rendered.screenshot

    def _seed_from_listing(self, listing: Page) -> list[_Task]:
        """The vendor's docs and policy links become pages to crawl; its other links are only checked."""
        base = listing.final_url or listing.url
        html = listing.html or ""
        tasks = self._seed_from_roles(self._link_finder(html, base), referrer=listing.url)
        # the store's own header, footer, navigation and sections are not the vendor's, so not checked either
        for anchor in vendor_anchors(harvest(html, base), base):
            url = normalise(anchor.url)
            if url not in self._seen and url != normalise(base):
                self._link_sources.setdefault(url, {})[listing.url] = None
        return tasks

    def _seed_from_static(self, static: Fetched) -> list[_Task]:
        """The docs and policy pages the listing's server HTML links to (before any script ran)."""
        if static.error or not static.text or static.status is None or static.status >= 400:
            return []
        return self._seed_from_roles(self._link_finder(static.text, static.final_url), referrer=static.url)

    def _seed_from_roles(self, roles: Mapping[str, str], referrer: str | None) -> list[_Task]:
        tasks: list[_Task] = []
        for role, raw in roles.items():
            url = normalise(raw)
            if role not in DOC_ROLES and role not in POLICY_ROLES or url in self._seen or self.scope.refusal(url):
                continue
            if len(self._seen) >= self.settings.max_pages:
                self._note_page_limit()
                break
            self._seen.add(url)
            tasks.append(_Task(url, "docs" if role in DOC_ROLES else "policy", 1, referrer))
        self._docs_scope.add([normalise(u) for role, u in roles.items() if role in DOC_ROLES])
        return tasks

    # ------------------------------------------------------------ docs

    async def _crawl(self, seeds: list[_Task], later: Awaitable[list[_Task]] | None = None,
                     first: tuple[asyncio.Future[Any], int] | None = None) -> None:
        """Crawl from `seeds`, and from the tasks `later` yields while the crawl is already running.

        `first` is (a task, n): only n workers run until that task is done, so it gets the CPU it needs.
        """
        queue: asyncio.Queue[_Task] = asyncio.Queue()
        for task in seeds:
            queue.put_nowait(task)
        waits_for, early = first if first is not None else (None, self.settings.concurrency)
        workers = [asyncio.create_task(self._worker(queue, None if i < early else waits_for))
                   for i in range(self.settings.concurrency)]
        try:
            for task in await later if later is not None else []:
                queue.put_nowait(task)
            await queue.join()
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)

    async def _worker(self, queue: asyncio.Queue[_Task], after: asyncio.Future[Any] | None = None) -> None:
        if after is not None:
            await asyncio.wait([after])
        while True:
            task = await queue.get()
            try:
                if self._out_of_time():
                    continue
                page, links = await self._fetch_page(task)
                self._record(page)
                if page.ok and page.kind == "docs":
                    for follow in self._follow_links(page, links):
                        queue.put_nowait(follow)
            finally:
                queue.task_done()

    async def _fetch_page(self, task: _Task) -> tuple[Page, list[str]]:
        """The page and the URLs it links to; each page is parsed once for both (the JS-shell test reuses the tree)."""
        if self.settings.respect_robots and not await self._robots.allowed(task.url):
            return Page(url=task.url, kind=task.kind, depth=task.depth, referrer=task.referrer,
                        error="disallowed by robots.txt"), []
        page = self._page_from_fetch(await self._http.get(task.url), task)
        if not page.ok:
            return page, []
        links, js_shell = self._read_links(page)
        if self._browser is not None and js_shell:
            rendered = await self._browser.render(task.url)
            if rendered.html and not rendered.error:
                page.html, page.fetched_via = rendered.html, "browser"
                page.elapsed_ms += rendered.elapsed_ms
                links = link_urls(rendered.html, page.final_url or page.url)
        return page, links

    def _read_links(self, page: Page) -> tuple[list[str], bool]:
        """The URLs a static page links to, and whether it looks like a JS shell; from the cache by content."""
        base = page.final_url or page.url
        key = content_key("links", base, str(self.settings.js_shell_chars), page.digest or "")
        stored = self._cache.derived("links", key) if self._cache is not None else None
        if stored is not None:
            return stored["links"], stored["js_shell"]
        tree = parse(page.html)
        links = link_urls(tree, base)
        js_shell = _looks_like_js_shell(tree, self.settings.js_shell_chars)
        if self._cache is not None:
            self._cache.store_derived("links", key, {"links": links, "js_shell": js_shell})
        return links, js_shell

    def _follow_links(self, page: Page, links: list[str]) -> list[_Task]:
        follows = []
        for link in links:
            url = normalise(link)
            if url in self._seen:
                continue
            in_scope = self._docs_scope.covers(url) and not self.scope.refusal(url)
            if in_scope and page.depth + 1 <= self.settings.max_depth and len(self._seen) < self.settings.max_pages:
                self._seen.add(url)
                follows.append(_Task(url, "docs", page.depth + 1, page.url))
            elif in_scope and len(self._seen) >= self.settings.max_pages:
                self._note_page_limit()
            elif not in_scope:
                self._link_sources.setdefault(url, {})[page.url] = None
        return follows

    # ------------------------------------------------------------ links

    async def _check_links(self) -> list[LinkStatus]:
        targets = [u for u in self._link_sources if normalise(u) not in self._pages]
        if len(targets) > self.settings.max_links:
            self._note_once(f"checked the first {self.settings.max_links} of {len(targets)} outbound links (max_links)")
            targets = targets[: self.settings.max_links]
        statuses = await asyncio.gather(*(self._check_link(u) for u in targets))
        return list(statuses)

    async def _check_link(self, url: str) -> LinkStatus:
        sources = list(self._link_sources[url])
        refusal = self.scope.refusal(url)
        if refusal:
            return LinkStatus(url, "skipped", detail=refusal, sources=sources)
        if self._out_of_time():
            return LinkStatus(url, "skipped", detail="time budget exhausted", sources=sources)
        if self.settings.respect_robots and not await self._robots.allowed(url):
            return LinkStatus(url, "skipped", detail="disallowed by robots.txt", sources=sources)
        fetched = await self._http.get(url, read_body=False)
        return LinkStatus(url, link_outcome(fetched), fetched.status, fetched.error, sources)

    # ------------------------------------------------------------ helpers

    def _page_from_fetch(self, fetched: Fetched, task: _Task) -> Page:
        error = fetched.error
        if error is None and fetched.status is not None and fetched.status < 400 and not fetched.is_html:
            error = f"not HTML ({(fetched.content_type or 'no content type').split(';')[0]})"
        page = Page(url=task.url, kind=task.kind, depth=task.depth, final_url=fetched.final_url, status=fetched.status,
                    error=error, content_type=fetched.content_type, html=fetched.text if error is None else None,
                    elapsed_ms=fetched.elapsed_ms, bytes=fetched.bytes, referrer=task.referrer,
                    from_cache=fetched.from_cache)
        if fetched.digest:
            page.remember_digest(fetched.digest)
        return page

    def _record(self, page: Page) -> None:
        self._pages[normalise(page.url)] = page
        if self._on_page is not None:
            self._on_page(page)

    async def _within_budget(self, target: str, gather: Callable[[], Awaitable[str | None]]) -> str | None:
        """Run `gather` with a hard stop: the budget is checked between pages, and this bounds whatever runs
        long inside one (a render, a slow body) to the budget plus a grace. What was fetched by
        then is kept and the run is partial; a listing not read by then is unreachable."""
        try:
            async with asyncio.timeout(self.settings.budget + HARD_STOP_GRACE_SECONDS):
                return await gather()
        except TimeoutError:
            listing = next((p for p in self._pages.values() if p.kind == "listing"), None)
            if listing is None or not listing.html:
                raise TargetUnreachable(f"cannot audit {target}: the {self.settings.budget:g}-second time budget "
                                        "ran out before the listing was read") from None
            self._deadline = 0.0
            self._out_of_time()
            return self._screenshot

    def _note_page_limit(self) -> None:
        self._note_once(f"stopped at the {self.settings.max_pages}-page limit (--max-pages); "
                        "some pages were not audited")

    def _out_of_time(self) -> bool:
        if time.monotonic() < self._deadline:
            return False
        self._partial = True
        if not self._interrupted:
            self._note_once(f"the {self.settings.budget:.0f}-second time budget ran out; the crawl is partial")
        return True

    def _note_once(self, warning: str) -> None:
        if warning not in self._warnings:
            self._warnings.append(warning)


def docs_workers_beside_a_render() -> int:
    """How many docs-crawl workers run while Chromium renders the listing: the cores it leaves free.

    A render, Chromium's start included, keeps about two cores busy (renderer, browser process, our side of
    the protocol). On two cores a 1,000-page docs crawl beside it made Chromium's start 1.6-3.4 s instead
    of 0.7-0.9 s and the render 2.9-4.5 s instead of 1.1-1.4 s, and the whole crawl ended no sooner
    (4.2-5.7 s against 3.8-5.0 s); with more cores the crawl goes on beside it.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(0, cores - RENDER_CORES)


def _render_key(target: str, static: Fetched | None) -> str | None:
    return content_key(_RENDER, target, static.text) if static is not None and static.text else None


def visible_text(html: str) -> str:
    """The words a reader sees on a page (scripts, styles and templates left out), whitespace collapsed."""
    tree = parse(html)
    if tree.body is None:
        return ""
    _drop(tree, _HIDDEN_TAGS)
    return _collapsed_text(tree.body)


def _looks_like_js_shell(html: str | LexborHTMLParser, min_chars: int) -> bool:
    """True when the static HTML has scripts but almost no visible text: it needs a browser.

    It removes the page's chrome from the tree it is given, so call it after reading the links.
    """
    tree = html if isinstance(html, LexborHTMLParser) else parse(html)
    if tree.body is None or not tree.css_first("script") or _paragraphs_hold(tree, min_chars):
        return False
    _drop(tree, _CHROME_TAGS)
    content = tree.css_first(_CONTENT_SELECTOR) or tree.body
    return len(_collapsed_text(content)) < min_chars


#: what a browser never shows; with the page's chrome, what is not its content
_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template"})
_CHROME_TAGS = _HIDDEN_TAGS | {"header", "footer", "nav", "aside"}
_CONTENT_SELECTOR = "main, article, [role=main]"


def _drop(tree: LexborHTMLParser, tags: frozenset[str]) -> None:
    for node in tree.css(", ".join(sorted(tags))):
        node.decompose()


def _collapsed_text(node: Any) -> str:
    return " ".join(node.text(separator=" ").split())


def _paragraphs_hold(tree: LexborHTMLParser, min_chars: int) -> bool:
    """A cheap proof that a page is no shell: its content's paragraphs alone hold `min_chars` visible characters.

    The full test (strip the chrome, collapse the content's text) cost 0.5 ms a page, a quarter of the
    crawl's CPU; on a docs page the first few paragraphs settle it. Each paragraph's text, collapsed, is
    part of the content's collapsed text, so their sum never overstates it; when it falls short the full
    test decides.
    """
    content = next((n for n in tree.css(_CONTENT_SELECTOR) if not _in_chrome(n, None)), None) or tree.body
    total = 0
    for paragraph in content.css("p") if content is not None else []:
        if not _in_chrome(paragraph, content):
            total += len(" ".join(paragraph.text().split()))
            if total >= min_chars:
                return True
    return False


def _in_chrome(node: Any, stop: Any) -> bool:
    """True when `node` sits inside a chrome element (below `stop`, if given)."""
    stop_id = stop.mem_id if stop is not None else None  # nodes compare equal by their HTML: compare identities
    parent = node.parent
    while parent is not None and parent.mem_id != stop_id:
        if parent.tag in _CHROME_TAGS:
            return True
        parent = parent.parent
    return False
