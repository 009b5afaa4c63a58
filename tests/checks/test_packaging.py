"""Packaging checks (PKG2xx) on hand-built evidence."""

from __future__ import annotations

from auditor.judge.evaluate import run_check
from auditor.model import Image, PricingPlan
from checks.packaging.app_icon import CHECK as PKG210
from checks.packaging.app_name import CHECK as PKG201
from checks.packaging.categories import CHECK as PKG211
from checks.packaging.claims import CHECK as PKG207
from checks.packaging.demo_video import CHECK as PKG205
from checks.packaging.description import CHECK as PKG203
from checks.packaging.feature_list import CHECK as PKG209
from checks.packaging.keyword_stuffing import CHECK as PKG208
from checks.packaging.languages_editions import CHECK as PKG212
from checks.packaging.pricing import CHECK as PKG206
from checks.packaging.screenshots import CHECK as PKG204
from checks.packaging.tagline import CHECK as PKG202
from tests.factories import LISTING_URL, STRONG_DESCRIPTION, make_evidence, make_page, shot, strong_listing


def run(check, **listing_fields):
    return run_check(check, make_evidence(strong_listing(**listing_fields)))


def messages(result) -> str:
    return " | ".join(f"{f.message} {f.excerpt or ''}" for f in result.findings)


# ---------------------------------------------------------------- PKG201 app name


def test_PKG201_passes_with_a_short_name() -> None:
    result = run(PKG201)
    assert result.status == "pass" and "16 characters" in result.summary


def test_PKG201_passes_at_exactly_30_characters() -> None:
    assert run(PKG201, name="A" * 30).status == "pass"


def test_PKG201_fails_with_a_31_character_name() -> None:
    name = "Acme Invoices Sync for HubSpot!"
    assert len(name) == 31
    result = run(PKG201, name=name)
    assert result.status == "warn" and "31 characters" in result.summary and result.findings[0].excerpt == name


def test_PKG201_fails_without_a_name() -> None:
    result = run(PKG201, name="  ")
    assert result.status == "warn" and "no app name" in result.summary


# ---------------------------------------------------------------- PKG202 tagline


def test_PKG202_passes_with_a_tagline_of_readable_length() -> None:
    assert run(PKG202).status == "pass"


def test_PKG202_fails_when_over_100_characters() -> None:
    result = run(PKG202, tagline="Sync " * 21)
    assert result.status == "warn" and "over the 100-character limit" in result.summary


def test_PKG202_fails_without_a_tagline() -> None:
    assert run(PKG202, tagline=None).status == "warn"


def test_PKG202_warns_when_too_short() -> None:
    result = run(PKG202, tagline="Invoices.")
    assert result.status == "warn" and "only 9 characters" in result.summary


# ---------------------------------------------------------------- PKG203 description


def test_PKG203_passes_with_a_specific_description() -> None:
    result = run(PKG203)
    assert result.status == "pass" and "146 words" in result.summary


def test_PKG203_fails_with_short_generic_marketing_copy() -> None:
    copy = "The powerful, seamless, all-in-one platform that will supercharge your team. Effortless and innovative."
    result = run(PKG203, description=copy)
    assert result.status == "warn"
    assert "fewer than 100" in messages(result) and "integration specifics" in messages(result)
    assert "more generic marketing words (6) than integration specifics (0)" in messages(result)
    assert "powerful" in messages(result)


def test_PKG203_fails_without_a_description() -> None:
    assert run(PKG203, description=None).status == "warn"


def test_PKG203_warns_when_over_4000_characters() -> None:
    result = run(PKG203, description=STRONG_DESCRIPTION * 5)
    assert result.status == "warn" and "more than 4000" in messages(result)


# ---------------------------------------------------------------- PKG204 screenshots


def test_PKG204_passes_with_enough_large_described_screenshots() -> None:
    assert run(PKG204).status == "pass"


def test_PKG204_fails_without_screenshots() -> None:
    result = run(PKG204, screenshots=[])
    assert result.status == "warn" and result.summary == "The listing has no screenshots."


