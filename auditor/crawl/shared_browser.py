"""One Chromium for many crawls in one process (a batch worker): started once, each crawl connecting to it over
the DevTools protocol with a fresh context of its own, so a batch does not pay Chromium's start per listing.

A crawl's context is closed when the crawl ends and the next one starts clean (no cookies, storage or cache
carried over); the scope guard works the same over the connection. The process is stopped when the worker exits.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import multiprocessing.util
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from playwright.async_api import Browser, Playwright, async_playwright
from playwright.sync_api import sync_playwright

from auditor.chromium import HOW_TO_GET_ONE, LAUNCH_ARGS, find_chromium
from auditor.errors import BrowserUnavailable

T = TypeVar("T")

#: how long Chromium may take to say where its DevTools endpoint listens
START_TIMEOUT = 30.0
_ENDPOINT = re.compile(rb"DevTools listening on (ws://\S+)")


class SharedChromium:
    """A headless Chromium this process started, and the DevTools endpoint crawls connect to."""

    def __init__(self) -> None:
        with sync_playwright() as playwright:  # only to learn where Playwright's own Chromium is, if installed
            choice = find_chromium(playwright.chromium.executable_path)
        if choice.executable is None:
            raise BrowserUnavailable(HOW_TO_GET_ONE)
        self._profile = tempfile.mkdtemp(prefix="listing-audit-chromium-")
        self._process = subprocess.Popen(
            [choice.executable, "--headless=new", "--remote-debugging-port=0", f"--user-data-dir={self._profile}",
             *LAUNCH_ARGS, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.endpoint = self._read_endpoint()
        # a worker process of multiprocessing leaves through os._exit, which skips atexit but runs its finalizers
        atexit.register(self.stop)
        multiprocessing.util.Finalize(self, self.stop, exitpriority=10)

    def _read_endpoint(self) -> str:
        """The ws:// endpoint Chromium prints on stderr once it listens (read in a thread, with a deadline)."""
        found: list[str] = []
        assert self._process.stderr is not None
        stderr = self._process.stderr

        def read() -> None:
            for line in stderr:
                match = _ENDPOINT.search(line)
                if match:
                    found.append(match.group(1).decode())
                    break

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(START_TIMEOUT)
        if not found:
            self.stop()
            raise BrowserUnavailable(f"Chromium did not start within {START_TIMEOUT:.0f} s; {HOW_TO_GET_ONE}")
        # keep draining stderr so a chatty Chromium never blocks on a full pipe
        threading.Thread(target=lambda: [None for _ in stderr], daemon=True).start()
        return found[0]

    def alive(self) -> bool:
        """True while the Chromium process runs."""
        return self._process.poll() is None

    def stop(self) -> None:
        """Stop Chromium and remove its profile folder."""
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(5)
            except subprocess.TimeoutExpired:
                self._process.kill()
        shutil.rmtree(self._profile, ignore_errors=True)


class DriverHost:
    """A Playwright driver connected to a shared Chromium, on an event loop of its own (a daemon thread), kept for
    every crawl of the process: a crawl then opens only a fresh context through it. Starting the driver and
    connecting cost about 0.5 s a listing when each crawl did it on its own event loop.
    """

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="listing-audit-browser", daemon=True)
        self._thread.start()
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        try:
            self._browser = self.call_soon(self._connect()).result(START_TIMEOUT)
        except BaseException:
            self.stop()  # a driver that could not connect leaves no thread or driver process behind
            raise
        atexit.register(self.stop)

    async def _connect(self) -> Browser:
        self._playwright = await async_playwright().start()
        return await self._playwright.chromium.connect_over_cdp(self.endpoint)

    @property
    def browser(self) -> Browser:
        """The connected Chromium (every object made from it lives on the driver's loop)."""
        assert self._browser is not None, "set when the host was made"
        return self._browser

    def call_soon(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Run `coro` on the driver's loop (where every object of this browser lives)."""
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    async def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Await `coro` on the driver's loop from another event loop (a crawl's); cancelling the caller cancels it."""
        return await asyncio.wrap_future(self.call_soon(coro))

    def alive(self) -> bool:
        """True while the driver's loop runs and the browser is connected."""
        return self._thread.is_alive() and self.browser.is_connected()

    def stop(self) -> None:
        """Disconnect, stop the driver and its loop (the shared Chromium itself keeps running)."""
        if not self._loop.is_running():
            return

        async def shut() -> None:
            # each on its own: a connection or a driver that is already gone has nothing to close
            if self._browser is not None:
                with contextlib.suppress(Exception):
                    await self._browser.close()
            if self._playwright is not None:
                with contextlib.suppress(Exception):
                    await self._playwright.stop()

        with contextlib.suppress(Exception):
            self.call_soon(shut()).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


#: the driver host of each shared Chromium this process connected to (a worker has one)
_HOSTS: dict[str, DriverHost] = {}
_HOSTS_LOCK = threading.Lock()


def driver_host(endpoint: str) -> DriverHost:
    """This process's driver for the Chromium at `endpoint`, started on first use and again if it went away.

    Kept per process rather than passed down: a crawl's settings travel between processes, a driver cannot.
    """
    with _HOSTS_LOCK:
        host = _HOSTS.get(endpoint)
        if host is None or not host.alive():
            if host is not None:
                host.stop()
            host = _HOSTS[endpoint] = DriverHost(endpoint)
        return host
