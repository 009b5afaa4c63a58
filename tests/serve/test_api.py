"""The API and the pages without workers: what is refused (private targets, no token, a full queue, bad input),
what the listings and histories say, the login with a token, and the CSRF check on every form."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from auditor.errors import UsageError
from auditor.history.store import HistoryStore
from auditor.serve.app import ServeSettings, check
from auditor.serve.auth import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    THROTTLE_LIMIT,
    THROTTLE_WINDOW,
    Auth,
    Throttle,
    is_loopback,
    safe_next,
)
from auditor.serve.guard import Guard
from auditor.serve.listings import listing_key
from tests.monitoring.factories import TARGET, record
from tests.serve.fakes import LOCAL, TOKEN, FakeQueue, client

PUBLIC = {"apps.example.com": ("93.184.216.34",)}


@pytest.fixture
def history(tmp_path) -> Path:
    """A history with two audits of TARGET (DOC101 got worse) and one of another listing."""
    path = tmp_path / "history.sqlite"
    with HistoryStore(path) as store:
        store.add(record(90.0, "ready", "2026-12-01T02:00:00+00:00"))
        store.add(record(70.0, "needs-work", "2026-12-02T02:00:00+00:00", {"DOC101": "fail", "TRU501": "pass"}))
        store.add(record(40.0, "not-ready", "2026-12-02T03:00:00+00:00", target="https://apps.example.com/other"))
    return path


def public_guard() -> Guard:
    return Guard(resolver=lambda host: PUBLIC.get(host, ()))


def test_an_audit_is_queued_and_followed(history):
    api = client(history, guard=public_guard())
    answer = api.post("/api/audits", json={"target": "https://apps.example.com/apps/x", "profile": "workflow"})
    assert answer.status_code == 202
    job_id = answer.json()["id"]
    assert answer.headers["location"] == f"/api/audits/{job_id}"
    status = api.get(f"/api/audits/{job_id}").json()
    assert (status["status"], status["target"], status["profile"], status["report_url"]) == (
        "queued", "https://apps.example.com/apps/x", "workflow", None)
    assert api.get("/api/audits/nothing").status_code == 404


@pytest.mark.parametrize("target", ["http://127.0.0.1:9000/listing/", "http://10.0.0.8/", "http://localhost/"])
def test_a_private_target_is_refused(history, target):
    answer = client(history, guard=public_guard()).post("/api/audits", json={"target": target})
    assert answer.status_code == 403
    assert "private address not allowed" in answer.json()["error"]


@pytest.mark.parametrize(("body", "kind", "status"), [
    ('{"target": "gopher://x"}', "application/json", 400),
    ("not json", "application/json", 400),
    ('["https://apps.example.com/"]', "application/json", 400),
    ("target=https://apps.example.com/", "application/x-www-form-urlencoded", 415),
    ('{"target": "https://apps.example.com/", "x": "%s"}' % ("a" * 70_000), "application/json", 413),
])
def test_bad_requests_get_a_one_line_reason(history, body, kind, status):
    answer = client(history).post("/api/audits", content=body, headers={"content-type": kind})
    assert answer.status_code == status
    assert answer.json()["error"] and "\n" not in answer.json()["error"]


def test_a_full_queue_answers_429_with_retry_after(history):
    api = client(history, queue=FakeQueue(limit=1), guard=public_guard())
    assert api.post("/api/audits", json={"target": "https://apps.example.com/a"}).status_code == 202
    full = api.post("/api/audits", json={"target": "https://apps.example.com/b"})
    assert full.status_code == 429 and full.headers["retry-after"] == "30"


def test_listings_and_a_listing_s_history(history):
    api = client(history)
    found = api.get("/api/listings").json()
    assert [(x["target"], x["score"], x["audits"], x["change"]) for x in found] == [
        ("https://apps.example.com/other", 40.0, 1, None), (TARGET, 70.0, 2, -20.0)]
    key = listing_key(TARGET, "distribution")
    assert found[1]["key"] == key and found[1]["history_url"] == f"/api/listings/{key}/history"
    audits = api.get(f"/api/listings/{key}/history").json()["audits"]
    assert [(a["score"], a["change"], a["verdict_before"]) for a in audits] == [(70.0, -20.0, "ready"),
                                                                                 (90.0, None, None)]
    assert all("report" not in a for a in audits)  # where a report lies on the server's disk is not for clients
    assert api.get("/api/listings/0000/history").status_code == 404


def test_the_pages_show_the_portfolio_a_history_and_the_diff(history):
    page = client(history)
    portfolio = page.get("/")
    assert portfolio.status_code == 200 and "2 listings in the history" in portfolio.text
    assert portfolio.text.count('class="trend-sparkline"') == 2
    assert "script-src 'self'" in portfolio.headers["content-security-policy"]
    key = listing_key(TARGET, "distribution")
    ids = [int(i) for i in re.findall(r'<option value="(\d+)"', page.get(f"/listings/{key}").text)[:2]]
    diff = page.get(f"/listings/{key}?from={ids[1]}&to={ids[0]}").text
    assert 'class="trend-line-chart"' in diff
    worse = diff.split("Got worse (1)")[1].split("Changed otherwise")[0]
    assert "DOC101" in worse and "(was pass)" in worse
    assert page.get(f"/listings/{key}?from=999&to={ids[0]}").text.count("not two audits of this listing") == 1
    assert page.get("/listings/nothing").status_code == 404


def test_without_a_token_the_server_answers_only_to_loopback_names(history):
    api = client(history)
    assert api.get("/", headers={"host": "127.0.0.1:8765"}).status_code == 200
    assert api.get("/", headers={"host": "[::1]:8765"}).status_code == 200
    assert api.get("/api/listings", headers={"host": "rebound.example.com"}).status_code == 421


def test_with_a_token_requests_without_it_are_refused(history):
    api = client(history, TOKEN)
    refused = api.get("/api/listings")
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    assert api.post("/api/audits", json={"target": "https://apps.example.com/"}).status_code == 401
    assert api.get("/api/listings", headers={"authorization": "Bearer wrong-token-0123456789"}).status_code == 401
    assert api.get("/api/listings", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
    page = api.get("/listings/abc?from=1")
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/listings/abc%3Ffrom%3D1"
    assert api.get("/", headers={"host": "dashboard.example.com"}).status_code == 303  # any name, with a token


def csrf_of(page_text: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page_text)
    assert found is not None
    return found.group(1)


def test_the_login_form_sets_a_session_with_the_right_token_only(history):
    browser = client(history, TOKEN)
    form = browser.get("/login?next=/audit")
    csrf = csrf_of(form.text)
    assert browser.cookies[CSRF_COOKIE] == csrf
    wrong = browser.post("/login", data={"csrf": csrf, "token": "nope", "next": "/audit"})
    assert wrong.status_code == 401 and "not the token" in wrong.text
    assert 'name="next" value="/audit"' in wrong.text  # a second try still leads where the first would have
    assert browser.post("/login", data={"csrf": "forged", "token": TOKEN}).status_code == 403
    right = browser.post("/login", data={"csrf": csrf, "token": TOKEN, "next": "/audit"})
    assert right.status_code == 303 and right.headers["location"] == "/audit"
    cookie = right.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert browser.get("/audit").status_code == 200
    assert browser.get("/api/listings").status_code == 200  # the session works for the API too
    browser.post("/logout", data={"csrf": csrf})
    assert SESSION_COOKIE not in browser.cookies
    assert browser.get("/audit").status_code == 303


def test_every_form_needs_its_csrf_token_and_this_origin(history):
    browser = client(history, guard=public_guard())
    csrf = csrf_of(browser.get("/audit").text)
    target = {"target": "https://apps.example.com/a", "profile": "distribution", "marketplace": "auto"}
    assert browser.post("/audit", data=target).status_code == 403
    assert browser.post("/audit", data={**target, "csrf": "other"}).status_code == 403
    foreign = browser.post("/audit", data={**target, "csrf": csrf}, headers={"origin": "https://evil.example"})
    assert foreign.status_code == 403
    cross = browser.post("/audit", data={**target, "csrf": csrf}, headers={"sec-fetch-site": "cross-site"})
    assert cross.status_code == 403
    sent = browser.post("/audit", data={**target, "csrf": csrf})
    assert sent.status_code == 303 and sent.headers["location"] == "/audits/job0"
    refused = browser.post("/audit", data={**target, "target": "http://10.0.0.1/", "csrf": csrf})
    assert refused.status_code == 403 and "private address not allowed" in refused.text


def test_a_session_expires_and_belongs_to_its_token():
    auth = Auth(TOKEN)
    value = auth.session(now=1_000)
    assert auth.valid_session(value, now=1_001)
    assert not auth.valid_session(value, now=1_000 + 13 * 3600)
    assert not Auth(TOKEN + "x").valid_session(value, now=1_001)
    assert not auth.valid_session("99999999999.forged", now=1_001)
    assert not Auth(None).valid_session(value)


def test_loopback_names_and_where_a_login_may_lead():
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.9.9.9"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "10.0.0.1", "example.com", "::"))
    assert [safe_next(p) for p in ("/audit?x=1", "//evil.example/", "https://evil.example/", None, "/\\evil")] == [
        "/audit?x=1", "/", "/", "/", "/"]


def test_serving_beyond_loopback_needs_a_long_token(tmp_path):
    from auditor.config import AuditSettings, CrawlSettings

    base = ServeSettings(tmp_path / "h.sqlite", CrawlSettings(), AuditSettings(), Guard())
    check(base)
    with pytest.raises(UsageError, match="needs a token"):
        check(ServeSettings(**{**base.__dict__, "host": "0.0.0.0"}))
    with pytest.raises(UsageError, match="at least 16 characters"):
        check(ServeSettings(**{**base.__dict__, "host": "0.0.0.0", "token": "short"}))
    check(ServeSettings(**{**base.__dict__, "host": "0.0.0.0", "token": TOKEN}))


def test_a_batch_s_listing_shows_its_name_and_owner_from_the_portfolio(tmp_path):
    out = tmp_path / "portfolio"
    report = out / "listings" / "ledgerline" / "report.json"
    report.parent.mkdir(parents=True)
    rows = [{"target": TARGET, "name": "Ledgerline <b>", "owner": "ann"}]
    (out / "portfolio.json").write_text(json.dumps({"rows": rows}), encoding="utf-8")
    with HistoryStore(tmp_path / "h.sqlite") as store:
        store.add(record(report=str(report)))
        store.add(record(target="https://apps.example.com/cli", report=str(tmp_path / "cli" / "report.json")))
    api = client(tmp_path / "h.sqlite")
    found = {x["target"]: (x["name"], x["owner"]) for x in api.get("/api/listings").json()}
    assert found == {TARGET: ("Ledgerline <b>", "ann"), "https://apps.example.com/cli": (None, None)}
    page = api.get("/").text
    assert "Ledgerline &lt;b&gt;</a>" in page and "<td>ann</td>" in page


def test_an_audit_s_report_is_served_as_html_and_json_where_the_history_says(tmp_path):
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "report.json").write_text('{"schema_version": "2.1"}', encoding="utf-8")
    (kept / "report.html").write_text("<!doctype html><title>report</title>", encoding="utf-8")
    with HistoryStore(tmp_path / "h.sqlite") as store:
        kept_id = store.add(record(report=str(kept / "report.json")))
        gone_id = store.add(record(report=str(tmp_path / "gone" / "report.json")))
    api = client(tmp_path / "h.sqlite")
    html = api.get(f"/reports/{kept_id}")
    assert html.status_code == 200 and html.headers["content-security-policy"].startswith("default-src 'none'")
    assert api.get(f"/reports/{kept_id}.json").json() == {"schema_version": "2.1"}
    assert api.get(f"/reports/{gone_id}").status_code == 404
    assert api.get(f"/reports/{gone_id}.json").status_code == 404
    [latest] = api.get("/api/listings").json()
    assert (latest["report_url"], latest["report_json_url"]) == (f"/reports/{gone_id}", f"/reports/{gone_id}.json")


def test_the_throttle_counts_wrong_tokens_per_address_inside_its_window():
    throttle = Throttle(limit=3, window=60.0, clients=2)
    for second in (0.0, 10.0, 20.0):
        assert throttle.wait("203.0.113.5", second) == 0
        throttle.failed("203.0.113.5", second)
    assert throttle.wait("203.0.113.5", 20.0) == 40  # until the first wrong token is a minute old
    assert throttle.wait("198.51.100.7", 20.0) == 0  # another address is not held back
    assert throttle.wait("203.0.113.5", 60.5) == 0  # the first one left the window
    throttle.failed("203.0.113.5", 61.0)
    assert throttle.wait("203.0.113.5", 61.0) == 9  # the second one (10 s) leaves at 70 s
    for address in ("a", "b", "c"):  # at most two addresses are remembered: the longest quiet goes first
        throttle.failed(address, 62.0)
    assert throttle.wait("203.0.113.5", 62.0) == 0


def test_too_many_wrong_tokens_are_refused_even_the_right_one_but_not_a_session(history):
    browser = client(history, TOKEN)
    csrf = csrf_of(browser.get("/login").text)
    right = browser.post("/login", data={"csrf": csrf, "token": TOKEN, "next": "/"})
    assert right.status_code == 303  # a session, before anyone guesses
    guesser = TestClient(browser.app, base_url=LOCAL, follow_redirects=False)  # the same server, a new cookie jar
    guess_csrf = csrf_of(guesser.get("/login").text)
    for i in range(THROTTLE_LIMIT):
        assert guesser.post("/login", data={"csrf": guess_csrf, "token": f"guess-{i}"}).status_code == 401
    locked = guesser.post("/login", data={"csrf": guess_csrf, "token": TOKEN})
    assert locked.status_code == 429 and 0 < int(locked.headers["retry-after"]) <= THROTTLE_WINDOW
    assert "Too many wrong tokens from this address" in locked.text and SESSION_COOKIE not in guesser.cookies
    answer = guesser.get("/api/listings", headers={"authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 429 and "try again in" in answer.json()["error"]  # bearer tokens count alike
    assert browser.get("/api/listings").status_code == 200  # the session from the same address still works


def test_wrong_bearer_tokens_lock_the_api_out_too(history):
    api = client(history, TOKEN)
    for i in range(THROTTLE_LIMIT):
        assert api.get("/api/listings", headers={"authorization": f"Bearer wrong-{i}"}).status_code == 401
    assert api.get("/api/listings", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 429
    assert api.get("/api/listings").status_code == 401  # no token at all is simply refused, as before
