"""Every data file the code reads at run time is in the package data, so a wheel (not only an editable install)
carries it."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_non_python_file_of_a_package_is_matched_by_its_package_data_globs() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs: dict[str, list[str]] = config["tool"]["setuptools"]["package-data"]
    missing = []
    for package in ("auditor", "checks", "report_templates"):
        folder = ROOT / package
        for path in folder.rglob("*"):
            if path.is_dir() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
                continue
            relative = path.relative_to(folder).as_posix()
            # setuptools' globs do not cross folders ("*.j2" is the package's own folder only)
            if not any(pattern.count("/") == relative.count("/") and fnmatch.fnmatch(relative, pattern)
                       for pattern in globs.get(package, [])):
                missing.append(f"{package}/{relative}")
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"
