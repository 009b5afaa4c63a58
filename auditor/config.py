"""Settings of a run: crawl bounds and politeness, and the audit's choices (profile, marketplace)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from auditor import __version__

USER_AGENT = f"listing-auditor/{__version__} (+https://github.com/listing-auditor/listing-auditor)"


@dataclass(frozen=True)
class CrawlSettings:
    """Bounds and politeness of one crawl; the defaults suit a listing with a docs site of ~100 pages."""

    max_pages: int = 100
    max_depth: int = 3
    max_bytes: int = 5_000_000
    timeout: float = 15.0
    budget: float = 180.0
    max_redirects: int = 5
    concurrency: int = 8
    per_host: int = 4
    retries: int = 1
    max_links: int = 300
    use_browser: bool = True
    respect_robots: bool = True
    #: hosts that may be contacted at all (None = any); tests and the demo pin this to loopback
    allow_hosts: frozenset[str] | None = None
    user_agent: str = USER_AGENT
    #: below this many characters of visible text a static page is re-rendered in the browser
    js_shell_chars: int = 200


@dataclass(frozen=True)
class AuditSettings:
    """What to audit against: the scoring profile, the marketplace, and the audit date."""

    profile: str = "distribution"
    marketplace: str = "generic"
    today: date = field(default_factory=date.today)
