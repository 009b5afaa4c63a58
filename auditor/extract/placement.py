"""Where each screenshot of the listing shows in the browser's capture of the page, so the report can crop it out.

The crawl records the box of every large picture the rendered page shows, by the URL the browser loaded. A gallery
image is matched to one by the same absolute URL; when the page's srcset (or a resizing query) made the browser load
another address of the same file, by its host and path without the query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import urldefrag, urlsplit

from auditor.model import Box, Image


def place(images: list[Image], boxes: Mapping[str, Box]) -> list[Image]:
    """`images`, each with its box in the capture where one matches (copies: the images given are not changed)."""
    if not boxes:
        return images
    exact = {urldefrag(url).url: box for url, box in boxes.items()}
    by_path: dict[tuple[str, str], Box] = {}
    for url, box in exact.items():
        by_path.setdefault(_file(url), box)
    placed = []
    for image in images:
        url = urldefrag(image.url).url
        found = exact.get(url) or by_path.get(_file(url))
        placed.append(replace(image, box=found) if found is not None else image)
    return placed


def _file(url: str) -> tuple[str, str]:
    """The host and path of `url`: the file whatever query or fragment asks for it."""
    parts = urlsplit(url)
    return parts.netloc.lower(), parts.path
