"""The shared helpers of the pack (scope parsing, text matching) on their own."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checks._scopes import OBJECT_NAMES, documented_scopes, scoped_objects
from checks._text import near, noun_forms, sentences_with, terms_in, word_count, word_counts, words
from checks.trust.data_access import CHECK as TRU507
from tests.factories import make_doc


def scopes_in(text: str):
    return {s.name: s for s in documented_scopes([make_doc("/docs/p", text=text)], TRU507.thresholds)}


def test_scopes_of_the_three_shapes_are_read_with_their_object_and_access() -> None:
    found = scopes_in("Scopes: crm.objects.deals.write, chat:write, users:read.email and read_all_orders.")
    assert {n: (s.platform, s.object, s.access) for n, s in found.items()} == {
        "crm.objects.deals.write": ("HubSpot", "deals", "write"),
        "chat:write": ("Slack", "chat", "write"),
        "users:read.email": ("Slack", "users", "read"),
        "read_all_orders": ("Shopify", "all_orders", "read"),
    }


def test_prose_urls_and_schema_scopes_are_not_read_as_scopes() -> None:
    text = ("See https://api.example/read_me at 10:30, a read_only field, mailto:help@acme.example, "
            "crm.schemas.deals.read and com.intuit.quickbooks.accounting.")
    assert scopes_in(text) == {}


def test_a_scope_is_optional_only_when_every_mention_says_so() -> None:
    found = scopes_in("Optional scopes: crm.objects.custom.read. Optional: crm.objects.deals.read. "
                      "We always ask for crm.objects.deals.read.")
    assert found["crm.objects.custom.read"].optional and not found["crm.objects.deals.read"].optional


def test_scoped_objects_merge_aliases_and_match_singular_and_plural() -> None:
    objects = scoped_objects(list(scopes_in("read_orders read_all_orders crm.objects.line_items.read").values()),
                             OBJECT_NAMES)
    assert [(o.name, o.terms) for o in objects] == [("orders", ("orders", "order")),
                                                   ("line items", ("line items", "line item"))]


def test_noun_forms_cover_regular_plurals() -> None:
    assert noun_forms("companies") == ("companies", "company")
    assert noun_forms("company") == ("company", "companies")
    assert noun_forms("private channels") == ("private channels", "private channel")


def test_near_stays_within_the_sentence_and_the_width() -> None:
    assert near("Customers Two-way ↔ Companies", ["companies"], ["two-way"], 40) == "two-way"
    assert near("Companies: two-way. Deals: read only.", ["deals"], ["two-way"], 40) is None
    assert near("Deals " + "x " * 30 + "written", ["deals"], ["written"], 40) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Support", "support team", "help", "Contact us", "é", ".", " ", "! ", "? ", "\n",
                                 "-", "help-desk", "Inc.", "x"]), max_size=30),
       st.lists(st.sampled_from(["support", "support team", "help", "contact us", "help desk", "inc."]), max_size=3))
def test_sentences_with_are_the_sentences_that_name_a_term(pieces: list[str], terms: list[str]) -> None:
    text = "".join(pieces)
    naive = " ".join(s for s in re.split(r"(?<=[.!?])\s+", text) if terms_in(s, terms))
    assert sentences_with(text, terms) == naive


@given(st.lists(st.sampled_from(["Sync", "sync", "deals", "Deals", "the", "2024", "it's", "set-up", "é", "HubSpot",
                                 "a", " ", "\n", ", ", "-"]), max_size=40),
       st.integers(min_value=1, max_value=5), st.booleans())
def test_word_counts_count_every_word_that_is_not_a_stopword_number_or_too_short(
        pieces: list[str], min_length: int, long: bool) -> None:
    # long: past the size from which a text is counted once for every check that asks
    text = "".join(pieces) * (3_000 if long else 1)
    every = words(text)
    assert word_count(text) == len(every)
    expected: dict[str, int] = {}
    for w in every:
        if len(w) >= min_length and w not in {"the", "sync"} and not w.isdigit():
            expected[w] = expected.get(w, 0) + 1
    counted = word_counts(text, min_length, ("the", "sync"))
    assert counted == expected and list(counted) == list(expected), "in the order the words first occur"
