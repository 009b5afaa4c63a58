"""The report templates' environment: compiled code kept beside the templates, as Python keeps a module's."""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import bc_magic

from auditor.report import html, templates
from auditor.report.templates import BesideTemplates, build_environment, precompile
from tests.report.test_html_report import hostile_report


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The names of the templates Jinja compiles from source from now on."""
    compiled: list[str | None] = []
    real_compile = jinja2.Environment.compile

    def counting_compile(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return real_compile(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)
    return compiled


def _render_with(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(html, "environment", lambda: env)
    return html.render(hostile_report())


def test_precompiled_templates_render_the_same_report_without_compiling_anything(tmp_path, monkeypatch):
    names = precompile(tmp_path)
    assert "report.html.j2" in names and "compare.html.j2" in names
    assert len(list(tmp_path.glob("__jinja2_*.cache"))) == len(names)
    from_source = _render_with(build_environment(None, write_bytecode=False), monkeypatch)
    compiled = _compiles(monkeypatch)
    from_bytecode = _render_with(build_environment(tmp_path, write_bytecode=False), monkeypatch)
    assert compiled == []
    assert from_bytecode == from_source and "<html" in from_bytecode


def test_templates_compiled_in_a_run_are_kept_for_the_next_one(tmp_path, monkeypatch):
    _render_with(build_environment(tmp_path, write_bytecode=True), monkeypatch)
    kept = list(tmp_path.glob("__jinja2_*.cache"))
    assert len(kept) >= 2, "report.html.j2 and the templates it includes"
    assert all(path.read_bytes().startswith(bc_magic) for path in kept)
    compiled = _compiles(monkeypatch)
    _render_with(build_environment(tmp_path, write_bytecode=True), monkeypatch)
    assert compiled == []


def test_nothing_is_written_where_writing_bytecode_is_off(tmp_path, monkeypatch):
    folder = tmp_path / "__pycache__"
    assert "<html" in _render_with(build_environment(folder, write_bytecode=False), monkeypatch)
    assert not folder.exists()


def test_a_folder_that_cannot_be_written_leaves_the_templates_compiled_in_memory(tmp_path, monkeypatch):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("a file where the folder would be", encoding="utf-8")
    assert "<html" in _render_with(build_environment(not_a_folder, write_bytecode=True), monkeypatch)


def test_a_corrupt_compiled_template_is_compiled_again_and_replaced(tmp_path, monkeypatch):
    precompile(tmp_path)
    for path in tmp_path.glob("__jinja2_*.cache"):
        path.write_bytes(b"not jinja bytecode")
    compiled = _compiles(monkeypatch)
    assert "<html" in _render_with(build_environment(tmp_path, write_bytecode=True), monkeypatch)
    assert "report.html.j2" in compiled
    replaced = [path for path in tmp_path.glob("__jinja2_*.cache") if path.read_bytes().startswith(bc_magic)]
    assert len(replaced) >= 2, "report.html.j2 and the templates it includes, compiled again and kept"


def test_code_compiled_with_other_settings_is_never_loaded(tmp_path, monkeypatch):
    precompile(tmp_path)
    before = {p.name for p in tmp_path.glob("__jinja2_*.cache")}
    env = build_environment(tmp_path, write_bytecode=True)
    env.trim_blocks = False  # shapes the compiled code; Jinja's own check (its version, the source) misses it
    env.bytecode_cache = BesideTemplates(tmp_path, True, templates.compile_settings(env))
    compiled = _compiles(monkeypatch)
    env.get_template("report.html.j2")
    assert "report.html.j2" in compiled
    assert {p.name for p in tmp_path.glob("__jinja2_*.cache")} - before, "kept under names of its own"


def test_the_process_environment_writes_bytecode_unless_python_is_told_not_to(monkeypatch):
    for dont_write in (True, False):
        monkeypatch.setattr(sys, "dont_write_bytecode", dont_write)
        cache = templates.environment().bytecode_cache
        assert isinstance(cache, BesideTemplates) and cache.write is not dont_write
        assert Path(cache.directory) == templates.compiled_folder()
