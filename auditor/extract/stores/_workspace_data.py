"""Google Workspace Marketplace data islands: `AF_initDataCallback({key: 'ds:N', hash: 'H', data:[...], ...})`.

Google's Wiz pages ship their data as positional arrays, one island per data service. The app-details
island holds one record whose positions are fixed (see the constants below); the reviews island holds a
list of review tuples, a page token and the total. Islands are found by shape rather than by their
`ds:N` key, which changes from release to release.

This module is private to the Workspace adapter (the Chrome Web Store and Google Play adapters read their
own islands).
"""

from __future__ import annotations

import json
import re
from typing import Any

_ISLAND = re.compile(r"AF_initDataCallback\(\s*\{\s*key:\s*'([^']+)'.*?\bdata:\s*", re.S)

# positions in the app-details record
APP_ID, SLUG, TEXTS, DEVELOPER, ICONS, BANNER, SCREENSHOTS, VIDEOS, PRICING, RATING, USERS, LINKS, WORKS_WITH, \
    CATEGORIES, UPDATED, LANGUAGES, SCOPES = range(17)
# TEXTS: [name, short description, long description]; DEVELOPER: [name, website, email, address]
# ICONS / SCREENSHOTS: [[url, width, height(, caption)], ...]; VIDEOS: [[url, title], ...]
# PRICING: [code, label]; RATING: [average, count, [1-star, 2-star, 3-star, 4-star, 5-star]]; USERS: [n, label]
# LINKS: [privacy, terms, support, setup, admin config]; WORKS_WITH / CATEGORIES: [[id, name], ...]
# SCOPES: [[scope URL, description], ...]
LINK_ROLES = ("privacy", "terms", "support", "setup", None)
# positions in a review tuple: [id, [author, avatar], rating, text, date, helpful count]
R_AUTHOR, R_RATING, R_TEXT, R_DATE = 1, 2, 3, 4


def islands(html: str) -> dict[str, Any]:
    """Every island's data by its key ("ds:1" -> [...])."""
    found: dict[str, Any] = {}
    decoder = json.JSONDecoder()
    for match in _ISLAND.finditer(html):
        try:
            value, _ = decoder.raw_decode(html, match.end())
        except ValueError:
            continue
        found.setdefault(match.group(1), value)
    return found


def app_record(found: dict[str, Any], app_id: str | None = None) -> list[Any] | None:
    """The app-details record: [id, slug, [name, short, long], ...] (the one for `app_id` when given)."""
    for data in found.values():
        record = data[0] if isinstance(data, list) and data else None
        if (isinstance(record, list) and len(record) > SCOPES and isinstance(record[TEXTS], list)
                and record[TEXTS] and isinstance(record[TEXTS][0], str)
                and (app_id is None or str(record[APP_ID]) == app_id)):
            return record
    return None


def review_records(found: dict[str, Any]) -> list[list[Any]] | None:
    """The review tuples of the reviews island, or None when the page has none."""
    for data in found.values():
        rows = data[0] if isinstance(data, list) and data else None
        if isinstance(rows, list) and rows and all(_is_review(r) for r in rows):
            return rows
    return None


def _is_review(row: Any) -> bool:
    return (isinstance(row, list) and len(row) > R_DATE and isinstance(row[R_AUTHOR], list)
            and isinstance(row[R_RATING], (int, float)) and isinstance(row[R_TEXT], str))
