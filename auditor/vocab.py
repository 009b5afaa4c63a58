"""The words pages use, in eight languages, as compiled matchers: the data lives in `vocab.toml` beside this file.

A leaf module (the crawl and the extract stage both read it). Each word list becomes one case-insensitive
alternation, so asking "does this text name any of these terms" is one pass over the text however long the
list grows.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

_FILE = Path(__file__).resolve().parent / "vocab.toml"
#: link roles in the order they are tried: the first whose words match wins
ROLE_ORDER = ("setup", "changelog", "privacy", "terms", "security", "status", "support", "docs", "website")
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")


@cache
def _data() -> Mapping[str, object]:
    return MappingProxyType(tomllib.loads(_FILE.read_text(encoding="utf-8")))


def _term_pattern(term: str) -> str:
    """One term as a regex: a Latin-script word matches at a word start (or as a whole word with a trailing
    "$"); a term in another script (Japanese) matches anywhere."""
    whole = term.endswith("$")
    term = term.removesuffix("$").strip().lower()
    body = r"[\s\-]+".join(re.escape(part) for part in term.split())
    if not _LATIN.search(term[:1] or " ") and not term[:1].isdigit():
        return body
    return rf"(?<![\w]){body}" + (r"(?![\w])" if whole else "")


@dataclass(frozen=True)
class Words:
    """One word list compiled to a single matcher."""

    name: str
    terms: tuple[str, ...]
    pattern: re.Pattern[str]

    def search(self, text: str | None) -> re.Match[str] | None:
        """The first occurrence of any term in `text`."""
        return self.pattern.search(text) if text else None

    def found(self, text: str | None) -> bool:
        """True when `text` names one of the terms."""
        return bool(text) and self.pattern.search(text) is not None  # type: ignore[arg-type]

    def is_label(self, text: str | None) -> bool:
        """True when `text` is one of the terms and nothing more (a label: "Developer:", "Anbieter")."""
        if not text:
            return False
        return re.fullmatch(rf"\s*(?:{self.pattern.pattern})\s*[:：]?\s*", text, self.pattern.flags) is not None

    def strip_leading(self, text: str) -> str:
        """`text` without a term (and the punctuation after it) at its start: "by Acme" -> "Acme"."""
        match = re.match(rf"\s*(?:{self.pattern.pattern})\s*[:：\-–—]?\s*", text, self.pattern.flags)
        return text[match.end():].strip() if match and match.end() < len(text) else text.strip()


def compile_terms(name: str, terms: tuple[str, ...]) -> Words:
    """A matcher for any of `terms` (longest first, so "release notes" wins over "release")."""
    ordered = sorted(dict.fromkeys(t for t in terms if t.strip()), key=len, reverse=True)
    pattern = re.compile("|".join(f"(?:{_term_pattern(t)})" for t in ordered) or r"(?!)", re.IGNORECASE)
    return Words(name, tuple(ordered), pattern)


@cache
def words(name: str, key: str = "words") -> Words:
    """The word list `[name] words = [...]` of vocab.toml (or another `key` of that table), compiled."""
    table = _data()[name]
    assert isinstance(table, dict), name
    return compile_terms(f"{name}.{key}", tuple(table[key]))


@cache
def role_words(role: str, source: str) -> Words:
    """The words that name a link role in its text (`source="text"`) or in its URL path (`source="url"`)."""
    roles = _data()["roles"]
    assert isinstance(roles, dict)
    return compile_terms(f"{role}.{source}", tuple(roles[role][source]))


def role_by_text(text: str | None) -> str | None:
    """The role a link's visible text gives it ("Datenschutzerklärung" -> privacy), or None."""
    if not text:
        return None
    return next((role for role in ROLE_ORDER if role_words(role, "text").found(text)), None)


def role_by_url(url: str) -> str | None:
    """The role a URL's path suggests (/legal/privacy -> privacy), or None; weaker evidence than the text."""
    where = url.split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0].lower()
    host, _, path = where.partition("/")
    for role in ROLE_ORDER:
        for term in role_words(role, "url").terms:
            if term.endswith("."):  # a host label: "status." names a status host
                if host.startswith(term) or f".{term}" in host:
                    return role
            elif re.search(rf"(?<![a-z]){re.escape(term.removesuffix('$'))}(?![a-z])", path):
                return role
    return None


@cache
def number_words() -> Mapping[str, int]:
    """Numbers written as words in every language of the vocabulary, lower-cased: {"five": 5, "fünf": 5, ...}."""
    table = _data()["numbers"]
    assert isinstance(table, dict)
    found: dict[str, int] = {}
    for key, values in table.items():
        if key.startswith("tens_"):
            for offset, word in enumerate(values):
                found.setdefault(word, 30 + 10 * offset)
        elif key != "a_few":
            for value, word in enumerate(values):
                found.setdefault(word, value)
    return MappingProxyType(found)
