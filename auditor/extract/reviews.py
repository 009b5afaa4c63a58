"""The reviews a listing shows: schema.org Review items, or repeated review blocks, with the vendor's replies."""

from __future__ import annotations

import re
from typing import Any

from bs4 import Tag

from auditor.extract.dates import first_date_in, parse_date
from auditor.extract.numbers import decimal
from auditor.extract.page import ListingPage, label_of, text_of
from auditor.extract.sections import matching
from auditor.extract.structured import Structured, as_list
from auditor.extract.structured import text_of as data_text
from auditor.model import Review

_STARS_LABEL = re.compile(r"\b([1-5](?:[.,]\d)?)\s*(?:stars?\s*)?(?:out of|of|von|sur|de|su|van|/)\s*5", re.I)


def shown_reviews(page: ListingPage, app: dict[str, Any]) -> list[Review]:
    """The reviews on the page (its markup first, schema.org's list when the markup has none)."""
    return _dom_reviews(page) or _structured_reviews(app, page.data)


def _dom_reviews(page: ListingPage) -> list[Review]:
    root = page.content
    blocks = root.find_all(attrs={"itemtype": re.compile(r"schema\.org/Review$", re.I)}) or [
        t for t in matching(root, "review|review-?card|review-?item") if t.name in ("article", "li", "div")
        and not t.find_all(attrs={"class": re.compile(r"(^|[\s-])review(-card|-item)?($|\s)", re.I)})
    ]
    reviews = []
    for block in blocks:
        reply_tag = next(iter(matching(block, "vendor-?reply|developer-?(reply|response)|reply|response")), None)
        reply = text_of(reply_tag)
        body = block.find(attrs={"itemprop": "reviewBody"}) or next(
            (p for p in block.find_all("p") if reply_tag is None or reply_tag not in p.parents), None) or block
        when = block.find("time")
        reviews.append(Review(
            rating=_review_rating(block),
            date=parse_date(when.get("datetime") or text_of(when)) if when else first_date_in(text_of(block) or ""),
            text=text_of(body) or "", reply=reply, author=text_of(block.find(attrs={"itemprop": "author"})),
        ))
    return [r for r in reviews if r.text or r.rating is not None]


def _review_rating(block: Tag) -> float | None:
    value = block.find(attrs={"itemprop": "ratingValue"})
    if value is not None:
        return decimal(value.get("content") or text_of(value))
    for tag in block.find_all(True):
        if (match := _STARS_LABEL.search(label_of(tag))):
            return decimal(match.group(1))
    stars = (text_of(block) or "").count("★")
    return float(stars) if 0 < stars <= 5 else None


def _structured_reviews(app: dict[str, Any], data: Structured) -> list[Review]:
    reviews = []
    for node in as_list(app.get("review")) or data.all(frozenset({"Review"})):
        if not isinstance(node, dict):
            continue
        rating = node.get("reviewRating")
        reviews.append(Review(
            rating=decimal(rating.get("ratingValue")) if isinstance(rating, dict) else None,
            date=parse_date(data_text(node.get("datePublished"))), text=data_text(node.get("reviewBody")) or "",
            author=data_text(node.get("author")),
        ))
    return reviews