def test_PKG204_fails_with_two_small_undescribed_screenshots() -> None:
    result = run(PKG204, screenshots=[shot("a", 800, 600, alt=None), shot("b", 800, 600, alt="")])
    assert result.status == "warn"
    assert "Only 2 screenshots" in messages(result) and "narrower than 1280" in messages(result)
    assert sum("without alt text" in f.message for f in result.findings) == 2


def test_PKG204_warns_on_wrong_aspect_ratio() -> None:
    shots = [shot(str(i), 1600, 1600, alt="x") for i in range(3)]
    result = run(PKG204, screenshots=shots)
    assert result.status == "warn" and "not 16:9 or 16:10" in messages(result)


def test_PKG204_does_not_judge_images_of_unknown_size() -> None:
    result = run(PKG204, screenshots=[shot(str(i), None, None, alt="x") for i in range(3)])
    assert result.status == "pass" and "3 of unknown size" in result.summary


def run_on(check, marketplace: str, **listing_fields):
    return run_check(check, make_evidence(strong_listing(**listing_fields), marketplace=marketplace))


def test_PKG204_counts_the_surface_the_store_counts_and_never_a_promotional_image() -> None:
    gallery = [shot("promo", kind="promotional"), *(shot(f"d{i}", kind="desktop") for i in range(6)),
               *(shot(f"m{i}", 1080, 1920, kind="mobile") for i in range(5))]
    shopify = run_on(PKG204, "shopify", screenshots=gallery)
    generic = run_on(PKG204, "generic", screenshots=gallery)
    assert shopify.status == "pass" and "6 desktop screenshots (3-6 wanted)" in shopify.summary
    assert generic.status == "warn" and "11 screenshots (3-8 wanted)" in generic.summary


def test_PKG204_holds_a_listing_to_its_stores_count_and_asks_alt_text_only_where_the_store_has_it() -> None:
    two = [shot("a", 1280, 800, alt=None), shot("b", 1280, 800, alt=None)]
    chrome = run_on(PKG204, "chrome-web-store", screenshots=two)
    generic = run_on(PKG204, "generic", screenshots=two)
    assert chrome.status == "pass" and "1 or more wanted" in chrome.summary and "alt text" not in chrome.summary
    assert generic.status == "warn" and "2 without alt text" in generic.summary


def test_PKG204_fails_a_store_listing_without_any_screenshot() -> None:
    assert run_on(PKG204, "google-play", screenshots=[]).status == "warn"
    assert run_on(PKG204, "google-play", screenshots=[shot(str(i), 1080, 1920) for i in range(18)]).status == "pass"


# ---------------------------------------------------------------- PKG205 demo video


def test_PKG205_passes_with_a_video() -> None:
    result = run(PKG205)
    assert result.status == "pass" and "youtube.com" in result.summary


def test_PKG205_fails_without_a_video() -> None:
    assert run(PKG205, video=None).status == "warn"


def test_PKG205_accepts_a_feature_image_only_where_the_store_does() -> None:
    gallery = [shot("promo", kind="promotional"), *(shot(f"d{i}", kind="desktop") for i in range(4))]
    shopify = run_on(PKG205, "shopify", video=None, screenshots=gallery)
    slack = run_on(PKG205, "slack", video=None, screenshots=gallery)
    without = run_on(PKG205, "shopify", video=None, screenshots=gallery[1:])
    assert shopify.status == "pass" and "feature image" in shopify.summary
    assert slack.status == "warn" and without.status == "warn"


def test_PKG205_warns_on_a_playlist_link() -> None:
    result = run(PKG205, video="https://www.youtube.com/playlist?list=PL123")
    assert result.status == "warn" and "playlist" in result.summary


# ---------------------------------------------------------------- PKG206 pricing


def test_PKG206_passes_with_priced_plans_and_an_enterprise_quote() -> None:
    result = run(PKG206)
    assert result.status == "pass" and "Enterprise" in messages(result)


