"""Which audits the server accepts: the dashboard must not become an open proxy into the network it runs in.

A request names a target, a profile and a marketplace. The target must be a web address; with `--allow-host` its
host must be one of those; a host that resolves to a private, loopback or link-local address is refused unless the
operator allowed it (`--allow-private`, or that host in `--allow-host`); with `--allow-marketplace` only those
stores are audited. The crawl itself then runs behind the same scope guard as any audit (auditor.crawl.scope).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from auditor.crawl.scope import Resolver, is_private, system_resolver
from auditor.errors import AuditError, UsageError
from auditor.extract.stores import adapter_for, marketplace_ids
from auditor.judge.scoring import PROFILES
from auditor.urls import web_address


class Refused(AuditError):
    """The server will not audit this target (out of scope, a private address, a store not allowed)."""


@dataclass(frozen=True)
class AuditRequest:
    """One audit asked for: what the API's JSON and the form carry, checked."""

    target: str
    profile: str
    marketplace: str


@dataclass(frozen=True)
class Guard:
    """The operator's rules for what may be audited."""

    default_profile: str = "distribution"
    default_marketplace: str = "auto"
    #: the only hosts audits may start at (None: any public host)
    allow_hosts: frozenset[str] | None = None
    #: the only stores that may be audited (None: any)
    marketplaces: frozenset[str] | None = None
    #: may a target resolve to a private or loopback address?
    allow_private: bool = False
    resolver: Resolver = field(default=system_resolver, compare=False, repr=False)

    def check(self, fields: Mapping[str, object]) -> AuditRequest:
        """The request from `fields` (target, and optionally profile and marketplace). Raises UsageError for
        malformed input and Refused for a target or store the operator does not allow."""
        target = fields.get("target")
        if not isinstance(target, str) or not target.strip():
            raise UsageError("give a target: the listing's URL")
        try:
            address = web_address(target)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        profile = _text(fields, "profile", self.default_profile)
        if profile not in PROFILES:
            raise UsageError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
        marketplace = _text(fields, "marketplace", self.marketplace_default)
        if marketplace != "auto":
            adapter_for(marketplace)  # an unknown store is a UsageError naming it
        if self.marketplaces is not None and marketplace not in self.marketplaces:
            raise Refused(f"this server audits only listings of {', '.join(sorted(self.marketplaces))}")
        self._check_host(address)
        return AuditRequest(address, profile, marketplace)

    def _check_host(self, address: str) -> None:
        host = (urlsplit(address).hostname or "").lower()
        if self.allow_hosts is not None:
            if host not in self.allow_hosts:
                allowed = ", ".join(sorted(self.allow_hosts))
                raise Refused(f"host not allowed: {host} (this server audits only {allowed})")
            return
        if self.allow_private:
            return
        addresses = (host.strip("[]"),) if _looks_like_ip(host) else self.resolver(host)
        if host == "localhost" or host.endswith(".localhost") or any(is_private(a) for a in addresses):
            raise Refused(f"private address not allowed: {host} resolves into a private network "
                          "(the operator can allow it with --allow-host or --allow-private)")

    @property
    def marketplace_default(self) -> str:
        """The store a request that names none is audited as: the default, or the first allowed one when the
        default is not allowed."""
        if self.marketplaces is None or self.default_marketplace in self.marketplaces:
            return self.default_marketplace
        return min(self.marketplaces)

    @property
    def choices(self) -> tuple[str, ...]:
        """The marketplaces the form offers ("auto" first when it is allowed)."""
        if self.marketplaces is not None:
            return tuple(sorted(self.marketplaces))
        return ("auto", *marketplace_ids())


def _text(fields: Mapping[str, object], key: str, default: str) -> str:
    value = fields.get(key)
    if value is None or value == "":
        return default
    if not isinstance(value, str):
        raise UsageError(f"{key} must be a string")
    return value.strip()


def _looks_like_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
