"""Whether a page is a listing at all: a store's "no longer available" or "page not found" page is not one.

The store says so in its title or main heading, in any vocabulary language; or the page shows no listing at
all (no name of its own, no embedded app data, next to no content), as a removed item's page often does.
"""

from __future__ import annotations

from auditor.extract.page import ListingPage, text_of
from auditor.vocab import words

#: a page whose content is shorter than this and names no listing is an empty shell, not a listing
_EMPTY_CONTENT = 300


def unavailable_reason(page: ListingPage, has_app_data: bool) -> str | None:
    """"gone" when the page says the listing is gone, "empty" when it shows no listing at all, else None."""
    gone = words("unavailable")
    heads = [page.title, text_of(page.h1)]
    heads += [text_of(h) for h in page.content.find_all(["h1", "h2"], limit=3)]
    if any(h and len(h) <= 120 and gone.found(h) for h in heads):
        return "gone"
    text = page.text
    if len(text) < 1500 and gone.found(text[:600]) and not has_app_data:
        return "gone"
    if page.h1 is not None or has_app_data or len(text) >= _EMPTY_CONTENT:
        return None
    # no title, no data, next to no text, and no link out of the store: nothing of a vendor's is on the page
    links_out = any(a.zone == "content" and a.url.startswith(("http://", "https://")) and not page.on_store_site(a.url)
                    for a in page.anchors())
    return None if links_out else "empty"
