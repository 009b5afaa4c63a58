"""URL helpers every stage shares: one canonical form for dedupe and comparison."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import SplitResult, urldefrag, urljoin, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
_C0_CONTROL_OR_SPACE = "".join(map(chr, range(0x21)))
_SCHEME_AND_HOST = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*://[^/?#\\@:\s]")


#: query parameters that track or identify a visit but never change the page (dropped for dedupe)
VOLATILE_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|msclkid|mc_cid|mc_eid|_ga|_gl|sessionid|session_id|sid|"
                             r"jsessionid|phpsessid|aspsessionid\w*)$", re.IGNORECASE)


def parse_url(url: str) -> SplitResult | None:
    """`url` split into parts, or None when it cannot be (a bad port, a broken IPv6 host): scraped hrefs can be
    anything."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 (raises for a port that is not a number or out of range)
    except ValueError:
        return None
    return parts


def web_address(text: str) -> str:
    """A listing URL as the crawl should take it: trimmed, scheme and host in lower case. Raises ValueError with
    the one-line reason when it is not an http(s) URL with a host and a valid port ("http://[::1/x", ":99999")."""
    text = text.strip()
    try:
        parts = urlsplit(text)
        port = parts.port  # raises for a port that is not a number or out of range
    except ValueError as exc:
        reason = "a port must be a number from 1 to 65535" if "port" in str(exc).lower() else str(exc)
        raise ValueError(f"malformed URL {text!r}: {reason}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"not a web address: {text!r} (a listing URL starts with http:// or https://)")
    if not parts.hostname:
        raise ValueError(f"malformed URL {text!r}: it names no host")
    if port == 0:
        raise ValueError(f"malformed URL {text!r}: a port must be a number from 1 to 65535")
    host = parts.netloc.rsplit("@", 1)[-1]
    userinfo = parts.netloc[: len(parts.netloc) - len(host)]
    return urlunsplit((parts.scheme.lower(), userinfo + host.lower(), parts.path or "/", parts.query, parts.fragment))


def join_url(base: str, href: str) -> str | None:
    """`href` resolved against `base`, or None when the result is not a valid URL."""
    href = href.strip()
    if _needs_only_the_directory(href):
        # the pages of one docs section share their directory (and their nav links with it): memoised on that
        return _join_in_directory(_directory_url(base), href)
    return _join(base, href)


def _needs_only_the_directory(href: str) -> bool:
    """True when joining `href` reads no more of the base than its directory (RFC 3986): a relative path
    ("x.html", "../y"), a root-relative one ("/docs/x") or a URL with a scheme and host; not "", "?q", "#f",
    "//" or "http:" (those keep the base's own path), nor anything with a tab or newline (urlsplit removes
    those, which can turn "/\t/x" into "//x")."""
    rest = href.lstrip(_C0_CONTROL_OR_SPACE)  # urlsplit drops leading control characters too
    if not rest or "\t" in rest or "\n" in rest or "\r" in rest:
        return False
    if rest[0] == "/":
        return rest[1:2] != "/"
    if ":" in rest:
        return _SCHEME_AND_HOST.match(rest) is not None
    return rest[0] not in "?#"


@lru_cache(maxsize=65_536)
def _join_in_directory(directory: str, href: str) -> str | None:
    return _simple_join(directory, href) or _join(directory, href)


def _simple_join(base: str, href: str) -> str | None:
    """The join of the common case without urljoin: a plain root-relative or relative path, after any
    leading "./" and "../", against an http(s) base whose own path is plain; None for anything else
    (the general join decides).

    Most hrefs on a docs page are "/docs/x", "x.html" or "../y/x.html"; urljoin plus the validity test
    cost ~10 us each, a third of the crawl's CPU. For a path with no scheme (no ":"), no other dot segment,
    no empty segment (urljoin folds "//"), no empty query or fragment (urljoin drops those) and no control
    character (urlsplit drops tabs and newlines), RFC 3986 reduces to string concatenation. The tests
    hold it to urljoin's answer.
    """
    ups, rest = 0, href
    while rest.startswith(("./", "../")):
        ups += rest.startswith("../")
        rest = rest[3 if rest[1] == "." else 2:]
    if not href or (rest and not _plain_path(rest, after_dots=rest != href)) or not _plain_base(base):
        return None  # (an empty rest after "./" or "../" is the directory itself)
    if rest.startswith("/"):
        return _origin(base) + rest
    directory = _directory_url(base)
    if ups:
        origin = _origin(base)
        folders = directory[len(origin) + 1:-1].split("/") if len(directory) > len(origin) + 1 else []
        directory = origin + "/" + "".join(f + "/" for f in folders[: max(0, len(folders) - ups)])
    return directory + rest


def _plain_path(path: str, after_dots: bool) -> bool:
    """True when `path` holds nothing urljoin treats specially (see _simple_join); `after_dots` when a "./" or
    "../" was cut from its front (urljoin folds the "//" that a following "/" would make)."""
    return not (path[0] in "?#." or (after_dots and path[0] == "/") or ":" in path or "/." in path
                or "//" in path or "?#" in path or path[-1] in "?#" or not path.isprintable())


@lru_cache(maxsize=4_096)
def _plain_base(base: str) -> bool:
    """True when `base` is a valid http(s) URL with a path ("/" at least) without dot or empty segments."""
    parts = parse_url(base) if base.startswith(("http://", "https://")) else None
    if parts is None or not parts.path.startswith("/"):
        return False
    path = urlsplit(_directory_url(base)).path
    return "//" not in path and not any(segment in (".", "..") for segment in path.split("/"))


@lru_cache(maxsize=4_096)
def _origin(url: str) -> str:
    """`url` up to its path ("https://h:8000/a/b?q" -> "https://h:8000")."""
    after_scheme = url.find("://") + 3
    ends = [i for i in (url.find(c, after_scheme) for c in "/?#") if i >= 0]
    return url[: min(ends)] if ends else url


@lru_cache(maxsize=4_096)  # one page's ~90 links share its URL: cut it once, not per link
def _directory_url(url: str) -> str:
    """`url` cut after the last "/" of its path ("https://h/a/b.html?q" -> "https://h/a/"); as is without a path."""
    end = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    after_scheme = url.find("://")
    path_start = url.find("/", after_scheme + 3, end) if after_scheme >= 0 else -1
    return url if path_start < 0 else url[: url.rfind("/", path_start, end) + 1]


@lru_cache(maxsize=65_536)
def _join(base: str, href: str) -> str | None:
    try:
        joined = urljoin(base, href)
    except ValueError:
        return None
    return joined if parse_url(joined) is not None else None


def resolve(base: str, href: str) -> str:
    """`href` resolved against `base` where it can be; the bare href when the URL is broken (shown, never followed)."""
    return join_url(base, href) or href.strip()


@lru_cache(maxsize=65_536)
def normalise(url: str) -> str:
    """A canonical form for dedupe: no fragment, lower-case scheme and host, no default port, no session or
    tracking parameters (`utm_*`, `sessionid`, `jsessionid`, ...), which would make one page look like many."""
    url, _ = urldefrag(url.strip())
    parts = parse_url(url)
    if parts is None:
        return url
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(parts.scheme.lower()) == port else f"{host}:{port}"
    path = re.sub(r";jsessionid=[^/?#]*", "", parts.path, flags=re.IGNORECASE) or "/"
    query = "&".join(pair for pair in parts.query.split("&")
                     if pair and not VOLATILE_PARAMS.match(pair.split("=", 1)[0]))
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


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
#: the user name and password of a URL ("https://user:pass@host/"): everything between "//" and "@" in the host part
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s\"'<>@]*@")


def redact(text: str) -> str:
    """`text` with the user name and password of any URL it holds removed and the values of its secret query
    parameters replaced by REDACTED."""
    if "@" in text:
        text = _USERINFO.sub(r"\1", text)
    if "=" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        sep, name, value = match.groups()
        secret = name.lower() in SECRET_PARAMS or name.lower().endswith(("token", "secret", "password"))
        return f"{sep}{name}={REDACTED}" if secret and value else match.group(0)

    return _SECRET_IN_URL.sub(one, text)


def url_words(url: str) -> str:
    """A URL's path as plain words, so ".../docs/getting_started.html" reads "docs getting started html".
    The host is left out: "api.acme.example" must not make every page about the API."""
    return " ".join(re.split(r"[/_.]+", urlsplit(url).path)).strip()
