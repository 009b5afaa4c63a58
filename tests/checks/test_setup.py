"""Setup-friction checks (SET4xx) on hand-built evidence."""

from __future__ import annotations

from auditor.judge.evaluate import run_check
from auditor.model import PricingPlan
from checks.setup.free_plan_or_trial import CHECK as SET402
from checks.setup.permissions_explained import CHECK as SET405
from checks.setup.prerequisites import CHECK as SET404
from checks.setup.self_serve_install import CHECK as SET401
from checks.setup.setup_complaints import CHECK as SET409
from checks.setup.setup_media import CHECK as SET408
from checks.setup.setup_steps import CHECK as SET403
from checks.setup.time_to_value import CHECK as SET407
from checks.setup.uninstall_documented import CHECK as SET406
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
    review,
    shot,
    strong_evidence,
    strong_listing,
    strong_setup_guide,
)

SETUP_URL = f"{SITE}/docs/hubspot/setup"
BARE_TEXT = "Install Acme for HubSpot. " + filler(200)


def with_guide(**changes):
    """Strong evidence whose setup guide is changed, and the only docs page."""
    return strong_evidence(docs=[strong_setup_guide(**changes)])


def with_listing(**fields):
    return make_evidence(strong_listing(**fields))


# ---------------------------------------------------------------- SET401 self-serve install


def test_SET401_passes_with_an_install_button() -> None:
    result = run_check(SET401, strong_evidence())
    assert result.status == "pass" and "Install app" in result.summary


def test_SET401_fails_with_sales_only_calls_to_action() -> None:
    result = run_check(SET401, with_listing(install_actions=["Contact sales", "Book a demo"]))
    assert result.status == "warn" and "Contact sales, Book a demo" in result.summary
    assert [f.excerpt for f in result.findings] == ["Contact sales", "Book a demo"]


def test_SET401_fails_without_any_call_to_action() -> None:
    assert run_check(SET401, with_listing(install_actions=[])).status == "warn"


def test_SET401_warns_on_unrecognised_calls_to_action() -> None:
    assert run_check(SET401, with_listing(install_actions=["Learn more"])).status == "warn"


def test_SET401_counts_a_free_trial_button_as_self_serve() -> None:
    assert run_check(SET401, with_listing(install_actions=["Start free trial", "Request a demo"])).status == "pass"


# ---------------------------------------------------------------- SET402 free plan or trial


def test_SET402_passes_with_a_free_plan() -> None:
    result = run_check(SET402, strong_evidence())
    assert result.status == "pass" and 'plan "Free"' in result.summary


def test_SET402_passes_with_a_trial_button_only() -> None:
    ev = with_listing(pricing_plans=[PricingPlan("Pro", "$29/mo", 29.0)], pricing_text=None,
                      install_actions=["Start free trial"])
    result = run_check(SET402, ev)
    assert result.status == "pass" and 'button "Start free trial"' in result.summary


def test_SET402_passes_with_a_zero_priced_plan() -> None:
    ev = with_listing(pricing_plans=[PricingPlan("Starter", "$0", 0.0)], pricing_text=None, install_actions=["Install"])
    assert run_check(SET402, ev).status == "pass"


def test_SET402_fails_without_a_free_offer() -> None:
    ev = with_listing(pricing_plans=[PricingPlan("Pro", "$29/mo", 29.0)], pricing_text="Billed annually.",
                      install_actions=["Install"])
    result = run_check(SET402, ev)
    assert result.status == "warn" and result.findings[0].excerpt == "Billed annually."


# ---------------------------------------------------------------- SET403 setup steps


def test_SET403_passes_with_six_steps() -> None:
    result = run_check(SET403, strong_evidence())
    assert result.status == "pass" and "6 ordered steps" in result.summary


def test_SET403_fails_with_no_numbered_steps() -> None:
    result = run_check(SET403, with_guide(steps=[], headings=[(1, "Install")]))
    assert result.status == "warn" and result.findings[0].url == SETUP_URL


