"""A third-party check pack, installed as pip would (a dist-info with an entry point), is scored and reported."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import LOOPBACK, run_cli

PACK = '''
from auditor.judge.check import Check, Outcome
from auditor.model import Finding


def _has_slack_word(ev, th):
    words = [w for w in th["words"] if w in (ev.listing.description or "").lower()]
    if words:
        return Outcome.passed(f"The description names {', '.join(words)}.")
    return Outcome.failed("The description never says which workspace objects it touches.",
                          [Finding("No object named", url=ev.listing.url)])


def checks():
    return [Check(id="ACME001", category="packaging", title="Names the objects it syncs",
                  failure_title="Does not name the objects it syncs", rationale="Buyers look for their objects.",
                  fix="Name the objects.", run=_has_slack_word, weight=2.0, level="requirement",
                  thresholds={"words": ["channel", "thread"]})]
'''


def install(site: Path, name: str, module_source: str, entry: str) -> None:
    """Lay a package out in `site` as pip installs it: the module and a dist-info with entry_points.txt."""
    (site / f"{name}.py").write_text(module_source, encoding="utf-8")
    info = site / f"{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[listing_auditor.checks]\n{entry}\n", encoding="utf-8")


def env_with(site: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}


@pytest.fixture(scope="module")
def weak_snapshot(server, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("snap")
    result = run_cli("audit", f"{server.url}/weak/listing/", "--no-browser", "--out", str(folder / "r"),
                     "--save-snapshot", str(folder / "snap"), *LOOPBACK)
    assert result.code == 0, result.stderr
    return folder / "snap"


def test_a_third_party_pack_is_listed_scored_and_reported(tmp_path, weak_snapshot):
    site = tmp_path / "site"
    site.mkdir()
    install(site, "acme_pack", PACK, "acme = acme_pack:checks")
    listed = run_cli("checks", env=env_with(site))
    assert "ACME001" in listed.stdout and "DOC101" in listed.stdout
    result = run_cli("audit", "--from-snapshot", str(weak_snapshot), "--out", str(tmp_path / "out"), env=env_with(site))
    assert result.code == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    acme = next(c for c in report["checks"] if c["id"] == "ACME001")
    assert acme["status"] == "fail" and acme["title"] == "Does not name the objects it syncs"
    packaging = report["categories"]["packaging"]
    assert packaging["checks_total"] == 1 + sum(1 for c in report["checks"]
                                                if c["category"] == "packaging" and c["id"] != "ACME001")
    assert "ACME001" in (tmp_path / "out" / "report.html").read_text()


def test_a_broken_pack_is_one_clear_line(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    install(site, "broken_pack", "raise ImportError('missing dependency foo')\n", "broken = broken_pack:checks")
    result = run_cli("checks", env=env_with(site))
    assert result.code == 2
    assert result.stderr.strip().splitlines() == [
        "listing-audit: error: check pack 'broken' (broken_pack:checks) failed to load: missing dependency foo"]


def test_a_pack_reusing_a_builtin_id_is_refused(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    install(site, "dup_pack", PACK.replace("ACME001", "DOC101"), "dup = dup_pack:checks")
    result = run_cli("checks", env=env_with(site))
    assert result.code == 2 and "DOC101 is registered twice" in result.stderr
