"""Assertions: minimum scores, per-check levels, --fail-on conditions; and where settings come from."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.config import Assertions, FileConfig, load_config
from auditor.errors import ConfigError, UsageError
from auditor.judge.assertions import failed_assertions
from auditor.model import BaselineDiff, CategoryScore, CheckChange, CheckResult, Listing, Report, Status
from auditor.resolve import resolve


def report(*checks: CheckResult, score: float = 70.0, blockers: tuple[str, ...] = ()) -> Report:
    return Report("1.0", "t", "now", "https://x.example/app", "generic", "distribution", score, "needs-work",
                  list(blockers), {"trust": CategoryScore("trust", "Trust & support", 55.0, 20, 1, 1)}, list(checks),
                  [], [], [], Listing("https://x.example/app"), {})


def check(id_: str, status: Status) -> CheckResult:
    return CheckResult(id_, "trust", id_, status, {"pass": 1.0, "warn": 0.6, "fail": 0.0}.get(status), 1, "low",
                       summary=f"{id_} summary")


def test_no_assertions_never_fail():
    assert failed_assertions(report(check("TRU501", "fail")), Assertions()) == []


def test_minimum_scores_overall_and_per_category():
    failures = failed_assertions(report(score=70), Assertions(min_score=80, categories={"trust": 60}))
    assert failures == ["score 70.0 is under the minimum 80", "trust scores 55.0, under the minimum 60"]


def test_fail_on_error_warn_and_blocker():
    r = report(check("TRU501", "fail"), check("TRU502", "warn"), check("TRU503", "pass"), blockers=("TRU501",))
    failed = failed_assertions(r, Assertions(fail_on=frozenset({"error"})))
    assert [f.split(":")[0] for f in failed] == ["TRU501 is fail"]
    assert len(failed_assertions(r, Assertions(fail_on=frozenset({"warn"})))) == 2
    assert failed_assertions(r, Assertions(fail_on=frozenset({"blocker"}))) == ["blockers: TRU501"]


def test_per_check_levels_override_fail_on():
    r = report(check("TRU501", "fail"), check("TRU502", "warn"))
    levels = Assertions(fail_on=frozenset({"error"}), checks={"TRU501": "warn", "TRU502": "error"})
    assert [f.split(" ")[0] for f in failed_assertions(r, levels)] == ["TRU502"]


def test_fail_on_regression_lists_each_regression_and_needs_a_baseline():
    r = report(check("TRU501", "fail"))
    with pytest.raises(UsageError, match="needs --baseline"):
        failed_assertions(r, Assertions(fail_on=frozenset({"regression"})))
    r.baseline = BaselineDiff("then", 80.0, -10.0, {}, [CheckChange("TRU501", "t", "pass", "fail", 1.0, 0.0)])
    assert failed_assertions(r, Assertions(fail_on=frozenset({"regression"}))) == [
        "regression: TRU501 went from pass to fail (100 -> 0)"]


def test_settings_layer_defaults_file_then_environment_and_flags(tmp_path):
    path = tmp_path / "listing-audit.toml"
    path.write_text('profile = "workflow"\n[crawl]\nmax_pages = 40\nmax_depth = 2\n[assert]\nmin_score = 75\n'
                    'fail_on = ["blocker"]\n[assert.checks]\npkg208 = "off"\n', encoding="utf-8")
    resolved = resolve(load_config(path), {"crawl.max_pages": (9, "env LISTING_AUDIT_MAX_PAGES"),
                                           "assert.min_score": (90.0, "flag --fail-under")})
    assert resolved.crawl.max_pages == 9 and resolved.origins["crawl.max_pages"][1] == "env LISTING_AUDIT_MAX_PAGES"
    assert resolved.crawl.max_depth == 2 and resolved.origins["crawl.max_depth"][1] == str(path)
    assert resolved.crawl.timeout == 15.0 and resolved.origins["crawl.timeout"][1] == "default"
    assert resolved.audit.profile == "workflow"
    assert resolved.assertions.min_score == 90.0 and resolved.assertions.fail_on == {"blocker"}
    assert resolved.audit.disabled == {"PKG208"}
    assert resolve(FileConfig(), {}).audit.profile == "distribution"


@pytest.mark.parametrize("text, message", [
    ("[assert]\nmin_score = 120", "assert.min_score must be a number from 0 to 100"),
    ("[assert]\nfail_on = ['errors']", "unknown fail-on condition 'errors'"),
    ("[assert.checks]\nDOC101 = 'fatal'", "assert.checks.DOC101 must be one of off, warn, error"),
    ("[assert.categories]\ndocs = 50", "unknown key assert.categories.docs"),
    ("[assert]\nminimum = 3", "unknown key assert.minimum"),
])
def test_assertion_config_mistakes(tmp_path: Path, text: str, message: str):
    path = tmp_path / "listing-audit.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_config(path)
