"""Trust & support checks (TRU5xx) on hand-built evidence."""

from __future__ import annotations

from auditor.evaluate import run_check
from auditor.model import LinkStatus
from checks.trust.https_everywhere import CHECK as TRU506
from checks.trust.privacy_policy import CHECK as TRU501
from checks.trust.security_page import CHECK as TRU504
from checks.trust.status_page import CHECK as TRU505
from checks.trust.support_contact import CHECK as TRU503
from checks.trust.terms_of_service import CHECK as TRU502
from tests.factories import (
    LISTING_URL, SITE, docs_without, filler, links_with, make_doc, make_evidence, make_page, strong_evidence,
    strong_listing,
)


def listing_page():
    return make_page(LISTING_URL, kind="listing", referrer=None)


# ---------------------------------------------------------------- TRU501 privacy policy (existing check)


def test_TRU501_passes_with_a_complete_policy() -> None:
    result = run_check(TRU501, strong_evidence())
    assert result.status == "pass" and "how long it is kept" in result.summary


def test_TRU501_fails_without_a_privacy_link() -> None:
    result = run_check(TRU501, strong_evidence(listing=links_with(privacy=None)))
    assert result.status == "fail" and result.blocker


def test_TRU501_warns_on_a_policy_missing_topics() -> None:
    thin = make_doc("/privacy", title="Privacy", text="Privacy policy. " + filler(100), role="privacy", kind="policy")
    result = run_check(TRU501, strong_evidence(docs=[thin]))
    assert result.status == "warn" and any("how long it is kept" in f.message for f in result.findings)


# ---------------------------------------------------------------- TRU502 terms of service


def test_TRU502_passes_with_reachable_terms() -> None:
    result = run_check(TRU502, strong_evidence())
    assert result.status == "pass" and result.findings[0].url == f"{SITE}/terms"


def test_TRU502_fails_without_a_terms_link() -> None:
    result = run_check(TRU502, strong_evidence(listing=links_with(terms=None)))
    assert result.status == "fail" and "no terms of service" in result.summary


def test_TRU502_fails_when_the_terms_page_is_gone() -> None:
    ev = strong_evidence(docs=docs_without("/terms"), pages=[listing_page(), make_page(f"{SITE}/terms", 404, kind="policy")])
    result = run_check(TRU502, ev)
    assert result.status == "fail" and "broken" in result.summary


def test_TRU502_not_applicable_when_blocked() -> None:
    ev = strong_evidence(docs=docs_without("/terms"), pages=[listing_page(), make_page(f"{SITE}/terms", 403, kind="policy")])
    assert run_check(TRU502, ev).status == "skip"


def test_TRU502_warns_when_the_link_leads_to_something_else() -> None:
    home = make_doc("/terms", title="Welcome to Acme", role="terms", kind="policy")
    result = run_check(TRU502, strong_evidence(docs=[home]))
    assert result.status == "warn" and "does not read like terms" in result.summary


# ---------------------------------------------------------------- TRU503 support contact


def test_TRU503_passes_with_support_and_a_response_time() -> None:
    result = run_check(TRU503, strong_evidence())
    assert result.status == "pass" and "within 1 business day" in result.summary


def test_TRU503_fails_as_a_blocker_without_a_support_link() -> None:
    result = run_check(TRU503, strong_evidence(listing=links_with(support=None)))
    assert result.status == "fail" and result.blocker is True


def test_TRU503_fails_when_the_support_page_is_broken() -> None:
    ev = strong_evidence(docs=docs_without("/support"), pages=[listing_page(), make_page(f"{SITE}/support", 404)])
    result = run_check(TRU503, ev)
    assert result.status == "fail" and result.findings[0].url == f"{SITE}/support"


def test_TRU503_warns_when_no_response_time_is_stated() -> None:
    page = make_doc("/support", title="Support", text="Email support@acme.example. " + filler(150), role="support")
    result = run_check(TRU503, strong_evidence(docs=[page]))
    assert result.status == "warn" and result.blocker is False and "no response time" in result.summary


def test_TRU503_accepts_a_mailto_link_with_a_response_time_in_the_description() -> None:
    listing = strong_listing(links=links_with(support="mailto:help@acme.example").links,
                             description="Email us any time; we respond within 24 hours.")
    result = run_check(TRU503, make_evidence(listing))
    assert result.status == "pass" and result.findings[0].url == LISTING_URL


# ---------------------------------------------------------------- TRU504 security page


def test_TRU504_passes_with_named_controls() -> None:
    result = run_check(TRU504, strong_evidence())
    assert result.status == "pass" and "SOC 2" in result.summary


def test_TRU504_fails_without_a_security_page() -> None:
    result = run_check(TRU504, strong_evidence(listing=links_with(security=None), docs=docs_without("/security")))
    assert result.status == "fail" and "No security" in result.summary


