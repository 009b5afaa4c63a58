"""The comparison as one self-contained HTML file, with the single report's style and safety rules:
autoescaped strings, the same Content-Security-Policy, links only to http(s) URLs, no scripts, nothing loaded
from outside."""

from __future__ import annotations

from importlib import resources

from markupsafe import Markup

from auditor.compare import Comparison
from auditor.report.html import CONTENT_SECURITY_POLICY, _environment
from auditor.report.markdown import VERDICT

STATUS_LABEL = {"pass": "Pass", "warn": "Warn", "fail": "Fail", "error": "Error", "not-applicable": "N/A",
                "unverified": "Unverified", "exempt": "Exempt", "manual": "Confirm"}


def render(comparison: Comparison) -> str:
    """The comparison as one HTML document."""
    css = resources.files("report_templates").joinpath("report.css").read_text(encoding="utf-8")
    if "<" in css:  # our own stylesheet, inserted unescaped so its quotes survive; it must not be able to end <style>
        raise ValueError("report.css must not contain '<'")
    return _environment().get_template("compare.html.j2").render(
        c=comparison, css=Markup(css), csp=CONTENT_SECURITY_POLICY, status_label=STATUS_LABEL, verdicts=VERDICT)
