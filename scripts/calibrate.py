"""`make calibrate`: are the verdicts right on real listings? Each check's fail/warn verdicts against a careful
reader's labels.

Usage: python scripts/calibrate.py [--corpus DIR] [--snapshots DIR] [--no-browser] [--show WHICH] [--json FILE]

Audits every page of ../shared/corpus/real/ as a user's audit would (served on 127.0.0.1, only loopback allowed,
so the vendors' own pages on other hosts are out of scope), then compares each check's status with
real/judgements.csv: every `fail`/`warn` verdict an earlier build gave there, labelled `correct`, `wrong-rule`,
`wrong-extraction`, `offline` (judged missing although only not fetched) or `stale-capture`. Prints, per check,
how many verdicts labelled wrong are still fail/warn, how many labelled correct are not, and how often each
check fails on the listings it applies to.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from _realcorpus import CORPUS, Case, real_cases, served

from auditor.config import AuditSettings, CrawlSettings
from auditor.crawl import crawl
from auditor.model import CheckResult, Report, Snapshot
from auditor.pipeline import audit_snapshot
from auditor.serialize import from_data, to_data

#: the day the labels were written: review ages and freshness are judged as of then
LABELLED_ON = date(2026, 12, 7)
#: the issue's targets
MAX_WRONG_STILL_FLAGGED = 0.10
MIN_CORRECT_STILL_FLAGGED = 0.90
MAX_FAIL_SHARE = 0.80
FLAGGED = ("fail", "warn")


@dataclass(frozen=True)
class Label:
    """One labelled verdict of judgements.csv."""

    page: str
    check: str
    status: str
    label: str
    reason: str


def labels(corpus: Path = CORPUS) -> list[Label]:
    """Every row of real/judgements.csv."""
    with (corpus / "real" / "judgements.csv").open(encoding="utf-8") as handle:
        return [Label(r["page"], r["check_id"], r["status"], r["label"], r["reason"]) for r in csv.DictReader(handle)]


def settings(browser: bool) -> CrawlSettings:
    """A user's audit of the page as served on loopback: default bounds, only 127.0.0.1, no cache."""
    return CrawlSettings(use_browser=browser, respect_robots=False, allow_hosts=frozenset({"127.0.0.1"}),
                         cache_dir=None, timeout=20, budget=60)


def audit_snapshot_of(case: Case, base: str, browser: bool, keep: Path | None, corpus: Path) -> Snapshot:
    """The audit crawl of one page (kept in `keep` by the page's bytes and the mode, to iterate on checks)."""
    import hashlib

    stored = None
    if keep is not None:
        digest = hashlib.sha256((corpus / case.path).read_bytes()).hexdigest()[:16]
        stored = keep / f"{case.path.replace('/', '__')}.{digest}.audit-{'browser' if browser else 'static'}.json"
        if stored.is_file():
            return from_data(Snapshot, json.loads(stored.read_text(encoding="utf-8")))
    taken = crawl(f"{base}/{case.path}", settings(browser))
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(json.dumps(to_data(taken)), encoding="utf-8")
    return taken


def audit_all(cases: list[Case], browser: bool, keep: Path | None, corpus: Path,
              as_captured: bool = False) -> dict[str, Report]:
    """Every page's report, by its truth.json key: judged as of the labels' day, or of the day each page was
    captured (a page saved a year ago has no review from last month, whatever the rule)."""
    reports = {}
    with served(corpus) as base:
        for case in cases:
            snapshot = audit_snapshot_of(case, base, browser, keep, corpus)
            today = captured_on(case) if as_captured else LABELLED_ON
            reports[case.path.removeprefix("real/")] = audit_snapshot(snapshot, AuditSettings(today=today))
    return reports


def captured_on(case: Case) -> date:
    """The day a page was saved (truth.json's `captured`: a day, or a month read as its first day)."""
    text = str(case.truth.get("captured") or "")
    parts = [int(p) for p in text.split("-") if p.isdigit()]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1) if parts else \
        LABELLED_ON


@dataclass
class Tally:
    """Per check: labelled verdicts by label and whether each is still flagged, and how often it fails."""

    still: Counter[tuple[str, str]] = field(default_factory=Counter)
    total: Counter[tuple[str, str]] = field(default_factory=Counter)
    offline_failing: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    applies: Counter[str] = field(default_factory=Counter)
    fails: Counter[str] = field(default_factory=Counter)


def status_of(report: Report, check: str) -> str:
    """What the check said on this page now ("absent" when it did not run)."""
    result: CheckResult | None = next((r for r in report.checks if r.id == check), None)
    return result.status if result is not None else ("unavailable" if report.verdict == "unavailable" else "absent")


def compare(reports: dict[str, Report], rows: list[Label]) -> Tally:
    """Each label against the check's status now."""
    tally = Tally()
    for row in rows:
        report = reports.get(row.page)
        if report is None:
            continue
        now = status_of(report, row.check)
        flagged = now in FLAGGED
        group = "wrong" if row.label in ("wrong-rule", "wrong-extraction") else row.label
        tally.total[(row.check, group)] += 1
        tally.still[(row.check, group)] += int(flagged)
        if row.label == "offline" and now == "fail":
            tally.offline_failing.append(f"{row.page} {row.check}")
        if (group == "wrong" and flagged) or (group == "correct" and not flagged) or (row.label == "offline" and
                                                                                     now == "fail"):
            tally.lines.append(f"  {row.page} {row.check}: now {now}, labelled {row.label} ({row.reason[:110]})")
    return tally


