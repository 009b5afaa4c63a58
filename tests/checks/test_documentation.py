"""Documentation checks (DOC1xx) on hand-built evidence."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from auditor.judge.evaluate import run_check
from auditor.model import LinkStatus
from checks.documentation.broken_links import CHECK as DOC105
from checks.documentation.changelog_recency import CHECK as DOC110
from checks.documentation.duplicate_titles import CHECK as DOC108
from checks.documentation.freshness import CHECK as DOC104
from checks.documentation.heading_structure import CHECK as DOC109
from checks.documentation.image_alt_text import CHECK as DOC106
from checks.documentation.readability import CHECK as DOC103
from checks.documentation.setup_guide import CHECK as DOC101
from checks.documentation.thin_pages import CHECK as DOC107
from checks.documentation.topic_coverage import CHECK as DOC102
from tests.factories import (
    LISTING_URL,
    SITE,
    TODAY,
    ago,
    docs_without,
    filler,
    links_with,
    make_doc,
    make_evidence,
    make_page,
    shot,
    strong_evidence,
    strong_setup_guide,
)

SETUP_URL = f"{SITE}/docs/hubspot/setup"


def messages(result) -> str:
    return " | ".join(f"{f.message} {f.url or ''} {f.excerpt or ''}" for f in result.findings)


# ---------------------------------------------------------------- DOC101 setup guide


def test_DOC101_passes_with_a_linked_specific_guide() -> None:
    result = run_check(DOC101, strong_evidence())
    assert result.status == "pass" and result.score == 1.0
    assert "6 steps" in result.summary and any(f.url == SETUP_URL for f in result.findings)


def test_DOC101_fails_without_any_setup_guide() -> None:
    ev = strong_evidence(listing=links_with(setup=None), docs=docs_without("/docs/hubspot/setup"))
    result = run_check(DOC101, ev)
    assert result.status == "warn" and "No readable setup guide" in result.summary


def test_DOC101_fails_when_the_setup_link_is_the_docs_root() -> None:
    root = make_doc("/docs", title="Acme Help Center", role="setup", steps=["a", "b", "c"])
    result = run_check(DOC101, strong_evidence(listing=links_with(setup=f"{SITE}/docs"), docs=[root]))
    assert result.status == "warn"
    assert "root" in result.summary and result.findings[0].url == f"{SITE}/docs"


def test_DOC101_fails_when_the_setup_link_is_broken() -> None:
    pages = [make_page(LISTING_URL, kind="listing", referrer=None), make_page(SETUP_URL, 404)]
    result = run_check(DOC101, strong_evidence(docs=docs_without("/docs/hubspot/setup"), pages=pages))
    assert result.status == "warn" and result.findings[0].url == SETUP_URL


def test_DOC101_unverified_when_the_setup_page_was_blocked() -> None:
    pages = [make_page(LISTING_URL, kind="listing", referrer=None), make_page(SETUP_URL, 403)]
    result = run_check(DOC101, strong_evidence(docs=docs_without("/docs/hubspot/setup"), pages=pages))
    assert result.status == "unverified" and SETUP_URL in result.summary


def test_DOC101_warns_when_the_guide_is_found_but_not_linked_as_setup() -> None:
    ev = strong_evidence(listing=links_with(setup=None),
                         docs=[strong_setup_guide(role=None), *docs_without("/docs/hubspot/setup")])
    result = run_check(DOC101, ev)
    assert result.status == "warn" and "linked from the listing" in messages(result)


def test_DOC101_warns_when_the_guide_has_no_steps() -> None:
    guide = strong_setup_guide(steps=[], headings=[])
    result = run_check(DOC101, strong_evidence(docs=[guide]))
    assert result.status == "warn" and "ordered steps" in messages(result)


def test_DOC101_follows_a_redirected_setup_link() -> None:
    # the crawl reached the guide through another URL that redirected; the listing links the final URL
    final = f"{SITE}/docs/hubspot/setup/"
    moved = replace(strong_setup_guide(url=f"{SITE}/docs/old-setup", role=None), final_url=final)
    pages = [make_page(LISTING_URL, kind="listing", referrer=None), make_page(moved.url, final_url=final)]
    result = run_check(DOC101, strong_evidence(listing=links_with(setup=final), docs=[moved], pages=pages))
    assert result.status == "pass" and "6 steps" in result.summary  # found through the recorded redirect


# ---------------------------------------------------------------- DOC102 topic coverage


def test_DOC102_passes_when_every_topic_has_a_page_or_heading() -> None:
    result = run_check(DOC102, strong_evidence())
    assert result.status == "pass" and result.summary.startswith("9 of 9 topics covered")


def test_DOC102_fails_with_one_generic_page() -> None:
    only = make_doc("/docs/hubspot/setup", title="Setup", role="setup")
    result = run_check(DOC102, make_evidence(docs=[only]))
    assert result.status == "warn"
    assert result.summary.startswith("1 of 9 topics covered") and "FAQ" in result.summary
    assert "No docs page covers uninstall" in messages(result)


def test_DOC102_gives_half_credit_for_passing_mentions() -> None:
    body = "Read the FAQ and the changelog. " + filler(200)
    page = make_doc("/docs/hubspot/setup", title="Setup", text=body, role="setup")
    result = run_check(DOC102, make_evidence(docs=[page]))
    assert result.score == round(2 / 9, 3) and "(2 only in passing)" in result.summary
    assert "FAQ is only mentioned in passing" in messages(result)


def test_DOC102_fails_without_docs_and_is_unverified_when_docs_were_blocked() -> None:
    assert run_check(DOC102, make_evidence()).status == "warn"
    blocked = make_evidence(listing=links_with(), links=[LinkStatus(f"{SITE}/docs/hubspot", "blocked", 403)])
    assert run_check(DOC102, blocked).status == "unverified"


# ---------------------------------------------------------------- DOC103 readability


def test_DOC103_passes_for_plain_docs() -> None:
    result = run_check(DOC103, strong_evidence())
    assert result.status == "pass" and "grade 8.0" in result.summary


def test_DOC103_fails_for_a_dense_setup_guide() -> None:
    result = run_check(DOC103, strong_evidence(docs=[strong_setup_guide(reading_grade=16.0, reading_ease=20.0)]))
    assert result.status == "warn"
    assert "grade 16.0" in messages(result) and result.findings[0].url == SETUP_URL


def test_DOC103_holds_the_setup_guide_to_a_stricter_level_than_reference_pages() -> None:
    reference = make_doc("/docs/api/reference", title="API reference", grade=12.0, ease=45.0)
    guide = strong_setup_guide(reading_grade=12.0, reading_ease=45.0)
    assert run_check(DOC103, make_evidence(docs=[reference])).status == "pass"
    result = run_check(DOC103, make_evidence(listing=links_with(), docs=[guide]))
    assert result.status == "warn" and "setup page" in messages(result)


def test_DOC103_not_applicable_without_reading_scores() -> None:
    page = make_doc("/docs/a", grade=None, ease=None)
    assert run_check(DOC103, make_evidence(docs=[page])).status == "not-applicable"
    short = make_evidence(docs=[make_doc("/docs/b", text="Too short to score.")])
    assert run_check(DOC103, short).status == "not-applicable"


# ---------------------------------------------------------------- DOC104 freshness


def test_DOC104_passes_when_docs_were_updated_this_year() -> None:
    result = run_check(DOC104, strong_evidence())
    assert result.status == "pass" and "30 days ago" in result.summary


def test_DOC104_fails_when_the_newest_page_is_over_two_years_old() -> None:
    result = run_check(DOC104, make_evidence(docs=[make_doc("/docs/a", updated=ago(800))]))
    assert result.status == "warn" and "800 days" in result.summary
    assert any("Not updated for 800 days" in f.message for f in result.findings)


def test_DOC104_warns_between_one_and_two_years() -> None:
    assert run_check(DOC104, make_evidence(docs=[make_doc("/docs/a", updated=ago(500))])).status == "warn"


def test_DOC104_warns_when_no_page_states_a_date() -> None:
    result = run_check(DOC104, make_evidence(docs=[make_doc("/docs/a"), make_doc("/docs/b")]))
    assert result.status == "warn" and result.findings[0].message == "No page states when it was last updated"


def test_DOC104_not_applicable_without_docs() -> None:
    assert run_check(DOC104, make_evidence()).status == "not-applicable"


# ---------------------------------------------------------------- DOC105 broken links


def listing_pages(*more):
    return [make_page(LISTING_URL, kind="listing", referrer=None), *more]


def test_DOC105_passes_when_every_link_resolves() -> None:
    result = run_check(DOC105, strong_evidence())
    assert result.status == "pass" and result.summary.startswith("0 of 13 links broken")


def test_DOC105_fails_with_several_broken_links_and_names_their_sources() -> None:
    faq = f"{SITE}/docs/faq"
    pages = listing_pages(make_page(f"{SITE}/docs/old", 404, referrer=faq), make_page(f"{SITE}/docs/gone", 410))
    links = [LinkStatus(f"{SITE}/a.pdf", "broken", 404, sources=[faq]),
             LinkStatus(f"{SITE}/b", "broken", None, "DNS failure")]
    result = run_check(DOC105, make_evidence(pages=pages, links=links))
    assert result.status == "warn" and result.summary.startswith("4 of 4 links broken")
    first = result.findings[0]
    assert first.url == f"{SITE}/docs/old" and "HTTP 404" in first.message and first.excerpt == faq


def test_DOC105_warns_on_a_single_broken_link() -> None:
    result = run_check(DOC105, make_evidence(pages=listing_pages(make_page(f"{SITE}/docs/old", 404))))
    assert result.status == "warn" and result.score == 0.75


def test_DOC105_does_not_count_blocked_or_timed_out_links_as_broken() -> None:
    pages = listing_pages(make_page(f"{SITE}/docs/a", 403), make_page(f"{SITE}/docs/b", None, error="timeout"))
    links = [LinkStatus("https://x.example/", "blocked", 429), LinkStatus("https://y.example/", "timeout"),
             LinkStatus("https://elsewhere.example/", "skipped")]
    result = run_check(DOC105, make_evidence(pages=pages, links=links))
    assert result.status == "pass" and "4 unverified" in result.summary
    assert all("Unverified" in f.message for f in result.findings)
    assert not any(f.url == "https://elsewhere.example/" for f in result.findings)


def test_DOC105_not_applicable_when_nothing_was_checked() -> None:
    assert run_check(DOC105, make_evidence()).status == "not-applicable"


# ---------------------------------------------------------------- DOC106 image alt text


def test_DOC106_passes_when_images_have_alt_text() -> None:
    assert run_check(DOC106, strong_evidence()).status == "pass"


def test_DOC106_fails_when_images_lack_alt_attributes() -> None:
    page = make_doc("/docs/a", images=[shot("a", alt=None), shot("b", alt=None), shot("c")])
    result = run_check(DOC106, make_evidence(docs=[page]))
    assert result.status == "warn" and result.summary.startswith("2 of 3 docs images lack alt text")
    assert result.findings[0].excerpt == f"{SITE}/img/a.png" and result.findings[0].url == f"{SITE}/docs/a"


def test_DOC106_accepts_empty_alt_as_decorative() -> None:
    page = make_doc("/docs/a", images=[shot("divider", alt=""), shot("b")])
    assert run_check(DOC106, make_evidence(docs=[page])).status == "pass"


def test_DOC106_not_applicable_without_images() -> None:
    assert run_check(DOC106, make_evidence(docs=[make_doc("/docs/a")])).status == "not-applicable"


# ---------------------------------------------------------------- DOC107 thin pages


def test_DOC107_passes_when_pages_have_substance() -> None:
    assert run_check(DOC107, strong_evidence()).status == "pass"


def test_DOC107_fails_when_most_pages_are_thin() -> None:
    docs = [make_doc("/docs/a", text="Coming soon."), make_doc("/docs/b", words=40), make_doc("/docs/c")]
    result = run_check(DOC107, make_evidence(docs=docs))
    assert result.status == "warn" and result.summary.startswith("2 of 3 docs pages have fewer than 150 words")
    assert [f.message for f in result.findings] == ["Only 2 words", "Only 40 words"]


def test_DOC107_ignores_policy_pages() -> None:
    docs = [make_doc("/docs/a"), make_doc("/privacy", text="Short.", kind="policy")]
    assert run_check(DOC107, make_evidence(docs=docs)).status == "pass"


# ---------------------------------------------------------------- DOC108 duplicate titles


def test_DOC108_passes_with_unique_titles() -> None:
    assert run_check(DOC108, strong_evidence()).status == "pass"


def test_DOC108_fails_when_pages_share_a_title() -> None:
    docs = [make_doc(f"/docs/{n}", title="Documentation") for n in "abc"] + [make_doc("/docs/d", title="")]
    result = run_check(DOC108, make_evidence(docs=docs))
    assert result.status == "warn" and "1 duplicated title" in result.summary and "1 untitled" in result.summary
    assert "Title shared by 3 pages" in messages(result) and "Page has no title" in messages(result)


def test_DOC108_not_applicable_with_a_single_page() -> None:
    assert run_check(DOC108, make_evidence(docs=[make_doc("/docs/a")])).status == "not-applicable"


# ---------------------------------------------------------------- DOC109 heading structure


def test_DOC109_passes_with_one_h1_and_nested_headings() -> None:
    assert run_check(DOC109, strong_evidence()).status == "pass"


def test_DOC109_fails_on_missing_h1_and_skipped_levels() -> None:
    docs = [make_doc("/docs/a", headings=[(2, "Intro"), (4, "Details")]),
            make_doc("/docs/b", headings=[(1, "One"), (1, "Two")])]
    result = run_check(DOC109, make_evidence(docs=docs))
    assert result.status == "warn" and result.summary.startswith("2 of 2 docs pages")
    assert "0 h1 headings" in messages(result) and 'h2 jumps to h4 at "Details"' in messages(result)
    assert "2 h1 headings" in messages(result)


def test_DOC109_flags_a_page_that_starts_below_h2() -> None:
    result = run_check(DOC109, make_evidence(docs=[make_doc("/docs/a", headings=[(1, "T")]),
                                                   make_doc("/docs/b", headings=[(3, "Deep")])]))
    assert result.status == "warn" and "h1 jumps to h3" in messages(result)


def test_DOC102_reads_topics_from_url_paths_but_not_hosts() -> None:
    on_api_host = make_doc("https://api.acme.example/guide/faq", title="Guide", headings=[(1, "Guide")])
    result = run_check(DOC102, make_evidence(docs=[on_api_host]))
    assert "FAQ" not in result.summary  # from the path "/guide/faq"
    assert "API and rate limits" in result.summary  # missing: the host name does not count


# ---------------------------------------------------------------- DOC110 changelog recency

CHANGELOG_URL = f"{SITE}/docs/changelog"


def with_changelog(*dates: str, **doc_fields):
    """Strong evidence whose changelog page shows `dates`."""
    page = make_doc("/docs/changelog", title="Changelog", role="changelog", dates=dates, **doc_fields)
    return strong_evidence(docs=[*docs_without("/docs/changelog"), page])


def test_DOC110_passes_with_a_release_this_quarter() -> None:
    result = run_check(DOC110, strong_evidence())
    assert result.status == "pass" and "12 days old" in result.summary
    assert result.findings[0].url == CHANGELOG_URL and result.findings[0].excerpt == ago(12)


def test_DOC110_fails_without_a_changelog() -> None:
    result = run_check(DOC110, strong_evidence(listing=links_with(changelog=None),
                                               docs=docs_without("/docs/changelog")))
    assert result.status == "warn" and "No changelog" in result.summary
    assert result.findings[0].url == LISTING_URL


def test_DOC110_fails_when_the_newest_entry_is_over_a_year_old() -> None:
    result = run_check(DOC110, with_changelog(ago(400), ago(700)))
    assert result.status == "warn" and "400 days old" in result.summary and ago(400) in result.summary


def test_DOC110_warns_between_six_months_and_a_year() -> None:
    result = run_check(DOC110, with_changelog(ago(200)))
    assert result.status == "warn" and result.score == 0.5 and "200 days" in result.summary


def test_DOC110_fails_when_the_changelog_dates_nothing() -> None:
    result = run_check(DOC110, with_changelog())
    assert result.status == "warn" and "dates none of its entries" in result.summary
    assert result.findings[0].url == CHANGELOG_URL


def test_DOC110_ignores_planned_releases_dated_in_the_future() -> None:
    result = run_check(DOC110, with_changelog((TODAY + timedelta(days=30)).isoformat(), ago(300)))
    assert result.status == "warn" and "300 days old" in result.summary


def test_DOC110_finds_unlinked_release_notes_by_title() -> None:
    notes = make_doc("/docs/release-notes", title="Release notes", dates=[ago(20), ago(90)])
    result = run_check(DOC110, strong_evidence(listing=links_with(changelog=None),
                                               docs=[*docs_without("/docs/changelog"), notes]))
    assert result.status == "pass" and result.findings[0].url == f"{SITE}/docs/release-notes"


def test_DOC110_unverified_when_the_changelog_was_blocked() -> None:
    pages = [make_page(LISTING_URL, kind="listing", referrer=None), make_page(CHANGELOG_URL, 403)]
    result = run_check(DOC110, strong_evidence(docs=docs_without("/docs/changelog"), pages=pages))
    assert result.status == "unverified" and CHANGELOG_URL in result.summary


def test_DOC110_fails_when_the_changelog_link_is_broken() -> None:
    pages = [make_page(LISTING_URL, kind="listing", referrer=None), make_page(CHANGELOG_URL, 404)]
    result = run_check(DOC110, strong_evidence(docs=docs_without("/docs/changelog"), pages=pages))
    assert result.status == "warn" and result.findings[0].url == CHANGELOG_URL
