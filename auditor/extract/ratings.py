"""The listing's own rating, its number of ratings and its star distribution, in every common written form.

Embedded data first (schema.org `aggregateRating`: exact where the page rounds), then labels
(`aria-label="Rated 4.5 out of 5 stars"`), then the visible text: "4.5 out of 5", "4.5/5", "4,5 von 5",
"4.4 ★ · 87 reviews", "4.7 (1,214)", "Rated 4.5/5 by 1.2K users", "3.0 (1 review)", "★4.6（312件のレビュー）",
value and count in separate elements. A score out of 100 is not a rating; another listing's card (a link to
another page with its picture) and the related-listings sections are never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bs4 import NavigableString, Tag

from auditor.extract.numbers import COUNT, count, decimal
from auditor.extract.page import ListingPage, label_of, text_of
from auditor.extract.structured import as_list
from auditor.vocab import words

_FIVE = r"(?:5|five|fünf|cinq|cinco|cinque|vijf)(?![\d.,])"
_STARS = r"(?:stars?|sterne?n?|étoiles?|estrellas?|estrelas?|stelle|sterren|★)"
_VALUE = r"(\d[.,]\d{1,3}|[0-5])(?![\d.,]?\d)"
_OUT_OF = r"(?:out\s+of|of|von|sur|de|su|van|/|／)"
#: "4.5 out of 5", "4,5 von 5 Sternen", "4.3 stars out of five", "4.5/5"
_OUT_OF_FIVE = re.compile(rf"{_VALUE}\s*(?:{_STARS}\s*)?{_OUT_OF}\s*{_FIVE}", re.I)
#: "5つ星のうち4.5"
_JAPANESE = re.compile(r"5つ星のうち\s*(\d[.,]\d)")
#: "★4.6", "4.4 ★", "4.3 star", "4,2 Sterne"
_STAR_NEXT = re.compile(rf"★\s*(\d[.,]\d)|(\d[.,]\d)\s*{_STARS}(?![\w])", re.I)
#: "Rating 4.8", "Average rating: 4.3", "Bewertung 4,5"
_LABELLED = re.compile(r"(?:average\s+rating|overall\s+rating|rating|bewertung|note|évaluation|valoración|"
                       r"calificación|puntuación|avaliação|classificação|valutazione|beoordeling|評価)\s*[:：]?\s*"
                       r"(\d[.,]\d)(?![\d.,]?\d)", re.I)
#: a rating followed by its count in parentheses: "4.7 (1,214)", "4.4 ( 42 ratings )", "★4.6（312件のレビュー）"
_WITH_COUNT = re.compile(rf"(\d[.,]\d)\s*[★☆]*\s*[(（]\s*({COUNT})\s*\+?\s*([^)）]{{0,20}})[)）]")
#: a rating and its count side by side: "4.1 · 268 reviews", "4,5 | 1.038 reseñas"
_BESIDE_COUNT = re.compile(rf"(\d[.,]\d)\s*[·•|]\s*({COUNT})\+?\s*([^\W\d_]+(?:\s+[^\W\d_]+)?)", re.I)
#: "Rated 4.5/5 by 1.2K users", "127 users rated this item"
_USERS = re.compile(rf"\bby\s+({COUNT})\+?\s+users\b|({COUNT})\+?\s+users\s+rated\b", re.I)
_NUMBER_THEN_NOUN = re.compile(rf"({COUNT})\+?\s*([^\W\d_]+(?:\s+[^\W\d_]+)?|件のレビュー|件の評価|件)", re.I)
#: what may stand between a rating and its count: the word "stars" and the star glyphs of the widget
_LEADING_STARS = re.compile(r"^\s*(?:stars?|sterne?n?|étoiles?|estrellas?|estrelas?|stelle|sterren)?[\s★☆⯪✩✭✮½]*", re.I)
_OUT_OF_HUNDRED = re.compile(r"\d{1,3}\s*(?:%|out\s+of\s+100|/\s*100|von\s+100|sur\s+100|de\s+100|su\s+100)", re.I)


@dataclass
class Ratings:
    """What the page says of its ratings; a field it does not say stays None (or empty)."""

    rating: float | None = None
    count: int | None = None
    scale: float = 5.0
    distribution: dict[str, int] = field(default_factory=dict)


def read_ratings(page: ListingPage) -> Ratings:
    """The listing's rating, count and distribution, from the most exact source that has each."""
    found = _structured(page)
    if found.rating is None or found.count is None:
        shown = _shown(page)
        found.rating = found.rating if found.rating is not None else shown.rating
        found.count = found.count if found.count is not None else shown.count
    if found.rating is not None and found.rating == 0 and not found.count:
        found.rating = None  # "0.0 stars" with no ratings is an empty widget, not a rating
    if found.rating is None and not found.count and words("no_reviews").found(page.text):
        found.count = 0
    found.distribution = distribution(page)
    return found


# ------------------------------------------------------------ embedded data


def _structured(page: ListingPage) -> Ratings:
    app = page.data.first(frozenset({"SoftwareApplication", "WebApplication", "MobileApplication",
                                     "MobileSoftwareApplication", "VideoGame", "Product", "WebContent"}))
    aggregate = app.get("aggregateRating")
    if not isinstance(aggregate, dict):
        standalone = page.data.all(frozenset({"AggregateRating"}))
        aggregate = standalone[0] if len(standalone) == 1 else {}
    rating = decimal(_scalar(aggregate.get("ratingValue")))
    best = decimal(_scalar(aggregate.get("bestRating"))) or 5.0
    amount = count(_scalar(aggregate.get("ratingCount"))) if aggregate.get("ratingCount") is not None else None
    if amount is None:
        amount = count(_scalar(aggregate.get("reviewCount")))
    if rating is not None and best not in (5.0, 0.0) and best > 0:
        rating = round(rating * 5.0 / best, 6) if best in (10.0, 100.0) else rating
    return Ratings(rating=rating, count=amount, scale=5.0 if best in (10.0, 100.0) else best)


