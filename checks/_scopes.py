"""Reading the OAuth scopes a vendor's docs say the app asks for, and the data objects they reach.

Three scope shapes are recognised (each a regular expression with `object` and `access` groups, kept as data):
HubSpot's `crm.objects.deals.write`, Slack's `chat:write` / `users:read.email`, and Shopify's `read_orders` /
`write_products`. HubSpot's `crm.schemas.*` scopes (property definitions, no record data) and bare scopes such as
`oauth`, `timeline` or `commands` name no data object and are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.model import DocPage
from checks._text import excerpt, noun_forms, terms_in

#: scope shapes by platform; matched case-sensitively (scopes are lower-case, prose is not)
SCOPE_PATTERNS: Mapping[str, tuple[str, ...]] = {
    "HubSpot": (r"\bcrm\.objects\.(?P<object>[a-z_]+)\.(?:[a-z_]+\.)?(?P<access>read|write)\b",),
    "Slack": (r"(?<![\w./:-])(?P<object>[a-z_]+(?:\.[a-z_]+)?):(?P<access>read|write|history|manage)(?:\.[a-z_]+)*\b",),
    "Shopify": (r"(?<![\w./:-])(?P<access>read|write)_(?P<object>[a-z][a-z_]*)\b",),
}

#: every scope shape above contains one of these; a page with none of them names no scope (a cheap pre-filter)
SCOPE_HINTS = ("crm.objects.", ":read", ":write", ":history", ":manage", "read_", "write_")

#: the access words of a scope that let the app change data (anything else reads)
WRITE_ACCESS = ("write", "manage")

#: what a scope's object is called in plain words, where it differs from the scope's own name
OBJECT_NAMES: Mapping[str, tuple[str, ...]] = {
    "chat": ("messages", "chat"),
    "groups": ("private channels", "groups"),
    "im": ("direct messages", "DMs"),
    "mpim": ("group direct messages", "group DMs"),
    "usergroups": ("user groups",),
    "all_orders": ("orders",),
    "line_items": ("line items",),
}

#: scope "objects" that are parts of ordinary words ("read_only", "read_more")
IGNORED_OBJECTS = ("only", "more", "write", "read", "access", "me")

#: wording that marks a scope as optional (requested only when a customer turns a feature on)
OPTIONAL_SCOPE_TERMS = ("optional", "optionally", "conditionally required", "conditional scope", "conditional scopes")


@dataclass(frozen=True)
class Scope:
    """One scope as the docs list it."""

    name: str
    platform: str
    object: str
    access: str  # "read" or "write"
    url: str
    context: str
    optional: bool


@dataclass(frozen=True)
class ScopedObject:
    """A data object the app reaches through one or more scopes."""

    name: str
    #: the words that count as naming it (singular and plural)
    terms: tuple[str, ...]
    scopes: tuple[Scope, ...]

    @property
    def written(self) -> bool:
        return any(s.access == "write" for s in self.scopes)

    @property
    def optional(self) -> bool:
        return all(s.optional for s in self.scopes)

    @property
    def scope_names(self) -> str:
        return ", ".join(dict.fromkeys(s.name for s in self.scopes))


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


def documented_scopes(pages: Iterable[DocPage], th: Mapping[str, Any]) -> list[Scope]:
    """Every distinct scope named on `pages`, in the order the pages name them. A scope is optional when every
    sentence that names it also says it is optional (thresholds: scope_patterns, scope_hints, write_access,
    ignored_objects, optional_scope_terms)."""
    found: dict[str, Scope] = {}
    required: set[str] = set()
    compiled = [(platform, re.compile(pattern)) for platform, patterns in th["scope_patterns"].items()
                for pattern in patterns]
    for page in pages:
        # most docs pages name no scope: a substring test, then one search, before splitting into sentences
        if (not any(hint in page.text for hint in th["scope_hints"])
                or not any(rx.search(page.text) for _, rx in compiled)):
            continue
        for sentence in _sentences(page.text):
            hits = sorted(((m, platform) for platform, rx in compiled for m in rx.finditer(sentence)),
                          key=lambda hit: hit[0].start())
            if not hits:
                continue
            optional = bool(terms_in(sentence, th["optional_scope_terms"]))
            for m, platform in hits:
                obj, name = m.group("object"), m.group(0)
                if obj in th["ignored_objects"]:
                    continue
                if not optional:
                    required.add(name)
                if name not in found:
                    access = "write" if m.group("access") in th["write_access"] else "read"
                    found[name] = Scope(name, platform, obj, access, page.url, excerpt(page.text, name), True)
    return [Scope(s.name, s.platform, s.object, s.access, s.url, s.context, s.name not in required)
            for s in found.values()]


def scoped_objects(scopes: Sequence[Scope], object_names: Mapping[str, Sequence[str]]) -> list[ScopedObject]:
    """The scopes grouped by the data object they reach, named in plain words ("line_items" -> "line items")."""
    grouped: dict[str, list[Scope]] = {}
    names: dict[str, tuple[str, ...]] = {}
    for scope in scopes:
        plain = tuple(object_names.get(scope.object, (scope.object.replace("_", " ").replace(".", " "),)))
        grouped.setdefault(plain[0], []).append(scope)
        names[plain[0]] = plain
    return [ScopedObject(name, tuple(dict.fromkeys(f for n in names[name] for f in noun_forms(n))), tuple(group))
            for name, group in grouped.items()]
