"""The `listing-audit` command: parse, call the pipeline, map errors to exit codes. Nothing else.

Exit codes: 0 ok, 1 readiness assertions failed, 2 usage or config error, 3 target unreachable.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from auditor import __version__, catalogue
from auditor.batch.example import EXAMPLE, example_files
from auditor.batch.runner import BatchSettings, run_batch
from auditor.cache import default_cache_dir
from auditor.compare import build as build_comparison
from auditor.compare import load_reports
from auditor.config import (
    CRAWL_BOUNDS,
    Assertions,
    CrawlSettings,
    discover,
    load_config,
    parse_fail_on,
)
from auditor.crawl.snapshot_store import load_snapshot, save_snapshot
from auditor.errors import AuditError, UsageError
from auditor.extract.stores import adapter_for, adapters
from auditor.fixture_server import DRAFT_EXAMPLE, FIXTURES_ROOT, FixtureServer, dated_copy
from auditor.history import view as history_view
from auditor.history.store import HistoryStore
from auditor.judge.assertions import failed_assertions
from auditor.judge.baseline import load_report
from auditor.judge.check import CATEGORY_TITLES
from auditor.judge.registry import load_checks
from auditor.judge.scoring import PROFILES
from auditor.marketplaces import profile_for
from auditor.model import Page, Report
from auditor.monitoring import MonitorSettings, monitor
from auditor.notify.deliver import DeliverySettings
from auditor.notify.event import DEFAULT_DROP
from auditor.notify.payloads import parse_endpoint
from auditor.pipeline import audit_snapshot, run
from auditor.report import (
    WRITERS,
    append_step_summary,
    compare_html,
    compare_markdown,
    operating_review,
    parse_formats,
    write_file,
    write_reports,
)
from auditor.resolve import Resolved, resolve
from auditor.urls import redact, web_address

EXIT_ASSERTIONS_FAILED = 1
EXIT_UNAVAILABLE = 3
EXIT_INTERRUPTED = 130
#: the bundled fixture listings `demo` serves, and "draft": the README's draft listing file, dates filled in
DEMO_SITES = ("strong", "weak", "clientside", "draft")


class _Command(click.Group):
    """Turns AuditErrors into one line on stderr and their exit code; never a traceback for bad input."""

    def invoke(self, ctx: click.Context) -> Any:
        for warning in environment_warnings(self, dict(os.environ)):
            click.echo(f"listing-audit: warning: {warning}", err=True)
        try:
            return super().invoke(ctx)
        except AuditError as exc:
            click.echo(f"listing-audit: error: {redact(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:  # `listing-audit checks | head`: the reader left, nothing to say
            sys.stderr.close()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("listing-audit: interrupted", err=True)
            ctx.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug of ours: one line by default, the traceback with -v
            if ctx.meta.get("verbose"):
                traceback.print_exc()
            click.echo(f"listing-audit: internal error: {type(exc).__name__}: {exc} (run with -v for details)",
                       err=True)
            ctx.exit(70)


@click.group(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="listing-audit")
def main() -> None:
    """Audit an app-marketplace listing and its docs for launch readiness."""


def _env(name: str) -> str:
    """The variable that sets an option: LISTING_AUDIT_ and the flag's name (`--allow-host`: ALLOW_HOST)."""
    return f"LISTING_AUDIT_{name}"


def _int_range(key: str) -> click.IntRange:
    """A flag's range: the bounds the config file's value of the same setting must keep (config.CRAWL_BOUNDS)."""
    low, high = CRAWL_BOUNDS[key]
    return click.IntRange(int(low), int(high))


#: variables read outside the options: the browser to drive
OTHER_VARIABLES = frozenset({"LISTING_AUDIT_CHROMIUM"})
#: old variable names still read, and the name that replaces each
RENAMED_VARIABLES = {"LISTING_AUDIT_ALLOW_HOSTS": "LISTING_AUDIT_ALLOW_HOST"}


