"""GWORKSPACE: the Google Workspace Marketplace's store listing fields and app review requirements.

Not checked from the listing page: the 32×32 (and web apps' 96×96, 48×48) icons and the 220×140 card banner, which
the listing does not show; the optional YouTube promo video.
"""

from __future__ import annotations

from auditor.marketplaces import profile_for
from checks.stores._rules import (
    Rule,
    confirm,
    count_between,
    image_size,
    link_leads_to,
    linked,
    max_chars,
    no_pattern,
    no_terms,
    pack,
    present,
)

LISTING = "https://developers.google.com/workspace/marketplace/create-listing"
REVIEW = "https://developers.google.com/workspace/marketplace/about-app-review"
#: the research notes read a copy of the store-listing page fetched on 2026-04-23 (marketplace_rules.md §7)
LISTING_DATE = "2026-04-23"
#: the review page and the notes give no date for it: the date the notes were read for this pack
CHECKED = "2026-11-27"

CHECKS = pack(profile_for("google-workspace"), [
    Rule("GWORKSPACE001", "Application name is at most 50 characters", "Application name is over 50 characters",
         "The application name holds at most 50 characters and must match the OAuth consent screen (store listing).",
         "Shorten the name to 50 characters, and use the same name on the OAuth consent screen.",
         max_chars("name", 50), LISTING, LISTING_DATE, weight=2, severity="high", family="name-length"),
    Rule("GWORKSPACE002", "Application name uses no Google trademarks", "Application name uses a Google trademark",
         "The name must not contain \"Google\" or Google product names (store listing), and misuse of Google "
         "trademarks is a common rejection (app review). Checks \"Google\" (which covers \"Google Sheets\" and the "
         "like) and distinctive marks; generic words such as \"calendar\" are left to the reviewer.",
         "Remove Google's marks from the name; say what the app works with in the description.",
         no_terms(("name",), ("Google", "Gmail", "G Suite", "GSuite", "YouTube", "Android", "Chrome")),
         LISTING, LISTING_DATE, weight=3, severity="high"),
    Rule("GWORKSPACE003", "Application name has no version number", "Application name has a version number",
         "Review checks that the name is unique, not vague or generic, and carries no version number (app review).",
         "Drop the version from the name (\"Acme Invoices\", not \"Acme Invoices v2\").",
         no_pattern(("name",), r"\bv\d+(?:\.\d+)*\b|\b\d+\.\d+(?:\.\d+)*\b|\bversion\s*\d", "version numbers"),
         REVIEW, CHECKED),
    Rule("GWORKSPACE004", "Short description is at most 200 characters", "Short description is over 200 characters",
         "The short description holds at most 200 characters (store listing).",
         "Cut the short description to 200 characters.",
         max_chars("tagline", 200), LISTING, LISTING_DATE, family="tagline-length"),
    Rule("GWORKSPACE005", "Detailed description is under 16,000 characters",
         "Detailed description is 16,000 characters or more",
         "The detailed description must stay under 16,000 characters (store listing).",
         "Shorten the detailed description below 16,000 characters; move reference material to your docs.",
         max_chars("description", 15999), LISTING, LISTING_DATE, family="description-length"),
    Rule("GWORKSPACE006", "Application icon is 128×128", "Application icon is not 128×128",
         "A 128×128 icon is required, with a 32×32 one (store listing).",
         "Upload the 128×128 and 32×32 icons.",
         image_size("icon", 128, 128, exact=True), LISTING, LISTING_DATE),
    Rule("GWORKSPACE007", "1 to 5 screenshots", "Not 1 to 5 screenshots",
         "A listing has 1 to 5 screenshots that show the Google integration (store listing).",
         "Upload 1-5 screenshots of the app working inside Google Workspace.",
         count_between("screenshots", 1, 5), LISTING, LISTING_DATE, weight=2, family="screenshots"),
    Rule("GWORKSPACE008", "Screenshots are 1280×800", "Screenshots are not 1280×800",
         "Screenshots are 1280×800 (640×400 and 2560×1600 are also accepted), with square corners and no padding "
         "(store listing); low-quality screenshots are a common rejection (app review).",
         "Export screenshots at 1280×800 (or 640×400 / 2560×1600).",
         image_size("screenshots", 1280, 800, exact=True, alternatives=((640, 400), (2560, 1600))),
         LISTING, LISTING_DATE, family="screenshots"),
    Rule("GWORKSPACE009", "Privacy policy linked", "No privacy policy linked",
         "A privacy policy link is required (store listing).",
         "Add your privacy policy URL.",
         linked("privacy"), LISTING, LISTING_DATE, category="trust", weight=3, severity="critical", family="privacy"),
    Rule("GWORKSPACE010", "Terms of service linked", "No terms of service linked",
         "A terms of service link is required (store listing).",
         "Add your terms of service URL.",
         linked("terms"), LISTING, LISTING_DATE, category="trust", weight=3, severity="high", family="terms"),
    Rule("GWORKSPACE011", "Support link provided", "No support link provided",
         "A support link is required (store listing).",
         "Add your support page URL.",
         linked("support"), LISTING, LISTING_DATE, category="trust", weight=3, severity="critical", family="support"),
    Rule("GWORKSPACE012", "Links lead to the right pages", "A link leads to the wrong page",
         "Links that don't work or point to the wrong content (a privacy link that opens a support page) are a "
         "common rejection (app review). Checks the crawled pages' titles, headings and URLs.",
         "Point each link at the page it names.",
         link_leads_to({"privacy": ("privacy",), "terms": ("terms", "conditions", "agreement", "eula"),
                        "support": ("support", "help", "contact")}),
         REVIEW, CHECKED, category="trust", weight=2),
    Rule("GWORKSPACE013", "Exactly one category", "Not exactly one category",
         "One category is required (store listing).",
         "Choose the single category that fits the app.",
         count_between("categories", 1, 1), LISTING, LISTING_DATE),
    Rule("GWORKSPACE014", "Pricing stated", "No pricing stated",
         "Pricing is optional but recommended: Free, Paid, Free trial or Free with paid features (store listing).",
         "State the pricing model on the listing.",
         present("pricing", "pricing"), LISTING, LISTING_DATE, severity="low", level="recommendation"),
    Rule("GWORKSPACE015", "Confirm: OAuth consent screen and verification",
         "Confirm: OAuth consent screen and verification",
         "The OAuth consent screen must be External and In production with the same app name, and OAuth "
         "verification done; Internal or Testing screens and missing verification are common rejections (store "
         "listing, app review).",
         "Confirm before you submit.",
         confirm("The OAuth consent screen is External and In production, shows the same app name, and OAuth "
                 "verification is complete."), REVIEW, CHECKED, category="trust"),
    Rule("GWORKSPACE016", "Confirm: region languages in App Details", "Confirm: region languages in App Details",
         "Each selected region's language must be among the languages in App Details (store listing).",
         "Confirm before you submit.",
         confirm("Every region you select has its language listed in App Details."), LISTING, LISTING_DATE),
])
