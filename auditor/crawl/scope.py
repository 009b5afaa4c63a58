"""Which URLs the crawl may contact at all."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


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
