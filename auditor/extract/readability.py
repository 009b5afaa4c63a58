"""Flesch-Kincaid grade and Flesch reading ease, exactly as textstat computes them, but faster.

textstat counts the syllables of every word of every page afresh (a CMU dictionary lookup, else a
hyphenation guess); it was the largest single cost of reading a docs page. Docs reuse the same few
thousand words, so the syllables of each distinct word are counted once per process. Word and sentence
counts, and the formulas' constants, are textstat's own (textstat is pinned, so they cannot drift).
"""

from __future__ import annotations

from functools import lru_cache

from textstat.backend.counts._count_words import count_words
from textstat.backend.metrics._words_per_sentence import words_per_sentence
from textstat.backend.selections._list_words import list_words
from textstat.backend.utils._get_cmudict import get_cmudict
from textstat.backend.utils._get_lang_cfg import get_lang_cfg
from textstat.backend.utils._get_pyphen import get_pyphen

LANG = "en_US"  # textstat's default language


def readability(text: str) -> tuple[float, float]:
    """(Flesch-Kincaid grade, Flesch reading ease) of `text`; (0.0, 0.0) for text with no sentence or word."""
    per_sentence = words_per_sentence(text)
    words = count_words(text)
    per_word = sum(syllables(w) for w in list_words(text, lowercase=True)) / words if words else 0.0
    if per_sentence == 0 or per_word == 0:
        return 0.0, 0.0
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    ease = (get_lang_cfg("en", "fre_base") - get_lang_cfg("en", "fre_sentence_length") * per_sentence
            - get_lang_cfg("en", "fre_syll_per_word") * per_word)
    return grade, ease


@lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    """The syllables of one lower-case word, as textstat's count_syllables counts them."""
    try:
        return sum(1 for phone in get_cmudict(LANG)[word][0] if phone[-1].isdigit())  # type: ignore[index]
    except (TypeError, IndexError, KeyError):
        return len(get_pyphen(LANG).positions(word)) + 1
