"""The report templates' Jinja environment, with their compiled code kept beside them as Python keeps a module's.

Compiling report.html.j2 and the templates it includes takes about 0.07 s: a tenth of a warm re-audit of a
1,000-page site. Jinja can keep compiled templates in a bytecode cache. This one lives in
report_templates/__pycache__, beside the templates and exactly where Python keeps the package's own bytecode:
whoever can write there can already change the code, so nothing it loads is less trusted than the code itself.
A cache in the user's cache folder would be: CI systems restore that folder between jobs, and a poisoned entry
would run in the next one. Like Python, it writes nothing where PYTHONDONTWRITEBYTECODE is set or the folder is
read-only (templates are then compiled in memory, once per process); `precompile()` compiles them all ahead, as
`compileall` does modules (`make bench` runs both; a container build can too).
"""

from __future__ import annotations

import hashlib
import re
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket

from auditor import formatting as fmt
from auditor.report.capture import safe_screenshot

PACKAGE = "report_templates"
_SAFE_HREF = re.compile(r"^https?://[^\s\"'<>`]+$", re.IGNORECASE)


def safe_href(url: object) -> str | None:
    """The URL when it is a plain http(s) URL fit for an href; None for javascript:, data: and the like."""
    return url if isinstance(url, str) and _SAFE_HREF.match(url.strip()) else None


class BesideTemplates(FileSystemBytecodeCache):
    """Compiled templates in a folder beside them; writing is skipped (never fails) where it is not allowed."""

    def __init__(self, directory: Path, write: bool, settings: str) -> None:
        """`settings`: a hash of the environment's settings that shape compiled code (`compile_settings`): code is
        kept under names that hold it, so an environment set up otherwise never loads it."""
        super().__init__(str(directory), f"__jinja2_{settings}_%s.cache")
        self.write = write

    def load_bytecode(self, bucket: Bucket) -> None:
        """Load `bucket`'s kept code, if there is any to be read (Jinja compiles again when there is not, or when
        its template changed since)."""
        try:
            super().load_bytecode(bucket)
        except OSError:  # not a folder, unreadable: as if nothing were kept
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep `bucket`'s code, unless writing bytecode is off or the folder cannot be written."""
        if not self.write:
            return
        try:
            Path(self.directory).mkdir(exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:  # a read-only install: compiled in memory, as Python does without its __pycache__
            pass


def environment(write_bytecode: bool | None = None) -> Environment:
    """The report templates' environment, one per process and bytecode setting (a batch renders a report per listing
    and the portfolio with it; nothing changes it after it is built). `write_bytecode`: keep newly compiled
    templates beside them (default: unless PYTHONDONTWRITEBYTECODE is set)."""
    return _environment(not sys.dont_write_bytecode if write_bytecode is None else write_bytecode)


@lru_cache(maxsize=2)
def _environment(write_bytecode: bool) -> Environment:
    return build_environment(compiled_folder(), write_bytecode)


def compiled_folder() -> Path | None:
    """Where compiled templates are kept: report_templates/__pycache__; None when the package is not a folder on
    disk (installed in a zip)."""
    folder = resources.files(PACKAGE)
    return folder / "__pycache__" if isinstance(folder, Path) else None


def build_environment(folder: Path | None, write_bytecode: bool) -> Environment:
    """A new environment of the report templates, with their filters, keeping compiled templates in `folder`
    (None: compiled in memory only). It escapes everything: the templates only ever print HTML."""
    env = Environment(loader=PackageLoader(PACKAGE, ""), undefined=StrictUndefined, autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    if folder is not None:
        env.bytecode_cache = BesideTemplates(folder, write_bytecode, compile_settings(env))
    env.filters["safe_href"] = safe_href
    env.filters["safe_screenshot"] = safe_screenshot
    env.filters["pct"] = lambda v: "–" if v is None else f"{v:.0f}"
    for name in ("number", "plural", "rating", "score", "points", "signed", "date", "duration", "sentence",
                 "sentences", "and_list"):
        env.filters[name] = getattr(fmt, name)
    return env


def compile_settings(env: Environment) -> str:
    """A short hash of the settings of `env` that shape the code a template compiles to (Jinja's own check covers
    only its version and the template's source)."""
    autoescape = env.autoescape
    settings = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
                autoescape.__qualname__ if callable(autoescape) else autoescape, sorted(env.extensions))
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:12]


def precompile(folder: Path | None = None) -> list[str]:
    """Compile every template into `folder` (default: `compiled_folder()`), whatever PYTHONDONTWRITEBYTECODE says
    (as `compileall` does); returns the templates' names."""
    folder = folder or compiled_folder()
    if folder is None:
        raise RuntimeError(f"{PACKAGE} is not a folder on disk: there is nowhere to keep compiled templates")
    env = build_environment(folder, write_bytecode=True)
    names = env.list_templates(extensions=["j2"])
    for name in names:
        env.get_template(name)
    return names
