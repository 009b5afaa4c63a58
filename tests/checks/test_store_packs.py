"""Store rule packs (checks/stores/): metadata, a passing and a failing case for every scored rule, confirm items.

Each store has a "good" listing that passes all its scored rules (strong_listing() with the store's own sizes and
limits); the CASES table weakens one field at a time. `test_<ID>_passes` / `test_<ID>_fails` functions are generated
from the table, one pair per rule, so a failing rule is named in the test report.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from auditor.judge.check import Check
from auditor.judge.evaluate import run_check, run_checks
from auditor.judge.scoring import category_scores, profile_weights
from auditor.marketplaces import profile_for, profiles
from auditor.model import Evidence, Image, PricingPlan
from checks.registry import builtin_checks
from tests.factories import (
    SITE,
    docs_without,
    filler,
    make_doc,
    make_evidence,
    make_page,
    shot,
    strong_docs,
    strong_evidence,
    strong_listing,
)

#: every store with a rule pack (a store profile names its rule prefix; Google Play has none yet)
STORES = sorted(p.id for p in profiles().values() if p.rule_prefix and p.id != "google-play")
STORE_CHECKS = [c for c in builtin_checks() if c.marketplaces]
BY_ID = {c.id: c for c in STORE_CHECKS}


def is_manual(check: Check) -> bool:
    return check.run(make_evidence(), check.thresholds).manual


MANUAL = [c for c in STORE_CHECKS if is_manual(c)]
SCORED = [c for c in STORE_CHECKS if not is_manual(c)]


# ---------------------------------------------------------------- builders


def icon(size: int, height: int | None = None) -> Image:
    return Image(f"{SITE}/icon.png", size, height or size)


def shots(count: int, width: int | None, height: int | None, alt: str | None = "Acme settings") -> list[Image]:
    return [shot(f"s{i}", width, height, alt=alt) for i in range(count)]


def text(chars: int, word: str = "word") -> str:
    """Prose of exactly `chars` characters."""
    return ((word + " ") * (chars // len(word) + 1))[:chars].strip().ljust(chars, "x")


FULL_PRIVACY = make_doc(
    "/privacy", title="Privacy policy", kind="policy", role="privacy",
    text=("Privacy policy. Information we collect: names and e-mail addresses of contacts. How we use it: only to "
          "create invoices. Data is stored in EU data centers and encrypted; access controls protect it. Retention: "
          "we retain data for 30 days after you disconnect. Deletion and transfer: you can request access, a copy or "
          "deletion at any time. Contact privacy@acme.example or use our contact form. ") + filler(80))
THIN_PRIVACY = make_doc("/privacy", title="Privacy policy", kind="policy", role="privacy",
                        text="Privacy policy. We care about your privacy. Acme Inc., 1 Main Street, Springfield.")
GOOD_DOCS = [*docs_without("/privacy"), FULL_PRIVACY]

SLACK_DESCRIPTION = ("Acme Invoices for Slack turns closed deals into invoices without leaving Slack. Type /invoice in "
                     "any channel to draft one, approve it from a message, and get a note in the Home tab when the "
                     "customer pays. Admins choose which channels receive payment updates.")

#: per store: listing overrides of strong_listing() (and "links" overrides) that pass all its scored rules
GOOD: dict[str, dict[str, Any]] = {
    "shopify": {"name": "Acme Invoices for Shopify", "icon": icon(1200),
                "description": "Acme creates an invoice for every paid order and emails it to the customer. "
                               "Choose a template, add your logo and tax details, and send reminders for unpaid "
                               "orders from the Shopify admin."},
    "hubspot": {"icon": icon(800)},
    "atlassian": {"name": "Acme Time Tracker for Jira", "icon": icon(144), "screenshots": shots(3, 1840, 900)},
    "slack": {"name": "Acme Invoices for Slack", "tagline": "Invoice customers from any Slack channel",
              "description": SLACK_DESCRIPTION, "icon": icon(512), "screenshots": shots(4, 1600, 1000)},
    "salesforce": {"name": "Acme Billing for Salesforce"},
    "zapier": {"name": "Acme", "icon": icon(256),
               "description": "Acme is an invoicing tool that turns closed deals into invoices and tracks payments."},
    "google-workspace": {"name": "Acme Invoices", "icon": icon(128), "screenshots": shots(3, 1280, 800)},
    "microsoft": {"name": "Acme Invoices", "tagline": "Turn closed deals into invoices", "icon": icon(192),
                  "screenshots": shots(3, 1366, 768)},
    "chrome-web-store": {"name": "Acme Tab Notes", "icon": icon(128), "screenshots": shots(2, 1280, 800)},
}


def store_of(rule_id: str) -> str:
    return BY_ID[rule_id].marketplaces[0]


def evidence(store: str, *, docs: list | None = None, links: dict | None = None, broken: tuple[str, ...] = (),
             **overrides: Any) -> Evidence:
    """The store's good evidence with listing fields, links or docs replaced; `broken` link roles answer 404."""
    fields = {**GOOD[store], **overrides}
    listing = strong_listing(**fields)
    listing = replace(listing, links=replace(listing.links, **(links or {})))
    broken_urls = [getattr(listing.links, role) for role in broken]
    pages_docs = [d for d in (GOOD_DOCS if docs is None else docs) if d.url not in broken_urls]
    ev = make_evidence(listing, pages_docs, marketplace=store)
    ev.pages += [make_page(url, 404) for url in broken_urls]
    return ev


