"""`make bench`: the full audit on synthetic docs sites of 100, 300 and 1,000 pages, against a raw fetch.

For each size a deterministic site (a store listing plus N docs pages of 20-60 KB, see `_benchsite.py`) is
written to a temp folder and served on 127.0.0.1 by the threaded fixture server, which runs in this
(parent) process. Every measured run is a fresh subprocess, so each run's memory peak is its own:

* an audit run (`bench.py --one N --url URL --json OUT`) times `gather()` (the crawl: fetch, plus the link
  parsing the crawl does as it goes), `audit_snapshot()` (extract, checks, scoring) and
  `write_reports(..., ["html", "json"])`, and reports its own peak RSS (ru_maxrss). While it runs, a sampler
  process (`_treesampler.py`) samples the run's child processes (the Playwright driver and Chromium) every 50 ms
  and keeps the peak of their summed PSS (RSS where PSS is unavailable).
* a raw-fetch run (`bench.py --raw URLFILE --json OUT`) GETs the same pages (listing, docs, policies) with a
  plain aiohttp session (the crawl's own client), 16 at a time, reading each body and parsing nothing.

Prints Markdown (medians of the runs) for the README: a results table and a targets table.

    .venv/bin/python scripts/bench.py                  # sizes 100, 300, 1000; 3 runs each
    .venv/bin/python scripts/bench.py --quick --no-browser   # sizes 20, 50; 1 run (the smoke test)
    .venv/bin/python scripts/bench.py --sizes 300 --runs 5 --json bench.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
#: where linkinator 6 is installed from npm, beside the project's virtualenv
LINKINATOR_HOME = HERE.parent / ".venv" / "linkinator"

from _linkinator import Linkinator  # noqa: E402  (beside this script)
from _linkinator import crawl as linkinator_crawl  # noqa: E402
from _linkinator import ensure as ensure_linkinator  # noqa: E402
from _treesampler import TreeSampler  # noqa: E402

DEFAULT_SIZES = (100, 300, 1000)
QUICK_SIZES = (20, 50)
QUICK_ADVERSARIES = ["deep-nesting", "long-listing"]
RAW_CONCURRENCY = 16
#: linkinator's own default
LINKINATOR_CONCURRENCY = 100
RUN_TIMEOUT = 1800.0
SLOW_RUN = 120.0
MB = 1024 * 1024

# ====================================================================== child: one audit


def _instrument_crawl_parsing(counter: list[float]) -> list[str]:
    """Time the HTML parsing the crawl does in its event loop (link harvesting, the JS-shell test).

    Wraps module attributes of auditor.crawl.crawler in this process only; names that no longer exist
    are skipped (and the split then says so) rather than failing the benchmark.
    """
    import auditor.crawl.crawler as crawler

    def timed(fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                counter[0] += time.perf_counter() - started
        return wrapper

    done = []
    for name in ("harvest", "link_urls", "_looks_like_js_shell"):
        if callable(getattr(crawler, name, None)):
            setattr(crawler, name, timed(getattr(crawler, name)))
            done.append(name)
    return done


def one_audit(size: int, url: str, use_browser: bool, concurrency: int | None, per_host: int | None,
              cache_dir: Path | None, time_page: str | None = None) -> dict[str, Any]:
    """Run gather -> audit_snapshot -> write_reports in this process and time each stage.

    As `pipeline.run` does, a DocReader reads docs pages while they are crawled (and from the cache).
    `time_page`: the path of one page whose crawl and read are timed on their own (`page_seconds`).
    """
    import resource

    imports_started = time.perf_counter()
    from auditor.config import AuditSettings, CrawlSettings
    from auditor.extract.parallel import DocReader
    from auditor.pipeline import audit_snapshot, gather
    from auditor.report import write_reports
    imports = time.perf_counter() - imports_started

    parse_seconds = [0.0]
    instrumented = _instrument_crawl_parsing(parse_seconds)
    overrides: dict[str, Any] = {}
    if concurrency:
        overrides["concurrency"] = concurrency
    if per_host:
        overrides["per_host"] = per_host
    settings = CrawlSettings(allow_hosts=frozenset({"127.0.0.1"}), max_pages=size + 50, max_depth=50,
                             budget=max(600.0, size * 1.0), use_browser=use_browser, cache_dir=cache_dir, **overrides)
    marks: list[tuple[float, str, bool, float]] = []  # (when, kind, ok, seconds taken) per page
    docs = DocReader(cache_dir)

    def on_page(page: Any) -> None:
        marks.append((time.perf_counter(), page.kind, page.ok, page.elapsed_ms / 1000))
        docs.submit(page)

    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    t0 = time.perf_counter()
    snapshot = gather(url, settings, on_page, listing_reader=docs.read_listing)
    t1 = time.perf_counter()
    report = audit_snapshot(snapshot, AuditSettings(), docs=docs)
    t2 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as out:
        written = write_reports(report, Path(out), ["html", "json"])
        report_bytes = sum(p.stat().st_size for p in written)
    t3 = time.perf_counter()
    docs.close()

    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    listing = next((p for p in snapshot.pages if p.kind == "listing"), None)
    listing_done = next((t for t, kind, _, _ in marks if kind == "listing"), t0)
    others = [(t, ok, took) for t, kind, ok, took in marks if kind != "listing"]
    # the docs crawl runs while the browser renders the listing: its window is from the first docs request
    # to the last docs page recorded
    docs_start = min((t - took for t, _, took in others), default=listing_done)
    docs_done = max((t for t, _, _ in others), default=listing_done)
    crawl_seconds = report.crawl.get("seconds") if isinstance(report.crawl, dict) else None
    seconds: dict[str, Any] = crawl_seconds if isinstance(crawl_seconds, dict) else {}
    extract = float(seconds.get("extract", 0.0))
    crawl_parse = parse_seconds[0]
    check_seconds = dict(seconds.get("checks") or {})
    return {
        "size": size,
        "wall": t3 - t0,
        "imports": imports,
        # the split: the four stages sum to `wall`
        "fetch": (t1 - t0) - crawl_parse,
        "parse_extract": crawl_parse + extract,
        "checks": (t2 - t1) - extract,
        "report": t3 - t2,
        # finer detail
        "crawl": t1 - t0,
        "crawl_parse": crawl_parse,
        "crawl_parse_instrumented": instrumented,
        "extract": extract,
        "checks_and_scoring": float(seconds.get("checks_and_scoring", 0.0)),
        "check_seconds": check_seconds,
        "checks_sum": sum(check_seconds.values()),
        "page_seconds": _page_seconds(snapshot, time_page) if time_page else None,
        "audit_snapshot": t2 - t1,
        "listing_phase": listing_done - t0,
        "docs_phase": docs_done - docs_start,
        "docs_phase_pages_ok": sum(1 for _, ok, _ in others if ok),
        "tail_phase": t1 - docs_done,  # link checks, closing the browser and the HTTP client
        "listing_ms": listing.elapsed_ms if listing else None,
        "listing_via": listing.fetched_via if listing else None,
        "pages_ok": sum(1 for p in snapshot.pages if p.ok),
        "pages_failed": sum(1 for p in snapshot.pages if not p.ok),
        "pages_via_browser": sum(1 for p in snapshot.pages if p.fetched_via == "browser"),
        "pages_from_cache": sum(1 for p in snapshot.pages if p.from_cache),
        "docs_from_cache": docs.from_cache,
        "cache": cache_dir is not None,
        "bytes": sum(p.bytes for p in snapshot.pages),
        "links_checked": len(snapshot.links),
        "partial": snapshot.partial,
        "warnings": list(snapshot.warnings),
        "browser": snapshot.browser,
        "score": report.score,
        "verdict": report.verdict,
        "checks_run": len(report.checks),
        "report_bytes": report_bytes,
        "py_peak_bytes": peak,
        "cpu_user": usage.ru_utime,
        "cpu_system": usage.ru_stime,
        "cpu": usage.ru_utime + usage.ru_stime - cpu_before,
        "settings": {"concurrency": settings.concurrency, "per_host": settings.per_host,
                     "max_pages": settings.max_pages, "max_depth": settings.max_depth, "budget": settings.budget},
    }


def _page_seconds(snapshot: Any, path: str) -> float | None:
    """One page's crawl and read: its fetch as the crawl timed it, plus harvesting its links and extracting it
    again here (the extract stage reads it in a worker process, untimed per page)."""
    from auditor.extract.docs import extract_doc
    from auditor.links import link_urls

    page = next((p for p in snapshot.pages if p.url.endswith(path) and p.html), None)
    if page is None:
        return None
    started = time.perf_counter()
    link_urls(page.html, page.url)
    extract_doc(page)
    return page.elapsed_ms / 1000 + time.perf_counter() - started


# ====================================================================== child: raw fetch


async def _raw_fetch(urls: list[str], concurrency: int) -> dict[str, Any]:
    import aiohttp  # the crawl's own HTTP client: the baseline is what that client can fetch, doing nothing else

    slots = asyncio.Semaphore(concurrency)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency),
                                     timeout=aiohttp.ClientTimeout(total=60.0)) as client:
        async def one(url: str) -> tuple[int, int]:
            async with slots, client.get(url) as response:
                return response.status, len(await response.read())

        started = time.perf_counter()
        results = await asyncio.gather(*(one(u) for u in urls))
        wall = time.perf_counter() - started
    return {"wall": wall, "pages": len(urls), "pages_ok": sum(1 for s, _ in results if 200 <= s < 300),
            "bytes": sum(n for _, n in results)}


def raw_fetch(url_file: Path, concurrency: int) -> dict[str, Any]:
    """GET every URL in `url_file` concurrently, reading bodies, parsing nothing."""
    import resource

    urls = [u for u in url_file.read_text(encoding="utf-8").split() if u]
    result = asyncio.run(_raw_fetch(urls, concurrency))
    ru_maxrss_unit = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    result["py_peak_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * ru_maxrss_unit
    result["concurrency"] = concurrency
    return result


# ====================================================================== parent: running children


def run_child(args: list[str], out: Path, sample: bool) -> dict[str, Any]:
    """Run `bench.py ARGS --json OUT` in a fresh interpreter; returns its JSON plus what the parent saw."""
    if out.exists():
        out.unlink()
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), *args, "--json", str(out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(child.pid) if sample else None
    if sampler is not None:
        sampler.start()
    try:
        _, stderr = child.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        child.kill()
        _, stderr = child.communicate()
        raise SystemExit(f"bench: a run took more than {RUN_TIMEOUT:.0f} s and was stopped: {' '.join(args)}\n"
                         f"{stderr[-3000:]}") from None
    finally:
        if sampler is not None:
            sampler.stop()
    elapsed = time.perf_counter() - started
    if child.returncode != 0 or not out.exists():
        raise SystemExit(f"bench: run failed (exit {child.returncode}): {' '.join(args)}\n{stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    result["process_seconds"] = elapsed
    if sampler is not None:
        peaks = sampler.peaks
        result["browser_peak_bytes"] = peaks.peak_tree_pss
        result["browser_peak_rss_bytes"] = peaks.peak_tree_rss
        result["browser_memory_is_pss"] = peaks.pss_available
        result["browser_max_processes"] = peaks.max_procs
        result["sampled_self_rss_bytes"] = peaks.peak_self_rss
        result["memory_samples"] = peaks.samples
    return result


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if isinstance(r.get(key), (int, float)) and not isinstance(r.get(key), bool)]
    return statistics.median(values) if values else None


def summarise(size: int, audits: list[dict[str, Any]], raws: list[dict[str, Any]], n_urls: int) -> dict[str, Any]:
    """Medians over the runs, and the derived rates."""
    m = {key: _median(audits, key) for key in (
        "wall", "fetch", "parse_extract", "checks", "report", "crawl", "crawl_parse", "extract", "audit_snapshot",
        "listing_phase", "docs_phase", "docs_phase_pages_ok", "tail_phase", "listing_ms", "pages_ok", "pages_failed",
        "links_checked", "py_peak_bytes", "browser_peak_bytes", "browser_peak_rss_bytes", "process_seconds",
        "imports", "score", "checks_run", "cpu")}
    raw_wall = _median(raws, "wall")
    raw_ok = _median(raws, "pages_ok")
    pages = m["pages_ok"] or 0
    wall = m["wall"] or 0
    # per-run rates, then their median (more honest than a ratio of medians)
    audit_rates = [r["pages_ok"] / r["wall"] for r in audits if r["wall"] > 0]
    docs_rates = [r["docs_phase_pages_ok"] / r["docs_phase"] for r in audits if r["docs_phase"] > 0]
    raw_rates = [r["pages_ok"] / r["wall"] for r in raws if r["wall"] > 0]
    warm_speedups = [r["wall"] / r["warm"]["wall"] for r in audits if r.get("warm") and r["warm"]["wall"] > 0]
    audit_rate = statistics.median(audit_rates) if audit_rates else None
    docs_rate = statistics.median(docs_rates) if docs_rates else None
    raw_rate = statistics.median(raw_rates) if raw_rates else None
    return {
        "size": size, "runs": len(audits), "raw_urls": n_urls, "medians": m,
        "pages_per_second": audit_rate,
        "ms_per_page": (wall / pages * 1000) if pages else None,
        "docs_crawl_pages_per_second": docs_rate,
        "raw_wall": raw_wall, "raw_pages_ok": raw_ok, "raw_pages_per_second": raw_rate,
        "overhead_docs": (raw_rate / docs_rate) if raw_rate and docs_rate else None,
        "overhead_whole": (raw_rate / audit_rate) if raw_rate and audit_rate else None,
        "slow_runs": [round(r["process_seconds"], 1) for r in audits if r["process_seconds"] > SLOW_RUN],
        "warm_wall": _median([r["warm"] for r in audits if r.get("warm")], "wall"),
        "warm_speedup": statistics.median(warm_speedups) if warm_speedups else None,
        "slowest_check": slowest_check(audits),
        "checks_sum": _median(audits, "checks_sum"),
        "linkinator_wall": _median([r["linkinator"] for r in audits if r.get("linkinator")], "wall"),
        "linkinator_ratio": _median_of([r["wall"] / r["linkinator"]["wall"] for r in audits
                                        if r.get("linkinator") and r["linkinator"]["wall"] > 0]),
    }


def _median_of(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def slowest_check(audits: list[dict[str, Any]]) -> tuple[str, float] | None:
    """The check with the highest median time over the runs, and that median (seconds)."""
    ids = {check for run in audits for check in run.get("check_seconds", {})}
    medians = {check: statistics.median(run["check_seconds"].get(check, 0.0) for run in audits) for check in ids}
    return max(medians.items(), key=lambda item: item[1]) if medians else None


# ====================================================================== output


def _f(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value / MB:,.0f}"


RESULT_COLUMNS = ("docs pages", "pages fetched", "wall s", "CPU s", "pages/s", "ms/page", "Python peak MB",
                  "other processes peak MB", "fetch s", "parse/extract s", "checks s", "report s", "raw fetch s",
                  "raw pages/s", "overhead ×", "warm re-audit s", "warm speed-up ×", "linkinator s", "× linkinator",
                  "slowest check")


def results_table(summaries: list[dict[str, Any]], use_browser: bool) -> str:
    lines = ["| " + " | ".join(RESULT_COLUMNS) + " |", "|" + "---:|" * len(RESULT_COLUMNS)]
    for s in summaries:
        m = s["medians"]
        cells = [
            f"{s['size']:,}", _f(m["pages_ok"], 0), _f(m["wall"]), _f(m["cpu"]), _f(s["pages_per_second"], 1),
            _f(s["ms_per_page"], 1), _mb(m["py_peak_bytes"]),
            _mb(m["browser_peak_bytes"]),
            _f(m["fetch"]), _f(m["parse_extract"]), _f(m["checks"]), _f(m["report"]),
            _f(s["raw_wall"]), _f(s["raw_pages_per_second"], 1), _f(s["overhead_docs"]),
            _f(s["warm_wall"]), _f(s["warm_speedup"], 1), _f(s["linkinator_wall"]), _f(s["linkinator_ratio"], 1),
            f"{s['slowest_check'][0]} {s['slowest_check'][1]:.2f} s" if s.get("slowest_check") else "–",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets_table(summaries: list[dict[str, Any]], use_browser: bool, audits: list[dict[str, Any]],
                  adversarial: list[dict[str, Any]] | None = None, linkinator_note: str = "") -> str:
    big, small = summaries[-1], summaries[0]
    at_big = f"at {big['size']:,}" + ("" if big["size"] == 1000 else " (largest size run)")
    rows: list[tuple[str, str, str, str]] = []

    def row(target: str, goal: str, value: float | None, shown: str, ok: bool | None) -> None:
        verdict = "–" if ok is None else ("✓" if ok else "✗")
        rows.append((target, goal, shown if value is not None else "not measured", verdict))

    wall = big["medians"]["wall"]
    row(f"full audit of the docs site plus its listing, {at_big}", "< 10 s wall", wall,
        f"{_f(wall)} s" + ("" if use_browser else " (no browser)"), None if wall is None else wall < 10)
    ratio = big["linkinator_ratio"]
    if ratio is None:
        rows.append((f"audit wall ÷ linkinator 6's crawl of the same docs site, {at_big}", "≤ 4×",
                     f"not measured: {linkinator_note or 'linkinator was not run'}", "–"))
    else:
        row(f"audit wall ÷ linkinator 6's crawl of the same docs site, {at_big}", "≤ 4×", ratio,
            f"{ratio:.1f}× ({_f(wall)} s vs {_f(big['linkinator_wall'])} s)", ratio <= 4)
    if len(summaries) > 1 and big["ms_per_page"] and small["ms_per_page"]:
        growth = big["ms_per_page"] / small["ms_per_page"]
        row(f"time per page at {big['size']:,} vs at {small['size']:,}", "≤ 1.3×", growth,
            f"{growth:.2f}× ({_f(big['ms_per_page'], 1)} vs {_f(small['ms_per_page'], 1)} ms)", growth <= 1.3)
    else:
        row("time per page, largest vs smallest size", "≤ 1.3×", None, "", None)
    peak = big["medians"]["py_peak_bytes"]
    row(f"peak Python memory, {at_big}", "< 300 MB", peak, f"{_mb(peak)} MB", None if peak is None else peak < 300 * MB)
    listing_ms = [a["listing_ms"] for a in audits
                  if a.get("listing_via") == "browser" and a.get("listing_ms") is not None]
    if use_browser and listing_ms:
        med = statistics.median(listing_ms) / 1000
        row("listing page rendered and screenshotted, after browser launch", "< 2 s", med,
            f"{med:.2f} s (median of {len(listing_ms)} runs, worst {max(listing_ms) / 1000:.2f} s)", med < 2)
    else:
        rows.append(("listing page rendered and screenshotted, after browser launch", "< 2 s",
                     "not measured (--no-browser)", "–"))
    sites = [(f"docs site of {x['size']:,}", x["checks_sum"], x["medians"]["pages_ok"]) for x in summaries]
    sites += [(a["name"], a["checks_sum"], a["pages_ok"]) for a in adversarial or []]
    allowed = [(name, took, took / max(1.0, (pages or 0) / 1000)) for name, took, pages in sites if took is not None]
    if allowed:
        name, took, per = max(allowed, key=lambda item: item[2])
        row("checks on every site (sum of the checks' own times)", "≤ 1 s per 1,000 pages (1 s below 1,000)", per,
            f"worst: {name}, {took:.2f} s", per <= 1)
    for adversary, target, key in (("long-listing", "checks on a listing with a 3 MB description", "checks_sum"),
                                   ("deep-nesting", "a page nested 50,000 deep, crawled and read", "page_seconds")):
        found = next((a for a in adversarial or [] if a["name"] == adversary), None)
        value = found.get(key) if found else None
        row(target, "≤ 1 s", value, f"{_f(value)} s", None if value is None else value <= 1)
    speedup = big["warm_speedup"]
    row(f"warm-cache re-audit of the unchanged site vs cold, {at_big}", "≥ 5× faster", speedup,
        f"{_f(speedup, 1)}× ({_f(big['warm_wall'])} s vs {_f(wall)} s)", None if speedup is None else speedup >= 5)
    lines = ["| target | goal | measured | met |", "|---|---|---|:-:|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    """What the numbers were measured on (for the JSON output)."""
    return {"cpus": os.cpu_count(), "system": platform.system(), "release": platform.release(),
            "python": platform.python_version()}


def _load() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def footnotes(summaries: list[dict[str, Any]], audits: list[dict[str, Any]], use_browser: bool,
              runs: int, elapsed: float, loads: tuple[str, str]) -> str:
    first = audits[0] if audits else {}
    settings = first.get("settings", {})
    instrumented = first.get("crawl_parse_instrumented") or []
    browser = next((a.get("browser") for a in audits if a.get("browser")), None)
    pss = all(a.get("browser_memory_is_pss", True) for a in audits)
    notes = [
        f"Medians of {runs} run{'s' if runs != 1 else ''} per size, each audit in a fresh Python process; "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.release()}, Python {platform.python_version()}"
        + (f", {browser}" if use_browser and browser else ", no browser (`--no-browser`)") + "; "
        + ("PYTHONDONTWRITEBYTECODE is set: modules and report templates load from bytecode only where it was "
           "compiled beforehand (`make bench` compiles auditor/, checks/ and the templates)"
           if os.environ.get("PYTHONDONTWRITEBYTECODE")
           else "bytecode cached as usual") + ".",
        "Sites: a store listing plus N synthetic docs pages of 20-60 KB (sidebar, ~10 in-text links, prev/next, "
        "a few broken links) and 5 policy pages, served from a temp folder by the threaded fixture server on "
        "127.0.0.1 (HTTP/1.1 keep-alive, ETags, listen backlog raised to 128) in the benchmark's own process.",
        f"Crawl settings: defaults (concurrency {settings.get('concurrency')}, per host {settings.get('per_host')}) "
        f"with allow_hosts 127.0.0.1, max_pages N+50, max_depth 50, budget {_f(settings.get('budget'), 0)} s.",
        "pages fetched: pages that returned HTML (listing, docs, policies; in-scope 404s not counted). "
        "wall: gather() + audit_snapshot() + write_reports(html, json), interpreter start-up and imports excluded. "
        "CPU s: the audit process's own user+system CPU over the same span (not the browser's; steadier than wall "
        "on a busy machine). pages/s = pages fetched / wall; ms/page = wall / pages fetched.",
        "Split (sums to wall): fetch = the crawl's wall minus the time its event loop spent parsing pages "
        f"({', '.join(instrumented) or 'not instrumented'}), so it includes the browser launch, the listing render, "
        "robots.txt and the outbound link checks; parse/extract = that crawl-time parsing + the extract stage "
        "(`crawl.seconds.extract`); checks = the rest of audit_snapshot() (checks, scoring, waivers, building and "
        "redacting the report); report = rendering and writing report.html and report.json.",
        "Python peak: the audit process's ru_maxrss. Other processes: the peak, sampled every 50 ms by a process "
        "of its own (not a thread of the one serving the site, which it would slow), of the summed "
        + ("PSS" if pss else "RSS") + " of the audit process's descendants (the Playwright driver, Chromium's "
        "processes and the extraction workers).",
        "Cold and warm: each cold run starts with an empty cache folder and fills it; the warm run straight after "
        "re-audits the unchanged site with that cache (every page revalidated with If-None-Match, answered 304). "
        "warm speed-up = cold wall ÷ warm wall, per run, then the median.",
        "Raw fetch: the same URLs (listing, docs and policy pages) with a plain aiohttp session (the crawl's own "
        f"client), {RAW_CONCURRENCY} concurrent, bodies read, nothing parsed; in its own process, after one untimed "
        "warm-up pass.",
        "overhead × = raw pages/s ÷ the audit's docs-crawl pages/s, where the docs crawl is the window from the "
        "first docs/policy request to the last docs/policy page being recorded (it overlaps the listing's render; "
        "link checks and the later stages are excluded). The targets table also gives the ratio for the whole "
        "audit wall.",
        f"Total benchmark time: {elapsed:.0f} s. Load average (1/5/15 min) just before it: {loads[0]}; at its end: "
        f"{loads[1]} (the benchmark itself adds ~1.5-2): a load before it means other work shared the CPUs.",
    ]
    slow = [(s["size"], s["slow_runs"]) for s in summaries if s["slow_runs"]]
    for size, times in slow:
        notes.append(f"Slow: at {size:,} pages, audit runs took {', '.join(f'{t} s' for t in times)} (over 2 minutes).")
    partial = sorted({a["size"] for a in audits if a.get("partial")})
    if partial:
        notes.append(f"Warning: the crawl was partial (time budget) at sizes {partial}.")
    return "\n".join(f"{i}. {n}" for i, n in enumerate(notes, 1))


# ====================================================================== main


def _deepen_backlog(server: Any, backlog: int = 128) -> None:
    """Give the fixture server a listen backlog that 16 concurrent connects do not overflow.

    socketserver listens with a backlog of 5; with HTTP/1.0 (a connection per request) and 16 clients the
    kernel drops SYNs and each dropped connect waits out a 1 s retransmit, which made the raw fetch of 26
    pages take ~1 s. Calling listen() again on the listening socket raises the backlog (Linux, macOS).
    """
    sock = getattr(getattr(server, "_server", None), "socket", None)
    if sock is not None:
        sock.listen(backlog)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_benchmark(
    sizes: list[int], runs: int, use_browser: bool, seed: int, concurrency: int | None, per_host: int | None,
    linkinator: Path | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], float]:
    from _benchsite import DOCS, build_site

    from auditor.fixture_server import FixtureServer

    started = time.perf_counter()
    summaries: list[dict[str, Any]] = []
    all_audits: list[dict[str, Any]] = []
    all_raws: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="listing-bench-") as tmp:
        work = Path(tmp)
        for size in sizes:
            clock = time.perf_counter()
            site = build_site(work / f"site-{size}", size, seed)
            _progress(f"[{size}] site: {len(site.docs)} docs pages, {site.bytes_docs / len(site.docs) / 1024:.1f} KB "
                      f"average, written in {time.perf_counter() - clock:.1f} s")
            with FixtureServer(site.root) as server:
                _deepen_backlog(server)
                url_file = work / f"urls-{size}.txt"
                url_file.write_text("\n".join(server.url + p for p in site.page_paths) + "\n", encoding="utf-8")
                raw_args = ["--raw", str(url_file), "--raw-concurrency", str(RAW_CONCURRENCY)]
                run_child(raw_args, work / "out.json", sample=False)  # warm-up: page cache, server threads
                audit_args = ["--one", str(size), "--url", server.url + site.listing]
                if not use_browser:
                    audit_args.append("--no-browser")
                if concurrency:
                    audit_args += ["--concurrency", str(concurrency)]
                if per_host:
                    audit_args += ["--per-host", str(per_host)]
                audits, raws = [], []
                for run in range(1, runs + 1):
                    cache_args = ["--cache-dir", str(work / f"cache-{size}-{run}")]  # empty: a cold run
                    raw = run_child(raw_args, work / "out.json", sample=False)
                    audit = run_child(audit_args + cache_args, work / "out.json", sample=True)
                    audit["warm"] = run_child(audit_args + cache_args, work / "out.json", sample=True)
                    if linkinator is not None:  # the same docs site, recursively, in the same run
                        audit["linkinator"] = linkinator_crawl(linkinator, f"{server.url}{DOCS}/",
                                                               LINKINATOR_CONCURRENCY)
                    raws.append(raw)
                    audits.append(audit)
                    _progress(f"[{size}] run {run}/{runs}: audit {audit['wall']:.2f} s wall "
                              f"({audit['pages_ok']} pages, process {audit['process_seconds']:.1f} s, "
                              f"Python {audit['py_peak_bytes'] / MB:.0f} MB, browser "
                              f"{audit.get('browser_peak_bytes', 0) / MB:.0f} MB); raw fetch {raw['wall']:.2f} s "
                              f"({raw['pages_ok']}/{raw['pages']} pages); warm re-audit {audit['warm']['wall']:.2f} s "
                              f"({audit['warm']['pages_from_cache']} pages confirmed unchanged)"
                              + (f"; linkinator {audit['linkinator']['wall']:.2f} s ({audit['linkinator']['ok']} "
                                 "links OK)" if audit.get("linkinator") else ""))
                    if audit["process_seconds"] > SLOW_RUN:
                        _progress(f"[{size}] note: that run took {audit['process_seconds']:.0f} s (> 2 min)")
            summaries.append(summarise(size, audits, raws, len(site.page_paths)))
            all_audits += audits
            all_raws += raws
    return summaries, all_audits, all_raws, time.perf_counter() - started


def run_adversaries(runs: int, use_browser: bool, seed: int, names: list[str] | None = None) -> list[dict[str, Any]]:
    """Each adversarial site of `_benchadversarial` audited `runs` times (fresh processes, no cache): medians."""
    from _benchadversarial import ADVERSARIES

    from auditor.fixture_server import FixtureServer

    rows = []
    with tempfile.TemporaryDirectory(prefix="listing-bench-adversarial-") as tmp:
        for adversary in ADVERSARIES:
            if names and adversary.name not in names:
                continue
            site = adversary.build(Path(tmp) / adversary.name, seed)
            with FixtureServer(Path(tmp) / adversary.name) as server:
                _deepen_backlog(server)
                args = ["--one", str(site.pages), "--url", server.url + site.listing]
                args += [] if use_browser else ["--no-browser"]
                args += ["--time-page", site.deep_page] if site.deep_page else []
                audits = [run_child(args, Path(tmp) / "out.json", sample=False) for _ in range(runs)]
            row: dict[str, Any] = {key: _median(audits, key) for key in (
                "wall", "crawl", "extract", "checks_sum", "page_seconds", "pages_ok", "py_peak_bytes")}
            row.update(name=adversary.name, what=adversary.what, slowest_check=slowest_check(audits),
                       partial=any(a.get("partial") for a in audits))
            _progress(f"[{adversary.name}] {row['pages_ok']:.0f} pages, wall {row['wall']:.2f} s, checks "
                      f"{row['checks_sum']:.2f} s")
            rows.append(row)
    return rows


ADVERSARIAL_COLUMNS = ("site", "what it holds", "pages read", "wall s", "crawl s", "read s", "checks s",
                       "checks s per 1,000 pages", "slowest check", "Python peak MB")


def adversarial_table(rows: list[dict[str, Any]]) -> str:
    """The adversarial sites, one row each (medians)."""
    lines = ["| " + " | ".join(ADVERSARIAL_COLUMNS) + " |", "|---|---|" + "---:|" * (len(ADVERSARIAL_COLUMNS) - 2)]
    for r in rows:
        per = r["checks_sum"] / max(1.0, (r["pages_ok"] or 0) / 1000) if r["checks_sum"] is not None else None
        slowest = f"{r['slowest_check'][0]} {r['slowest_check'][1]:.2f} s" if r.get("slowest_check") else "–"
        lines.append("| " + " | ".join([
            r["name"], r["what"] + (" (partial)" if r["partial"] else ""), _f(r["pages_ok"], 0), _f(r["wall"]),
            _f(r["crawl"]), _f(r["extract"]), _f(r["checks_sum"]), _f(per), slowest, _mb(r["py_peak_bytes"]),
        ]) + " |")
    return "\n".join(lines)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(s) for s in text.replace(" ", "").split(",") if s]
    except ValueError:
        raise argparse.ArgumentTypeError(f"sizes must be integers separated by commas, not {text!r}") from None
    if not sizes or any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=_sizes, help="docs-site sizes in pages (default 100,300,1000)")
    parser.add_argument("--runs", type=int, help="runs per size; the table shows medians (default 3)")
    parser.add_argument("--quick", action="store_true", help="sizes 20,50 and 1 run (for the smoke test)")
    parser.add_argument("--no-browser", action="store_true", help="fetch the listing over plain HTTP, no Chromium")
    parser.add_argument("--seed", type=int, default=1, help="seed of the site generator (default 1)")
    parser.add_argument("--concurrency", type=int, help="override CrawlSettings.concurrency")
    parser.add_argument("--per-host", type=int, help="override CrawlSettings.per_host")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the raw numbers as JSON to PATH")
    parser.add_argument("--no-linkinator", action="store_true", help="do not run linkinator 6 beside the audit")
    parser.add_argument("--no-adversarial", action="store_true", help="leave the adversarial sites out")
    parser.add_argument("--adversaries", type=lambda text: [n for n in text.split(",") if n], metavar="NAMES",
                        help="only these adversarial sites (comma-separated: no-topic,large-pages,deep-nesting,"
                        "many-links,non-english,long-listing)")
    # internal: the measured runs, each in a fresh process
    parser.add_argument("--one", type=int, metavar="SIZE", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--time-page", help=argparse.SUPPRESS)
    parser.add_argument("--raw", type=Path, metavar="URLFILE", help=argparse.SUPPRESS)
    parser.add_argument("--raw-concurrency", type=int, default=RAW_CONCURRENCY, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one is not None or args.raw is not None:
        if args.json is None:
            parser.error("--one and --raw need --json PATH")
        if args.one is not None:
            if not args.url:
                parser.error("--one needs --url")
            result = one_audit(args.one, args.url, not args.no_browser, args.concurrency, args.per_host,
                               args.cache_dir, args.time_page)
        else:
            result = raw_fetch(args.raw, args.raw_concurrency)
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
        return 0

    sizes = args.sizes or list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    runs = args.runs or (1 if args.quick else 3)
    if runs < 1:
        parser.error("--runs must be at least 1")
    try:
        import psutil  # noqa: F401
    except ImportError:
        parser.error("psutil is needed to sample the browser's memory: pip install psutil")
    use_browser = not args.no_browser
    _progress(f"bench: sizes {', '.join(map(str, sizes))}; {runs} run(s) each; "
              f"{'with' if use_browser else 'without'} a browser")
    load_before = _load()
    linkinator = Linkinator(None, "--no-linkinator") if args.no_linkinator else ensure_linkinator(LINKINATOR_HOME)
    if linkinator.command is None:
        _progress(f"bench: {linkinator.reason}")
    summaries, audits, raws, elapsed = run_benchmark(sizes, runs, use_browser, args.seed, args.concurrency,
                                                     args.per_host, linkinator.command)
    # --quick keeps to the two small adversaries (the smoke test's run)
    chosen = args.adversaries or (QUICK_ADVERSARIES if args.quick else None)
    adversarial = [] if args.no_adversarial else run_adversaries(runs, use_browser, args.seed, chosen)
    print("## Benchmark\n")
    print(results_table(summaries, use_browser))
    if adversarial:
        print("\n### Adversarial sites\n")
        print(adversarial_table(adversarial))
    print("\n### Targets\n")
    print(targets_table(summaries, use_browser, audits, adversarial, linkinator.reason))
    print()
    loads = (load_before, _load())
    print(footnotes(summaries, audits, use_browser, runs, elapsed, loads))
    if args.json:
        args.json.write_text(json.dumps({
            "sizes": sizes, "runs": runs, "browser": use_browser, "seed": args.seed, "seconds": elapsed,
            "load_average": {"start": loads[0], "end": loads[1]},
            "machine": machine(),
            "summaries": summaries, "audit_runs": audits, "raw_runs": raws, "adversarial": adversarial,
            "linkinator": str(linkinator.command or linkinator.reason),
        }, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
