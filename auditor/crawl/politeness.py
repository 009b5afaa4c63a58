"""Per-host politeness shared across crawls: a batch's listings all count against one limit per host.

A single crawl caps its own requests per host (`CrawlSettings.per_host`). A batch runs many crawls at once,
often against the same store host, so it hands every crawl one `HostGate` as well: a request starts only
when both the crawl's own cap and the shared gate allow it. `HostSlots` is the gate; a batch serves one
instance to its worker processes (a multiprocessing manager) or to its Dask tasks (an actor), so the same
limits hold however the batch is spread out.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol


class HostGate(Protocol):
    """Grants request slots per host; `try_acquire` never blocks (callers wait asynchronously)."""

    def try_acquire(self, host: str) -> bool:
        """Take a slot for `host` if one is free and the host's spacing allows it."""

    def release(self, host: str) -> None:
        """Give back a slot taken with `try_acquire`."""


class HostSlots:
    """At most `per_host` requests in flight per host, and at least `min_interval` seconds between starts."""

    def __init__(self, per_host: int, min_interval: float = 0.0) -> None:
        if per_host < 1:
            raise ValueError("per_host must be at least 1")
        self.per_host = per_host
        self.min_interval = min_interval
        self._lock = threading.Lock()
        self._in_flight: dict[str, int] = {}
        self._last_start: dict[str, float] = {}
        self._peak: dict[str, int] = {}

    def try_acquire(self, host: str) -> bool:
        """Take a slot for `host` if one is free and the host's spacing allows it."""
        with self._lock:
            now = time.monotonic()
            if self._in_flight.get(host, 0) >= self.per_host:
                return False
            if self.min_interval and now - self._last_start.get(host, -1e9) < self.min_interval:
                return False
            self._in_flight[host] = self._in_flight.get(host, 0) + 1
            self._last_start[host] = now
            self._peak[host] = max(self._peak.get(host, 0), self._in_flight[host])
            return True

    def release(self, host: str) -> None:
        """Give back a slot taken with `try_acquire`."""
        with self._lock:
            self._in_flight[host] = max(0, self._in_flight.get(host, 0) - 1)

    def peaks(self) -> dict[str, int]:
        """The most requests ever in flight at once, per host (what the tests and the batch summary check)."""
        with self._lock:
            return dict(self._peak)