def environment_warnings(group: click.Group, environ: dict[str, str]) -> list[str]:
    """A warning for each LISTING_AUDIT_* variable that is set but read by nothing (a typo silently changes
    nothing, which in CI can mean no host restriction at all) and for each old name still in use."""
    known = set(OTHER_VARIABLES)
    for command in group.commands.values():
        for param in command.params:
            envvar = param.envvar
            names = [envvar] if isinstance(envvar, str) else list(envvar or [])
            known.update(str(n) for n in names if n)
    warnings = []
    for name in sorted(n for n in environ if n.startswith("LISTING_AUDIT_")):
        if name in RENAMED_VARIABLES:
            warnings.append(f"{name} is deprecated; use {RENAMED_VARIABLES[name]}")
        elif name not in known:
            warnings.append(f"{name} is set but not read by any option (known: see `listing-audit <command> "
                            "--help`)")
    return warnings


def _crawl_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """How to crawl and score: the options `audit`, `demo` and `batch` share; each reads a LISTING_AUDIT_* variable."""
    options = [
        click.option("--profile", type=click.Choice(sorted(PROFILES)), default="distribution", show_default=True,
                     envvar=_env("PROFILE"), help="Category weights matching the integration's job."),
        click.option("--marketplace", default="auto", show_default=True, metavar="ID", envvar=_env("MARKETPLACE"),
                     help="The store (`listing-audit marketplaces` lists them); auto detects it from the page."),
        click.option("--max-pages", type=_int_range("max_pages"), default=CrawlSettings.max_pages,
                     show_default=True, envvar=_env("MAX_PAGES")),
        click.option("--max-depth", type=_int_range("max_depth"), default=CrawlSettings.max_depth, show_default=True,
                     envvar=_env("MAX_DEPTH")),
        click.option("--timeout", type=click.FloatRange(*CRAWL_BOUNDS["timeout"]), default=CrawlSettings.timeout,
                     show_default=True, envvar=_env("TIMEOUT"), help="Seconds per request."),
        click.option("--budget", type=click.FloatRange(*CRAWL_BOUNDS["budget"]), default=CrawlSettings.budget,
                     show_default=True, envvar=_env("BUDGET"),
                     help="Seconds for the whole crawl; past it the report is marked partial."),
        click.option("--no-browser", is_flag=True, envvar=_env("NO_BROWSER"),
                     help="Fetch every page statically; no Chromium."),
        click.option("--allow-host", "allow_hosts", multiple=True, metavar="HOST",
                     envvar=[_env("ALLOW_HOST"), _env("ALLOW_HOSTS")],
                     help="Only ever contact these hosts (repeatable; the variable takes a space-separated list)."),
        click.option("--auth-state", type=click.Path(path_type=Path, dir_okay=False), default=None,
                     envvar=_env("AUTH_STATE"), metavar="FILE",
                     help="Playwright storage-state file for a preview behind a login; never copied into reports."),
        click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                     envvar=_env("CACHE_DIR"), metavar="DIR",
                     help="Where the cache of pages and results lives (default: ~/.cache/listing-audit)."),
        click.option("--no-cache", is_flag=True, envvar=_env("NO_CACHE"),
                     help="Fetch and read every page afresh, and keep nothing."),
        click.option("--ignore-robots", is_flag=True, envvar=_env("IGNORE_ROBOTS"),
                     help="Do not honour robots.txt (only for your own sites)."),
        click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
                     envvar=_env("CONFIG"),
                     help="Config file (default: ./listing-audit.toml, else [tool.listing-audit] in "
                          "./pyproject.toml)."),
        click.option("-v", "--verbose", is_flag=True,
                     help="Say which browser and config were used and list each page."),
    ]
    return _apply(options, func)


def _report_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Where one listing's report goes and when it fails the run: the options `audit` and `demo` add."""
    options = [
        click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("listing-audit-report"),
                     show_default=True, envvar=_env("OUT"), help="Folder for the report files."),
        click.option("--format", "formats", default="html,json", show_default=True, envvar=_env("FORMAT"),
                     help="Comma-separated report formats: html, json, markdown, sarif, junit, pdf."),
        click.option("--fail-under", type=click.FloatRange(0, 100), default=None, envvar=_env("FAIL_UNDER"),
                     help="Exit 1 when the overall score is below this."),
        click.option("--fail-on", default=None, envvar=_env("FAIL_ON"), metavar="CONDITIONS",
                     help="Exit 1 on any of (comma-separated): warn, error, blocker, regression (needs --baseline)."),
        click.option("--baseline", type=click.Path(path_type=Path, dir_okay=False), default=None,
                     envvar=_env("BASELINE"), help="A previous report.json: report what got better or worse."),
    ]
    return _apply(options, func)


