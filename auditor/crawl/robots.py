"""robots.txt, fetched once per host and read with protego."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

from protego import Protego

from auditor.crawl.http import HttpFetcher


class RobotsCache:
    """Answers "may we fetch this URL?" per host; a missing or unreadable robots.txt allows all."""

    def __init__(self, fetcher: HttpFetcher, user_agent: str) -> None:
        self._fetcher = fetcher
        self._agent = user_agent.split("/", 1)[0]
        self._rules: dict[str, Protego | None] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def allowed(self, url: str) -> bool:
        """True when robots.txt of the URL's host lets our user agent fetch it."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._rules:
                self._rules[origin] = await self._load(origin)
        rules = self._rules[origin]
        return True if rules is None else rules.can_fetch(url, self._agent)

    async def _load(self, origin: str) -> Protego | None:
        fetched = await self._fetcher.get(origin + "/robots.txt", any_type=True)
        if fetched.error or fetched.status != 200 or not fetched.text:
            return None
        return Protego.parse(fetched.text)
