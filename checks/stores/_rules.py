"""Primitives for store rule packs: a store's published requirements as a small declarative table.

Each primitive returns a `Rule` body (a check function plus the thresholds it reads), so a pack is a
list of `rule(...)` rows and `pack(store, rows)` turns it into checks that apply on that store only.
Thresholds, the source URL and the date it was read stay data, shown by `explain` and docs/rules.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditor.check import Category, Check, CheckFunction, Outcome
from auditor.model import Evidence, Finding, Image, Severity
from checks._docs import BROKEN_STATUSES, link_state
from checks._text import excerpt, join, terms_in

#: listing fields the text primitives can read, by the name a rule uses
TEXT_FIELDS: Mapping[str, Callable[[Evidence], str | None]] = {
    "name": lambda ev: ev.listing.name,
    "tagline": lambda ev: ev.listing.tagline,
    "description": lambda ev: ev.listing.description,
    "features": lambda ev: " · ".join(ev.listing.features) or None,
    "developer": lambda ev: ev.listing.developer,
}
#: listing fields the count primitives can read
COUNTED: Mapping[str, Callable[[Evidence], Sequence[Any]]] = {
    "screenshots": lambda ev: ev.listing.screenshots,
    "categories": lambda ev: ev.listing.categories,
    "features": lambda ev: ev.listing.features,
    "pricing_plans": lambda ev: ev.listing.pricing_plans,
    "languages": lambda ev: ev.listing.languages,
}


@dataclass(frozen=True)
class Body:
    """What a primitive builds: the function and the thresholds it reads."""

    run: CheckFunction
    thresholds: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """One row of a store's table."""

    id: str
    title: str
    failure_title: str
    rationale: str
    fix: str
    body: Body
    source: str
    verified: str
    category: Category = "packaging"
    weight: float = 1.0
    severity: Severity = "medium"
    blocker: bool = False


def pack(store: str, rules: Sequence[Rule]) -> list[Check]:
    """The checks of one store's pack; they run only on listings of that store."""
    return [Check(id=r.id, category=r.category, title=r.title, failure_title=r.failure_title, rationale=r.rationale,
                  fix=r.fix, run=r.body.run, weight=r.weight, severity=r.severity, blocker=r.blocker,
                  thresholds=r.body.thresholds, marketplaces=(store,), sources=(r.source,), verified=r.verified)
            for r in rules]


# ---------------------------------------------------------------- primitives


def max_chars(field_name: str, limit: int, *, required: bool = True) -> Body:
    """The field is present (when required) and at most `limit` characters."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        value = (TEXT_FIELDS[th["field"]](ev) or "").strip()
        if not value:
            return (Outcome.failed if th["required"] else Outcome.not_applicable)(f"The listing shows no {th['field']}.")
        evidence = [Finding(f"{th['field']}: {len(value)} characters", url=ev.listing.url, excerpt=value[:160])]
        if len(value) > th["max_chars"]:
            return Outcome.failed(f"The {th['field']} is {len(value)} characters; the store allows {th['max_chars']}.", evidence)
        return Outcome.passed(f"The {th['field']} is {len(value)} characters (at most {th['max_chars']}).", evidence)
    return Body(run, {"field": field_name, "max_chars": limit, "required": required})


def count_between(field_name: str, low: int, high: int | None = None) -> Body:
    """The listing has between `low` and `high` items of a list field (screenshots, categories, ...)."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        count = len(COUNTED[th["field"]](ev))
        wanted = f"{th['min']}-{th['max']}" if th["max"] is not None else f"{th['min']} or more"
        evidence = [Finding(f"{count} {th['field']}", url=ev.listing.url)]
        if count < th["min"] or (th["max"] is not None and count > th["max"]):
            return Outcome.failed(f"The listing has {count} {th['field']}; the store wants {wanted}.", evidence)
        return Outcome.passed(f"The listing has {count} {th['field']} ({wanted} wanted).", evidence)
    return Body(run, {"field": field_name, "min": low, "max": high})


