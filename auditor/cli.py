"""The `listing-audit` command: parse, call the pipeline, map errors to exit codes. Nothing else.

Exit codes: 0 ok, 1 readiness assertions failed, 2 usage or config error, 3 target unreachable.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
from click.core import ParameterSource

from auditor import __version__, catalogue
from auditor.check import CATEGORY_TITLES
from auditor.config import AuditSettings, CrawlSettings, discover, load_config
from auditor.crawl.snapshot_store import load_snapshot, save_snapshot
from auditor.errors import AuditError, UsageError
from auditor.extract.stores import adapter_for, adapters
from auditor.fixture_server import FIXTURES_ROOT, FixtureServer
from auditor.model import Page, Report
from auditor.pipeline import audit_snapshot, gather
from auditor.registry import load_checks
from auditor.report import append_step_summary, parse_formats, write_reports
from auditor.scoring import PROFILES

EXIT_ASSERTIONS_FAILED = 1
EXIT_UNAVAILABLE = 3
DEMO_SITES = ("strong", "weak", "clientside")


class _Command(click.Group):
    """Turns AuditErrors into one line on stderr and their exit code; never a traceback for bad input."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AuditError as exc:
            click.echo(f"listing-audit: error: {exc}", err=True)
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
            click.echo(f"listing-audit: internal error: {type(exc).__name__}: {exc} (run with -v for details)", err=True)
            ctx.exit(70)


@click.group(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="listing-audit")
def main() -> None:
    """Audit an app-marketplace listing and its docs for launch readiness."""


def _crawl_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("listing-audit-report"),
                     show_default=True, help="Folder for the report files."),
        click.option("--format", "formats", default="html,json", show_default=True,
                     help="Comma-separated report formats: html, json."),
        click.option("--profile", type=click.Choice(sorted(PROFILES)), default="distribution", show_default=True,
                     help="Category weights matching the integration's job."),
        click.option("--marketplace", default="auto", show_default=True, metavar="ID",
                     help="The store (`listing-audit marketplaces` lists them); auto detects it from the page."),
        click.option("--max-pages", type=click.IntRange(1, 100_000), default=CrawlSettings.max_pages, show_default=True),
        click.option("--max-depth", type=click.IntRange(0, 50), default=CrawlSettings.max_depth, show_default=True),
        click.option("--timeout", type=click.FloatRange(0.5, 600), default=CrawlSettings.timeout, show_default=True,
                     help="Seconds per request."),
        click.option("--budget", type=click.FloatRange(1, 86_400), default=CrawlSettings.budget, show_default=True,
                     help="Seconds for the whole crawl; past it the report is marked partial."),
        click.option("--no-browser", is_flag=True, help="Fetch every page statically; no Chromium."),
        click.option("--allow-host", "allow_hosts", multiple=True, metavar="HOST",
                     help="Only ever contact these hosts (repeatable). Default: any."),
        click.option("--ignore-robots", is_flag=True, help="Do not honour robots.txt (only for your own sites)."),
        click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
                     help="Exit 1 when the overall score is below this."),
        click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
                     help="Config file (default: ./listing-audit.toml, else [tool.listing-audit] in ./pyproject.toml)."),
        click.option("-v", "--verbose", is_flag=True, help="Say which browser and config were used and list each page."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command()
@click.argument("target", required=False)
@_crawl_options
@click.option("--save-snapshot", "save_snapshot_to", type=click.Path(path_type=Path), default=None,
              help="Keep the crawl in this folder so it can be re-scored offline.")
@click.option("--from-snapshot", type=click.Path(path_type=Path), default=None,
              help="Re-score a saved crawl; no network.")
@click.pass_context
def audit(ctx: click.Context, target: str | None, save_snapshot_to: Path | None, from_snapshot: Path | None,
          **opts: Any) -> None:
    """Crawl TARGET (a listing URL), audit it and write the report."""
    ctx.meta["verbose"] = opts["verbose"]
    formats = parse_formats(opts["formats"])
    crawl_settings, audit_settings = _settings(ctx, opts)
    if from_snapshot is not None:
        snapshot = load_snapshot(from_snapshot)
    else:
        if not target:
            raise UsageError("give a listing URL to audit (or --from-snapshot DIR)")
        snapshot = gather(_check_url(target), crawl_settings, _progress(opts["verbose"]), audit_settings.marketplace)
        _say_browser(snapshot.browser, opts["verbose"])
        if save_snapshot_to is not None:
            click.echo(f"snapshot saved: {save_snapshot(snapshot, save_snapshot_to)}", err=True)
    report = audit_snapshot(snapshot, audit_settings)
    _finish(ctx, report, opts["out_dir"], formats, opts["fail_under"])


@main.command()
@click.option("--site", type=click.Choice(DEMO_SITES), default="strong", show_default=True,
              help="Which bundled fixture listing to audit.")
@_crawl_options
@click.pass_context
def demo(ctx: click.Context, site: str, **opts: Any) -> None:
    """Serve the bundled fixture marketplace on 127.0.0.1 and audit one listing."""
    ctx.meta["verbose"] = opts["verbose"]
    if not FIXTURES_ROOT.is_dir():
        raise UsageError(f"the fixture sites are missing ({FIXTURES_ROOT}); run the demo from a source checkout")
    formats = parse_formats(opts["formats"])
    crawl_settings, audit_settings = _settings(ctx, opts)
    started = time.perf_counter()
    with FixtureServer() as server:
        target = f"{server.url}/{site}/listing/"
        click.echo(f"serving the fixture marketplace at {server.url}; auditing {target}", err=True)
        snapshot = gather(target, replace(crawl_settings, allow_hosts=frozenset({"127.0.0.1"})),
                          _progress(opts["verbose"]), audit_settings.marketplace)
    _say_browser(snapshot.browser, opts["verbose"])
    report = audit_snapshot(snapshot, audit_settings)
    click.echo(f"audited in {time.perf_counter() - started:.1f}s", err=True)
    _finish(ctx, report, opts["out_dir"], formats, opts["fail_under"])


@main.command("checks")
@click.option("--category", type=click.Choice(sorted(CATEGORY_TITLES)), default=None, help="Only this category.")
@click.option("--marketplace", default=None, help="Only checks that apply on this marketplace.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
def list_checks(category: str | None, marketplace: str | None, fmt: str) -> None:
    """List the check catalogue (markdown: the full rule reference, as in docs/rules.md)."""
    chosen = catalogue.select(load_checks(), category, marketplace)
    render = {"table": catalogue.as_table, "json": catalogue.as_json, "markdown": catalogue.as_markdown}[fmt]
    text = render(chosen)
    click.echo(text, nl=not text.endswith("\n"))


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
               + (" · blocker" if check.blocker else ""))
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


def _check_url(target: str) -> str:
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"not a listing URL: {target!r} (expected http:// or https://)")
    return target


