"""CWS: the Chrome Web Store's image requirements, manifest description limit and keyword-spam policy.

The short description (the manifest `description`, at most 132 characters) is read from the listing's tagline and
the detailed description from its description. A privacy policy (needed when the extension handles user data) has no
Chrome source in the research notes, so the cross-store privacy check covers it.
"""

from __future__ import annotations

from auditor.marketplaces import profile_for
from checks.stores._rules import (
    Rule,
    confirm,
    count_between,
    image_size,
    max_chars,
    max_repeats,
    no_pattern,
    pack,
)

IMAGES = "https://developer.chrome.com/docs/webstore/images"
DESCRIPTION = "https://developer.chrome.com/docs/extensions/reference/manifest/description"
KEYWORD_SPAM = "https://developer.chrome.com/blog/policy-update-kwspam-and-circumvention"
TROUBLESHOOTING = "https://developer.chrome.com/docs/webstore/troubleshooting/"
#: neither the Chrome pages nor the research notes (marketplace_rules.md §9) give a date: the date the notes were read
CHECKED = "2026-11-27"

CHECKS = pack(profile_for("chrome-web-store"), [
    Rule("CWS001", "Icon is 128×128", "Icon is not 128×128",
         "The store icon is a 128×128 PNG: 96×96 artwork with 16 px of transparent padding on each side (images).",
         "Provide a 128×128 PNG icon with 96×96 artwork.",
         image_size("icon", 128, 128, exact=True), IMAGES, CHECKED, weight=2),
    Rule("CWS002", "At least one screenshot", "No screenshot",
         "The icon, the small promo tile and at least one screenshot are mandatory (images).",
         "Upload at least one screenshot of the extension in use.",
         count_between("screenshots", 1), IMAGES, CHECKED, weight=3, severity="high", family="screenshots"),
    Rule("CWS003", "Screenshots are 1280×800 (or 640×400)", "Screenshots are not 1280×800 or 640×400",
         "Screenshots are 1280×800, or 640×400 (images).",
         "Export screenshots at 1280×800.",
         image_size("screenshots", 1280, 800, exact=True, alternatives=((640, 400),)), IMAGES, CHECKED,
         family="screenshots"),
    Rule("CWS004", "Short description is at most 132 characters", "Short description is over 132 characters",
         "The manifest description, shown as the listing's summary, is plain text of at most 132 characters "
         "(manifest description).",
         "Cut the summary to 132 characters of plain text.",
         max_chars("tagline", 132), DESCRIPTION, CHECKED, weight=2, family="tagline-length"),
    Rule("CWS005", "No keyword repeated more than 5 times", "A keyword is repeated more than 5 times",
         "Keyword spam is not allowed, including the same keyword repeated more than 5 times (keyword-spam policy "
         "update). Counts words of 4+ letters that are not stopwords.",
         "Rewrite the description so no keyword appears more than 5 times.",
         max_repeats(("description",), 5), KEYWORD_SPAM, CHECKED, weight=2, severity="high", family="keywords"),
    Rule("CWS006", "No anonymous testimonials", "Anonymous or unattributed testimonials",
         "Unattributed or anonymous testimonials are keyword spam (keyword-spam policy update). Flags quotes "
         "attributed to \"Anonymous\" or \"a happy user\" and star-rating strings.",
         "Remove the testimonials, or attribute each to a real, named person or organisation.",
         no_pattern(("tagline", "description"),
                    r"[-–—~]\s*(?:anonymous|anon\.?|an?\s+(?:happy|satisfied|verified|real)?\s*"
                    r"(?:user|customer|client|reviewer))\b|★{3,}",
                    "anonymous testimonials"), KEYWORD_SPAM, CHECKED),
    Rule("CWS007", "Confirm: promo tile and marquee uploaded", "Confirm: promo tile and marquee uploaded",
         "The 440×280 small promo tile is mandatory; the 1400×560 marquee is optional but needed to be featured "
         "(images). The listing page does not show them.",
         "Confirm before you submit.",
         confirm("The 440×280 small promo tile is uploaded, and a 1400×560 marquee if you want to be featured."),
         IMAGES, CHECKED),
    Rule("CWS008", "Confirm: the extension does what the listing says",
         "Confirm: the extension does what the listing says",
         "An item must deliver the functionality its listing describes, or it is rejected (\"Yellow Magnesium\", "
         "troubleshooting).",
         "Confirm before you submit.",
         confirm("Every feature the listing describes works in the submitted build."), TROUBLESHOOTING, CHECKED,
         category="setup"),
])
