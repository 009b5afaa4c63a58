"""The portfolio dashboard of `listing-audit batch`: portfolio.html (for people), portfolio.json (the versioned
contract) and portfolio.csv (for spreadsheets).

The HTML follows the single report's safety rules (autoescaped strings, links only to http(s) URLs, nothing
loaded from outside) with one exception: a small constant script sorts the listings table. It holds no data
(it reads the cells' `data-sort` attributes) and the Content-Security-Policy allows exactly it, by its hash.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from auditor.judge.check import CATEGORY_TITLES
from auditor.portfolio.build import Portfolio
from auditor.portfolio.rows import VERDICTS, PortfolioRow
from auditor.portfolio.stakes import KILL_CRITERIA
from auditor.report import operating_review, write_file
from auditor.report.html import CONTENT_SECURITY_POLICY, stylesheet
from auditor.report.markdown import VERDICT
from auditor.report.spreadsheet import table
from auditor.report.templates import environment
from auditor.report.trend import portfolio_trend_view
from auditor.serialize import to_data

SCHEMA_VERSION = "1.1"
FILES = ("portfolio.html", "portfolio.json", "portfolio.csv", operating_review.FILE)
VERDICT_LABELS = {**VERDICT, "error": "Error"}
#: the row fields portfolio.json leaves out (for people only)
_INTERNAL = ("blocker_titles",)
_RELATIVE = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?![/\\])[^\\]+$")

#: sorts a table.sortable by the column whose header button was clicked, by each cell's data-sort value
#: (numbers for data-type="number" headers); empty values sort last either way
SORT_SCRIPT = """(function () {
  "use strict";
  function value(cell, numeric) {
    var raw = cell.getAttribute("data-sort");
    if (raw === null) { raw = cell.textContent.trim(); }
    if (!numeric) { return raw === "" ? null : raw.toLowerCase(); }
    var n = parseFloat(raw);
    return isNaN(n) ? null : n;
  }
  function sortBy(table, th, col) {
    var numeric = th.getAttribute("data-type") === "number";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a.cells[col], numeric), y = value(b.cells[col], numeric);
      if (x === y) { return 0; }
      if (x === null) { return 1; }
      if (y === null) { return -1; }
      var order = numeric ? x - y : x.localeCompare(y);
      return ascending ? order : -order;
    });
    Array.prototype.forEach.call(th.parentNode.cells, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach(function (row) { body.appendChild(row); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var button = th.querySelector("button");
      if (button) { button.addEventListener("click", function () { sortBy(table, th, col); }); }
    });
  });
}());"""


def script_hash(script: str = SORT_SCRIPT) -> str:
    """The CSP source that allows exactly this inline script: 'sha256-<base64 digest>'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(script: str = SORT_SCRIPT) -> str:
    """The single report's policy, plus the one inline script by its hash."""
    return f"{CONTENT_SECURITY_POLICY}; script-src {script_hash(script)}"


def render_html(p: Portfolio) -> str:
    """The dashboard as one self-contained HTML document."""
    if "</" in SORT_SCRIPT:  # it is inlined unescaped; it must not be able to end its own element
        raise ValueError("the sort script must not contain '</'")
    env = environment()
    env.filters["report_href"] = report_href
    return env.get_template("portfolio.html.j2").render(
        p=p, css=stylesheet("report.css") + stylesheet("portfolio.css") + stylesheet(operating_review.STYLESHEET),
        csp=content_security_policy(), script=Markup(SORT_SCRIPT), categories=CATEGORY_TITLES,
        verdicts=VERDICT_LABELS, verdict_rank={v: i for i, v in enumerate(VERDICTS)},
        operating=operating_review.operating_view(p), trends=portfolio_trend_view(p.trends, CATEGORY_TITLES),
        kill_criteria=KILL_CRITERIA,
    )


def report_href(path: object) -> str | None:
    """A listing's report path as a relative href (percent-encoded); None for anything with a scheme or a root."""
    if not isinstance(path, str) or not _RELATIVE.match(path) or ".." in path.split("/"):
        return None
    return quote(path)


# ------------------------------------------------------------ JSON


def render_json(p: Portfolio) -> str:
    """portfolio.json: the versioned contract (`schema_version`), documented in docs/portfolio.md."""
    return json.dumps(portfolio_data(p), indent=2, ensure_ascii=False) + "\n"


def portfolio_data(p: Portfolio) -> dict[str, Any]:
    """The portfolio as JSON-ready data."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool_version": p.tool_version,
        "generated_at": p.generated_at,
        "summary": {
            "listings": len(p.rows),
            "scored": sum(1 for r in p.rows if r.audited),
            "errors": p.verdict_counts.get("error", 0),
            "bad_rows": len(p.row_errors),
            "verdict_counts": p.verdict_counts,
            "mean_score": p.mean_score,
            "category_means": p.category_means,
        },
        "criteria": {"fix": to_data(p.criteria.fix), "kill": to_data(p.criteria.kill)},
        "rows": [_row_data(r) for r in p.rows],
        "groups": to_data(p.groups),
        "fix_list": to_data(p.fix_list),
        "kill_list": to_data(p.kill_list),
        "deltas": to_data(p.deltas),
        "row_errors": to_data(p.row_errors),
        "operating_review": operating_review.review_data(p),
    }


def _row_data(row: PortfolioRow) -> dict[str, Any]:
    data: dict[str, Any] = to_data(row)
    return {k: v for k, v in data.items() if k not in _INTERNAL}


# ------------------------------------------------------------ CSV


def csv_columns() -> list[str]:
    """The CSV's columns, in order."""
    return ["key", "line", "target", "name", "marketplace", "profile", "owner", "segment", "score", "verdict",
            *(f"score_{c}" for c in CATEGORY_TITLES), "blockers", "top_fixes", "review_count", "recent_reviews",
            "docs_age_days", "scope", "list", "score_delta", "previous_verdict", "report", "error", "attempts",
            "seconds"]


def render_csv(p: Portfolio) -> str:
    """portfolio.csv: one row a listing, flat columns; text that a spreadsheet would run as a formula is defused."""
    return table(csv_columns(), _csv_rows(p))


def _csv_rows(p: Portfolio) -> Iterator[list[Any]]:
    listed = {**{c.key: "fix" for c in p.fix_list}, **{c.key: "kill" for c in p.kill_list}}
    before = p.deltas.listings if p.deltas else {}
    for r in p.rows:
        delta = before.get(r.target)
        yield [r.key, r.line, r.target, r.name, r.marketplace, r.profile, r.owner, r.segment, r.score, r.verdict,
               *(r.categories.get(c) for c in CATEGORY_TITLES), ";".join(r.blockers),
               "; ".join(f"{f.id} (+{f.gain:g})" for f in r.top_fixes), r.review_count, r.recent_reviews,
               r.docs_age_days, r.scope, listed.get(r.key), delta.score_delta if delta else None,
               delta.verdict_before if delta else None, r.report, r.error, r.attempts, r.seconds]


# ------------------------------------------------------------ files


def write_portfolio(p: Portfolio, out_dir: Path) -> list[Path]:
    """Write portfolio.html, portfolio.json, portfolio.csv and operating-review.csv atomically into `out_dir`;
    returns their paths."""
    rendered = (render_html(p), render_json(p), render_csv(p), operating_review.render_csv(p))
    return [write_file(out_dir, name, content) for name, content in zip(FILES, rendered, strict=True)]
