"""The one formatting module: counts, numbers, dates, durations and lists read the same everywhere."""

from __future__ import annotations

from auditor import formatting as fmt


def test_counts_are_singular_for_one_and_carry_thousands_separators() -> None:
    assert fmt.plural(1, "screenshot") == "1 screenshot"
    assert fmt.plural(3, "screenshot") == "3 screenshots"
    assert fmt.plural(1214, "review") == "1,214 reviews"
    assert fmt.plural(2, "category", "categories") == "2 categories"
    assert fmt.days(1) == "1 day" and fmt.days(0) == "0 days"


def test_a_rating_has_one_decimal_on_its_scale_and_the_review_count() -> None:
    assert fmt.rating(3.4035086631774902, 4, 57) == "3.4 of 4 from 57 reviews"
    assert fmt.rating(5.0, 5, 1) == "5.0 of 5 from 1 review"
    assert fmt.rating(None) == "–"
    assert fmt.number(1234567) == "1,234,567" and fmt.number(2.345, 1) == "2.3" and fmt.number(None) == "–"


def test_lists_read_as_english() -> None:
    assert fmt.and_list([]) == "" and fmt.and_list(["a"]) == "a"
    assert fmt.and_list(["a", "b"]) == "a and b"
    assert fmt.and_list(["a", "b", "c"], "or") == "a, b or c"
    assert fmt.join(list("abcdefg"), 3) == "a, b, c and 4 more"
    assert fmt.neither_nor("languages", "editions") == "neither languages nor editions"


def test_dates_and_durations_read_as_people_write_them() -> None:
    assert fmt.date("2026-12-07T13:36:51+00:00") == "7 December 2026, 13:36 UTC"
    assert fmt.date("2026-01-31") == "31 January 2026"
    assert fmt.date("2026-01-31T08:05:00+02:00") == "31 January 2026, 08:05 +0200"
    assert fmt.date("last week") == "last week" and fmt.date(None) == "–"
    assert fmt.duration(0.42) == "0.4 s" and fmt.duration(12.4) == "12 s"
    assert fmt.duration(125) == "2 min 5 s" and fmt.duration(120) == "2 min" and fmt.duration(3780) == "1 h 3 min"


def test_signs_points_and_sentences() -> None:
    assert fmt.signed(2.54) == "+2.5" and fmt.signed(-1) == "-1.0" and fmt.signed(0.01) == "±0.0"
    assert fmt.signed(None) == "" and fmt.points(1.06) == "+1.1 pts"
    assert fmt.sentences(["stopped early", "the 4-second time budget ran out; the crawl is partial"]) == (
        "Stopped early. The 4-second time budget ran out; the crawl is partial.")
    assert fmt.sentence("  ") == "" and fmt.sentence("Done!") == "Done!"
