"""Make a Chromium available to Playwright without asking: used by `make demo` and `make test`.

Order: $LISTING_AUDIT_CHROMIUM, a Chromium already here (Playwright's or the system's), Playwright's
download, the system package manager (Debian/Ubuntu as root or with password-less sudo). Then a smoke
launch proves it starts. Exits non-zero with instructions when nothing works.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys

from playwright.sync_api import sync_playwright

from auditor.chromium import HOW_TO_GET_ONE, LAUNCH_ARGS, BrowserChoice, find_chromium
from auditor.errors import BrowserUnavailable

APT_PACKAGES = ("chromium", "libatomic1", "fonts-liberation", "fonts-dejavu-core")


def locate() -> BrowserChoice | None:
    """The Chromium the tool would use, or None."""
    try:
        with sync_playwright() as pw:
            return find_chromium(pw.chromium.executable_path)
    except BrowserUnavailable:
        return None


def smoke_test(choice: BrowserChoice) -> str | None:
    """None when the browser launches and renders a page, else the reason."""
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=choice.executable, args=list(LAUNCH_ARGS))
            page = browser.new_page()
            page.set_content("<p>ok</p>")
            browser.close()
        return None
    except Exception as exc:  # any failure here is reported, not raised
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def run(cmd: list[str]) -> bool:
    print("+ " + " ".join(cmd), flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        return subprocess.run(cmd, stdin=subprocess.DEVNULL, env=env, timeout=900).returncode == 0
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"  failed: {exc}", flush=True)
        return False


def apt_prefix() -> list[str] | None:
    """How to run apt-get here: directly as root, through password-less sudo, or not at all."""
    if platform.system() != "Linux" or not shutil.which("apt-get"):
        return None
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    return None


def install_system_packages(packages: tuple[str, ...]) -> bool:
    prefix = apt_prefix()
    if prefix is None:
        return False
    return run(prefix + ["apt-get", "update", "-qq"]) and run(prefix + ["apt-get", "install", "-y", "-qq", *packages])


def main() -> int:
    choice = locate()
    if choice is None:
        print("no Chromium yet; trying Playwright's download", flush=True)
        if run([sys.executable, "-m", "playwright", "install", "chromium"]):
            choice = locate()
    if choice is None:
        print("Playwright's download is not available here; trying the system package", flush=True)
        if install_system_packages(APT_PACKAGES):
            choice = locate()
    if choice is None:
        print(f"listing-audit: {HOW_TO_GET_ONE}", file=sys.stderr)
        return 1
    problem = smoke_test(choice)
    if problem and "Connection closed" in problem and install_system_packages(("libatomic1",)):
        problem = smoke_test(choice)  # Playwright's driver needs libatomic1 on minimal Debian
    if problem:
        print(f"listing-audit: Chromium ({choice.describe()}) does not start: {problem}", file=sys.stderr)
        return 1
    print(f"browser ready: {choice.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