def fail_shares(reports: dict[str, Report], tally: Tally) -> None:
    """How often each check fails on the listings it applies to (judged or unverified, not n/a)."""
    for report in reports.values():
        for result in report.checks:
            if result.status in ("fail", "warn", "pass", "unverified"):
                tally.applies[result.id] += 1
                tally.fails[result.id] += int(result.status == "fail")


def shares(tally: Tally) -> dict[str, float]:
    """The three headline shares over all checks."""
    def share(group: str) -> float:
        total = sum(n for (_, g), n in tally.total.items() if g == group)
        return sum(n for (_, g), n in tally.still.items() if g == group) / total if total else 0.0

    return {"wrong_still_flagged": share("wrong"), "correct_still_flagged": share("correct"),
            "offline_failing": float(len(tally.offline_failing))}


def too_often(tally: Tally, listings: int) -> list[str]:
    """Checks that fail on more than MAX_FAIL_SHARE of the real listings they apply to (at least 5 of them)."""
    return [f"{check}: fails on {tally.fails[check]} of {tally.applies[check]} listings it applies to"
            for check in sorted(tally.applies)
            if tally.applies[check] >= 5 and tally.fails[check] / tally.applies[check] > MAX_FAIL_SHARE]


def _cell(tally: Tally, check: str, group: str) -> str:
    """"still/total" for one check and one label group, "-" where the group has no labels."""
    total = tally.total[(check, group)]
    return f"{tally.still[(check, group)]}/{total}" if total else "-"


def table(tally: Tally) -> list[str]:
    """Per check: wrong still flagged, correct still flagged, fail share."""
    checks = sorted({c for c, _ in tally.total} | set(tally.applies))
    lines = [f"  {'check':<13}{'wrong still fail/warn':>24}{'correct still fail/warn':>26}"
             f"{'fails where it applies':>25}"]
    for check in checks:
        applies = tally.applies[check]
        lines.append(f"  {check:<13}{_cell(tally, check, 'wrong'):>24}{_cell(tally, check, 'correct'):>26}"
                     f"{(f'{tally.fails[check]}/{applies}' if applies else '-'):>25}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-browser", action="store_true", help="static fetch only (no Chromium render)")
    parser.add_argument("--snapshots", type=Path, help="keep and reuse each page's crawl here (for iterating)")
    parser.add_argument("--show", choices=("none", "misses", "table"), default="table",
                        help="misses: list every verdict still at odds with its label")
    parser.add_argument("--json", type=Path, help="also write the shares as JSON to this file")
    args = parser.parse_args(argv)
    if not (args.corpus / "real" / "judgements.csv").is_file():
        print(f"labels not found: {args.corpus}/real/judgements.csv", file=sys.stderr)
        return 2
    started = time.monotonic()
    cases = real_cases(args.corpus)
    reports = audit_all(cases, not args.no_browser, args.snapshots, args.corpus)
    rows = labels(args.corpus)
    tally = compare(reports, rows)
    # how often a check fails is a property of the rule on live listings: judge each page as of its capture
    fail_shares(audit_all(cases, not args.no_browser, args.snapshots, args.corpus, as_captured=True), tally)
    headline = shares(tally)
    counts = Counter(r.label for r in rows)
    out = [f"Verdicts against {len(rows)} labels on {len(reports)} real listings "
           f"({', '.join(f'{n} {k}' for k, n in counts.most_common())}), judged as of {LABELLED_ON}", ""]
    if args.show != "none":
        out += table(tally) + [""]
    out += [f"labelled wrong-rule or wrong-extraction, still fail/warn: {headline['wrong_still_flagged']:.1%} "
            f"(target at most {MAX_WRONG_STILL_FLAGGED:.0%})",
            f"labelled correct, still fail/warn: {headline['correct_still_flagged']:.1%} "
            f"(target at least {MIN_CORRECT_STILL_FLAGGED:.0%})",
            f"labelled offline, now fail: {len(tally.offline_failing)} (target 0)"]
    frequent = too_often(tally, len(reports))
    out += [f"checks failing on more than {MAX_FAIL_SHARE:.0%} of the listings they apply to (each page judged as "
            f"of its capture): {len(frequent)}",
            *("  " + f for f in frequent), f"time: {time.monotonic() - started:.1f} s"]
    print("\n".join(out))
    if args.show == "misses":
        print("\nVerdicts still at odds with their labels:\n" + "\n".join(sorted(tally.lines)))
    if args.json:
        by_check: dict[str, dict[str, list[int]]] = defaultdict(dict)
        for (check, group), total in tally.total.items():
            by_check[check][group] = [tally.still[(check, group)], total]
        args.json.write_text(json.dumps({**headline, "too_often": frequent, "by_check": by_check}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
