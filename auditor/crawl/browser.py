"""The slow path: headless Chromium through Playwright, for the listing page and JS-only pages."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urljoin

from playwright.async_api import Browser, Playwright, Route, ViewportSize, WebSocketRoute, async_playwright
from playwright.async_api import Error as PlaywrightError

from auditor.chromium import HOW_TO_GET_ONE, LAUNCH_ARGS, BrowserChoice, find_chromium
from auditor.crawl.scope import Scope
from auditor.crawl.shared_browser import DriverHost, driver_host
from auditor.errors import BrowserUnavailable
from auditor.model import Box

SCREENSHOT_MAX_HEIGHT = 6000
#: pictures smaller than this (CSS px, either side) are icons and furniture: their place in the capture is not kept
IMAGE_BOX_MIN_SIDE = 48
IMAGE_BOX_MAX = 200
#: every <img> large enough, shown (not hidden, clipped by a carousel's overflow or covered by a fixed banner, which
#: the capture draws where it stands now) and at least partly within the captured height: its URL as the browser
#: chose it (srcset included) and its box in document coordinates
_IMAGE_BOXES_JS = """([minSide, maxHeight, maxBoxes]) => {
  const bottom = Math.min(document.documentElement.scrollHeight, maxHeight), width = window.innerWidth;
  const fixed = (el) => {
    for (; el; el = el.parentElement) if (getComputedStyle(el).position === "fixed") return true;
    return false;
  };
  const covered = (img, r) => [[.5, .5], [.25, .25], [.75, .25], [.25, .75], [.75, .75]].some(([fx, fy]) => {
    const hit = document.elementFromPoint(r.left + fx * r.width, r.top + fy * r.height);
    return hit !== null && hit !== img && fixed(hit) && !fixed(img);
  });
  const boxes = [];
  for (const img of document.images) {
    if (boxes.length >= maxBoxes) break;
    const url = img.currentSrc || img.src;
    if (!url || !img.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const r = img.getBoundingClientRect();
    if (r.width < minSide || r.height < minSide) continue;
    let left = r.left, top = r.top, right = r.right, low = r.bottom;
    for (let el = img.parentElement; el && el !== document.documentElement; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (style.overflowX === "visible" && style.overflowY === "visible") continue;
      const c = el.getBoundingClientRect();
      left = Math.max(left, c.left); top = Math.max(top, c.top);
      right = Math.min(right, c.right); low = Math.min(low, c.bottom);
    }
    const shown = Math.max(0, right - left) * Math.max(0, low - top);
    const x = r.left + window.scrollX, y = r.top + window.scrollY;
    if (shown < 0.9 * r.width * r.height || y >= bottom || x < 0 || x + r.width > width + 1) continue;
    if (covered(img, r)) continue;
    boxes.push({url: new URL(url, document.baseURI).href, x, y, width: r.width,
                height: Math.min(r.height, bottom - y)});
  }
  return boxes;
}"""
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
#: requests whose answer can still change the DOM; images, fonts, media and the favicon cannot
DOM_CHANGING = frozenset({"document", "script", "xhr", "fetch", "eventsource", "websocket", "stylesheet"})
#: requests the guard fetches itself, hop by hop, so no redirect of theirs escapes the scope (media streams and
#: beacons are left to the browser: their first request is still judged)
FOLLOWED_HERE = frozenset({"document", "script", "xhr", "fetch", "stylesheet", "image", "font", "other"})
#: after "load", the page has settled once no DOM-changing request has been in flight for this long
QUIET_SECONDS = 0.25
#: the longest wait for a page that never settles (one that polls): what is there by then is used
SETTLE_CAP_SECONDS = 3.0


@dataclass
class Rendered:
    """A page as the browser saw it after its scripts ran."""

    url: str
    final_url: str
    status: int | None
    html: str | None
    error: str | None
    elapsed_ms: float
    screenshot: str | None = None
    #: where the page's pictures sit in the screenshot (see `_IMAGE_BOXES_JS`); empty without a screenshot
    image_boxes: dict[str, Box] = field(default_factory=dict)


class BrowserSession:
    """One Chromium and one context for a whole crawl, launched on first use and reused."""

    def __init__(self, scope: Scope, *, user_agent: str, timeout: float, auth_state: Path | None = None,
                 endpoint: str | None = None) -> None:
        """`endpoint`: the DevTools endpoint of a Chromium already running (a batch worker's, see
        `shared_browser`) to connect to instead of launching one."""
        self._scope = scope
        self._endpoint = endpoint
        #: URL -> why the guard refused it (a navigation the guard stopped is reported with its reason)
        self._refused: dict[str, str] = {}
        self._auth_state = auth_state
        self._user_agent = user_agent
        self._timeout_ms = timeout * 1000
        self._pw: Playwright | None = None
        self._browser: Browser | None = None
        #: the process's driver for a shared Chromium (`endpoint`), instead of a driver of this crawl's own
        self._host: DriverHost | None = None
        self._context: Any = None
        self.choice: BrowserChoice | None = None

    async def __aenter__(self) -> BrowserSession:
        return self

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self.close()

    async def close(self) -> None:
        """Shut the browser and the Playwright driver down; connected to a shared one, close only this crawl's
        context (the Chromium and the process's driver stay for the next crawl, with nothing of this one)."""
        if self._host is not None:
            if self._context is not None:
                with contextlib.suppress(PlaywrightError):
                    await self._host.run(self._context.close())
            self._context = None
            return
        if self._browser is not None:
            await self._browser.close()
        if self._pw is not None:
            await self._pw.stop()
        self._browser = self._pw = self._context = None

    async def _ensure(self) -> Any:
        if self._context is not None:
            return self._context
        if self._endpoint is not None:
            try:  # the process's driver, connected once (its start waits in a thread, not on this loop)
                self._host = await asyncio.to_thread(driver_host, self._endpoint)
            except (PlaywrightError, OSError, TimeoutError) as exc:
                raise BrowserUnavailable(f"the shared Chromium could not be reached ({exc}); {HOW_TO_GET_ONE}") from exc
            self.choice = BrowserChoice(None, "shared Chromium of this worker")
            self._context = await self._host.run(self._open_context(self._host.browser))
            return self._context
        self._pw = await async_playwright().start()
        try:
            self.choice = find_chromium(self._pw.chromium.executable_path)
            self._browser = await self._pw.chromium.launch(
                executable_path=self.choice.executable, args=list(LAUNCH_ARGS), headless=True
            )
        except PlaywrightError as exc:
            await self.close()
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise BrowserUnavailable(f"Chromium failed to start ({first_line}); {HOW_TO_GET_ONE}") from exc
        self._context = await self._open_context(self._browser)
        return self._context

    async def _open_context(self, browser: Browser) -> Any:
        """A fresh context (no cookies, storage or cache of another crawl) with the scope guard on every request."""
        context = await browser.new_context(
            user_agent=self._user_agent, viewport=VIEWPORT, java_script_enabled=True,
            service_workers="block", storage_state=str(self._auth_state) if self._auth_state else None,
        )
        await context.route("**/*", self._guard)
        await context.route_web_socket("**/*", self._guard_socket)
        return context

    async def _guard(self, route: Route) -> None:
        """Every request of the page, its scripts' included, passes the crawl's scope guard. Playwright shows a
        route only the first request of a redirect chain, so requests that can be redirected are fetched here one
        hop at a time and each hop's target is judged before the browser follows it."""
        request = route.request
        url = request.url
        if url.startswith(("data:", "blob:")):
            await route.continue_()
            return
        if why := self._scope.refusal(url):
            self._refused[url] = why
            await route.abort("blockedbyclient")
            return
        if request.resource_type not in FOLLOWED_HERE:
            await route.continue_()
            return
        try:
            response = await route.fetch(max_redirects=0)
        except PlaywrightError:
            await route.abort("failed")
            return
        location = response.headers.get("location")
        if 300 <= response.status < 400 and location:
            target = urljoin(url, location)
            if why := self._scope.refusal(target):
                self._refused[url] = f"{why} (redirected to {target})"
                await route.abort("blockedbyclient")
                return
        await route.fulfill(response=response)

    async def _guard_socket(self, socket: WebSocketRoute) -> None:
        """A WebSocket connects only to a host the scope allows; any other is closed before it reaches the server."""
        if self._scope.refusal(socket.url.replace("ws://", "http://", 1).replace("wss://", "https://", 1)):
            await socket.close(code=1008, reason="outside the audit's scope")
        else:
            socket.connect_to_server()

    async def render(self, url: str, *, screenshot: bool = False) -> Rendered:
        """Load `url`, let its scripts settle, and return the DOM (and a JPEG screenshot if asked)."""
        context = await self._ensure()
        if self._host is not None:  # the page lives on the shared driver's loop
            return await self._host.run(self._render(context, url, screenshot))
        return await self._render(context, url, screenshot)

    async def _render(self, context: Any, url: str, screenshot: bool) -> Rendered:
        started = time.perf_counter()
        page = await context.new_page()
        activity = _Activity(page)
        try:
            response = await page.goto(url, wait_until="load", timeout=self._timeout_ms)
            await activity.settled(QUIET_SECONDS, min(self._timeout_ms / 1000, SETTLE_CAP_SECONDS))
            html = await page.content()
            boxes = await _image_boxes(page) if screenshot else {}
            shot = await self._screenshot(page) if screenshot else None
            return Rendered(url, page.url, response.status if response else None, html, None,
                            _ms_since(started), shot, boxes)
        except PlaywrightError as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            refused = self._refused.get(url)
            error = (f"refused: {refused}" if refused else "timeout" if "Timeout" in message
                     else f"browser: {message}")
            return Rendered(url, url, None, None, error, _ms_since(started))
        finally:
            await page.close()

    async def _screenshot(self, page: Any) -> str:
        height = await page.evaluate("() => document.documentElement.scrollHeight")
        clip = {"x": 0, "y": 0, "width": VIEWPORT["width"], "height": min(int(height or 900), SCREENSHOT_MAX_HEIGHT)}
        data = await page.screenshot(type="jpeg", quality=60, full_page=True, clip=clip)
        return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


async def _image_boxes(page: Any) -> dict[str, Box]:
    """Each large, visible picture's box in the capture about to be taken, by URL (the first, when one shows twice)."""
    found = await page.evaluate(_IMAGE_BOXES_JS, [IMAGE_BOX_MIN_SIDE, SCREENSHOT_MAX_HEIGHT, IMAGE_BOX_MAX])
    boxes: dict[str, Box] = {}
    for item in found or []:
        boxes.setdefault(str(item["url"]), Box(*(round(float(item[k]), 1) for k in ("x", "y", "width", "height"))))
    return boxes


class _Activity:
    """The DOM-changing requests of one page: how many are in flight, and when that last changed.

    Playwright's "networkidle" waits 500 ms after the last request of any kind, so a favicon or a late
    image fetched after "load" holds a render up although it cannot change the DOM. This waits on the
    requests that can (scripts, XHR/fetch, documents, styles), and for a shorter quiet spell: a script
    that fetches more once a response lands starts that request at once.
    """

    def __init__(self, page: Any) -> None:
        self.in_flight = 0
        self.changed = time.perf_counter()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, request: Any) -> None:
        if request.resource_type in DOM_CHANGING:
            self.in_flight += 1
            self.changed = time.perf_counter()

    def _ended(self, request: Any) -> None:
        if request.resource_type in DOM_CHANGING:
            self.in_flight = max(0, self.in_flight - 1)
            self.changed = time.perf_counter()

    async def settled(self, quiet: float, cap: float) -> None:
        """Return once nothing DOM-changing was in flight for `quiet` seconds, or after `cap` seconds.

        The quiet spell starts no earlier than this call ("load"): scripts often start fetching from a
        load handler or a timer set there, after the last request of the page's own markup ended.
        """
        started = time.perf_counter()
        self.changed = max(self.changed, started)
        deadline = started + cap
        while (now := time.perf_counter()) < deadline:
            if self.in_flight == 0 and now - self.changed >= quiet:
                return
            await asyncio.sleep(min(0.05, max(0.01, quiet - (now - self.changed))))


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
