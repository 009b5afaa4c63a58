"""One Chromium for many crawls in one process (a batch worker): started once, each crawl connecting to it over
the DevTools protocol with a fresh context of its own, so a batch does not pay Chromium's start per listing.

A crawl's context is closed when the crawl ends and the next one starts clean (no cookies, storage or cache
carried over); the scope guard works the same over the connection. The process is stopped when the worker exits.
"""

from __future__ import annotations

import atexit
import multiprocessing.util
import re
import shutil
import subprocess
import tempfile
import threading

from playwright.sync_api import sync_playwright

from auditor.chromium import HOW_TO_GET_ONE, LAUNCH_ARGS, find_chromium
from auditor.errors import BrowserUnavailable

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
