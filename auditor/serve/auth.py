"""Who may use the dashboard: anyone on this machine when it listens on loopback without a token; with a token,
whoever sends it as a bearer token or holds the session cookie the login form sets. Every form carries a CSRF token
(a double-submit cookie), and a form posted from another origin is refused.

The session cookie is stateless: its expiry signed with a key derived from the token, so a new token ends every
session and a restart ends none.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import time
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

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

    def allows(self, conn: HTTPConnection, now: float | None = None) -> bool:
        """The request carries the token (bearer) or a live session cookie, or no token is set."""
        if self.token is None:
            return True
        scheme, _, given = conn.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), self.token.encode()):
            return True
        return self.valid_session(conn.cookies.get(SESSION_COOKIE, ""), now)

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


class TokenGate:
    """ASGI middleware: without the token, the API answers 401 and a page sends the browser to the login form.
    Without a token the server answers only to loopback host names, so a web page cannot reach it by rebinding
    a name of its own to 127.0.0.1."""

    def __init__(self, app: ASGIApp, auth: Auth) -> None:
        self.app = app
        self.auth = auth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        path = conn.url.path
        response: Response | None = None
        if not self.auth.required and not is_loopback(_host_name(conn.headers.get("host", ""))):
            response = PlainTextResponse("this dashboard answers only on localhost", status_code=421)
        elif not path.startswith(OPEN_PATHS) and not self.auth.allows(conn):
            if path.startswith("/api/"):
                response = JSONResponse({"error": "a token is needed: send 'Authorization: Bearer TOKEN'"},
                                        status_code=401, headers={"WWW-Authenticate": "Bearer"})
            else:
                query = f"?{conn.url.query}" if conn.url.query else ""
                response = RedirectResponse(f"/login?next={quote(path + query)}", status_code=303)
        if response is None:
            await self.app(scope, receive, send)
        else:
            await response(scope, receive, send)


def _host_name(host: str) -> str:
    """The name of a Host header, without its port ("[::1]:8765" -> "::1")."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host
