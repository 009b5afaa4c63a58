"""The indexed term search answers exactly as the whole-word pattern does, on any text and term."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract.docs import extract_doc
from auditor.model import Page
from auditor.terms import TermIndex, occurrences, pattern, word_runs

WORDS = ["setup", "set", "up", "set-up", "guide", "API", "rate", "limits", "sign-on", "single", "24/7", "SSO", "é",
         "Einrichtung", "設定", "uninstall", "re-install", "how", "to"]
text_pieces = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from([" ", "-", "  ", "\n", ".", ",", "(", ")",
                                                                          "_", "/", "--"]),
                                 st.text(max_size=3)), max_size=40)
terms = st.one_of(st.sampled_from(WORDS), st.builds(" ".join, st.lists(st.sampled_from(WORDS), min_size=2, max_size=3)),
                  st.text(min_size=1, max_size=6))


@settings(max_examples=400, deadline=None)
@given(text_pieces, terms)
def test_the_index_agrees_with_the_pattern(pieces: list[str], term: str) -> None:
    text = "".join(pieces)
    assert TermIndex.of(text).has(term, text) == (pattern(term).search(text) is not None), (text, term)


@settings(max_examples=300, deadline=None)
@given(text_pieces, terms)
def test_the_index_from_a_pages_word_runs_is_the_index_of_its_text(pieces: list[str], term: str) -> None:
    text = "".join(pieces)
    index = TermIndex.from_words(word_runs(text.lower().split()))
    assert index == TermIndex.of(text)
    assert index.has(term, text) == (pattern(term).search(text) is not None), (text, term)


def test_a_docs_page_carries_its_word_runs_and_its_index_is_built_from_them() -> None:
    html = ("<html><head><title>Set-up guide</title></head><body><main><h1>Set-up</h1><p>Single sign-on (SSO) is "
            "set up in Settings. Set up SSO, then re-install: Einrichtung 設定 24/7.</p></main></body></html>")
    doc = extract_doc(Page(url="https://docs.example.com/setup", kind="docs", depth=1, status=200, html=html))
    assert doc.word_runs.split() == ["set-up", "single", "sign-on", "sso", "is", "set", "up", "in", "settings",
                                     "then", "re-install", "einrichtung", "設定", "24", "7"]
    assert doc.word_count == len(doc.text.split())
    assert doc.term_index == TermIndex.of(doc.text)
    assert doc.term_index.has("set up", doc.text) and doc.term_index.has("single sign-on", doc.text)


def test_a_phrase_matches_across_spaces_and_hyphens_and_a_word_only_whole() -> None:
    text = "Follow the set-up guide. Single sign-on (SSO) is 24/7."
    index = TermIndex.of(text)
    assert index.has("set up", text) and index.has("set-up guide", text) and index.has("single sign-on", text)
    assert index.has("sso", text) and index.has("24/7", text)
    assert not index.has("sign", text) and not index.has("guides", text) and not index.has("setup", text)


@settings(max_examples=300, deadline=None)
@given(text_pieces, terms)
def test_occurrences_are_the_patterns_matches(pieces: list[str], term: str) -> None:
    text = "".join(pieces)
    assert list(occurrences(term, text)) == [m.span() for m in pattern(term).finditer(text)], (text, term)
