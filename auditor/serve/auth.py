"""Who may use the dashboard: anyone on this machine when it listens on loopback without a token; with a token,
whoever sends it as a bearer token or holds the session cookie the login form sets. Every form carries a CSRF token
(a double-submit cookie), and a form posted from another origin is refused.

The session cookie is stateless: its expiry signed with a key derived from the token, so a new token ends every
session and a restart ends none.

Wrong tokens are throttled by client address (`Throttle`): after ten within five minutes, that address's token
attempts (login form or bearer) are refused with 429 and Retry-After, the right token included, so guessing cannot
go on at full speed and learn the answer from the one that passes. A request with a live session cookie is never
throttled.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import secrets
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from auditor.formatting import duration

SESSION_COOKIE = "listing_audit_session"
CSRF_COOKIE = "listing_audit_csrf"
CSRF_FIELD = "csrf"
#: how long a login lasts
SESSION_SECONDS = 12 * 3600
#: a token shorter than this is refused: it would be guessed
MIN_TOKEN = 16
#: pages anyone may open: the login form itself and the dashboard's own script
OPEN_PATHS = ("/login", "/static/")
LOOPBACK_NAMES = ("localhost",)
#: wrong tokens one client address may send within THROTTLE_WINDOW seconds before its attempts are refused
THROTTLE_LIMIT = 10
THROTTLE_WINDOW = 300.0
#: client addresses remembered at most (the longest quiet forgotten first): a flood of addresses cannot grow it
THROTTLE_CLIENTS = 10_000


def is_loopback(host: str) -> bool:
    """`host` (a name or an address, IPv6 with or without brackets) is this machine only."""
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Auth:
    """The server's token (None: no login, loopback only)."""

    token: str | None = None

    @property
    def required(self) -> bool:
        """Requests must prove they know the token."""
        return self.token is not None

    def has_session(self, conn: HTTPConnection, now: float | None = None) -> bool:
        """No token is set, or the request carries a live session cookie (a bearer token is `matches`'s)."""
        return self.token is None or self.valid_session(conn.cookies.get(SESSION_COOKIE, ""), now)

    def matches(self, given: str) -> bool:
        """`given` is the token (compared in constant time)."""
        return self.token is not None and hmac.compare_digest(given.strip().encode(), self.token.encode())

    def session(self, now: float | None = None) -> str:
        """A new session cookie's value: its expiry and the signature of it."""
        expires = str(int((time.time() if now is None else now) + SESSION_SECONDS))
        return f"{expires}.{self._sign(expires)}"

    def valid_session(self, value: str, now: float | None = None) -> bool:
        """The cookie was signed with this token and has not expired."""
        expires, _, signature = value.partition(".")
        if self.token is None or not expires.isdigit() or not signature:
            return False
        if not hmac.compare_digest(signature, self._sign(expires)):
            return False
        return int(expires) > (time.time() if now is None else now)

    def _sign(self, text: str) -> str:
        assert self.token is not None
        key = hashlib.sha256(b"listing-audit session\0" + self.token.encode()).digest()
        return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


@dataclass
class Throttle:
    """Wrong tokens by client address: after `limit` within `window` seconds, the address may try again only once
    the oldest of them is `window` old. In memory (a restart forgets) and bounded to `clients` addresses.

    Behind a reverse proxy every client has the proxy's address, so the limit then holds for all of them at once.
    """

    limit: int = THROTTLE_LIMIT
    window: float = THROTTLE_WINDOW
    clients: int = THROTTLE_CLIENTS
    _failures: OrderedDict[str, deque[float]] = field(default_factory=OrderedDict, repr=False)

    def wait(self, client: str, now: float | None = None) -> int:
        """Whole seconds before `client` may try a token again (0: it may now)."""
        now = time.monotonic() if now is None else now
        times = self._recent(client, now)
        if len(times) < self.limit:
            return 0
        return max(1, math.ceil(times[0] + self.window - now))

    def failed(self, client: str, now: float | None = None) -> None:
        """Note a wrong token from `client`."""
        now = time.monotonic() if now is None else now
        times = self._recent(client, now)
        times.append(now)
        self._failures[client] = times
        self._failures.move_to_end(client)
        while len(self._failures) > self.clients:
            self._failures.popitem(last=False)

    def _recent(self, client: str, now: float) -> deque[float]:
        """`client`'s wrong tokens still inside the window (only the last `limit` are kept)."""
        times = self._failures.get(client) or deque(maxlen=self.limit)
        while times and times[0] <= now - self.window:
            times.popleft()
        return times


