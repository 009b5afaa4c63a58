"""The JSON report: the stable contract (`schema_version`) between the tool, CI and users."""

from __future__ import annotations

import json

from auditor.model import Report
from auditor.serialize import to_data


def render(report: Report) -> str:
    """The report as indented JSON."""
    return json.dumps(to_data(report), indent=2, ensure_ascii=False) + "\n"
