"""Whole-word term search over a text indexed once: the runs of word characters it holds, so asking whether any of
hundreds of terms occur costs a set lookup each, not a regex scan of the text each.

A term matches as `(?<![\\w-])term(?![\\w-])`, case-insensitive, a space in it matching spaces or hyphens ("set up"
matches "set-up"). A single word is exactly a run of the text; a phrase runs its pattern only when each of its
words is a word of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: a run of word characters and hyphens: what a whole-word term must be, exactly, to match on its own
_RUN = re.compile(r"[\w-]+")


@lru_cache(maxsize=1024)
def pattern(term: str) -> re.Pattern[str]:
    """The whole-word pattern of one term."""
    return re.compile(r"(?<![\w-])" + re.escape(term).replace(r"\ ", r"[\s-]+") + r"(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class TermIndex:
    """The word runs of one text (lower case) and their hyphen-separated parts."""

    runs: frozenset[str]
    parts: frozenset[str]

    @classmethod
    def of(cls, text: str) -> TermIndex:
        """Index `text` in one pass."""
        runs = frozenset(_RUN.findall(text.lower()))
        return cls(runs, frozenset(part for run in runs for part in run.split("-") if part))

    def has(self, term: str, text: str) -> bool:
        """`term` occurs in `text` (the text this index was built from) as a whole word or phrase."""
        folded = term.lower()
        if _RUN.fullmatch(folded):  # a single word ("setup", "set-up"): the pattern's test, as a lookup
            return folded in self.runs
        pieces = [piece for word in folded.split() for piece in word.split("-") if piece]
        if all(_RUN.fullmatch(piece) for piece in pieces) and any(piece not in self.parts for piece in pieces):
            return False  # a word of the phrase is not in the text; a term with other characters ("24/7") runs
        return pattern(term).search(text) is not None


@lru_cache(maxsize=256)
def index_of(text: str) -> TermIndex:
    """The index of a short text used again and again (a page's outline, a listing's description); a page's
    whole text is indexed once on the page itself (`DocPage.term_index`)."""
    return TermIndex.of(text)
