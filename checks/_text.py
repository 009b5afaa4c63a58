"""Small helpers the built-in checks share: term matching on word boundaries, excerpts, dates."""

from __future__ import annotations

import ipaddress
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from urllib.parse import urlparse

# the one wording of counts and lists (auditor.formatting), re-exported for the checks
from auditor.formatting import join as join
from auditor.formatting import plural as plural
from auditor.prefilter import foldable, may_match
from auditor.terms import LONG_TEXT, TermIndex, index_of, lowered, occurrences


def terms_in(text: str, terms: Iterable[str], index: TermIndex | None = None) -> list[str]:
    """The terms that occur in `text` as whole words (case-insensitive), in the order given. The text is indexed
    once (`index`, a page's own `term_index`, else a cached one), so many terms cost one pass over it."""
    if not text:
        return []
    found = index or index_of(text)
    return [t for t in terms if found.has(t, text)]


def excerpt(text: str, term: str, width: int = 80) -> str:
    """A short window of `text` around the first match of `term` (or the start of the text)."""
    first = next(occurrences(term, text), (0, 0))
    start = max(0, first[0] - width // 2)
    snippet = " ".join(text[start : start + width].split())
    return ("…" if start else "") + snippet + ("…" if start + width < len(text) else "")


def days_since(iso: str | None, today: date) -> int | None:
    """Days between an ISO date (or datetime) string and `today`; None when absent or unreadable."""
    if not iso:
        return None
    try:
        return (today - date.fromisoformat(iso[:10])).days
    except ValueError:
        return None


def matches(text: str, patterns: Iterable[str]) -> list[re.Match[str]]:
    """Every match in `text` of each regular expression (case-insensitive), pattern by pattern. On a long text a
    pattern whose required literals are missing from it is not run (`auditor.prefilter`: the same matches, sooner)."""
    if len(text) > LONG_TEXT and foldable(text):
        folded = lowered(text)
        patterns = [p for p in patterns if may_match(p, folded)]
    return [m for p in patterns for m in re.finditer(p, text, re.IGNORECASE)]


def words(text: str) -> list[str]:
    """The lower-cased words of `text` (letters, digits, inner apostrophes and hyphens)."""
    return _WORD.findall(text.lower())


def word_count(text: str) -> int:
    """How many words `text` has (as `words` splits it)."""
    return sum(_tally(text).values())


def word_counts(text: str, min_length: int, stopwords: Iterable[str]) -> Counter[str]:
    """How often each word of `text` occurs, leaving out stopwords, numbers and words shorter than `min_length`."""
    stop = set(stopwords)
    return Counter({w: n for w, n in _tally(text).items()
                    if len(w) >= min_length and w not in stop and not w.isdigit()})


_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


def _tally(text: str) -> Counter[str]:
    # counted first, filtered after: a text repeats its words, so each distinct word is tested once; a long text
    # (a 3 MB description) is counted once for all the checks that ask
    return _long_tally(text) if len(text) > LONG_TEXT else Counter(words(text))


@lru_cache(maxsize=2)
def _long_tally(text: str) -> Counter[str]:
    return Counter(_WORD.findall(lowered(text)))  # the lower-cased text the term index and prefilter share


def slug(*parts: str) -> str:
    """A finding's code from the stable things it is about ("no", "API and rate limits" -> "no-api-and-rate-limits"):
    lower-case words joined by hyphens, so the finding keeps its identity when its message is reworded."""
    return "-".join(w for part in parts for w in re.findall(r"[^\W_]+", part.lower()))


def clip(text: str, width: int = 80) -> str:
    """The start of `text`, whitespace-normalised, cut at `width` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def host_of(url: str) -> str:
    """The URL's host name, lower-cased, without a leading "www."."""
    return (urlparse(url).hostname or "").removeprefix("www.")


def on_hosts(url: str, hosts: Iterable[str]) -> bool:
    """True when the URL's host is one of `hosts` or a subdomain of one."""
    host = host_of(url)
    return any(host == h or host.endswith("." + h) for h in hosts)


def is_loopback(url: str) -> bool:
    """True for localhost and loopback addresses (local test fixtures), where HTTPS does not apply."""
    return _is_loopback_host(urlparse(url).hostname or "")


@lru_cache(maxsize=1_024)  # a docs site's thousand pages share a host or two; parsing it as an IP costs 15 us
def _is_loopback_host(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def sentences_with(text: str, terms: Iterable[str]) -> str:
    """The sentences of `text` that name one of `terms`, joined: narrows a search to what is on topic."""
    ends = [(m.start(), m.end()) for m in _SENTENCE_BREAK.finditer(text)]
    starts = [0] + [end for _, end in ends]
    stops = [start for start, _ in ends] + [len(text)]
    picked = set()
    for term in terms_in(text, terms):  # the terms found anywhere, then the sentences that hold them whole
        for start, end in occurrences(term, text):
            i = bisect_right(starts, start) - 1
            if end <= stops[i]:
                picked.add(i)
    return " ".join(text[starts[i]:stops[i]] for i in sorted(picked))


def near(text: str, terms: Iterable[str], others: Iterable[str], width: int, stops: str = ".;!?") -> str | None:
    """The first of `others` written in the same sentence as, and within `width` characters of, a whole-word match
    of one of `terms` ("deals are written back" names "written" near "deals"; "Companies: two-way. Deals: read"
    does not put "two-way" near "deals")."""
    others = list(others)
    for term in terms:
        for start, end in occurrences(term, text):
            before = text[max(0, start - width) : start]
            after = text[end : end + width]
            cut = max(before.rfind(c) for c in stops)
            before = before[cut + 1 :] if cut >= 0 else before
            ends = [i for i in (after.find(c) for c in stops) if i >= 0]
            after = after[: min(ends)] if ends else after
            hits = terms_in(before + text[start:end] + after, others)
            if hits:
                return hits[0]
    return None


def noun_forms(noun: str) -> tuple[str, ...]:
    """`noun` with its last word in the singular and the plural, so "line items" also matches "line item"
    and "company" matches "companies" (regular English plurals only)."""
    head, _, last = noun.lower().rpartition(" ")
    if last.endswith("ies"):
        forms = (last, last[:-3] + "y")
    elif last.endswith(("sses", "ches", "shes", "xes")):
        forms = (last, last[:-2])
    elif last.endswith("s") and not last.endswith("ss"):
        forms = (last, last[:-1])
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        forms = (last, last[:-1] + "ies")
    elif last.endswith(("s", "ch", "sh", "x")):
        forms = (last, last + "es")
    else:
        forms = (last, last + "s")
    return tuple(dict.fromkeys(f"{head} {f}".strip() for f in forms))
