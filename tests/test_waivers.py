"""Waivers: exempt with a reason, expired fails again, stale when they match nothing."""

from __future__ import annotations

from datetime import date

from auditor.config import Waiver
from auditor.judge.scoring import score
from auditor.judge.waivers import apply_waivers
from auditor.model import CheckResult, Finding

TODAY = date(2026, 11, 27)


def failing(id_: str = "DOC105", urls: tuple[str, ...] = ("https://docs.example.com/v1/a",), blocker: bool = False):
    return CheckResult(id_, "documentation", "Broken links", "fail", 0.0, 3.0, "high", blocker,
                       [Finding("Broken (HTTP 404)", url=u) for u in urls], "2 links broken.", "Fix them.")


def passing(id_: str = "DOC101"):
    return CheckResult(id_, "documentation", "Setup guide", "pass", 1.0, 3.0, "high")


def test_an_active_waiver_exempts_the_check_and_it_weighs_nothing():
    results = [failing(blocker=True), passing()]
    waived, statuses = apply_waivers(results, (Waiver("DOC105", "Legacy docs", "docs-team", date(2027, 1, 1)),), TODAY)
    assert waived[0].status == "exempt" and waived[0].score is None and not waived[0].blocker
    assert waived[0].waived == "Legacy docs"
    assert waived[0].summary.startswith("Waived: Legacy docs (docs-team, until 2027-01-01)")
    assert statuses[0].state == "active"
    assert score(waived, "distribution").categories["documentation"].score == 100.0
    assert score(results, "distribution").categories["documentation"].score == 50.0
    assert score(waived, "distribution").blockers == []


def test_an_expired_waiver_fails_again_and_says_so():
    waived, statuses = apply_waivers([failing()], (Waiver("DOC105", "Legacy docs", expires=date(2026, 1, 31)),), TODAY)
    assert waived[0].status == "fail"
    assert "expired on 2026-01-31" in waived[0].findings[-1].message
    assert statuses[0].state == "expired"


def test_waivers_that_match_nothing_are_stale():
    results = [failing(), passing()]
    _, statuses = apply_waivers(results, (
        Waiver("DOC101", "was failing last quarter"),
        Waiver("NOPE999", "typo"),
        Waiver("DOC105", "only v2", url="*/v2/*"),
    ), TODAY)
    assert [s.state for s in statuses] == ["stale", "stale", "stale"]
    assert "status is pass" in statuses[0].detail and "no check" in statuses[1].detail
    assert "*/v2/*" in statuses[2].detail


def test_a_url_scoped_waiver_exempts_only_when_it_covers_every_finding():
    two_pages = failing(urls=("https://docs.example.com/v1/a", "https://docs.example.com/v2/b"))
    partly, statuses = apply_waivers([two_pages], (Waiver("DOC105", "v1 retiring", url="*/v1/*"),), TODAY)
    assert partly[0].status == "fail" and statuses[0].state == "partial" and "1 of 2" in statuses[0].detail
    fully, statuses = apply_waivers([two_pages], (Waiver("DOC105", "old docs", url="https://docs.example.com/*"),),
                                    TODAY)
    assert fully[0].status == "exempt" and statuses[0].state == "active"
