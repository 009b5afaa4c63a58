"""A draft listing file (listing.toml, .yaml or .json) in the vendor's repo, audited before anything is public.

The file states the listing's fields; screenshots and the icon are local image files (their pixel size
is read from the file); links are URLs or paths relative to the file; the docs are a local folder or a
live URL. Every mistake is a one-line error naming the field.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import imagesize
import yaml

from auditor.config import CrawlSettings
from auditor.crawl.local import load_docs_folder
from auditor.errors import UsageError
from auditor.model import Image, Links, Listing, PricingPlan, Snapshot
from auditor.urls import normalise

DRAFT_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
_TOP = {"marketplace", "listing", "links", "docs"}
_TEXT = ("name", "tagline", "description", "developer", "video", "data_access")
_LISTS = ("categories", "features", "languages", "editions", "install_actions")
_LISTING = set(_TEXT) | set(_LISTS) | {"icon", "screenshots", "pricing"}
_LINK_ROLES = {f.name for f in fields(Links)}

#: (links by role, settings) -> Snapshot of the docs they lead to; the live crawl, handed in by the caller
DocsCrawler = Callable[[Mapping[str, str], CrawlSettings], Snapshot]


def is_draft_file(path: Path) -> bool:
    """True for a file with one of the draft suffixes."""
    return path.is_file() and path.suffix.lower() in DRAFT_SUFFIXES


def load_draft(path: Path, settings: CrawlSettings, crawl_links: DocsCrawler) -> Snapshot:
    """The Snapshot of a draft listing file and its docs."""
    data = _read(path)
    where = path.name
    _known(data, _TOP, where, "")
    base = path.resolve().parent
    listing = _listing(data.get("listing", {}), base, where)
    listing.links = _links(data.get("links", {}), base, where)
    docs = data.get("docs", {})
    _known(docs, {"path", "url"}, where, "docs.")
    started = _now()
    if "path" in docs:
        folder = base / _string(docs["path"], where, "docs.path")
        if not folder.is_dir():
            raise UsageError(f"{where}: docs.path: no such folder {folder}")
        pages, links, warnings = load_docs_folder(folder, settings.max_pages)
        snapshot = Snapshot(target=str(path), started_at=started, finished_at=_now(), pages=pages, links=links,
                            warnings=warnings)
    elif "url" in docs or any(getattr(listing.links, r, None) for r in ("setup", "docs")):
        roles = {r: u for r in _LINK_ROLES if (u := getattr(listing.links, r)) and u.startswith(("http:", "https:"))}
        if "url" in docs:
            roles.setdefault("docs", _string(docs["url"], where, "docs.url"))
        snapshot = crawl_links(roles, settings)
        snapshot.target = str(path)
    else:
        snapshot = Snapshot(target=str(path), started_at=started, finished_at=_now(),
                            warnings=["the draft names no docs (add [docs] path or url)"])
    snapshot.scope, snapshot.draft = "draft", listing
    marketplace = data.get("marketplace")
    snapshot.draft_marketplace = _string(marketplace, where, "marketplace") if marketplace is not None else None
    return snapshot


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        suffix = path.suffix.lower()
        if not text.strip():  # an empty file of any kind is refused alike
            raise UsageError(f"{path.name} is empty: a draft listing states at least its name")
        data = (tomllib.loads(text) if suffix == ".toml" else json.loads(text) if suffix == ".json"
                else yaml.safe_load(text))
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"{path.name} is not valid {path.suffix.lstrip('.').upper()}: {first}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path.name}: expected a table of fields at the top")
    if not data:  # "{}" or a TOML file of comments only: nothing stated
        raise UsageError(f"{path.name} is empty: a draft listing states at least its name")
    return data


def _listing(data: Any, base: Path, where: str) -> Listing:
    if not isinstance(data, dict):
        raise UsageError(f"{where}: listing must be a table")
    _known(data, _LISTING, where, "listing.")
    listing = Listing(url=base.as_uri())
    for name in _TEXT:
        if name in data:
            setattr(listing, name, _string(data[name], where, f"listing.{name}"))
    for name in _LISTS:
        if name in data:
            setattr(listing, name, _strings(data[name], where, f"listing.{name}"))
    if "icon" in data:
        listing.icon = _image(data["icon"], base, where, "listing.icon")
    listing.screenshots = [_image(item, base, where, f"listing.screenshots[{i}]")
                           for i, item in enumerate(_list(data.get("screenshots", []), where,
                                                          "listing.screenshots"), 1)]
    listing.pricing_plans = [_plan(item, where, f"listing.pricing[{i}]")
                             for i, item in enumerate(_list(data.get("pricing", []), where, "listing.pricing"), 1)]
    return listing


def _links(data: Any, base: Path, where: str) -> Links:
    if not isinstance(data, dict):
        raise UsageError(f"{where}: links must be a table")
    _known(data, _LINK_ROLES, where, "links.")
    links = Links()
    for role, value in data.items():
        text = _string(value, where, f"links.{role}")
        if text.startswith(("http://", "https://")):
            setattr(links, role, normalise(text))
        else:
            local = (base / text).resolve()
            if not local.exists():
                raise UsageError(f"{where}: links.{role}: no such file {text}")
            setattr(links, role, normalise(local.as_uri()))
    return links


def _image(value: Any, base: Path, where: str, field: str) -> Image:
    if isinstance(value, str):
        value = {"file": value} if not value.startswith(("http://", "https://")) else {"url": value}
    if not isinstance(value, dict):
        raise UsageError(f"{where}: {field} must be a file path or a table with file (or url) and alt")
    _known(value, {"file", "url", "alt", "width", "height"}, where, f"{field}.")
    alt = _string(value["alt"], where, f"{field}.alt") if "alt" in value else None
    if "url" in value:
        return Image(_string(value["url"], where, f"{field}.url"), value.get("width"), value.get("height"), alt)
    if "file" not in value:
        raise UsageError(f"{where}: {field} needs a file or a url")
    path = (base / _string(value["file"], where, f"{field}.file")).resolve()
    if not path.is_file():
        raise UsageError(f"{where}: {field}.file: no such file {value['file']}")
    width, height = imagesize.get(str(path))
    if width <= 0 or height <= 0:
        raise UsageError(f"{where}: {field}.file: {value['file']} is not a PNG, JPEG, GIF or WebP image")
    return Image(path.as_uri(), width, height, alt)


def _plan(value: Any, where: str, field: str) -> PricingPlan:
    if not isinstance(value, dict) or "name" not in value:
        raise UsageError(f"{where}: {field} must be a table with a name (and a price)")
    _known(value, {"name", "price"}, where, f"{field}.")
    price = _string(value["price"], where, f"{field}.price") if "price" in value else None
    return PricingPlan(name=_string(value["name"], where, f"{field}.name"), price=price, amount=_amount(price))


def _amount(price: str | None) -> float | None:
    if price is None:
        return None
    if "free" in price.lower():
        return 0.0
    digits = "".join(ch for ch in price.split("/")[0] if ch.isdigit() or ch == ".")
    try:
        return float(digits) if digits else None
    except ValueError:
        return None


def _known(table: Mapping[str, Any], known: set[str], where: str, prefix: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise UsageError(f"{where}: unknown field {prefix}{unknown[0]} (known: {', '.join(sorted(known))})")


def _string(value: Any, where: str, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{where}: {field} must be a non-empty string")
    return value.strip()


def _list(value: Any, where: str, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise UsageError(f"{where}: {field} must be a list")
    return value


def _strings(value: Any, where: str, field: str) -> list[str]:
    return [_string(item, where, f"{field}[{i}]") for i, item in enumerate(_list(value, where, field), 1)]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
