"""ATLASSIAN: the Atlassian Marketplace's listing principles, approval guidelines and marketing-asset specs.

Not checked: the summary (250 characters) has no field of its own in the evidence; highlight text limits (title 50,
summary 220) and the 2 categories + 4 keywords caps come only from secondary sources.
"""

from __future__ import annotations

from auditor.marketplaces import profile_for
from checks.stores._rules import (
    Rule,
    confirm,
    count_between,
    image_size,
    linked,
    linked_any,
    max_chars,
    max_repeats,
    no_terms,
    not_leading_with,
    pack,
)

PRINCIPLES = "https://developer.atlassian.com/platform/marketplace/marketplace-app-listing-principles/"
APPROVAL = "https://developer.atlassian.com/platform/marketplace/app-approval-guidelines/"
SECURITY = "https://developer.atlassian.com/platform/marketplace/security-requirements/"
ASSETS = "https://developer.atlassian.com/platform/marketplace/declaring-marketing-assets-for-server-apps/"
LISTING = "https://developer.atlassian.com/platform/marketplace/listing-and-managing-apps"
#: dates the pages give (marketplace_rules.md §3): principles "updated Jun 4 2026", approval guidelines copy dated
#: May 15 2026, security requirements "updated Feb 19 2026"
PRINCIPLES_DATE = "2026-06-04"
APPROVAL_DATE = "2026-05-15"
SECURITY_DATE = "2026-02-19"
#: the asset and listing pages and the notes give no date: the date the notes were read for this pack
CHECKED = "2026-11-27"

PRODUCTS = ("Jira Service Management", "Jira", "Confluence", "Bitbucket", "Trello", "Compass", "Statuspage",
            "Opsgenie", "Loom", "Bamboo", "Fisheye", "Crucible", "Crowd", "Sourcetree")

