"""The batch benchmark: `listing-audit batch` throughput on N synthetic listings, locally and on Dask.

What is measured: listings audited a minute by the real CLI, `python -m auditor batch LISTINGS --out DIR
--force --retries 0 --allow-host 127.0.0.1 --cache-dir <empty>`, run three times as a subprocess:

* `--workers 1`: one local worker process;
* `--workers 2`: two local worker processes;
* `--dask ADDRESS`: a local Dask cluster this script starts first (`dask scheduler` and two `dask worker`
  processes with `--nthreads 1`, on 127.0.0.1), so two tasks run at once.

How: N listings (default 200), each with its own small docs site (8-15 pages of 20-60 KB, see
`_benchbatch.py`), are written under one folder and served by ONE threaded fixture server on
127.0.0.1, so every listing is on the same host, like listings of one store, and the batch-wide
per-host politeness limit (CrawlSettings.per_host) applies to all of them at once. Each run's wall clock
is timed from outside (interpreter start-up and the pool's start included, the cluster's start not), with
a fresh empty cache folder, so every run is cold. portfolio.json gives the listings audited and failed.
The listing page is rendered by Chromium as in production unless `--no-browser`.

Prints Markdown for the README: a table per mode, footnotes, and the cluster size 10,000 listings an
hour would need, worked out from the measured per-worker throughput.

    .venv/bin/python scripts/bench_batch.py                     # 200 listings, with a browser (~50 min on 2 cores)
    .venv/bin/python scripts/bench_batch.py --quick --no-browser   # 12 listings (the smoke test)
    .venv/bin/python scripts/bench_batch.py --listings 50 --no-dask --json batch.json
    .venv/bin/python scripts/bench_batch.py --listings 20 --no-dask --against   # + the code of then, alternately

`--against [REV]` (with the browser) also runs the code of git revision REV (unpacked from this clone's history;
default: the code of the day the browser batch's target was set) and this code alternately, 2 local workers each,
`--rounds` times, and compares their medians: the code's own gain, whatever the machine's speed that day.
"""

from __future__ import annotations

import argparse
import compileall
import io
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# after the path set-up above: these modules live beside this script
from _benchbatch import BatchListing, build_listings, write_listings_csv  # noqa: E402
from bench import _deepen_backlog, _load, _progress, machine  # noqa: E402
from ensure_browser import locate  # noqa: E402

from auditor.batch.dask_cluster import DASK, dask_cluster  # noqa: E402
from auditor.chromium import ENV_VAR, HOW_TO_GET_ONE, BrowserChoice  # noqa: E402
from auditor.formatting import plural  # noqa: E402

DEFAULT_LISTINGS = 200
#: listings a minute of 2 local workers with the browser on, 20 listings, when the 2x target was set (README,
#: 2026-11-27: each listing then started its own Chromium)
BROWSER_BATCH_WHEN_SET = 24.9
#: the code of that day (its last commit), which `--against` runs alternately with this code
CODE_WHEN_SET = "616dab1"
QUICK_LISTINGS = 12
#: listings an hour the sizing paragraph is about, and so listings a minute
TARGET_PER_HOUR = 10_000
TARGET_PER_MINUTE = TARGET_PER_HOUR / 60
#: a real host's time per request, for the per-host cap (an assumption: this benchmark's host is local)
ASSUMED_REQUEST_SECONDS = 0.2
_SUMMARY = re.compile(r"(\d+) listings \((\d+) audited, (\d+) resumed\) in (\d+)s")
_PROGRESS = re.compile(r"^\[(\d+)/(\d+)\]")


