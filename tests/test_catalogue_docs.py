"""docs/rules.md is generated from the checks' metadata and must match it."""

from __future__ import annotations

from pathlib import Path

from auditor.catalogue import as_markdown
from auditor.judge.registry import load_checks

RULES = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rule_reference_is_in_sync_with_the_checks():
    expected = as_markdown(load_checks())
    assert RULES.read_text(encoding="utf-8") == expected, "run `make docs` to regenerate docs/rules.md"


def test_every_check_has_its_section():
    text = RULES.read_text(encoding="utf-8")
    for check in load_checks():
        assert f"### {check.id}" in text and check.rationale in text
