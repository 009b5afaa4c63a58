"""Failing networks and hostile bodies: each is recorded with a clear outcome, none crashes the run."""

from __future__ import annotations

import asyncio
import time

import pytest

from auditor.config import CrawlSettings
from auditor.crawl import crawl
from auditor.crawl.http import Fetched, HttpFetcher, link_outcome
from auditor.crawl.scope import Scope
from tests.faults import fault_server


@pytest.fixture(scope="module")
def faults():
    with fault_server() as served:
        yield served


def get(base: str, path: str, **kw) -> tuple[Fetched, float]:
    fetcher = HttpFetcher(Scope(frozenset({"127.0.0.1"})), user_agent="t", timeout=kw.get("timeout", 1.5),
                          max_bytes=5_000_000, max_redirects=5, per_host=4, retries=kw.get("retries", 1))

    async def run() -> Fetched:
        try:
            return await fetcher.get(base + path)
        finally:
            await fetcher.aclose()

    started = time.monotonic()
    return asyncio.run(run()), time.monotonic() - started


@pytest.mark.slow  # waits out a deadline / a Retry-After on purpose
def test_a_trickling_response_times_out_on_the_whole_response_deadline(faults):
    fetched, took = get(faults[0], "/trickle", retries=0)
    assert fetched.error == "timeout" and link_outcome(fetched) == "timeout"
    assert took < 4, "the deadline covers the whole response, not each read"


def test_a_reset_connection_is_a_connection_failure(faults):
    fetched, _ = get(faults[0], "/reset", retries=0)
    assert fetched.error and fetched.error.startswith("connection failed") and link_outcome(fetched) == "error"


def test_a_server_error_is_retried_once_then_recorded(faults):
    base, hits = faults
    fetched, _ = get(base, "/error")
    assert fetched.status == 500 and hits["/error"] == 2 and link_outcome(fetched) == "error"


@pytest.mark.slow  # waits out a deadline / a Retry-After on purpose
def test_429_with_retry_after_is_honoured(faults):
    base, hits = faults
    fetched, took = get(base, "/busy")
    assert fetched.status == 200 and hits["/busy"] == 2 and took >= 1.0
    assert link_outcome(Fetched("u", "u", status=429)) == "blocked", "a rate limit is unverified, not broken"


def test_redirect_loops_and_long_chains_stop_at_the_limit(faults):
    base = faults[0]
    assert get(base, "/loop")[0].error == "more than 5 redirects"
    assert get(base, "/chain/8")[0].error == "more than 5 redirects"
    short, _ = get(base, "/chain/3")
    assert short.status == 200 and short.final_url.endswith("/chain/0")


def test_a_redirect_into_the_private_network_is_refused(faults):
    base = faults[0]

    class PublicTest(Scope):  # the fault server stands in for a public site: only the redirect's target is judged
        def refusal(self, url: str) -> str | None:
            return None if url.startswith(base) else super().refusal(url)

    fetcher = HttpFetcher(PublicTest(private_ok=False), user_agent="t", timeout=2, max_bytes=10**6, max_redirects=5,
                          per_host=2, retries=0)

    async def run() -> Fetched:
        try:
            return await fetcher.get(base + "/to-private")
        finally:
            await fetcher.aclose()

    fetched = asyncio.run(run())
    assert fetched.error == "private address not allowed from a public target: 10.0.0.1"
    assert fetched.final_url == "http://10.0.0.1/admin" and link_outcome(fetched) == "skipped", "out of scope"


def test_a_redirect_to_a_malformed_url_is_recorded_not_fatal(faults):
    fetched, _ = get(faults[0], "/badredirect")
    assert fetched.error in ("redirect to a malformed URL",
                             "connection failed: RemoteProtocolError: Invalid URL in location header: "
                             "Invalid port: ':1'.")
    assert link_outcome(fetched) == "error"


def test_a_tls_error_is_an_error_outcome(tmp_path):
    import shutil
    import ssl
    import subprocess
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a self-signed certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    server = HTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.handle_request, daemon=True).start()
    try:
        fetched, _ = get(f"https://127.0.0.1:{server.server_address[1]}", "/", retries=0)
    finally:
        server.server_close()
    assert fetched.error and fetched.error.startswith("connection failed") and "CERTIFICATE" in fetched.error.upper()
    assert link_outcome(fetched) == "error", "a TLS failure is not 'broken': the page may be fine"


def test_a_dns_failure_is_broken():
    failure = Fetched("https://gone.example/", "https://gone.example/",
                      error="connection failed: [Errno -2] Name or service not known")
    assert link_outcome(failure) == "broken"


def test_huge_pages_and_decompression_bombs_are_capped(faults):
    base = faults[0]
    huge, _ = get(base, "/huge")
    assert huge.error and huge.error.startswith("page larger than") and huge.text is None
    bomb, took = get(base, "/bomb", timeout=10)
    assert bomb.error and "after decompression" in bomb.error and took < 10


def test_binary_served_as_html_is_refused(faults):
    fetched, _ = get(faults[0], "/binary")
    assert fetched.error == "binary body served as HTML" and fetched.text is None


@pytest.mark.parametrize("path, expected", [("/cp1252", "Café costs 5 €"), ("/sjis", "日本語のドキュメント"),
                                            ("/bom", "naïve café")])
def test_charsets_from_header_meta_or_bom(faults, path, expected):
    fetched, _ = get(faults[0], path)
    assert fetched.text is not None and expected in fetched.text and not fetched.text.startswith("\ufeff")


def test_a_crawl_trap_is_bounded_and_every_other_page_is_still_audited(faults):
    base = faults[0]
    snapshot = crawl(f"{base}/listing", CrawlSettings(use_browser=False, allow_hosts=frozenset({"127.0.0.1"}),
                                                        max_pages=15, max_depth=50, timeout=2, retries=0))
    pages = {p.url.replace(base, ""): p for p in snapshot.pages}
    assert len(snapshot.pages) <= 15 and any("page limit" in w for w in snapshot.warnings)
    assert pages["/ok"].status == 200, "the privacy page is still audited"
    assert (pages["/reset"].error or "").startswith("connection failed"), "the failed support page is recorded"


@pytest.mark.parametrize("content_type", ["text/html; charset=UTF-8", 'text/html;charset="shift_jis"', "text/html",
                                          None, "", "garbage;;;=", "text/html; CHARSET=latin-1", "text/html; charset="])
def test_the_memoised_charset_reads_the_header_as_aiohttp_does(content_type: str | None) -> None:
    from aiohttp.helpers import HeadersMixin
    from multidict import CIMultiDict, CIMultiDictProxy

    from auditor.crawl.http import _charset_in

    class Response(HeadersMixin):
        def __init__(self, value: str | None) -> None:
            self._headers = CIMultiDictProxy(CIMultiDict({} if value is None else {"Content-Type": value}))

    try:
        expected = Response(content_type).charset
    except (LookupError, ValueError):
        expected = None
    assert _charset_in(content_type) == expected
