"""Trust & support checks (TRU5xx) on hand-built evidence."""

from __future__ import annotations

import pytest

from auditor.judge.evaluate import run_check
from auditor.model import Image, LinkStatus
from checks.trust.company_identity import CHECK as TRU508
from checks.trust.data_access import CHECK as TRU507
from checks.trust.https_everywhere import CHECK as TRU506
from checks.trust.mixed_content import CHECK as TRU510
from checks.trust.privacy_policy import CHECK as TRU501
from checks.trust.release_cadence import CHECK as TRU509
from checks.trust.security_page import CHECK as TRU504
from checks.trust.status_page import CHECK as TRU505
from checks.trust.support_contact import CHECK as TRU503
from checks.trust.terms_of_service import CHECK as TRU502
from tests.factories import (
    LISTING_URL,
    SITE,
    ago,
    docs_without,
    filler,
    links_with,
    make_doc,
    make_evidence,
    make_page,
    strong_evidence,
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
    assert result.status == "fail" and result.blocker and "footer link" in result.summary


def test_TRU501_on_a_draft_names_the_drafts_field_not_a_store_footer() -> None:
    evidence = strong_evidence(listing=links_with(privacy=None))
    evidence.scope = "draft"
    result = run_check(TRU501, evidence)
    assert result.status == "fail" and result.summary == "The draft listing names no privacy policy (links.privacy)."


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
    assert result.status == "warn" and "no terms of service" in result.summary


def test_TRU502_fails_when_the_terms_page_is_gone() -> None:
    ev = strong_evidence(docs=docs_without("/terms"),
                         pages=[listing_page(), make_page(f"{SITE}/terms", 404, kind="policy")])
    result = run_check(TRU502, ev)
    assert result.status == "warn" and "broken" in result.summary


def test_TRU502_unverified_when_blocked() -> None:
    ev = strong_evidence(docs=docs_without("/terms"),
                         pages=[listing_page(), make_page(f"{SITE}/terms", 403, kind="policy")])
    assert run_check(TRU502, ev).status == "unverified"


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
    assert result.status == "warn" and "No security" in result.summary


def test_TRU504_scores_partially_by_the_number_of_controls() -> None:
    page = make_doc("/security", title="Security",
                    text="We are GDPR compliant and all data is encrypted. " + filler(100), role="security")
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
    assert result.status == "warn" and "No status page" in result.summary


def test_TRU505_fails_when_the_status_link_is_broken() -> None:
    links = [LinkStatus("https://status.acme.example", "broken", 404)]
    assert run_check(TRU505, strong_evidence(links=links)).status == "warn"


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
    assert result.status == "warn" and result.summary.startswith("2 of")
    assert {f.url for f in result.findings} == {"http://acme.example/privacy", "http://acme.example/terms"}


def test_TRU506_warns_on_a_single_http_page() -> None:
    ev = strong_evidence(pages=[listing_page(), make_page("http://acme.example/docs/old")])
    assert run_check(TRU506, ev).status == "warn"


def test_TRU506_not_applicable_to_loopback_fixtures() -> None:
    local = "http://127.0.0.1:8765"
    listing = strong_listing(url=f"{local}/listing", links=links_with(docs=f"{local}/docs", setup="http://localhost:8765/setup",
                             support="mailto:help@acme.example", privacy=None, terms=None, security=None,
                             changelog=None, status=None, website=None).links)
    ev = make_evidence(listing, pages=[make_page(f"{local}/docs"), make_page(f"{local}/listing", kind="listing")])
    result = run_check(TRU506, ev)
    assert result.status == "not-applicable" and "loopback" in result.summary


@pytest.mark.parametrize(("url", "loopback"), [
    ("http://127.0.0.1:8765/docs", True), ("http://[::1]:8000/", True), ("http://localhost/x", True),
    ("http://docs.localhost/", True), ("http://127.8.9.1/", True), ("https://acme.example/", False),
    ("http://127.0.0.1.example/", False), ("http://localhost.example/", False), ("mailto:help@acme.example", False),
])
def test_loopback_hosts_are_told_apart_from_public_ones_every_time(url: str, loopback: bool) -> None:
    from checks._text import is_loopback

    assert is_loopback(url) is loopback
    assert is_loopback(url) is loopback, "the memoised answer is the same"


def test_TRU501_follows_a_redirected_privacy_link() -> None:
    ev = strong_evidence(listing=links_with(privacy="http://acme.example/privacy"))
    # as the extractor records it: requested at the old URL, read at the one it redirected to
    policy = next(d for d in ev.docs if d.url == f"{SITE}/privacy")
    policy.url, policy.final_url = "http://acme.example/privacy", f"{SITE}/privacy"
    ev.pages.append(make_page("http://acme.example/privacy", final_url=f"{SITE}/privacy", kind="policy"))
    assert run_check(TRU501, ev).status == "pass"


def test_TRU501_unverified_when_the_policy_is_bot_blocked() -> None:
    ev = strong_evidence(docs=docs_without("/privacy"),
                         pages=[listing_page(), make_page(f"{SITE}/privacy", 403, kind="policy")])
    result = run_check(TRU501, ev)
    assert result.status == "unverified" and result.blocker is False


def test_TRU501_fails_when_the_policy_is_gone() -> None:
    ev = strong_evidence(docs=docs_without("/privacy"),
                         pages=[listing_page(), make_page(f"{SITE}/privacy", 404, kind="policy")])
    result = run_check(TRU501, ev)
    assert result.status == "fail" and result.blocker is True


def test_TRU504_unverified_when_the_linked_page_was_not_crawled() -> None:
    result = run_check(TRU504, strong_evidence(docs=docs_without("/security"), pages=[listing_page()]))
    assert result.status == "unverified" and f"{SITE}/security" in result.summary


def test_TRU502_passes_on_a_checked_but_uncrawled_terms_link() -> None:
    links = [LinkStatus(f"{SITE}/terms", "ok", 200)]
    result = run_check(TRU502, strong_evidence(docs=docs_without("/terms"), pages=[listing_page()], links=links))
    assert result.status == "pass" and "checked, not read" in result.summary


# ---------------------------------------------------------------- TRU507 data access matches scopes

GUIDE_URL = f"{SITE}/docs/hubspot/setup"


def with_scopes(text: str, data_access: str | None):
    """Strong evidence whose only docs page documents scopes in `text`, and whose listing states `data_access`."""
    page = make_doc("/docs/permissions", title="Permissions", text=text + " " + filler(50))
    return strong_evidence(listing=strong_listing(data_access=data_access), docs=[page])


def test_TRU507_passes_when_every_scoped_object_is_named_in_the_right_direction() -> None:
    result = run_check(TRU507, strong_evidence())
    assert result.status == "pass"
    assert result.summary.startswith("The listing's data-access statement covers 3 of the 3 scoped objects "
                                     "(contacts, companies, deals)")
    assert 'Named: deals, shown as written ("written")' in [f.message for f in result.findings]


def test_TRU507_fails_when_scopes_are_documented_but_the_listing_states_no_data_access() -> None:
    result = run_check(TRU507, strong_evidence(listing=strong_listing(data_access=None)))
    assert result.status == "warn" and "no shared-data or data-access statement" in result.summary
    assert result.findings[0].url == LISTING_URL
    assert {f.url for f in result.findings[1:]} == {GUIDE_URL}
    assert "crm.objects.deals.write" in result.findings[-1].message


def test_TRU507_scores_by_objects_covered_and_points_to_the_scope() -> None:
    result = run_check(TRU507,
                       strong_evidence(listing=strong_listing(data_access="Contacts and companies sync two-way.")))
    assert result.status == "warn" and result.score is not None and round(result.score, 3) == 0.667
    assert "covers 2 of the 3" in result.summary
    missing = result.findings[-1]
    assert missing.message == ("Not named in the listing's data-access statement: deals "
                               "(crm.objects.deals.read, crm.objects.deals.write)")
    assert missing.url == GUIDE_URL and "crm.objects.deals" in (missing.excerpt or "")


def test_TRU507_gives_half_credit_when_written_objects_are_not_shown_as_written() -> None:
    listing = strong_listing(data_access="We access your contact, company and deal records.")
    result = run_check(TRU507, strong_evidence(listing=listing))
    assert result.status == "warn" and result.score == 0.5
    assert "deals is written (crm.objects.deals.read, crm.objects.deals.write) but not shown as written" in \
        " | ".join(f.message for f in result.findings)


def test_TRU507_reads_slack_and_shopify_scopes() -> None:
    slack = with_scopes("Scopes: chat:write posts alerts; channels:read lists channels; users:read.email matches "
                        "authors.",
                        "Pipewave posts messages to channels you pick and reads user emails.")
    result = run_check(TRU507, slack)
    assert result.status == "pass" and "(messages, channels, users)" in result.summary
    shopify = with_scopes("We request read_orders, read_all_orders and write_products.",
                          "Reads your orders; creates and updates products.")
    result = run_check(TRU507, shopify)
    assert result.status == "pass" and "2 scoped objects (orders, products)" in result.summary


def test_TRU507_does_not_count_optional_scopes() -> None:
    text = ("Required: crm.objects.contacts.read. Optional scopes: turn on custom object sync and we also ask for "
            "crm.objects.custom.read.")
    result = run_check(TRU507, with_scopes(text, "Contacts are read from HubSpot."))
    assert result.status == "pass" and "optional scopes not counted (custom)" in result.summary


def test_TRU507_not_applicable_when_no_scopes_are_documented() -> None:
    result = run_check(TRU507, strong_evidence(docs=docs_without("/docs/hubspot/setup")))
    assert result.status == "not-applicable" and "No OAuth scopes" in result.summary


# ---------------------------------------------------------------- TRU508 company identity


def test_TRU508_passes_with_name_website_and_legal_entity() -> None:
    result = run_check(TRU508, strong_evidence())
    assert result.status == "pass" and "3 of 3 marks" in result.summary
    assert [f.message for f in result.findings] == ["Developer: Acme Inc.", "Website",
                                                    "Legal entity in the developer name"]


def test_TRU508_fails_without_name_website_or_entity() -> None:
    listing = strong_listing(developer=None, links=links_with(website=None).links)
    result = run_check(TRU508, strong_evidence(listing=listing))
    assert result.status == "warn" and result.score == 0.0
    assert "missing: developer name, website, legal entity or postal address" in result.summary
    assert f"{SITE}/privacy" in result.findings[-1].message


def test_TRU508_finds_the_entity_and_address_in_the_privacy_policy() -> None:
    policy = make_doc("/privacy", title="Privacy", role="privacy", kind="policy",
                      text="Privacy policy. Controller: Acme Software Ltd, 12 High Street, London. " + filler(80))
    result = run_check(TRU508, strong_evidence(listing=strong_listing(developer="by Acme"), docs=[policy]))
    assert result.status == "pass" and result.findings[0].message == "Developer: Acme"
    assert result.findings[2].url == f"{SITE}/privacy" and "Acme Software Ltd" in (result.findings[2].excerpt or "")


def test_TRU508_does_not_credit_sub_processors_entities() -> None:
    policy = make_doc("/privacy", title="Privacy", role="privacy", kind="policy",
                      text="Privacy policy. We host on Amazon Web Services, Inc. and email with Google LLC. "
                      + filler(80))
    result = run_check(TRU508, strong_evidence(listing=strong_listing(developer="Acme"), docs=[policy]))
    assert result.status == "warn" and "missing: legal entity or postal address" in result.summary


def test_TRU508_accepts_a_street_address_in_the_terms() -> None:
    terms = make_doc("/terms", title="Terms", role="terms", kind="policy",
                     text="Terms of service. Write to us at Torstraße 49, 10119 Berlin. " + filler(80))
    result = run_check(TRU508, strong_evidence(listing=strong_listing(developer="Acme"), docs=[terms]))
    assert result.status == "pass" and result.findings[2].message == "Postal address in the terms text"


def test_TRU508_does_not_count_a_broken_website() -> None:
    links = [LinkStatus(SITE, "broken", 404)]
    result = run_check(TRU508, strong_evidence(links=links))
    assert result.status == "warn" and "The website link is broken" in [f.message for f in result.findings]


# ---------------------------------------------------------------- TRU509 release cadence


def with_releases(*dates: str):
    page = make_doc("/docs/changelog", title="Changelog", role="changelog", dates=dates)
    return strong_evidence(docs=[*docs_without("/docs/changelog"), page])


def test_TRU509_passes_with_four_or_more_releases_in_a_year() -> None:
    result = run_check(TRU509, strong_evidence())
    assert result.status == "pass"
    assert "5 releases in the last 365 days (4 or more wanted) and 6 in all" in result.summary
    assert result.findings[0].url == f"{SITE}/docs/changelog" and ago(12) in (result.findings[0].excerpt or "")


def test_TRU509_fails_with_no_release_history() -> None:
    result = run_check(TRU509, with_releases(ago(10)))
    assert result.status == "warn" and "1 dated entry: no release history" in result.summary


def test_TRU509_fails_when_nothing_shipped_in_a_year() -> None:
    result = run_check(TRU509, with_releases(ago(400), ago(500), ago(800)))
    assert result.status == "warn" and "0 releases in the last 365 days" in result.summary
    assert result.findings[-1].message == f"Last dated entry: {ago(400)} (400 days ago)"


def test_TRU509_warns_with_one_to_three_releases() -> None:
    result = run_check(TRU509, with_releases(ago(30), ago(200), ago(400)))
    assert result.status == "warn" and "2 releases" in result.summary


def test_TRU509_fails_without_a_changelog() -> None:
    ev = strong_evidence(listing=links_with(changelog=None), docs=docs_without("/docs/changelog"))
    result = run_check(TRU509, ev)
    assert result.status == "warn" and "no release history" in result.summary


# ---------------------------------------------------------------- TRU510 mixed content


def with_images(*urls: str, page_url: str = f"{SITE}/docs/guide"):
    page = make_doc(page_url, title="Guide", images=[Image(url=u, alt="Step") for u in urls])
    return strong_evidence(docs=[*strong_evidence().docs, page])


def test_TRU510_passes_when_every_image_is_https() -> None:
    result = run_check(TRU510, strong_evidence())
    assert result.status == "pass" and result.summary.startswith("0 of 7 images on 2 HTTPS pages")


def test_TRU510_fails_and_lists_each_http_image_with_its_page() -> None:
    urls = [f"http://cdn.acme.example/step{i}.png" for i in range(4)]
    result = run_check(TRU510, with_images(*urls))
    assert result.status == "warn" and result.summary.startswith("4 of 11 images on 3 HTTPS pages")
    assert [f.url for f in result.findings] == urls
    assert all(f.excerpt == f"{SITE}/docs/guide" for f in result.findings)


def test_TRU510_warns_on_one_http_listing_screenshot() -> None:
    shots = [*strong_listing().screenshots, Image(url="http://acme.example/old.png", width=1600, height=900, alt="Old")]
    result = run_check(TRU510, strong_evidence(listing=strong_listing(screenshots=shots)))
    assert result.status == "warn" and result.findings[0].message == f"Loaded over plain HTTP on {LISTING_URL}"


def test_TRU510_not_applicable_to_loopback_fixtures() -> None:
    result = run_check(TRU510, make_evidence(strong_listing(url="http://127.0.0.1:8765/listing"),
                                             docs=[make_doc("https://127.0.0.1:8765/docs", images=[Image("http://127.0.0.1:8765/a.png")])]))
    assert result.status == "not-applicable" and "loopback" in result.summary
