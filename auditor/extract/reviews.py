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
from auditor.vocab import words

#: a reply heading is a short line ("Acme replied May 2, 2025"); longer text that says "replied" is a review
_REPLY_HEADING_CHARS = 80
_STARS_LABEL = re.compile(r"\b([1-5](?:[.,]\d)?)\s*(?:stars?\s*)?(?:out of|of|von|sur|de|su|van|/)\s*5", re.I)


def shown_reviews(page: ListingPage, app: dict[str, Any]) -> list[Review]:
    """The reviews on the page (its markup first, schema.org's list when the markup has none)."""
    return _dom_reviews(page) or _structured_reviews(app, page.data)


def _dom_reviews(page: ListingPage) -> list[Review]:
    root = page.content
    blocks = root.find_all(None, attrs={"itemtype": re.compile(r"schema\.org/Review$", re.I)}) or [
        t for t in matching(root, "review|review-?card|review-?item") if t.name in ("article", "li", "div")
        and not t.find_all(None, attrs={"class": re.compile(r"(^|[\s-])review(-card|-item)?($|\s)", re.I)})
    ]
    reviews = []
    for block in blocks:
        reply_tag, reply = vendor_reply(block)
        body = block.find(None, attrs={"itemprop": "reviewBody"}) or next(
            (p for p in block.find_all("p") if reply_tag is None or reply_tag not in p.parents), None) or block
        reviews.append(Review(
            rating=_review_rating(block), date=_review_date(block),
            text=text_of(body) or "", reply=reply, author=text_of(block.find(None, attrs={"itemprop": "author"})),
        ))
    return [r for r in reviews if r.text or r.rating is not None]


def _review_date(block: Tag) -> str | None:
    """The date of a review block's <time> (its datetime, else its text), else the first date written in it."""
    when = block.find("time")
    if not when:
        return first_date_in(text_of(block) or "")
    stamp = when.get("datetime")
    return parse_date((stamp if isinstance(stamp, str) else None) or text_of(when))


def vendor_reply(block: Tag) -> tuple[Tag | None, str | None]:
    """The vendor's reply inside one review block, and its text without its heading ("Acme replied May 2, 2025",
    "Developer response" in any vocabulary language). Found by a reply/response marker on an element, else by a
    short line that says it is a reply: the reply is that line's container less the line."""
    tag = next(iter(matching(block, "vendor-?reply|developer-?(reply|response)|reply|response")), None)
    if tag is None:
        heading = next((t for t in block.find_all(True) if _is_reply_heading(t)), None)
        if heading is None:
            return None, None
        tag = heading.parent if heading.parent is not None and heading.parent is not block else heading
    text = text_of(tag) or ""
    for heading in (t for t in tag.find_all(True) if _is_reply_heading(t)):
        text = text.replace(text_of(heading) or "", "", 1)
    return tag, (" ".join(text.split()) or None)


def _is_reply_heading(tag: Tag) -> bool:
    """A short element whose text says it heads a vendor's reply, and none of whose children does ("<p>Acme
    replied <span>May 2</span></p>" is one heading; its date alone is none)."""
    if not _says_reply(tag):
        return False
    return not any(_says_reply(child) for child in tag.find_all(True))


def _says_reply(tag: Tag) -> bool:
    line = text_of(tag) or ""
    return 0 < len(line) <= _REPLY_HEADING_CHARS and words("reply").search(line) is not None


def _review_rating(block: Tag) -> float | None:
    value = block.find(None, attrs={"itemprop": "ratingValue"})
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
