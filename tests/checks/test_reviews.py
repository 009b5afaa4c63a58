"""Review checks (REV3xx) on hand-built evidence."""

from __future__ import annotations

from auditor.judge.evaluate import run_check
from checks.reviews.average_rating import CHECK as REV302
from checks.reviews.complaint_themes import CHECK as REV305
from checks.reviews.rating_distribution import CHECK as REV306
from checks.reviews.reply_rate import CHECK as REV304
from checks.reviews.review_recency import CHECK as REV303
from checks.reviews.review_velocity import CHECK as REV307
from checks.reviews.review_volume import CHECK as REV301
from checks.setup.setup_complaints import CHECK as SET409
from tests.factories import ago, make_evidence, review, strong_listing


def run(check, **listing_fields):
    return run_check(check, make_evidence(strong_listing(**listing_fields)))


# ---------------------------------------------------------------- REV301 volume


def test_REV301_passes_with_ten_or_more_reviews() -> None:
    result = run(REV301)
    assert result.status == "pass" and "25 reviews" in result.summary


def test_REV301_fails_without_reviews() -> None:
    result = run(REV301, review_count=None, reviews=[], rating=None)
    assert result.status == "warn" and "0 reviews" in result.summary


def test_REV301_warns_with_a_handful_and_counts_shown_reviews_when_no_total() -> None:
    result = run(REV301, review_count=None, reviews=[review(5, 3)] * 4)
    assert result.status == "warn" and "4 reviews" in result.summary


# ---------------------------------------------------------------- REV302 average rating


def test_REV302_passes_at_four_stars_or_more() -> None:
    assert run(REV302).status == "pass"


def test_REV302_fails_below_three_and_a_half_and_lists_low_reviews() -> None:
    reviews = [review(1, 3, "Broken after a week."), review(5, 9)]
    result = run(REV302, rating=3.0, reviews=reviews)
    assert result.status == "warn" and "3.0 of 5" in result.summary
    assert [f.message for f in result.findings] == ["1-star review"]
    assert result.findings[0].excerpt == "Broken after a week."


def test_REV302_warns_between_three_and_a_half_and_four() -> None:
    assert run(REV302, rating=3.7).status == "warn"


def test_REV302_averages_shown_reviews_when_no_aggregate() -> None:
    result = run(REV302, rating=None, review_count=None, reviews=[review(4, 1), review(3, 2)])
    assert result.status == "warn" and "3.5 of 5" in result.summary


def test_REV302_not_applicable_without_any_rating() -> None:
    assert run(REV302, rating=None, reviews=[]).status == "not-applicable"


# ---------------------------------------------------------------- REV303 recency


def test_REV303_passes_with_a_review_this_quarter() -> None:
    result = run(REV303)
    assert result.status == "pass" and "5 days old" in result.summary


def test_REV303_fails_when_the_latest_review_is_over_six_months_old() -> None:
    result = run(REV303, reviews=[review(5, 400), review(4, 500)])
    assert result.status == "warn" and "400 days" in result.summary
    assert result.findings[0].message.startswith("Latest review:")


def test_REV303_warns_between_three_and_six_months() -> None:
    assert run(REV303, reviews=[review(5, 120)]).status == "warn"


def test_REV303_not_applicable_without_dated_reviews() -> None:
    undated = review(5, 1)
    undated.date = None
    assert run(REV303, reviews=[undated]).status == "not-applicable"


# ---------------------------------------------------------------- REV304 reply rate


def test_REV304_passes_when_the_critical_reviews_are_answered() -> None:
    reviews = [review(2, 1, "Sync broke twice.", reply="Fixed in 2.3, sorry."), review(5, 2), review(5, 3)]
    result = run(REV304, reviews=reviews)
    assert result.status == "pass" and "1 of the 1 critical reviews" in result.summary
    assert "1 of all 3" in result.summary


def test_REV304_fails_when_critical_reviews_go_unanswered_and_lists_them() -> None:
    reviews = [review(5, 1, reply="Thanks!"), review(2, 2, "Support never answered."), review(4, 3), review(5, 4)]
    result = run(REV304, reviews=reviews)
    assert result.status == "warn" and result.score == 0.0 and "0 of the 1 critical" in result.summary
    assert [f.excerpt for f in result.findings] == ["Support never answered."]