def test_TRU504_scores_partially_by_the_number_of_controls() -> None:
    page = make_doc("/security", title="Security", text="We are GDPR compliant and all data is encrypted. " + filler(100),
                    role="security")
    result = run_check(TRU504, strong_evidence(docs=[page]))
    assert result.status == "warn" and result.score == 0.5
    assert {f.message for f in result.findings} == {"Names GDPR", "Names encryption"}


def test_TRU504_finds_an_unlinked_trust_page_by_title() -> None:
    page = make_doc("/trust", title="Trust center", text="SOC 2, ISO 27001, GDPR, encryption. " + filler(100))
    result = run_check(TRU504, strong_evidence(listing=links_with(security=None), docs=[page]))
    assert result.status == "pass" and result.findings[0].url == f"{SITE}/trust"


# ---------------------------------------------------------------- TRU505 status page


def test_TRU505_passes_with_a_linked_status_page() -> None:
    assert run_check(TRU505, strong_evidence()).status == "pass"


def test_TRU505_fails_without_a_status_page() -> None:
    result = run_check(TRU505, strong_evidence(listing=links_with(status=None)))
    assert result.status == "fail" and "No status page" in result.summary


def test_TRU505_fails_when_the_status_link_is_broken() -> None:
    links = [LinkStatus("https://status.acme.example", "broken", 404)]
    assert run_check(TRU505, strong_evidence(links=links)).status == "fail"


def test_TRU505_warns_when_only_the_docs_link_it() -> None:
    page = make_doc("/docs/faq", title="FAQ", links=["https://status.acme.example/"])
    result = run_check(TRU505, strong_evidence(listing=links_with(status=None), docs=[page]))
    assert result.status == "warn" and result.findings[0].url == "https://status.acme.example/"


# ---------------------------------------------------------------- TRU506 HTTPS everywhere


def test_TRU506_passes_when_everything_is_https() -> None:
    assert run_check(TRU506, strong_evidence()).status == "pass"


def test_TRU506_fails_with_plain_http_links_and_lists_them() -> None:
    listing = links_with(privacy="http://acme.example/privacy", terms="http://acme.example/terms")
    result = run_check(TRU506, strong_evidence(listing=listing))
    assert result.status == "fail" and result.summary.startswith("2 of")
    assert {f.url for f in result.findings} == {"http://acme.example/privacy", "http://acme.example/terms"}


def test_TRU506_warns_on_a_single_http_page() -> None:
    ev = strong_evidence(pages=[listing_page(), make_page("http://acme.example/docs/old")])
    assert run_check(TRU506, ev).status == "warn"


def test_TRU506_not_applicable_to_loopback_fixtures() -> None:
    local = "http://127.0.0.1:8765"
    listing = strong_listing(url=f"{local}/listing", links=links_with(docs=f"{local}/docs", setup=f"http://localhost:8765/setup",
                             support="mailto:help@acme.example", privacy=None, terms=None, security=None,
                             changelog=None, status=None, website=None).links)
    ev = make_evidence(listing, pages=[make_page(f"{local}/docs"), make_page(f"{local}/listing", kind="listing")])
    result = run_check(TRU506, ev)
    assert result.status == "skip" and "loopback" in result.summary


def test_TRU501_follows_a_redirected_privacy_link() -> None:
    ev = strong_evidence(listing=links_with(privacy="http://acme.example/privacy"))
    # as the extractor records it: requested at the old URL, read at the one it redirected to
    policy = next(d for d in ev.docs if d.url == f"{SITE}/privacy")
    policy.url, policy.final_url = "http://acme.example/privacy", f"{SITE}/privacy"
    ev.pages.append(make_page("http://acme.example/privacy", final_url=f"{SITE}/privacy", kind="policy"))
    assert run_check(TRU501, ev).status == "pass"


def test_TRU501_not_applicable_when_the_policy_is_bot_blocked() -> None:
    ev = strong_evidence(docs=docs_without("/privacy"), pages=[listing_page(), make_page(f"{SITE}/privacy", 403, kind="policy")])
    result = run_check(TRU501, ev)
    assert result.status == "skip" and result.blocker is False


def test_TRU501_fails_when_the_policy_is_gone() -> None:
    ev = strong_evidence(docs=docs_without("/privacy"), pages=[listing_page(), make_page(f"{SITE}/privacy", 404, kind="policy")])
    result = run_check(TRU501, ev)
    assert result.status == "fail" and result.blocker is True


def test_TRU504_not_applicable_when_the_linked_page_was_not_crawled() -> None:
    result = run_check(TRU504, strong_evidence(docs=docs_without("/security"), pages=[listing_page()]))
    assert result.status == "skip" and f"{SITE}/security" in result.summary


def test_TRU502_passes_on_a_checked_but_uncrawled_terms_link() -> None:
    links = [LinkStatus(f"{SITE}/terms", "ok", 200)]
    result = run_check(TRU502, strong_evidence(docs=docs_without("/terms"), pages=[listing_page()], links=links))
    assert result.status == "pass" and "checked, not read" in result.summary
