"""The literal prefilter: a pattern is skipped only when no match can exist, so `matches` answers the same."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.prefilter import UNFOLDED, foldable, may_match, required_literals
from checks._text import matches
from checks.registry import builtin_checks
from checks.setup.time_to_value import CHECK as SET407
from checks.setup.time_to_value import duration_pattern


def _patterns() -> list[str]:
    """Every regular expression the built-in checks hand to `matches` (their `*_patterns` thresholds)."""
    found = [duration_pattern(SET407.thresholds)]
    for check in builtin_checks():
        for name, value in check.thresholds.items():
            if name.endswith("patterns") and isinstance(value, (tuple, list)):
                found += [p for p in value if isinstance(p, str)]
    return found


PATTERNS = _patterns()
#: pieces of text near what the patterns look for, in both cases, with the letters lower-casing does not fold
PIECES = ["the ", "The ", "first ", "only ", "app", "ultimate", "40", "%", " ", "x", "X", "2.5", "customers",
          "CUSTOMERS", "10k+ ", "happy ", "takes ", "about ", "5 ", "minutes", "MIN", "hour", "set-up", "setup",
          "within ", "one ", "business ", "day", "response", "SLA", "24/7", "same-day", "$", "€", "/", "per ",
          "month", "P.O. Box 12", "Street", "straße ", ".", "\n", "-", "İ", "ı", "ſ", "\u212a", "é", "2 "]


def test_a_pattern_needs_the_literals_every_match_contains() -> None:
    assert required_literals(r"\bthe ultimate\b") == (frozenset({"the ultimate"}),)
    assert required_literals(r"\d+(?:[.,]\d+)?\s?%") == (frozenset({"%"}),)
    assert required_literals(r"\bSLA\b") == (frozenset({"sla"}),), "compared lower-cased"
    assert required_literals(r"\b(?:\d+|one)[-\s](?:hours?|days?)\s+(?:response|turnaround)") == (
        frozenset({"hour", "day"}), frozenset({"response", "turnaround"}))
    # the parser draws a shared prefix out of the branches: "re", then one of the rests, both required
    assert required_literals(r"(?:response|reply)") == (frozenset({"re"}), frozenset({"sponse", "ply"}))
    # nothing sure: an optional part, a branch without a literal, a class, a non-ASCII literal
    assert required_literals(r"(?:colou?r)?\d+") == ()
    assert required_literals(r"(?:abc|\d+)") == ()
    assert required_literals(r"[$€£]\s?\d") == ()
    assert required_literals(r"straße") == ()
    assert required_literals(r"(unbalanced") == (), "a pattern that does not parse is never skipped"
    assert may_match(r"\d+(?:[.,]\d+)?\s?%", "saves 40% of your time")
    assert not may_match(r"\d+(?:[.,]\d+)?\s?%", "saves 40 percent of your time")
    assert may_match(r"\bSLA\b", "our sla is 4 hours"), "the text is passed lower-cased"


def test_the_letters_lower_casing_does_not_fold_are_all_known() -> None:
    """Every non-ASCII character that IGNORECASE matches to an ASCII letter either lower-cases to that letter or is
    in UNFOLDED (whose texts are never prefiltered): checked over all of Unicode."""
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(128, 0x110000):
        char = chr(code)
        if ascii_letter.fullmatch(char) and not (len(char.lower()) == 1 and char.lower().isascii()):
            assert char in UNFOLDED, f"U+{code:04X} {char!r}"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from(PATTERNS))
def test_a_pattern_is_never_skipped_on_a_text_it_matches(pieces: list[str], pattern: str) -> None:
    text = "".join(pieces)
    if re.search(pattern, text, re.IGNORECASE) and foldable(text):
        assert may_match(pattern, text.lower()), (pattern, text)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.integers(min_value=0, max_value=5))
def test_matches_on_a_long_text_are_those_of_every_pattern_run(pieces: list[str], at: int) -> None:
    filler = "The warehouse in Leeds shipped pallets of tiles on Monday. " * 1_200  # past the prefilter's length
    text = filler[: at * 10_000] + "".join(pieces) + filler
    plain = [m.span() for p in PATTERNS for m in re.finditer(p, text, re.IGNORECASE)]
    assert [m.span() for m in matches(text, PATTERNS)] == plain