# ---------------------------------------------------------------- the table: rule id -> (passing cases, failing cases)

#: each case is a dict of `evidence()` keyword arguments; {} is the store's good listing as is
CASES: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {
    # Shopify
    "SHOPIFY001": ([{}, {"name": "A" * 30}], [{"name": "A" * 31}, {"name": None}]),
    "SHOPIFY002": ([{"tagline": "B" * 100}], [{"tagline": "B" * 101}]),
    "SHOPIFY003": ([{"description": text(500)}], [{"description": text(501)}]),
    "SHOPIFY004": ([{"screenshots": shots(3, 1600, 900)}, {"screenshots": shots(6, 1600, 900)}],
                   [{"screenshots": shots(2, 1600, 900)}, {"screenshots": shots(7, 1600, 900)}]),
    "SHOPIFY005": ([{}], [{"screenshots": shots(4, 1280, 800)}]),
    "SHOPIFY006": ([{}], [{"icon": icon(512)}, {"icon": None}]),
    "SHOPIFY007": ([{}], [{"description": "Merchants save 40% of their time."}, {"tagline": "Used by 10,000 stores"},
                          {"features": ["3x faster invoicing"]}]),
    "SHOPIFY008": ([{}], [{"tagline": "The best invoicing app for Shopify"}, {"description": "Guaranteed results."}]),
    "SHOPIFY009": ([{}], [{"links": {"privacy": None}}, {"broken": ("privacy",)}]),
    "SHOPIFY010": ([{}], [{"links": {"changelog": None}}]),
    "SHOPIFY013": ([{}], [{"name": "Shopify Invoices by Acme"}]),
    "SHOPIFY014": ([{"features": ["F" * 80]}], [{"features": ["F" * 81]}]),
    "SHOPIFY015": ([{"description": "Acme sends \"paid\" reminders."}],
                   [{"description": "\"It changed how we bill our customers.\" — Jane, Acme Store"},
                    {"tagline": "★★★★★ rated invoicing"}, {"description": "Our customers say it saves hours."}]),
    "SHOPIFY016": ([{}], [{"description": "Plans start at $9 per month."}, {"features": ["Pro plan 29 USD"]}]),
    "SHOPIFY017": ([{}], [{"screenshots": shots(4, 1600, 900, alt=None)}]),
    # HubSpot
    "HUBSPOT001": ([{}], [{"name": "HubSpot Invoices by Acme"}]),
    "HUBSPOT002": ([{}, {"name": "GitHub Issues for HubSpot"}], [{"name": "AcmeHub"}, {"name": "Acme Hub for HubSpot"},
                                                                 {"name": "Acme HubSync"}]),
    "HUBSPOT003": ([{}, {"description": "Read the guide at https://acme.example/hubspot/setup first."}],
                   [{"tagline": "Sync Hubspot deals to Acme"}, {"description": "Works with Hub Spot."}]),
    "HUBSPOT004": ([{}], [{"links": {"setup": f"{SITE}/docs/{'a' * 240}"}}]),
    "HUBSPOT005": ([{}], [{"links": {"setup": f"{SITE}/"}}, {"links": {"setup": None}}]),
    "HUBSPOT006": ([{}], [{"links": {"setup": f"{SITE}/docs/welcome"},
                           "docs": [*GOOD_DOCS, make_doc("/docs/welcome", title="Welcome", role="setup",
                                                         text="Welcome to Acme. " + filler(100))]}]),
    "HUBSPOT007": ([{}], [{"links": {"support": None}}]),
    "HUBSPOT008": ([{}], [{"links": {"privacy": None}}, {"broken": ("privacy",)}]),
    "HUBSPOT009": ([{}], [{"links": {"terms": None}}]),
    "HUBSPOT010": ([{}], [{"icon": icon(1200)}]),
    "HUBSPOT011": ([{"screenshots": shots(8, 1600, 900)}], [{"screenshots": shots(9, 1600, 900)}]),
    "HUBSPOT012": ([{}], [{"screenshots": shots(3, 1600, 900, alt=" ")}]),
    "HUBSPOT013": ([{}], [{"pricing_plans": []}, {"pricing_plans": [PricingPlan(f"P{i}") for i in range(6)]}]),
    "HUBSPOT014": ([{}], [{"video": None}]),
    # Atlassian
    "ATLASSIAN001": ([{"name": "Acme " + "T" * 55}], [{"name": "Acme " + "T" * 56}]),
    "ATLASSIAN002": ([{}], [{"name": "Acme Time Tracker App for Jira"}, {"name": "Acme Time Tracker plugin"},
                            {"name": "Atlassian Time Tracker"}, {"name": "Acme Tracker add-on"}]),
    "ATLASSIAN003": ([{}], [{"name": "Jira Time Tracker by Acme"}, {"name": "Confluence Charts"}]),
    "ATLASSIAN004": ([{}], [{"name": "Acme Jira Time Tracker for Jira"}]),
    "ATLASSIAN005": ([{"tagline": "T" * 130}], [{"tagline": "T" * 131}]),
    "ATLASSIAN006": ([{}], [{"icon": icon(128)}]),
    "ATLASSIAN007": ([{}], [{"screenshots": shots(2, 1840, 900)}]),
    "ATLASSIAN008": ([{}], [{"screenshots": shots(3, 1600, 900)}]),
    "ATLASSIAN009": ([{}, {"links": {"setup": None}}], [{"links": {"setup": None, "docs": None}}]),
    "ATLASSIAN010": ([{}], [{"links": {"privacy": None}}]),
    "ATLASSIAN011": ([{}], [{"links": {"support": None}}]),
    "ATLASSIAN012": ([{}], [{"links": {"terms": None}}]),
    "ATLASSIAN013": ([{}], [{"links": {"changelog": None}}]),
    # Slack
    "SLACK001": ([{"name": "A" * 35}], [{"name": "A" * 36}]),
    "SLACK002": ([{}], [{"name": "Slack Invoices by Acme"}]),
    "SLACK003": ([{"tagline": "one two three four five six seven eight nine ten"}],
                 [{"tagline": "one two three four five six seven eight nine ten eleven"},
                  {"tagline": " ".join(["w" * 20] * 7)}]),
    "SLACK004": ([{"description": "Slack " + text(169)}, {"description": "Slack " + text(3994)}],
                 [{"description": "Slack " + text(168)}, {"description": "Slack " + text(3995)}]),
    "SLACK005": ([{}], [{"description": text(400)}]),
    "SLACK006": ([{}, {"icon": icon(2000)}], [{"icon": icon(256)}, {"icon": icon(2048)}, {"icon": icon(600, 512)}]),
    "SLACK007": ([{}], [{"screenshots": shots(4, 1600, 900)}]),
    "SLACK008": ([{}, {"video": "https://youtu.be/abc123"}],
                 [{"video": None}, {"video": "https://vimeo.com/123"},
                  {"video": "https://www.youtube.com/playlist?list=PL123"},
                  {"video": "https://www.youtube.com/@acme"}]),
    "SLACK009": ([{}], [{"links": {"website": None}}]),
    "SLACK010": ([{}], [{"links": {"website": "https://github.com/acme/slack-app"}},
                        {"links": {"support": "https://twitter.com/acme"}},
                        {"links": {"website": f"{SITE}/slack-overview.pdf"}}]),
    "SLACK011": ([{}], [{"links": {"support": None}}]),
    "SLACK012": ([{}], [{"links": {"privacy": None}}]),
    "SLACK013": ([{}], [{"docs": [*docs_without("/privacy"), THIN_PRIVACY]}]),
    "SLACK014": ([{}, {"pricing_plans": [], "pricing_text": "Free"}], [{"pricing_plans": [], "pricing_text": None}]),
    # Salesforce
    "SALESFORCE001": ([{}], [{"name": "Salesforce Billing by Acme"}]),
    "SALESFORCE002": ([{}], [{"tagline": None}, {"tagline": "  "}]),
    "SALESFORCE003": ([{}], [{"features": []}]),
    "SALESFORCE004": ([{}], [{"screenshots": []}]),
    "SALESFORCE005": ([{}], [{"video": None}]),
    "SALESFORCE006": ([{}, {"pricing_plans": [], "pricing_text": "Paid, per user per month"}],
                      [{"pricing_plans": [], "pricing_text": None}]),
    "SALESFORCE007": ([{}], [{"editions": []}]),
    "SALESFORCE008": ([{}], [{"languages": []}]),
    "SALESFORCE009": ([{}, {"links": {"setup": None}}], [{"links": {"setup": None, "docs": None}}]),
    "SALESFORCE010": ([{}], [{"links": {"support": None}}]),
    # Zapier
    "ZAPIER001": ([{"description": "Acme is " + text(132)}], [{"description": "Acme is " + text(133)}]),
    "ZAPIER002": ([{}, {"description": "Acme lets you send invoices from closed deals."}],
                  [{"description": "An invoicing tool that turns deals into invoices."}]),
    "ZAPIER003": ([{}], [{"description": "Acme is an invoicing tool; see https://acme.example/zapier"},
                         {"description": "Acme is an invoicing tool at acme.com."}]),
    "ZAPIER004": ([{}], [{"description": "Acme is an invoicing tool built for Zapier users."}]),
    "ZAPIER005": ([{}], [{"description": "Acme is the best invoicing tool."},
                         {"description": "Acme is a revolutionary invoicing tool."}]),
    "ZAPIER006": ([{}], [{"name": "Acme™"}, {"name": "Acme App"}, {"name": "Acme for Zapier"}]),
    "ZAPIER007": ([{}, {"icon": icon(512)}], [{"icon": icon(128)}, {"icon": icon(300, 256)}]),
    "ZAPIER008": ([{}], [{"links": {"website": None}}]),
    "ZAPIER009": ([{}], [{"categories": []}]),
    # Google Workspace
    "GWORKSPACE001": ([{"name": "A" * 50}], [{"name": "A" * 51}]),
    "GWORKSPACE002": ([{}], [{"name": "Acme for Google Sheets"}, {"name": "Acme Gmail Invoices"}]),
    "GWORKSPACE003": ([{}, {"name": "Acme 365 Invoices"}],
                      [{"name": "Acme Invoices v2"}, {"name": "Acme Invoices 2.0"}]),
    "GWORKSPACE004": ([{"tagline": "T" * 200}], [{"tagline": "T" * 201}]),
    "GWORKSPACE005": ([{"description": text(15999)}], [{"description": text(16000)}]),
    "GWORKSPACE006": ([{}], [{"icon": icon(96)}]),
    "GWORKSPACE007": ([{"screenshots": shots(1, 1280, 800)}, {"screenshots": shots(5, 1280, 800)}],
                      [{"screenshots": []}, {"screenshots": shots(6, 1280, 800)}]),
    "GWORKSPACE008": ([{}, {"screenshots": shots(2, 2560, 1600)}, {"screenshots": shots(2, 640, 400)}],
                      [{"screenshots": shots(3, 1600, 900)}]),
    "GWORKSPACE009": ([{}], [{"links": {"privacy": None}}]),
    "GWORKSPACE010": ([{}], [{"links": {"terms": None}}]),
    "GWORKSPACE011": ([{}], [{"links": {"support": None}}]),
    "GWORKSPACE012": ([{}], [{"links": {"privacy": f"{SITE}/support"}}, {"links": {"terms": f"{SITE}/privacy"}}]),
    "GWORKSPACE013": ([{}], [{"categories": []}, {"categories": ["Finance", "Productivity"]}]),
    "GWORKSPACE014": ([{}], [{"pricing_plans": [], "pricing_text": None}]),
    # Microsoft
    "MICROSOFT001": ([{"name": "A" * 30}], [{"name": "A" * 31}]),
    "MICROSOFT002": ([{}], [{"name": "Acme for Teams"}, {"name": "Acme Calendar"}, {"name": "Acme Excel Export"},
                            {"name": "Microsoft Invoices"}]),
    "MICROSOFT003": ([{"tagline": "T" * 50}], [{"tagline": "T" * 51}]),
    "MICROSOFT004": ([{}], [{"tagline": "The app that turns deals into invoices"},
                            {"tagline": "Acme Invoices turns deals into bills"}]),
    "MICROSOFT005": ([{"description": text(3000, "wordsmithing")}, {"description": " ".join(["go"] * 500)}],
                     [{"description": text(3001, "wordsmithing")}, {"description": " ".join(["go"] * 501)}]),
    "MICROSOFT006": ([{}], [{"description": "Acme is the best invoicing tool."},
                            {"tagline": "Top-rated invoicing"}]),
    "MICROSOFT007": ([{}, {"description": "Invoices are created in 200 ms."}],
                     [{"description": "Works with MS Teams."}, {"description": "Powered by Acme Cloud."},
                      {"description": "Find us at https://appsource.microsoft.com/en-us/product/acme"}]),
    "MICROSOFT008": ([{}], [{"icon": icon(96)}]),
    "MICROSOFT009": ([{"screenshots": shots(5, 1366, 768)}],
                     [{"screenshots": []}, {"screenshots": shots(6, 1366, 768)}]),
    "MICROSOFT010": ([{}, {"screenshots": shots(2, 1280, 720)}], [{"screenshots": shots(3, 1600, 900)}]),
    "MICROSOFT011": ([{}], [{"links": {"privacy": None}}, {"links": {"privacy": "http://acme.example/privacy"}}]),
    "MICROSOFT012": ([{}], [{"docs": [*docs_without("/privacy"), THIN_PRIVACY]}]),
    "MICROSOFT013": ([{}, {"links": {"terms": "https://legal.acme.example/terms"}}],
                     [{"links": {"terms": None}}, {"links": {"terms": "http://acme.example/terms"}},
                      {"links": {"terms": "https://docs.google.com/document/d/terms"}}]),
    "MICROSOFT014": ([{}], [{"links": {"support": None}}]),
    "MICROSOFT015": ([{}, {"video": "https://vimeo.com/123"}], [{"video": None}, {"video": "https://www.loom.com/share/x"}]),
    # Chrome Web Store
    "CWS001": ([{}], [{"icon": icon(48)}]),
    "CWS002": ([{}], [{"screenshots": []}]),
    "CWS003": ([{}, {"screenshots": shots(1, 640, 400)}], [{"screenshots": shots(2, 1600, 900)}]),
    "CWS004": ([{"tagline": "T" * 132}], [{"tagline": "T" * 133}]),
    "CWS005": ([{"description": "Keep tabs tidy. " * 5}], [{"description": "Keep tabs tidy. " * 6}]),
    "CWS006": ([{"description": "\"Saves my day.\" — Dana Smith, Acme Corp"}],
               [{"description": "\"Great extension!\" — a happy user"}, {"description": "Loved by all ★★★★★"},
                {"tagline": "\"Wonderful\" - Anonymous"}]),
}