def test_PKG206_passes_with_prices_stated_only_as_text() -> None:
    assert run(PKG206, pricing_plans=[], pricing_text="$10 per user per month").status == "pass"


def test_PKG206_fails_with_contact_us_only() -> None:
    result = run(PKG206, pricing_plans=[], pricing_text="Contact us for pricing")
    assert result.status == "warn" and "contact us" in result.summary
    assert result.findings[0].excerpt == "Contact us for pricing"


def test_PKG206_fails_without_any_pricing() -> None:
    result = run(PKG206, pricing_plans=[], pricing_text=None)
    assert result.status == "warn" and result.summary == "The listing shows no pricing."


def test_PKG206_fails_when_every_plan_is_contact_sales() -> None:
    plans = [PricingPlan("Team", "Contact sales"), PricingPlan("Enterprise", "Talk to sales")]
    assert run(PKG206, pricing_plans=plans).status == "warn"


def test_PKG206_warns_on_a_plan_without_a_price() -> None:
    plans = [PricingPlan("Basic", "$9/mo", 9.0), PricingPlan("Plus", None)]
    result = run(PKG206, pricing_plans=plans)
    assert result.status == "warn" and 'Plan "Plus" shows no price' in messages(result)


# ---------------------------------------------------------------- PKG207 claims


def test_PKG207_passes_with_factual_copy() -> None:
    assert run(PKG207).status == "pass"


def test_PKG207_fails_on_superlatives_and_statistics() -> None:
    result = run(PKG207, tagline="The #1 and best invoicing app",
                 description="Trusted by 10,000+ customers. Save 40% of admin time.")
    assert result.status == "warn"
    for claim in ('"#1" in the tagline', '"best" in the tagline', '"10,000+ customers" in the description',
                  '"40%" in the description'):
        assert claim in messages(result)


def test_PKG207_does_not_flag_only_or_plain_numbers() -> None:
    result = run(PKG207, tagline="Only syncs the 3 objects you choose, every 5 minutes")
    assert result.status == "pass"


def test_PKG207_fails_on_first_and_only_claims_but_not_on_sequence_words() -> None:
    result = run(PKG207, description=STRONG_DESCRIPTION + " Acme is the only HubSpot app that does it, "
                 "the first to sync quotes and the ultimate CRM companion.")
    assert {"the only HubSpot app", "the first to", "the ultimate"} <= {f.message.split('"')[1]
                                                                        for f in result.findings}
    calm = run(PKG207, description=STRONG_DESCRIPTION + " The first sync runs at 2 am. Works with Xero Ultimate plans.")
    assert calm.status == "pass", calm.summary


def test_PKG207_warns_on_a_single_claim() -> None:
    result = run(PKG207, features=["Industry-leading sync"])
    assert result.status == "warn" and "feature 1" in messages(result)


# ---------------------------------------------------------------- PKG208 keyword stuffing


def test_PKG208_passes_without_repeated_keywords() -> None:
    result = run(PKG208)
    assert result.status == "pass" and '"acme" 4 times' in result.summary


def test_PKG208_fails_when_keywords_are_stuffed() -> None:
    text = " ".join(["HubSpot invoices CRM invoicing sync."] * 7)
    result = run(PKG208, description=text)
    assert result.status == "warn" and '"hubspot" appears 7 times' in messages(result)
    assert "hubspot (7)" in result.summary


def test_PKG208_passes_product_names_repeated_in_a_long_description() -> None:
    # 8 mentions in ~400 words is 2%: naming the integrated product, not stuffing it
    sentences = [f"HubSpot {topic} stay in step." for topic in
                 ("deals", "companies", "contacts", "quotes", "tickets", "invoices", "payments", "owners")]
    prose = " ".join(f"term{n}" for n in range(360))  # 360 distinct words
    result = run(PKG208, description=" ".join(sentences) + " " + prose)
    assert result.status == "pass" and '"hubspot" 8 times' in result.summary


def test_PKG208_does_not_count_stopwords() -> None:
    text = " ".join(["You and the team get invoices from the CRM."] * 3) + " and the and the and the"
    assert run(PKG208, description=text).status == "pass"


