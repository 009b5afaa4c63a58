"""`make screenshots`: the demo's report, a portfolio and a comparison of the bundled fixtures, rendered in Chromium
to PNGs of their first screen (1280 x 900) in docs/img/, for the README. Everything is served on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from auditor.chromium import LAUNCH_ARGS, find_chromium
from auditor.compare import build
from auditor.portfolio.build import build_portfolio
from auditor.portfolio.listings import ListingEntry
from auditor.portfolio.rows import row_from_report
from auditor.report import compare_html
from auditor.report.portfolio import render_html

OUT = Path(__file__).resolve().parent.parent / "docs" / "img"
SITES = ("strong", "weak")
#: one screen of each page: what a reader sees before scrolling, and a small file
VIEWPORT = {"width": 1280, "height": 900}
#: file name -> (page, colour scheme, width)
SHOTS = {
    "report.png": ("strong/report.html", "light", 1280),
    "report-weak.png": ("weak/report.html", "light", 1280),
    "report-dark-phone.png": ("weak/report.html", "dark", 375),
    "portfolio.png": ("portfolio.html", "light", 1280),
    "compare.png": ("compare.html", "light", 1280),
}


def audit(site: str, out: Path) -> dict[str, object]:
    """Run `listing-audit demo` on one fixture listing; its parsed report.json."""
    subprocess.run([sys.executable, "-m", "auditor", "demo", "--site", site, "--out", str(out / site),
                    "--format", "html,json"], check=True, stdin=subprocess.DEVNULL)
    data: dict[str, object] = json.loads((out / site / "report.json").read_text(encoding="utf-8"))
    return data


def pages(out: Path) -> None:
    """The reports of the fixtures, their portfolio and their comparison, as HTML files in `out`."""
    reports = {site: audit(site, out) for site in SITES}
    rows = [row_from_report(ListingEntry(line=line, target=str(r["target"])), r, f"{site}/report.html")
            for line, (site, r) in enumerate(reports.items(), 2)]
    (out / "portfolio.html").write_text(render_html(build_portfolio(rows)), encoding="utf-8")
    comparison = build(list(reports.values()), [f"{site}.json" for site in SITES])
    (out / "compare.html").write_text(compare_html.render(comparison), encoding="utf-8")


def main() -> None:
    """Render every page and write its first screen to docs/img/."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="listing-audit-shots-") as folder, sync_playwright() as pw:
        out = Path(folder)
        pages(out)
        browser = pw.chromium.launch(executable_path=find_chromium(pw.chromium.executable_path).executable,
                                     args=list(LAUNCH_ARGS))
        for name, (page_file, scheme, width) in SHOTS.items():
            context = browser.new_context(viewport={**VIEWPORT, "width": width}, color_scheme=scheme)  # type: ignore[arg-type]
            page = context.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else route.abort())
            page.goto((out / page_file).as_uri())
            page.screenshot(path=str(OUT / name))
            context.close()
            print(OUT / name)
        browser.close()


if __name__ == "__main__":
    main()