def test_REV304_warns_between_a_quarter_and_a_half() -> None:
    reviews = [review(1, 1, reply="We are on it.")] + [review(2, 2)] * 2
    result = run(REV304, reviews=reviews)
    assert result.status == "warn" and 0 < result.score < 1


def test_REV304_has_nothing_to_judge_without_a_critical_review() -> None:
    result = run(REV304, reviews=[review(5, 1), review(4, 2), review(5, 3)])
    assert result.status == "not-applicable" and "None of the 3 reviews shown is critical" in result.summary


def test_REV304_not_applicable_without_reviews() -> None:
    assert run(REV304, reviews=[]).status == "not-applicable"


# ---------------------------------------------------------------- REV305 complaint themes


def test_REV305_passes_when_reviews_praise_setup() -> None:
    result = run(REV305)
    assert result.status == "pass" and "0 of 12" in result.summary


def test_REV305_fails_when_reviews_complain_and_names_themes_with_counts() -> None:
    reviews = [
        review(2, 1, "Setup was confusing and took days."),
        review(1, 2, "Support never replied to my ticket."),
        review(4, 3, "Great app, but sync creates duplicates."),
        review(2, 4, "Too expensive for what it does."),
        review(5, 5, "Love it."),
    ]
    result = run(REV305, reviews=reviews, rating_distribution={})
    assert result.status == "warn" and result.summary.startswith("4 of 5 reviews shown complain (80%)")
    themes = {f.message.split(":")[0]: f for f in result.findings}
    assert set(themes) == {"setup", "support", "sync", "pricing"}
    assert themes["sync"].message == "sync: 1 of 5 reviews complain" and "duplicates" in themes["sync"].excerpt


def test_REV305_not_applicable_without_review_text() -> None:
    assert run(REV305, reviews=[review(5, 1, "")]).status == "not-applicable"


def test_REV305_never_counts_a_five_star_review_as_a_complaint() -> None:
    praise = review(5, 1, "The sync history makes it easy to see why a record failed.")
    grumble = review(4, 2, "Good, but the sync creates duplicates.")
    result = run(REV305, reviews=[praise, grumble], rating_distribution={})
    assert result.summary.startswith("1 of 2 reviews shown complain (50%): sync (1)")


def test_REV305_counts_negative_wording_below_five_stars_like_setup_complaints_do() -> None:
    # the same shared detection decides REV305's setup theme and SET409
    fiddly = review(4, 2, "Deploy approvals are great. Setup was a bit fiddly for Jenkins.")
    result = run(REV305, reviews=[fiddly, review(5, 3)], rating_distribution={})
    assert result.summary.startswith("1 of 2 reviews shown complain (50%): setup (1)")
    assert run(SET409, reviews=[fiddly, review(5, 3)], rating_distribution={}).summary.startswith(
        "1 of 2 reviews shown complain about installing, connecting or onboarding (50%)")


def test_REV305_weighs_the_reviews_shown_by_the_listings_rating_distribution() -> None:
    # a store shows three reviews sorted by relevance; one is a critical complaint, but 3% of all ratings are critical
    shown = [review(1, 1, "Support never replied to my ticket."), review(5, 2), review(5, 3)]
    weighted = run(REV305, reviews=shown, rating_distribution={"5": 300, "4": 20, "3": 4, "2": 2, "1": 4})
    sampled = run(REV305, reviews=shown, rating_distribution={})
    assert weighted.status == "pass" and "(3% of them 3 stars or lower), about 3% of its reviews do" in weighted.summary
    assert sampled.status == "warn" and "(33%)" in sampled.summary
    poor = run(REV305, reviews=shown, rating_distribution={"5": 10, "4": 5, "3": 5, "2": 10, "1": 20})
    assert poor.status == "warn" and "about 70% of its reviews do" in poor.summary


# ---------------------------------------------------------------- REV306 rating distribution