CHECKS = pack(profile_for("atlassian"), [
    Rule("ATLASSIAN001", "App name is at most 60 characters", "App name is over 60 characters",
         "App names are limited to 60 characters and should be distinctive (listing principles).",
         "Shorten the name to 60 characters.",
         max_chars("name", 60), PRINCIPLES, PRINCIPLES_DATE, weight=2, severity="high", family="name-length"),
    Rule("ATLASSIAN002", "App name avoids prohibited words", "App name uses a prohibited word",
         "The words \"Atlassian\", \"plugin\", \"beta\", \"add-on\" and \"app\" are prohibited in app names (listing "
         "principles; spelling variants included); trademark misuse is an automatic rejection (approval guidelines).",
         "Remove the prohibited word (\"Time Tracker for Jira\", not \"Time Tracker App for Jira\").",
         no_terms(("name",), ("Atlassian", "plugin", "plug-in", "plugins", "beta", "add-on", "addon", "add-ons",
                              "app", "apps")),
         PRINCIPLES, PRINCIPLES_DATE, weight=3, severity="high"),
    Rule("ATLASSIAN003", "App name does not start with an Atlassian product",
         "App name starts with an Atlassian product",
         "Don't start the name with an Atlassian product: \"Time Tracker for Jira\", not \"Jira Time Tracker\" "
         "(listing principles); trademark infringement in naming is an automatic rejection (approval guidelines).",
         "Lead with your own words and name the product after \"for\".",
         not_leading_with("name", PRODUCTS), PRINCIPLES, PRINCIPLES_DATE, weight=3, severity="high"),
    Rule("ATLASSIAN004", "App name names each product once", "App name repeats a product name",
         "No keyword stuffing: don't repeat \"Jira\" or \"Confluence\" in the name (listing principles).",
         "Name each Atlassian product at most once.",
         max_repeats(("name",), 1, terms=PRODUCTS), PRINCIPLES, PRINCIPLES_DATE),
    Rule("ATLASSIAN005", "Tagline is at most 130 characters", "Tagline is over 130 characters",
         "The tagline is limited to 130 characters and is among the first things a customer sees (listing "
         "principles).",
         "Cut the tagline to one sentence of at most 130 characters.",
         max_chars("tagline", 130), PRINCIPLES, PRINCIPLES_DATE, family="tagline-length"),
    Rule("ATLASSIAN006", "Logo is 144×144", "Logo is not 144×144",
         "The app logo is a 144×144 px PNG or JPG (marketing assets).",
         "Upload a 144×144 logo with a transparent or chiclet background.",
         image_size("icon", 144, 144, exact=True), ASSETS, CHECKED),
    Rule("ATLASSIAN007", "3 highlights with screenshots", "Fewer than 3 highlight screenshots",
         "A listing has 3 highlights, each with a screenshot; listings that \"show the product in action\" stand out "
         "(marketing assets; listing principles).",
         "Add three highlights, each with a screenshot of the app inside the Atlassian product.",
         count_between("screenshots", 3), ASSETS, CHECKED, weight=2, family="screenshots"),
    Rule("ATLASSIAN008", "Highlight screenshots are 1840×900", "Highlight screenshots are not 1840×900",
         "Each highlight image is 1840×900 px, with a 580×330 crop (marketing assets).",
         "Export highlight screenshots at 1840×900.",
         image_size("screenshots", 1840, 900, exact=True), ASSETS, CHECKED, family="screenshots"),
    Rule("ATLASSIAN009", "Documentation linked", "No documentation linked",
         "Review checks that the app installs properly and has documentation, and the listing links setup and usage "
         "docs (approval guidelines).",
         "Link your setup guide or documentation from the listing.",
         linked_any(("setup", "docs")), APPROVAL, APPROVAL_DATE, category="documentation", weight=2,
         family="setup-guide"),
    Rule("ATLASSIAN010", "Privacy policy linked", "No privacy policy linked",
         "A privacy policy is expected on every listing, and the Privacy & Security tab must be approved before "
         "listing (listing and managing apps; approval guidelines).",
         "Link your privacy policy from the listing.",
         linked("privacy"), LISTING, CHECKED, category="trust", weight=3, severity="critical", family="privacy"),
    Rule("ATLASSIAN011", "Support contact linked", "No support contact linked",
         "A support contact is expected, and the Cloud Fortified review checks it stays current (listing and "
         "managing apps).",
         "Link your support page or e-mail.",
         linked("support"), LISTING, CHECKED, category="trust", weight=2, severity="high", family="support"),
    Rule("ATLASSIAN012", "End User Terms linked", "No End User Terms linked",
         "End User Terms (your customer agreement) are needed to transact in cloud (listing and managing apps).",
         "Link your End User Terms from the listing.",
         linked("terms"), LISTING, CHECKED, category="trust", weight=2, family="terms"),
    Rule("ATLASSIAN013", "Release notes linked", "No release notes linked",
         "Marketplace search indexes release notes (listing and managing apps), and frequent releases count towards "
         "Staff Picks. Recommended, not required.",
         "Link your release notes or changelog.",
         linked("changelog"), LISTING, CHECKED, category="documentation", family="changelog", level="recommendation"),
    Rule("ATLASSIAN014", "Confirm: approval prerequisites", "Confirm: approval prerequisites",
         "Since 2025 new apps need an approved Privacy & Security tab, partner verification (KYC/KYB) and a security "
         "questionnaire without fail signals, with open vulnerability tickets resolved (approval guidelines, "
         "security workflow).",
         "Confirm before you submit.",
         confirm("The Privacy & Security tab is approved, partner verification (KYC/KYB) is done, the app security "
                 "questionnaire has no fail signal and no security-vulnerability ticket is open."),
         APPROVAL, APPROVAL_DATE, category="trust"),
    Rule("ATLASSIAN015", "Confirm: cloud security baseline", "Confirm: cloud security baseline",
         "Cloud apps authenticate and authorise every endpoint, encrypt stored Atlassian End-User Data at rest, use "
         "TLS 1.2+ and send HSTS with max-age of at least 1 year (security requirements).",
         "Confirm before you submit.",
         confirm("Every endpoint is authenticated and authorised, stored End-User Data is encrypted at rest, all "
                 "traffic uses TLS 1.2+ and HSTS max-age is at least 31536000."),
         SECURITY, SECURITY_DATE, category="trust"),
    Rule("ATLASSIAN016", "Confirm: DPA and disclosed dependencies", "Confirm: DPA and disclosed dependencies",
         "A DPA is needed if you process data for customers (listing and managing apps); third-party account or "
         "payment dependencies must be disclosed (approval guidelines, via a partner's checklist: secondary, "
         "unverified).",
         "Confirm before you submit.",
         confirm("You offer a DPA if you are a data processor, and the listing discloses any third-party account or "
                 "payment the app depends on."), LISTING, CHECKED, category="trust"),
])
