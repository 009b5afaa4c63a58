"""PKG208: no word is repeated so often in the description that it reads as keyword stuffing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._score import penalty
from checks._text import excerpt, join, word_count, word_counts


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    text = ev.listing.description or ""
    if not text.strip():
        return Outcome.not_applicable("The listing has no description (PKG203 reports that).")
    total = word_count(text)
    counts = word_counts(text, th["min_word_length"], th["stopwords"])
    density = {w: n / total for w, n in counts.items()}
    stuffed = [(w, n) for w, n in counts.most_common() if n > th["max_repeats"] and density[w] > th["max_density"]]
    limit = f"more than {th['max_repeats']} times and over {th['max_density']:.0%} of the words"
    if not stuffed:
        top = counts.most_common(1)
        most = f" (most repeated: \"{top[0][0]}\" {top[0][1]} times, {density[top[0][0]]:.1%})" if top else ""
        return Outcome.passed(f"No word appears {limit} in the description{most}.")
    findings = [Finding(f"\"{w}\" appears {n} times ({density[w]:.1%} of the words)", url=ev.listing.url,
                        excerpt=excerpt(text, w)) for w, n in stuffed]
    return Outcome.partial(penalty(len(stuffed), th["penalty_per_word"]),
                           f"{len(stuffed)} words repeated {limit}: {join(f'{w} ({n})' for w, n in stuffed)}.",
                           findings)


CHECK = Check(
    id="PKG208",
    category="packaging",
    title="Description is free of keyword stuffing",
    failure_title="Description repeats keywords",
    rationale=(
        "The Chrome Web Store treats the same keyword repeated more than 5 times as spam; Shopify, Slack, "
        "Microsoft and Atlassian all prohibit keyword stuffing (Atlassian: don't repeat \"Jira\"). Stuffed copy "
        "reads as spam to buyers and reviewers. A word is stuffed when it appears more than 5 times and makes up "
        "more than 3% of the description (the usual keyword-density ceiling), so a long integration description "
        "that names both products a natural number of times is not flagged. Stopwords and numbers are not counted."
    ),
    fix="Rewrite the description so each product or platform name appears a few times at most; use the store's "
    "search-terms field for keywords instead of the copy.",
    run=run,
    field="description", family="keywords",
    weight=1.0,
    severity="medium",
    thresholds={
        "max_repeats": 5,
        "max_density": 0.03,
        "min_word_length": 3,
        "penalty_per_word": 0.25,
        "stopwords": (
            "the", "and", "for", "you", "your", "yours", "with", "that", "this", "these", "those", "are", "was", "were",
            "will", "can", "from", "into", "onto", "our", "ours", "their", "them", "they", "its", "it's", "has", "have",
            "had", "not", "but", "all", "any", "each", "every", "more", "most", "other", "some", "such", "than", "then",
            "too", "very", "just", "also", "when", "where", "which", "who", "whom", "what", "how", "why", "while",
            "about", "above", "after", "again", "against", "before", "below", "between", "both", "during", "few",
            "further", "here", "there", "only", "own", "same", "should", "would", "could", "does", "did", "doing",
            "being", "been", "over", "under", "out", "off", "once", "because", "until", "through", "his", "her",
            "hers", "him", "she", "himself", "herself", "itself", "yourself", "ourselves", "themselves", "may",
            "might", "must", "per", "via", "get", "gets", "use", "uses", "using", "one", "two", "new", "now",
            "like", "make", "makes", "need", "needs", "without", "within", "across", "who's", "you're", "you'll",
        ),
    },
    sources=("https://developer.chrome.com/blog/policy-update-kwspam-and-circumvention",
             "https://developer.atlassian.com/platform/marketplace/marketplace-app-listing-principles/"),
)
