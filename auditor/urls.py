"""URL helpers every stage shares: one canonical form for dedupe and comparison."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise(url: str) -> str:
    """A canonical form for dedupe: no fragment, lower-case scheme and host, no default port."""
    url, _ = urldefrag(url.strip())
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(parts.scheme.lower()) == port else f"{host}:{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def host_of(url: str) -> str:
    """The host and non-default port of `url` ("docs.example.com", "127.0.0.1:8000")."""
    return urlsplit(normalise(url)).netloc


def directory_of(url: str) -> str:
    """The directory part of a URL's path ("/docs/setup/x.html" -> "/docs/setup/")."""
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


#: query parameters whose values are secrets (compared case-insensitively)
SECRET_PARAMS = frozenset({
    "token", "access_token", "id_token", "refresh_token", "auth", "authorization", "key", "api_key", "apikey",
    "secret", "client_secret", "password", "pass", "pwd", "session", "sessionid", "session_id", "sid", "sig",
    "signature", "code", "jwt", "ticket", "x-amz-signature", "x-amz-credential", "x-amz-security-token",
    "x-goog-signature", "x-goog-credential",
})
REDACTED = "REDACTED"
_SECRET_IN_URL = re.compile(r"([?&;])([^=&#\s\"'<>]+)=([^&#\s\"'<>]*)")


def redact(text: str) -> str:
    """`text` with the values of secret query parameters in any URL it holds replaced by REDACTED."""
    if "=" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        sep, name, value = match.groups()
        secret = name.lower() in SECRET_PARAMS or name.lower().endswith(("token", "secret", "password"))
        return f"{sep}{name}={REDACTED}" if secret and value else match.group(0)

    return _SECRET_IN_URL.sub(one, text)
