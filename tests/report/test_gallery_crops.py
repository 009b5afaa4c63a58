"""The report reads the capture's size from its own header and crops each gallery image out of it where it lies."""

from __future__ import annotations

import base64
import struct
from dataclasses import replace

import pytest

from auditor.model import Box, Image, Listing
from auditor.report.capture import capture
from auditor.report.html import gallery, render
from tests.report.test_html_report import hostile_report


def jpeg(width: int, height: int) -> str:
    """A JPEG data URI whose header states `width` x `height` (an APP0 segment before the frame, as Chromium's)."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return "data:image/jpeg;base64," + base64.b64encode(b"\xff\xd8" + app0 + sof + b"\xff\xd9").decode()


def png(width: int, height: int) -> str:
    """A PNG data URI with only its signature and IHDR."""
    ihdr = struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0) + b"\0" * 4
    return "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + ihdr).decode()


def test_the_captures_size_is_read_from_a_jpeg_or_png_header():
    sizes = [(c.width, c.height) if (c := capture(uri)) else None for uri in (jpeg(1280, 3412), png(1280, 900))]
    assert sizes == [(1280, 3412), (1280, 900)]


@pytest.mark.parametrize("uri", [None, "", "data:image/svg+xml;base64,PHN2Zz4=", "data:image/jpeg;base64,AAAA",
                                 "javascript:alert(1)", jpeg(0, 900)])
def test_no_capture_from_anything_but_our_own_readable_image(uri):
    assert capture(uri) is None


def report_with(boxes: list[Box | None], screenshot: str | None):
    shots = [Image(f"https://store.test/{i}.png", 1600, 900, f"Shot {i}", box=box) for i, box in enumerate(boxes)]
    return replace(hostile_report(), listing=Listing(url="https://store.test/app", screenshots=shots), checks=[],
                   screenshot=screenshot)


def test_each_image_is_cropped_where_the_capture_shows_it_and_framed_where_it_does_not():
    boxes = [Box(112, 480.7, 301, 170.2), None, Box(112, 5900, 301, 170), Box(112, 2990, 301, 170.2)]
    report = report_with(boxes, jpeg(1280, 3000))
    shots = gallery(report, capture(report.screenshot))
    assert [s.view_box for s in shots] == ["112 480.7 301 170.2", None, None, None], \
        "a box below the capture, or mostly cut off by its bottom, is no crop"
    html = render(report)
    assert html.count(report.screenshot) == 1 and html.count('<use href="#listing-capture"/>') == 1
    assert 'viewBox="112 480.7 301 170.2" role="img" aria-label="Screenshot 1: Shot 0"' in html


def test_without_a_capture_every_image_keeps_its_frame():
    report = report_with([Box(112, 480.7, 301, 170.2)], None)
    assert gallery(report, capture(report.screenshot))[0].view_box is None
    assert "<use" not in render(report) and 'class="frame"' in render(report)