def try_token(auth: Auth, throttle: Throttle, client: str, given: str) -> tuple[bool, int]:
    """A token `client` sent (by the login form or as a bearer token): whether it is accepted, and the seconds the
    client must wait when it is throttled. A throttled client is refused whatever it sent, the right token included,
    so guessing learns nothing from the one that passes; a wrong token is counted."""
    if wait := throttle.wait(client):
        return False, wait
    if auth.matches(given):
        return True, 0
    throttle.failed(client)
    return False, 0


def too_many(wait: int) -> str:
    """What a throttled client is told."""
    return f"Too many wrong tokens from this address; try again in {duration(wait)}."


def client_address(conn: HTTPConnection) -> str:
    """The address the request came from ("" when the server does not know it)."""
    return conn.client.host if conn.client else ""


def csrf_token(request: Request) -> str:
    """The CSRF token for a form on this page: the browser's CSRF cookie, or a new one (set it with
    `remember_csrf`)."""
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)


def remember_csrf(request: Request, response: Response, token: str) -> None:
    """Set the CSRF cookie when the browser does not have it yet."""
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/",
                            secure=request.url.scheme == "https")


def csrf_ok(request: Request, given: str | None) -> bool:
    """A posted form is ours: its CSRF field equals the cookie, and it came from this origin (when the browser
    says where from)."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not given or not hmac.compare_digest(cookie.encode(), given.encode()):
        return False
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")  # "null" under a no-referrer policy: the cookie pair then decides
    return origin in (None, "null") or urlsplit(origin).netloc == request.headers.get("host", "")


def safe_next(path: str | None) -> str:
    """Where to go after logging in: a path on this server, never another site ("//evil", "https://...")."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


def set_session(request: Request, response: Response, value: str) -> None:
    """Set the session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS)."""
    response.set_cookie(SESSION_COOKIE, value, max_age=SESSION_SECONDS, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")


def bearer(conn: HTTPConnection) -> str | None:
    """The token of an `Authorization: Bearer TOKEN` header, or None when there is none."""
    scheme, _, given = conn.headers.get("authorization", "").partition(" ")
    return given.strip() if scheme.lower() == "bearer" else None


class TokenGate:
    """ASGI middleware: without the token, the API answers 401 and a page sends the browser to the login form;
    a client that sent too many wrong bearer tokens gets 429 (see `Throttle`). Without a token the server answers
    only to loopback host names, so a web page cannot reach it by rebinding a name of its own to 127.0.0.1."""

    def __init__(self, app: ASGIApp, auth: Auth, throttle: Throttle) -> None:
        self.app = app
        self.auth = auth
        self.throttle = throttle

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response = self._refusal(HTTPConnection(scope))
        if response is None:
            await self.app(scope, receive, send)
        else:
            await response(scope, receive, send)

    def _refusal(self, conn: HTTPConnection) -> Response | None:
        """The answer to a request that may not pass; None when it may."""
        path = conn.url.path
        if not self.auth.required and not is_loopback(_host_name(conn.headers.get("host", ""))):
            return PlainTextResponse("this dashboard answers only on localhost", status_code=421)
        if path.startswith(OPEN_PATHS) or self.auth.has_session(conn):
            return None
        given = bearer(conn)
        if given is not None:
            accepted, wait = try_token(self.auth, self.throttle, client_address(conn), given)
            if accepted:
                return None
            if wait:
                return JSONResponse({"error": too_many(wait)}, status_code=429, headers={"Retry-After": str(wait)})
        if path.startswith("/api/"):
            return JSONResponse({"error": "a token is needed: send 'Authorization: Bearer TOKEN'"},
                                status_code=401, headers={"WWW-Authenticate": "Bearer"})
        query = f"?{conn.url.query}" if conn.url.query else ""
        return RedirectResponse(f"/login?next={quote(path + query)}", status_code=303)


def _host_name(host: str) -> str:
    """The name of a Host header, without its port ("[::1]:8765" -> "::1")."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host
