"""Hand-labelled true values of the real store pages in ../shared/corpus: the ground truth for per-field accuracy.

Each value was read from the page source, not from an extractor's output:

- rating and review_count (the ratings count) are the exact embedded values: the 2024 Chrome Web Store's
  `ds:0` island (`ds:0[0][3]`, `ds:0[0][4]`), Google Play's JSON-LD `aggregateRating` (the same number as
  `ds:6`, written as a double), Atlassian's `reviewSummary`. The 2015 page has them in microdata; the 2020
  page only in its markup ("Average rating: 4.71 stars", "7 users rated this item"), the most exact it shows.
  A listing with no ratings has None for both.
- screenshots counts images only (the 2024 `ds:0[5]` entries of type 1; a promo video is not one). The 2015 and
  2020 pages show only a YouTube video in the carousel: 0 screenshots.
- developer is the name the page gives the developer: the trader's company or the named person in the
  Details box, "Offered by" on pages without one, "Google" for items the page says were developed by
  Google, else the publisher account of the island (`ds:0[10][5]`).
- website is the developer's "Website" link; privacy the developer's privacy policy (the island's `ds:0[33]`,
  the "privacy policy" link of the Privacy section), never the store's footer "Privacy Policy"; support the
  developer's declared support site (`ds:0[26]`, "visit the developer's support site") or, when there is none,
  the developer's e-mail as a mailto: link. The store's "support hub" tab and support.google.com are the store's.
  Atlassian's REST 1.0 record has one support link (`rel: support`, the listing's support tab).
- URLs are compared normalised (auditor.urls.normalise), so "https://wordtune.com" equals "https://wordtune.com/".
"""

from __future__ import annotations

import math
from typing import Any

from auditor.model import Listing
from auditor.urls import normalise

FIELDS = ("available", "name", "rating", "review_count", "screenshots", "developer", "website", "privacy", "support")

CWS: dict[str, dict[str, Any]] = {
    "chrome-web-store/cws2015_do-not-merge-wip-for-github.html": {
        "available": True, "name": "Do Not Merge WIP for GitHub", "rating": 4.5, "review_count": 2, "screenshots": 0,
        "developer": "sanemat", "website": "https://github.com/sanemat/do-not-merge-wip-for-github",
        "privacy": None, "support": None,
    },
    "chrome-web-store/cws2020_do-not-merge-wip-for-github.html": {
        "available": True, "name": "Do Not Merge WIP for GitHub", "rating": 4.71, "review_count": 7, "screenshots": 0,
        "developer": "sanemat", "website": "https://github.com/sanemat/do-not-merge-wip-for-github",
        "privacy": None, "support": None,
    },
    "chrome-web-store/cws2024_adobe-acrobat.html": {
        "available": True, "name": "Adobe Acrobat: PDF edit, convert, sign tools", "rating": 4.360318253951001,
        "review_count": 46001, "screenshots": 5, "developer": "Adobe Inc.", "website": "https://www.adobe.com",
        "privacy": "https://www.adobe.com/privacy/policy.html",
        "support": "http://forums.adobe.com/community/acrobat?view=overview",
    },
    "chrome-web-store/cws2024_cloudfulness.html": {
        "available": True, "name": "Cloudfulness", "rating": None, "review_count": None, "screenshots": 2,
        "developer": "Cloudfulness", "website": "https://cloudfulness.uk", "privacy": None,
        "support": "mailto:cloudfulnessdev@gmail.com",
    },
    "chrome-web-store/cws2024_facebook-is-a-trap.html": {
        "available": True, "name": "Facebook is a trap!", "rating": None, "review_count": None, "screenshots": 0,
        "developer": "jschally", "website": None, "privacy": None, "support": None,
    },
    "chrome-web-store/cws2024_gmail.html": {
        "available": True, "name": "Gmail", "rating": 4.56068127353646, "review_count": 58420, "screenshots": 4,
        "developer": "Google", "website": "https://mail.google.com", "privacy": None,
        "support": "mailto:inbox-chrome-app@google.com",
    },
    "chrome-web-store/cws2024_google-translate_prettified.html": {
        "available": True, "name": "Google Translate", "rating": 4.332711239677133, "review_count": 42866,
        "screenshots": 3, "developer": "Google LLC", "website": "https://translate.google.com", "privacy": None,
        "support": "mailto:google-translate-chrome-extension-owners@google.com",
    },
    "chrome-web-store/cws2024_item-not-available.html": {
        "available": False, "name": None, "rating": None, "review_count": None, "screenshots": 0,
        "developer": None, "website": None, "privacy": None, "support": None,
    },
    "chrome-web-store/cws2024_morpheon-dark-theme.html": {
        "available": True, "name": "Morpheon Dark", "rating": 4.420004260758415, "review_count": 9388,
        "screenshots": 3, "developer": "Jeremy Bean", "website": "https://morpheondark.com", "privacy": None,
        "support": "http://www.morpheondark.com",
    },
    "chrome-web-store/cws2024_thomas-bangalter-theme.html": {
        "available": True, "name": "Thomas Bangalter Theme", "rating": 4.910256410256411, "review_count": 78,
        "screenshots": 1, "developer": "Carlos Guimaraes", "website": None, "privacy": None, "support": None,
    },
    "chrome-web-store/cws2024_tweaks-for-topmeteo.html": {
        "available": True, "name": "Tweaks for TopMeteo.eu", "rating": None, "review_count": None, "screenshots": 1,
        "developer": "Emil Burzo", "website": None, "privacy": None, "support": "mailto:contact@emilburzo.com",
    },
    "chrome-web-store/cws2024_unziponline-app.html": {
        "available": True, "name": "unziponline", "rating": 1.0, "review_count": 3, "screenshots": 1,
        "developer": "unziponline.net", "website": "https://unziponline.net", "privacy": None, "support": None,
    },
    "chrome-web-store/cws2024_wordtune.html": {
        "available": True, "name": "Wordtune: Generative AI productivity platform", "rating": 4.618349392542941,
        "review_count": 2387, "screenshots": 4, "developer": "AI21 Labs Ltd.", "website": "https://wordtune.com",
        "privacy": "https://www.wordtune.com/privacy-policy", "support": "mailto:help@wordtune.com",
    },
}

