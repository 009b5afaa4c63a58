"""The browser obeys the same scope guard as the plain-HTTP path: navigations, redirects, sub-requests, fetches
and WebSockets of a public page never reach a private address.

Two local servers stand in for the two sides: the scope under test takes the first for a public site and the
second for an address inside the network the auditor runs in (as `tests/crawl/test_faults.py` does for the HTTP
path), so the guard is tested without leaving the machine.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from auditor.crawl.browser import BrowserSession, Rendered
from auditor.crawl.scope import Scope


class _Site(BaseHTTPRequestHandler):
    """The "public" site: a redirect inward, and a page whose markup and scripts reach inward."""

    inside = 0

    def do_GET(self) -> None:
        secret = f"http://127.0.0.1:{self.inside}/secret.html"
        if self.path == "/redirect":
            _answer(self, 302, "", {"Location": secret})
        elif self.path == "/page":
            _answer(self, 200, f"""<h1>Public listing</h1><img src="{secret}?img">
                <link rel="stylesheet" href="/style.css">
                <script>fetch("{secret}?fetch").catch(() => {{}});
                try {{ new WebSocket("ws://127.0.0.1:{self.inside}/socket"); }} catch (e) {{}}</script>""")
        elif self.path == "/style.css":  # a sub-request of the public site redirected inward
            _answer(self, 302, "", {"Location": f"{secret}?css"})
        else:
            _answer(self, 404, "not found")

    def log_message(self, *args: object) -> None:
        pass


class _Inside(BaseHTTPRequestHandler):
    """An internal service: it records every request that reaches it."""

    hits: list[str] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        _answer(self, 200, "<h1>SECRET internal page</h1>")

    def log_message(self, *args: object) -> None:
        pass


def _answer(handler: BaseHTTPRequestHandler, status: int, body: str, headers: dict[str, str] | None = None) -> None:
    data = body.encode()
    handler.send_response(status)
    for key, value in {"Content-Type": "text/html", "Content-Length": str(len(data)), **(headers or {})}.items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(data)


class _PublicStandIn(Scope):
    """A public target's scope in which the site's port stands for a public address and any other is private."""

    def __init__(self, public_port: int) -> None:
        super().__init__(None, private_ok=False)
        object.__setattr__(self, "public_port", public_port)

    def refusal(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.port == self.public_port:  # type: ignore[attr-defined]
            return None
        return f"private address not allowed from a public target: {parts.hostname}"


@pytest.fixture
def servers() -> Iterator[tuple[int, list[str]]]:
    inside = ThreadingHTTPServer(("127.0.0.1", 0), _Inside)
    site = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    _Inside.hits = []
    _Site.inside = inside.server_address[1]
    for server in (inside, site):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site.server_address[1], _Inside.hits
    for server in (inside, site):
        server.shutdown()


def render(port: int, path: str) -> Rendered:
    async def go() -> Rendered:
        async with BrowserSession(_PublicStandIn(port), user_agent="test", timeout=10) as session:
            return await session.render(f"http://127.0.0.1:{port}{path}")
    return asyncio.run(go())


def test_a_redirect_into_the_private_network_is_refused_in_the_browser(servers, browser_available) -> None:
    port, hits = servers
    rendered = render(port, "/redirect")
    assert hits == [], "the browser followed the redirect to a private address"
    assert rendered.html is None and rendered.error is not None
    assert "private address not allowed" in rendered.error and "redirected to" in rendered.error


def test_a_public_pages_sub_requests_fetches_and_sockets_never_reach_a_private_address(servers, browser_available):
    port, hits = servers
    rendered = render(port, "/page")
    assert rendered.html is not None and "Public listing" in rendered.html
    assert hits == [], hits
