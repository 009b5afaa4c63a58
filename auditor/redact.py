"""Secrets never reach a report: every string of the finished Report has its URL secrets redacted.

Cookies and storage from `--auth-state` are never copied into the model at all; what could leak is a
token in a URL's query string (a signed preview link, a session id), so those values are replaced.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from auditor.urls import parse_url, redact

T = TypeVar("T")


def redact_secrets(obj: T) -> T:
    """A copy of a dataclass tree (or list, dict, string) with secret query values replaced."""
    return _walk(obj)


def _walk(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _walk(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    if isinstance(value, list):
        return [_walk(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_walk(v) for v in value)
    if isinstance(value, dict):
        return {k: _walk(v) for k, v in value.items()}
    return value


def redact_webhook(url: str) -> str:
    """A webhook URL as it may be printed: its scheme, host and port only. Incoming-webhook URLs carry their secret
    in the path (Slack's `/services/T…/B…/…`, Teams' `/webhookb2/…`), so the whole path and query are hidden."""
    parts = parse_url(url)
    if parts is None or not parts.hostname:
        return "(a webhook URL)"
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    port = f":{parts.port}" if parts.port else ""
    hidden = "/…" if parts.path.strip("/") or parts.query else ""
    return f"{parts.scheme.lower()}://{host}{port}{hidden}"
