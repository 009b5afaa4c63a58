"""A password or token given in the target URL never reaches any output: a report format, the log or a snapshot."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import LOOPBACK, run_cli

PASSWORD, TOKEN = "hunter2-plant", "tok-9f8e7d6c-plant"


def test_a_password_and_token_in_the_target_url_reach_no_output(server, tmp_path: Path) -> None:
    host = server.url.removeprefix("http://")
    target = f"http://admin:{PASSWORD}@{host}/strong/listing/?api_key={TOKEN}"
    out, snap = tmp_path / "out", tmp_path / "snap"
    result = run_cli("audit", target, "--no-browser", "-v", "--out", str(out), "--save-snapshot", str(snap),
                     "--format", "html,json,markdown,sarif,junit", *LOOPBACK)
    assert result.code == 0, result.stderr
    written = [p for folder in (out, snap) for p in folder.rglob("*") if p.is_file()]
    assert {p.suffix for p in written} >= {".html", ".json", ".md", ".sarif", ".xml"}
    for text, where in [(result.stdout, "stdout"), (result.stderr, "the -v log"),
                        *((p.read_text(encoding="utf-8", errors="replace"), p.name) for p in written)]:
        assert PASSWORD not in text, f"the password reached {where}"
        assert TOKEN not in text, f"the token reached {where}"
    assert f"http://{host}/strong/listing/" in (out / "report.json").read_text(encoding="utf-8")
