"""Each gallery image finds its box in the listing's capture by its URL, or by its file when srcset chose another."""

from __future__ import annotations

from auditor.extract.placement import place
from auditor.model import Box, Image

BOX = Box(112.0, 480.7, 301.0, 170.2)
OTHER = Box(507.0, 480.7, 301.0, 170.2)


def test_an_image_takes_the_box_of_its_exact_url():
    placed = place([Image("https://store.test/img/a.png"), Image("https://store.test/img/b.png")],
                   {"https://store.test/img/b.png": OTHER, "https://store.test/img/a.png": BOX})
    assert [i.box for i in placed] == [BOX, OTHER]


def test_a_resizing_query_or_fragment_falls_back_to_the_file():
    boxes = {"https://cdn.test/shots/a.png?w=800&dpr=1": BOX}
    placed = place([Image("https://cdn.test/shots/a.png?w=1600"), Image("https://CDN.test/shots/a.png#zoom")], boxes)
    assert [i.box for i in placed] == [BOX, BOX]


def test_the_exact_url_wins_over_the_file():
    boxes = {"https://cdn.test/a.png?w=400": OTHER, "https://cdn.test/a.png?w=1600": BOX}
    assert place([Image("https://cdn.test/a.png?w=1600")], boxes)[0].box == BOX


def test_an_image_the_capture_does_not_show_has_no_box_and_nothing_is_changed_in_place():
    image = Image("https://store.test/img/a.png", 1600, 900, "alt")
    placed = place([image], {"https://store.test/img/other.png": BOX, "https://elsewhere.test/img/a.png": OTHER})
    assert placed == [image] and placed[0].box is None
    assert place([image], {}) == [image]
    moved = place([image], {"https://store.test/img/a.png": BOX})[0]
    assert moved.box == BOX and image.box is None and (moved.url, moved.width, moved.alt) == (image.url, 1600, "alt")
