"""Settings of a run and the config file they can come from.

The config lives in `listing-audit.toml` or under `[tool.listing-audit]` in `pyproject.toml` (the
first found in the working folder, or the file given with `--config`). Flags given on the command line
win over the file. Unknown keys are an error that names the key and the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.errors import ConfigError, UsageError
from auditor.judge.check import CATEGORY_TITLES
from auditor.portfolio.criteria import PortfolioCriteria, criteria_from_mapping

#: the scoring profiles (their weights and reasoning live in auditor/judge/scoring.py)
PROFILE_NAMES = ("table-stakes", "workflow", "distribution")
USER_AGENT = f"listing-auditor/{__version__} (+https://github.com/listing-auditor/listing-auditor)"
CONFIG_FILE = "listing-audit.toml"
PYPROJECT_TABLE = "listing-audit"


@dataclass(frozen=True)
class CrawlSettings:
    """Bounds and politeness of one crawl; the defaults suit a listing with a docs site of ~100 pages."""

    max_pages: int = 100
    max_depth: int = 3
    max_bytes: int = 5_000_000
    timeout: float = 15.0
    budget: float = 180.0
    max_redirects: int = 5
    concurrency: int = 8
    per_host: int = 4
    retries: int = 1
    max_links: int = 300
    use_browser: bool = True
    respect_robots: bool = True
    #: hosts that may be contacted at all (None = any); tests and the demo pin this to loopback
    allow_hosts: frozenset[str] | None = None
    user_agent: str = USER_AGENT
    #: a Playwright storage-state file (cookies, local storage) for an authenticated preview
    auth_state: Path | None = None
    #: below this many characters of visible text a static page is re-rendered in the browser
    js_shell_chars: int = 200
    #: the on-disk cache (conditional requests, derived values by content); None = no cache
    cache_dir: Path | None = None
    #: the DevTools endpoint of a Chromium that outlives the crawl (a batch worker's); None = launch one
    browser_endpoint: str | None = None


@dataclass(frozen=True)
class Waiver:
    """An accepted finding: the check stays visible as `exempt` with its reason until the waiver expires."""

    check: str
    reason: str
    owner: str | None = None
    expires: date | None = None
    #: a glob over finding URLs ("*/legacy/*"); the waiver then covers only findings on matching pages
    url: str | None = None


FAIL_ON = ("warn", "error", "blocker", "regression")
LEVELS = ("off", "warn", "error")


@dataclass(frozen=True)
class Assertions:
    """When a run fails (exit 1), in the style of Lighthouse CI assertions."""

    #: minimum overall score
    min_score: float | None = None
    #: minimum score per category id
    categories: Mapping[str, float] = field(default_factory=dict)
    #: per check: "error" fails the run when the check fails, "warn" only reports it, "off" skips the check
    checks: Mapping[str, str] = field(default_factory=dict)
    #: warn (any warn or fail), error (any fail), blocker (any blocker), regression (worse than --baseline)
    fail_on: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AuditSettings:
    """What to audit against: profile (or custom category weights), marketplace, waivers, the audit date."""

    profile: str = "distribution"
    #: a store id, "generic", or "auto" to detect the store from the page
    marketplace: str = "auto"
    #: custom category weights; they replace the profile's
    weights: Mapping[str, float] | None = None
    waivers: tuple[Waiver, ...] = ()
    #: checks switched off (assertion level "off"): not run at all
    disabled: frozenset[str] = frozenset()
    today: date = field(default_factory=date.today)


@dataclass(frozen=True)
class FileConfig:
    """What a config file says: crawl overrides, audit settings, and where it was read from."""

    source: Path | None = None
    crawl: Mapping[str, Any] = field(default_factory=dict)
    profile: str | None = None
    marketplace: str | None = None
    weights: Mapping[str, float] | None = None
    waivers: tuple[Waiver, ...] = ()
    assertions: Assertions = field(default_factory=Assertions)
    #: the fix-list and kill-list criteria of `batch` ([portfolio.fix], [portfolio.kill])
    portfolio: PortfolioCriteria = field(default_factory=PortfolioCriteria)


_CRAWL_KEYS: dict[str, type | tuple[type, ...]] = {
    "max_pages": int, "max_depth": int, "max_bytes": int, "timeout": (int, float), "budget": (int, float),
    "max_redirects": int, "concurrency": int, "per_host": int, "retries": int, "max_links": int,
    "use_browser": bool, "respect_robots": bool, "allow_hosts": list, "user_agent": str, "auth_state": str,
    "cache_dir": str,
}
#: the range of every numeric crawl setting, whatever sets it (flag, variable or file): 0 workers or a negative
#: page limit would hang or loop, so a value outside is a one-line error before any network
CRAWL_BOUNDS: Mapping[str, tuple[float, float]] = {
    "max_pages": (1, 100_000), "max_depth": (0, 50), "max_bytes": (1_000, 1_000_000_000), "timeout": (0.5, 600),
    "budget": (1, 86_400), "max_redirects": (0, 30), "concurrency": (1, 256), "per_host": (1, 64),
    "retries": (0, 5), "max_links": (0, 100_000),
}
_TOP_KEYS = {"profile", "marketplace", "weights", "crawl", "waivers", "assert", "portfolio"}
_ASSERT_KEYS = {"min_score", "categories", "checks", "fail_on"}
_WAIVER_KEYS = {"check", "reason", "owner", "expires", "url"}


def discover(folder: Path) -> Path | None:
    """`listing-audit.toml` in `folder`, else its `pyproject.toml` if that has `[tool.listing-audit]`."""
    own = folder / CONFIG_FILE
    if own.is_file():
        return own
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and PYPROJECT_TABLE in _read_toml(pyproject).get("tool", {}):
        return pyproject
    return None


def load_config(path: Path | None) -> FileConfig:
    """Parse and validate a config file (None gives the empty config)."""
    if path is None:
        return FileConfig()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get(PYPROJECT_TABLE, {})
    return parse_config(data, path)


def parse_config(data: Mapping[str, Any], source: Path) -> FileConfig:
    """Validate a config table; every mistake is a ConfigError naming the key and the file."""
    _no_unknown(data, _TOP_KEYS, source, "")
    crawl = dict(data.get("crawl", {}))
    _no_unknown(crawl, set(_CRAWL_KEYS), source, "crawl.")
    for key, value in crawl.items():
        if not isinstance(value, _CRAWL_KEYS[key]) or (isinstance(value, bool) and _CRAWL_KEYS[key] is not bool):
            raise ConfigError(f"{source}: crawl.{key} has the wrong type ({type(value).__name__})")
        low, high = CRAWL_BOUNDS.get(key, (None, None))
        if low is not None and high is not None and isinstance(value, int | float) and not low <= value <= high:
            raise ConfigError(f"{source}: crawl.{key} must be from {low:g} to {high:g}, not {value!r}")
    if "allow_hosts" in crawl:
        crawl["allow_hosts"] = frozenset(str(h).lower() for h in crawl["allow_hosts"])
    if "auth_state" in crawl:
        crawl["auth_state"] = (source.parent / crawl["auth_state"]).resolve()
    if "cache_dir" in crawl:  # "" turns the cache off
        crawl["cache_dir"] = (source.parent / crawl["cache_dir"]).resolve() if crawl["cache_dir"] else None
    profile = data.get("profile")
    if profile is not None and profile not in PROFILE_NAMES:
        raise ConfigError(f"{source}: unknown profile {profile!r} (known: {', '.join(PROFILE_NAMES)})")
    marketplace = data.get("marketplace")
    if marketplace is not None and not isinstance(marketplace, str):
        raise ConfigError(f"{source}: marketplace must be a store id or \"auto\"")
    return FileConfig(source=source, crawl=crawl, profile=profile, marketplace=marketplace,
                      weights=_weights(data.get("weights"), source),
                      waivers=tuple(_waiver(w, source, i) for i, w in enumerate(data.get("waivers", []), 1)),
                      assertions=_assertions(data.get("assert", {}), source),
                      portfolio=_portfolio(data.get("portfolio", {}), source))


def _portfolio(value: Any, source: Path) -> PortfolioCriteria:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{source}: portfolio must be a table")
    try:
        return criteria_from_mapping(value)
    except UsageError as exc:
        raise ConfigError(f"{source}: {exc}") from None


def parse_fail_on(value: str | list[str], where: str) -> frozenset[str]:
    """"error,blocker" or ["error", "blocker"] -> a set of FAIL_ON conditions; anything else is an error."""
    items = [v.strip() for v in (value.split(",") if isinstance(value, str) else value) if str(v).strip()]
    unknown = [v for v in items if v not in FAIL_ON]
    if unknown:
        raise ConfigError(f"{where}: unknown fail-on condition {unknown[0]!r} (known: {', '.join(FAIL_ON)})")
    return frozenset(items)


def _assertions(value: Any, source: Path) -> Assertions:
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: assert must be a table")
    _no_unknown(value, _ASSERT_KEYS, source, "assert.")
    min_score = value.get("min_score")
    if min_score is not None and (not isinstance(min_score, (int, float)) or isinstance(min_score, bool)
                                  or not 0 <= min_score <= 100):
        raise ConfigError(f"{source}: assert.min_score must be a number from 0 to 100")
    categories = value.get("categories", {})
    _no_unknown(categories, set(CATEGORY_TITLES), source, "assert.categories.")
    if any(not isinstance(v, (int, float)) or isinstance(v, bool) or not 0 <= v <= 100 for v in categories.values()):
        raise ConfigError(f"{source}: assert.categories values must be numbers from 0 to 100")
    checks = {str(k).upper(): v for k, v in value.get("checks", {}).items()}
    bad = next((k for k, v in checks.items() if v not in LEVELS), None)
    if bad:
        raise ConfigError(f"{source}: assert.checks.{bad} must be one of {', '.join(LEVELS)}")
    return Assertions(min_score=min_score, categories={k: float(v) for k, v in categories.items()}, checks=checks,
                      fail_on=parse_fail_on(value.get("fail_on", []), f"{source}: assert.fail_on"))


def _weights(value: Any, source: Path) -> Mapping[str, float] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: weights must be a table of category = number")
    _no_unknown(value, set(CATEGORY_TITLES), source, "weights.")
    if any(not isinstance(v, (int, float)) or isinstance(v, bool) or v < 0 for v in value.values()):
        raise ConfigError(f"{source}: weights must be numbers >= 0")
    if not any(value.values()):
        raise ConfigError(f"{source}: at least one category weight must be above 0")
    return {k: float(v) for k, v in value.items()}


def _waiver(value: Any, source: Path, index: int) -> Waiver:
    where = f"{source}: waivers[{index}]"
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table")
    _no_unknown(value, _WAIVER_KEYS, source, f"waivers[{index}].")
    check, reason = value.get("check"), value.get("reason")
    if not isinstance(check, str) or not check.strip():
        raise ConfigError(f"{where} needs a check id")
    if not isinstance(reason, str) or not reason.strip():
        raise ConfigError(f"{where} ({check}) needs a reason")
    expires = value.get("expires")
    if isinstance(expires, str):
        try:
            expires = date.fromisoformat(expires)
        except ValueError:
            raise ConfigError(f"{where}.expires is not a date (YYYY-MM-DD): {expires!r}") from None
    if expires is not None and not isinstance(expires, date):
        raise ConfigError(f"{where}.expires is not a date (YYYY-MM-DD)")
    return Waiver(check=check.strip().upper(), reason=reason.strip(), owner=value.get("owner"), expires=expires,
                  url=value.get("url"))


def _no_unknown(table: Mapping[str, Any], known: set[str], source: Path, prefix: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{source}: unknown key {prefix}{unknown[0]} (known: {', '.join(sorted(known))})")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
