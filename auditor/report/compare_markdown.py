"""The comparison as Markdown, for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

Every string that comes from a report.json (listing names, titles, file names, URLs) goes through the same
escaping as the single-report summary (`markdown._cell`); links are written only for http(s) URLs.
"""

from __future__ import annotations

from auditor.compare import CheckCell, Comparison, Mismatch
from auditor.formatting import plural
from auditor.report.markdown import STATUS_ICON, VERDICT, _cell
from auditor.report.templates import safe_href


def render(comparison: Comparison) -> str:
    """Scores, verdicts, marketplaces, profiles and categories side by side, then the checks that differ."""
    columns = comparison.columns
    names = [_cell(c.name) for c in columns]
    header = "| | " + " | ".join(names) + " |"
    rule = "|---|" + "---|" * len(columns)
    lines = [f"## Listing comparison: {' vs '.join(names)}", ""]
    lines += [f"> ⚠️ Not like for like: {_mismatch(m)}" for m in comparison.mismatches]
    if comparison.mismatches:
        lines.append("")
    lines += [header, rule]
    lines.append("| Score | " + " | ".join(_overall(c.score, c.score_delta) for c in columns) + " |")
    lines.append("| Verdict | " + " | ".join(_cell(VERDICT.get(c.verdict, c.verdict) or "–") for c in columns) + " |")
    lines.append("| Marketplace | " + " | ".join(_cell(c.marketplace_name or "–") for c in columns) + " |")
    lines.append("| Profile | " + " | ".join(_cell(c.profile or "–") for c in columns) + " |")
    lines.append("| Blockers | " + " | ".join(_cell(", ".join(c.blockers)) or "none" for c in columns) + " |")
    lines.append("| Listing | " + " | ".join(_link(c.target) for c in columns) + " |")
    lines.append("| Report | " + " | ".join(_cell(c.file) for c in columns) + " |")

    if comparison.categories:
        lines += ["", "### Categories", "", "| Category | " + " | ".join(names) + " |",
                  "|---|" + "---:|" * len(columns)]
        lines += [f"| {_cell(row.title)} | " + " | ".join(map(_category, row.scores, row.deltas)) + " |"
                  for row in comparison.categories]

    lines += ["", f"### Checks that differ ({comparison.differing_count})", "",
              f"{plural(comparison.agreeing, 'check')} with the same status in every report "
              f"{'is' if comparison.agreeing == 1 else 'are'} not listed."]
    for group in comparison.differing:
        lines += ["", f"**{_cell(group.title)}** ({len(group.checks)})", "",
                  "| Check | " + " | ".join(names) + " |", rule]
        lines += [f"| **{_cell(row.id)}** {_cell(row.title)} | " + " | ".join(_check(cell) for cell in row.cells) + " |"
                  for row in group.checks]
    lines.append("")
    return "\n".join(lines)


def _mismatch(mismatch: Mismatch) -> str:
    values = "; ".join(f"{_cell(value)} ({', '.join(_cell(n) for n in names)})" for value, names in mismatch.groups)
    return f"compared across {mismatch.what}: {values}"


def _overall(score: float | None, delta: float | None) -> str:
    if score is None:
        return "–"
    return f"**{score:.0f}/100**" + ("" if delta is None else f" ({delta:+.1f})")


def _category(score: float | None, delta: float | None) -> str:
    if score is None:
        return "–"
    return f"{score:.0f}" + ("" if delta is None else f" ({delta:+.0f})")


def _check(cell: CheckCell) -> str:
    if cell.status is None:
        return "— not run"
    icon = STATUS_ICON.get(cell.status, "")
    score = "" if cell.score is None else f" {cell.score * 100:.0f}"
    return f"{icon} {_cell(cell.status)}{score}".strip()


def _link(url: str) -> str:
    """A Markdown link to an http(s) URL (encoded so it cannot end the link or the table cell); other text as text."""
    text = _cell(url) or "–"
    if not safe_href(url):
        return text
    href = url.strip()
    for char, code in (("\\", "%5C"), ("|", "%7C"), ("(", "%28"), (")", "%29")):
        href = href.replace(char, code)
    return f"[{text}]({href})"
