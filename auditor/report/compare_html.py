"""The comparison as one self-contained HTML file, with the single report's style and safety rules:
autoescaped strings, the same Content-Security-Policy, links only to http(s) URLs, no scripts, nothing loaded
from outside."""

from __future__ import annotations

from auditor.compare import Comparison
from auditor.report.html import CONTENT_SECURITY_POLICY, stylesheet
from auditor.report.markdown import VERDICT
from auditor.report.templates import environment


def render(comparison: Comparison) -> str:
    """The comparison as one HTML document."""
    return environment().get_template("compare.html.j2").render(
        c=comparison, css=stylesheet(), csp=CONTENT_SECURITY_POLICY, verdicts=VERDICT)
