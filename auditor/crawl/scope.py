"""Which URLs the crawl may contact at all, and URL normalisation for dedupe."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Scope:
    """A host allowlist (None = any public host) enforced on every request, redirects included."""

    allow_hosts: frozenset[str] | None = None

    def refusal(self, url: str) -> str | None:
        """Why `url` may not be fetched, or None when it may."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return f"scheme not allowed: {parts.scheme or 'none'}"
        host = (parts.hostname or "").lower()
        if not host:
            return "no host in URL"
        if self.allow_hosts is not None and host not in self.allow_hosts:
            return f"host not allowed: {host}"
        return None


def normalise(url: str) -> str:
    """A canonical form for dedupe: no fragment, lower-case scheme and host, no default port."""
    url, _ = urldefrag(url.strip())
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(parts.scheme.lower()) == port else f"{host}:{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def host_of(url: str) -> str:
    """The host and non-default port of `url` ("docs.example.com", "127.0.0.1:8000")."""
    return urlsplit(normalise(url)).netloc


def directory_of(url: str) -> str:
    """The directory part of a URL's path ("/docs/setup/x.html" -> "/docs/setup/")."""
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
