"""Shared fixtures: the fixture marketplace on 127.0.0.1, a browser check, and a CLI runner; and the markers
(browser, slow, corpus) every test gets from what it uses, so `make test-fast` can leave those out."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from auditor.batch.runner import run_batch
from auditor.chromium import find_chromium
from auditor.errors import BrowserUnavailable
from auditor.fixture_server import FixtureServer
from tests import corpus

LOOPBACK = ("--allow-host", "127.0.0.1")


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The CLI's cache goes to a folder of this test session, not the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("LISTING_AUDIT_CACHE_DIR")
    os.environ["LISTING_AUDIT_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("LISTING_AUDIT_CACHE_DIR", None)
    else:
        os.environ["LISTING_AUDIT_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def server() -> Iterator[FixtureServer]:
    """The bundled fixture sites, served for the whole test session."""
    with FixtureServer() as fixture_server:
        yield fixture_server


@pytest.fixture(scope="session")
def browser_available() -> None:
    """Skip (with the reason) when no Chromium is installed; `make test` installs one first."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            find_chromium(pw.chromium.executable_path)
    except BrowserUnavailable as exc:
        pytest.skip(str(exc))


@dataclass
class CliResult:
    """What a `listing-audit` process did."""

    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, timeout: float = 180, cwd: Path | None = None, env: dict[str, str] | None = None) -> CliResult:
    """Run the real command in a child process, with no standard input."""
    proc = subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=timeout, cwd=cwd, env=env)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def audit_site(server: FixtureServer, tmp_path_factory: pytest.TempPathFactory, browser_available: None):
    """Audit a fixture listing once per session through the real CLI and browser; returns its report folder."""
    cache: dict[tuple[str, ...], tuple[Path, CliResult]] = {}

    def audit(site: str, *extra: str) -> tuple[Path, CliResult]:
        key = (site, *extra)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"report-{site}")
            result = run_cli("audit", f"{server.url}/{site}/listing/", "--out", str(out), *LOOPBACK, *extra)
            cache[key] = (out, result)
        return cache[key]

    return audit


# ------------------------------------------------------------ markers

#: whole files that are slow by design: through the CLI, Dask, the benchmarks, property and stress tests
SLOW_PATHS = ("tests/e2e/", "tests/batch/test_batch_cli.py", "tests/batch/test_dask.py", "tests/test_bench_smoke.py",
              "tests/test_bench_batch_smoke.py", "tests/test_properties.py")
#: tests over ~1 s that nothing above gives away, in files this hook may not annotate (measured with --durations=0)
SLOW_TESTS = (
    "tests/extract/test_readability.py::test_the_syllable_table_counts_every_cmu_word_as_textstat_does",  # 1.7 s
    "tests/extract/test_docs.py::test_textstat_needs_no_network",  # a child interpreter importing textstat: ~1 s
)
#: fixtures (directly or through another fixture, e.g. audit_site) that mean "needs Chromium"
BROWSER_FIXTURES = {"browser_available"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test browser / slow / corpus from the fixtures it uses, the helpers it calls, and its path."""
    root = Path(str(config.rootpath))
    slow_targets = (run_cli, run_batch)  # a CLI child process; a batch's worker processes
    for item in items:
        path = Path(str(item.path)).relative_to(root).as_posix()
        fixtures = set(getattr(item, "fixturenames", ()))
        funcs = [getattr(item, "obj", None), *_fixture_funcs(item)]
        browser = bool(fixtures & BROWSER_FIXTURES)
        if browser:
            item.add_marker(pytest.mark.browser)
        if (browser or path.startswith(SLOW_PATHS) or item.nodeid.split("[")[0] in SLOW_TESTS
                or _is_property_test(item) or any(_reaches(f, slow_targets) for f in funcs)):
            item.add_marker(pytest.mark.slow)
        if any(_reaches(f, (corpus.corpus_file, corpus.CORPUS)) for f in funcs):
            item.add_marker(pytest.mark.corpus)


def _fixture_funcs(item: pytest.Item) -> list[Callable[..., Any]]:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return []
    return [defs[-1].func for defs in info.name2fixturedefs.values() if defs]


def _is_property_test(item: pytest.Item) -> bool:
    """A Hypothesis test: hundreds to thousands of generated examples."""
    return hasattr(getattr(item, "obj", None), "hypothesis")


def _reaches(func: object, targets: tuple[object, ...], depth: int = 3) -> bool:
    """Whether `func`, or a test helper it calls (up to `depth` calls down), names one of `targets`."""
    func = inspect.unwrap(func) if callable(func) else func
    code = getattr(func, "__code__", None)
    if code is None or depth < 0:
        return False
    scope: dict[str, Any] = getattr(func, "__globals__", {})
    names = _names(code)
    # `from tests.conftest import run_cli` inside the test: the module and the name are both looked up by the code
    if any(getattr(t, "__name__", None) in names and getattr(t, "__module__", None) in names for t in targets):
        return True
    for name in names:
        found = scope.get(name)
        if found is None:
            continue
        if any(found is target for target in targets):
            return True
        helper = inspect.unwrap(found) if callable(found) else None  # through functools.cache and other wrappers
        if (inspect.isfunction(helper) and helper is not func and helper.__module__.startswith("tests.")
                and _reaches(helper, targets, depth - 1)):
            return True
    return False


def _names(code: types.CodeType) -> set[str]:
    """The global names a function's code (and the code nested in it: lambdas, comprehensions) looks up."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names