def _case_test(rule_id: str, expected: str):
    def test() -> None:
        check = BY_ID[rule_id]
        cases = CASES[rule_id][0 if expected == "pass" else 1]
        for i, case in enumerate(cases):
            result = run_check(check, evidence(store_of(rule_id), **case))
            shown = {k: v if len(repr(v)) < 100 else "…" for k, v in case.items()}
            wanted = expected if expected == "pass" or check.level == "requirement" else "warn"
            assert result.status == wanted, f"case {i} {shown}: {result.status}: {result.summary}"
            assert result.title == (check.title if expected == "pass" else check.failure_title)
    test.__name__ = test.__qualname__ = f"test_{rule_id}_{'passes' if expected == 'pass' else 'fails'}"
    return test


for _rule_id in CASES:
    for _expected in ("pass", "fail"):
        _test = _case_test(_rule_id, _expected)
        globals()[_test.__name__] = _test


# ---------------------------------------------------------------- the table covers every scored rule


def test_every_scored_store_rule_has_passing_and_failing_cases() -> None:
    scored = {c.id for c in SCORED}
    assert scored == set(CASES), f"missing: {sorted(scored - set(CASES))}, unknown: {sorted(set(CASES) - scored)}"
    assert all(passes and fails for passes, fails in CASES.values())
    assert all(f"test_{i}_passes" in globals() and f"test_{i}_fails" in globals() for i in scored)