def _monitor_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Keep every audit in a history and alert when one got worse: the options `audit` and `batch` add."""
    options = [
        click.option("--history", "history_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
                     envvar=_env("HISTORY"), metavar="PATH",
                     help="Add this audit to a history file (SQLite, created on first use); `listing-audit history` "
                          "reads it."),
        click.option("--notify", "notify_urls", multiple=True, metavar="URL", envvar=_env("NOTIFY"),
                     help="Post an alert here when the audit is worse than the previous one in --history "
                          "(repeatable; slack:URL or teams:URL for their incoming webhooks, else JSON)."),
        click.option("--notify-drop", type=click.FloatRange(0, 100), default=DEFAULT_DROP, show_default=True,
                     envvar=_env("NOTIFY_DROP"), metavar="N",
                     help="Score points a fall must reach to alert by itself."),
        click.option("--notify-timeout", type=click.FloatRange(0.1, 120), default=DeliverySettings.timeout,
                     show_default=True, envvar=_env("NOTIFY_TIMEOUT"), metavar="S",
                     help="Seconds for one attempt to post an alert."),
        click.option("--notify-retries", type=click.IntRange(0, 5), default=DeliverySettings.retries,
                     show_default=True, envvar=_env("NOTIFY_RETRIES"), metavar="N",
                     help="Further attempts for an alert that timed out or got a 429 or 5xx answer (with backoff)."),
    ]
    return _apply(options, func)


def _monitor_settings(opts: dict[str, Any]) -> MonitorSettings:
    """The history and alert options as settings; --notify without --history is refused before any crawl."""
    endpoints = tuple(parse_endpoint(url) for url in opts["notify_urls"])
    if endpoints and opts["history_path"] is None:
        raise UsageError("--notify compares with the previous audit in the history: give --history PATH too")
    delivery = DeliverySettings(timeout=opts["notify_timeout"], retries=opts["notify_retries"])
    return MonitorSettings(opts["history_path"], endpoints, opts["notify_drop"], delivery)


def _run_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Every option of a one-listing audit."""
    return _report_options(_crawl_options(func))