def test_PKG208_not_applicable_without_description() -> None:
    assert run(PKG208, description=None).status == "not-applicable"


def test_PKG207_names_each_claim_once_in_the_summary_but_finds_it_per_field() -> None:
    result = run(PKG207, tagline="The best invoicing sync", description="The best way to invoice.")
    assert result.summary.endswith("copy: best.") and len(result.findings) == 2


# ---------------------------------------------------------------- PKG209 feature list


def test_PKG209_passes_with_three_short_distinct_features() -> None:
    result = run(PKG209)
    assert result.status == "pass" and result.summary.startswith("3 features (3-10 wanted): 0 over 80 characters")


def test_PKG209_fails_without_a_feature_list() -> None:
    result = run(PKG209, features=[])
    assert result.status == "warn" and "no feature list" in result.summary


def test_PKG209_fails_with_few_long_repeated_features_and_names_each() -> None:
    long = "Two-way sync between Acme customers and HubSpot companies and contacts, with duplicate detection"
    result = run(PKG209, features=[long, long.upper() + "."])
    assert result.status == "warn" and "2 over 80 characters, 1 duplicated" in result.summary
    assert "Only 2 features (3 or more wanted)" in messages(result)
    assert f"Feature 1 is {len(long)} characters (at most 80)" in messages(result)
    assert "Feature 2 repeats feature 1" in messages(result)


def test_PKG209_warns_when_some_features_run_over_80_characters() -> None:
    features = ["Sync contacts", "Create invoices from deals", "Map fields", "x" * 81, "y" * 120]
    result = run(PKG209, features=features)
    assert result.status == "warn" and "2 over 80 characters" in result.summary
    assert {f.excerpt for f in result.findings} == {"x" * 81, "y" * 120}


def test_PKG209_warns_over_ten_features() -> None:
    result = run(PKG209, features=[f"Feature number {i}" for i in range(12)])
    assert result.status == "warn" and "12 features; stores show at most 10" in messages(result)


# ---------------------------------------------------------------- PKG210 app icon


def test_PKG210_passes_on_presence_and_says_the_size_is_unknown() -> None:
    result = run(PKG210)
    assert result.status == "pass" and "only its presence is judged" in result.summary
    icon = strong_listing().icon
    assert icon is not None and result.findings[0].url == icon.url


def test_PKG210_fails_without_an_icon() -> None:
    result = run(PKG210, icon=None)
    assert result.status == "warn" and "no app icon" in result.summary and result.findings[0].url == LISTING_URL


def test_PKG210_fails_when_the_icon_is_broken() -> None:
    strong_icon = strong_listing().icon
    assert strong_icon is not None
    icon = strong_icon.url
    ev = make_evidence(strong_listing(),
                       pages=[make_page(LISTING_URL, kind="listing", referrer=None), make_page(icon, 404)])
    result = run_check(PKG210, ev)
    assert result.status == "warn" and result.findings[0].url == icon


def test_PKG210_warns_on_a_small_icon_sized_in_its_file_name() -> None:
    result = run(PKG210, icon=Image("https://acme.example/img/icon-128x128.png"))
    assert result.status == "warn" and "128×128" in result.summary and "smaller than 512×512" in result.summary


def test_PKG210_passes_a_large_square_icon_sized_in_its_file_name() -> None:
    result = run(PKG210, icon=Image("https://cdn.example/acme_1200x1200.png"))
    assert result.status == "pass" and "1200×1200" in result.summary


def test_PKG210_prefers_the_size_the_listing_declares() -> None:
    result = run(PKG210, icon=Image("https://cdn.example/icon-1200x1200.png", 128, 128))
    assert result.status == "warn" and "128×128" in result.summary and "declares" in messages(result)


# ---------------------------------------------------------------- PKG211 categories


def test_PKG211_passes_with_one_category() -> None:
    result = run(PKG211)
    assert result.status == "pass" and "1 category (1-2 wanted): Finance" in result.summary


