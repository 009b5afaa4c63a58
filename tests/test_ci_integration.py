"""The GitHub Action, the example workflow and the pre-commit hook agree with the CLI they drive."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from auditor.cli import main
from tests.conftest import run_cli
from tests.e2e.test_local_targets import draft  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parent.parent


def audit_envvars() -> set[str]:
    command = main.commands["audit"]
    return {p.envvar for p in command.params if isinstance(p.envvar, str)}


def test_every_variable_the_action_sets_is_one_the_cli_reads():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps = action["runs"]["steps"]
    audit = next(s for s in steps if s.get("id") == "audit")
    used = set(audit["env"]) | set(re.findall(r"LISTING_AUDIT_[A-Z_]+", audit["run"]))
    assert used <= audit_envvars(), used - audit_envvars()
    assert set(action["inputs"]) >= {"target", "format", "fail-on", "baseline"}
    assert {"score", "verdict"} <= set(action["outputs"])


def test_the_example_workflow_uses_the_action_and_posts_the_markdown():
    workflow = yaml.safe_load((ROOT / "examples" / "docs-audit-workflow.yml").read_text())
    steps = workflow["jobs"]["audit"]["steps"]
    assert any(s.get("uses", "").startswith("listing-auditor/listing-auditor") for s in steps)
    assert any(s.get("with", {}).get("path") == "listing-audit-report/report.md" for s in steps)
    assert workflow[True]["pull_request"]["paths"]  # YAML reads the key "on" as True


def test_the_pre_commit_hook_audits_the_draft_listing(draft, tmp_path):  # noqa: F811 (the fixture imported above)
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert re.search(hook["files"], "listing.toml") and not re.search(hook["files"], "docs/listing-guide.md")
    args = shlex.split(hook["entry"])
    assert args[:2] == ["listing-audit", "audit"]
    result = run_cli(*args[1:], str(draft / "listing.toml"), cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert (tmp_path / ".listing-audit" / "report.md").is_file()
