"""A static server for the bundled fixture sites on 127.0.0.1, used by `listing-audit demo` and the tests.

Dates in fixtures are written as tokens (`{{date:-12}}`, `{{date:-12:long}}`) and filled in at serve
time relative to today, so a "recent" review stays recent and a stale page stays stale.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import socket
import sys
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

FIXTURES_ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "sites"
#: the complete draft listing of the README (a listing.toml, its assets and its Markdown docs)
DRAFT_EXAMPLE = FIXTURES_ROOT.parent / "drafts" / "ledgerline"
_DATE_TOKEN = re.compile(r"\{\{date:(-?\d+)(?::(long|iso))?\}\}")
_TEXT_SUFFIXES = (".html", ".htm", ".json", ".xml", ".txt")


def fill_dates(text: str, today: date) -> str:
    """Replace every `{{date:N[:long]}}` token with the date N days from `today`."""
    def one(match: re.Match[str]) -> str:
        day = today + timedelta(days=int(match.group(1)))
        return f"{day:%B} {day.day}, {day.year}" if match.group(2) == "long" else day.isoformat()
    return _DATE_TOKEN.sub(one, text)


def dated_copy(source: Path, folder: Path, today: date) -> Path:
    """A copy of a fixture folder with its date tokens filled in, as a vendor's repo has real dates; returns it."""
    shutil.copytree(source, folder)
    for path in folder.rglob("*"):
        if path.suffix in (".md", ".toml", *_TEXT_SUFFIXES):
            path.write_text(fill_dates(path.read_text(encoding="utf-8"), today), encoding="utf-8")
    return folder


#: the pages of the `strong` fixture that `degrade` removes: its docs reorganised without redirects
DEGRADED_PAGES = ("docs/changelog.html", "docs/getting-started.html", "docs/permissions.html", "docs/setup")
_PRIVACY_ITEM = re.compile(r'\s*<li><a href="[^"]*" data-link="privacy">[^<]*</a></li>')


def degrade(strong: Path) -> None:
    """Age a copy of the `strong` fixture in place, some months on: the setup guide, changelog, permissions and
    getting-started pages answer 404 and the listing has dropped its privacy link (monitoring's "worse" case)."""
    for page in DEGRADED_PAGES:
        path = strong / page
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    listing = strong / "listing" / "index.html"
    listing.write_text(_PRIVACY_ITEM.sub("", listing.read_text(encoding="utf-8"), count=1), encoding="utf-8")


class _Handler(SimpleHTTPRequestHandler):
    server: _Server
    # keep-alive, as every real docs host offers: a crawl then reuses its connections; without Nagle, or the
    # headers and the body (two writes) wait out the client's 40 ms delayed ACK on every response
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        self.server.started.append(time.monotonic())
        with self.server.lock:
            self.server.in_flight += 1
            self.server.peak_in_flight = max(self.server.peak_in_flight, self.server.in_flight)
        try:
            if self.server.latency:
                time.sleep(self.server.latency)
        finally:
            # counted out before the response goes back: the client's slot is then surely still held, so a
            # request the client starts on receiving it is never counted alongside this one
            with self.server.lock:
                self.server.in_flight -= 1
        self._serve()

    def _serve(self) -> None:
        if self.server.gate is not None and not self.server.gate(self.path, self.headers.get("Cookie", "")):
            self.send_error(401, "Sign in to the partner portal to see this preview")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in _TEXT_SUFFIXES and path.is_file():
            body = fill_dates(path.read_text(encoding="utf-8"), date.today()).encode("utf-8")
            # an ETag of what is served (dates filled in), as real docs hosts send, so caches can revalidate
            etag = f'"{hashlib.sha1(body).hexdigest()}"'
            if etag in self.headers.get("If-None-Match", ""):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            content_type = self.guess_type(str(path))
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass  # the tests and the demo read `requests` instead of a log on stderr


#: (path, Cookie header) -> may this request be served? For tests of authenticated previews.
Gate = Callable[[str, str], bool]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default 5 drops connections a 16-way concurrent crawl opens at once

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        # a client that closes a kept-alive connection is normal, not worth a traceback on stderr
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)
    requests: list[str]
    started: list[float]
    gate: Gate | None
    latency: float
    lock: threading.Lock
    in_flight: int
    peak_in_flight: int


class FixtureServer:
    """Serves `root` on 127.0.0.1 on a free port in a background thread."""

    def __init__(self, root: Path = FIXTURES_ROOT, host: str = "127.0.0.1", port: int = 0,
                 gate: Gate | None = None, latency: float = 0.0) -> None:
        self._server = _Server((host, port), partial(_Handler, directory=str(root)))
        self._server.requests = []
        self._server.started = []
        self._server.gate = gate
        self._server.latency = latency  # seconds each response waits, as a distant server would
        self._server.lock = threading.Lock()
        self._server.in_flight = self._server.peak_in_flight = 0
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:41234."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def requests(self) -> list[str]:
        """Every path requested so far, in order."""
        return self._server.requests

    @property
    def request_times(self) -> list[float]:
        """When each request arrived (time.monotonic()), in order."""
        return self._server.started

    @property
    def peak_in_flight(self) -> int:
        """The most requests this server was ever answering at once (what politeness limits)."""
        return self._server.peak_in_flight

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
