"""Embedded data first: schema.org JSON-LD and microdata (via extruct), OpenGraph and meta tags."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import extruct
from bs4 import BeautifulSoup

APP_TYPES = frozenset({"SoftwareApplication", "WebApplication", "MobileApplication", "Product", "WebContent"})


@dataclass
class Structured:
    """The embedded data of one page, flattened to schema.org nodes plus OpenGraph and meta."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    def first(self, types: frozenset[str]) -> dict[str, Any]:
        """The first node whose @type is one of `types` ({} if none)."""
        return next((n for n in self.nodes if _types(n) & types), {})

    def all(self, types: frozenset[str]) -> list[dict[str, Any]]:
        """Every node whose @type is one of `types`."""
        return [n for n in self.nodes if _types(n) & types]


def read_structured(soup: BeautifulSoup, html: str, base_url: str) -> Structured:
    """JSON-LD blocks one by one (a broken block loses only itself), then microdata and meta tags."""
    nodes: list[dict[str, Any]] = []
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            nodes.extend(_flatten(json.loads(script.string or script.get_text() or "", strict=False)))
        except ValueError:
            continue
    try:
        micro = extruct.extract(html, base_url=base_url, syntaxes=["microdata"], uniform=True, errors="ignore")
        nodes.extend(_flatten(micro.get("microdata", [])))
    except Exception:  # extruct on malformed markup must not cost the listing its other evidence
        pass
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        value = tag.get("content")
        if isinstance(key, str) and isinstance(value, str) and key.lower() not in meta:
            meta[key.lower()] = value.strip()
    return Structured(nodes, meta)


def text_of(value: Any) -> str | None:
    """A schema.org value as text: strings as they are, objects by their name, lists by their first item."""
    if isinstance(value, list):
        return text_of(value[0]) if value else None
    if isinstance(value, dict):
        return text_of(value.get("name") or value.get("@value") or value.get("url"))
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def as_list(value: Any) -> list[Any]:
    """A schema.org value that may be one item or many, as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(node: dict[str, Any]) -> set[str]:
    return {str(t).rsplit("/", 1)[-1] for t in as_list(node.get("@type"))}


def _flatten(data: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in as_list(data):
        if isinstance(item, dict):
            out.append(item)
            out.extend(_flatten(item.get("@graph")))
    return out