def test_SET403_warns_when_setup_is_long() -> None:
    result = run_check(SET403, with_guide(steps=[f"Step {i}" for i in range(15)]))
    assert result.status == "warn" and "long: 15 steps" in result.summary


def test_SET403_counts_step_headings_without_an_ordered_list() -> None:
    heads = [(1, "Install"), (2, "Step 1: Install"), (2, "Step 2: Connect"), (2, "3. Map fields"), (2, "Next")]
    result = run_check(SET403, with_guide(steps=[], headings=heads))
    assert result.status == "pass" and "3 ordered steps" in result.summary


def test_SET403_fails_without_a_setup_guide_and_is_unverified_when_it_timed_out() -> None:
    none = strong_evidence(listing=links_with(setup=None), docs=docs_without("/docs/hubspot/setup"))
    assert run_check(SET403, none).status == "warn"
    timed_out = [make_page(LISTING_URL, kind="listing", referrer=None), make_page(SETUP_URL, None, error="timeout")]
    assert run_check(SET403, strong_evidence(docs=[], pages=timed_out)).status == "unverified"


# ---------------------------------------------------------------- SET404 prerequisites


def test_SET404_passes_with_a_before_you_begin_section() -> None:
    result = run_check(SET404, strong_evidence())
    assert result.status == "pass" and result.findings[0].excerpt and "Before you begin" in result.findings[0].excerpt


def test_SET404_fails_when_the_guide_states_no_prerequisites() -> None:
    result = run_check(SET404, with_guide(text=BARE_TEXT, headings=[(1, "Install")]))
    assert result.status == "warn" and "prerequisites" in result.summary


def test_SET404_warns_when_prerequisites_are_only_mentioned_in_passing() -> None:
    result = run_check(SET404, with_guide(text="You need an admin account. " + BARE_TEXT, headings=[(1, "Install")]))
    assert result.status == "warn" and "only in passing" in result.summary


# ---------------------------------------------------------------- SET405 permissions


def test_SET405_passes_with_a_permissions_section() -> None:
    assert run_check(SET405, strong_evidence()).status == "pass"


def test_SET405_passes_with_a_separate_permissions_page() -> None:
    guide = strong_setup_guide(text=BARE_TEXT, headings=[(1, "Install")])
    page = make_doc("/docs/hubspot/permissions", title="Permissions and scopes")
    result = run_check(SET405, strong_evidence(docs=[guide, page]))
    assert result.status == "pass" and result.findings[0].url == f"{SITE}/docs/hubspot/permissions"


def test_SET405_fails_when_no_page_explains_permissions() -> None:
    result = run_check(SET405, with_guide(text=BARE_TEXT, headings=[(1, "Install")]))
    assert result.status == "warn" and "permissions" in result.summary


# ---------------------------------------------------------------- SET406 uninstall


def test_SET406_passes_with_an_uninstall_section() -> None:
    assert run_check(SET406, strong_evidence()).status == "pass"


def test_SET406_fails_when_uninstall_is_not_documented() -> None:
    result = run_check(SET406, with_guide(text=BARE_TEXT, headings=[(1, "Install")]))
    assert result.status == "warn" and "uninstalling" in result.summary


def test_SET406_warns_on_a_passing_mention() -> None:
    result = run_check(SET406, with_guide(text="To disconnect, open Settings. " + BARE_TEXT, headings=[(1, "Install")]))
    assert result.status == "warn" and "disconnect" in (result.findings[0].excerpt or "")


# ---------------------------------------------------------------- SET407 time to value


def test_SET407_passes_when_the_description_states_the_setup_time() -> None:
    result = run_check(SET407, strong_evidence())
    assert result.status == "pass" and '"takes about 5 minutes"' in result.summary