def _apply(options: Sequence[Callable[[Callable[..., Any]], Callable[..., Any]]],
           func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(options):
        func = option(func)
    return func


@main.command()
@click.argument("target", required=False)
@_run_options
@_monitor_options
@click.option("--save-snapshot", "save_snapshot_to", type=click.Path(path_type=Path), default=None,
              help="Keep the crawl in this folder so it can be re-scored offline.")
@click.option("--from-snapshot", type=click.Path(path_type=Path), default=None,
              help="Re-score a saved crawl; no network.")
@click.pass_context
def audit(ctx: click.Context, target: str | None, save_snapshot_to: Path | None, from_snapshot: Path | None,
          **opts: Any) -> None:
    """Audit TARGET and write the report.

    TARGET is a listing URL, a draft listing file (listing.toml, .yaml or .json) or a folder of docs
    (built HTML or Markdown sources).
    """
    ctx.meta["verbose"] = opts["verbose"]
    formats = parse_formats(opts["formats"])
    resolved = _resolve(ctx, opts)
    crawl_settings, audit_settings = resolved.crawl, resolved.audit
    watch = _monitor_settings(opts)
    # conflicts are refused before any network
    if "regression" in resolved.assertions.fail_on and not opts.get("baseline"):
        raise UsageError("--fail-on regression needs --baseline OLD.json")
    if from_snapshot is not None and target:
        raise UsageError("give either a TARGET or --from-snapshot DIR, not both")
    if from_snapshot is not None:
        report = audit_snapshot(load_snapshot(from_snapshot), audit_settings, baseline=_baseline(opts))
    else:
        if not target:
            raise UsageError("give a listing URL to audit (or --from-snapshot DIR)")
        report, snapshot = run(_check_target(target), crawl_settings, audit_settings, _progress(opts["verbose"]),
                               _baseline(opts))
        _say_browser(snapshot.browser, opts["verbose"])
        if save_snapshot_to is not None:
            click.echo(f"snapshot saved: {save_snapshot(snapshot, save_snapshot_to)}", err=True)
    _finish(ctx, report, opts["out_dir"], formats, resolved.assertions, watch)


@main.command()
@click.option("--site", type=click.Choice(DEMO_SITES), default="strong", show_default=True,
              help="Which bundled fixture listing to audit.")
@click.option("--portfolio", is_flag=True,
              help="Audit the example portfolio instead (fixtures/portfolio: a dozen listings across the three "
                   "integration jobs, with their operating numbers), as `batch` does, into --out.")
@_run_options
@click.pass_context
def demo(ctx: click.Context, site: str, portfolio: bool, **opts: Any) -> None:
    """Serve the bundled fixture marketplace on 127.0.0.1 and audit one listing (or the example portfolio)."""
    ctx.meta["verbose"] = opts["verbose"]
    if not FIXTURES_ROOT.is_dir():
        raise UsageError(f"the fixture sites are missing ({FIXTURES_ROOT}); run the demo from a source checkout")
    formats = parse_formats(opts["formats"])
    resolved = _resolve(ctx, opts)
    crawl_settings, audit_settings = resolved.crawl, resolved.audit
    if portfolio:
        _demo_portfolio(ctx, resolved, opts["out_dir"], formats)
        return
    started = time.perf_counter()
    if site == "draft":  # no server: a draft is read from disk, from a copy whose date tokens are filled in
        with tempfile.TemporaryDirectory(prefix="listing-audit-draft-") as folder:
            draft = dated_copy(DRAFT_EXAMPLE, Path(folder) / "ledgerline", date.today()) / "listing.toml"
            click.echo(f"auditing the draft listing example {DRAFT_EXAMPLE / 'listing.toml'}", err=True)
            report, snapshot = run(str(draft), crawl_settings, audit_settings, _progress(opts["verbose"]),
                                   _baseline(opts))
        click.echo(f"audited in {time.perf_counter() - started:.1f}s", err=True)
        _finish(ctx, report, opts["out_dir"], formats, resolved.assertions)
        return
    with FixtureServer() as server:
        target = f"{server.url}/{site}/listing/"
        click.echo(f"serving the fixture marketplace at {server.url}; auditing {target}", err=True)
        report, snapshot = run(target, replace(crawl_settings, allow_hosts=frozenset({"127.0.0.1"})), audit_settings,
                               _progress(opts["verbose"]), _baseline(opts))
    _say_browser(snapshot.browser, opts["verbose"])
    click.echo(f"audited in {time.perf_counter() - started:.1f}s", err=True)
    _finish(ctx, report, opts["out_dir"], formats, resolved.assertions)


def _demo_portfolio(ctx: click.Context, resolved: Resolved, out_dir: Path, formats: list[str]) -> None:
    """`demo --portfolio`: the example portfolio over the fixture marketplace, and its operating review."""
    with FixtureServer() as server, tempfile.TemporaryDirectory(prefix="listing-audit-portfolio-") as folder:
        listings, metrics = example_files(Path(folder), server.url)
        click.echo(f"serving the fixture marketplace at {server.url}; auditing the example portfolio {EXAMPLE}",
                   err=True)
        settings = BatchSettings(out_dir=out_dir, formats=tuple(formats), workers=os.cpu_count() or 1, force=True,
                                 criteria=resolved.portfolio, metrics=metrics, compare=False)
        result = run_batch(listings, replace(resolved.crawl, allow_hosts=frozenset({"127.0.0.1"})), resolved.audit,
                           settings, lambda line: click.echo(line, err=True))
    for path in result.files:
        click.echo(str(path.resolve()))
    if result.portfolio.operating_review:
        click.echo("\n" + operating_review.render_text(result.portfolio.operating_review), err=True)
    if result.failed:
        ctx.exit(EXIT_ASSERTIONS_FAILED)


@main.command()
@click.argument("listings", type=click.Path(path_type=Path, dir_okay=False))
@_crawl_options
@_monitor_options
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("listing-audit-portfolio"), show_default=True, envvar=_env("OUT"),
              help="Folder for portfolio.html/.json/.csv and, under listings/, one report folder per listing.")
@click.option("--format", "formats", default="html,json", show_default=True, envvar=_env("FORMAT"),
              help="Formats of each listing's report (json is always written: a re-run resumes from it).")
@click.option("--workers", type=click.IntRange(1, 256), default=None, envvar=_env("WORKERS"),
              help="Listings audited at once on this machine (default: one per CPU core).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS", envvar=_env("DASK"),
              help="Run one task per listing on this Dask scheduler (tcp://host:8786) instead of locally.")
