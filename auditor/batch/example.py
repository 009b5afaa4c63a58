"""The example portfolio (`fixtures/portfolio/`): a dozen fixture listings across the three integration jobs, with
their operating numbers, as `listing-audit demo --portfolio` and the tests run it over the fixture marketplace."""

from __future__ import annotations

from pathlib import Path

from auditor.fixture_server import FIXTURES_ROOT

EXAMPLE = FIXTURES_ROOT.parent / "portfolio"
LISTINGS = "listings.csv"
METRICS = "metrics.csv"
#: stands for the fixture marketplace's address in the example files (its port changes from run to run)
TOKEN = "{{fixtures}}"


def example_files(folder: Path, server_url: str) -> tuple[Path, Path]:
    """Copies of the example LISTINGS and metrics files in `folder`, the fixture server's address filled in."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in (LISTINGS, METRICS):
        text = (EXAMPLE / name).read_text(encoding="utf-8").replace(TOKEN, server_url.rstrip("/"))
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths[0], paths[1]