def _scalar(value: Any) -> Any:
    values = as_list(value)
    return values[0] if values else None


# ------------------------------------------------------------ what the page shows


def _shown(page: ListingPage) -> Ratings:
    """The first rating the content shows, labels and text read in document order, and the count beside it."""
    rating, amount = _parse(_rating_text(page))
    return Ratings(rating=rating, count=amount)


def _parse(text: str) -> tuple[float | None, int | None]:
    """The first rating in `text` and the count written within a few words after it."""
    cleaned = _OUT_OF_HUNDRED.sub(" ", text)
    candidates: list[tuple[int, float, int | None]] = []
    for match in _WITH_COUNT.finditer(cleaned):
        noun = match.group(3).strip()
        before = cleaned[max(0, match.start() - 40): match.start()]
        if noun and not words("review_nouns").found(noun):
            continue
        if not noun and not (words("review_nouns").found(before) or "★" in cleaned[match.start(): match.end()]):
            continue
        candidates.append((match.start(), float(match.group(1).replace(",", ".")), count(match.group(2))))
    for match in _BESIDE_COUNT.finditer(cleaned):
        if words("review_nouns").found(match.group(3)):
            candidates.append((match.start(), float(match.group(1).replace(",", ".")), count(match.group(2))))
    for pattern in (_OUT_OF_FIVE, _JAPANESE, _STAR_NEXT, _LABELLED):
        for match in pattern.finditer(cleaned):
            value = next(g for g in match.groups() if g)
            candidates.append((match.start(), float(value.replace(",", ".")), _count_after(cleaned, match.end())))
    candidates = [c for c in candidates if 0 <= c[1] <= 5]
    if not candidates:
        return None, _first_count(cleaned)
    start, rating, amount = min(candidates, key=lambda c: c[0])
    return rating, amount


def _count_after(text: str, end: int) -> int | None:
    """The count of ratings written just after a rating ("· 87 reviews", "(2,310)", "by 1.2K users")."""
    window = _LEADING_STARS.sub("", text[end: end + 80])
    users = _USERS.search(window)
    if users:
        return count(users.group(1) or users.group(2))
    paren = re.match(rf"\s*[·•|,\-–—]?\s*[(（]\s*({COUNT})\s*\+?\s*([^)）]{{0,20}})[)）]", window)
    if paren and (not paren.group(2).strip() or words("review_nouns").found(paren.group(2))):
        return count(paren.group(1))
    return _first_count(window[:60])


def _first_count(text: str) -> int | None:
    """The first "N reviews" / "N Bewertungen" / "N件" in `text`."""
    users = _USERS.search(text)
    for match in _NUMBER_THEN_NOUN.finditer(text):
        if words("review_nouns").found(match.group(2)):
            found = count(match.group(1))
            if users and users.start() < match.start():
                break
            return found
    return count(users.group(1) or users.group(2)) if users else None


def _rating_text(page: ListingPage) -> str:
    """The content's text with each element's label (`aria-label`, `title`) in its place, other listings' cards
    left out: a star widget's "Rated 4.5 out of 5" reads where it stands."""
    pieces = []
    for node in page.content.descendants:
        if isinstance(node, Tag):
            label = label_of(node)
            if label and len(label) <= 160 and not page.in_card(node):
                pieces.append(f" {label} ")
        elif isinstance(node, NavigableString) and node.strip() and not page.in_card(node):
            pieces.append(" ".join(node.split()))
    return " ".join(pieces)


# ------------------------------------------------------------ the star distribution


def distribution(page: ListingPage) -> dict[str, int]:
    """Counts per star level, from a block of five rows "5 … n", "4 … n", …, "1 … n" (labels or text)."""
    for block in page.content.find_all(["ul", "ol", "table", "div", "section"]):
        rows = list(block.find_all(["li", "tr", "div"], recursive=False))
        if not 5 <= len(rows) <= 6:
            continue
        counts: dict[str, int] = {}
        for row in rows:
            text = text_of(row) or ""
            star = re.match(r"\s*([1-5])(?:\s*(?:stars?|★|sterne?|étoiles?|estrellas?|stelle|sterren))?\b", text, re.I)
            if not star:
                continue
            labelled = [count(m.group(1)) for t in row.find_all(True) if (lab := label_of(t))
                        for m in [re.search(rf"({COUNT})\s+(?:total\s+)?(?:\w+\s+)?(?:reviews|ratings)", lab, re.I)]
                        if m]
            rest = text[star.end():]
            numbers = [count(n) for n in re.findall(rf"(?<![\d.,])({COUNT})(?!\s*%)(?![\d.,])", rest)]
            value = next((n for n in labelled if n is not None), None)
            if value is None:
                value = next((n for n in reversed(numbers) if n is not None), None)
            if value is not None:
                counts[star.group(1)] = value
        if set(counts) == {"1", "2", "3", "4", "5"}:
            return dict(sorted(counts.items(), reverse=True))
    return {}
