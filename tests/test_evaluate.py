"""A check that raises or misbehaves becomes an error result; the others still run."""

from __future__ import annotations

from datetime import date

from auditor.judge.check import Check, Outcome
from auditor.judge.evaluate import run_checks
from auditor.model import Evidence, Listing


def make_check(id_: str, fn) -> Check:
    return Check(id=id_, category="packaging", title="t", failure_title="f", rationale="r", fix="x", run=fn)


def test_a_crashing_check_is_an_error_and_the_rest_still_run():
    evidence = Evidence("http://x", "generic", date(2026, 1, 1), Listing("http://x"))
    checks = [
        make_check("PKG901", lambda ev, th: 1 / 0),
        make_check("PKG902", lambda ev, th: Outcome.partial(0.6, "ok-ish")),
        make_check("PKG903", lambda ev, th: Outcome(1.5, "out of range")),
        make_check("PKG904", lambda ev, th: "not an outcome"),
        make_check("PKG905", lambda ev, th: Outcome.not_applicable("no reviews")),
    ]
    results = {r.id: r for r in run_checks(checks, evidence)}
    assert results["PKG901"].status == "error" and "ZeroDivisionError" in (results["PKG901"].error or "")
    assert results["PKG902"].status == "warn" and results["PKG902"].score == 0.6
    assert results["PKG903"].status == "error" and "outside 0..1" in (results["PKG903"].error or "")
    assert results["PKG904"].status == "error"
    assert results["PKG905"].status == "not-applicable" and results["PKG905"].score is None


def test_marketplace_specific_checks_only_run_on_their_marketplace():
    evidence = Evidence("http://x", "generic", date(2026, 1, 1), Listing("http://x"))
    shopify_only = Check(id="SHOPIFY001", category="packaging", title="t", failure_title="f", rationale="r", fix="x",
                         run=lambda ev, th: Outcome.passed("ok"), marketplaces=("shopify",))
    assert run_checks([shopify_only], evidence) == []


def test_a_page_the_extractor_chokes_on_is_skipped_and_the_rest_is_kept():
    import auditor.extract as extract_stage
    from auditor.model import Page, Snapshot

    real = extract_stage.extract_doc

    def choke(page, role=None):
        if page.url.endswith("/bad"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(page, role)

    pages = [Page(url=f"https://d.example/{name}", kind="docs", depth=1, status=200, html="<main><h1>x</h1></main>")
             for name in ("good", "bad", "also-good")]
    evidence = extract_stage.extract(Snapshot("https://d.example/", "t", "t", pages=pages), marketplace="generic",
                                     today=date(2026, 1, 1), read_doc=choke)
    assert [d.url.rsplit("/", 1)[-1] for d in evidence.docs] == ["good", "also-good"]
    assert any("could not read https://d.example/bad" in w for w in evidence.warnings)
