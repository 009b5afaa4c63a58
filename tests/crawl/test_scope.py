"""Scope: the allowlist, and no private address reached from a public target (redirects included)."""

from __future__ import annotations

import asyncio

from auditor.crawl.http import HttpFetcher
from auditor.crawl.scope import Scope, is_private

DNS = {"listing.example": ("93.184.216.34",), "docs.example": ("93.184.216.35",),
       "intranet.example": ("10.1.2.3",), "rebind.example": ("93.184.216.36", "127.0.0.1")}


def fake_resolver(host: str) -> tuple[str, ...]:
    return DNS.get(host, ())


def test_private_addresses_are_refused_from_a_public_target():
    scope = Scope.for_target("https://listing.example/app", None, fake_resolver)
    assert not scope.private_ok
    assert scope.refusal("https://docs.example/setup") is None
    for url in ("http://127.0.0.1:8080/admin", "http://10.0.0.5/", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/", "http://localhost/", "https://intranet.example/wiki", "https://rebind.example/"):
        assert "private address not allowed" in (scope.refusal(url) or ""), url


def test_a_private_target_may_reach_private_addresses():
    scope = Scope.for_target("http://127.0.0.1:8000/listing/", None, fake_resolver)
    assert scope.private_ok and scope.refusal("http://127.0.0.1:9000/docs") is None
    assert Scope.for_target("http://localhost:3000/", None, fake_resolver).private_ok


def test_an_explicit_allowlist_decides_alone():
    scope = Scope.for_target("https://listing.example/app", frozenset({"listing.example", "127.0.0.1"}), fake_resolver)
    assert scope.refusal("http://127.0.0.1/x") is None, "the user allowed it"
    assert scope.refusal("https://docs.example/") == "host not allowed: docs.example"
    assert scope.refusal("javascript:alert(1)") == "scheme not allowed: javascript"
    assert scope.refusal("file:///etc/passwd") == "scheme not allowed: file"


def test_a_request_into_the_private_network_is_never_sent(server):
    # the "public" scope here treats the fixture server's loopback address as private, as a public target would
    scope = Scope(private_ok=False)
    fetcher = HttpFetcher(scope, user_agent="t", timeout=5, max_bytes=10**6, max_redirects=5, per_host=2, retries=0)

    async def fetch() -> str | None:
        try:
            return (await fetcher.get(f"{server.url}/strong/listing/")).error
        finally:
            await fetcher.aclose()

    before = len(server.requests)
    assert "private address not allowed" in (asyncio.run(fetch()) or "")
    assert len(server.requests) == before, "the request was never sent"


def test_is_private_covers_the_ranges():
    assert all(is_private(a) for a in ("127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.1.1", "::1",
                                       "fe80::1", "0.0.0.0"))
    assert not any(is_private(a) for a in ("93.184.216.34", "2606:4700:4700::1111"))
