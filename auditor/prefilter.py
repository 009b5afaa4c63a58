"""Which regular expressions can be skipped on a long text: the literal strings a pattern cannot match without.

Python's regex engine tries a pattern that starts with `\\b`, a class or an alternation at every position of a
text, about 15 ns a character: each pattern costs some 45 ms on a 3 MB description, whatever it looks for. A
pattern's parse tree tells which literal strings every match contains (`\\bthe ultimate\\b` needs "the ultimate";
`\\d+%` needs "%"; `(?:hours?|days?) (?:response|reply)` needs one of "hour", "day" and one of "response", "reply"),
and a substring test for those runs at memory speed. When a text lacks them, no match can exist and the pattern
is not run: the answer is the same, only sooner. This is the literal prefilter of RE2, Hyperscan and ripgrep, kept
to what is sure: a literal counts only where every match must contain it (not under `?`, `*` or one branch of an
alternation), and only ASCII literals, compared with the lower-cased text, which is exact for IGNORECASE except
for the three letters that match an ASCII one without lower-casing to it (a text holding one is never skipped).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

try:  # CPython's own parser of regular expressions (3.11+; not typed); without it nothing is skipped
    _parser: Any = importlib.import_module("re._parser")
    _ops: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - another Python implementation
    _parser = _ops = None

#: non-ASCII letters that IGNORECASE matches to an ASCII letter but lower-casing does not turn into it
#: ("İ" lower-cases to two characters, "ı" and "ſ" stay themselves); "K" (Kelvin) lower-cases to "k" and is safe
UNFOLDED = "\u0130\u0131\u017f"

Factors = tuple[frozenset[str], ...]


@lru_cache(maxsize=1024)
def required_literals(pattern: str) -> Factors:
    """Sets of lower-case ASCII strings: every match of `pattern` (case-insensitive or not) contains one string of
    each set. Empty when nothing is sure (or the pattern cannot be parsed here)."""
    if _parser is None:
        return ()
    try:
        parsed = _parser.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, TypeError, ValueError):
        return ()
    return tuple(frozenset(s.lower() for s in factor) for factor in _sequence(list(parsed))
                 if all(s.isascii() for s in factor))


def may_match(pattern: str, folded: str) -> bool:
    """False only when `pattern` cannot match the text whose lower-cased form is `folded` (see `foldable`)."""
    return all(any(literal in folded for literal in factor) for factor in required_literals(pattern))


def foldable(text: str) -> bool:
    """True when the lower-cased `text` keeps every letter that IGNORECASE matches to an ASCII one (`UNFOLDED`)."""
    return not any(letter in text for letter in UNFOLDED)  # three substring tests: faster than one class search


def _sequence(items: Iterable[tuple[Any, Any]]) -> list[frozenset[str]]:
    """The required factors of a sequence of parsed items: its literal runs, and what its groups, repeats of at
    least one and alternations (one factor from each branch) require."""
    factors: list[frozenset[str]] = []
    run: list[str] = []
    for op, argument in items:
        if op is _ops.LITERAL:
            run.append(chr(argument))
            continue
        if run:  # a run ends at anything else: what follows is not sure to be adjacent
            factors.append(frozenset({"".join(run)}))
            run = []
        if op is _ops.SUBPATTERN:  # (group, flags added, flags removed, items)
            factors += _sequence(argument[3])
        elif op is _ops.ATOMIC_GROUP:
            factors += _sequence(argument)
        elif op in (_ops.MAX_REPEAT, _ops.MIN_REPEAT, _ops.POSSESSIVE_REPEAT) and argument[0] >= 1:
            factors += _sequence(argument[2])  # (min, max, items)
        elif op is _ops.BRANCH:  # (None, [items of each branch])
            branches = [_most_selective(_sequence(branch)) for branch in argument[1]]
            if all(branches):
                factors.append(frozenset().union(*(b for b in branches if b)))
        # classes, anchors, look-arounds, back-references and optional parts require no literal
    if run:
        factors.append(frozenset({"".join(run)}))
    return factors


def _most_selective(factors: list[frozenset[str]]) -> frozenset[str] | None:
    """The factor whose shortest string is longest (the rarest to find by chance), or None when there is none."""
    return max(factors, key=lambda factor: min(map(len, factor)), default=None)
