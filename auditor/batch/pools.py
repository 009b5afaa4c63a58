"""Where a batch's listings run: worker processes on this machine, or the workers of a Dask cluster.

Both run `task.audit_listing` once per listing and share one `HostSlots` among all of them, so per-host
politeness holds for the whole batch: a multiprocessing manager serves it to local workers, a Dask actor
to the cluster's. Each pool hands back `ListingOutcome`s as they finish.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from multiprocessing.managers import BaseManager
from typing import Any, Protocol

from auditor.batch.task import ListingJob, ListingOutcome, audit_listing
from auditor.crawl.politeness import HostGate, HostSlots
from auditor.errors import UsageError


class Pool(Protocol):
    """Runs listing jobs somewhere and yields their outcomes as they finish."""

    def run(self, jobs: Iterable[ListingJob]) -> Iterator[ListingOutcome]:
        """Start every job; yield each outcome when it is done (in any order)."""

    def peaks(self) -> dict[str, int]:
        """The most requests that were ever in flight at once, per host, across the whole batch."""

    def close(self) -> None:
        """Release the workers (and the connection to a cluster)."""


def outcome_of(future: Any, key: str, runner: str) -> ListingOutcome:
    """A finished job's outcome; a job whose runner died (killed, out of memory) is that listing's error."""
    try:
        return future.result()
    except Exception as exc:  # audit_listing never raises: this is the process or worker under it failing
        return ListingOutcome(key, None, f"the {runner} failed: {type(exc).__name__}: {exc}", 1, 0.0)


class _GateManager(BaseManager):
    """Serves one HostSlots to the worker processes."""


_GateManager.register("HostSlots", HostSlots)


class LocalPool:
    """`workers` processes on this machine: crawls run side by side and extraction and checks use every core."""

    def __init__(self, workers: int, per_host: int, min_interval: float = 0.0) -> None:
        context = multiprocessing.get_context("spawn")  # the caller may have threads (a browser driver, a server)
        self._manager = _GateManager(ctx=context)
        self._manager.start()
        # the proxy type exists only once _GateManager.register() has run, which mypy cannot follow
        self._gate: Any = self._manager.HostSlots(per_host, min_interval)  # type: ignore[attr-defined]
        self._executor = ProcessPoolExecutor(workers, mp_context=context)

    def run(self, jobs: Iterable[ListingJob]) -> Iterator[ListingOutcome]:
        """Start every job; yield each outcome when it is done."""
        listing_of: dict[Future[ListingOutcome], str] = {
            self._executor.submit(audit_listing, job, self._gate): job.entry.key for job in jobs}
        for future in as_completed(listing_of):
            yield outcome_of(future, listing_of[future], "worker process")

    def peaks(self) -> dict[str, int]:
        """The most requests ever in flight at once, per host."""
        return dict(self._gate.peaks())

    def close(self) -> None:
        """Stop the worker processes and the gate's manager."""
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._manager.shutdown()


class _ActorGate:
    """A HostGate that asks the batch's HostSlots actor (on one Dask worker) for each slot."""

    def __init__(self, actor: Any) -> None:
        self._actor = actor

    def try_acquire(self, host: str) -> bool:
        return bool(self._actor.try_acquire(host).result())

    def release(self, host: str) -> None:
        self._actor.release(host).result()


def audit_on_dask(job: ListingJob, actor: Any) -> ListingOutcome:
    """The Dask task: one listing, with the cluster-wide HostSlots actor as its gate."""
    gate: HostGate = _ActorGate(actor)
    return audit_listing(job, gate)


class DaskPool:
    """One task per listing on an existing Dask distributed cluster (`dask scheduler` + `dask worker`s).

    The workers need this package installed (the same version) and, for listings that need a browser,
    a Chromium; every report is written here, by the batch, not on the workers.
    """

    def __init__(self, address: str, per_host: int, min_interval: float = 0.0, connect_timeout: float = 20.0) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise UsageError("--dask needs Dask distributed: pip install 'listing-auditor[dask]'") from exc
        try:
            self._client = Client(address, timeout=connect_timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        # a Dask Actor proxy of the HostSlots on the scheduler: its methods return futures, not HostSlots' results
        self._actor: Any = self._client.submit(HostSlots, per_host, min_interval, actor=True).result()

    def run(self, jobs: Iterable[ListingJob]) -> Iterator[ListingOutcome]:
        """Submit one task per listing; yield each outcome when it is done."""
        from distributed import as_completed as dask_as_completed

        listing_of = {self._client.submit(audit_on_dask, job, self._actor, pure=False): job.entry.key for job in jobs}
        for future in dask_as_completed(list(listing_of)):
            yield outcome_of(future, listing_of[future], "Dask task")

    def peaks(self) -> dict[str, int]:
        """The most requests ever in flight at once, per host."""
        return dict(self._actor.peaks().result())

    def close(self) -> None:
        """Disconnect from the cluster (the cluster itself keeps running)."""
        self._client.close()
