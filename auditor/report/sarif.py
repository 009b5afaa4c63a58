"""SARIF 2.1.0 for code scanning: one result per finding that points at a page, never grades.

Fingerprints are stable across runs: check id + normalised page URL + normalised evidence.
"""

from __future__ import annotations

import json

from auditor.judge.fingerprint import fingerprint
from auditor.model import CheckResult, Finding, Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"fail": "error", "error": "error", "warn": "warning"}


def render(report: Report) -> str:
    """The SARIF log as JSON."""
    failing = [c for c in report.checks if c.status in LEVEL]
    located = [(c, f) for c in failing for f in c.findings
               if f.url and f.url.startswith(("http://", "https://", "file:"))]
    rule_ids = sorted({c.id for c, _ in located})
    by_id = {c.id: c for c in failing}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "listing-audit", "version": report.tool_version, "semanticVersion": report.tool_version,
                "informationUri": "https://github.com/listing-auditor/listing-auditor",
                "rules": [_rule(by_id[i]) for i in rule_ids],
            }},
            "automationDetails": {"id": f"listing-audit/{report.marketplace}/"},
            "results": [_result(c, f, rule_ids.index(c.id)) for c, f in located],
            "properties": {"score": report.score, "verdict": report.verdict, "target": report.target},
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule(check: CheckResult) -> dict[str, object]:
    return {
        "id": check.id,
        "name": check.id,
        "shortDescription": {"text": check.title},
        "fullDescription": {"text": check.summary or check.title},
        "help": {"text": check.fix or check.title},
        "defaultConfiguration": {"level": LEVEL[check.status]},
        # "requirement" (the store's published rule: it blocks approval) or "recommendation" (a best practice)
        "properties": {"category": check.category, "severity": check.severity, "level": check.level,
                       "tags": [check.category, check.level]},
        **({"helpUri": check.sources[0]} if check.sources else {}),
    }


def _result(check: CheckResult, finding: Finding, index: int) -> dict[str, object]:
    message = finding.message + (f": {finding.excerpt}" if finding.excerpt and finding.excerpt != finding.url else "")
    return {
        "ruleId": check.id,
        "ruleIndex": index,
        "level": LEVEL[check.status],
        "message": {"text": f"{message}. {check.fix}".strip()},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": finding.url}}}],
        "partialFingerprints": {"listingAudit/v1": fingerprint(check.id, finding)},
    }
