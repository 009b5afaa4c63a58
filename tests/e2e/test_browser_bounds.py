"""The plain path's bounds hold with the browser on: a target that is not HTML, or larger than `max_bytes`, is
refused (exit 3, one line) instead of being rendered and scored."""

from __future__ import annotations

from tests.conftest import LOOPBACK, run_cli


def test_a_picture_target_is_refused_with_the_browser_on(server, tmp_path, browser_available):
    result = run_cli("audit", f"{server.url}/clientside/img/icon.png", "--out", str(tmp_path), *LOOPBACK)
    assert result.code == 3, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("listing-audit: error: cannot audit ")
    assert "not an HTML page (image/png" in result.stderr
    assert not (tmp_path / "report.json").exists()


def test_an_oversized_target_is_refused_with_the_browser_on(server, tmp_path, browser_available):
    config = tmp_path / "listing-audit.toml"
    config.write_text("[crawl]\nmax_bytes = 2000\n", encoding="utf-8")
    result = run_cli("audit", f"{server.url}/strong/listing/", "--config", str(config), "--out", str(tmp_path / "o"),
                     *LOOPBACK)
    assert result.code == 3, result.stderr
    assert "page larger than 2000 bytes" in result.stderr


def test_a_page_kept_in_the_cache_by_a_run_with_a_higher_cap_is_still_refused(server, tmp_path):
    cache = tmp_path / "cache"
    target = f"{server.url}/strong/listing/"
    first = run_cli("audit", target, "--no-browser", "--cache-dir", str(cache), "--out", str(tmp_path / "a"),
                    *LOOPBACK)
    assert first.code == 0, first.stderr
    config = tmp_path / "listing-audit.toml"
    config.write_text("[crawl]\nmax_bytes = 2000\n", encoding="utf-8")
    again = run_cli("audit", target, "--no-browser", "--cache-dir", str(cache), "--config", str(config),
                    "--out", str(tmp_path / "b"), *LOOPBACK)
    assert again.code == 3 and "page larger than 2000 bytes" in again.stderr, again.stderr