@pytest.mark.parametrize("store", STORES)
def test_each_store_good_listing_passes_all_its_scored_rules(store) -> None:
    results = [run_check(c, evidence(store)) for c in SCORED if c.marketplaces == (store,)]
    assert [(r.id, r.summary) for r in results if r.status != "pass"] == []


# ---------------------------------------------------------------- confirm items


@pytest.mark.parametrize("check", MANUAL, ids=lambda c: c.id)
def test_confirm_rules_are_manual_and_weigh_nothing(check) -> None:
    for ev in (make_evidence(marketplace=check.marketplaces[0]), evidence(check.marketplaces[0])):
        result = run_check(check, ev)
        assert result.status == "manual" and result.score is None
        assert result.summary == check.thresholds["item"] and not result.blocker
    scores = category_scores([result], profile_weights("table-stakes"))
    assert scores[check.category].checks_ran == 0 and scores[check.category].score is None
    assert not result.blocker


def test_every_store_has_confirm_items() -> None:
    assert {c.marketplaces[0] for c in MANUAL} == set(STORES)


# ---------------------------------------------------------------- metadata


def test_packs_cover_all_nine_stores_with_at_least_8_rules_each() -> None:
    counts = {store: sum(1 for c in STORE_CHECKS if c.marketplaces == (store,)) for store in STORES}
    assert {c.marketplaces[0] for c in STORE_CHECKS} == set(STORES)
    assert all(n >= 8 for n in counts.values()), counts


