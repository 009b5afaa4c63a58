"""The slow path: headless Chromium through Playwright, for the listing page and JS-only pages."""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from playwright.async_api import Browser, Playwright, Route, async_playwright
from playwright.async_api import Error as PlaywrightError

from auditor.chromium import HOW_TO_GET_ONE, LAUNCH_ARGS, BrowserChoice, find_chromium
from auditor.crawl.scope import Scope
from auditor.errors import BrowserUnavailable

SCREENSHOT_MAX_HEIGHT = 6000
VIEWPORT = {"width": 1280, "height": 900}


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


class BrowserSession:
    """One Chromium and one context for a whole crawl, launched on first use and reused."""

    def __init__(self, scope: Scope, *, user_agent: str, timeout: float, auth_state: Path | None = None) -> None:
        self._scope = scope
        self._auth_state = auth_state
        self._user_agent = user_agent
        self._timeout_ms = timeout * 1000
        self._pw: Playwright | None = None
        self._browser: Browser | None = None
        self._context: Any = None
        self.choice: BrowserChoice | None = None

    async def __aenter__(self) -> BrowserSession:
        return self

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self.close()

    async def close(self) -> None:
        """Shut the browser and the Playwright driver down."""
        if self._browser is not None:
            await self._browser.close()
        if self._pw is not None:
            await self._pw.stop()
        self._browser = self._pw = self._context = None

    async def _ensure(self) -> Any:
        if self._context is not None:
            return self._context
        self._pw = await async_playwright().start()
        self.choice = find_chromium(self._pw.chromium.executable_path)
        try:
            self._browser = await self._pw.chromium.launch(
                executable_path=self.choice.executable, args=list(LAUNCH_ARGS), headless=True
            )
        except PlaywrightError as exc:
            await self.close()
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise BrowserUnavailable(f"Chromium failed to start ({first_line}); {HOW_TO_GET_ONE}") from exc
        self._context = await self._browser.new_context(
            user_agent=self._user_agent, viewport=VIEWPORT, java_script_enabled=True,
            service_workers="block", storage_state=str(self._auth_state) if self._auth_state else None,
        )
        await self._context.route("**/*", self._guard)
        return self._context

    async def _guard(self, route: Route) -> None:
        # The page's own scripts must not reach hosts outside the scope either.
        if self._scope.refusal(route.request.url) and not route.request.url.startswith("data:"):
            await route.abort()
        else:
            await route.continue_()

    async def render(self, url: str, *, screenshot: bool = False) -> Rendered:
        """Load `url`, let its scripts settle, and return the DOM (and a JPEG screenshot if asked)."""
        context = await self._ensure()
        started = time.perf_counter()
        page = await context.new_page()
        try:
            response = await page.goto(url, wait_until="load", timeout=self._timeout_ms)
            try:
                await page.wait_for_load_state("networkidle", timeout=min(self._timeout_ms, 3000))
            except PlaywrightError:
                pass  # a page that keeps polling is still rendered; use what is there
            html = await page.content()
            shot = await self._screenshot(page) if screenshot else None
            return Rendered(url, page.url, response.status if response else None, html, None,
                            _ms_since(started), shot)
        except PlaywrightError as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            error = "timeout" if "Timeout" in message else f"browser: {message}"
            return Rendered(url, url, None, None, error, _ms_since(started))
        finally:
            await page.close()

    async def _screenshot(self, page: Any) -> str:
        height = await page.evaluate("() => document.documentElement.scrollHeight")
        clip = {"x": 0, "y": 0, "width": VIEWPORT["width"], "height": min(int(height or 900), SCREENSHOT_MAX_HEIGHT)}
        data = await page.screenshot(type="jpeg", quality=60, full_page=True, clip=clip)
        return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
