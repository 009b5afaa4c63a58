"""PKG204: enough screenshots, at store size and shape, each with alt text."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.marketplaces import GENERIC
from auditor.model import Evidence, Finding, Image
from checks._listing import count_in_range, counted_noun, store_limit, store_screenshots
from checks._score import share


def size_problem(image: Image, th: Mapping[str, Any]) -> str | None:
    """Why the image is the wrong size or shape by the recommendation (no store known); None when fine or unknown."""
    if not image.width or not image.height:
        return None
    ratio = image.width / image.height
    if image.width < th["min_width"]:
        return f"{image.width}×{image.height} is narrower than {th['min_width']} px"
    if not th["min_aspect"] <= ratio <= th["max_aspect"]:
        return f"{image.width}×{image.height} is not 16:9 or 16:10 (ratio {ratio:.2f})"
    return None


def store_size_problem(image: Image, sizes: list[str]) -> str | None:
    """Why the image is none of the store's sizes (`["1600x900", ...]`); a larger copy of the same shape is one of
    them, as stores serve 2x copies. None when fine or unknown."""
    if not image.width or not image.height:
        return None
    for size in sizes:
        width, height = (int(n) for n in size.split("x"))
        if image.width >= width and abs(image.width / image.height - width / height) < 0.01:
            return None
    return f"{image.width}×{image.height} is not {' or '.join(s.replace('x', '×') for s in sizes)}"


def _problem(ev: Evidence, th: Mapping[str, Any]) -> Callable[[Image], str | None]:
    """The size rule for this listing: its store's sizes, none where the store publishes none, the
    recommendation where no store is known."""
    if ev.profile.id == GENERIC:
        return lambda image: size_problem(image, th)
    sizes = ev.profile.limit("screenshots", "sizes")
    return (lambda image: store_size_problem(image, sizes)) if sizes else (lambda image: None)


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    shots = store_screenshots(ev)
    noun = counted_noun(ev, "screenshots")
    if not shots:
        return Outcome.failed(f"The listing has no {noun}.", [Finding(f"No {noun}", url=ev.listing.url)])
    counts = {"min_count": store_limit(ev, "screenshots", "min", th["min_count"]) or 1,
              "max_count": store_limit(ev, "screenshots", "max", th["max_count"]),
              "over_max_score": th["over_max_score"]}
    sized = [s for s in shots if s.width and s.height]
    problem = _problem(ev, th)
    wrong = {s.url: why for s in sized if (why := problem(s))}
    # alt text is judged where the store asks for it, and on any listing whose store is not known
    judge_alt = bool(store_limit(ev, "screenshots", "alt_text", True))
    no_alt = [s for s in shots if not (s.alt or "").strip()] if judge_alt else []
    count_score, findings = count_in_range(len(shots), noun, ev.listing.url, counts)
    findings += [Finding(f"Wrong size: {why}", url=url, code="wrong-size") for url, why in wrong.items()]
    findings += [Finding("Screenshot without alt text", url=s.url, code="no-alt") for s in no_alt]
    parts = [count_score, share(len(sized) - len(wrong), len(sized))]
    if judge_alt:
        parts.append(share(len(shots) - len(no_alt), len(shots)))
    wanted = (f"{counts['min_count']}-{counts['max_count']}" if counts["max_count"] is not None
              else f"{counts['min_count']} or more")
    unknown = f", {len(shots) - len(sized)} of unknown size" if len(sized) < len(shots) else ""
    alt = f", {len(no_alt)} without alt text" if judge_alt else ""
    summary = f"{len(shots)} {noun} ({wanted} wanted): {len(wrong)} the wrong size or shape{unknown}{alt}."
    return Outcome.partial(sum(parts) / len(parts), summary, findings)


CHECK = Check(
    id="PKG204",
    category="packaging",
    title="Screenshots are sufficient, full-size and described",
    failure_title="Screenshots are missing, too few, too small or undescribed",
    rationale=(
        "Screenshots are how buyers see the integration before installing; Atlassian notes listings that show the "
        "product in action stand out. Shopify wants 3-6 desktop screenshots at 1600×900 (16:9) with alt text, "
        "Slack 1600×1000 (16:10), Microsoft and Google at least 1280 wide, HubSpot up to 8, each with alt text. "
        "A listing is held to its store's count (Shopify counts desktop shots only; mobile, point-of-sale and "
        "promotional images come on top), its store's sizes (a larger copy of the same shape counts) and asked for "
        "alt text only where its store has the field; where no "
        "store is known, 3-8 screenshots with alt text are recommended. Count, size/shape and alt text make up "
        "equal shares of the score; images of unknown size are not judged."
    ),
    fix="Upload at least 3 screenshots (at most 8) of the integration in use, each at least 1280 px wide in "
    "16:9 or 16:10 (e.g. 1600×900), cropped of browser chrome, each with alt text describing it.",
    run=run,
    field="screenshots", family="screenshots",
    weight=3.0,
    severity="high",
    thresholds={"min_count": 3, "max_count": 8, "over_max_score": 0.5, "min_width": 1280,
                "min_aspect": 1.55, "max_aspect": 1.8},
    sources=("https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices",
             "https://docs.slack.dev/slack-marketplace/slack-marketplace-app-guidelines-and-requirements",
             "https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/listing-your-app",
             "https://developers.google.com/workspace/marketplace/create-listing"),
)
