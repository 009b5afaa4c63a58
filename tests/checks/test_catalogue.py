"""The built-in pack as a whole: ids, metadata, thresholds as data, and a pass/fail test for every check."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from auditor.judge.evaluate import run_check
from checks.registry import builtin_checks
from tests.factories import make_evidence, strong_evidence

#: the cross-store catalogue; store rule packs (checks/stores/) have their own tests in test_store_packs.py
CHECKS = [c for c in builtin_checks() if not c.marketplaces]
TEST_DIR = Path(__file__).parent


def defined_test_names() -> set[str]:
    names: set[str] = set()
    for path in TEST_DIR.glob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    return names


def test_the_pack_has_at_least_48_checks_with_unique_ids() -> None:
    ids = [c.id for c in CHECKS]
    assert len(ids) >= 48
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_check_has_a_passing_and_a_failing_test(check) -> None:
    names = defined_test_names()
    assert any(n.startswith(f"test_{check.id}_passes") for n in names), f"no test_{check.id}_passes*"
    assert any(n.startswith(f"test_{check.id}_fails") for n in names), f"no test_{check.id}_fails*"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_check_is_fully_described(check) -> None:
    assert check.thresholds, "thresholds must hold the check's numbers and word lists"
    assert check.title != check.failure_title
    assert check.rationale.strip() and check.fix.strip()
    assert 1 <= check.weight <= 3
    assert check.severity in ("low", "medium", "high", "critical")
    assert check.id[:3] == {"documentation": "DOC", "packaging": "PKG", "reviews": "REV", "setup": "SET",
                            "trust": "TRU"}[check.category]
    assert all(s.startswith("https://") for s in check.sources)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_check_passes_the_strong_listing(check) -> None:
    result = run_check(check, strong_evidence())
    assert result.status == "pass", result.summary


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_no_check_crashes_or_passes_on_empty_evidence(check) -> None:
    result = run_check(check, make_evidence())
    # a requirement fails; a recommendation warns (only a store's requirement fails a listing)
    wanted = "fail" if result.level == "requirement" else "warn"
    assert result.status in (wanted, "not-applicable"), result.summary
    assert result.summary.strip()
