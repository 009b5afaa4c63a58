"""`scripts/bench.py --quick` runs end to end and prints the tables the README shows. No timing assertions."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.markdown_tables import number, table

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "scripts" / "bench.py"
COLUMNS = ("docs pages", "pages fetched", "wall s", "CPU s", "pages/s", "ms/page", "Python peak MB",
           "other processes peak MB", "fetch s", "parse/extract s", "checks s", "report s", "raw fetch s",
           "raw pages/s", "overhead ×", "warm re-audit s", "warm speed-up ×", "linkinator s", "× linkinator",
           "slowest check")
#: columns that must hold a positive number in every row (other processes are "–" with no browser and no workers)
POSITIVE = ("pages fetched", "wall s", "CPU s", "pages/s", "ms/page", "Python peak MB", "fetch s", "parse/extract s",
            "checks s", "report s", "raw fetch s", "raw pages/s", "overhead ×", "warm re-audit s", "warm speed-up ×")


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    pytest.importorskip("psutil", reason="the benchmark samples the browser's memory with psutil")
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    done = subprocess.run([sys.executable, str(BENCH), "--quick", "--no-browser", "--no-linkinator", "--runs", "1",
                           "--json", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout, json.loads(out.read_text(encoding="utf-8"))


def test_results_table_has_the_columns_and_a_row_per_size(quick_run: tuple[str, dict]) -> None:
    stdout, _ = quick_run
    columns, rows = table(stdout, "docs pages")
    assert columns == COLUMNS
    assert [r["docs pages"] for r in rows] == ["20", "50"]
    for row in rows:
        for column in POSITIVE:
            assert number(row[column]) > 0, (column, row)
        assert number(row["pages fetched"]) > number(row["docs pages"])  # docs + listing + policies
        check, seconds = row["slowest check"].rsplit(" ", 2)[:2]
        assert re.fullmatch(r"[A-Z]+\d{3}", check) and float(seconds) >= 0, row["slowest check"]


def test_targets_table_is_printed_with_honest_rows(quick_run: tuple[str, dict]) -> None:
    stdout, _ = quick_run
    assert "| target | goal | measured | met |" in stdout
    assert re.search(r"warm-cache re-audit.*\d× \([\d.]+ s vs [\d.]+ s\)", stdout)
    assert re.search(r"listing page rendered.*not measured \(--no-browser\)", stdout)
    assert re.search(r"linkinator 6's crawl.*not measured: --no-linkinator", stdout)
    assert re.search(r"checks on every site.*\| worst: [\w ,-]+, [\d.]+ s \| [✓✗] \|", stdout)
    assert re.search(r"3 MB description.*\| [\d.]+ s \| [✓✗] \|", stdout)
    assert re.search(r"nested 50,000 deep.*\| [\d.]+ s \| [✓✗] \|", stdout)


def test_the_adversarial_sites_have_a_row_each(quick_run: tuple[str, dict]) -> None:
    stdout, data = quick_run
    columns, rows = table(stdout, "site")
    assert "checks s per 1,000 pages" in columns
    assert [r["site"] for r in rows] == ["deep-nesting", "long-listing"]
    for row in rows:
        assert number(row["pages read"]) > 10 and number(row["wall s"]) > 0 and number(row["checks s"]) > 0
    deep = next(a for a in data["adversarial"] if a["name"] == "deep-nesting")
    assert deep["page_seconds"] > 0 and not deep["partial"]


def test_json_holds_the_raw_numbers(quick_run: tuple[str, dict]) -> None:
    _, data = quick_run
    assert data["sizes"] == [20, 50] and data["runs"] == 1 and data["browser"] is False
    assert [s["size"] for s in data["summaries"]] == [20, 50]
    for run in data["audit_runs"]:
        parts = run["fetch"] + run["parse_extract"] + run["checks"] + run["report"]
        assert parts == pytest.approx(run["wall"], rel=1e-6)
        assert run["pages_ok"] > run["size"] and run["checks_run"] > 0
    assert all(r["pages_ok"] == r["pages"] for r in data["raw_runs"])


def test_the_warm_run_reuses_the_cold_runs_cache(quick_run: tuple[str, dict]) -> None:
    _, data = quick_run
    for run in data["audit_runs"]:
        assert run["pages_from_cache"] == 0 and run["warm"]["pages_from_cache"] == run["warm"]["pages_ok"]
        assert run["warm"]["docs_from_cache"] > 0 and run["warm"]["score"] == run["score"]