def test_REV306_passes_with_few_low_ratings() -> None:
    result = run(REV306)
    assert result.status == "pass" and result.summary.startswith("1 of 25 ratings (4%) are 1-2 stars")
    assert "rating distribution" in result.summary and result.findings[0].excerpt == "5★ 19 · 4★ 4 · 3★ 1 · 2★ 1 · 1★ 0"


def test_REV306_fails_when_many_ratings_are_one_or_two_stars_and_lists_them() -> None:
    reviews = [review(1, 3, "Broke our pipeline."), review(5, 9)]
    result = run(REV306, rating_distribution={"5": 5, "4": 1, "2": 1, "1": 3}, reviews=reviews)
    assert result.status == "warn" and result.summary.startswith("4 of 10 ratings (40%)")
    assert "1-star review" in result.findings[1].message and result.findings[1].excerpt == "Broke our pipeline."


def test_REV306_warns_between_ten_and_twenty_five_percent() -> None:
    result = run(REV306, rating_distribution={"5": 8, "4": 0, "3": 0, "2": 1, "1": 1})
    assert result.status == "warn" and "2 of 10 ratings (20%)" in result.summary


def test_REV306_falls_back_to_the_reviews_shown() -> None:
    reviews = [review(1, 1), review(2, 2)] + [review(5, 3)] * 6
    result = run(REV306, rating_distribution={}, reviews=reviews)
    assert result.status == "warn" and "2 of 8 ratings (25%)" in result.summary
    assert "the reviews shown on the page" in result.summary


def test_REV306_not_applicable_with_fewer_than_five_ratings() -> None:
    result = run(REV306, rating_distribution={"3": 1, "2": 2, "1": 1})
    assert result.status == "not-applicable" and "Only 4 ratings (3 of them 1-2 stars)" in result.summary


# ---------------------------------------------------------------- REV307 review velocity


def test_REV307_passes_with_three_or_more_reviews_this_quarter() -> None:
    result = run(REV307)
    assert result.status == "pass" and result.summary.startswith("12 of the 12 dated reviews shown on the page")
    assert "Only the reviews shown on the page are counted (the listing counts 25 in all)" in result.summary


def test_REV307_fails_without_a_review_in_ninety_days() -> None:
    result = run(REV307, reviews=[review(5, 120, "Old praise."), review(4, 200)])
    assert result.status == "warn" and result.summary.startswith("0 of the 2 dated reviews")
    assert result.findings[0].message == f"Latest review shown: {ago(120)} (120 days ago)"
    assert result.findings[0].excerpt == "Old praise."


def test_REV307_warns_with_one_or_two_recent_reviews() -> None:
    result = run(REV307, reviews=[review(5, 10), review(4, 89), review(5, 91)])
    assert result.status == "warn" and result.summary.startswith("2 of the 3")


def test_REV307_not_applicable_when_no_review_is_dated() -> None:
    undated = review(5, 1)
    undated.date = None
    result = run(REV307, reviews=[undated])
    assert result.status == "not-applicable" and "shown on the page" in result.summary


def test_REV302_passes_a_strong_rating_on_a_four_star_scale() -> None:
    from dataclasses import replace as _replace

    from checks.reviews.average_rating import CHECK as REV302_CHECK
    from tests.factories import strong_evidence as _strong

    ev = _strong()
    ev.listing = _replace(ev.listing, rating=3.4, rating_scale=4.0)
    result = run_check(REV302_CHECK, ev)
    assert result.status == "pass" and "4.2 of 5" in result.summary


def test_REV307_reads_a_relevance_sorted_sample_for_what_it_can_show() -> None:
    from tests.factories import make_evidence as evidence

    one_recent = [review(5, 10), review(5, 400), review(4, 700)]
    none_recent = [review(5, 200), review(5, 400), review(4, 700)]
    shopify = run_check(REV307, evidence(strong_listing(reviews=one_recent), marketplace="shopify"))
    unknown = run_check(REV307, evidence(strong_listing(reviews=none_recent), marketplace="shopify"))
    generic = run(REV307, reviews=one_recent)
    assert shopify.status == "pass" and "sorted by relevance" in shopify.summary
    assert unknown.status == "warn" and "none of the sample is recent" in unknown.summary
    assert generic.status == "warn" and "1 of the 3 dated reviews" in generic.summary
