"""Loads check packs from the `listing_auditor.checks` entry-point group and validates them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from importlib.metadata import EntryPoint, entry_points

from auditor.errors import ConfigError
from auditor.judge.check import CATEGORY_TITLES, Check
from auditor.marketplaces import GENERIC, profiles

ENTRY_POINT_GROUP = "listing_auditor.checks"
_ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*[0-9]{3}$")


def load_checks(extra_packs: Iterable[Callable[[], Iterable[Check]]] = ()) -> list[Check]:
    """Every registered check, sorted by id; duplicate ids or malformed checks are a ConfigError."""
    packs: list[tuple[str, Callable[[], Iterable[Check]]]] = [
        (ep.name, _load(ep)) for ep in entry_points(group=ENTRY_POINT_GROUP)
    ]
    packs += [(getattr(p, "__name__", "extra"), p) for p in extra_packs]
    seen: dict[str, str] = {}
    checks: list[Check] = []
    for pack_name, pack in packs:
        for check in pack():
            _validate(check, pack_name)
            if check.id in seen:
                raise ConfigError(f"check id {check.id} is registered twice (packs {seen[check.id]} and {pack_name})")
            seen[check.id] = pack_name
            checks.append(check)
    return sorted(checks, key=lambda c: c.id)


def _load(ep: EntryPoint) -> Callable[[], Iterable[Check]]:
    try:
        return ep.load()
    except Exception as exc:  # a broken third-party pack must name itself, not crash the run
        raise ConfigError(f"check pack {ep.name!r} ({ep.value}) failed to load: {exc}") from exc


def _validate(check: object, pack_name: str) -> None:
    if not isinstance(check, Check):
        raise ConfigError(f"check pack {pack_name!r} returned {type(check).__name__}, not a Check")
    if not _ID_PATTERN.match(check.id):
        raise ConfigError(f"check id {check.id!r} from pack {pack_name!r} must look like DOC101 or SHOPIFY001")
    if check.category not in CATEGORY_TITLES:
        raise ConfigError(f"check {check.id} has unknown category {check.category!r}")
    if check.weight < 0:
        raise ConfigError(f"check {check.id} has a negative weight")
    for name in ("title", "failure_title", "rationale", "fix"):
        if not getattr(check, name).strip():
            raise ConfigError(f"check {check.id} has an empty {name}")
    known = profiles()
    for store in check.marketplaces:  # a store's rule pack names a store the auditor knows, with its rule prefix
        if store not in known or store == GENERIC:
            raise ConfigError(f"check {check.id} from pack {pack_name!r} is for unknown store {store!r} "
                              f"(known: {', '.join(s for s in sorted(known) if s != GENERIC)})")
        if not check.id.startswith(known[store].rule_prefix):
            raise ConfigError(f"check {check.id} is for {store}, whose rule ids start with {known[store].rule_prefix}")
