"""Typed helpers for reading rendered HTML in tests."""

from __future__ import annotations

from typing import Any

from bs4 import Tag


def one(within: Tag, *args: Any, **kwargs: Any) -> Tag:
    """`within.find(...)` for an element that must be there: the test fails, naming it, when it is not."""
    found = within.find(*args, **kwargs)
    assert isinstance(found, Tag), f"no element matches {args} {kwargs}"
    return found


def attr_of(tag: Tag, name: str) -> str:
    """A single-valued attribute (href, content, src) as the string it is."""
    value = tag[name]
    assert isinstance(value, str), f"<{tag.name} {name}> is multi-valued: {value!r}"
    return value
