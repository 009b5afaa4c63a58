"""Stable identities for findings, shared by SARIF output and baseline comparison.

A finding is the same finding while the same check finds the same thing in the same place: its identity is the
check id, the finding's `code` (what was found, a slug the check sets), the normalised page URL and the evidence
quoted from the page (numbers, dates, case and whitespace ignored). The message is the tool's own wording and
never part of it, so rewording a message neither reopens a code-scanning alert nor breaks a baseline diff.
"""

from __future__ import annotations

import hashlib
import re

from auditor.model import Finding
from auditor.urls import normalise


def fingerprint(check_id: str, finding: Finding) -> str:
    """Check id + code + normalised page URL + normalised quoted evidence (never the message)."""
    evidence = re.sub(r"\d+", "#", " ".join((finding.excerpt or "").lower().split()))
    key = f"{check_id}|{finding.code or ''}|{normalise(finding.url) if finding.url else ''}|{evidence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
