"""SALESFORCE: AppExchange listing fields and the security review.

The current listing builder's character and pixel limits were not found (marketplace_rules.md §5, §14); the
legacy publishing guide's sizes (screenshots ≤ 850×600, thumbnails ≤ 165×115) are obsolete and not checked.
The field list comes only from secondary sources, so those rules say "secondary, unverified"; the security review
comes from Salesforce's own ISVforce guide.
"""

from __future__ import annotations

from auditor.marketplaces import profile_for
from checks.stores._rules import (
    Rule,
    confirm,
    count_between,
    linked,
    linked_any,
    not_leading_with,
    pack,
    present,
)

SECURITY_REVIEW = ("https://developer.salesforce.com/docs/atlas.en-us.packagingGuide.meta/packagingGuide/"
                   "security_review_guidelines.htm")
TOP_REASONS = ("https://developer.salesforce.com/docs/atlas.en-us.216.0.packagingGuide.meta/packagingGuide/"
               "security_review_faq_topreasons.htm")
#: secondary: a glossary entry listing the sections of an AppExchange listing
FIELDS = "https://salesforcedictionary.com/terms/appexchange-listing"
#: secondary: a reproduction of the AppExchange ISV onboarding guide (listing approval checks)
ONBOARDING = "https://appexchangeguides.relayto.com/e/appexchange-isv-onboarding-guide-jcvehuiiqzjsr/lNd7YBda"
#: no source and no section of the research notes (marketplace_rules.md §5) gives a date: the date the notes were read
CHECKED = "2026-11-27"

SECONDARY = "Source: secondary, unverified (no current Salesforce page was found)."

CHECKS = pack(profile_for("salesforce"), [
    Rule("SALESFORCE001", "Listing title leads with the vendor's brand",
         "Listing title leads with a Salesforce trademark",
         "Listing approval checks that the title meets partner branding guidelines; a title that starts with "
         "Salesforce's marks reads as Salesforce's own product. " + SECONDARY,
         "Lead with your brand (\"Acme Billing for Salesforce\").",
         not_leading_with("name", ("Salesforce", "AppExchange")),
         ONBOARDING, CHECKED, weight=2),
    Rule("SALESFORCE002", "Tagline shown", "No tagline",
         "Every AppExchange listing carries a tagline above its description. " + SECONDARY,
         "Add a one-line tagline that says what the app does in Salesforce.",
         present("tagline", "tagline"), FIELDS, CHECKED),
    Rule("SALESFORCE003", "Highlights listed", "No highlights listed",
         "Listings carry highlights, short bullet-style summaries customers skim before the description. " + SECONDARY,
         "Add highlights for the app's main capabilities.",
         count_between("features", 1), FIELDS, CHECKED),
    Rule("SALESFORCE004", "Screenshots shown", "No screenshots",
         "Listings carry screenshots of the product. " + SECONDARY,
         "Upload screenshots of the app inside Salesforce.",
         count_between("screenshots", 1), FIELDS, CHECKED, weight=2, family="screenshots"),
    Rule("SALESFORCE005", "Demo video on the listing", "No demo video on the listing",
         "Listings carry a demo video section (recommended, not required). " + SECONDARY,
         "Add a demo video of the app in Salesforce.",
         present("video", "demo video"), FIELDS, CHECKED, severity="low", family="video", level="recommendation"),
    Rule("SALESFORCE006", "Pricing shown", "No pricing shown",
         "Listing approval checks that the pricing model is consistent; freemium listings must describe the free "
         "limits and \"paid add-on required\" listings must name the required purchase. " + SECONDARY,
         "Show your pricing model and plans on the listing.",
         present("pricing", "pricing"), ONBOARDING, CHECKED, weight=2),
    Rule("SALESFORCE007", "Supported editions listed", "No supported editions listed",
         "Listings state the Salesforce editions the app supports, so admins know before installing. " + SECONDARY,
         "List every Salesforce edition the app runs on.",
         present("editions", "supported editions"), FIELDS, CHECKED, category="setup", weight=2),
    Rule("SALESFORCE008", "Languages listed", "No languages listed",
         "Listings state the languages the app supports. " + SECONDARY,
         "List the languages the app supports.",
         present("languages", "languages"), FIELDS, CHECKED),
    Rule("SALESFORCE009", "Installation instructions linked", "No installation instructions linked",
         "Listings carry installation instructions and links to documentation. " + SECONDARY,
         "Link your installation guide from the listing.",
         linked_any(("setup", "docs")), FIELDS, CHECKED, category="documentation", weight=2, family="setup-guide"),
    Rule("SALESFORCE010", "Support info linked", "No support info linked",
         "Listings carry support contacts. " + SECONDARY,
         "Link your support page or e-mail.",
         linked("support"), FIELDS, CHECKED, category="trust", weight=2, family="support"),
    Rule("SALESFORCE011", "Confirm: security review passed and current", "Confirm: security review passed and current",
         "The AppExchange security review is mandatory before a public listing (managed packages, API-only and "
         "Marketing Cloud API solutions) and must be kept current when the offering changes (security review "
         "guide). Fee ($999 per attempt for paid apps) and duration (6-9 weeks, 2-3 weeks per resubmission) come "
         "from secondary, unverified sources.",
         "Confirm before you submit.",
         confirm("The solution passed the AppExchange security review and it covers the current version; budget for "
                 "the fee and several weeks per attempt."), SECURITY_REVIEW, CHECKED, category="trust"),
    Rule("SALESFORCE012", "Confirm: security review readiness", "Confirm: security review readiness",
         "Reviews fail on the OWASP Top 10 classes: injection, XSS, broken authentication and sessions, insecure "
         "direct object references, CSRF, misconfiguration, insecure crypto storage, URL access, insufficient TLS, "
         "open redirects (top reasons for failing); missing CRUD/FLS enforcement is the top failure in practice "
         "(secondary, unverified).",
         "Confirm before you submit.",
         confirm("The code enforces CRUD/FLS and has been scanned for the OWASP Top 10 classes before submission."),
         TOP_REASONS, CHECKED, category="trust"),
    Rule("SALESFORCE013", "Confirm: free limits and required purchases described",
         "Confirm: free limits and required purchases described",
         "Freemium listings must describe the free limits, and \"paid add-on required\" listings must name the "
         "required purchase. " + SECONDARY,
         "Confirm before you submit.",
         confirm("A freemium listing states what the free tier allows, and a listing that needs a paid add-on names "
                 "it."), ONBOARDING, CHECKED),
])
