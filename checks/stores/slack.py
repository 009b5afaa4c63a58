"""SLACK: the Slack Marketplace's app guidelines and requirements, its checklist and the app manifest schema."""

from __future__ import annotations

from auditor.marketplaces import profile_for
from checks.stores._rules import (
    Rule,
    confirm,
    image_size,
    length_within,
    link_not_to,
    linked,
    max_chars,
    mentions,
    not_leading_with,
    pack,
    page_covers,
    present,
    video,
)

GUIDELINES = "https://docs.slack.dev/slack-marketplace/slack-marketplace-app-guidelines-and-requirements"
CHECKLIST = "https://api.slack.com/reference/slack-apps/slack-marketplace-checklist"
MANIFEST_SCHEMA = "https://raw.githubusercontent.com/slackapi/manifest-schema/main/manifest.schema.json"
ICON_METHOD = "https://docs.slack.dev/reference/methods/apps.icon.set/"
#: the Slack pages and the research notes (marketplace_rules.md §4) give no date: the date the notes were read
CHECKED = "2026-11-27"

#: regexes for what Slack's guidelines say a privacy policy must state
PRIVACY_TOPICS = {
    "data collected": r"\bcollect\w*\b|\bpersonal (?:data|information)\b|\binformation we (?:collect|receive)\b",
    "how it is used": r"\bhow we use\b|\bwe use (?:the|this|your|it|that|such)\b"
                      r"|\buse of (?:your |the )?(?:data|information)\b|\bpurposes?\b|\bused (?:to|for)\b",
    "how long it is kept": r"\bretain\w*\b|\bretention\b|\bkept (?:for|until)\b|\bstored? for\b",
    "access, transfer or deletion": r"\bdelet\w*\b|\beras\w*\b|\bportab\w*\b|\btransfer\b"
                                    r"|\brequest (?:access|a copy)\b",
    "a contact e-mail or web form": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:contact|web|online)[\s-]?form\b",
}