def test_PKG211_fails_with_five_categories() -> None:
    categories = ["Sales", "Marketing", "Productivity", "Customer service", "Analytics"]
    result = run(PKG211, categories=categories)
    assert result.status == "warn" and "5 categories" in result.summary
    assert result.findings[0].excerpt == ", ".join(categories)


def test_PKG211_fails_without_a_category() -> None:
    result = run(PKG211, categories=[])
    assert result.status == "warn" and "no category" in result.summary


def test_PKG211_warns_with_three_categories_and_counts_repeats_once() -> None:
    assert run(PKG211, categories=["Finance", "finance ", "Sales"]).status == "pass"
    assert run(PKG211, categories=["Finance", "Sales", "Analytics"]).status == "warn"


# ---------------------------------------------------------------- PKG212 languages and editions


def test_PKG212_passes_with_languages_and_editions() -> None:
    result = run(PKG212)
    assert result.status == "pass" and "1 supported language (English)" in result.summary
    assert "names editions" in messages(result) and "Professional" in messages(result)


def test_PKG212_fails_when_neither_is_stated() -> None:
    result = run(PKG212, languages=[], editions=[])
    assert result.status == "warn" and result.score == 0.0
    assert "No supported languages listed" in messages(result)
    assert "No editions, plans or requirements" in messages(result)


def test_PKG212_gives_half_of_the_half_to_a_vague_works_with_line() -> None:
    result = run(PKG212, editions=["Hubspot, Salesforce, Pipedrive, Zoho CRM and 200+ more"])
    assert result.status == "warn" and result.score == 0.75
    assert 'vague ("more")' in messages(result) and "but no specific editions" in result.summary


def test_PKG212_warns_without_languages() -> None:
    result = run(PKG212, languages=[])
    assert result.status == "warn" and result.score == 0.5 and "no supported languages" in result.summary


def test_PKG212_credits_a_works_with_list_of_products_where_the_store_lists_products() -> None:
    apps = ["mailchimp", "trustpilot", "yotpo"]
    shopify = run_check(PKG212, make_evidence(strong_listing(editions=apps), marketplace="shopify"))
    generic = run(PKG212, editions=apps)
    assert shopify.status == "pass" and "Works with: mailchimp" in messages(shopify)
    assert generic.status == "warn" and generic.score == 0.75


def test_PKG212_judges_only_languages_where_the_store_shows_works_with_only_when_there_is_some() -> None:
    shopify = run_check(PKG212, make_evidence(strong_listing(editions=[]), marketplace="shopify"))
    hubspot = run_check(PKG212, make_evidence(strong_listing(editions=[]), marketplace="hubspot"))
    assert shopify.status == "pass" and "No editions" not in messages(shopify)
    assert hubspot.status == "warn" and "No editions, plans or requirements" in messages(hubspot)


def test_PKG212_does_not_apply_where_the_store_shows_neither() -> None:
    result = run_check(PKG212, make_evidence(strong_listing(languages=[], editions=[]), marketplace="zapier"))
    assert result.status == "not-applicable"


def test_PKG212_does_not_apply_where_the_store_shows_only_a_works_with_list_and_there_is_none() -> None:
    from dataclasses import replace
    from types import MappingProxyType

    from auditor.marketplaces import profile_for

    shopify = profile_for("shopify")
    no_languages = replace(shopify, fields=MappingProxyType({k: v for k, v in shopify.fields.items()
                                                             if k != "languages"}))
    evidence = make_evidence(strong_listing(editions=[]), marketplace="shopify")
    evidence.profile = no_languages
    assert run_check(PKG212, evidence).status == "not-applicable"


def test_PKG212_says_neither_nor_when_the_listing_states_neither() -> None:
    result = run(PKG212, languages=[], editions=[])
    assert result.score == 0.0 and "states neither supported languages nor editions or requirements" in result.summary


def test_PKG212_says_but_no_when_the_listing_states_one_of_the_two() -> None:
    result = run(PKG212, languages=[])
    assert " but no supported languages" in result.summary and " and no " not in result.summary
