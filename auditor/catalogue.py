"""The check catalogue as a table, JSON or the Markdown rule reference (docs/rules.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from auditor.judge.check import CATEGORY_TITLES, Check
from auditor.judge.scoring import PROFILE_REASONS, PROFILES


def select(checks: Iterable[Check], category: str | None = None, marketplace: str | None = None) -> list[Check]:
    """The checks of one category and/or those that apply on one marketplace."""
    return [c for c in checks if (category is None or c.category == category)
            and (marketplace is None or c.applies_to(marketplace))]


def as_table(checks: Sequence[Check]) -> str:
    """One line a check, aligned, for a terminal."""
    lines = [f"{'ID':<13} {'CATEGORY':<14} {'WEIGHT':<6} {'SEVERITY':<9} {'LEVEL':<15} TITLE"]
    for c in checks:
        lines.append(f"{c.id:<13} {c.category:<14} {c.weight:<6g} {c.severity:<9} {_level(c):<15} {c.title}")
    return "\n".join(lines)


def as_json(checks: Sequence[Check]) -> str:
    """Every check's metadata (everything but its function)."""
    return json.dumps([metadata(c) for c in checks], indent=2, ensure_ascii=False)


def metadata(check: Check) -> dict[str, Any]:
    """A check's declared data as plain JSON-ready values."""
    return {
        "id": check.id, "category": check.category, "title": check.title, "failure_title": check.failure_title,
        "severity": check.severity, "weight": check.weight, "level": check.level, "field": check.field,
        "kinds": list(check.kinds), "family": check.family, "needs": list(check.needs),
        "marketplaces": list(check.marketplaces), "rationale": check.rationale, "fix": check.fix,
        "thresholds": json.loads(json.dumps(dict(check.thresholds), default=list)), "sources": list(check.sources),
    }


def as_markdown(checks: Sequence[Check]) -> str:
    """The rule reference: profiles, then one section a check, grouped by category."""
    out = ["# Rule reference", "",
           "Generated from the checks' metadata by `listing-audit checks --format markdown`; "
           "`tests/test_catalogue_docs.py` keeps this file in sync.", "",
           "## Profiles", "", "| profile | " + " | ".join(CATEGORY_TITLES.values()) + " | why |",
           "|---|" + "---|" * (len(CATEGORY_TITLES) + 1)]
    for name, weights in PROFILES.items():
        cells = " | ".join(f"{weights[c]:g}" for c in CATEGORY_TITLES)
        out.append(f"| `{name}` | {cells} | {PROFILE_REASONS[name]} |")
    out += ["", "## Checks", "",
            "A **requirement** is a store's published rule: failing it blocks approval, so the listing is not ready. A "
            "**recommendation** is a best practice: it weighs half as much and never blocks. A cross-store check on a "
            "field a store requires (its profile, [docs/stores.md](stores.md)) is a requirement on that store; on a "
            "store that shows no such field it does not apply. Checks of one **family** test one fault and are "
            "charged once.",
            "", "| id | category | title | weight | severity | level | family |", "|---|---|---|---|---|---|---|"]
    out += [f"| [{c.id}](#{c.id.lower()}) | {c.category} | {c.title} | {c.weight:g} | {c.severity} | {_level(c)} | "
            f"{c.family or ''} |" for c in checks]
    for category, title in CATEGORY_TITLES.items():
        members = [c for c in checks if c.category == category]
        if members:
            out += ["", f"## {title}"]
            for check in members:
                out += _section(check)
    return "\n".join(out) + "\n"


def _section(c: Check) -> list[str]:
    lines = ["", f"### {c.id}", "", f"**{c.title}** (when failing: *{c.failure_title}*)", "",
             f"Severity {c.severity} · weight {c.weight:g} · {_level(c)}"
             + f" · applies to {', '.join(c.marketplaces) or 'every marketplace'}"
             + (f" · judges the store's `{c.field}` field" if c.field else "")
             + (f" · {' and '.join(c.kinds)} listings only" if len(c.kinds) == 1 else "")
             + (f" · family `{c.family}`" + (" (root)" if c.family_root else "") if c.family else "")
             + (f" · reads the linked {', '.join(c.needs)} pages" if c.needs else ""), "",
             f"**Why it matters.** {c.rationale}", "", f"**How to fix.** {c.fix}"]
    if c.thresholds:
        lines += ["", "**Thresholds.**", ""]
        lines += [f"- `{key}`: {_value(value)}" for key, value in c.thresholds.items()]
    if c.sources:
        lines += ["", "**Sources.**", ""] + [f"- <{url}>" for url in c.sources]
    return lines


def _level(check: Check) -> str:
    """"requirement", "recommendation", or "per store" for a recommendation a store may require."""
    if check.level == "requirement":
        return "requirement"
    return "per store" if check.field is not None and not check.marketplaces else "recommendation"


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return str(value)
