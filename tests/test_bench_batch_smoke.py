"""`scripts/bench_batch.py` runs end to end (6 listings, no browser) and prints the table the README shows.

Runs the real batch three times (1 and 2 local workers, a local 2-worker Dask cluster): about a minute.
No timing assertions.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.markdown_tables import number, table

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "scripts" / "bench_batch.py"
COLUMNS = ("mode", "listings", "failed", "wall s", "listings/minute", "s per listing", "speed-up vs 1 worker")
MODES = ["1 local worker", "2 local workers", "Dask 2 workers"]
LISTINGS = 6


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    pytest.importorskip("distributed", reason="the Dask run needs dask[distributed] (a test dependency)")
    out = tmp_path_factory.mktemp("bench-batch") / "bench.json"
    done = subprocess.run([sys.executable, str(BENCH), "--quick", "--listings", str(LISTINGS), "--no-browser",
                           "--json", str(out)], check=False, capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout, json.loads(out.read_text(encoding="utf-8"))


def test_the_table_has_a_row_per_mode_with_positive_numbers(quick_run: tuple[str, dict]) -> None:
    stdout, _ = quick_run
    columns, rows = table(stdout, "mode")
    assert columns == COLUMNS
    assert [r["mode"] for r in rows] == MODES
    for row in rows:
        assert number(row["listings"]) == LISTINGS and number(row["failed"]) == 0, row
        for column in ("wall s", "listings/minute", "s per listing", "speed-up vs 1 worker"):
            assert number(row[column]) > 0, (column, row)
    assert rows[0]["speed-up vs 1 worker"] == "1.00×"


def test_footnotes_and_sizing_are_printed(quick_run: tuple[str, dict]) -> None:
    stdout, _ = quick_run
    assert "no browser (`--no-browser`)" in stdout and "ONE threaded fixture server" in stdout
    assert "**Sizing for 10,000 listings an hour.**" in stdout and "= 167 listings a minute" in stdout
    assert "CrawlSettings.per_host" in stdout


def test_json_holds_the_numbers(quick_run: tuple[str, dict]) -> None:
    _, data = quick_run
    assert data["listings"] == LISTINGS and data["browser"] is False and data["dask"] is True
    assert [r["mode"] for r in data["runs"]] == MODES
    for run in data["runs"]:
        assert run["listings"] == run["audited"] == LISTINGS and run["failed"] == 0 and run["exit_code"] == 0
        assert run["wall"] > 0 and run["per_minute"] > 0 and run["seconds_per_listing"] > 0
        assert run["requests"] > LISTINGS  # each listing's page, docs and policies came from the one server
        assert run["peak_in_flight"] >= 1
    sizing = data["sizing"]
    assert sizing["target_per_minute"] == pytest.approx(10_000 / 60)
    assert [p["mode"] for p in sizing["by_run"]] == MODES
    assert all(p["workers_needed"] >= 1 for p in sizing["by_run"])
    assert data["sites"]["docs_pages"] >= 8 * LISTINGS


def test_the_browser_batch_target_compares_two_workers_with_the_rate_when_it_was_set() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_batch import BROWSER_BATCH_WHEN_SET, RunResult, browser_target

    def run(mode: str, wall: float) -> RunResult:
        return RunResult(mode, 2, 20, 20, 0, wall, None, 0, None, {}, 0, 0, 1)

    fast = browser_target([run("1 local worker", 40.0), run("2 local workers", 20 / (2 * BROWSER_BATCH_WHEN_SET) * 60)])
    assert "(2.00×) | ✓ |" in fast
    slow = browser_target([run("2 local workers", 30.0)])
    assert "40.0 a minute" in slow and "| ✗ |" in slow
    assert "not measured" in browser_target([])


def test_the_same_run_comparison_is_a_row_of_its_own_with_the_medians() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_batch import BrowserChoice, Comparison, RunResult, against_table, browser_target

    def run(mode: str, per_minute: float, audited: int = 20) -> RunResult:
        return RunResult(mode, 2, 20, audited, 20 - audited, 20 / per_minute * 60, None, 0, None, {}, 0, 0, 1)

    full = BrowserChoice("/usr/bin/chromium", "system Chromium")
    then = [run("then", rate) for rate in (28.0, 33.0, 32.0)]
    now = [run("now", rate) for rate in (66.0, 60.0, 65.0)]
    compared = Comparison("abc1234", full, then, now)
    table = against_table(compared)
    assert "| 2 | 33.0 (20/20) | 60.0 |" in table and "| median | 32.0 | 65.0 |" in table
    assert "The code of abc1234 drove system Chromium at /usr/bin/chromium." in table
    target = browser_target([run("2 local workers", 65.0)], compared)
    assert "against the code of abc1234 run alternately" in target
    assert "32.0 -> 65.0 a minute (2.03×, medians of 3) | ✓ |" in target
    short = browser_target([], Comparison("abc1234", full, then, [run("now", 60.0)]))
    assert "(1.88×, medians of 1) | ✗ |" in short


def test_a_comparison_on_the_headless_shell_says_so_and_one_that_audited_nothing_is_not_measured() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_batch import BrowserChoice, Comparison, RunResult, against_table, browser_target

    def run(mode: str, per_minute: float, audited: int = 20) -> RunResult:
        return RunResult(mode, 2, 20, audited, 20 - audited, 20 / per_minute * 60, None, 0, None, {}, 0, 0, 1)

    shell = BrowserChoice("/usr/bin/chromium-headless-shell", "system Chromium headless shell")
    on_shell = Comparison("abc1234", shell, [run("then", 45.0)] * 3, [run("now", 66.0)] * 3)
    assert "the shell's own gain is not in the comparison" in against_table(on_shell)
    assert "(1.47×, medians of 3; both on the headless shell) | ✗ |" in browser_target([], on_shell)
    # the code of then found no browser it could start: every listing failed, so there is no rate to compare
    failed = Comparison("abc1234", shell, [run("then", 60.0, audited=0)] * 3, [run("now", 66.0)] * 3)
    row = browser_target([], failed)
    assert "not measured: the code of abc1234 audited 0 of 20 listings in a round | – |" in row and "✗" not in row


def test_the_code_of_then_is_given_a_full_chromium_where_there_is_one(monkeypatch) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench_batch
    from bench_batch import BrowserChoice, browser_of_then

    full = BrowserChoice("/usr/bin/chromium", "system Chromium")
    shell = BrowserChoice("/usr/bin/chromium-headless-shell", "system Chromium headless shell")
    found: dict[bool, BrowserChoice | None] = {True: shell, False: full}  # by locate's `shell` argument
    monkeypatch.setattr(bench_batch, "locate", lambda shell=True: found[shell])
    assert browser_of_then() == full
    found[False] = None  # no full Chromium here
    assert browser_of_then() == shell


def test_an_earlier_revision_is_unpacked_from_the_clone_or_reported_missing(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("no git history here")
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_batch import unpack_revision

    code = unpack_revision("HEAD", tmp_path / "head")
    assert code is not None and (code / "auditor" / "__init__.py").is_file() and (code / "checks").is_dir()
    assert list((code / "auditor").glob("__pycache__/*.pyc")), "byte-compiled like this code"
    assert unpack_revision("no-such-revision-here", tmp_path / "none") is None


def test_against_runs_both_codes_alternately_through_the_browser(tmp_path: Path, browser_available: None) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("no git history here")
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(BENCH), "--listings", "2", "--no-dask", "--against", "HEAD",
                           "--rounds", "1", "--json", str(out)], check=False, capture_output=True, text=True,
                          timeout=400, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "### Against the code of HEAD, alternately in the same run" in done.stdout
    assert "against the code of HEAD run alternately" in done.stdout
    against = json.loads(out.read_text(encoding="utf-8"))["against"]
    assert against["revision"] == "HEAD"
    for run in against["then"] + against["now"]:
        assert run["audited"] == 2 and run["failed"] == 0 and run["workers"] == 2