def image_size(field_name: str, width: int, height: int, *, exact: bool = False) -> Body:
    """Each image of `field_name` ("screenshots" or "icon") is at least (or exactly) width x height."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        images: list[Image] = list(ev.listing.screenshots) if th["field"] == "screenshots" else \
            [ev.listing.icon] if ev.listing.icon else []
        if not images:
            return Outcome.failed(f"The listing has no {th['field']}.")
        sized = [i for i in images if i.width and i.height]
        if not sized:
            return Outcome.not_applicable(f"The page does not state the size of the {th['field']}; check them against "
                                          f"{th['width']}×{th['height']} before you submit.")
        def fits(i: Image) -> bool:
            same = (i.width, i.height) == (th["width"], th["height"])
            return same if th["exact"] else bool(i.width >= th["width"] and i.height >= th["height"])
        wrong = [i for i in sized if not fits(i)]
        rule = f"{'exactly' if th['exact'] else 'at least'} {th['width']}×{th['height']}"
        findings = [Finding(f"{i.width}×{i.height}, {rule} wanted", url=i.url) for i in wrong]
        return Outcome.partial(1 - len(wrong) / len(sized), f"{len(sized) - len(wrong)} of {len(sized)} {th['field']} "
                               f"are {rule} px" + (f" ({len(images) - len(sized)} of unknown size)" if len(sized) < len(images) else "") + ".",
                               findings)
    return Body(run, {"field": field_name, "width": width, "height": height, "exact": exact})


def linked(role: str) -> Body:
    """The listing links the vendor's `role` page (privacy, terms, support, setup, ...) and it is not broken."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        url = getattr(ev.listing.links, th["role"])
        if not url:
            return Outcome.failed(f"The listing links no {th['role']} page of the vendor's own.",
                                  [Finding(f"No {th['role']} link", url=ev.listing.url)])
        state = link_state(ev, url, th["broken_statuses"])
        if state == "broken":
            return Outcome.failed(f"The {th['role']} link is broken.", [Finding(f"Broken {th['role']} link", url=url)])
        return Outcome.passed(f"The listing links its {th['role']} page ({state}).", [Finding(f"{th['role']} page", url=url)])
    return Body(run, {"role": role, "broken_statuses": BROKEN_STATUSES})


def no_terms(fields: Sequence[str], terms: Sequence[str]) -> Body:
    """None of `terms` (banned words, claims, trademarks) appears in the listed fields, as whole words."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        findings = []
        for name in th["fields"]:
            text = TEXT_FIELDS[name](ev) or ""
            findings += [Finding(f"\"{term}\" in the {name}", url=ev.listing.url, excerpt=excerpt(text, term))
                         for term in terms_in(text, th["terms"])]
        if findings:
            found = join(sorted({f.message.split('"')[1] for f in findings}))
            return Outcome.failed(f"The store does not allow {found} in the {join(th['fields'])}.", findings)
        return Outcome.passed(f"None of the store's banned terms appear in the {join(th['fields'])}.")
    return Body(run, {"fields": tuple(fields), "terms": tuple(terms)})


def no_pattern(fields: Sequence[str], pattern: str, what: str) -> Body:
    """No match of a regex (statistics, prices, URLs) in the listed fields; `what` names it for the reader."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        rx = re.compile(th["pattern"], re.IGNORECASE)
        findings = [Finding(f"{th['what']} in the {name}: \"{m.group(0).strip()}\"", url=ev.listing.url,
                            excerpt=excerpt(text, m.group(0).strip()))
                    for name in th["fields"] for text in [TEXT_FIELDS[name](ev) or ""] for m in rx.finditer(text)]
        if findings:
            return Outcome.failed(f"{len(findings)} {th['what']} in the {join(th['fields'])}; the store does not allow them.", findings)
        return Outcome.passed(f"No {th['what']} in the {join(th['fields'])}.")
    return Body(run, {"fields": tuple(fields), "pattern": pattern, "what": what})


def not_leading_with(field_name: str, terms: Sequence[str]) -> Body:
    """The field does not start with a platform's trademark ("HubSpot Sync by Acme" is out, "Acme for HubSpot" in)."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        value = (TEXT_FIELDS[th["field"]](ev) or "").strip()
        if not value:
            return Outcome.not_applicable(f"The listing shows no {th['field']}.")
        leading = next((t for t in th["terms"] if re.match(rf"{re.escape(t)}\b", value, re.IGNORECASE)), None)
        if leading:
            return Outcome.failed(f"The {th['field']} starts with the store's trademark \"{leading}\".",
                                  [Finding(f"Leads with \"{leading}\"", url=ev.listing.url, excerpt=value)])
        return Outcome.passed(f"The {th['field']} leads with the vendor's own brand.")
    return Body(run, {"field": field_name, "terms": tuple(terms)})


def confirm(item: str) -> Body:
    """A requirement only the vendor can know: shown in "confirm before you submit", never scored."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        return Outcome.confirm(th["item"])
    return Body(run, {"item": item})
