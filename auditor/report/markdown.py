"""The Markdown summary: sized for a pull-request comment and `$GITHUB_STEP_SUMMARY`."""

from __future__ import annotations

from auditor import formatting as fmt
from auditor.model import CheckResult, Report

STATUS_ICON = {"pass": "✅", "warn": "⚠️", "fail": "❌", "error": "💥", "not-applicable": "➖", "unverified": "❔",
               "exempt": "🏳️", "manual": "☐"}
VERDICT = {"ready": "Ready", "needs-work": "Needs work", "not-ready": "Not ready", "unavailable": "Unavailable"}
MAX_ROWS = 25


def render(report: Report) -> str:
    """A short report: verdict, categories, blockers, top fixes and the checks that did not pass."""
    name = _cell(report.listing.name or report.target)
    lines = [f"## Listing readiness: {name}", "",
             f"**{report.score:.0f}/100 · {VERDICT[report.verdict]}** · {report.marketplace_name or report.marketplace}"
             f" · profile `{report.profile}` · {_target(report.target)}", ""]
    if report.crawl.get("partial"):
        warnings = report.crawl.get("warnings")
        notes = warnings if isinstance(warnings, list) else []
        lines[1:1] = ["", "> ⚠️ This audit is partial. " + _cell(fmt.sentences(map(str, notes)))]
    if report.verdict == "unavailable":
        return "\n".join(lines + ["The store says this listing is not available (delisted or removed); "
                                  "nothing was scored.", ""])
    lines += ["| Category | Score | Checks ran |", "|---|---:|---:|"]
    lines += [f"| {c.title} | {fmt.score(c.score)} | {c.checks_ran}/{c.checks_total} |"
              for c in report.categories.values()]
    if report.baseline is not None:
        diff = report.baseline
        lines += ["", f"**Since the baseline:** score {fmt.signed(diff.score_delta)} · "
                  f"{fmt.plural(len(diff.regressions), 'regression')} · "
                  f"{fmt.plural(len(diff.improvements), 'improvement')}"]
        lines += [f"> {_cell(note)}" for note in diff.notes]
        lines += [f"- 🔻 **{c.id}** {_cell(c.title)}: {c.before} → {c.after}" for c in diff.regressions]
        lines += [f"- 🔺 **{c.id}** {_cell(c.title)}: {c.before} → {c.after}" for c in diff.improvements]
    blockers = [c for c in report.checks if c.blocker]
    if blockers:
        lines += ["", "### Blockers", ""] + [f"- ❌ **{c.id}** {_cell(c.title)}: {_cell(c.summary)}" for c in blockers]
    if report.top_fixes:
        lines += ["", "### Fix these first", ""]
        lines += [f"{i}. **{f.id}** {_cell(f.title)} ({fmt.points(f.gain)}){' · blocker' if f.blocker else ''}"
                  for i, f in enumerate(report.top_fixes, 1)]
    lines += _failing(report.checks)
    manual = [c for c in report.checks if c.status == "manual"]
    if manual:
        lines += ["", "<details><summary>Confirm before you submit</summary>", ""]
        lines += [f"- [ ] **{c.id}** {_cell(c.summary)}" for c in manual] + ["", "</details>"]
    stale = [w for w in report.waivers if w.state in ("stale", "expired")]
    if stale:
        lines += ["", "### Waivers to review", ""] + [f"- `{w.check}` {w.state}: {_cell(w.detail)}" for w in stale]
    fetched = report.crawl.get("pages_fetched")
    pages = fmt.plural(fetched if isinstance(fetched, int) else 0, "page")
    lines += ["", f"<sub>listing-audit {report.tool_version} · {pages} · {fmt.date(report.generated_at)}</sub>", ""]
    return "\n".join(lines)


def _failing(checks: list[CheckResult]) -> list[str]:
    """The checks that need work, the store's requirements apart from the recommendations, then the unverified."""
    rows = [c for c in checks if c.status in ("fail", "warn", "error")]
    out = ["", "All checks pass. 🎉"] if not rows else []
    rows.sort(key=lambda c: ({"fail": 0, "error": 1, "warn": 2}[c.status], -c.weight, c.id))
    budget = MAX_ROWS
    for level, heading in (("requirement", "Store requirements that need work"),
                           ("recommendation", "Recommendations")):
        shown = [c for c in rows if c.level == level]
        if not shown:
            continue
        out += ["", f"### {heading} ({len(shown)})", "", "| | Check | Finding |", "|---|---|---|"]
        out += [f"| {STATUS_ICON[c.status]} | **{c.id}** {_cell(c.title)} | {_cell(c.summary)} |"
                for c in shown[:budget]]
        if len(shown) > budget:
            out.append(f"| | … | and {len(shown) - budget} more in report.html |")
        budget = max(5, budget - len(shown))
    unverified = [c for c in checks if c.status == "unverified"]
    if unverified:
        out += ["", f"<details><summary>Not verified ({len(unverified)}): their evidence was not seen</summary>", ""]
        out += [f"- ❔ **{c.id}** {_cell(c.title)}: {_cell(c.summary)}" for c in unverified] + ["", "</details>"]
    return out


def _cell(text: str) -> str:
    """Scraped text made safe for a table cell: no pipes, no newlines, no HTML, no Markdown links or images."""
    text = " ".join(str(text).split())
    for char in "\\|<>[]`*_!":
        text = text.replace(char, "\\" + char)
    text = text.replace("@", "@\u200b")  # "@org/team" in a listing name must not notify anyone in a PR comment
    return text[:300] + ("…" if len(text) > 300 else "")


def _target(target: str) -> str:
    """The audited target: a link when it is a web address, else the file or folder as code (never a `(#)` link)."""
    if target.startswith(("http://", "https://")):
        return f"[{_cell(target)}]({target.replace(')', '%29').replace(' ', '%20')})"
    return "`" + target.replace("`", "'") + "`"
