"""Stable identities for findings, shared by SARIF output and baseline comparison."""

from __future__ import annotations

import hashlib
import re

from auditor.model import Finding
from auditor.urls import normalise


def fingerprint(check_id: str, finding: Finding) -> str:
    """Check id + normalised page URL + normalised evidence; numbers, dates and whitespace do not change it."""
    evidence = re.sub(r"\d+", "#", " ".join(f"{finding.message} {finding.excerpt or ''}".lower().split()))
    key = f"{check_id}|{normalise(finding.url) if finding.url else ''}|{evidence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