CHECKS = pack(profile_for("slack"), [
    Rule("SLACK001", "App name is at most 35 characters", "App name is over 35 characters",
         "The manifest's display name holds 1-35 characters (app manifest schema); the guidelines want a unique name "
         "that is easy to spell.",
         "Shorten the name to 35 characters.",
         max_chars("name", 35), MANIFEST_SCHEMA, CHECKED, weight=2, severity="high", family="name-length"),
    Rule("SLACK002", "App name does not lead with \"Slack\"", "App name leads with \"Slack\"",
         "Name the integrated service without infringing: \"Task notifications for Slack\", not \"Slack task "
         "notifications\" (guidelines).",
         "Put your own words first and \"for Slack\" after them, if at all.",
         not_leading_with("name", ("Slack",)), GUIDELINES, CHECKED, weight=2, severity="high"),
    Rule("SLACK003", "Short description is at most 10 words and 140 characters", "Short description is too long",
         "The short description is at most 10 words of plain text (guidelines); the manifest also caps it at 140 "
         "characters (schema). Both limits are checked.",
         "Write the short description as one phrase of 10 words or fewer.",
         length_within("tagline", max_chars=140, max_words=10), GUIDELINES, CHECKED, family="tagline-length"),
    Rule("SLACK004", "Long description is 175 to 4,000 characters", "Long description is not 175 to 4,000 characters",
         "The long description is 175-4,000 characters (manifest schema minLength 175; the manifest docs' example "
         "says 174, so the stricter 175 is used). It should cover the service, the problem and how the app works "
         "in Slack.",
         "Write 175-4,000 characters on the problem, the integrated service and how the app works in Slack.",
         length_within("description", min_chars=175, max_chars=4000), MANIFEST_SCHEMA, CHECKED, weight=2,
         family="description-length"),
    Rule("SLACK005", "Description explains the app in Slack", "Description never mentions Slack",
         "The long description must explain how the app works in Slack, not only what the vendor's product does "
         "(guidelines).",
         "Describe what users see and do inside Slack: messages, commands, shortcuts, the Home tab.",
         mentions(("description",), ("Slack",), "Slack"), GUIDELINES, CHECKED),
    Rule("SLACK006", "Icon is 512 to 2000 px square", "Icon is not 512 to 2000 px square",
         "Slack accepts icons between 512×512 and 2000×2000 px (apps.icon.set returns invalid_icon_size otherwise); "
         "the guidelines want it high-resolution and distinctive.",
         "Upload a square icon of at least 512×512 and at most 2000×2000 px.",
         image_size("icon", 512, 512, max_width=2000, max_height=2000, square=True), ICON_METHOD, CHECKED),
    Rule("SLACK007", "Screenshots are 1600×1000", "Screenshots are not 1600×1000",
         "Screenshots are 1600×1000 px (8:5) JPG or PNG under 21 MB, and show the app in Slack (guidelines).",
         "Export screenshots of the app in Slack at 1600×1000.",
         image_size("screenshots", 1600, 1000, exact=True), GUIDELINES, CHECKED, weight=2, family="screenshots"),
    Rule("SLACK008", "Demo video is one public YouTube video", "No YouTube demo video",
         "Slack strongly recommends a 30-90 s demo video as a public YouTube link to a single video, not a channel "
         "or playlist (guidelines). Its length cannot be read from the listing.",
         "Link one public YouTube video of 30-90 s with captions on and ads off.",
         video(("youtube.com", "youtu.be"),
               (r"[?&]list=", r"/playlist", r"/channel/", r"/c/", r"/user/", r"youtube\.com/@")),
         GUIDELINES, CHECKED, weight=2, family="video", level="recommendation"),
    Rule("SLACK009", "Landing page linked", "No landing page linked",
         "A public landing page is required: an overview, how the app works in Slack, a clear install path, a "
         "post-install next step and a privacy policy link (guidelines).",
         "Link a public landing page for the Slack app.",
         linked("website"), GUIDELINES, CHECKED, category="documentation", weight=2, severity="high"),
    Rule("SLACK010", "Landing and support links are web pages",
         "Landing or support link is a file, repo or social profile",
         "The landing page must be a real web page, not a PDF, document or code repository; a support contact of "
         "only GitHub issues or Twitter is not enough (guidelines).",
         "Host the landing and support pages on your own site.",
         link_not_to(("website", "support"),
                     ("github.com", "gitlab.com", "bitbucket.org", "twitter.com", "x.com", "docs.google.com",
                      "drive.google.com", "dropbox.com"), (".pdf", ".doc", ".docx")),
         GUIDELINES, CHECKED, category="trust"),
    Rule("SLACK011", "Support page linked", "No support page linked",
         "A public support page with a clear contact (e-mail or form) that needs no extra account is required; "
         "Slack expects replies within 2 business days (guidelines).",
         "Link a support page with an e-mail address or contact form.",
         linked("support"), GUIDELINES, CHECKED, category="trust", weight=3, severity="critical", family="support"),
    Rule("SLACK012", "Privacy policy linked", "No privacy policy linked",
         "A privacy policy is required, linked from the listing and the landing page (guidelines).",
         "Link your privacy policy.",
         linked("privacy"), GUIDELINES, CHECKED, category="trust", weight=3, severity="critical", family="privacy"),
    Rule("SLACK013", "Privacy policy says what Slack requires", "Privacy policy misses what Slack requires",
         "The policy must state the data collected, how it is used, how long it is kept, how to request access, "
         "transfer or deletion, and a contact e-mail or web form; a physical address alone is not enough "
         "(guidelines).",
         "Add the missing sections to the privacy policy.",
         page_covers("privacy", PRIVACY_TOPICS), GUIDELINES, CHECKED, category="trust", weight=2),
    Rule("SLACK014", "Pricing stated", "No pricing stated",
         "Every listing states its pricing: Paid, Paid with free trial, Free and paid plans, Free, or Included with "
         "service subscription (guidelines).",
         "Choose the pricing option that matches your plans.",
         present("pricing", "pricing"), GUIDELINES, CHECKED),
    Rule("SLACK015", "Confirm: at least 10 active workspaces", "Confirm: at least 10 active workspaces",
         "The current guidelines call apps on fewer than 5 active workspaces (used in the past 28 days) unsuitable; "
         "the 2023-08-01 changelog requires 10 to be reviewed. The stricter 10 is used.",
         "Confirm before you submit.",
         confirm("The app is installed on at least 10 active workspaces (used in the past 28 days) outside your own."),
         GUIDELINES, CHECKED, category="setup"),
    Rule("SLACK016", "Confirm: eligible scopes, data use and direct install",
         "Confirm: eligible scopes, data use and direct install",
         "Apps using restricted or legacy scopes (admin.*, identity.*, search:read, workflow.steps:execute, "
         "triggers:*), requesting excessive scopes or training LLMs on Slack data are not eligible; the direct "
         "install URL must 302 to slack.com/oauth/v2/authorize (guidelines).",
         "Confirm before you submit.",
         confirm("No restricted or legacy scopes, no excessive scopes, no LLM training on Slack data, and the direct "
                 "install URL redirects (302) to slack.com/oauth/v2/authorize."),
         GUIDELINES, CHECKED, category="trust"),
    Rule("SLACK017", "Confirm: in-Slack review checks", "Confirm: in-Slack review checks",
         "Review tests onboarding, a help command, no posting to #general by default, no @channel misuse, a "
         "non-empty Home tab and 3 s acknowledgements (guidelines, checklist).",
         "Confirm before you submit.",
         confirm("Onboarding works, /command help answers, nothing posts to #general by default, @channel is not "
                 "misused, the Home tab is not empty and shortcuts are acknowledged within 3 s."),
         CHECKLIST, CHECKED, category="setup"),
])
