"""The listing's capture as the report embeds it: its data URI, checked, and its size in pixels (read from the
image's own header), so the gallery can crop each screenshot out of it with an SVG viewBox."""

from __future__ import annotations

import base64
import binascii
import re
import struct
from dataclasses import dataclass

_SAFE_CAPTURE = re.compile(r"^data:image/(jpeg|png);base64,[A-Za-z0-9+/=]+$")
#: the header of a capture holds its size well within this many base64 characters (a multiple of 4)
_HEAD_CHARS = 65_536
#: JPEG start-of-frame markers (baseline, extended, progressive, lossless...); not DHT (C4), JPG (C8) or DAC (CC)
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


@dataclass(frozen=True)
class Capture:
    """The embedded capture: its data URI and its size in pixels (CSS px of the page: the browser shoots at 1x)."""

    href: str
    width: int
    height: int


def safe_screenshot(data_uri: object) -> str | None:
    """Our own JPEG/PNG data URI, or None for anything else."""
    return data_uri if isinstance(data_uri, str) and _SAFE_CAPTURE.match(data_uri) else None


def capture(data_uri: object) -> Capture | None:
    """The capture with its size; None when there is none, it is not our own data URI, or its size cannot be read."""
    href = safe_screenshot(data_uri)
    if href is None:
        return None
    encoded = href.partition(",")[2][:_HEAD_CHARS]
    try:
        head = base64.b64decode(encoded[: len(encoded) // 4 * 4])
    except (binascii.Error, ValueError):
        return None
    size = _png_size(head) if href.startswith("data:image/png") else _jpeg_size(head)
    return Capture(href, *size) if size and size[0] > 0 and size[1] > 0 else None


def _png_size(head: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's IHDR chunk."""
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    """Width and height from a JPEG's start-of-frame segment, walking the segments before it."""
    if head[:2] != b"\xff\xd8":
        return None
    at = 2
    while at + 9 <= len(head):
        if head[at] != 0xFF:
            return None
        marker = head[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        length = struct.unpack(">H", head[at + 2:at + 4])[0]
        if marker in _SOF:
            height, width = struct.unpack(">HH", head[at + 5:at + 9])
            return width, height
        at += 2 + length
    return None