@click.option("--force", is_flag=True, help="Audit every listing again, even those already audited in --out.")
@click.option("--retries", type=click.IntRange(0, 5), default=1, show_default=True,
              help="Further attempts for a listing whose audit failed.")
@click.option("--host-rate", type=click.FloatRange(0, 1000), default=0.0, envvar=_env("HOST_RATE"),
              help="Most requests a second to any one host, across the whole batch (0: no rate limit; the "
                   "per-host concurrency limit always holds).")
@click.option("--previous", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The portfolio.json to compare with (default: the one already in --out).")
@click.option("--metrics", "metrics_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              envvar=_env("METRICS"), metavar="FILE",
              help="A CSV of operating numbers (installs, active accounts, traffic, tickets, ...) keyed by each "
                   "listing's name or target, for the operating review; it adds to or overrides the LISTINGS columns.")
@click.pass_context
def batch(ctx: click.Context, listings: Path, out_dir: Path, formats: str, workers: int | None,
          dask_address: str | None, force: bool, retries: int, host_rate: float, previous: Path | None,
          metrics_file: Path | None, **opts: Any) -> None:
    """Audit every listing in LISTINGS (a CSV or TOML file) and write a portfolio dashboard.

    Exit 0 when every listing was audited, 1 when a row was bad or a listing could not be audited
    (the portfolio is written either way), 2 on a usage error.
    """
    ctx.meta["verbose"] = opts["verbose"]
    resolved = _resolve(ctx, opts)
    settings = BatchSettings(out_dir=out_dir, formats=tuple(parse_formats(formats)),
                             workers=workers or os.cpu_count() or 1, dask=dask_address, force=force, retries=retries,
                             previous=previous, criteria=resolved.portfolio, host_rate=host_rate,
                             monitor=_monitor_settings(opts), metrics=metrics_file)
    result = run_batch(listings, resolved.crawl, resolved.audit, settings, lambda line: click.echo(line, err=True))
    for path in result.files:
        click.echo(str(path.resolve()))
    p = result.portfolio
    counts = ", ".join(f"{n} {verdict}" for verdict, n in p.verdict_counts.items() if n)
    click.echo(f"{len(p.rows)} listings ({result.audited} audited, {result.resumed} resumed) in "
               f"{result.seconds:.0f}s: {counts or 'none'}; fix list {len(p.fix_list)}, kill list {len(p.kill_list)}",
               err=True)
    dropped = len(p.operating_review.problems) if p.operating_review else 0
    if result.failed or p.row_errors or dropped:
        click.echo(f"listing-audit: {result.failed} listing(s) could not be audited, {len(p.row_errors)} bad row(s), "
                   f"{dropped} operating number(s) dropped", err=True)
        ctx.exit(EXIT_ASSERTIONS_FAILED)


@main.command("history")
@click.argument("target", required=False)
@click.option("--history", "history_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              envvar=_env("HISTORY"), metavar="PATH", help="The history file `audit --history` and `batch --history` "
                                                           "wrote.")
@click.option("--format", "fmt", type=click.Choice(history_view.FORMATS), default="table", show_default=True)
@click.option("--since", default=None, metavar="DATE", help="Only audits from this day on (YYYY-MM-DD).")
def history(target: str | None, history_path: Path | None, fmt: str, since: str | None) -> None:
    """The audits of TARGET (or of every listing) in the history, newest first, each with its change from the
    previous audit of the same target and profile."""
    day = history_view.parse_since(since)
    if history_path is None:
        raise UsageError("give the history file: --history PATH (or LISTING_AUDIT_HISTORY)")
    if not history_path.is_file():
        raise UsageError(f"no history at {history_path} (`audit --history {history_path}` creates it)")
    with HistoryStore(history_path) as store:
        records = store.audits(_history_target(store, target) if target else None)
    click.echo(history_view.render(history_view.entries(records, day), fmt), nl=False)


def _history_target(store: HistoryStore, target: str) -> str:
    """TARGET as the history holds it: as given, else as the audit wrote a web address (scheme and host lower-case),
    with or without the trailing slash."""
    if store.audits(target) or "://" not in target:
        return target
    try:
        address = web_address(target)
    except ValueError:
        return target
    toggled = address[:-1] if address.endswith("/") else address + "/"
    return next((t for t in (address, toggled) if store.audits(t)), target)


@main.command()
@click.option("--history", "history_path", type=click.Path(path_type=Path, dir_okay=False), required=True,
              envvar=_env("HISTORY"), metavar="PATH",
              help="The history file to show and add to (created on first use).")
@click.option("--host", default="127.0.0.1", show_default=True, envvar=_env("HOST"),
              help="Address to listen on; anything but loopback needs --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, envvar=_env("PORT"),
              help="Port to listen on (0: any free port).")
@click.option("--token", default=None, envvar=_env("TOKEN"), metavar="TOKEN",
              help="Require this token (a bearer token, or the login form's session cookie); prefer the variable.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True, envvar=_env("WORKERS"),
              help="Audits run at once, each in its own process with its own Chromium.")
@click.option("--queue", "queue_size", type=click.IntRange(1, 10_000), default=20, show_default=True,
              envvar=_env("QUEUE"), help="Audits that may wait; one more is answered 429.")
@click.option("--reports", "reports_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              envvar=_env("REPORTS"), metavar="DIR",
              help="Where each audit's report goes (default: beside the history).")
@click.option("--allow-private", is_flag=True, envvar=_env("ALLOW_PRIVATE"),
              help="Audit targets that resolve to private or loopback addresses (refused by default).")
@click.option("--allow-marketplace", "allow_marketplaces", multiple=True, metavar="ID",
              envvar=_env("ALLOW_MARKETPLACE"), help="Only audit listings of these stores (repeatable).")
@_crawl_options
@click.pass_context
def serve(ctx: click.Context, history_path: Path, host: str, port: int, token: str | None, workers: int,
          queue_size: int, reports_dir: Path | None, allow_private: bool, allow_marketplaces: tuple[str, ...],
          **opts: Any) -> None:
    """A dashboard and an API over the history, for people without a terminal; audits run in worker processes."""
    # imported here: the web server's packages are needed by this command only, not at every CLI start
    from auditor.serve.app import ServeSettings
    from auditor.serve.app import serve as run_server
    from auditor.serve.guard import Guard

    ctx.meta["verbose"] = opts["verbose"]
    resolved = _resolve(ctx, opts)
    for marketplace in allow_marketplaces:
        adapter_for(marketplace)
    guard = Guard(resolved.audit.profile, resolved.audit.marketplace, resolved.crawl.allow_hosts,
                  frozenset(allow_marketplaces) or None, allow_private)
    run_server(ServeSettings(history_path, resolved.crawl, resolved.audit, guard, host, port, token or None, workers,
                             queue_size, reports=reports_dir), lambda line: click.echo(line, err=True))


@main.command("checks")
@click.option("--category", type=click.Choice(sorted(CATEGORY_TITLES)), default=None, help="Only this category.")
@click.option("--marketplace", default=None, help="Only checks that apply on this marketplace.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
def list_checks(category: str | None, marketplace: str | None, fmt: str) -> None:
    """List the check catalogue (markdown: the full rule reference, as in docs/rules.md)."""
    if marketplace is not None:
        profile_for(marketplace)  # an unknown store is a usage error, never an empty list
    chosen = catalogue.select(load_checks(), category, marketplace)
    render = {"table": catalogue.as_table, "json": catalogue.as_json, "markdown": catalogue.as_markdown}[fmt]
    text = render(chosen)
    click.echo(text, nl=not text.endswith("\n"))


@main.command("print-config")
@_run_options
@click.pass_context
def print_config(ctx: click.Context, **opts: Any) -> None:
    """Show the resolved configuration and where each value came from."""
    resolved = _resolve(ctx, opts)
    rows = sorted(resolved.origins.items())
    width = max(len(key) for key, _ in rows)
    for key, (value, origin) in rows:
        shown = ", ".join(sorted(value)) if isinstance(value, (set, frozenset)) else value
        click.echo(f"{key:<{width}}  {shown!s:<40}  {origin}")


@main.command()
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("listing-audit-compare"),
              show_default=True, help="Folder for compare.html and compare.md.")
@click.option("--format", "formats", default="html,markdown", show_default=True, help="html, markdown or both.")
def compare(reports: tuple[Path, ...], out_dir: Path, formats: str) -> None:
    """Compare report.json files side by side: baseline vs current, or your listing vs competitors'."""
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    renderers = {"html": ("compare.html", compare_html.render), "markdown": ("compare.md", compare_markdown.render)}
    unknown = [f for f in chosen if f not in renderers]
    if unknown or not chosen:
        raise UsageError(f"unknown format {', '.join(unknown) or '(none)'}; choose html and/or markdown")
    comparison = build_comparison(load_reports(list(reports)), [str(p) for p in reports])
    for fmt in chosen:
        name, render = renderers[fmt]
        click.echo(str(write_file(out_dir, name, render(comparison)).resolve()))


@main.command()
def marketplaces() -> None:
    """List the stores the auditor knows (ids for --marketplace)."""
    click.echo(f"{'generic':<20} any store (the generic extractor)")
    for adapter in adapters():
        click.echo(f"{adapter.id:<20} {adapter.name} ({', '.join(adapter.hosts)})")


@main.command()
@click.argument("check_id")
def explain(check_id: str) -> None:
    """Print a check's rationale, fix, thresholds and sources."""
    by_id = {c.id: c for c in load_checks()}
    check = by_id.get(check_id.upper())
    if check is None:
        raise UsageError(f"no check {check_id!r}; `listing-audit checks` lists them")
    click.echo(f"{check.id}: {check.title}")
    click.echo(f"When failing: {check.failure_title}")
    click.echo(f"Category: {check.category} · weight {check.weight:g} · severity {check.severity}"
               + (" · store requirement" if check.level == "requirement" else ""))
    click.echo(f"Applies to: {', '.join(check.marketplaces) or 'every marketplace'}\n")
    click.echo(f"Why it matters:\n  {check.rationale}\n")
    click.echo(f"How to fix:\n  {check.fix}\n")
    if check.thresholds:
        click.echo("Thresholds:")
        for key, value in check.thresholds.items():
            click.echo(f"  {key}: {value}")
    if check.sources:
        click.echo("Sources:")
        for source in check.sources:
            click.echo(f"  {source}")


# ------------------------------------------------------------ helpers


def _baseline(opts: dict[str, Any]) -> dict[str, Any] | None:
    return load_report(opts["baseline"]) if opts["baseline"] else None


def _check_target(target: str) -> str:
    """The target as the crawl takes it: a web address (trimmed, scheme and host lower-cased) or an existing path."""
    if "://" in target or not Path(target).exists():
        if "://" not in target and not target.strip().lower().startswith(("http:", "https:")):
            raise UsageError(f"not a listing URL, draft listing file or docs folder: {target!r}")
        try:
            return web_address(target)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return target


#: option name -> (setting key, how the flag's value becomes the setting)
_OPTION_KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "profile": ("profile", str),
    "marketplace": ("marketplace", str),
    "max_pages": ("crawl.max_pages", int),
    "max_depth": ("crawl.max_depth", int),
    "timeout": ("crawl.timeout", float),
    "budget": ("crawl.budget", float),
    "no_browser": ("crawl.use_browser", lambda v: not v),
    "ignore_robots": ("crawl.respect_robots", lambda v: not v),
    "allow_hosts": ("crawl.allow_hosts", lambda v: frozenset(h.lower() for h in v)),
    "auth_state": ("crawl.auth_state", lambda v: Path(v).resolve()),
    "cache_dir": ("crawl.cache_dir", lambda v: Path(v).resolve()),
    "no_cache": ("crawl.cache_dir", lambda v: None),
    "fail_under": ("assert.min_score", float),
    "fail_on": ("assert.fail_on", lambda v: parse_fail_on(v, "--fail-on")),
}


