"""Targets without a server: a draft listing file with Markdown docs, and docs folders of HTML or Markdown."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from auditor.fixture_server import dated_copy
from tests.conftest import run_cli
from tests.corpus import corpus_file

DRAFT = Path(__file__).resolve().parents[2] / "fixtures" / "drafts" / "ledgerline"


@pytest.fixture()
def draft(tmp_path) -> Path:
    """The draft fixture with its date tokens filled in, as a vendor's repo would have real dates."""
    return dated_copy(DRAFT, tmp_path / "draft", date.today())


def report_of(folder: Path) -> dict:
    return json.loads((folder / "report.json").read_text(encoding="utf-8"))


def test_a_draft_listing_file_is_audited_end_to_end(draft, tmp_path):
    result = run_cli("audit", str(draft / "listing.toml"), "--out", str(tmp_path / "out"))
    assert result.code == 0, result.stderr
    report = report_of(tmp_path / "out")
    listing = report["listing"]
    assert listing["name"] == "Ledgerline for Pipedrive"
    assert [(s["width"], s["height"]) for s in listing["screenshots"]] == [(1600, 900)] * 4, "sizes read from the files"
    assert listing["icon"]["width"] == 800
    assert [p["amount"] for p in listing["pricing_plans"]] == [0.0, 29.0, 79.0]
    assert listing["links"]["setup"].startswith("file://") and listing["links"]["setup"].endswith("/docs/setup.md")
    assert not any(c["category"] == "reviews" for c in report["checks"]), "a draft has no reviews yet"
    checks = {c["id"]: c for c in report["checks"]}
    assert checks["DOC101"]["status"] == "pass" and checks["SET403"]["status"] == "pass"
    assert checks["TRU501"]["status"] == "pass", checks["TRU501"]["summary"]
    assert report["score"] >= 85 and report["verdict"] == "ready"
    assert all(p["fetched_via"] == "file" for p in report["pages"])


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace('name = "Ledgerline for Pipedrive"', 'nmae = "x"'), "unknown field listing.nmae"),
    (lambda t: t.replace("assets/screenshot-3.png", "assets/missing.png"), "listing.screenshots[3].file: no such file"),
    (lambda t: t.replace('languages = ["English", "French"]', 'languages = "English"'),
     "listing.languages must be a list"),
    (lambda t: t.replace('setup = "docs/setup.md"', 'setup = "docs/nope.md"'),
     "links.setup: no such file docs/nope.md"),
    (lambda t: t.replace('path = "docs"', 'path = "documentation"'), "docs.path: no such folder"),
    (lambda t: t + "\n[listing\n", "is not valid TOML"),
])
def test_draft_mistakes_name_the_field(draft, tmp_path, edit, message):
    path = draft / "listing.toml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_cli("audit", str(path), "--out", str(tmp_path / "out"))
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr


def test_a_draft_in_yaml_and_json_reads_the_same(draft, tmp_path):
    import tomllib

    import yaml

    data = tomllib.loads((draft / "listing.toml").read_text(encoding="utf-8"))
    (draft / "listing.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (draft / "listing.json").write_text(json.dumps(data), encoding="utf-8")
    scores = []
    for name in ("listing.toml", "listing.yaml", "listing.json"):
        result = run_cli("audit", str(draft / name), "--out", str(tmp_path / name), "--format", "json")
        assert result.code == 0, result.stderr
        scores.append(report_of(tmp_path / name)["score"])
    assert len(set(scores)) == 1


def test_a_markdown_docs_folder_runs_the_documentation_checks_only(draft, tmp_path):
    (draft / "docs" / "faq.md").write_text("# FAQ\n\nSee [the old guide](old-guide.md).\n", encoding="utf-8")
    result = run_cli("audit", str(draft / "docs"), "--out", str(tmp_path / "out"))
    assert result.code == 0, result.stderr
    report = report_of(tmp_path / "out")
    assert {c["category"] for c in report["checks"]} == {"documentation"}
    assert len(report["pages"]) == 12
    broken = next(c for c in report["checks"] if c["id"] == "DOC105")
    assert broken["status"] != "pass" and any("old-guide.md" in (f["url"] or "") for f in broken["findings"])


def test_a_built_html_docs_folder_resolves_root_relative_links_against_the_folder(tmp_path):
    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    (site / "index.html").write_text('<html><head><title>Docs</title></head><body><main><h1>Docs</h1>'
                                     '<a href="/guide/setup.html">Setup</a><a href="/guide/gone.html">Gone</a>'
                                     '<a href="https://example.com/">Web</a></main></body></html>', encoding="utf-8")
    (site / "guide" / "setup.html").write_text('<html><head><title>Setup</title></head><body><main><h1>Setup</h1>'
                                               '<a href="../index.html">Home</a></main></body></html>',
                                               encoding="utf-8")
    result = run_cli("audit", str(site), "--out", str(tmp_path / "out"), "--format", "json")
    assert result.code == 0, result.stderr
    links = {link["url"].rstrip("/").rsplit("/", 1)[-1]: link for link in report_of(tmp_path / "out")["links"]}
    assert links["gone.html"]["outcome"] == "broken"
    assert "setup.html" not in links, "a link to another page of the folder is a page, not a broken link"
    assert links["example.com"]["outcome"] == "skipped"


def test_the_real_renovate_docs_site_audits_from_disk(tmp_path):
    index = corpus_file("docs/renovate/index.html")
    result = run_cli("audit", str(index.parent), "--out", str(tmp_path / "out"), "--format", "json")
    assert result.code == 0, result.stderr
    report = report_of(tmp_path / "out")
    assert len(report["pages"]) >= 80
    broken = [link for link in report["links"] if link["outcome"] == "broken"]
    assert broken, "per-module pages were left out of the corpus, so some internal links dangle on purpose"


def test_a_path_that_is_neither_is_a_usage_error(tmp_path):
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    result = run_cli("audit", str(odd), "--out", str(tmp_path / "out"))
    assert result.code == 2 and "expected a listing URL, a draft listing file" in result.stderr


def test_the_readme_draft_example_audits_as_documented(tmp_path):
    result = run_cli("demo", "--site", "draft", "--out", str(tmp_path))
    assert result.code == 0, result.stderr
    statuses = {c["id"]: c["status"] for c in report_of(tmp_path)["checks"]}
    # its dates are filled in: fresh docs and a recent changelog
    assert statuses["DOC104"] == statuses["DOC110"] == statuses["TRU509"] == "pass", statuses
