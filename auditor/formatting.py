"""How numbers, dates, durations, counts and lists read in every message and report: one module, so "1 screenshot",
"3.4 of 5 from 1,214 reviews" and "neither … nor" come out the same in the checks' messages, the HTML, the
Markdown, the PDF and the portfolio. Plain English, no locale: a report reads the same on every machine."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def number(value: float | int | None, decimals: int = 0, missing: str = "–") -> str:
    """`1,214`; `3.4` with `decimals=1`; `missing` for None."""
    if value is None:
        return missing
    return f"{value:,.{decimals}f}"


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """`1 page`, `3 pages`, `1,214 reviews` (the count with thousands separators)."""
    return f"{count:,} {noun if count == 1 else plural_form or noun + 's'}"


def join(items: Iterable[str], limit: int = 5) -> str:
    """`a, b, c` with at most `limit` items shown and the rest counted (`a, b and 3 more`)."""
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def and_list(items: Iterable[str], conjunction: str = "and") -> str:
    """`a`, `a and b`, `a, b and c` (or with `conjunction="or"`)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def neither_nor(first: str, second: str) -> str:
    """`neither a nor b`: what a sentence says when both of two things are missing."""
    return f"neither {first} nor {second}"


def rating(value: float | None, scale: float = 5.0, count: int | None = None) -> str:
    """`3.4 of 5 from 57 reviews`: one decimal on its scale, the review count when known; "–" for no rating."""
    text = "–" if value is None else f"{value:.1f} of {scale:g}"
    if count is not None:
        text += f" from {plural(count, 'review')}"
    return text


def score(value: float | None) -> str:
    """A 0-100 score as a whole number; "–" when there is none."""
    return number(value)


def points(gain: float) -> str:
    """The points a fix adds: `+1.1 pts`."""
    return f"+{gain:.1f} pts"


def signed(delta: float | None, decimals: int = 1) -> str:
    """A change with its sign (`+2.5`, `-1.0`, `±0.0`); "" for None."""
    if delta is None:
        return ""
    if round(delta, decimals) == 0:
        return f"±{0:.{decimals}f}"
    return f"{delta:+.{decimals}f}"


def date(stamp: str | None) -> str:
    """An ISO date or timestamp as people write it: `7 December 2026` or `7 December 2026, 13:36 UTC`; the text as
    it is when it is not ISO."""
    if not stamp:
        return "–"
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    day = f"{when.day} {_MONTHS[when.month - 1]} {when.year}"
    if len(stamp) <= 10:  # a date without a time
        return day
    offset = when.utcoffset()
    zone = "UTC" if offset is not None and not offset else (when.strftime("%z") if offset is not None else "")
    return f"{day}, {when:%H:%M}" + (f" {zone}" if zone else "")


def duration(seconds: float | None) -> str:
    """`0.4 s`, `12 s`, `2 min 5 s`, `1 h 3 min`."""
    if seconds is None:
        return "–"
    if seconds < 10:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min" + (f" {secs} s" if secs else "")
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h" + (f" {minutes} min" if minutes else "")


def days(count: int) -> str:
    """`1 day`, `12 days`."""
    return plural(count, "day")


def sentence(text: str) -> str:
    """A fragment as a sentence: its first letter upper-case, a full stop at the end (when it has no ending)."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ":", "…")) else text + "."


def sentences(fragments: Iterable[str]) -> str:
    """Fragments (crawl warnings, notes) joined as sentences: `Stopped at the limit. The budget ran out.`"""
    return " ".join(s for s in map(sentence, fragments) if s)