def test_check_ids_are_unique_across_the_packs_and_the_catalogue() -> None:
    ids = [c.id for c in builtin_checks()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("check", STORE_CHECKS, ids=lambda c: c.id)
def test_every_store_rule_is_fully_described(check) -> None:
    (store,) = check.marketplaces
    assert re.fullmatch(profile_for(store).rule_prefix + r"\d{3}", check.id), "the prefix lives on the store's profile"
    assert check.sources and all(s.startswith("https://") for s in check.sources)
    assert check.verified and re.fullmatch(r"\d{4}-\d{2}-\d{2}", check.verified)
    assert date(2024, 1, 1) <= date.fromisoformat(check.verified) <= date.today()
    assert check.thresholds
    assert check.rationale.strip() and check.fix.strip()
    assert check.category in ("packaging", "documentation", "setup", "trust")
    assert 1 <= check.weight <= 3
    if not is_manual(check):
        assert check.title != check.failure_title
    if check.level == "recommendation":  # what a store only recommends says so
        assert re.search(r"recommend|optional|certification", check.rationale, re.I), check.id


def test_secondary_sources_are_flagged() -> None:
    secondary = ("salesforcedictionary.com", "relayto.com")
    for check in STORE_CHECKS:
        if any(s in url for s in secondary for url in check.sources):
            assert "secondary, unverified" in check.rationale, check.id


@pytest.mark.parametrize("rule_id", ["SLACK004", "SLACK015", "MICROSOFT003", "MICROSOFT005", "MICROSOFT009",
                                     "MICROSOFT015"])
def test_conflicting_sources_resolve_to_the_stricter_and_say_so(rule_id) -> None:
    assert "stricter" in BY_ID[rule_id].rationale


def test_conflict_thresholds_take_the_stricter_value() -> None:
    assert BY_ID["SLACK004"].thresholds["min_chars"] == 175
    assert BY_ID["MICROSOFT003"].thresholds["max_chars"] == 50
    assert BY_ID["MICROSOFT005"].thresholds["max_chars"] == 3000
    assert "10 active workspaces" in BY_ID["SLACK015"].thresholds["item"]


def test_hubspot_caps_every_listing_url_at_250_characters() -> None:
    limits = BY_ID["HUBSPOT004"].thresholds["max_chars"]
    assert set(limits.values()) == {250} and {"setup", "privacy", "terms", "support", "docs"} <= set(limits)


# ---------------------------------------------------------------- robustness and scope


@pytest.mark.parametrize("check", STORE_CHECKS, ids=lambda c: c.id)
def test_no_store_rule_crashes_or_passes_on_empty_evidence(check) -> None:
    result = run_check(check, make_evidence(marketplace=check.marketplaces[0]))
    wanted = "fail" if check.level == "requirement" else "warn"
    assert result.status in (wanted, "not-applicable", "unverified", "manual"), result.summary
    assert result.summary.strip()
    assert run_check(check, strong_evidence()).status != "error"


@pytest.mark.parametrize("store", STORES)
def test_store_rules_run_only_on_their_store(store) -> None:
    results = run_checks(STORE_CHECKS, evidence(store))
    assert results and {r.id for r in results} == {c.id for c in STORE_CHECKS if c.marketplaces == (store,)}
    assert all(r.store == store for r in results)
    assert run_checks(STORE_CHECKS, strong_evidence()) == []  # the generic marketplace


# ---------------------------------------------------------------- primitives at their edges


def test_image_rules_skip_when_sizes_are_unknown() -> None:
    result = run_check(BY_ID["SHOPIFY005"], evidence("shopify", screenshots=shots(3, None, None)))
    assert result.status == "not-applicable" and "1600×900" in result.summary


def test_image_rules_score_a_partial_mix() -> None:
    mixed = shots(3, 1600, 900) + shots(1, 800, 600)
    result = run_check(BY_ID["SHOPIFY005"], evidence("shopify", screenshots=mixed))
    assert result.status == "warn" and result.score == 0.75


def test_link_rules_skip_what_the_listing_does_not_link() -> None:
    no_links = dict.fromkeys(("docs", "setup", "support", "privacy", "terms", "security", "changelog", "status",
                              "website"))
    assert run_check(BY_ID["HUBSPOT004"], evidence("hubspot", links=no_links)).status == "not-applicable"
    assert run_check(BY_ID["SLACK010"], evidence("slack", links=no_links)).status == "not-applicable"
    assert run_check(BY_ID["GWORKSPACE012"], evidence("google-workspace", docs=[])).status == "unverified"


def test_page_rules_are_unverified_when_the_page_could_not_be_fetched() -> None:
    ev = evidence("slack", docs=docs_without("/privacy"))
    ev.pages = [p for p in ev.pages if p.url != f"{SITE}/privacy"] + [make_page(f"{SITE}/privacy", 403)]
    assert run_check(BY_ID["SLACK013"], ev).status == "unverified"


def test_page_rules_fail_when_the_page_is_broken() -> None:
    assert run_check(BY_ID["MICROSOFT012"], evidence("microsoft", broken=("privacy",))).status == "fail"


def test_page_rules_give_partial_credit() -> None:
    # its policy never says how data is used
    result = run_check(BY_ID["SLACK013"], evidence("slack", docs=strong_docs()))
    assert result.status == "warn" and "how it is used" in result.summary


def test_name_pattern_rules_skip_without_a_name() -> None:
    assert run_check(BY_ID["ZAPIER002"], evidence("zapier", name=None)).status == "not-applicable"
    assert run_check(BY_ID["MICROSOFT004"], evidence("microsoft", name=None)).status == "pass"


def test_failing_rules_point_at_the_evidence() -> None:
    result = run_check(BY_ID["HUBSPOT003"], evidence("hubspot", tagline="Sync Hubspot deals"))
    assert result.findings and result.findings[0].excerpt and "Hubspot" in result.findings[0].message
    result = run_check(BY_ID["HUBSPOT004"], evidence("hubspot", links={"setup": f"{SITE}/docs/{'a' * 240}"}))
    assert "setup URL is" in result.findings[0].message


def test_https_link_rules_exempt_loopback_but_not_public_http() -> None:
    from checks.stores._rules import linked

    body = linked("privacy", https=True)
    local = replace(strong_evidence(), listing=replace(strong_evidence().listing, links=replace(
        strong_evidence().listing.links, privacy="http://127.0.0.1:8000/vendor/privacy.html")))
    public = replace(local, listing=replace(local.listing, links=replace(
        local.listing.links, privacy="http://acme.example/privacy")))
    assert body.run(public, body.thresholds).score == 0.0
    assert "HTTPS" not in body.run(local, body.thresholds).summary


def test_a_forbidden_pattern_says_how_many_it_found_without_a_wrong_plural() -> None:
    from auditor.judge.evaluate import run_check
    from checks.stores.shopify import CHECKS as SHOPIFY
    from tests.factories import make_evidence, strong_listing

    rule = next(c for c in SHOPIFY if c.id == "SHOPIFY007")
    result = run_check(rule, make_evidence(strong_listing(tagline="Used by 10,000 stores"), marketplace="shopify"))
    assert result.status == "fail" and result.summary.startswith("Statistics in the tagline, description") \
        and "(1 found)" in result.summary, result.summary
