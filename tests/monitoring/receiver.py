"""A real webhook receiver on 127.0.0.1 for the alert tests: it records every post, and answers 200, answers 500,
or accepts the connection and never answers."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Literal

Mode = Literal["ok", "error", "silent"]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.posts.append((self.path, dict(self.headers), json.loads(body)))
        status = 200 if self.server.mode == "ok" else 500
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok" if status == 200 else b"no")

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    posts: list[tuple[str, dict[str, str], Any]]
    mode: Mode


class Receiver:
    """`with Receiver("ok") as hook:` serves on a free port; `hook.url` has a secret-looking path."""

    def __init__(self, mode: Mode = "ok") -> None:
        self.mode = mode
        self.connections = 0
        if mode == "silent":  # accepts and reads, never answers: the client's timeout must end it
            self._socket = socket.create_server(("127.0.0.1", 0))
            self._held: list[socket.socket] = []
            self._thread = threading.Thread(target=self._hold, daemon=True)
            port = self._socket.getsockname()[1]
        else:
            self._server = _Server(("127.0.0.1", 0), _Handler)
            self._server.posts, self._server.mode = [], mode
            self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
            port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{port}/services/T0001/B0002/s3cr3tT0ken"

    @property
    def posts(self) -> list[tuple[str, dict[str, str], Any]]:
        """(path, headers, JSON body) of every post answered so far."""
        return [] if self.mode == "silent" else self._server.posts

    def _hold(self) -> None:
        self._socket.settimeout(0.2)
        while not getattr(self, "_stop", False):
            try:
                conn, _ = self._socket.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            self._held.append(conn)

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self.mode == "silent":
            self._stop = True
            self._thread.join(2)
            for conn in self._held:
                conn.close()
            self._socket.close()
        else:
            self._server.shutdown()
            self._server.server_close()
