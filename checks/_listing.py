"""Helpers the built-in checks share for the listing's own fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Outcome
from auditor.marketplaces import GENERIC
from auditor.model import Evidence, Finding, Image, Listing


def field_length(listing: Listing, field: str, label: str, min_chars: int, max_chars: int,
                 short_score: float) -> Outcome:
    """Fail when the field is missing or longer than `max_chars`; `short_score` when under `min_chars`."""
    value = " ".join((getattr(listing, field) or "").split())
    if not value:
        return Outcome.failed(f"The listing has no {label}.", [Finding(f"No {label}", url=listing.url)])
    size = len(value)
    evidence = [Finding(f"{label.capitalize()}: {size} characters", url=listing.url, excerpt=value)]
    if size > max_chars:
        return Outcome.failed(f"The {label} is {size} characters, over the {max_chars}-character limit.", evidence)
    if size < min_chars:
        return Outcome.partial(short_score, f"The {label} is only {size} characters ({min_chars} or more wanted).",
                               evidence)
    return Outcome.passed(f"The {label} is {size} characters ({min_chars}-{max_chars} wanted).", evidence)


def store_screenshots(ev: Evidence) -> list[Image]:
    """The screenshots the store counts against its limits: those of the surface its profile counts (Shopify's
    3-6 are desktop shots; mobile and point-of-sale shots come on top) and never a promotional image."""
    surface = ev.profile.limit("screenshots", "counts")
    return [shot for shot in ev.listing.screenshots
            if shot.kind != "promotional" and (surface is None or shot.kind in (surface, None))]


def counted_noun(ev: Evidence, field: str) -> str:
    """What the store counts of a list field, in words: "desktop screenshots" where its profile counts one surface,
    else the field's name."""
    surface = ev.profile.limit(field, "counts")
    return f"{surface} {field}" if surface else field


def feature_image(listing: Listing) -> Image | None:
    """The promotional image the listing shows beside its screenshots, if the page marks one."""
    return next((shot for shot in listing.screenshots if shot.kind == "promotional"), None)


def store_limit(ev: Evidence, field: str, key: str, default: Any) -> Any:
    """A known store's own limit for a field (None where it publishes none), or `default` when the store is not
    known: a listing is held to its store's numbers, and to the recommendation only where no store is known."""
    return default if ev.profile.id == GENERIC else ev.profile.limit(field, key)


def copy_fields(listing: Listing) -> dict[str, str]:
    """The listing's marketing copy by field name: name, tagline, description and each feature."""
    fields = {"name": listing.name or "", "tagline": listing.tagline or "", "description": listing.description or ""}
    fields.update({f"feature {i}": text for i, text in enumerate(listing.features, 1)})
    return {name: text for name, text in fields.items() if text.strip()}


def review_total(listing: Listing) -> int | None:
    """The listing's review count, else the number of reviews shown; None when it shows neither."""
    if listing.review_count is not None:
        return listing.review_count
    return len(listing.reviews) if listing.reviews else None


def average_rating(listing: Listing) -> float | None:
    """The listing's aggregate rating, else the mean of the ratings shown, on a 5-star scale; None when there are
    none."""
    to_five = 5.0 / (listing.rating_scale or 5.0)
    if listing.rating is not None:
        return listing.rating * to_five
    ratings = [r.rating for r in listing.reviews if r.rating is not None]
    return sum(ratings) / len(ratings) * to_five if ratings else None


def count_in_range(count: int, noun: str, url: str, th: Mapping[str, Any]) -> tuple[float, list[Finding]]:
    """How a number of listing items (screenshots, features) scores against thresholds `min_count` and
    `max_count` (None: no cap): proportional below the minimum, `over_max_score` above the maximum, and the finding
    that says so."""
    if th["max_count"] is not None and count > th["max_count"]:
        return th["over_max_score"], [Finding(f"{count} {noun}; stores show at most {th['max_count']}", url=url)]
    if count < th["min_count"]:
        return count / th["min_count"], [Finding(f"Only {count} {noun} ({th['min_count']} or more wanted)", url=url)]
    return 1.0, []
