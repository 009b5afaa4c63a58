"""Whatever a user types, the CLI answers with an exit code in {0, 1, 2, 3} and, on an error, one line: never a
traceback, never a hang (each run is bounded by a timeout). Generated: target URLs, crawl settings, draft files."""

from __future__ import annotations

import json
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.config import CRAWL_BOUNDS
from tests.conftest import CliResult, run_cli

FEW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
#: a port nothing listens on: a URL that parses is refused fast, never fetched from the internet
CLOSED = "127.0.0.1:9"


def assert_clean(result: CliResult) -> None:
    assert result.code in (0, 1, 2, 3), (result.code, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    if result.code != 0:
        errors = [line for line in result.stderr.splitlines() if line.startswith("listing-audit: error:")]
        assert len(errors) == 1, result.stderr


def audit(*args: str) -> CliResult:
    with tempfile.TemporaryDirectory() as out:
        return run_cli("audit", *args, "--no-browser", "--budget", "5", "--timeout", "2", "--out", out,
                       "--allow-host", "127.0.0.1", timeout=60)


urls = st.one_of(
    st.builds(lambda scheme, rest: f"{scheme}://{rest}",
              st.sampled_from(["http", "HTTP", "https", "ftp", "javascript", "Http"]),
              st.text(alphabet=string.ascii_letters + string.digits + ":/[]@?#%.-_ ", max_size=30)),
    st.builds(lambda port, path: f"http://127.0.0.1:{port}/{path}", st.integers(-5, 70_000),
              st.text(alphabet=string.printable, max_size=20)),
    st.text(max_size=40),
)


@FEW
@given(urls)
def test_any_target_text_gives_a_clean_exit(target: str) -> None:
    if not target.strip() or target.startswith("-") or "\x00" in target:
        return  # an empty argument or a flag is click's to refuse; NUL cannot be passed to a process
    assert_clean(audit(target))


settings_values = st.one_of(st.integers(-10**9, 10**9), st.floats(allow_nan=True, allow_infinity=True),
                            st.booleans(), st.text(max_size=10))


@FEW
@given(st.sampled_from(sorted(CRAWL_BOUNDS)), settings_values)
def test_any_crawl_setting_in_the_config_file_gives_a_clean_exit(key: str, value: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "listing-audit.toml"
        shown = json.dumps(value) if not isinstance(value, float) or value == value and abs(value) != float("inf") \
            else ("nan" if value != value else ("inf" if value > 0 else "-inf"))
        config.write_text(f"[crawl]\n{key} = {shown}\n", encoding="utf-8")
        assert_clean(audit(f"http://{CLOSED}/listing", "--config", str(config)))


@FEW
@given(st.sampled_from([".toml", ".json", ".yaml"]), st.text(max_size=200))
def test_any_draft_file_content_gives_a_clean_exit(suffix: str, content: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / f"listing{suffix}"
        draft.write_text(content, encoding="utf-8", errors="surrogatepass")
        assert_clean(audit(str(draft)))
