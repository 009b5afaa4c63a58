"""`listing-audit compare`: reports side by side; only checks whose status differs are listed, the rest counted;
every string from a report.json is escaped in HTML and Markdown; the HTML loads nothing and runs nothing."""

from __future__ import annotations

import json
import re
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pytest
from bs4 import BeautifulSoup

import auditor.compare
import auditor.judge.baseline
from auditor.compare import Comparison, build, load_reports
from auditor.config import AuditSettings
from auditor.errors import UsageError
from auditor.fixture_server import FIXTURES_ROOT
from auditor.model import CategoryScore, CheckResult, Listing, Page, Report, Snapshot, Status
from auditor.pipeline import audit_snapshot
from auditor.report import compare_html, compare_markdown
from auditor.report.html import CONTENT_SECURITY_POLICY
from auditor.serialize import to_data
from tests.report.soup import attr_of, one
from tests.report.test_html_report import PAYLOAD, assert_inert

CATEGORY_TITLES = {"documentation": "Documentation", "packaging": "Packaging", "trust": "Trust & support"}
HOSTILE_NAME = ("<script>alert(1)</script> | pipe | [click](javascript:alert(1)) "
                "![x](https://evil.example/x.png) `code` **b**")


Verdict = Literal["ready", "needs-work", "not-ready", "unavailable"]


def report(name: str | None, checks: dict[str, tuple[Status, float | None]], *, score: float = 80.0,
           verdict: Verdict = "needs-work", categories: dict[str, float | None] | None = None,
           profile: str = "distribution", marketplace: str = "generic", marketplace_name: str = "Any store (generic)",
           target: str = "https://marketplace.example/apps/acme", title: str | None = None) -> dict[str, Any]:
    """A report.json as `auditor.report.json` writes it: `checks` maps an id ("DOC101") to (status, score)."""
    prefixes = {"DOC": "documentation", "PKG": "packaging", "TRU": "trust"}
    results = [CheckResult(check_id, prefixes.get(check_id[:3], "other"), title or f"Check {check_id}", status,
                           value, 1.0, "medium")
               for check_id, (status, value) in checks.items()]
    cats = categories if categories is not None else {"documentation": 90.0, "packaging": 70.0, "trust": 80.0}
    return to_data(Report(
        schema_version="1.0", tool_version="test", generated_at="2026-06-01T00:00:00+00:00", target=target,
        marketplace=marketplace, profile=profile, score=score, verdict=verdict, blockers=[],
        categories={k: CategoryScore(k, CATEGORY_TITLES.get(k, k), v, 10, 1, 1) for k, v in cats.items()},
        checks=results, top_fixes=[], pages=[], links=[], listing=Listing(url=target, name=name), crawl={},
        marketplace_name=marketplace_name,
    ))


def listed(comparison: Comparison) -> list[str]:
    return [row.id for group in comparison.differing for row in group.checks]


def both(comparison: Comparison) -> tuple[str, str]:
    return compare_html.render(comparison), compare_markdown.render(comparison)