PLAY: dict[str, dict[str, Any]] = {
    "google-play/gplay2021_dunzo-delivery-partner.html": {
        "available": True, "name": "Dunzo Delivery Partner", "rating": 3.693965435028076, "review_count": 4542,
        "screenshots": 5, "developer": "Dunzo Digital", "website": "http://www.dunzo.com",
        "privacy": "https://www.dunzo.com/privacy.html", "support": "mailto:support@dunzo.in",
    },
}

#: Atlassian REST 1.0 records, keyed "file#pluginKey"; ratings are out of 4 stars on this store
ATLASSIAN: dict[str, dict[str, Any]] = {
    "atlassian-api/atl-rest1_plugins-search_2016_page1.json#com.atlassian.confluence.extra.team-calendars": {
        "available": True, "name": "Team Calendars for Confluence", "rating": 2.6935484409332275, "review_count": 124,
        "screenshots": 0, "developer": "Atlassian", "website": "http://www.atlassian.com/", "privacy": None,
        "support": "https://marketplace.atlassian.com/plugins/com.atlassian.confluence.extra.team-calendars/support",
    },
    "atlassian-api/atl-rest1_plugins-search_2016_page1.json#com.mxgraph.confluence.plugins.diagramly": {
        "available": True, "name": "Draw.io Diagrams for Confluence", "rating": 3.830845832824707, "review_count": 201,
        "screenshots": 0, "developer": "//SEIBERT/MEDIA - Draw.io", "website": "https://info.seibert-media.net",
        "privacy": "https://support.draw.io/display/DFCS/draw%20for%20Confluence%20and%20JIRA%20Servers%20Privacy%20Policy",
        "support": "https://marketplace.atlassian.com/plugins/com.mxgraph.confluence.plugins.diagramly/support",
    },
    "atlassian-api/atl-rest1_plugins-search_2016_page1.json#com.thed.zephyr.je": {
        "available": True, "name": "Zephyr for JIRA - Test Management", "rating": 3.061797857284546,
        "review_count": 178, "screenshots": 0, "developer": "Zephyr", "website": "http://www.getzephyr.com",
        "privacy": "http://www.getzephyr.com/content/zephyr-for-jira-data-security",
        "support": "https://marketplace.atlassian.com/plugins/com.thed.zephyr.je/support",
    },
    "atlassian-api/atl-rest1_plugins-search_2016_page2.json#org.swift.confluence.html": {
        "available": True, "name": "HTML for Confluence", "rating": 3.444444417953491, "review_count": 9,
        "screenshots": 0, "developer": "Bob Swift Atlassian Add-ons (an Appfire company)",
        "website": "http://bobswiftsoftware.com",
        "privacy": "https://bobswift.atlassian.net/wiki/display/info/Bob%20Swift%20Atlassian%20Add-ons%20EULA"
                   "#BobSwiftAtlassianAdd-onsEULA-data_security_and_privacy",
        "support": "https://marketplace.atlassian.com/plugins/org.swift.confluence.html/support",
    },
    "atlassian-api/atl-rest1_plugins-search_2016_page2.json#com.onresolve.jira.groovy.groovyrunner": {
        "available": True, "name": "ScriptRunner for JIRA", "rating": 3.653409004211426, "review_count": 176,
        "screenshots": 0, "developer": "Adaptavist", "website": "http://www.adaptavist.com/", "privacy": None,
        "support": "https://marketplace.atlassian.com/plugins/com.onresolve.jira.groovy.groovyrunner/support",
    },
}

#: every labelled HTML page (Chrome Web Store and Google Play), by corpus path
PAGES: dict[str, dict[str, Any]] = {**CWS, **PLAY}


URL_FIELDS = frozenset({"website", "privacy", "support"})


def observed(listing: Listing, field: str) -> Any:
    """The value an extractor found for `field` (screenshots: how many)."""
    if field == "screenshots":
        return len(listing.screenshots)
    if field in URL_FIELDS:
        return getattr(listing.links, field)
    return getattr(listing, field)


def agrees(field: str, got: Any, want: Any) -> bool:
    """True when an extracted value is the true one: exact for numbers, normalised for URLs, None only for None."""
    if got is None or want is None:
        return got is None and want is None
    if field == "rating":
        return math.isclose(float(got), float(want), rel_tol=1e-9)
    if field in URL_FIELDS:
        return normalise(str(got)) == normalise(str(want))
    return bool(got == want)
