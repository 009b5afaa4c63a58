"""A fault-injecting HTTP server on 127.0.0.1: slow, broken, hostile and tricky responses, one path each."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = "<!doctype html><html><head><title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>"
BOMB = gzip.compress(b"<p>" + b"A" * 50_000_000 + b"</p>", compresslevel=9)  # ~50 KB that inflates to 50 MB


class _Faults(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.hits[path] += 1
        handler = getattr(self, "_" + path.strip("/").split("/", 1)[0].replace("-", "_"), None)
        if handler is None:
            return self._send(404, PAGE.format(title="Not found", body="").encode())
        handler(path)

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _ok(self, path: str) -> None:
        self._send(200, PAGE.format(title="Fine", body="<p>All good.</p>").encode())

    def _trickle(self, path: str) -> None:
        body = PAGE.format(title="Slow", body="<p>" + "x" * 200 + "</p>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for byte in body:  # a byte every 0.2 s: each read is quick, the whole response takes a minute
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _reset(self, path: str) -> None:
        self.connection.shutdown(2)  # the connection drops before any response

    def _error(self, path: str) -> None:
        self._send(500, PAGE.format(title="Server error", body="").encode())

    def _busy(self, path: str) -> None:
        if self.server.hits[path] == 1:
            return self._send(429, b"slow down", "text/plain", Retry_After="1")
        self._ok(path)

    def _badredirect(self, path: str) -> None:
        self._send(302, b"", Location="http://[::1/broken")

    def _to_private(self, path: str) -> None:
        self._send(302, b"", Location="http://10.0.0.1/admin")

    def _loop(self, path: str) -> None:
        self._send(302, b"", Location="/loop")

    def _chain(self, path: str) -> None:
        hops = int(path.rsplit("/", 1)[-1])
        if hops == 0:
            return self._ok(path)
        self._send(302, b"", Location=f"/chain/{hops - 1}")

    def _huge(self, path: str) -> None:
        self._send(200, PAGE.format(title="Huge", body="<p>" + "word " * 1_300_000 + "</p>").encode())

    def _bomb(self, path: str) -> None:
        self._send(200, BOMB, Content_Encoding="gzip")

    def _binary(self, path: str) -> None:
        self._send(200, bytes(range(256)) * 64, "text/html")

    def _cp1252(self, path: str) -> None:
        body = ('<html><head><meta charset="windows-1252"><title>Café</title></head>'
                '<body><main><p>Café costs 5 €.</p></main></body></html>')
        self._send(200, body.encode("cp1252"), "text/html")

    def _sjis(self, path: str) -> None:
        self._send(200, PAGE.format(title="日本語", body="<p>日本語のドキュメント</p>").encode("shift_jis"),
                   "text/html; charset=Shift_JIS")

    def _bom(self, path: str) -> None:
        self._send(200, "\ufeff".encode() + PAGE.format(title="Naïve", body="<p>naïve café</p>").encode(), "text/html")

    def _calendar(self, path: str) -> None:
        month = int(path.rsplit("/", 1)[-1])  # an endless calendar: every month links to the next
        body = f'<p>Events of month {month}.</p><a href="/calendar/{month + 1}">Next month</a>'
        self._send(200, PAGE.format(title=f"Calendar {month}", body=body).encode())

    def _nostore(self, path: str) -> None:
        self._send(200, PAGE.format(title="Private", body="<p>Account data.</p>").encode(), ETag='"v1"',
                   Cache_Control="no-store")

    def _dated(self, path: str) -> None:  # validates with Last-Modified only, as many static hosts do
        stamp = "Wed, 04 Nov 2026 10:00:00 GMT"
        if self.headers.get("If-Modified-Since") == stamp:
            self.send_response(304)
            self.end_headers()
            return
        self._send(200, PAGE.format(title="Dated", body="<p>Static page.</p>").encode(), Last_Modified=stamp)

    def _slowdocs(self, path: str) -> None:  # a listing whose docs page trickles for a minute
        body = '<a href="/trickle">Documentation</a><a href="/ok">Privacy policy</a>'
        self._send(200, PAGE.format(title="Listing with slow docs", body=body).encode())

    def _listing(self, path: str) -> None:
        body = '<a href="/calendar/1">Documentation</a><a href="/ok">Privacy policy</a><a href="/reset">Support</a>'
        self._send(200, PAGE.format(title="Trap listing", body=body).encode())


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64
    hits: Counter[str]


@contextmanager
def fault_server() -> Iterator[tuple[str, Counter[str]]]:
    """The server's base URL and its hit counter per path."""
    server = _Server(("127.0.0.1", 0), _Faults)
    server.hits = Counter()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.hits
    finally:
        server.shutdown()
        server.server_close()
