"""Every output format validates: SARIF against the official schema, JUnit through a JUnit reader, the PDF opened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from junitparser import Error, Failure, JUnitXml, Skipped
from pypdf import PdfReader

from auditor.judge.fingerprint import fingerprint
from auditor.report import markdown
from tests.conftest import LOOPBACK, run_cli
from tests.report.test_html_report import hostile_report

SARIF_SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "reference" / "sarif-schema-2.1.0.json"
ALL = "html,json,markdown,sarif,junit,pdf"


@pytest.fixture(scope="module")
def weak_reports(server, tmp_path_factory, browser_available) -> Path:
    out = tmp_path_factory.mktemp("formats")
    result = run_cli("audit", f"{server.url}/weak/listing/", "--out", str(out), "--format", ALL, *LOOPBACK)
    assert result.code == 0, result.stderr
    return out


def test_all_formats_are_written_and_printed(weak_reports):
    names = {p.name for p in weak_reports.iterdir()}
    assert names >= {"report.html", "report.json", "report.md", "report.sarif", "report.junit.xml", "report.pdf"}


def test_sarif_validates_against_the_official_schema(weak_reports):
    log = json.loads((weak_reports / "report.sarif").read_text())
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not available at {SARIF_SCHEMA}")
    import jsonschema

    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text()))


def test_sarif_has_only_located_findings_of_failing_checks(weak_reports):
    report = json.loads((weak_reports / "report.json").read_text())
    log = json.loads((weak_reports / "report.sarif").read_text())
    results = log["runs"][0]["results"]
    assert results, "the weak listing has located findings"
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    for result in results:
        assert statuses[result["ruleId"]] in ("fail", "warn", "error")
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("http")
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results)
    # a check whose findings have no URL (a score-only judgement) never becomes a result
    unlocated = {c["id"] for c in report["checks"]
                 if c["status"] == "fail" and not any(f["url"] for f in c["findings"])}
    assert unlocated and not unlocated & {r["ruleId"] for r in results}


def test_sarif_fingerprints_are_stable_across_runs(server, weak_reports, tmp_path):
    again = run_cli("audit", f"{server.url}/weak/listing/", "--out", str(tmp_path), "--format", "sarif",
                    "--no-browser", *LOOPBACK)
    assert again.code == 0, again.stderr

    def prints(path: Path) -> set[str]:
        return {r["partialFingerprints"]["listingAudit/v1"] for r in json.loads(path.read_text())["runs"][0]["results"]}

    first, second = prints(weak_reports / "report.sarif"), prints(tmp_path / "report.sarif")
    assert first and first == second
    assert len(first) == len(json.loads((tmp_path / "report.sarif").read_text())["runs"][0]["results"])


def test_junit_is_read_by_a_junit_reader_with_one_case_per_check(weak_reports):
    report = json.loads((weak_reports / "report.json").read_text())
    xml = JUnitXml.fromfile(str(weak_reports / "report.junit.xml"))
    cases = [case for suite in xml for case in suite]
    assert len(cases) == len(report["checks"])
    outcome = {case.name.split()[0]: case.result for case in cases}
    for check in report["checks"]:
        kinds = {type(r) for r in outcome[check["id"]]}
        expected = {"fail": {Failure}, "error": {Error}, "not-applicable": {Skipped}, "exempt": {Skipped},
                    "manual": {Skipped}}
        assert kinds == expected.get(check["status"], set()), check["id"]
    failure = next(r for case in cases if case.name.startswith("TRU501") for r in case.result)
    assert "How to fix" in failure.text and "privacy" in failure.message.lower()


def test_pdf_opens_and_has_pages(weak_reports):
    pdf = PdfReader(str(weak_reports / "report.pdf"))
    assert len(pdf.pages) >= 3
    first = pdf.pages[0].extract_text()
    assert "SyncBuddy" in first and "Not ready" in first


def test_markdown_is_a_pr_comment_with_escaped_scraped_text():
    report = hostile_report()
    report.listing.name = "Acme | Sync ![x](https://evil.example/t.png) @acme/everyone"
    text = markdown.render(report)
    assert "<script>" not in text and "\\<script\\>" in text
    assert "Acme \\| Sync \\!\\[x\\](https://evil.example/t.png)" in text, "no table break-out, no live image"
    assert "@acme" not in text and "@\u200bacme/everyone" in text, "no @mention from scraped text"
    assert len(text) < 65_000, "GitHub caps a comment at 65,536 characters"
    assert text.startswith("## Listing readiness")


def test_markdown_is_appended_to_the_github_step_summary(server, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("previous step\n")
    import os

    result = run_cli("audit", f"{server.url}/weak/listing/", "--out", str(tmp_path / "out"), "--no-browser", *LOOPBACK,
                     env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.code == 0, result.stderr
    text = summary.read_text()
    assert text.startswith("previous step\n") and "## Listing readiness: SyncBuddy" in text


def test_sarif_fingerprint_ignores_numbers_and_whitespace():
    from auditor.model import Finding

    a = fingerprint("DOC104", Finding("Not updated for 1100 days", url="https://d.example/a#x", excerpt="2023-11-23"))
    b = fingerprint("DOC104", Finding("Not updated for  1101 days", url="https://D.example/a", excerpt="2023-11-24"))
    c = fingerprint("DOC104", Finding("Not updated for 1100 days", url="https://d.example/b", excerpt="2023-11-23"))
    assert a == b and a != c


def test_a_findings_identity_survives_rewording_its_message():
    from auditor.model import Finding

    before = Finding("No supported languages listed", url="https://apps.example/acme", code="no-languages")
    reworded = Finding("The listing names no language", url="https://apps.example/acme", code="no-languages")
    other = Finding("No supported languages listed", url="https://apps.example/acme", code="no-editions")
    quoted = Finding("Unanswered 1-star review", url="https://apps.example/acme", excerpt="Sync broke twice.")
    requoted = Finding("A critical review has no reply", url="https://apps.example/acme", excerpt="Sync broke twice.")
    assert fingerprint("PKG212", before) == fingerprint("PKG212", reworded) != fingerprint("PKG212", other)
    assert fingerprint("REV304", quoted) == fingerprint("REV304", requoted)
    assert fingerprint("REV304", quoted) != fingerprint("REV305", quoted)


def test_rewording_every_message_changes_no_fingerprint(weak_reports):
    from auditor.model import Finding

    report = json.loads((weak_reports / "report.json").read_text())
    findings = [(c["id"], f) for c in report["checks"] for f in c["findings"]]
    assert len(findings) > 50
    for check_id, f in findings:
        original = Finding(f["message"], f.get("url"), f.get("excerpt"), f.get("code"))
        reworded = Finding(f"Reworded: {f['message'].upper()[::-1]}", f.get("url"), f.get("excerpt"), f.get("code"))
        assert fingerprint(check_id, original) == fingerprint(check_id, reworded), (check_id, f["message"])


def test_distinct_findings_of_one_check_keep_distinct_identities(weak_reports):
    report = json.loads((weak_reports / "report.json").read_text())
    from auditor.model import Finding

    for check in report["checks"]:
        prints: dict[str, str] = {}
        for f in check["findings"]:
            key = fingerprint(check["id"], Finding(f["message"], f.get("url"), f.get("excerpt"), f.get("code")))
            assert prints.setdefault(key, f["message"]) == f["message"], (check["id"], prints[key], f["message"])


def test_a_failed_write_keeps_the_previous_report_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    import os

    from auditor.errors import UsageError
    from auditor.report import write_reports

    report = hostile_report()
    write_reports(report, tmp_path, ["json"])
    before = (tmp_path / "report.json").read_text()

    def no_rename(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_rename)
    report.score = 99.0
    with pytest.raises(UsageError, match="No space left on device"):
        write_reports(report, tmp_path, ["json"])
    assert (tmp_path / "report.json").read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
