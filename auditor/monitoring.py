"""After an audit is built: keep it in the history, compare it with the previous audit of the same target and
profile, and post an alert when it got worse. Reads the finished Report only; a history that cannot be used or an
alert that cannot be delivered is a warning in the report, never a lost report or a changed exit code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from auditor.history.record import AuditRecord, record_from_report
from auditor.history.store import HistoryError, HistoryStore
from auditor.model import Monitoring, Report, TrendPoint
from auditor.notify.deliver import DeliverySettings, deliver
from auditor.notify.event import DEFAULT_DROP, worse
from auditor.notify.payloads import Endpoint
from auditor.serialize import to_data


@dataclass(frozen=True)
class MonitorSettings:
    """`--history`, `--notify` and `--notify-drop`."""

    history: Path | None = None
    notify: tuple[Endpoint, ...] = ()
    #: score points a fall must reach to alert on its own
    notify_drop: float = DEFAULT_DROP
    delivery: DeliverySettings = DeliverySettings()

    @property
    def active(self) -> bool:
        """Anything to do."""
        return self.history is not None


def monitor(report: Report, report_path: str | None, settings: MonitorSettings,
            warn: Callable[[str], None] = lambda _: None) -> Report:
    """The report with its `monitoring` (and any warning also in `crawl.warnings`, where the HTML shows it)."""
    if not settings.active or settings.history is None:
        return report
    record = record_from_report(to_data(report), report_path)
    warnings: list[str] = []
    previous, trend, recorded, store = None, [], False, None
    try:
        store = HistoryStore(settings.history)
        previous = store.previous(record.target, record.profile)
        store.add(record)
        recorded = True
        trend = store.trend(record.target, record.profile)
    except HistoryError as exc:
        warnings.append(f"the audit was not added to the history: {exc}")
    event = worse(previous, record, settings.notify_drop)
    deliveries = deliver(event, settings.notify, settings.delivery) if event is not None and settings.notify else []
    warnings += [f"the alert to {d.endpoint} was not delivered: {d.error} ({d.attempts} attempts)"
                 for d in deliveries if not d.delivered]
    if store is not None:
        try:
            if recorded and deliveries and record.id is not None:
                store.add_deliveries(record.id, deliveries)
        except HistoryError as exc:
            warnings.append(f"the alert's delivery was not recorded in the history: {exc}")
        finally:
            store.close()
    for line in warnings:
        warn(line)
    monitoring = Monitoring(
        history=str(settings.history), recorded=recorded, previous=_point(previous),
        trend=trend or [TrendPoint(record.generated_at, record.score, record.verdict)],
        alert=event.reasons if event is not None else [], deliveries=deliveries, warnings=warnings)
    crawl = report.crawl
    if warnings:
        crawl = {**crawl, "warnings": [*_list(crawl.get("warnings")), *warnings]}
    return replace(report, monitoring=monitoring, crawl=crawl)


def _point(record: AuditRecord | None) -> TrendPoint | None:
    return TrendPoint(record.generated_at, record.score, record.verdict) if record is not None else None


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
