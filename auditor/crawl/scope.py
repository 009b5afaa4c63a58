"""Which URLs the crawl may contact at all.

Two rules, enforced on every request, redirects and the browser's own sub-requests included:
- the host allowlist (`--allow-host`), when one is given;
- no private, loopback or link-local address is reached from a public target (a listing on the
  internet must not steer the auditor into the network it runs in), unless the user allowed that host.
A target that is itself private or loopback (a local preview, the fixtures) may reach private addresses.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

#: host -> its IP addresses (a seam for tests; the default asks the system resolver)
Resolver = Callable[[str], tuple[str, ...]]


@lru_cache(maxsize=1024)
def system_resolver(host: str) -> tuple[str, ...]:
    """The addresses `host` resolves to; empty when it does not resolve (the fetch then fails as DNS)."""
    try:
        return tuple({str(info[4][0]) for info in socket.getaddrinfo(host, None)})
    except (socket.gaierror, UnicodeError, OSError):
        return ()


def is_private(address: str) -> bool:
    """True for loopback, private, link-local, unspecified and reserved addresses."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_reserved or ip.is_multicast


@dataclass(frozen=True)
class Scope:
    """The hosts and addresses a crawl may contact."""

    allow_hosts: frozenset[str] | None = None
    #: may private addresses be reached? True when the target itself is private (see `for_target`)
    private_ok: bool = True
    resolver: Resolver = field(default=system_resolver, compare=False, repr=False)

    @classmethod
    def for_target(cls, target: str, allow_hosts: frozenset[str] | None, resolver: Resolver = system_resolver) -> Scope:
        """The scope of a crawl that starts at `target`."""
        host = (urlsplit(target).hostname or "").lower()
        addresses = (host,) if _is_ip(host) else resolver(host) if host else ()
        private_target = host == "localhost" or any(is_private(a) for a in addresses)
        return cls(allow_hosts, private_ok=private_target, resolver=resolver)

    def refusal(self, url: str) -> str | None:
        """Why `url` may not be fetched, or None when it may."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return f"scheme not allowed: {parts.scheme or 'none'}"
        host = (parts.hostname or "").lower()
        if not host:
            return "no host in URL"
        if self.allow_hosts is not None:
            return None if host in self.allow_hosts else f"host not allowed: {host}"
        if not self.private_ok:
            addresses = (host,) if _is_ip(host) else self.resolver(host)
            if host == "localhost" or any(is_private(a) for a in addresses):
                return f"private address not allowed from a public target: {host}"
        return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False
