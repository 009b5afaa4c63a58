"""Store profiles (auditor/marketplaces/*.toml): every file loads, names only known fields, and sources its numbers."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from auditor.extract.stores import adapters
from auditor.marketplaces import FIELDS, GENERIC, KINDS, StoreProfile, load_profile, profile_for, profiles
from checks.registry import builtin_checks

DIR = Path(__file__).resolve().parents[1] / "auditor" / "marketplaces"
FILES = sorted(DIR.glob("*.toml"))
#: keys that say how the page shows a field, not a limit the store publishes: they need no source
DISPLAY_KEYS = frozenset({"scale", "shown", "sort", "counts"})
#: keys of a [field.<name>] table that are not limits
META_KEYS = frozenset({"label", "required", "source", "note"})


def _is_threshold(key: str, value: object) -> bool:
    """A numeric limit: a number (not a switch) or a list of pixel sizes."""
    if key in DISPLAY_KEYS:
        return False
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, float)) or key == "sizes"


def test_the_profile_files_are_there() -> None:
    names = {f.stem for f in FILES}
    assert {GENERIC, "shopify", "hubspot", "atlassian", "slack", "salesforce", "zapier", "google-workspace",
            "microsoft", "chrome-web-store", "google-play"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_profile_file_loads(path: Path) -> None:
    profile = load_profile(path)
    assert isinstance(profile, StoreProfile)
    assert profile.kind in KINDS
    assert profile.name and profile.verified
    assert profile.fields, "a profile declares the fields its store shows"


def test_ids_are_unique_and_match_the_file_name() -> None:
    ids = [load_profile(path).id for path in FILES]
    assert len(ids) == len(set(ids))
    for path in FILES:
        assert load_profile(path).id == path.stem
    assert set(profiles()) == set(ids)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_field_table_is_a_known_field(path: Path) -> None:
    tables = tomllib.loads(path.read_text(encoding="utf-8")).get("field", {})
    assert set(tables) <= FIELDS, sorted(set(tables) - FIELDS)
    for name, table in tables.items():
        assert isinstance(table.get("label"), str) and table["label"], f"{name} has no label"
        assert isinstance(table.get("required", False), bool), f"{name}: required is a boolean"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_numeric_limit_has_a_source_url(path: Path) -> None:
    for rule in load_profile(path).fields.values():
        numeric = sorted(k for k, v in rule.limits.items() if _is_threshold(k, v))
        if numeric:
            assert rule.source and rule.source.startswith("https://"), f"{rule.name} ({numeric}) has no source URL"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_sizes_are_width_by_height(path: Path) -> None:
    for rule in load_profile(path).fields.values():
        for size in rule.limit("sizes", ()):
            width, _, height = size.partition("x")
            assert width.isdigit() and height.isdigit(), f"{rule.name}: {size!r} is not WxH"


def test_every_store_profile_has_hosts_and_a_rule_prefix() -> None:
    for profile in profiles().values():
        if profile.id == GENERIC:
            assert not profile.hosts and profile.rule_prefix == ""
            continue
        assert profile.hosts, profile.id
        assert profile.rule_prefix and profile.rule_prefix.isupper(), profile.id


def test_the_generic_profile_declares_every_field() -> None:
    generic = profile_for("auto")
    assert generic.id == GENERIC and generic.name == "Any store (generic)"
    assert set(generic.fields) == FIELDS
    assert {name for name in FIELDS if generic.requires(name)} == {"privacy", "support"}


def test_rule_prefixes_match_the_store_rule_packs() -> None:
    known = profiles()
    packs: dict[str, list[str]] = {}
    for check in builtin_checks():
        if len(check.marketplaces) == 1:
            packs.setdefault(check.marketplaces[0], []).append(check.id)
    assert packs, "the built-in store packs are found"
    for store, ids in packs.items():
        assert store in known, f"the {store} pack has no profile"
        prefix = known[store].rule_prefix
        assert all(i.startswith(prefix) and i[len(prefix):].isdigit() for i in ids), (store, prefix)


def test_profiles_match_the_store_adapters() -> None:
    known = profiles()
    for adapter in adapters():
        assert adapter.id in known, f"the {adapter.id} adapter has no profile"
        profile = known[adapter.id]
        assert set(adapter.hosts) <= set(profile.hosts), adapter.id
        for host in adapter.hosts:
            assert profile.owns(host) and profile.owns("www." + host)


def test_spot_values_from_the_rules_doc() -> None:
    shopify, atlassian = profile_for("shopify"), profile_for("atlassian")
    chrome, workspace, zapier = profile_for("chrome-web-store"), profile_for("google-workspace"), profile_for("zapier")
    assert shopify.limit("name", "max_chars") == 30
    assert atlassian.limit("name", "max_chars") == 60
    assert atlassian.limit("tagline", "max_chars") == 130
    assert atlassian.limit("rating", "scale") == 4
    assert chrome.limit("tagline", "max_chars") == 132
    assert chrome.limit("screenshots", "sizes") == ["1280x800", "640x400"]
    assert workspace.limit("tagline", "max_chars") == 200
    assert workspace.limit("name", "max_chars") == 50
    assert profile_for("slack").limit("description", "min_chars") == 175
    assert profile_for("hubspot").limit("icon", "sizes") == ["800x800"]
    assert zapier.limit("description", "max_chars") == 140


def test_fields_a_store_cannot_show_have_no_table() -> None:
    zapier, chrome, play = profile_for("zapier"), profile_for("chrome-web-store"), profile_for("google-play")
    for name in ("rating", "reviews", "rating_distribution", "screenshots", "pricing"):
        assert not zapier.shows(name), name
    assert zapier.field("rating") is None and zapier.limit("rating", "scale", 5) == 5
    for name in ("pricing", "features", "terms", "security", "status", "changelog", "docs", "setup"):
        assert not chrome.shows(name), name
    for name in ("terms", "security", "status", "changelog", "docs", "setup", "features"):
        assert not play.shows(name), name
    assert not profile_for("slack").shows("rating")
    assert chrome.kind == play.kind == "consumer"
    assert not chrome.requires("privacy") and chrome.shows("privacy")


def test_a_store_is_found_by_host() -> None:
    owners = {h: p.id for p in profiles().values() for h in p.hosts}
    assert len(owners) == sum(len(p.hosts) for p in profiles().values()), "no host belongs to two stores"
    assert profile_for("google-play").owns("market.android.com")
    assert profile_for("hubspot").owns("ecosystem.hubspot.com")
    assert not profile_for("slack").owns("notslack.com")
