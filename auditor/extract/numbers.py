"""Numbers as pages write them, in any of the vocabulary's languages.

"1,214", "1.214" and "1 214" are one thousand two hundred and fourteen; "1.2K", "5.72M", "1,2 Mio." and "3万"
are abbreviated; "4,5" and "4.5" are four and a half. A value that is not a number is None, never 0.
"""

from __future__ import annotations

import re
from typing import Any

#: a number with its grouping and an optional abbreviation ("1,214", "5.72M", "1,2 Mio.", "3万", "12K+")
COUNT = (r"\d{1,3}(?:[,.\u00a0\u202f']\d{3})+(?![\d])|"
         r"\d+(?:[.,]\d+)?\s?(?:[KkMm](?![a-zA-Z])|Tsd\.?|Mio\.?|Mrd\.?|万|億)?")
_COUNT = re.compile(rf"^\s*({COUNT})\s*\+?\s*$")
_SCALE = {"k": 1_000, "tsd": 1_000, "m": 1_000_000, "mio": 1_000_000, "mrd": 1_000_000_000, "万": 10_000,
          "億": 100_000_000}
_GROUPED = re.compile(r"^\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+$")


def count(value: Any) -> int | None:
    """A whole count as written ("1,214", "1.214", "1.2K", "5.72M", "1,2 Mio.", "3万", 42); None otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return int(round(value))
    text = str(value).strip().rstrip("+").strip()
    if not _COUNT.match(text):
        return None
    if _GROUPED.match(text):
        return int(re.sub(r"\D", "", text))
    match = re.match(r"^(\d+(?:[.,]\d+)?)\s?([KkMm]|Tsd|Mio|Mrd|万|億)?\.?$", text)
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    unit = (match.group(2) or "").lower()
    return int(round(number * _SCALE.get(unit, 1)))


def decimal(value: Any) -> float | None:
    """A decimal as written ("4.5", "4,5", 4.5); None otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        return float(text.replace(",", "."))
    return None


def amount(text: str) -> float | None:
    """A price's number ("1,200", "19,99", "1.299,00", "49"); the last separator followed by exactly two digits is
    the decimal point."""
    digits = re.search(r"\d[\d.,\u00a0\u202f' ]*", text)
    if not digits:
        return None
    raw = re.sub(r"[\u00a0\u202f' ]", "", digits.group(0)).rstrip(".,")
    match = re.match(r"^(.*?)[.,](\d{1,2})$", raw)
    if match and re.sub(r"[.,]", "", match.group(1)).isdigit():
        return float(re.sub(r"[.,]", "", match.group(1)) + "." + match.group(2))
    whole = re.sub(r"[.,]", "", raw)
    return float(whole) if whole.isdigit() else None
