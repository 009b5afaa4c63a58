"""The README's pictures of `listing-audit serve`: the bundled fixture listings audited through the dashboard's API,
then the strong listing again after it degraded (`fixture_server.degrade`, as the monitoring tests do), then the
portfolio, that listing's history with the diff of its two audits, and an audit's page, each a 1280 x 900 PNG in
docs/img/. Everything runs on 127.0.0.1.

    .venv/bin/python scripts/dashboard_screenshots.py
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from auditor.chromium import LAUNCH_ARGS, find_chromium
from auditor.fixture_server import FIXTURES_ROOT, FixtureServer, degrade

OUT = Path(__file__).resolve().parent.parent / "docs" / "img"
#: audited in this order, before strong degrades
SITES = ("strong", "weak", "hostile", "clientside")


def call(url: str, body: dict[str, Any] | None = None) -> Any:
    """One API call's JSON answer."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def audit(base: str, target: str) -> dict[str, Any]:
    """Queue one audit and wait for it to finish."""
    job_id = call(f"{base}/api/audits", {"target": target})["id"]
    while (job := call(f"{base}/api/audits/{job_id}"))["status"] not in ("done", "failed"):
        time.sleep(0.5)
    print(f"{target}: {job['status']} {job['score']} {job['error'] or ''}", file=sys.stderr)
    return dict(job)


def main() -> None:
    """Serve, audit, degrade, audit again, photograph, stop."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="listing-audit-serve-") as folder:
        sites = Path(folder) / "sites"
        shutil.copytree(FIXTURES_ROOT, sites)
        with FixtureServer(sites) as fixtures:
            shoot(fixtures.url, sites, Path(folder))


def shoot(fixtures: str, sites: Path, folder: Path) -> None:
    """Run the dashboard, fill its history, take the pictures."""
    server = subprocess.Popen([sys.executable, "-m", "auditor", "serve", "--history", f"{folder}/history.sqlite",
                               "--port", "0", "--allow-host", "127.0.0.1", "--no-cache"], stdin=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    assert server.stderr is not None
    base = server.stderr.readline().split(" at ")[1].split("/ ")[0]
    try:
        jobs = [audit(base, f"{fixtures}/{site}/listing/") for site in SITES]
        degrade(sites / "strong")
        jobs.append(audit(base, f"{fixtures}/strong/listing/"))
        strong = next(x for x in call(f"{base}/api/listings") if "/strong/" in x["target"])
        ids = [a["id"] for a in call(f"{base}{strong['history_url']}")["audits"]]
        pages = {"dashboard-portfolio.png": "/",
                 "dashboard-history.png": f"/listings/{strong['key']}?from={ids[-1]}&to={ids[0]}",
                 "dashboard-audit.png": f"/audits/{jobs[-1]['id']}"}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=find_chromium(pw.chromium.executable_path).executable,
                                         args=list(LAUNCH_ARGS))
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, path in pages.items():
                page.goto(base + path)
                page.screenshot(path=str(OUT / name))
                print(OUT / name)
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(60)


if __name__ == "__main__":
    main()
