"""HUBSPOT: the HubSpot App Marketplace's listing requirements (listing requirements, listing your app, setup guide).

Not checked (HubSpot publishes no number): character limits for the name, tagline and overview, and screenshot
pixel sizes. Certification (60 installs, 6 months listed, uninstall steps in the guide) is a badge, not a listing
requirement, so it is not checked here.
"""

from __future__ import annotations

from auditor.marketplaces import profile_for
from checks.stores._rules import (
    Rule,
    alt_text,
    confirm,
    count_between,
    exact_spelling,
    image_size,
    linked,
    no_compound,
    not_leading_with,
    pack,
    page_covers,
    url_length,
    video,
)

REQUIREMENTS = "https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/app-marketplace-listing-requirements"
LISTING = "https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/listing-your-app"
SETUP_GUIDE = "https://developers.hubspot.com/docs/guides/apps/marketplace/create-an-app-listing-setup-guide"
#: the listing requirements page says "Last modified: August 22, 2025"
REQUIREMENTS_DATE = "2025-08-22"
#: the other HubSpot pages and the research notes (marketplace_rules.md §1) give no date: the date the notes were read
CHECKED = "2026-11-27"

COPY = ("name", "tagline", "description", "features")

CHECKS = pack(profile_for("hubspot"), [
    Rule("HUBSPOT001", "App name does not lead with \"HubSpot\"", "App name leads with \"HubSpot\"",
         "HubSpot's brand rules forbid combining \"HubSpot\" with the app name; a name that starts with the "
         "platform reads as HubSpot's own product and is a common trademark rejection.",
         "Lead with your brand and name the platform after it (\"Acme for HubSpot\"), or leave it out.",
         not_leading_with("name", ("HubSpot", "Hub")), REQUIREMENTS, REQUIREMENTS_DATE, weight=2, severity="high"),
    Rule("HUBSPOT002", "App name builds no words on \"Hub\"", "App name combines \"Hub\" with other words",
         "Never combine \"HubSpot\" or \"Hub\" with the app name or logo (listing requirements, Brand): \"AcmeHub\", "
         "\"HubSync\" or \"Acme Hub\" imitate HubSpot's hubs. Naming the platform as a separate word (\"for HubSpot\") "
         "is left to HUBSPOT001.",
         "Rename without \"Hub\" (\"Acme Sync\", not \"AcmeHub\").",
         no_compound("name", "hub", ("HubSpot", "GitHub")), REQUIREMENTS, REQUIREMENTS_DATE, weight=2, severity="high"),
    Rule("HUBSPOT003", "\"HubSpot\" is written with a capital S", "\"HubSpot\" is misspelt in the listing",
         "HubSpot requires its name written \"HubSpot\", with a capital S (listing requirements, Brand); "
         "\"Hubspot\" or \"Hub Spot\" is trademark misuse reviewers send back.",
         "Write \"HubSpot\" everywhere in the name, tagline, description and features.",
         exact_spelling(COPY, "HubSpot"), REQUIREMENTS, REQUIREMENTS_DATE),
    Rule("HUBSPOT004", "Every listing URL is at most 250 characters", "A listing URL is over 250 characters",
         "Every URL field of a HubSpot listing holds at most 250 characters, and HubSpot crawls them all with its SEO "
         "tools (listing requirements, URLs).",
         "Shorten the long URLs (drop tracking parameters, use a shorter path or a redirect on your own domain).",
         url_length(250), REQUIREMENTS, REQUIREMENTS_DATE, category="documentation", weight=2, severity="high"),
    Rule("HUBSPOT005", "Setup guide linked, not a home page", "No setup guide linked (or it is a home page)",
         "Public setup documentation specific to the HubSpot integration is required; a homepage or knowledge-base "
         "home is rejected (listing requirements; an older copy says the URL must contain a subdomain or "
         "subdirectory).",
         "Link the page that explains how to install and configure the HubSpot integration.",
         linked("setup", min_path_depth=1), REQUIREMENTS, REQUIREMENTS_DATE, category="documentation", weight=3,
         severity="high", family="setup-guide"),
    Rule("HUBSPOT006", "Setup guide covers install and configuration in HubSpot",
         "Setup guide misses install, configuration or HubSpot",
         "The setup documentation must be specific to the HubSpot integration and contain install and configure steps "
         "(setup guide requirements); a generic product guide is a common rejection.",
         "Write a HubSpot-specific guide with the install steps and the configuration that follows.",
         page_covers("setup", {
             "install steps": r"\binstall(?:ing|ation|s)?\b",
             "configuration": r"\b(?:configur\w*|connect\w*|settings?|map(?:ping)?)\b",
             "HubSpot": r"\bhubspot\b",
         }), SETUP_GUIDE, CHECKED, category="documentation", weight=2, family="setup-guide"),
    Rule("HUBSPOT007", "Support contact linked", "No support contact linked",
         "At least one support contact is required, and a support e-mail is mandatory (listing requirements, "
         "Support); support URLs must be live and public.",
         "Add your support e-mail (and a support page) to the listing.",
         linked("support"), REQUIREMENTS, REQUIREMENTS_DATE, category="trust", weight=3, severity="critical",
         family="support"),
    Rule("HUBSPOT008", "Privacy policy linked", "No privacy policy linked",
         "The privacy policy URL must be live and up to date (listing requirements, Terms and Privacy).",
         "Add your privacy policy URL to the listing.",
         linked("privacy"), REQUIREMENTS, REQUIREMENTS_DATE, category="trust", weight=3, severity="critical",
         family="privacy"),
    Rule("HUBSPOT009", "Terms of service linked", "No terms of service linked",
         "The terms of service URL must be live and up to date (listing requirements, Terms and Privacy).",
         "Add your terms of service URL to the listing.",
         linked("terms"), REQUIREMENTS, REQUIREMENTS_DATE, category="trust", weight=2, severity="high", family="terms"),
    Rule("HUBSPOT010", "App icon is 800×800", "App icon is not 800×800",
         "The app icon is 800×800 px JPG or PNG, filling the space with no text or extra whitespace (listing your "
         "app).",
         "Upload an 800×800 icon that touches at least two edges.",
         image_size("icon", 800, 800, exact=True), LISTING, CHECKED),
    Rule("HUBSPOT011", "At most 8 screenshots", "More than 8 screenshots",
         "A HubSpot listing takes up to 8 images (listing your app); no minimum or pixel size is published.",
         "Keep the 8 images that best show the integration working in HubSpot.",
         count_between("screenshots", 0, 8), LISTING, CHECKED, family="screenshots"),
    Rule("HUBSPOT012", "Screenshots have alt text", "Screenshots lack alt text",
         "Each listing image needs alt text (listing your app).",
         "Add alt text describing what each image shows.",
         alt_text("screenshots"), LISTING, CHECKED, family="screenshots"),
    Rule("HUBSPOT013", "At most 5 pricing plans shown", "Pricing plans missing or more than 5",
         "The listing shows up to 5 pricing plans, which must match the vendor's website and include only plans "
         "that allow use of the integration (listing requirements, Pricing; listing your app).",
         "List the 1-5 plans that include the integration, priced as on your website.",
         count_between("pricing_plans", 1, 5), REQUIREMENTS, REQUIREMENTS_DATE, weight=2),
    Rule("HUBSPOT014", "Demo video on the listing", "No demo video on the listing",
         "The listing has a demo video field, and a demo video (overview, install, post-install experience, "
         "uninstall) is required for certification; HubSpot's guidance calls it out as a best practice.",
         "Upload a short demo of installing and using the integration.",
         video(), LISTING, CHECKED, weight=1, severity="low", family="video", level="recommendation"),
    Rule("HUBSPOT015", "Confirm: 3 active installs and working test credentials",
         "Confirm: 3 active installs and working test credentials",
         "Listings need at least 3 active, unique installs: production HubSpot accounts not affiliated with you, with "
         "successful app activity in the past 30 days (listing requirements); working test credentials are required "
         "to list and to certify (testing credentials page).",
         "Confirm before you submit.",
         confirm("The app has at least 3 active installs in unaffiliated HubSpot production accounts with successful "
                 "API calls, webhook or extension requests in the past 30 days, and reviewers have working test "
                 "credentials for your product."),
         REQUIREMENTS, REQUIREMENTS_DATE, category="setup"),
    Rule("HUBSPOT016", "Confirm: OAuth only, scopes used, supported platform version",
         "Confirm: OAuth only, scopes used, supported platform version",
         "OAuth must be the sole authorisation method with one app ID per listing; the app must use every scope it "
         "requests and the Shared data table must list every scoped object, bi-directional where it has read and "
         "write scopes (listing requirements). From 2 Nov 2026 new listings must be on platform version 2025.2 or "
         "2026.03 (changelog, May 2026).",
         "Confirm before you submit.",
         confirm("The app authorises only through OAuth with the listing's app ID, uses every scope it requests, lists "
                 "each scoped object in the Shared data table with the right sync direction, uses no classic CRM "
                 "cards, and is built on a supported developer-platform version (2025.2 or 2026.03 from 2 Nov 2026)."),
         REQUIREMENTS, REQUIREMENTS_DATE, category="trust"),
    Rule("HUBSPOT017", "Confirm: prices match your website", "Confirm: prices match your website",
         "Listing prices must match the vendor website, and a \"Free\" plan is only for free-forever or freemium "
         "models (listing requirements, Pricing); mismatches are a common rejection.",
         "Confirm before you submit.",
         confirm("Every listed plan and price matches your pricing page, and \"Free\" is used only for a free-forever "
                 "or freemium plan."), REQUIREMENTS, REQUIREMENTS_DATE),
])
