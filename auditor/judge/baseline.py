"""Comparing a report with a baseline report: what got worse (regressions), what got better, score moves.

A regression is a check that ran in both reports and whose status got worse (pass -> warn -> fail) or
whose score fell by REGRESSION_STEP or more. Checks new to the catalogue are not regressions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor.errors import UsageError
from auditor.jsonfile import read_json
from auditor.judge.fingerprint import fingerprint
from auditor.model import BaselineDiff, CheckChange, Finding, Report

REGRESSION_STEP = 0.05
_RANK = {"pass": 0, "warn": 1, "fail": 2}


def load_report(path: Path) -> dict[str, Any]:
    """A report.json (a baseline, or one side of a comparison); anything else is a UsageError naming the file."""
    data = read_json(path, "report")
    if not isinstance(data, dict) or "schema_version" not in data or not isinstance(data.get("checks"), list):
        raise UsageError(f"{path} is not a listing-audit report.json")
    return data


def same_schema(report: Report, baseline: dict[str, Any]) -> bool:
    """True when both reports share a schema major version, so their findings' identities compare."""
    return str(baseline.get("schema_version", "")).split(".")[0] == report.schema_version.split(".")[0]


def unlike(report: Report, baseline: dict[str, Any]) -> list[str]:
    """Why `baseline` and `report` are not like for like: another profile weighs the categories differently,
    another store judges other rules, another schema major version identifies findings differently."""
    notes = []
    for what, now, then in (("profile", report.profile, baseline.get("profile")),
                            ("marketplace", report.marketplace, baseline.get("marketplace"))):
        if then is not None and then != now:
            notes.append(f"The baseline was judged with {what} {then}, this report with {now}: the deltas mix both.")
    if not same_schema(report, baseline):
        notes.append(f"The baseline has report schema {baseline.get('schema_version')}, this report "
                     f"{report.schema_version}: finding identities changed, so new and fixed findings are not counted.")
    return notes


def compare(report: Report, baseline: dict[str, Any]) -> BaselineDiff:
    """The changes from `baseline` (a report.json as loaded) to `report`, with the reasons they are not like for
    like (`notes`)."""
    before = {c["id"]: c for c in baseline["checks"]}
    regressions, improvements = [], []
    for check in report.checks:
        old = before.get(check.id)
        if old is None or old.get("status") not in _RANK or check.status not in _RANK:
            continue
        change = CheckChange(check.id, check.title, old["status"], check.status, old.get("score"), check.score)
        worse = _RANK[check.status] - _RANK[old["status"]]
        drop = (old.get("score") or 0.0) - (check.score or 0.0)
        if worse > 0 or (worse == 0 and drop >= REGRESSION_STEP):
            regressions.append(change)
        elif worse < 0 or drop <= -REGRESSION_STEP:
            improvements.append(change)
    old_prints: set[str] = set()
    new_prints: set[str] = set()
    if same_schema(report, baseline):  # identities of another schema major version do not compare
        old_prints = {fingerprint(c["id"], Finding(f["message"], f.get("url"), f.get("excerpt"), f.get("code")))
                      for c in baseline["checks"] if c.get("status") in ("warn", "fail")
                      for f in c.get("findings", [])}
        new_prints = {fingerprint(c.id, f) for c in report.checks if c.status in ("warn", "fail") for f in c.findings}
    categories = baseline.get("categories", {})
    return BaselineDiff(
        baseline_generated_at=str(baseline.get("generated_at", "")),
        baseline_score=float(baseline.get("score", 0.0)),
        score_delta=round(report.score - float(baseline.get("score", 0.0)), 1),
        category_deltas={k: (round(c.score - categories[k]["score"], 1)
                             if c.score is not None and categories.get(k, {}).get("score") is not None else None)
                         for k, c in report.categories.items()},
        regressions=regressions, improvements=improvements,
        new_findings=len(new_prints - old_prints), fixed_findings=len(old_prints - new_prints),
        notes=unlike(report, baseline),
    )
