"""Make a Chromium available to Playwright without asking: used by `make demo` and `make test`.

Order: $LISTING_AUDIT_CHROMIUM, a Chromium already here (Playwright's or the system's), Playwright's
download, the system package manager (Debian/Ubuntu as root or with password-less sudo). Where the system has only
the full browser and apt offers Chromium's headless shell, the shell is added: it renders a listing for about half
the CPU (see auditor/chromium.py). Then a smoke launch proves it starts. Exits non-zero with instructions when
nothing works. `--full` adds a full Chromium instead (for `make bench`: its comparison with the code before the
headless shell drives one).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Callable

from playwright.sync_api import sync_playwright

from auditor.chromium import HOW_TO_GET_ONE, LAUNCH_ARGS, SYSTEM_BROWSER, BrowserChoice, find_chromium
from auditor.errors import BrowserUnavailable

#: what a page needs besides the browser: Playwright's driver links libatomic; fonts for text to lay out as on a desktop
APT_SUPPORT = ("libatomic1", "fonts-liberation", "fonts-dejavu-core")
#: the headless shell where the distribution packages it (Debian 12+), else the full browser
APT_SHELL, APT_BROWSER = "chromium-headless-shell", "chromium"


def locate(shell: bool = True) -> BrowserChoice | None:
    """The Chromium the tool would use, or None; `shell=False`: the full browser only."""
    try:
        with sync_playwright() as pw:
            return find_chromium(pw.chromium.executable_path, shell=shell)
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


def apt_offers(package: str) -> bool:
    """True when apt knows a candidate version of `package` (read from its local lists: no network)."""
    if not shutil.which("apt-cache"):
        return False
    found = subprocess.run(["apt-cache", "policy", package], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return found.returncode == 0 and "Candidate:" in found.stdout and "Candidate: (none)" not in found.stdout


def install_browser() -> bool:
    """Chromium from the system's packages: the headless shell where apt has it, else the full browser."""
    prefix = apt_prefix()
    if prefix is None or not run(prefix + ["apt-get", "update", "-qq"]):
        return False
    package = APT_SHELL if apt_offers(APT_SHELL) else APT_BROWSER
    return run(prefix + ["apt-get", "install", "-y", "-qq", package, *APT_SUPPORT])


def obtain(what: str, shell: bool, system_install: Callable[[], bool]) -> BrowserChoice | None:
    """`what` found here (`locate(shell)`), else after Playwright's download, else after `system_install()`."""
    choice = locate(shell)
    if choice is None:
        print(f"no {what} yet; trying Playwright's download", flush=True)
        if run([sys.executable, "-m", "playwright", "install", "chromium"]):
            choice = locate(shell)
    if choice is None:
        print("Playwright's download is not available here; trying the system package", flush=True)
        if system_install():
            choice = locate(shell)
    return choice


def ensure_full_browser() -> int:
    """Add a full Chromium beside the tool's browser: the benchmark's comparison with the code before the headless
    shell drives one (that code knows no shell). Never fails: without one, that comparison says so."""
    full = obtain("full Chromium (the code before the headless shell needs one)", False,
                  lambda: install_system_packages((APT_BROWSER, *APT_SUPPORT)))
    print(f"full browser: {full.describe()}" if full else "no full Chromium could be installed here")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--full"]:
        return ensure_full_browser()
    if args:
        print("usage: ensure_browser.py [--full]", file=sys.stderr)
        return 2
    choice = obtain("Chromium", True, install_browser)
    if choice is not None and choice.source == SYSTEM_BROWSER and apt_prefix() is not None and apt_offers(APT_SHELL):
        print(f"adding Chromium's headless shell beside {choice.describe()} (it renders for about half the CPU)",
              flush=True)
        if install_system_packages((APT_SHELL,)):
            choice = locate() or choice
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
