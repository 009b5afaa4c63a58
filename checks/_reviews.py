"""Helpers the built-in checks share for reviews: telling a complaint from praise, and sorting complaints by theme.

A review is *critical* when it rates `complaint_max_rating` or lower, or below `praise_min_rating` with negative
wording ("4 stars: great, but sync is broken"); a top-rated review is praise even when it says "the history shows why
a record failed". A critical review *complains about* a theme when it names one of the theme's terms (or matches one
of its patterns, e.g. "took two weeks").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class ComplaintShare:
    """How many of a listing's reviews complain: the share among the reviews shown and, where the listing shows its
    rating distribution, that share weighted by it (the reviews shown are a sample, often sorted by relevance)."""

    complaining: int
    shown: int
    #: the estimate the check judges: weighted when a distribution is known, else the share among those shown
    rate: float
    #: the share of all ratings that are critical (3 stars or lower), when the distribution is known
    critical_share: float | None = None
    rated: int = 0

    def describe(self, about: str = "") -> str:
        """"1 of 3 reviews shown complain[ about setup]; weighted by the 331 ratings (4% critical), about 4% do"."""
        said = f"{self.complaining} of {self.shown} reviews shown complain{about}"
        if self.critical_share is None:
            return f"{said} ({self.rate:.0%})"
        return (f"{said}; weighted by the listing's {self.rated:,} ratings ({self.critical_share:.0%} of them 3 "
                f"stars or lower), about {self.rate:.0%} of its reviews do")


def complaint_share(reviews: Sequence[Review], complaining: Iterable[Review], distribution: Mapping[str, int],
                    th: Mapping[str, Any]) -> ComplaintShare:
    """The share of a listing's reviews that complain, post-stratified by rating: the complaint rate among the
    critical and among the other reviews shown, each weighted by that group's share of the listing's whole rating
    distribution. A group the page shows no review of takes the rate of all reviews shown."""
    flagged = {id(r) for r in complaining}
    overall = len(flagged) / len(reviews) if reviews else 0.0
    counts = {int(k): v for k, v in distribution.items() if str(k).isdigit() and v}
    total = sum(counts.values())
    if not total:
        return ComplaintShare(len(flagged), len(reviews), overall)
    low = th["complaint_max_rating"]
    critical_share = sum(v for stars, v in counts.items() if stars <= low) / total
    rate = 0.0
    for share, group in ((critical_share, [r for r in reviews if r.rating is not None and r.rating <= low]),
                         (1 - critical_share, [r for r in reviews if r.rating is None or r.rating > low])):
        group_rate = sum(id(r) in flagged for r in group) / len(group) if group else overall
        rate += share * group_rate
    return ComplaintShare(len(flagged), len(reviews), rate, critical_share, total)
