"""linkinator 6 (a Node link checker) as the benchmark's yardstick: installed from npm when npm is there.

`make bench` compares the audit's wall time on a docs site with linkinator's recursive crawl of the same site in
the same run. linkinator is installed once into `.venv/linkinator` (npm's own cache makes a reinstall quick);
without npm, or when the install fails (no registry), the benchmark says why and leaves the ratio out.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

VERSION = "6"
INSTALL_TIMEOUT = 300.0
RUN_TIMEOUT = 600.0


@dataclass(frozen=True)
class Linkinator:
    """Where linkinator's command is, or why there is none."""

    command: Path | None
    reason: str = ""


def ensure(folder: Path) -> Linkinator:
    """linkinator 6 under `folder` (installed with npm if it is not there yet)."""
    command = folder / "node_modules" / ".bin" / "linkinator"
    if command.exists():
        return Linkinator(command)
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return Linkinator(None, "npm and node are not installed, so linkinator 6 was not run")
    folder.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(folder),
                               f"linkinator@{VERSION}"], capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
    except subprocess.TimeoutExpired:
        return Linkinator(None, f"npm install linkinator@{VERSION} took over {INSTALL_TIMEOUT:.0f} s")
    if done.returncode != 0 or not command.exists():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return Linkinator(None, f"npm install linkinator@{VERSION} failed: {last[:200]}")
    return Linkinator(command)


def crawl(command: Path, root_url: str, concurrency: int) -> dict[str, float | int]:
    """linkinator's recursive crawl from `root_url` (a folder URL: it recurses below it), loopback only.

    Returns the wall time and how many links it checked and found working or broken.
    """
    started = time.perf_counter()
    done = subprocess.run([str(command), root_url, "--recurse", "--skip", r"^(?!http://127\.0\.0\.1[:/])",
                           "--format", "json", "--concurrency", str(concurrency)],
                          capture_output=True, text=True, timeout=RUN_TIMEOUT)
    wall = time.perf_counter() - started
    links = json.loads(done.stdout).get("links", []) if done.stdout.strip() else []
    return {"wall": wall, "links": len(links), "ok": sum(1 for link in links if link.get("state") == "OK"),
            "broken": sum(1 for link in links if link.get("state") == "BROKEN"), "exit": done.returncode}
