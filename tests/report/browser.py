"""Looking at a rendered page in Chromium as a user would: its size, what it requests, and axe-core's verdict.

axe-core comes from the `axe-playwright-python` package (the `test` extra), which bundles `axe.min.js`; it is
injected into a context that bypasses the page's Content-Security-Policy, which only a test ever does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Dialog, Page, sync_playwright

from auditor.chromium import LAUNCH_ARGS, find_chromium

#: the rule sets the issue names: WCAG 2.0 and 2.1, levels A and AA
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}


@cache
def axe_source() -> str:
    """axe-core's script, as the `axe-playwright-python` package ships it."""
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


@dataclass
class Opened:
    """A page opened from a file, with every request it made and every dialog it raised."""

    page: Page
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def chromium() -> Iterator[Browser]:
    """The system Chromium the audit itself uses."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(pw.chromium.executable_path).executable,
                                     args=list(LAUNCH_ARGS))
        try:
            yield browser
        finally:
            browser.close()


def open_file(browser: Browser, path: Path, viewport: dict[str, int] | None = None, scheme: str = "light",
              bypass_csp: bool = False) -> Opened:
    """Open `path` in a fresh context; anything but the file itself is aborted (and recorded)."""
    context = browser.new_context(viewport=viewport or DESKTOP, color_scheme=scheme,  # type: ignore[arg-type]
                                  bypass_csp=bypass_csp)
    opened = Opened(context.new_page())

    def on_dialog(dialog: Dialog) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    opened.page.on("request", lambda request: opened.requests.append(request.url))
    opened.page.on("dialog", on_dialog)
    opened.page.route("**/*", lambda route: route.continue_() if route.request.url == path.as_uri()
                      else route.abort())
    opened.page.goto(path.as_uri())
    return opened


def axe_violations(browser: Browser, path: Path, scheme: str = "light") -> dict[str, int]:
    """axe-core's serious and critical WCAG 2 A/AA violations on the page: rule id -> how many elements."""
    opened = open_file(browser, path, scheme=scheme, bypass_csp=True)
    opened.page.add_script_tag(content=axe_source())
    result: dict[str, Any] = opened.page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    opened.page.context.close()
    return {v["id"]: len(v["nodes"]) for v in result["violations"] if v["impact"] in ("serious", "critical")}


def page_width(browser: Browser, path: Path, viewport: dict[str, int]) -> int:
    """How wide the document is at `viewport`: wider than the viewport means a horizontal scroll."""
    opened = open_file(browser, path, viewport)
    width: int = opened.page.evaluate("() => document.documentElement.scrollWidth")
    opened.page.context.close()
    return width


def heading_levels(page: Page) -> list[int]:
    """The levels of the page's headings, in document order."""
    levels: list[int] = page.evaluate(
        "() => Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => Number(h.tagName[1]))")
    return levels


def skipped_levels(levels: list[int]) -> list[tuple[int, int]]:
    """Each place where a heading goes down more than one level (h2 straight to h4), as (from, to)."""
    return [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