@dataclass
class RunResult:
    """One batch run of one mode, as timed from outside and read back from its portfolio.json."""

    mode: str
    workers: int
    listings: int
    audited: int
    failed: int
    wall: float
    #: the batch's own "in Ns" (whole seconds; without interpreter start-up)
    batch_seconds: int | None
    exit_code: int
    #: the mean of the rows' `seconds`: one listing's audit inside its worker
    mean_listing_seconds: float | None
    verdicts: dict[str, int]
    #: what the fixture server saw during the run
    requests: int
    store_requests: int
    peak_in_flight: int

    @property
    def per_minute(self) -> float:
        """Listings audited a minute."""
        return self.audited / self.wall * 60 if self.wall > 0 else 0.0

    @property
    def seconds_per_listing(self) -> float | None:
        """Wall seconds per audited listing (the inverse of the throughput)."""
        return self.wall / self.audited if self.audited else None

    def as_dict(self) -> dict[str, Any]:
        """The raw numbers, with the derived ones."""
        return {**asdict(self), "per_minute": self.per_minute, "seconds_per_listing": self.seconds_per_listing,
                "per_worker_per_minute": self.per_minute / self.workers}


# ====================================================================== the Dask cluster


# ====================================================================== one batch run


def _quiet_resets(server: Any) -> None:
    """Do not print a traceback when a client drops a kept-alive connection (a worker process exiting)."""
    inner = server._server
    default = inner.handle_error

    def handle_error(request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            default(request, client_address)

    inner.handle_error = handle_error


def _child_env() -> dict[str, str]:
    """This environment without LISTING_AUDIT_* variables: the flags alone configure the runs."""
    return {k: v for k, v in os.environ.items() if not k.startswith("LISTING_AUDIT_")}


def _echo_progress(stream: Any, lines: list[str], label: str, total: int) -> None:
    """Keep the batch's stderr; echo about every tenth `[k/N]` line so a long run shows it is alive."""
    step = max(1, total // 10)
    for line in stream:
        lines.append(line)
        match = _PROGRESS.match(line)
        if match and (int(match.group(1)) % step == 0 or match.group(1) == match.group(2)):
            _progress(f"  {label}: {line.rstrip()}")


def run_batch(mode: str, workers: int, pool_args: list[str], listings_csv: Path, work: Path, server: Any,
              use_browser: bool, total: int, code: Path | None = None, chromium: str | None = None) -> RunResult:
    """Run `python -m auditor batch` once, cold, and read what it did; `code`: a folder holding another revision's
    `auditor` package to run instead of this one; `chromium`: the browser it is told to drive (else its own choice)."""
    slug = re.sub(r"[^a-z0-9]+", "-", mode.lower()).strip("-")
    out, cache = work / f"out-{slug}", work / f"cache-{slug}"
    for folder in (out, cache):
        shutil.rmtree(folder, ignore_errors=True)
    cache.mkdir()
    command = [sys.executable, "-m", "auditor", "batch", str(listings_csv), "--out", str(out), *pool_args,
               "--allow-host", "127.0.0.1", "--force", "--retries", "0", "--cache-dir", str(cache)]
    if not use_browser:
        command.append("--no-browser")
    first_request = len(server.requests)
    server._server.peak_in_flight = 0  # the server's peak, for this run only
    timeout = max(600.0, total * 30.0)
    started = time.perf_counter()
    env = _child_env()
    if code is not None:
        env["PYTHONPATH"] = str(code)
    if chromium is not None:
        env[ENV_VAR] = chromium
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=work,
                             env=env)
    lines: list[str] = []
    reader = threading.Thread(target=_echo_progress, args=(child.stderr, lines, mode, total), daemon=True)
    reader.start()
    try:
        child.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        raise SystemExit(f"bench_batch: {mode} took more than {timeout:.0f} s and was stopped\n"
                         + "".join(lines)[-3000:]) from None
    wall = time.perf_counter() - started
    reader.join(timeout=10)
    stderr = "".join(lines)
    portfolio = out / "portfolio.json"
    if child.returncode not in (0, 1) or not portfolio.is_file():
        raise SystemExit(f"bench_batch: {mode} failed (exit {child.returncode})\n{stderr[-3000:]}")
    rows = json.loads(portfolio.read_text(encoding="utf-8"))["rows"]
    served = server.requests[first_request:]
    summary = _SUMMARY.search(stderr)
    seconds = [r["seconds"] for r in rows if isinstance(r.get("seconds"), (int, float))]
    verdicts: dict[str, int] = {}
    for row in rows:
        verdicts[row.get("verdict", "?")] = verdicts.get(row.get("verdict", "?"), 0) + 1
    failed = sum(1 for r in rows if r.get("error"))
    return RunResult(
        mode=mode, workers=workers, listings=len(rows), audited=len(rows) - failed, failed=failed, wall=wall,
        batch_seconds=int(summary.group(4)) if summary else None, exit_code=child.returncode,
        mean_listing_seconds=sum(seconds) / len(seconds) if seconds else None, verdicts=verdicts,
        requests=len(served), store_requests=sum(1 for p in served if not re.match(r"/l\d+/vendor/", p)),
        peak_in_flight=server.peak_in_flight)


# ====================================================================== the same run, against earlier code

@dataclass
class Comparison:
    """An earlier revision's code and this code, run alternately with the browser: each one's runs, and the
    Chromium the earlier code drove."""

    revision: str
    browser: BrowserChoice
    then: list[RunResult]
    now: list[RunResult]

    @property
    def own_browser(self) -> bool:
        """True when the earlier code drove a full Chromium, as it chose itself (it predates the headless shell)."""
        return not self.browser.is_shell

    @property
    def measured(self) -> bool:
        """True when the earlier code audited listings in every round (else there is no rate to compare)."""
        return bool(self.then) and all(r.audited for r in self.then)


def browser_of_then() -> BrowserChoice | None:
    """The Chromium to give the code of then. It predates the headless shell, so it drives a full Chromium
    (Playwright's own, else the system's; `make bench` adds one with `ensure_browser.py --full`). Where there is
    none it gets this code's browser, which leaves the shell's own gain out of the comparison."""
    return locate(shell=False) or locate()


def unpack_revision(revision: str, folder: Path) -> Path | None:
    """`revision`'s tree from this clone's history, unpacked into `folder` and byte-compiled as this code is by
    `make bench` (None when the clone lacks it: a shallow clone, or no git)."""
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision],
                                 capture_output=True, stdin=subprocess.DEVNULL, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if archive.returncode != 0:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4+
            tar.extractall(folder, filter="data")
        else:
            tar.extractall(folder)  # this clone's own history
    compileall.compile_dir(folder, quiet=1)
    return folder


