"""Posting an alert to its webhooks: a timeout per attempt, retries with backoff for what may pass (a timeout, a
refused connection, 429 and 5xx answers), none for a 4xx (the URL or the message is wrong). Never raises."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from auditor import __version__
from auditor.model import AlertDelivery
from auditor.notify.event import AlertEvent
from auditor.notify.payloads import Endpoint, payload
from auditor.urls import redact


@dataclass(frozen=True)
class DeliverySettings:
    """How hard to try each webhook."""

    #: seconds for one attempt (connect and answer)
    timeout: float = 10.0
    #: attempts after the first
    retries: int = 2
    #: seconds before the first retry, doubled for each further one
    backoff: float = 1.0


def deliver(event: AlertEvent, endpoints: Sequence[Endpoint], settings: DeliverySettings = DeliverySettings(),
            sleep: Callable[[float], None] = time.sleep) -> list[AlertDelivery]:
    """Post the event to every endpoint (each in its own format); one AlertDelivery each, labels redacted."""
    return [_deliver_one(event, endpoint, settings, sleep) for endpoint in endpoints]


def _deliver_one(event: AlertEvent, endpoint: Endpoint, settings: DeliverySettings,
                 sleep: Callable[[float], None]) -> AlertDelivery:
    body = json.dumps(payload(event, endpoint.kind), ensure_ascii=False).encode("utf-8")
    status: int | None = None
    error: str | None = None
    for attempt in range(1, settings.retries + 2):
        status, error, again = _post(endpoint.url, body, settings.timeout)
        if error is None:
            return AlertDelivery(endpoint.label, True, attempt, status)
        if not again or attempt > settings.retries:
            return AlertDelivery(endpoint.label, False, attempt, status, error)
        sleep(settings.backoff * 2 ** (attempt - 1))
    return AlertDelivery(endpoint.label, False, settings.retries + 1, status, error)


def _post(url: str, body: bytes, timeout: float) -> tuple[int | None, str | None, bool]:
    """(status, error or None, worth retrying)."""
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": f"listing-audit/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read(65_536)
            return response.status, None, False
    except urllib.error.HTTPError as exc:
        retry = exc.code == 429 or exc.code >= 500
        return exc.code, f"HTTP {exc.code} {redact(str(exc.reason))}".strip(), retry
    except TimeoutError:
        return None, f"no answer within {timeout:g} s", True
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return None, f"no answer within {timeout:g} s", True
        return None, f"cannot connect: {redact(str(getattr(reason, 'strerror', None) or reason))}", True
    except (OSError, ValueError) as exc:
        return None, f"cannot post: {redact(str(exc))}", True
