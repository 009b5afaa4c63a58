"""JUnit XML for CI test tabs: a test suite per category, a test case per check."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from auditor.model import CheckResult, Report


def render(report: Report) -> str:
    """The report as JUnit XML; failures carry the findings and the fix."""
    root = ET.Element("testsuites", name="listing-audit", tests=str(len(report.checks)))
    failures = errors = skipped = 0
    for category in report.categories.values():
        members = [c for c in report.checks if c.category == category.id]
        suite = ET.SubElement(root, "testsuite", name=f"listing-audit.{category.id}", tests=str(len(members)))
        counts = {"failures": 0, "errors": 0, "skipped": 0}
        for check in members:
            kind = _case(suite, check, report)
            if kind:
                counts[kind] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
        failures += counts["failures"]
        errors += counts["errors"]
        skipped += counts["skipped"]
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    root.set("skipped", str(skipped))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _case(suite: ET.Element, check: CheckResult, report: Report) -> str | None:
    # requirements and recommendations apart, as CI dashboards group test cases by class name
    case = ET.SubElement(suite, "testcase", classname=f"listing-audit.{check.level}.{check.category}",
                         name=f"{check.id} {check.title}", file=report.target)
    details = "\n".join([check.summary, *(f"- {f.message}" + (f" ({f.url})" if f.url else "") for f in check.findings),
                         f"How to fix: {check.fix}"])
    if check.status == "fail":
        ET.SubElement(case, "failure", message=_xml_safe(check.summary), type="fail").text = _xml_safe(details)
        return "failures"
    if check.status == "warn":  # JUnit has no warning: the case passes and says what to improve
        ET.SubElement(case, "system-out").text = _xml_safe(details)
        return None
    if check.status == "error":
        ET.SubElement(case, "error", message=_xml_safe(check.error or check.summary)).text = _xml_safe(details)
        return "errors"
    if check.status in ("not-applicable", "unverified", "exempt", "manual"):
        ET.SubElement(case, "skipped", message=_xml_safe(check.summary))
        return "skipped"
    return None


def _xml_safe(text: str) -> str:
    """Scraped text may hold control characters XML 1.0 forbids."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20 and ch not in "\ufffe\uffff")
