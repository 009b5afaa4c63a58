"""PDF: the HTML report printed by Chromium with its print style (A4, page numbers), for sending to partners."""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from auditor.chromium import LAUNCH_ARGS, find_chromium
from auditor.errors import BrowserUnavailable
from auditor.model import Report
from auditor.report import html


def render(report: Report) -> bytes:
    """The HTML report as a paginated PDF."""
    document = html.render(report)
    try:
        with sync_playwright() as pw:
            choice = find_chromium(pw.chromium.executable_path)
            browser = pw.chromium.launch(executable_path=choice.executable, args=list(LAUNCH_ARGS))
            try:
                page = browser.new_page()
                # the report loads nothing from outside; route() makes sure printing does not either
                page.route("**/*", lambda route: route.abort())
                page.set_content(document, wait_until="load")
                page.emulate_media(media="print")
                # size, margins and "Page n of N" come from report.css's @page rule, so the PDF and a browser's
                # own print of report.html come out the same
                return page.pdf(print_background=True, prefer_css_page_size=True)
            finally:
                browser.close()
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BrowserUnavailable(f"cannot print the PDF report: {first}") from exc
