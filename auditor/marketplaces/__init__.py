"""Store profiles: what each marketplace is, which listing fields it shows and the limits it publishes.

One TOML file per store beside this module (and `generic.toml` for a store the auditor does not know), each
limit with the URL it was read from and the date it was checked. The extract stage uses a profile to
recognise the store; the checks read their thresholds and their applicability from it, so a rule never
judges a field the store cannot show or holds a listing to another store's limit.

A profile is reference data, not a stage: every stage may read it, none writes it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from auditor.errors import UsageError

GENERIC = "generic"
#: what a store lists: business integrations installed into a host product, or consumer apps and extensions
ListingKind = Literal["integration", "consumer"]
KINDS: tuple[ListingKind, ...] = ("integration", "consumer")
#: the listing fields a profile may declare under [field.<name>]: Listing attributes and vendor link roles
FIELDS = frozenset({
    "name", "tagline", "description", "developer", "categories", "features", "screenshots", "icon", "video",
    "pricing", "rating", "reviews", "rating_distribution", "languages", "editions", "data_access", "updated",
    "install", "privacy", "terms", "support", "docs", "setup", "security", "status", "changelog", "website",
})
#: keys a [field.<name>] table may hold besides limits: what the store calls it, whether it is required, sources
_FIELD_META = frozenset({"label", "required", "source", "note"})
_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class FieldRule:
    """One field as a store shows it: its label, whether the store requires it, its limits and their source."""

    name: str
    label: str
    required: bool = False
    #: numbers and switches the store publishes for this field ("max_chars", "min", "max", "sizes", ...)
    limits: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None
    note: str | None = None

    def limit(self, key: str, default: Any = None) -> Any:
        """One limit of this field, or `default` when the store publishes none."""
        return self.limits.get(key, default)


@dataclass(frozen=True)
class StoreProfile:
    """A marketplace: its identity, the kind of listing it serves, and the fields it shows with their limits."""

    id: str
    name: str
    #: the prefix of its rule pack's ids ("SHOPIFY" for SHOPIFY001...); empty for the generic profile
    rule_prefix: str
    kind: ListingKind
    #: hosts the store serves listings from (a subdomain of one counts)
    hosts: tuple[str, ...]
    fields: Mapping[str, FieldRule]
    sources: tuple[str, ...] = ()
    verified: str | None = None
    note: str | None = None

    def shows(self, name: str) -> bool:
        """True when the store's listing page has this field (a check on any other field does not apply)."""
        return name in self.fields

    def field(self, name: str) -> FieldRule | None:
        """The field's rule, or None when the store does not show it."""
        return self.fields.get(name)

    def limit(self, name: str, key: str, default: Any = None) -> Any:
        """A limit of one field (`profile.limit("name", "max_chars")`), or `default`."""
        rule = self.fields.get(name)
        return rule.limit(key, default) if rule is not None else default

    def requires(self, name: str) -> bool:
        """True when the store's published rules require this field."""
        rule = self.fields.get(name)
        return bool(rule and rule.required)

    def owns(self, host: str) -> bool:
        """True when `host` is one of the store's hosts or a subdomain of one."""
        host = host.lower().rstrip(".")
        return any(host == h or host.endswith("." + h) for h in self.hosts)


@cache
def profiles() -> Mapping[str, StoreProfile]:
    """Every profile beside this module, by id (the generic one included)."""
    found = {}
    for path in sorted(_DIR.glob("*.toml")):
        profile = load_profile(path)
        if profile.id in found:
            raise ValueError(f"{path.name}: id {profile.id!r} is already taken by another profile")
        found[profile.id] = profile
    return MappingProxyType(found)


def profile_for(store: str) -> StoreProfile:
    """The profile of a store id; "generic" and "auto" give the generic profile; an unknown id is a UsageError."""
    known = profiles()
    if store in ("auto", GENERIC):
        return known[GENERIC]
    if store not in known:
        raise UsageError(f"unknown marketplace {store!r}; choose one of {', '.join(sorted(known))}")
    return known[store]


def load_profile(path: Path) -> StoreProfile:
    """One profile file; a malformed file is a ValueError naming the file and the key (a bug in the package)."""
    where = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        kind = data["kind"]
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        fields = {}
        for name, table in (data.get("field") or {}).items():
            if name not in FIELDS:
                raise ValueError(f"unknown field {name!r} (known: {', '.join(sorted(FIELDS))})")
            limits = {k: v for k, v in table.items() if k not in _FIELD_META}
            if not isinstance(table.get("required", False), bool):
                raise ValueError(f"field {name!r}: required must be true or false")
            fields[name] = FieldRule(name=name, label=table.get("label", name.replace("_", " ")),
                                     required=bool(table.get("required", False)),
                                     limits=MappingProxyType(limits), source=table.get("source"),
                                     note=table.get("note"))
        return StoreProfile(id=data["id"], name=data["name"], rule_prefix=data.get("rule_prefix", ""), kind=kind,
                            hosts=tuple(data.get("hosts", ())), fields=MappingProxyType(fields),
                            sources=tuple(data.get("sources", ())), verified=data.get("verified"),
                            note=data.get("note"))
    except KeyError as exc:
        raise ValueError(f"{where}: missing key {exc.args[0]!r}") from None
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
