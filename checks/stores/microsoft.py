"""MICROSOFT: Microsoft AppSource / Teams Store (validation guidelines, submission checklist, manifest) and SaaS offers.

A listing on the "microsoft" store may be a Teams app or a SaaS offer; where the two (or two versions of one source)
set different limits, the stricter is checked so one copy passes both, and the rationale says so.
"""

from __future__ import annotations

from auditor.marketplaces import profile_for
from checks.stores._rules import (
    Rule,
    confirm,
    count_between,
    image_size,
    length_within,
    link_on_own_domain,
    linked,
    max_chars,
    no_pattern,
    no_terms,
    pack,
    page_covers,
    video,
)

TEAMS_DOCS = "https://learn.microsoft.com/en-us/microsoftteams/platform/concepts/deploy-and-publish/appsource/prepare/"
VALIDATION = TEAMS_DOCS + "teams-store-validation-guidelines"
SUBMISSION = TEAMS_DOCS + "submission-checklist"
MANIFEST_SCHEMA = "https://github.com/OfficeDev/microsoft-teams-app-schema"
SAAS_LISTING = ("https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/"
                "create-new-saas-offer-listing.md")
#: neither the Microsoft pages nor the research notes (marketplace_rules.md §8) give a date: the date the notes
#: were read
CHECKED = "2026-11-27"

#: regexes for what the validation guidelines say a privacy policy must cover
PRIVACY_TOPICS = {
    "data storage": r"\bstor(?:e|ed|es|age|ing)\b|\bhost(?:ed|ing)\b|\bdata ?cent(?:er|re)s?\b",
    "retention": r"\bretain\w*\b|\bretention\b|\bkept (?:for|until)\b",
    "deletion": r"\bdelet\w*\b|\beras\w*\b",
    "security controls": r"\bsecur\w*\b|\bencrypt\w*\b|\baccess controls?\b",
    "contact information": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\bcontact\b",
}
MICROSOFT_NAMES = ("Microsoft", "Teams", "MS", "MSFT", "Excel", "PowerPoint", "Word", "OneDrive", "SharePoint",
                   "OneNote", "Outlook", "Azure", "Surface", "Xbox",
                   # core Teams feature names
                   "Chat", "Contacts", "Calendar", "Calls", "Files", "Activity", "Apps", "Help")