def run_against(revision: str, rounds: int, listings_csv: Path, work: Path, server: Any, total: int
                ) -> Comparison | None:
    """2 local workers with the browser, `revision`'s code and this code run alternately `rounds` times (each
    the same listings, cold): the code's own gain, whatever the machine's speed that day. None when the clone
    lacks the revision or there is no Chromium at all."""
    code = unpack_revision(revision, work / f"code-{revision}")
    browser = browser_of_then() if code is not None else None
    if code is None or browser is None:
        return None
    _progress(f"bench_batch: the code of {revision} drives {browser.describe()}")
    compared = Comparison(revision, browser, [], [])
    for i in range(1, rounds + 1):
        compared.then.append(run_batch(f"2 local workers, {revision} ({i})", 2, ["--workers", "2"], listings_csv,
                                       work, server, True, total, code, browser.executable))
        _report(compared.then[-1])
        compared.now.append(run_batch(f"2 local workers, this code ({i})", 2, ["--workers", "2"], listings_csv,
                                      work, server, True, total))
        _report(compared.now[-1])
    return compared


def against_table(compared: Comparison) -> str:
    """Each alternated run's listings a minute, and the medians; then which Chromium each code drove."""
    lines = ["| round | " + f"code of {compared.revision} | this code |", "|---:|---:|---:|"]
    for i, (a, b) in enumerate(zip(compared.then, compared.now, strict=True), 1):
        lines.append(f"| {i} | {a.per_minute:.1f} ({a.audited}/{a.listings}) | {b.per_minute:.1f} |")
    lines.append(f"| median | {_median_rate(compared.then):.1f} | {_median_rate(compared.now):.1f} |")
    lines.append("")
    lines.append(f"The code of {compared.revision} drove {compared.browser.describe()}"
                 + ("." if compared.own_browser else
                    " (no full Chromium here: it was given this code's headless shell, so the shell's own gain is "
                    "not in the comparison).")
                 + f" This code drove {_browser_used()}.")
    return "\n".join(lines)