def _settings(ctx: click.Context, opts: dict[str, Any]) -> tuple[CrawlSettings, AuditSettings]:
    """Defaults, then the config file, then flags given on the command line."""
    path = opts["config_path"] or discover(Path.cwd())
    file = load_config(path)
    if opts["verbose"]:
        click.echo(f"config: {path or 'none (defaults)'}", err=True)

    def given(name: str) -> bool:
        return ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, None)

    crawl = dict(file.crawl)
    for name in ("max_pages", "max_depth", "timeout", "budget"):
        if given(name) or name not in crawl:
            crawl[name] = opts[name]
    if given("no_browser"):
        crawl["use_browser"] = not opts["no_browser"]
    if given("ignore_robots"):
        crawl["respect_robots"] = not opts["ignore_robots"]
    if given("allow_hosts"):
        crawl["allow_hosts"] = frozenset(h.lower() for h in opts["allow_hosts"])
    profile = opts["profile"] if given("profile") or file.profile is None else file.profile
    marketplace = opts["marketplace"] if given("marketplace") or file.marketplace is None else file.marketplace
    if marketplace != "auto":
        adapter_for(marketplace)  # an unknown id is a usage error before anything is fetched
    return CrawlSettings(**crawl), AuditSettings(profile=profile, marketplace=marketplace, weights=file.weights,
                                                 waivers=file.waivers)


def _progress(verbose: bool) -> Callable[[Page], None]:
    counter = {"n": 0}

    def on_page(page: Page) -> None:
        counter["n"] += 1
        if verbose:
            outcome = page.error or page.status
            click.echo(f"  [{counter['n']:>3}] {outcome} {page.fetched_via:<7} {page.url}", err=True)
        elif sys.stderr.isatty():
            click.echo(f"\rcrawling… {counter['n']} pages", err=True, nl=False)

    return on_page


def _say_browser(browser: str | None, verbose: bool) -> None:
    if sys.stderr.isatty() and not verbose:
        click.echo("", err=True)
    if verbose:
        click.echo(f"browser: {browser or 'none (static fetch only)'}", err=True)


def _finish(ctx: click.Context, report: Report, out_dir: Path, formats: list[str], fail_under: float | None) -> None:
    paths = write_reports(report, out_dir, formats)
    for path in paths:
        click.echo(str(path.resolve()))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:  # GitHub Actions shows this file on the run's summary page
        append_step_summary(report, Path(summary_file))
    if report.verdict == "unavailable":
        click.echo(f"listing-audit: the listing at {report.target} is not available on {report.marketplace} "
                   "(delisted, removed or not found); nothing was scored", err=True)
        ctx.exit(EXIT_UNAVAILABLE)
    click.echo(f"score {report.score:.0f}/100 · {report.verdict} · {report.marketplace}"
               + (f" · blockers: {', '.join(report.blockers)}" if report.blockers else ""), err=True)
    if fail_under is not None and report.score < fail_under:
        click.echo(f"listing-audit: score {report.score:.1f} is under --fail-under {fail_under:g}", err=True)
        ctx.exit(EXIT_ASSERTIONS_FAILED)
