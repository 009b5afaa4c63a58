"""Helpers the built-in checks share for reviews: telling a complaint from praise, and sorting complaints by theme.

A review is *critical* when it rates `complaint_max_rating` or lower, or below `praise_min_rating` with negative
wording ("4 stars: great, but sync is broken"); a top-rated review is praise even when it says "the history shows why
a record failed". A critical review *complains about* a theme when it names one of the theme's terms (or matches one
of its patterns, e.g. "took two weeks").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from auditor.model import Finding, Review
from checks._text import excerpt, matches, terms_in

#: wording that turns a review rated below the top into a complaint
NEGATIVE_TERMS = (
    "bug", "bugs", "buggy", "broken", "slow", "terrible", "awful", "horrible", "poor", "useless",
    "frustrating", "frustrated", "problem", "problems", "issue", "issues", "fails", "failed", "failing",
    "doesn't work", "does not work", "didn't work", "stopped working", "no response", "never",
    "waste", "confusing", "complicated", "difficult", "disappointed", "disappointing", "unresponsive",
    "expensive", "overpriced", "nightmare", "worst", "duplicate", "duplicates", "missing", "wrong", "error",
    "errors", "lost", "fiddly", "tricky", "clunky", "cumbersome", "tedious", "painful",
)

#: what reviews complain about, by theme
COMPLAINT_THEMES: Mapping[str, tuple[str, ...]] = {
    "setup": ("setup", "set up", "install", "installation", "onboarding", "configure", "configuration",
              "getting started"),
    "support": ("support", "customer service", "response", "respond", "responded", "reply", "replied",
                "ticket", "help desk"),
    "sync": ("sync", "syncing", "synced", "duplicate", "duplicates", "missing data", "data loss",
             "out of sync", "not updating", "mapping"),
    "pricing": ("price", "pricing", "expensive", "overpriced", "cost", "costs", "billing", "billed",
                "charged", "refund", "subscription"),
}


#: the thresholds that define a complaint, shared by every check that reads complaints so they agree on one review
COMPLAINT_THRESHOLDS: Mapping[str, Any] = {
    "complaint_max_rating": 3,
    "praise_min_rating": 5,
    "negative_terms": NEGATIVE_TERMS,
}


def is_critical(review: Review, th: Mapping[str, Any], negative_patterns: Sequence[str] = ()) -> bool:
    """A low rating, or negative wording (a term of `negative_terms` or a match of `negative_patterns`) below a
    top rating."""
    if review.rating is not None and review.rating >= th["praise_min_rating"]:
        return False
    low = review.rating is not None and review.rating <= th["complaint_max_rating"]
    return low or bool(terms_in(review.text, th["negative_terms"]) or matches(review.text, negative_patterns))


def theme_hit(text: str, terms: Iterable[str], patterns: Sequence[str] = ()) -> str | None:
    """The first term of the theme named in `text`, else the first phrase matching one of its patterns."""
    hits = terms_in(text, terms)
    if hits:
        return hits[0]
    found = matches(text, patterns)
    return found[0].group(0) if found else None


Complaint = tuple[Review, str]  # the review and the term or phrase that ties it to the theme


def complaints(reviews: Iterable[Review], themes: Mapping[str, Iterable[str]], th: Mapping[str, Any],
               patterns: Mapping[str, Sequence[str]] | None = None) -> dict[str, list[Complaint]]:
    """For each theme, the critical reviews that complain about it (a review may complain about several).
    A theme's `patterns` also count as negative wording: "setup took two weeks" is a complaint at 4 stars."""
    patterns = patterns or {}
    found: dict[str, list[Complaint]] = {}
    for theme, terms in themes.items():
        terms, extra = list(terms), patterns.get(theme, ())
        found[theme] = [(r, hit) for r in reviews
                        if is_critical(r, th, extra) and (hit := theme_hit(r.text, terms, extra))]
    return found


def complaint_finding(message: str, complaint: Complaint, url: str) -> Finding:
    """A finding quoting the review around the words that make it a complaint."""
    review, hit = complaint
    rating = f"{review.rating:g}-star review" if review.rating is not None else "Review"
    return Finding(f"{message} ({rating}, {review.date or 'undated'})", url=url, excerpt=excerpt(review.text, hit))


def with_text(reviews: Iterable[Review]) -> list[Review]:
    """The reviews that say something."""
    return [r for r in reviews if r.text.strip()]
