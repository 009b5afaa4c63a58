"""ZAPIER: the Zapier App Directory's integration publishing requirements and branding settings.

Zapier's app description (at most 140 characters, "<Name> is a ...") is read from the listing's description.
"""

from __future__ import annotations

from auditor.marketplaces import profile_for
from checks.stores._rules import (
    Rule,
    confirm,
    count_between,
    has_pattern,
    image_size,
    linked,
    max_chars,
    no_pattern,
    no_terms,
    pack,
)

REQUIREMENTS = "https://docs.zapier.com/platform/publish/integration-publishing-requirements"
BRANDING = "https://docs.zapier.com/platform/publish/add-or-modify-branding"
#: neither the Zapier pages nor the research notes (marketplace_rules.md §6) give a date: the date the notes were read
CHECKED = "2026-11-27"

CHECKS = pack(profile_for("zapier"), [
    Rule("ZAPIER001", "Description is at most 140 characters", "Description is over 140 characters",
         "The app description is a short one of at most 140 characters on the app's core features and use cases "
         "(publishing requirements 2.7).",
         "Cut the description to one sentence of at most 140 characters.",
         max_chars("description", 140), REQUIREMENTS, CHECKED, weight=2, severity="high", family="tagline-length"),
    Rule("ZAPIER002", "Description opens with the app's name", "Description does not open with the app's name",
         "The description takes the form \"<Name> is a ...\" (publishing requirements 2.7; its examples also accept "
         "\"Dropbox lets you ...\"), so it must open with the app's name.",
         "Start the description with the app's name: \"Acme is an invoicing tool that ...\".",
         has_pattern("description", r"^\W*{name}\b", "opening with the app's name"), REQUIREMENTS, CHECKED),
    Rule("ZAPIER003", "Description has no links", "Description contains links",
         "The description must not include links (publishing requirements 2.7).",
         "Remove URLs and domain names from the description; the homepage has its own field.",
         no_pattern(("description",), r"https?://\S+|\bwww\.\S+|\b[\w-]+\.(?:com|io|net|org|co|app|dev|ai)\b", "links"),
         REQUIREMENTS, CHECKED),
    Rule("ZAPIER004", "Description does not mention Zapier", "Description mentions Zapier",
         "The description must not mention Zapier or suggest the integration is associated with or endorsed by it "
         "(publishing requirements 2.7).",
         "Describe your app, not its Zapier integration.",
         no_terms(("description",), ("Zapier", "Zaps", "Zap")), REQUIREMENTS, CHECKED),
    Rule("ZAPIER005", "Description avoids overstated language", "Description uses overstated language",
         "No flowery or overstated language: \"Trello is a team collaboration tool ...\", not \"Trello is the best "
         "project management tool\" (publishing requirements 2.7).",
         "Say what the app does instead of how good it is.",
         no_terms(("description",), ("best", "#1", "number one", "leading", "world-class", "ultimate",
                                     "revolutionary", "cutting-edge", "amazing", "incredible", "awesome")),
         REQUIREMENTS, CHECKED, family="claims"),
    Rule("ZAPIER006", "App name is the plain brand name", "App name adds symbols or extra words",
         "Use the app's real name as the brand writes it: no ™ or other identifiers, no \"app\" unless the brand "
         "always uses it, no added phrases such as \"for Zapier\" (publishing requirements 2.5).",
         "Use the brand name alone (\"Acme\", not \"Acme™ App for Zapier\").",
         no_pattern(("name",), r"[™®©℠]|\bapps?\b|\bzapier\b", "trademark symbols, \"app\" or \"Zapier\""),
         REQUIREMENTS, CHECKED, weight=2),
    Rule("ZAPIER007", "Logo is square and at least 256×256", "Logo is not square or is under 256×256",
         "The logo must be a square, transparent PNG of at least 256×256 px, without the app name or other text "
         "(publishing requirements 2.6; branding).",
         "Upload a square transparent PNG of 256×256 px or larger.",
         image_size("icon", 256, 256, square=True), REQUIREMENTS, CHECKED),
    Rule("ZAPIER008", "Homepage linked", "No homepage linked",
         "The homepage URL must be the app's marketing site; its domain is also the collaborator e-mail domain "
         "(publishing requirements 2.2.1; branding).",
         "Set the homepage to your product's marketing site.",
         linked("website"), REQUIREMENTS, CHECKED, category="trust", weight=2),
    Rule("ZAPIER009", "Category set", "No category set",
         "The app category is required metadata, with the intended audience and your role (branding; publishing "
         "requirements 2.8).",
         "Pick the category that fits the app's primary use case today.",
         count_between("categories", 1), BRANDING, CHECKED),
    Rule("ZAPIER010", "Confirm: ownership and a single integration", "Confirm: ownership and a single integration",
         "Only the API owner, or someone it contracted, can go public; no duplicate or replacement integrations, and "
         "integrations sharing auth and API must be merged (publishing requirements 2.1-2.4).",
         "Confirm before you submit.",
         confirm("You own the API (or are contracted by its owner), and no other public integration covers the same "
                 "app, authentication and API."), REQUIREMENTS, CHECKED, category="trust"),
    Rule("ZAPIER011", "Confirm: review test account", "Confirm: review test account",
         "Reviewers need a non-expiring, non-trial account under integration-testing@zapier.com with every paid "
         "feature unlocked (publishing requirements 1.5).",
         "Confirm before you submit.",
         confirm("A non-expiring test account exists for integration-testing@zapier.com with all paid features "
                 "needed for testing unlocked."), REQUIREMENTS, CHECKED, category="setup"),
    Rule("ZAPIER012", "Confirm: launched product, production endpoints",
         "Confirm: launched product, production endpoints",
         "Only publicly launched products on production endpoints go public, with no known bugs; repeated "
         "submissions are penalised (publishing requirements 1.6-1.7).",
         "Confirm before you submit.",
         confirm("The product is publicly available, the integration uses no sandbox or test endpoints, and it has "
                 "no known bugs."), REQUIREMENTS, CHECKED, category="setup"),
])
