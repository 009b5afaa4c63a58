"""The dashboard in Chromium against the fixture marketplace, through the real `listing-audit serve`: a listing
submitted on the form, its progress followed live, its report opened, its history after a second audit with the
diff; the login with a token; axe-core on every page; the API's refusals; a clean stop."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.report.browser import WCAG_TAGS, axe_source, chromium
from tests.serve.running import Served, start

TOKEN = "the-team-token-0123456789abcdef"


@pytest.fixture(scope="module")
def browser(browser_available: None) -> Iterator[Browser]:
    with chromium() as found:
        yield found


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A dashboard without a token that may audit the fixture marketplace on 127.0.0.1."""
    served = start(tmp_path_factory.mktemp("serve") / "history.sqlite", "--allow-host", "127.0.0.1")
    yield served
    if served.process.poll() is None:
        served.process.kill()


def new_page(browser: Browser, scheme: str = "light", bypass_csp: bool = False) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme,  # type: ignore[arg-type]
                                  bypass_csp=bypass_csp)
    return context.new_page()


def submit_on_the_form(page: Page, dashboard: Served, target: str) -> list[tuple[str, str]]:
    """Ask for an audit on the form and watch its page until the report link appears; returns each (status,
    pages fetched) the page showed, read every 50 ms."""
    page.goto(dashboard.url + "/audit")
    page.fill("#target", target)
    page.click("text=Start the audit")
    page.wait_for_url("**/audits/*")
    page.evaluate("() => { window.notReloaded = true; }")
    seen: list[tuple[str, str]] = []
    for _ in range(2400):
        shown = (page.inner_text("#status"), page.inner_text("#pages"))
        if not seen or seen[-1] != shown:
            seen.append(shown)
        # the page shows the report's link and its status in two updates: wait for both
        if shown[0] == "failed" or (shown[0] == "done" and page.query_selector("#report-link")):
            break
        page.wait_for_timeout(50)
    assert page.evaluate("() => window.notReloaded === true"), "the page was reloaded instead of updated"
    return seen


def test_submit_watch_progress_open_the_report_and_the_history_after_a_second_audit(browser, dashboard, server):
    page = new_page(browser)
    target = f"{server.url}/strong/listing/"
    seen = submit_on_the_form(page, dashboard, target)
    assert seen[-1][0] == "done", seen
    assert len(seen) > 1 and int(seen[-1][1]) > 3  # updated live, with the pages it fetched
    assert "Ready" in page.inner_text("#outcome")
    with page.expect_navigation() as navigation:
        page.click("#report-link")
    response = navigation.value
    assert response is not None and "default-src 'none'" in response.headers["content-security-policy"]
    assert "script" not in response.headers["content-security-policy"].replace("default-src", "")
    assert "Ready" in page.inner_text("body")

    status, second = dashboard.api("POST", "/api/audits", {"target": target})
    assert status == 202
    finished = dashboard.until_finished(second["id"])
    assert finished["status"] == "done"
    status, report = dashboard.api("GET", finished["report_json_url"])  # the report's own contract
    assert status == 200 and report["target"] == target and report["score"] == finished["score"]
    assert report["monitoring"]["previous"] is not None  # the first audit was in the history before it
    page.goto(dashboard.url + "/")
    row = page.locator("tr", has_text="/strong/listing/")
    assert row.locator("td").nth(8).inner_text() == "2"
    assert row.locator("svg.trend-sparkline").count() == 1
    row.locator("td").first.locator("a").click()
    page.wait_for_url("**/listings/*")
    assert page.locator("svg.trend-line-chart circle").count() == 2
    assert page.locator("#audits-title + .scroll tbody tr").count() == 2
    page.click("#compare button")
    page.wait_for_url("**from=*")
    assert "Got worse (0)" in page.inner_text("#diff")
    page.context.close()


def test_a_failed_audit_says_why(browser, dashboard, server):
    page = new_page(browser)
    seen = submit_on_the_form(page, dashboard, f"{server.url}/no-such-site/listing/")
    assert seen[-1][0] in ("failed", "done")
    outcome = page.inner_text("#outcome")
    assert ("The audit failed: " in outcome) if seen[-1][0] == "failed" else ("Unavailable" in outcome)
    page.context.close()


def axe(page: Page) -> dict[str, int]:
    page.add_script_tag(content=axe_source())
    result: dict[str, Any] = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                                           WCAG_TAGS)
    return {v["id"]: len(v["nodes"]) for v in result["violations"] if v["impact"] in ("serious", "critical")}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_and_no_page_scrolls_sideways_on_a_phone(browser, dashboard, server, scheme):
    status, job = dashboard.api("POST", "/api/audits", {"target": f"{server.url}/weak/listing/"})
    assert status == 202
    dashboard.until_finished(job["id"])
    _, listings = dashboard.api("GET", "/api/listings")
    page = new_page(browser, scheme, bypass_csp=True)
    for path in ("/", "/audit", f"/audits/{job['id']}", f"/listings/{listings[0]['key']}",
                 f"{listings[0]['history_url'].replace('/api', '').replace('/history', '')}?from=1&to=2"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(dashboard.url + path)
        assert axe(page) == {}, path
        page.set_viewport_size({"width": 375, "height": 800})  # a phone: tables scroll inside their box
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 375, path
    page.context.close()


def test_login_with_the_token(browser, tmp_path):
    served = start(tmp_path / "history.sqlite", "--host", "127.0.0.1", env={"LISTING_AUDIT_TOKEN": TOKEN})
    try:
        page = new_page(browser)
        page.goto(served.url + "/audit")
        assert "/login?next=/audit" in page.url
        page.fill("#token", "not-the-token")
        page.click("button:has-text('Log in')")
        assert "not the token" in page.inner_text(".dash-error")
        page.fill("#token", TOKEN)
        page.click("button:has-text('Log in')")
        page.wait_for_url("**/audit")
        assert page.locator("#target").count() == 1
        page.click("button:has-text('Log out')")
        page.wait_for_url("**/login")
        page.context.close()
        assert served.api("GET", "/api/listings")[0] == 401
        assert served.api("GET", "/api/listings", token=TOKEN)[0] == 200
    finally:
        assert served.stop() == 0


def test_the_api_refuses_a_private_target_unless_allowed_and_stops_cleanly(server, tmp_path, browser_available):
    served = start(tmp_path / "history.sqlite")  # no --allow-host: the fixture marketplace is a private address
    try:
        status, answer = served.api("POST", "/api/audits", {"target": f"{server.url}/strong/listing/"})
        assert status == 403 and "private address not allowed: 127.0.0.1" in answer["error"]
        assert served.api("POST", "/api/audits", {"target": "http://169.254.169.254/latest/meta-data/"})[0] == 403
    finally:
        assert served.stop() == 0
