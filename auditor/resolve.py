"""Resolving a run's settings: defaults, then the config file, then environment variables, then flags.

Every value remembers where it came from, which `listing-audit print-config` shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from auditor.config import Assertions, AuditSettings, CrawlSettings, FileConfig
from auditor.portfolio.criteria import PortfolioCriteria

DEFAULT = "default"


@dataclass(frozen=True)
class Resolved:
    """The settings of one run and the origin of each value ("default", a file path, "env X", "flag --x")."""

    crawl: CrawlSettings
    audit: AuditSettings
    assertions: Assertions
    origins: Mapping[str, tuple[Any, str]]
    #: the fix-list and kill-list criteria a `batch` uses (from the config file only)
    portfolio: PortfolioCriteria = PortfolioCriteria()


def resolve(file: FileConfig, given: Mapping[str, tuple[Any, str]]) -> Resolved:
    """Layer `given` (environment and flags, keyed like "crawl.max_pages") over the file over the defaults."""
    origins: dict[str, tuple[Any, str]] = {f"crawl.{f.name}": (getattr(CrawlSettings(), f.name), DEFAULT)
                                           for f in fields(CrawlSettings)}
    origins.update({"profile": (AuditSettings.profile, DEFAULT), "marketplace": (AuditSettings.marketplace, DEFAULT),
                    "assert.min_score": (None, DEFAULT), "assert.fail_on": (frozenset(), DEFAULT)})
    where = str(file.source) if file.source else DEFAULT
    origins.update({f"crawl.{k}": (v, where) for k, v in file.crawl.items()})
    for key, setting in (("profile", file.profile), ("marketplace", file.marketplace),
                         ("assert.min_score", file.assertions.min_score)):
        if setting is not None:
            origins[key] = (setting, where)
    if file.assertions.fail_on:
        origins["assert.fail_on"] = (file.assertions.fail_on, where)
    origins.update({f"weights.{k}": (v, where) for k, v in (file.weights or {}).items()})
    origins.update({f"assert.categories.{k}": (v, where) for k, v in file.assertions.categories.items()})
    origins.update({f"assert.checks.{k}": (v, where) for k, v in file.assertions.checks.items()})
    if file.waivers:
        origins["waivers"] = (f"{len(file.waivers)} waiver(s): " + ", ".join(w.check for w in file.waivers), where)
    origins.update(given)

    def value(key: str) -> Any:
        return origins[key][0]

    crawl = CrawlSettings(**{f.name: value(f"crawl.{f.name}") for f in fields(CrawlSettings)})
    checks = {k.split(".", 2)[2]: v for k, (v, _) in origins.items() if k.startswith("assert.checks.")}
    assertions = Assertions(
        min_score=value("assert.min_score"), fail_on=frozenset(value("assert.fail_on")), checks=checks,
        categories={k.split(".", 2)[2]: v for k, (v, _) in origins.items() if k.startswith("assert.categories.")},
    )
    audit = AuditSettings(profile=value("profile"), marketplace=value("marketplace"), weights=file.weights,
                          waivers=file.waivers, disabled=frozenset(k for k, level in checks.items() if level == "off"))
    return Resolved(crawl, audit, assertions, origins, file.portfolio)