def write(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# ---------------------------------------------------------------- what is compared


def test_two_reports_list_the_checks_whose_status_differs_and_only_count_the_others():
    before = report("Acme", {"DOC101": ("pass", 1.0), "DOC102": ("pass", 1.0), "PKG201": ("fail", 0.0),
                             "TRU501": ("warn", 0.5)}, score=90.0)
    after = report("Acme", {"DOC101": ("fail", 0.2), "DOC102": ("pass", 0.8), "PKG201": ("fail", 0.0),
                            "TRU501": ("pass", 1.0)}, score=75.0)
    comparison = build([before, after], ["before.json", "after.json"])
    assert listed(comparison) == ["DOC101", "TRU501"]
    assert comparison.agreeing == 2  # DOC102 (same status, other score) and PKG201
    assert [g.title for g in comparison.differing] == ["Documentation", "Trust & support"]
    doc101 = comparison.differing[0].checks[0]
    assert [(c.status, c.score) for c in doc101.cells] == [("pass", 1.0), ("fail", 0.2)]
    assert [c.score_delta for c in comparison.columns] == [None, -15.0]

    html, md = both(comparison)
    for text in (BeautifulSoup(html, "lxml").get_text(" "), md):
        assert "DOC101" in text and "TRU501" in text
        assert "DOC102" not in text and "PKG201" not in text
        assert "2 checks with the same status in every report are not listed" in text
        assert "Checks that differ (2)" in text
    assert "| **DOC101** Check DOC101 | ✅ pass 100 | ❌ fail 20 |" in md
    assert "**75/100** (-15.0)" in md


def test_three_reports_side_by_side_with_a_check_missing_from_one():
    mine = report("Mine", {"DOC101": ("pass", 1.0), "DOC102": ("warn", 0.5), "PKG201": ("pass", 1.0)}, score=88.0,
                  verdict="ready")
    rival = report("Rival", {"DOC101": ("pass", 1.0), "DOC102": ("warn", 0.6), "PKG201": ("fail", 0.0)}, score=60.0)
    other = report("Other", {"DOC101": ("pass", 1.0), "DOC102": ("warn", 0.4)}, score=40.0, verdict="not-ready")
    comparison = build([mine, rival, other], ["mine.json", "rival.json", "other.json"])
    assert [c.name for c in comparison.columns] == ["Mine", "Rival", "Other"]
    assert listed(comparison) == ["PKG201"]
    assert comparison.agreeing == 2
    assert [c.status for c in comparison.differing[0].checks[0].cells] == ["pass", "fail", None]
    assert [c.score_delta for c in comparison.columns] == [None, -28.0, -48.0]

    html, md = both(comparison)
    assert "| | Mine | Rival | Other |" in md
    assert "| **PKG201** Check PKG201 | ✅ pass 100 | ❌ fail 0 | — not run |" in md
    assert "| Verdict | Ready | Needs work | Not ready |" in md
    soup = BeautifulSoup(html, "lxml")
    assert [th.get_text(" ", strip=True) for th in soup.select("table.diff thead th")] == [
        "Check", "Mine mine.json", "Rival rival.json", "Other other.json"]
    cells = [td.get_text(" ", strip=True) for td in soup.select("table.diff tbody td")]
    assert cells == ["PKG201 Check PKG201", "✓ Pass 100", "✕ Fail 0", "not run"]  # a shape beside each colour


def test_differing_checks_are_grouped_by_category_in_category_order():
    a = report("A", {"TRU501": ("pass", 1.0), "DOC101": ("pass", 1.0), "PKG201": ("pass", 1.0), "XYZ901": ("pass", 1.0),
                     "DOC102": ("pass", 1.0)})
    b = report("B", {"TRU501": ("fail", 0.0), "DOC101": ("warn", 0.5), "PKG201": ("pass", 1.0), "XYZ901": ("fail", 0.0),
                     "DOC102": ("fail", 0.0)})
    comparison = build([a, b], ["a.json", "b.json"])
    assert [(g.id, [r.id for r in g.checks]) for g in comparison.differing] == [
        ("documentation", ["DOC101", "DOC102"]), ("trust", ["TRU501"]), ("other", ["XYZ901"])]
    assert comparison.agreeing == 1
    md = compare_markdown.render(comparison)
    assert md.index("**Documentation** (2)") < md.index("**Trust & support** (1)") < md.index("**other** (1)")


def test_identical_reports_list_no_check():
    a = report("A", {"DOC101": ("pass", 1.0), "PKG201": ("fail", 0.0)})
    comparison = build([a, a], ["a.json", "b.json"])
    assert comparison.differing == [] and comparison.agreeing == 2
    html, md = both(comparison)
    assert "Checks that differ (0)" in md and "2 checks with the same status" in md
    assert BeautifulSoup(html, "lxml").select("table.diff") == []


def test_categories_with_no_score_show_a_dash_and_no_delta():
    a = report("A", {"DOC101": ("pass", 1.0)}, categories={"documentation": 90.0, "packaging": None})
    b = report("B", {"DOC101": ("pass", 1.0)}, categories={"documentation": 70.0, "packaging": 50.0, "trust": None})
    comparison = build([a, b], ["a.json", "b.json"])
    rows = {row.id: row for row in comparison.categories}
    assert list(rows) == ["documentation", "packaging", "trust"]
    assert (rows["documentation"].scores, rows["documentation"].deltas) == ([90.0, 70.0], [None, -20.0])
    assert (rows["packaging"].scores, rows["packaging"].deltas) == ([None, 50.0], [None, None])
    assert (rows["trust"].scores, rows["trust"].deltas) == ([None, None], [None, None])

    html, md = both(comparison)
    assert "| Documentation | 90 | 70 (-20) |" in md
    assert "| Packaging | – | 50 |" in md
    assert "| Trust & support | – | – |" in md
    soup = BeautifulSoup(html, "lxml")
    categories = one(soup, "h2", string="Categories").find_parent("section")
    assert categories is not None
    shown = {one(tr, "th").get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
             for tr in categories.select("tbody tr")}
    assert shown == {"Documentation": ["90", "70 -20"], "Packaging": ["–", "50"], "Trust & support": ["–", "–"]}


def test_an_unavailable_listing_with_no_checks_and_no_scores_compares():
    live = report("Live", {"DOC101": ("pass", 1.0)}, score=90.0, verdict="ready")
    gone = report("Gone", {}, score=0.0, verdict="unavailable", categories={"documentation": None})
    comparison = build([live, gone], ["live.json", "gone.json"])
    assert listed(comparison) == ["DOC101"] and comparison.agreeing == 0
    html, md = both(comparison)
    assert "| Verdict | Ready | Unavailable |" in md
    assert "| **DOC101** Check DOC101 | ✅ pass 100 | — not run |" in md
    assert_inert(html)


# ---------------------------------------------------------------- not like for like


def test_reports_of_different_profiles_and_marketplaces_are_flagged():
    a = report("Mine", {"DOC101": ("pass", 1.0)}, profile="distribution")
    b = report("Rival", {"DOC101": ("pass", 1.0)}, profile="workflow", marketplace="hubspot",
               marketplace_name="HubSpot App Marketplace")
    c = report("Third", {"DOC101": ("pass", 1.0)}, profile="distribution")
    comparison = build([a, b, c], ["a.json", "b.json", "c.json"])
    assert [(m.what, m.groups) for m in comparison.mismatches] == [
        ("marketplaces", [("Any store (generic)", ["Mine", "Third"]), ("HubSpot App Marketplace", ["Rival"])]),
        ("profiles", [("distribution", ["Mine", "Third"]), ("workflow", ["Rival"])]),
    ]
    html, md = both(comparison)
    assert "> ⚠️ Not like for like: compared across profiles: distribution (Mine, Third); workflow (Rival)" in md
    assert ("> ⚠️ Not like for like: compared across marketplaces: Any store (generic) (Mine, Third); "
            "HubSpot App Marketplace (Rival)") in md
    notices = [p.get_text(" ", strip=True) for p in BeautifulSoup(html, "lxml").select("p.notice")]
    assert len(notices) == 2
    assert "compared across profiles: distribution (Mine, Third); workflow (Rival)" in " ".join(notices[1].split())
    assert "compared across marketplaces:" in notices[0]


def test_reports_of_the_same_profile_and_marketplace_are_not_flagged():
    comparison = build([report("A", {}), report("B", {})], ["a.json", "b.json"])
    assert comparison.mismatches == []
    html, md = both(comparison)
    assert "compared across" not in md and "compared across" not in html


# ---------------------------------------------------------------- column names


def test_columns_are_named_after_the_listing_or_else_the_file_and_told_apart():
    same_a = report("Acme", {})
    same_b = report("Acme", {})
    unnamed = report(None, {})
    comparison = build([same_a, same_b, unnamed], ["base/report.json", "now/report.json", "rival.json"])
    assert [c.name for c in comparison.columns] == ["Acme (base/report.json)", "Acme (now/report.json)", "rival.json"]
    twins = build([report(None, {}), report(None, {})], ["report.json", "report.json"])
    assert [c.name for c in twins.columns] == ["report.json #1", "report.json #2"]
    long = build([report("x" * 500, {}), report("B", {})], ["a", "b"])
    assert len(long.columns[0].name) == auditor.compare.MAX_NAME and long.columns[0].listing_name == "x" * 500


# ---------------------------------------------------------------- hostile strings


def hostile_comparison() -> Comparison:
    evil = report(HOSTILE_NAME, {"DOC101": ("pass", 1.0), "PKG201": ("fail", 0.0)}, title=PAYLOAD,
                  target="javascript:alert(document.cookie)", profile=PAYLOAD, marketplace_name=PAYLOAD)
    evil["categories"]["documentation"]["title"] = PAYLOAD
    evil["blockers"] = [PAYLOAD]
    fine = report("Fine", {"DOC101": ("fail", 0.0), "PKG201": ("fail", 0.0)},
                  target="https://marketplace.example/apps/a|b(c)")
    return build([evil, fine], ["<img src=x onerror=alert(3)>.json", "fine.json"])


def test_hostile_strings_are_escaped_in_markdown():
    md = compare_markdown.render(hostile_comparison())
    for line in md.splitlines():
        assert not re.search(r"(?<!\\)[<>]", line.removeprefix("> ")), f"raw HTML in {line!r}"
    assert "\\<script\\>alert(1)\\</script\\>" in md
    assert not re.search(r"(?<!\\)\]\(javascript", md), "no link to a javascript: URL"
    assert not re.search(r"(?<!\\)\[click", md), "a Markdown link in a name must not stay a link"
    assert not re.search(r"(?<!\\)!\[x", md), "a Markdown image in a name must not stay an image"
    for line in md.splitlines():
        if line.startswith("|"):
            cells = len(re.findall(r"(?<!\\)\|", line))
            assert cells == 4, f"a pipe in a string split a table cell: {line}"  # 3 columns: 4 unescaped pipes
    # the hostile target is shown as text, never as a link; the safe one is linked, encoded to stay in its cell
    assert "[javascript" not in md and "javascript:alert(document.cookie)" in md
    assert "[https://marketplace.example/apps/a\\|b(c)](https://marketplace.example/apps/a%7Cb%28c%29)" in md
    assert "{{ 7\\*7 }}" in md and "49" not in md, "template syntax in a string is not evaluated"


def test_hostile_strings_are_escaped_in_html():
    html = compare_html.render(hostile_comparison())
    assert_inert(html)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    soup = BeautifulSoup(html, "lxml")
    text = soup.get_text(" ")
    assert "{{ 7*7 }}" in text, "template syntax in a string is not evaluated"
    assert "<script>alert(1)</script> | pipe | [click](javascript:alert(1))" in text, "the name is shown as text"
    assert "<img src=x onerror=alert(3)>.json" in text, "the file name is shown as text"
    assert soup.find("img") is None
    assert [a["href"] for a in soup.find_all("a")] == ["https://marketplace.example/apps/a|b(c)"]
    unsafe = soup.select("span.unsafe-url")
    assert [s.get_text() for s in unsafe] == ["javascript:alert(document.cookie)"]


def test_html_is_self_contained_with_the_report_style_and_policy():
    a = report("A", {"DOC101": ("pass", 1.0)}, target="https://a.example/app")
    b = report("B", {"DOC101": ("fail", 0.0)}, target="http://b.example/app")
    html = compare_html.render(build([a, b], ["a.json", "b.json"]))
    assert_inert(html)
    soup = BeautifulSoup(html, "lxml")
    csp = one(soup, "meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert attr_of(csp, "content") == CONTENT_SECURITY_POLICY
    assert soup.find("script") is None and soup.find("link") is None and soup.find("iframe") is None
    assert not any(attr.lower().startswith("on") for tag in soup.find_all(True) for attr in tag.attrs)
    assert all(re.match(r"^https?://", attr_of(a, "href")) for a in soup.find_all("a"))
    style = one(soup, "style").string
    assert style is not None
    css = resources.files("report_templates").joinpath("report.css").read_text(encoding="utf-8")
    assert css in style, "report.css is included as is (its quotes not turned into entities)"
    assert '"Segoe UI"' in style


# ---------------------------------------------------------------- loading files


def test_load_reports_validates_with_the_baseline_loader(tmp_path, monkeypatch):
    assert auditor.compare.load_report is auditor.judge.baseline.load_report
    a = write(tmp_path, "a.json", report("A", {"DOC101": ("pass", 1.0)}))
    (tmp_path / "out").mkdir()
    write(tmp_path / "out", "report.json", report("B", {"DOC101": ("fail", 0.0)}))
    seen = []

    def load_report(path):
        seen.append(path)
        return auditor.judge.baseline.load_report(path)

    monkeypatch.setattr(auditor.compare, "load_report", load_report)
    reports = load_reports([a, tmp_path / "out"])
    assert [r["listing"]["name"] for r in reports] == ["A", "B"]
    assert seen == [a, tmp_path / "out" / "report.json"], "a folder stands for its report.json"


@pytest.mark.parametrize(("content", "message"), [
    ("not json", "cannot read"),
    (json.dumps({"hello": "world"}), "is not a listing-audit report.json"),
    (json.dumps({"schema_version": "1.0", "checks": [{"status": "pass"}]}), "a check has no id"),
    (json.dumps({"schema_version": "1.0", "checks": [], "categories": []}), "categories is not an object"),
])
def test_load_reports_rejects_what_is_not_a_report(tmp_path, content, message):
    good = write(tmp_path, "good.json", report("A", {}))
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message) as info:
        load_reports([good, bad])
    assert str(bad) in str(info.value)


def test_load_reports_needs_two_existing_files(tmp_path):
    good = write(tmp_path, "good.json", report("A", {}))
    with pytest.raises(UsageError, match="at least two"):
        load_reports([good])
    with pytest.raises(UsageError, match="report not found: .*missing.json"):
        load_reports([good, tmp_path / "missing.json"])
    with pytest.raises(UsageError, match="at least two"):
        build([report("A", {})], ["a.json"])
    with pytest.raises(ValueError):
        build([report("A", {}), report("B", {})], ["a.json"])


def test_odd_values_in_a_hand_edited_report_do_not_break_the_renderers(tmp_path):
    a = report("A", {"DOC101": ("pass", 1.0)})
    b = report("B", {"DOC101": ("pass", 1.0)})
    b["score"] = "high"
    b["verdict"] = None
    b["checks"][0]["status"] = "<b>great</b>"
    b["checks"][0]["score"] = "1"
    b["categories"]["documentation"]["score"] = float("nan")
    b["listing"] = "not an object"
    reports = load_reports([write(tmp_path, "a.json", a), write(tmp_path, "b.json", b)])
    comparison = build(reports, ["a.json", "b.json"])
    assert comparison.columns[1].name == "b.json" and comparison.columns[1].score is None
    cells = comparison.differing[0].checks[0].cells
    assert [(c.status, c.score) for c in cells] == [("pass", 1.0), ("<b>great</b>", None)]
    html, md = both(comparison)
    assert_inert(html)
    assert "<b>great" not in html and "\\<b\\>great\\</b\\>" in md


# ---------------------------------------------------------------- real reports


def offline_report(site: str) -> dict[str, Any]:
    """The real pipeline on a fixture listing page, as a snapshot: no crawl, no network."""
    url = f"https://{site}.example/listing/"
    html = (FIXTURES_ROOT / site / "listing" / "index.html").read_text(encoding="utf-8")
    page = Page(url=url, kind="listing", depth=0, final_url=url, status=200, content_type="text/html", html=html)
    snapshot = Snapshot(target=url, started_at="2026-06-01T00:00:00+00:00", finished_at="2026-06-01T00:00:01+00:00",
                        pages=[page])
    data = to_data(audit_snapshot(snapshot, AuditSettings(marketplace="generic", today=date(2026, 6, 1))))
    return json.loads(json.dumps(data))


def test_real_reports_of_the_fixture_listings(tmp_path):
    strong, weak = offline_report("strong"), offline_report("weak")
    paths = [write(tmp_path, "strong.json", strong), write(tmp_path, "weak.json", weak)]
    comparison = build(load_reports(paths), [p.name for p in paths])
    ids = {c["id"] for c in strong["checks"]} | {c["id"] for c in weak["checks"]}
    assert comparison.differing_count + comparison.agreeing == len(ids)
    assert comparison.differing_count > 0 and comparison.mismatches == []
    status = {r["listing"]["name"]: {c["id"]: c["status"] for c in r["checks"]} for r in (strong, weak)}
    names = [c.listing_name for c in comparison.columns]
    for group in comparison.differing:
        for row in group.checks:
            assert status[names[0]].get(row.id) != status[names[1]].get(row.id)
            assert row.category == group.id
    assert [c.name for c in comparison.columns] == [strong["listing"]["name"], weak["listing"]["name"]]
    assert [row.id for row in comparison.categories] == list(strong["categories"])
    html, md = both(comparison)
    assert_inert(html)
    assert f"Checks that differ ({comparison.differing_count})" in md
    assert f"{comparison.agreeing} checks with the same status in every report are not listed" in md



def test_the_compare_command_writes_html_and_markdown(tmp_path):
    from tests.conftest import run_cli

    a = write(tmp_path, "a.json", report("Mine", {"DOC101": ("pass", 1.0)}, score=90.0))
    b = write(tmp_path, "b.json", report("Rival", {"DOC101": ("fail", 0.0)}, score=40.0))
    result = run_cli("compare", str(a), str(b), "--out", str(tmp_path / "out"))
    assert result.code == 0, result.stderr
    assert result.stdout.split() == [str((tmp_path / "out" / n).resolve()) for n in ("compare.html", "compare.md")]
    assert "DOC101" in (tmp_path / "out" / "compare.md").read_text()
    bad = run_cli("compare", str(a), "--out", str(tmp_path / "out"))
    assert bad.code == 2 and len(bad.stderr.strip().splitlines()) == 1