def _resolve(ctx: click.Context, opts: dict[str, Any]) -> Resolved:
    """Defaults, then the config file, then LISTING_AUDIT_* variables, then flags."""
    path = opts["config_path"] or discover(Path.cwd())
    file = load_config(path)
    if opts["verbose"]:
        click.echo(f"config: {path or 'none (defaults)'}", err=True)
    given: dict[str, tuple[Any, str]] = {}
    for name, (key, convert) in _OPTION_KEYS.items():
        source = ctx.get_parameter_source(name)
        if source in (ParameterSource.DEFAULT, None):
            continue
        param = next(p for p in ctx.command.params if p.name == name)
        origin = f"env {param.envvar}" if source is ParameterSource.ENVIRONMENT else f"flag {param.opts[0]}"
        given[key] = (convert(opts[name]), origin)
    if "crawl.cache_dir" not in given and "cache_dir" not in file.crawl:
        given["crawl.cache_dir"] = (default_cache_dir(), "default")
    resolved = resolve(file, given)
    if resolved.audit.marketplace != "auto":
        adapter_for(resolved.audit.marketplace)  # an unknown id is a usage error before anything is fetched
    if resolved.audit.profile not in PROFILES:
        raise UsageError(f"unknown profile {resolved.audit.profile!r}; choose one of {', '.join(PROFILES)}")
    return resolved