def _median_rate(runs: list[RunResult]) -> float:
    return statistics.median(r.per_minute for r in runs) if runs else 0.0


# ====================================================================== output


def _f(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


COLUMNS = ("mode", "listings", "failed", "wall s", "listings/minute", "s per listing", "speed-up vs 1 worker")


def results_table(runs: list[RunResult]) -> str:
    """The Markdown table: one row per mode."""
    base = next((r.per_minute for r in runs if r.workers == 1), None)
    lines = ["| " + " | ".join(COLUMNS) + " |", "|---|" + "---:|" * (len(COLUMNS) - 1)]
    for r in runs:
        speedup = r.per_minute / base if base else None
        lines.append(f"| {r.mode} | {r.listings:,} | {r.failed:,} | {_f(r.wall)} | {_f(r.per_minute)} | "
                     f"{_f(r.seconds_per_listing, 2)} | {_f(speedup, 2)}× |")
    return "\n".join(lines)


def sizing(runs: list[RunResult], per_host: int, cpus: int, use_browser: bool) -> dict[str, Any]:
    """Workers (and cores) for TARGET_PER_HOUR listings an hour at each run's per-worker rate; the per-host caps."""
    audited = sum(r.audited for r in runs) or 1
    per_listing = sum(r.requests for r in runs) / audited
    store_per_listing = sum(r.store_requests for r in runs) / audited
    plans = []
    for r in runs:
        if r.per_minute <= 0:
            continue
        rate = r.per_minute / r.workers
        workers = math.ceil(TARGET_PER_MINUTE / rate)
        cores = cpus / r.workers
        plans.append({"mode": r.mode, "per_worker_per_minute": rate, "cores_per_worker": cores,
                      "workers_needed": workers, "cores_needed": math.ceil(workers * cores)})

    def cap(requests: float) -> float | None:  # at most per_host in flight on a host, each ASSUMED_REQUEST_SECONDS
        return 60 * per_host / (requests * ASSUMED_REQUEST_SECONDS) if requests else None

    return {
        "target_per_minute": TARGET_PER_MINUTE, "by_run": plans, "per_host": per_host, "browser": use_browser,
        "requests_per_listing": per_listing, "store_requests_per_listing": store_per_listing,
        "assumed_request_seconds": ASSUMED_REQUEST_SECONDS,
        "host_cap_all_on_one_host": cap(per_listing), "host_cap_store_only": cap(store_per_listing),
    }


def _cap_sentence(cap: float | None) -> str:
    if cap is None:
        return ""
    if cap < TARGET_PER_MINUTE:
        return (f"{_f(cap, 0)} listings a minute, fewer than {TARGET_PER_MINUTE:.0f}: no number of workers gets "
                f"{TARGET_PER_HOUR:,} such listings done in an hour")
    return f"{_f(cap, 0)} listings a minute, more than the {TARGET_PER_MINUTE:.0f} needed"


def _cores(n: float) -> str:
    return f"{n:g} core" + ("" if n == 1 else "s")


def sizing_text(plan: dict[str, Any]) -> str:
    """The "sizing for 10,000 listings an hour" paragraph."""
    plans = plan["by_run"]
    if not plans:
        return "No listing was audited, so there is no rate to size a cluster from."
    need = f"{plan['target_per_minute']:.0f}"
    each = "; ".join(f"{p['mode']}: {_f(p['per_worker_per_minute'])} a minute per worker with "
                     f"{_cores(p['cores_per_worker'])} each → {plural(p['workers_needed'], 'worker')}, "
                     f"{_cores(p['cores_needed'])}" for p in plans)
    best = min(plans, key=lambda p: (p["cores_needed"], p["workers_needed"]))
    h, s, n = plan["per_host"], plan["assumed_request_seconds"], plan["requests_per_listing"]
    store = plan["store_requests_per_listing"]
    return (
        f"**Sizing for {TARGET_PER_HOUR:,} listings an hour.** That is {TARGET_PER_HOUR:,} / 60 = {need} listings "
        f"a minute; workers needed = ⌈{need} ÷ per-worker rate⌉, the per-worker rate being a run's listings a "
        f"minute ÷ its workers ({each}). On paper, then, about "
        f"{plural(best['workers_needed'], 'single-thread worker')} with {_cores(best['cores_per_worker'])} each "
        f"({_cores(best['cores_needed'])}, from the "
        f"{best['mode']} run{'' if plan['browser'] else ', without a browser'}), if the sites answer as fast as "
        "this local server and the batch's own process keeps up with writing the reports. "
        f"That holds only while no host is the bottleneck. The per-host limit (CrawlSettings.per_host = {h}) is "
        f"batch-wide: at most {h} requests in flight on any one host, whatever the cluster size. Here every "
        f"request of every listing went to one host, {_f(n)} a listing; at {s:.1f} s a request (an assumed real "
        "host; the local server answers in milliseconds) one host allows at most "
        f"60 × {h} ÷ ({_f(n)} × {s:.1f}) = {_cap_sentence(plan['host_cap_all_on_one_host'])}. Real listings spread "
        f"their docs over many vendors' hosts: if only the store's requests ({_f(store)} a listing here: the "
        "listing page, robots.txt and the store's assets) share one host, the store allows "
        f"60 × {h} ÷ ({_f(store)} × {s:.1f}) = {_cap_sentence(plan['host_cap_store_only'])}, and below that cap "
        "throughput grows with workers."
    )


def _browser_used() -> str:
    """Which Chromium the batch's workers start (a headless shell renders for about half the CPU of the full one)."""
    choice = locate()
    return choice.describe() if choice is not None else HOW_TO_GET_ONE


def footnotes(runs: list[RunResult], listings: list[BatchListing], use_browser: bool, n: int, per_host: int,
              elapsed: float, loads: tuple[str, str]) -> str:
    """What was measured, where and how."""
    docs = sum(item.n_docs for item in listings)
    kb = sum(item.bytes_docs for item in listings) / docs / 1024 if docs else 0.0
    peaks = ", ".join(f"{r.mode} {r.peak_in_flight}" for r in runs)
    means = ", ".join(f"{r.mode} {_f(r.mean_listing_seconds, 2)} s" for r in runs)
    notes = [
        f"Machine: {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, Python "
        f"{platform.python_version()}; "
        + (f"the listing page rendered by Chromium (as in production): {_browser_used()}." if use_browser
           else "no browser (`--no-browser`): every page fetched over plain HTTP."),
        (f"Sites: {n} synthetic listings, each a copy of the store listing fixture with its own docs site of "
         f"8-15 pages ({docs:,} docs pages in all, {docs / len(listings):.1f} a listing, {kb:.1f} KB average) and "
         "its vendor's policy, support and status pages; all served by ONE threaded fixture server on 127.0.0.1 in "
         "the benchmark's process, so they share one host as listings of one store do, and the batch's "
         f"per-host limit (at most {per_host} requests in flight on a host, across the whole batch) applies to "
         f"all of them. Most requests in flight at the server at once: {peaks}."),
        ("Settings: `python -m auditor batch LISTINGS --out DIR --allow-host 127.0.0.1 --force --retries 0 "
         "--cache-dir <a fresh empty folder>` with `--workers 1`, `--workers 2`, or `--dask ADDRESS`; every other "
         "setting its default (LISTING_AUDIT_* variables removed, run outside the repo so no config file is read). "
         "Profiles rotate table-stakes / workflow / distribution; the marketplace is detected."),
        ("wall s: the batch subprocess's wall clock, timed from outside (interpreter start-up, starting the worker "
         "pool or connecting to the cluster, every audit, and writing every report and the portfolio). "
         "listings/minute = listings audited ÷ wall × 60; s per listing = wall ÷ listings audited; speed-up = "
         "listings/minute ÷ that of 1 local worker. Mean time of one listing's audit inside its worker: "
         f"{means}."),
        f"Total benchmark time: {elapsed:.0f} s. Load average (1/5/15 min) before: {loads[0]}; after: {loads[1]}.",
    ]
    if any(r.mode.startswith("Dask") for r in runs):
        notes.insert(3, "Dask: a `dask scheduler` and 2 `dask worker --nworkers 1 --nthreads 1` processes on this "
                        "machine, started before the run (not timed); the reports are written by the batch's own "
                        "process.")
    failed = [r for r in runs if r.failed]
    if failed:
        notes.append("Failed listings: " + ", ".join(f"{r.mode} {r.failed}" for r in failed)
                     + " (see each run's portfolio.json).")
    return "\n".join(f"{i}. {note}" for i, note in enumerate(notes, 1))


# ====================================================================== main


def run_benchmark(n: int, use_browser: bool, use_dask: bool, seed: int, against: str | None = None,
                  rounds: int = 3) -> tuple[list[RunResult], list[BatchListing], float, Comparison | None]:
    """Write the listings, serve them, run each mode once, and (with `against`) the alternated comparison."""
    from auditor.fixture_server import FixtureServer

    started = time.perf_counter()
    runs: list[RunResult] = []
    with tempfile.TemporaryDirectory(prefix="listing-bench-batch-") as tmp:
        work = Path(tmp)
        clock = time.perf_counter()
        listings = build_listings(work / "sites", n, seed)
        docs = sum(item.n_docs for item in listings)
        _progress(f"bench_batch: {n} listings, {docs} docs pages, written in {time.perf_counter() - clock:.1f} s")
        with FixtureServer(work / "sites") as server:
            _deepen_backlog(server)
            _quiet_resets(server)
            csv_path = write_listings_csv(work / "listings.csv", server.url, listings)
            modes: list[tuple[str, int, list[str]]] = [("1 local worker", 1, ["--workers", "1"]),
                                                       ("2 local workers", 2, ["--workers", "2"])]
            for mode, workers, args in modes:
                runs.append(run_batch(mode, workers, args, csv_path, work, server, use_browser, n))
                _report(runs[-1])
            if use_dask:
                folder = work / "dask"
                folder.mkdir()
                with dask_cluster(folder, workers=2) as address:
                    _progress(f"bench_batch: Dask cluster up at {address}")
                    runs.append(run_batch("Dask 2 workers", 2, ["--dask", address], csv_path, work, server,
                                          use_browser, n))
                    _report(runs[-1])
            compared: Comparison | None = None
            if against and use_browser:
                compared = run_against(against, rounds, csv_path, work, server, n)
                if compared is None:
                    _progress(f"bench_batch: the code of {against} is not in this clone (shallow, or no git), or "
                              "there is no Chromium: the same-run comparison is left out")
    return runs, listings, time.perf_counter() - started, compared


def browser_target(runs: list[RunResult], against: Comparison | None = None) -> str:
    """The browser batch's target: twice the listings a minute of 2 local workers when it was set, and (with
    `against`) twice those of the code of then, run alternately with this code in the same run."""
    two = next((r for r in runs if r.mode == "2 local workers"), None)
    lines = ["| target | goal | measured | met |", "|---|---|---|:-:|"]
    goal = f"≥ 2× {BROWSER_BATCH_WHEN_SET} a minute (when the target was set)"
    if two is None or not two.audited:
        lines.append(f"| 2 local workers with the browser | {goal} | not measured | – |")
    else:
        ratio = two.per_minute / BROWSER_BATCH_WHEN_SET
        lines.append(f"| 2 local workers with the browser | {goal} | {two.per_minute:.1f} a minute ({ratio:.2f}×) | "
                     f"{'✓' if ratio >= 2 else '✗'} |")
    if against is not None:
        row = f"| the same, against the code of {against.revision} run alternately | ≥ 2× its median | "
        if not against.measured:
            failed = next((r for r in against.then if not r.audited), against.then[0])
            lines.append(row + f"not measured: the code of {against.revision} audited {failed.audited} of "
                               f"{failed.listings} listings in a round | – |")
        else:
            before, after = _median_rate(against.then), _median_rate(against.now)
            ratio = after / before
            shell = "" if against.own_browser else "; both on the headless shell"
            lines.append(row + f"{before:.1f} -> {after:.1f} a minute ({ratio:.2f}×, medians of {len(against.now)}"
                               f"{shell}) | {'✓' if ratio >= 2 else '✗'} |")
    return "\n".join(lines)


def _report(run: RunResult) -> None:
    _progress(f"bench_batch: {run.mode}: {run.audited}/{run.listings} audited, {run.failed} failed, "
              f"{run.wall:.1f} s, {run.per_minute:.1f} listings a minute")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listings", type=int, help=f"how many listings (default {DEFAULT_LISTINGS}; "
                                                     f"{QUICK_LISTINGS} with --quick)")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_LISTINGS} listings (for the smoke test)")
    parser.add_argument("--no-browser", action="store_true", help="fetch the listing over plain HTTP, no Chromium")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask cluster run")
    parser.add_argument("--seed", type=int, default=1, help="seed of the site generator (default 1)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the raw numbers as JSON to PATH")
    parser.add_argument("--against", metavar="REV", nargs="?", const=CODE_WHEN_SET,
                        help="with the browser: also run the code of git revision REV (default: "
                        f"{CODE_WHEN_SET}, when the browser batch's target was set) and this code alternately, "
                        "2 local workers, and compare their medians")
    parser.add_argument("--rounds", type=int, default=3, help="alternated rounds of --against (default 3)")
    args = parser.parse_args(argv)

    n = args.listings or (QUICK_LISTINGS if args.quick else DEFAULT_LISTINGS)
    if n < 1:
        parser.error("--listings must be at least 1")
    use_dask = not args.no_dask
    if use_dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            parser.error("the Dask run needs dask[distributed] (pip install 'listing-auditor[dask]'), or --no-dask")
        if not DASK.exists():
            parser.error(f"no `dask` command next to this Python ({DASK}); use --no-dask")
    from auditor.config import CrawlSettings

    per_host = CrawlSettings().per_host
    use_browser = not args.no_browser
    _progress(f"bench_batch: {n} listings; {'with' if use_browser else 'without'} a browser; "
              f"{'1 and 2 local workers, Dask 2 workers' if use_dask else '1 and 2 local workers'}")
    load_before = _load()
    runs, listings, elapsed, compared = run_benchmark(n, use_browser, use_dask, args.seed, args.against,
                                                      max(1, args.rounds))
    loads = (load_before, _load())
    plan = sizing(runs, per_host, os.cpu_count() or 1, use_browser)
    print("## Batch benchmark\n")
    print(results_table(runs))
    if compared is not None:
        print(f"\n### Against the code of {compared.revision}, alternately in the same run (2 local workers)\n")
        print(against_table(compared))
    if use_browser:
        print("\n### Target\n")
        print(browser_target(runs, compared))
    print()
    print(footnotes(runs, listings, use_browser, n, per_host, elapsed, loads))
    print()
    print(sizing_text(plan))
    if args.json:
        args.json.write_text(json.dumps({
            "listings": n, "browser": use_browser, "dask": use_dask, "seed": args.seed, "seconds": elapsed,
            "load_average": {"start": loads[0], "end": loads[1]},
            "machine": machine(),
            "sites": {"docs_pages": sum(i.n_docs for i in listings), "bytes_docs": sum(i.bytes_docs for i in listings)},
            "runs": [r.as_dict() for r in runs], "sizing": plan,
            "against": None if compared is None else {"revision": compared.revision,
                                                      "browser": compared.browser.describe(),
                                                      "then": [r.as_dict() for r in compared.then],
                                                      "now": [r.as_dict() for r in compared.now]},
        }, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