def test_SET407_passes_on_a_statement_in_the_setup_guide() -> None:
    listing = strong_listing(description="Acme syncs invoices.", tagline="Invoices from deals")
    ev = strong_evidence(listing=listing,
                         docs=[strong_setup_guide(text="You can connect in under 10 minutes. " + BARE_TEXT)])
    result = run_check(SET407, ev)
    assert result.status == "pass" and "setup guide" in result.summary and result.findings[0].url == SETUP_URL


def test_SET407_accepts_a_5_minute_setup_phrase() -> None:
    ev = with_listing(description="A 5-minute setup, then invoices flow.")
    assert run_check(SET407, ev).status == "pass"


def test_SET407_fails_when_no_duration_is_stated() -> None:
    listing = strong_listing(description="Acme syncs invoices within your CRM.")
    result = run_check(SET407, strong_evidence(listing=listing, docs=[strong_setup_guide(text=BARE_TEXT)]))
    assert result.status == "warn"


# ---------------------------------------------------------------- SET408 setup media


def test_SET408_passes_with_an_image_per_three_steps() -> None:
    result = run_check(SET408, strong_evidence())
    assert result.status == "pass" and "2 images for 6 numbered steps" in result.summary


def test_SET408_passes_with_a_walkthrough_video() -> None:
    result = run_check(SET408, with_guide(images=[], links=["https://youtu.be/xyz"]))
    assert result.status == "pass" and result.findings[0].url == "https://youtu.be/xyz"


def test_SET408_fails_without_images() -> None:
    result = run_check(SET408, with_guide(images=[]))
    assert result.status == "warn" and "0 images for 6 numbered steps" in result.summary


def test_SET408_warns_when_under_illustrated() -> None:
    guide = strong_setup_guide(images=[shot("a"), shot("b")], steps=[f"s{i}" for i in range(9)])
    assert run_check(SET408, strong_evidence(docs=[guide])).status == "warn"


def test_SET408_does_not_count_lookalike_video_hosts() -> None:
    assert run_check(SET408, with_guide(images=[], links=["https://notyoutube.com/x"])).status == "warn"


# ---------------------------------------------------------------- SET409 setup complaints


def test_SET409_passes_when_reviews_praise_setup() -> None:
    result = run_check(SET409, strong_evidence())
    assert result.status == "pass" and result.summary.startswith("0 of 12 reviews shown complain about installing")


def test_SET409_fails_when_reviews_complain_about_setup_and_quotes_them() -> None:
    reviews = [
        review(1, 1, "Took two weeks to set up and we still couldn't connect our HubSpot account."),
        review(2, 2, "We had to buy an onboarding package just to get started."),
        review(2, 3, "Couldn't connect to our sandbox portal."),
        review(2, 4, "Pricing is not listed anywhere."),
        review(5, 5, "Love it."),
    ]
    result = run_check(SET409, with_listing(reviews=reviews, rating_distribution={}))
    assert result.status == "warn" and result.summary.startswith("3 of 5 reviews shown complain about installing, "
                                                                 "connecting or onboarding (60%)")
    assert [f.message for f in result.findings] == [
        f"Complains about setup (1-star review, {ago(1)})", f"Complains about setup (2-star review, {ago(2)})",
        f"Complains about setup (2-star review, {ago(3)})"]
    assert "onboarding" in (result.findings[1].excerpt or "") and all(f.url == LISTING_URL for f in result.findings)


def test_SET409_counts_setup_that_took_weeks_below_five_stars() -> None:
    slow = review(4, 1, "Great once it runs, but it took us three weeks to get going.")
    result = run_check(SET409, with_listing(reviews=[slow] + [review(5, 2)] * 3))
    assert result.status == "warn" and "took us three weeks" in (result.findings[0].excerpt or "")


def test_SET409_never_counts_five_star_praise_of_setup() -> None:
    result = run_check(SET409,
                       with_listing(reviews=[review(5, 1, "Install took two days of waiting for IT, then easy.")]))
    assert result.status == "pass"


def test_SET409_not_applicable_without_reviews() -> None:
    assert run_check(SET409, with_listing(reviews=[])).status == "not-applicable"