def _progress(verbose: bool) -> Callable[[Page], None]:
    counter = {"n": 0}

    def on_page(page: Page) -> None:
        counter["n"] += 1
        if verbose:
            outcome = page.error or page.status
            click.echo(f"  [{counter['n']:>3}] {outcome} {page.fetched_via:<7} {redact(page.url)}", err=True)
        elif sys.stderr.isatty():
            click.echo(f"\rcrawling… {counter['n']} pages", err=True, nl=False)

    return on_page


def _warn(message: str) -> None:
    click.echo(f"listing-audit: warning: {message}", err=True)


def _say_browser(browser: str | None, verbose: bool) -> None:
    if sys.stderr.isatty() and not verbose:
        click.echo("", err=True)
    if verbose:
        click.echo(f"browser: {browser or 'none (static fetch only)'}", err=True)


def slowest_checks(report: Report, count: int = 5) -> str:
    """The checks that took longest, with their times ("DOC102 1.39 s, SET405 62 ms, ...")."""
    seconds = report.crawl.get("seconds")
    timings = seconds.get("checks") if isinstance(seconds, dict) else None
    if not isinstance(timings, dict) or not timings:
        return "none ran"
    ranked = sorted(timings.items(), key=lambda item: -float(item[1]))[:count]
    return ", ".join(f"{check} {float(took):.2f} s" if float(took) >= 1 else f"{check} {float(took) * 1000:.0f} ms"
                     for check, took in ranked)