CHECKS = pack(profile_for("microsoft"), [
    Rule("MICROSOFT001", "Short name is at most 30 characters", "Short name is over 30 characters",
         "The Teams manifest's name.short holds at most 30 characters (name.full 100); the short name is what users "
         "see in the store (manifest schema, submission checklist).",
         "Shorten the app's short name to 30 characters.",
         max_chars("name", 30), MANIFEST_SCHEMA, CHECKED, weight=2, severity="high", family="name-length"),
    Rule("MICROSOFT002", "Name avoids Microsoft product and Teams feature names",
         "Name uses a Microsoft product or Teams feature name",
         "App names must not use \"Teams\" or other Microsoft product names (Excel, SharePoint, OneDrive...) that "
         "suggest co-branding, nor core Teams feature names (Chat, Calendar, Files...); prefix common nouns with the "
         "developer name, \"Contoso Tasks\" (validation guidelines, mandatory fix). Official Microsoft partners name "
         "their app first (\"Contoso Connector for Microsoft Teams\") and may waive this check.",
         "Rename without Microsoft's marks or Teams feature names.",
         no_terms(("name",), MICROSOFT_NAMES), VALIDATION, CHECKED, weight=3, severity="high"),
    Rule("MICROSOFT003", "Short description is at most 50 characters", "Short description is over 50 characters",
         "Teams caps description.short at 80 characters (manifest); for SaaS offers the search-results summary is "
         "100 characters in the certification policy (2022) but 50 on the listing page (2022). The stricter 50 is "
         "checked so the same sentence fits both.",
         "Write one original sentence of at most 50 characters.",
         max_chars("tagline", 50), SAAS_LISTING, CHECKED, family="tagline-length"),
    Rule("MICROSOFT004", "Short description avoids \"app\" and the app's name",
         "Short description says \"app\" or repeats the name",
         "The short description is one sentence that does not repeat the app name or use the word \"app\" "
         "(validation guidelines).",
         "Rewrite the short description around what users can do.",
         no_pattern(("tagline",), r"\bapps?\b|{name}", "uses of \"app\" or the app's name"), VALIDATION, CHECKED),
    Rule("MICROSOFT005", "Long description is at most 3,000 characters and 500 words",
         "Long description is over 3,000 characters or 500 words",
         "The long description must stay within 500 words (validation guidelines, mandatory fix; most users read "
         "300-500 words). Teams allows 4,000 characters (manifest); SaaS offers allowed 3,000 (2020) and 5,000 "
         "(2022). The stricter 3,000 characters is checked.",
         "Cut the long description to 500 words and 3,000 characters; lead with value and state limitations.",
         length_within("description", max_chars=3000, max_words=500), SAAS_LISTING, CHECKED, weight=2,
         family="description-length"),
    Rule("MICROSOFT006", "Long description makes no unverified claims", "Long description makes unverified claims",
         "No unverified claims such as best, top or ranked, and no comparisons with other offers (validation "
         "guidelines, mandatory fix). \"Top\" alone is too common to flag; \"top-rated\" and \"top-ranked\" are.",
         "Remove the claims or cite a verifiable source for them.",
         no_terms(("tagline", "description"), ("best", "top-rated", "top-ranked", "ranked", "#1", "number one")),
         VALIDATION, CHECKED, weight=2, family="claims"),
    Rule("MICROSOFT007", "Long description avoids MS shorthand, endorsements and AppSource links",
         "Long description uses MS shorthand, endorsements or AppSource links",
         "No \"MS\" or \"MSFT\", nothing implying a Microsoft offering, no \"certified for\" or \"powered by\" unless "
         "certified, and no links to AppSource (validation guidelines, mandatory fix).",
         "Write \"Microsoft\" in full, drop endorsement wording and AppSource links.",
         no_pattern(("description",), r"(?-i:\bMS(?:FT)?\b)|\bcertified for\b|\bpowered by\b|appsource\.microsoft\.com",
                    "Microsoft shorthand, endorsement wording or AppSource links"), VALIDATION, CHECKED),
    Rule("MICROSOFT008", "Colour icon is 192×192", "Colour icon is not 192×192",
         "The colour icon is a 192×192 PNG, with a 32×32 white-on-transparent outline icon (validation guidelines, "
         "manifest).",
         "Upload a 192×192 colour icon.",
         image_size("icon", 192, 192, exact=True), VALIDATION, CHECKED),
    Rule("MICROSOFT009", "1 to 5 screenshots", "Not 1 to 5 screenshots",
         "Teams listings take up to 5 screenshots (submission checklist); SaaS offers need 1-5 (SaaS listing). The "
         "stricter 1-5 is checked.",
         "Upload 1-5 screenshots of the app in use.",
         count_between("screenshots", 1, 5), SUBMISSION, CHECKED, weight=2, family="screenshots"),
    Rule("MICROSOFT010", "Screenshots are 1366×768 (or 1280×720)", "Screenshots are not 1366×768 or 1280×720",
         "Teams screenshots are 1366×768 and at most 1,024 KB (submission checklist); SaaS offers use 1280×720 PNG "
         "(SaaS listing). No device frames or Teams/browser chrome (validation guidelines).",
         "Export screenshots at 1366×768 (Teams) or 1280×720 (SaaS).",
         image_size("screenshots", 1366, 768, exact=True, alternatives=((1280, 720),)), SUBMISSION, CHECKED,
         family="screenshots"),
    Rule("MICROSOFT011", "Privacy policy linked over HTTPS", "No HTTPS privacy policy linked",
         "privacyUrl is required and must be HTTPS (manifest); SaaS offers require an HTTPS privacy-policy link; the "
         "policy must be public, with no login (validation guidelines).",
         "Link your privacy policy over HTTPS.",
         linked("privacy", https=True), VALIDATION, CHECKED, category="trust", weight=3, severity="critical",
         family="privacy"),
    Rule("MICROSOFT012", "Privacy policy covers what Microsoft requires",
         "Privacy policy misses what Microsoft requires",
         "The privacy policy must cover data storage, retention, deletion and security controls, and give contact "
         "information (validation guidelines).",
         "Add the missing sections to the privacy policy.",
         page_covers("privacy", PRIVACY_TOPICS), VALIDATION, CHECKED, category="trust", weight=2),
    Rule("MICROSOFT013", "Terms of use on your own domain over HTTPS",
         "Terms of use missing, not HTTPS or on another domain",
         "termsOfUseUrl is required (manifest); the terms must be specific to the offering, on your own domain, "
         "over HTTPS, with no login (validation guidelines).",
         "Host the terms of use on your own domain over HTTPS and link them.",
         link_on_own_domain("terms"), VALIDATION, CHECKED, category="trust", weight=2, severity="high", family="terms"),
    Rule("MICROSOFT014", "Support link provided", "No support link provided",
         "A support URL that needs no login and gives contact details or a way to raise a ticket is required "
         "(validation guidelines); SaaS offers require a public support URL (SaaS listing).",
         "Link a public support page with contact details.",
         linked("support"), VALIDATION, CHECKED, category="trust", weight=3, severity="critical", family="support"),
    Rule("MICROSOFT015", "Demo video on YouTube or Vimeo", "No YouTube or Vimeo demo video",
         "A video is \"the most effective way\" to show why to use the app, shown before the screenshots; YouTube "
         "or Vimeo (submission checklist). Keep it 60-90 s, the stricter of the checklist (60-90 s) and the older "
         "details-page guide (30-90 s); its length cannot be read from the listing. Recommended, not required.",
         "Add a 60-90 s YouTube or Vimeo video of the app in Teams.",
         video(("youtube.com", "youtu.be", "vimeo.com")), SUBMISSION, CHECKED, weight=2, family="video",
         level="recommendation"),
    Rule("MICROSOFT016", "Confirm: Publisher Verification, Attestation and matching details",
         "Confirm: Publisher Verification, Attestation and matching details",
         "Publisher Verification and Publisher Attestation are required for store apps (submission checklist), and "
         "the manifest descriptions must match Partner Center (validation guidelines).",
         "Confirm before you submit.",
         confirm("Publisher Verification is done, Publisher Attestation is planned or current, and the manifest's "
                 "name and descriptions match Partner Center."), SUBMISSION, CHECKED, category="trust"),
    Rule("MICROSOFT017", "Confirm: reviewer test accounts", "Confirm: reviewer test accounts",
         "Reviewers need an admin account, a non-admin account and one that is not pre-configured, to test first run "
         "(submission checklist).",
         "Confirm before you submit.",
         confirm("Test accounts are ready: admin, non-admin, and one not pre-configured, with pre-populated data."),
         SUBMISSION, CHECKED, category="setup"),
    Rule("MICROSOFT018", "Confirm: 2-second responses", "Confirm: 2-second responses",
         "Tabs, bots and message extensions must respond within 2 s or show a loading or typing indicator "
         "(validation guidelines).",
         "Confirm before you submit.",
         confirm("Tabs, bots and message extensions respond within 2 seconds or show a loading/typing indicator."),
         VALIDATION, CHECKED, category="setup"),
])
