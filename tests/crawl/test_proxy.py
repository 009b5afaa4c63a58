"""The crawl honours the environment's HTTP proxy settings (HTTP_PROXY, NO_PROXY), looked up once per host."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from auditor.crawl.http import Fetched, HttpFetcher
from auditor.crawl.scope import Scope

PAGE = b"<!doctype html><title>Via the proxy</title><p>Served by the proxy.</p>"


@contextmanager
def recording_server() -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 that answers every GET with PAGE and records each request line's target."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def fetch_all(urls: list[str], hosts: set[str]) -> list[Fetched]:
    fetcher = HttpFetcher(Scope(frozenset(hosts)), user_agent="t", timeout=5, max_bytes=10**6, max_redirects=2,
                          per_host=2, retries=0)

    async def run() -> list[Fetched]:
        try:
            return [await fetcher.get(url) for url in urls]
        finally:
            await fetcher.aclose()

    return asyncio.run(run())


def test_requests_go_through_the_proxy_the_environment_names(monkeypatch):
    with recording_server() as (proxy, seen):
        for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "http_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", proxy)
        urls = ["http://docs.localhost/start", "http://docs.localhost/setup"]
        fetched = fetch_all(urls, {"docs.localhost"})
    assert [f.status for f in fetched] == [200, 200]
    assert all("Served by the proxy" in (f.text or "") for f in fetched)
    assert seen == urls, "a proxy is asked for the absolute URL"


def test_no_proxy_exempts_a_host(monkeypatch):
    with recording_server() as (site, seen):
        for name in ("HTTPS_PROXY", "https_proxy", "http_proxy", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # the discard port: nothing answers there
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        fetched = fetch_all([site + "/direct"], {"127.0.0.1"})
    assert fetched[0].status == 200 and fetched[0].error is None
    assert seen == ["/direct"], "the host was reached directly, not through the proxy"