def _finish(ctx: click.Context, report: Report, out_dir: Path, formats: list[str], assertions: Assertions,
            watch: MonitorSettings | None = None) -> None:
    if watch is not None and watch.active:
        main_file = next((f for f in ("json", "html") if f in formats), formats[0])
        report = monitor(report, str((out_dir / WRITERS[main_file][0]).resolve()), watch, _warn)
    paths = write_reports(report, out_dir, formats)
    for path in paths:
        click.echo(str(path.resolve()))
    if report.crawl.get("interrupted"):
        click.echo("listing-audit: interrupted; the partial report above covers what was crawled", err=True)
        ctx.exit(EXIT_INTERRUPTED)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:  # GitHub Actions shows this file on the run's summary page
        try:
            append_step_summary(report, Path(summary_file))
        except AuditError as exc:  # the audit is done and written: a summary that cannot be added loses nothing
            click.echo(f"listing-audit: warning: {exc}", err=True)
    if report.verdict == "unavailable":
        click.echo(f"listing-audit: the listing at {report.target} is not available on {report.marketplace} "
                   "(delisted, removed or not found); nothing was scored", err=True)
        ctx.exit(EXIT_UNAVAILABLE)
    click.echo(f"score {report.score:.0f}/100 · {report.verdict} · {report.marketplace}"
               + (f" · blockers: {', '.join(report.blockers)}" if report.blockers else ""), err=True)
    if ctx.meta.get("verbose"):
        click.echo(f"slowest checks: {slowest_checks(report)}", err=True)
    if report.baseline is not None:
        diff = report.baseline
        click.echo(f"since the baseline: score {diff.score_delta:+.1f}, {len(diff.regressions)} regressions, "
                   f"{len(diff.improvements)} improvements", err=True)
    failures = failed_assertions(report, assertions)
    if failures:
        click.echo(f"listing-audit: {len(failures)} assertion(s) failed:", err=True)
        for line in failures[:20]:
            click.echo(f"  - {line}", err=True)
        if len(failures) > 20:
            click.echo(f"  - … and {len(failures) - 20} more", err=True)
        ctx.exit(EXIT_ASSERTIONS_FAILED)
