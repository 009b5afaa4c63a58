"""SHOPIFY: the Shopify App Store's published listing requirements (app-store-requirements, best practices).

Not checked (no official number): the app card subtitle limit (62 characters appears only in partners' drafts,
secondary) and the Built for Shopify minimum rating (not published).
"""

from __future__ import annotations

from auditor.marketplaces import profile_for
from checks.stores._rules import (
    Rule,
    alt_text,
    confirm,
    count_between,
    image_size,
    items_max_chars,
    linked,
    max_chars,
    no_pattern,
    no_terms,
    not_leading_with,
    pack,
)

REQUIREMENTS = "https://shopify.dev/docs/apps/launch/shopify-app-store/app-store-requirements"
BEST_PRACTICES = "https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices"
PRIVACY_LAW = "https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance"
ICON_CHANGELOG = "https://shopify.dev/changelog/changes-to-the-required-app-icon-size-in-the-partner-dashboard"
#: neither the Shopify pages nor the research notes (marketplace_rules.md §2) give a date: the date the notes were
#: read for this pack. (The example's 2026-06-04 was the Atlassian listing principles' "updated" date.)
CHECKED = "2026-11-27"

COPY = ("name", "tagline", "description", "features")

CHECKS = pack(profile_for("shopify"), [
    Rule("SHOPIFY001", "App name is at most 30 characters", "App name is over 30 characters",
         "Shopify truncates longer names and rejects listings over the limit (best practices §5A1).",
         "Shorten the name to 30 characters, leading with your brand.",
         max_chars("name", 30), BEST_PRACTICES, CHECKED, weight=2, severity="high", family="name-length"),
    Rule("SHOPIFY002", "App introduction is at most 100 characters", "App introduction is over 100 characters",
         "The app introduction is limited to 100 characters (best practices §5B4).",
         "Write one benefit-led sentence of at most 100 characters.",
         max_chars("tagline", 100), BEST_PRACTICES, CHECKED, family="tagline-length"),
    Rule("SHOPIFY003", "App details are at most 500 characters", "App details are over 500 characters",
         "The app details field holds 500 characters (best practices §5B5); longer copy is cut.",
         "Keep the functional description within 500 characters; move the rest to your docs.",
         max_chars("description", 500), BEST_PRACTICES, CHECKED, family="description-length"),
    Rule("SHOPIFY004", "3 to 6 desktop screenshots", "Not 3 to 6 desktop screenshots",
         "Shopify asks for 3-6 desktop screenshots, at least one of the app's UI (best practices §5B3).",
         "Upload 3-6 screenshots of the app in use.",
         count_between("screenshots", 3, 6), BEST_PRACTICES, CHECKED, weight=2, family="screenshots"),
    Rule("SHOPIFY005", "Screenshots are 1600×900", "Screenshots are not 1600×900",
         "Screenshots must be 1600×900 (16:9) with browser chrome cropped (best practices §5B3).",
         "Export every screenshot at exactly 1600×900.",
         image_size("screenshots", 1600, 900, exact=True), BEST_PRACTICES, CHECKED, family="screenshots"),
    Rule("SHOPIFY006", "App icon is 1200×1200", "App icon is not 1200×1200",
         "The icon must be 1200×1200 px, square with padding (best practices §5A2, requirements 4.1.2, and the "
         "icon-size changelog).",
         "Upload a 1200×1200 PNG or JPEG icon without text.",
         image_size("icon", 1200, 1200, exact=True), BEST_PRACTICES, CHECKED),
    Rule("SHOPIFY007", "No statistics or data claims in the listing", "Statistics or data claims in the listing",
         "Shopify does not allow statistics or data, verifiable or not, in the listing (requirements 4.3.3-4.4.1).",
         "Remove percentages, multipliers and customer counts from the copy.",
         no_pattern(("tagline", "description", "features"), r"\d+(?:[.,]\d+)?\s*(?:%|x\b|\+)|\b\d{1,3}(?:,\d{3})+\b",
                    "statistics"), REQUIREMENTS, CHECKED, weight=2, family="claims"),
    Rule("SHOPIFY008", "No superlatives or guarantees", "Superlatives or guarantees in the listing",
         "No \"the first / the best / the only\", no guarantees (requirements 4.3.4-4.3.7).",
         "Describe what the app does instead of ranking it.",
         no_terms(COPY, ("the best", "the first", "the only", "#1", "number one", "guaranteed", "guarantee")),
         REQUIREMENTS, CHECKED, weight=2, family="claims"),
    Rule("SHOPIFY009", "Privacy policy linked", "No privacy policy linked",
         "A privacy policy link is required for every Shopify app (best practices §5E).",
         "Add your privacy policy URL to the listing.",
         linked("privacy"), BEST_PRACTICES, CHECKED, category="trust", weight=3, severity="critical", family="privacy"),
    Rule("SHOPIFY010", "Changelog linked", "No changelog linked",
         "Shopify recommends linking a changelog, FAQ and docs to dedicated pages (best practices §5E).",
         "Link a changelog page from the listing.",
         linked("changelog"), BEST_PRACTICES, CHECKED, category="documentation", family="changelog",
         level="recommendation"),
    Rule("SHOPIFY011", "Confirm: billing through the Shopify Billing API",
         "Confirm: billing through the Shopify Billing API",
         "Charges must go through the Billing API or Managed Pricing (requirements 1.2).",
         "Confirm before you submit.",
         confirm("Charges go through the Shopify Billing API or Managed Pricing, and merchants can change plans "
                 "without contacting support."), REQUIREMENTS, CHECKED, category="setup"),
    Rule("SHOPIFY012", "Confirm: mandatory privacy webhooks", "Confirm: mandatory privacy webhooks",
         "customers/data_request, customers/redact and shop/redact must be handled; missing ones get the app rejected.",
         "Confirm before you submit.",
         confirm("The app subscribes to customers/data_request, customers/redact and shop/redact, returns 401 on "
                 "a bad HMAC and completes requests within 30 days."),
         PRIVACY_LAW, CHECKED, category="trust"),
    Rule("SHOPIFY013", "App name leads with the vendor's brand", "App name leads with \"Shopify\"",
         "Lead the name with your own brand, not a generic term or a platform name: \"{brand} Integration with "
         "{platform}\" (best practices §5A1); Shopify trademarks belong nowhere in the branding (requirements 4.1.2).",
         "Put your brand first (\"Acme Invoices for Shopify\", not \"Shopify Acme Invoices\").",
         not_leading_with("name", ("Shopify",)), BEST_PRACTICES, CHECKED, weight=2),
    Rule("SHOPIFY014", "Each feature is at most 80 characters", "Features over 80 characters",
         "Each entry of the feature list holds up to 80 characters and should describe a function, not technical "
         "mechanics (best practices §5B6).",
         "Cut each feature to one plain sentence of at most 80 characters.",
         items_max_chars("features", 80), BEST_PRACTICES, CHECKED),
    Rule("SHOPIFY015", "No reviews or testimonials in the listing", "Reviews or testimonials in the listing",
         "Reviews and testimonials are not allowed in the listing copy or images (requirements 4.4.3); support info, "
         "links and testimonials belong in their own fields (4.4.2). Flags attributed quotes, star ratings and "
         "\"customers say\" wording.",
         "Remove quotes, star ratings and review excerpts; Shopify shows your real reviews on the listing.",
         no_pattern(("tagline", "description", "features"),
                    r"[“\"][^”\"]{12,}[”\"]\s*(?:[-–—~]\s*\w+|says\b)|★|\b(?:testimonials?|customers?\s+(?:say|love)|"
                    r"rated\s+\d(?:\.\d)?\s*(?:/\s*5|stars?|out of))\b", "testimonials or reviews"),
         REQUIREMENTS, CHECKED, weight=2),
    Rule("SHOPIFY016", "No prices in the listing copy", "Prices in the listing copy",
         "Pricing goes only in the Pricing details section, never in the other fields, images or the icon "
         "(requirements 4.2); prices elsewhere drift out of date and are rejected.",
         "Move every price to the pricing section; describe features, not what they cost.",
         no_pattern(("name", "tagline", "description", "features"),
                    r"[$€£¥]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:USD|EUR|GBP|CAD|AUD)\b|\bper month\b|/\s?mo(?:nth)?\b",
                    "prices"), REQUIREMENTS, CHECKED),
    Rule("SHOPIFY017", "Screenshots have alt text", "Screenshots lack alt text",
         "Every screenshot needs alt text (best practices §5B3), for accessibility and search.",
         "Add a short description of what each screenshot shows as its alt text.",
         alt_text("screenshots"), BEST_PRACTICES, CHECKED, family="screenshots"),
    Rule("SHOPIFY018", "Confirm: review submission package", "Confirm: review submission package",
         "Review needs a demo screencast of onboarding and core features (in English or with English subtitles), "
         "valid test credentials with full access and an emergency developer contact (requirements 4.5.3-4.5.6).",
         "Confirm before you submit.",
         confirm("The submission includes an English (or English-subtitled) screencast of onboarding and core "
                 "features, test credentials giving full access, and an emergency developer contact."),
         REQUIREMENTS, CHECKED, category="setup"),
])
