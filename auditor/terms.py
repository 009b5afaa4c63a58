"""Whole-word term search over a text indexed once: the runs of word characters it holds, so asking whether any of
hundreds of terms occur costs a set lookup each, not a regex scan of the text each.

A term matches as `(?<![\\w-])term(?![\\w-])`, case-insensitive, a space in it matching spaces or hyphens ("set up"
matches "set-up"). A single word is exactly a run of the text; a phrase runs its pattern only when each of its
words is a word of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

#: a run of word characters and hyphens: what a whole-word term must be, exactly, to match on its own
_RUN = re.compile(r"[\w-]+")
_WORDISH = re.compile(r"[\w-]")


@lru_cache(maxsize=1024)
def pattern(term: str) -> re.Pattern[str]:
    """The whole-word pattern of one term."""
    return re.compile(r"(?<![\w-])" + re.escape(term).replace(r"\ ", r"[\s-]+") + r"(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class TermIndex:
    """The word runs of one text (lower case), and the parts of those that hold hyphens ("set-up": "set", "up")."""

    runs: frozenset[str]
    parts: frozenset[str]

    @classmethod
    def of(cls, text: str) -> TermIndex:
        """Index `text` in one pass."""
        return cls.from_runs(_runs(text.lower().split()))

    @classmethod
    def from_words(cls, words: str) -> TermIndex:
        """The index of a text from its `word_runs` (a docs page's, computed when the page was read)."""
        return cls.from_runs(words.split())

    @classmethod
    def from_runs(cls, runs: Iterable[str]) -> TermIndex:
        """The index of a text whose word runs are `runs`."""
        runs = frozenset(runs)
        return cls(runs, frozenset(part for run in runs if "-" in run for part in run.split("-") if part))

    def has(self, term: str, text: str) -> bool:
        """`term` occurs in `text` (the text this index was built from) as a whole word or phrase."""
        folded, word, pieces = _shape(term)
        if word:  # a single word ("setup", "set-up"): the pattern's test, as a lookup
            return folded in self.runs
        if pieces and not all(piece in self.runs or piece in self.parts for piece in pieces):
            return False  # a word of the phrase is not in the text
        return _occurs(folded, lowered(text))  # a phrase whose words all occur, or a term like "24/7"


def word_runs(tokens: Iterable[str]) -> str:
    """The distinct word runs of a text's lower-cased whitespace-separated `tokens`, in the order they first occur,
    joined by spaces: what `TermIndex.from_words` builds a page's index from at a fraction of indexing its text."""
    return " ".join(dict.fromkeys(_runs(tokens)))


def _runs(tokens: Iterable[str]) -> Iterator[str]:
    # the distinct tokens first: a text repeats its words, so the regex runs on each once
    for token in dict.fromkeys(tokens):
        yield from _RUN.findall(token)


@lru_cache(maxsize=4096)
def _shape(term: str) -> tuple[str, bool, frozenset[str]]:
    """A term in lower case; whether it is one run of word characters; the pieces a phrase's words must all be
    found among (empty when the term holds other characters and only the text can tell)."""
    folded = term.lower()
    pieces = [piece for word in folded.split() for piece in word.split("-") if piece]
    words_only = all(_RUN.fullmatch(piece) for piece in pieces)
    return folded, bool(_RUN.fullmatch(folded)), frozenset(pieces) if words_only else frozenset()


@lru_cache(maxsize=1024)
def _leading_literal(term: str) -> re.Pattern[str]:
    """`term` (lower case) as a pattern that starts with its first literal character, which lets the regex
    engine skip through a text to the candidates instead of testing a look-behind at every position."""
    return re.compile(re.escape(term).replace(r"\ ", r"[\s-]+") + r"(?![\w-])")


def _occurs(term: str, folded: str) -> bool:
    """`term` (lower case) occurs in `folded` (a lower-cased text) as a whole word or phrase."""
    return next(_spans(term, folded), None) is not None


def _spans(term: str, folded: str) -> Iterator[tuple[int, int]]:
    """Where `term` (lower case) occurs in `folded` (a lower-cased text) as a whole word or phrase."""
    for match in _leading_literal(term).finditer(folded):
        start = match.start()
        if start == 0 or not _WORDISH.match(folded, start - 1):
            yield match.span()


def occurrences(term: str, text: str) -> Iterator[tuple[int, int]]:
    """The spans of `text` where `term` occurs as a whole word or phrase (case-insensitive), as `pattern` finds
    them but without testing its look-behind at every position of a long text."""
    folded = lowered(text)
    if len(folded) != len(text):  # lower-casing changed the length (a rare letter): spans would not map back
        return (match.span() for match in pattern(term).finditer(text))
    return _spans(term.lower(), folded)


@lru_cache(maxsize=4)
def lowered(text: str) -> str:
    """`text` lower-cased, kept for the few texts last asked about: a long text is searched for many terms and
    patterns in a row, and lower-cased once (a str caches its own hash)."""
    return text.lower()


#: texts up to this long are kept indexed by the hundred; longer ones (a 3 MB description) a few at a time, so
#: the caches never hold more than a few megabytes; the checks' word counts and regex prefilter use the same line
LONG_TEXT = 65_536


def index_of(text: str) -> TermIndex:
    """The index of a text used again and again (a page's outline, a listing's description), kept in a bounded
    cache; a page's whole text is indexed once on the page itself (`DocPage.term_index`)."""
    return _short_index(text) if len(text) <= LONG_TEXT else _long_index(text)


@lru_cache(maxsize=512)
def _short_index(text: str) -> TermIndex:
    return TermIndex.of(text)


@lru_cache(maxsize=4)
def _long_index(text: str) -> TermIndex:
    return TermIndex.of(text)
