"""A static server for the bundled fixture sites on 127.0.0.1, used by `listing-audit demo` and the tests.

Dates in fixtures are written as tokens (`{{date:-12}}`, `{{date:-12:long}}`) and filled in at serve
time relative to today, so a "recent" review stays recent and a stale page stays stale.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

FIXTURES_ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "sites"
_DATE_TOKEN = re.compile(r"\{\{date:(-?\d+)(?::(long|iso))?\}\}")
_TEXT_SUFFIXES = (".html", ".htm", ".json", ".xml", ".txt")


def fill_dates(text: str, today: date) -> str:
    """Replace every `{{date:N[:long]}}` token with the date N days from `today`."""
    def one(match: re.Match[str]) -> str:
        day = today + timedelta(days=int(match.group(1)))
        return f"{day:%B} {day.day}, {day.year}" if match.group(2) == "long" else day.isoformat()
    return _DATE_TOKEN.sub(one, text)


class _Handler(SimpleHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.server.requests.append(self.path)
        if self.server.gate is not None and not self.server.gate(self.path, self.headers.get("Cookie", "")):
            self.send_error(401, "Sign in to the partner portal to see this preview")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in _TEXT_SUFFIXES and path.is_file():
            body = fill_dates(path.read_text(encoding="utf-8"), date.today()).encode("utf-8")
            self.send_response(200)
            content_type = self.guess_type(str(path))
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # the tests and the demo read `requests` instead of a log on stderr


#: (path, Cookie header) -> may this request be served? For tests of authenticated previews.
Gate = Callable[[str, str], bool]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default 5 drops connections a 16-way concurrent crawl opens at once
    requests: list[str]
    gate: Gate | None


class FixtureServer:
    """Serves `root` on 127.0.0.1 on a free port in a background thread."""

    def __init__(self, root: Path = FIXTURES_ROOT, host: str = "127.0.0.1", port: int = 0,
                 gate: Gate | None = None) -> None:
        self._server = _Server((host, port), partial(_Handler, directory=str(root)))
        self._server.requests = []
        self._server.gate = gate
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:41234."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def requests(self) -> list[str]:
        """Every path requested so far, in order."""
        return self._server.requests

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
