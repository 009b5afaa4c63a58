"""Config discovery and validation: every mistake names the key and the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from auditor.config import discover, load_config
from auditor.errors import ConfigError


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_discovery_prefers_listing_audit_toml_then_the_pyproject_table(tmp_path):
    assert discover(tmp_path) is None
    write(tmp_path, "pyproject.toml", "[project]\nname = 'x'\n")
    assert discover(tmp_path) is None, "a pyproject without the table is not a config"
    write(tmp_path, "pyproject.toml", "[tool.listing-audit]\nprofile = 'workflow'\n")
    assert discover(tmp_path) == tmp_path / "pyproject.toml"
    assert load_config(discover(tmp_path)).profile == "workflow"
    write(tmp_path, "listing-audit.toml", "profile = 'table-stakes'\n")
    assert discover(tmp_path) == tmp_path / "listing-audit.toml"


def test_a_full_config_parses(tmp_path):
    path = write(tmp_path, "listing-audit.toml", """
profile = "workflow"
[weights]
documentation = 40
reviews = 0
[crawl]
max_pages = 250
allow_hosts = ["Docs.Example.com"]
use_browser = false
[[waivers]]
check = "doc105"
reason = "Legacy v1 docs are being retired"
owner = "docs-team"
expires = 2027-03-01
url = "*/v1/*"
""")
    config = load_config(path)
    assert config.profile == "workflow"
    assert config.weights == {"documentation": 40.0, "reviews": 0.0}
    assert config.crawl == {"max_pages": 250, "allow_hosts": frozenset({"docs.example.com"}), "use_browser": False}
    (waiver,) = config.waivers
    assert (waiver.check, waiver.owner, waiver.expires, waiver.url) == ("DOC105", "docs-team", date(2027, 3, 1),
                                                                        "*/v1/*")


@pytest.mark.parametrize("text, message", [
    ("profil = 'workflow'", "unknown key profil"),
    ("[crawl]\nmax_page = 3", "unknown key crawl.max_page"),
    ("[crawl]\nmax_pages = 'many'", "crawl.max_pages has the wrong type"),
    ("[crawl]\nmax_pages = true", "crawl.max_pages has the wrong type"),
    ("profile = 'fastest'", "unknown profile 'fastest'"),
    ("[weights]\ndocs = 3", "unknown key weights.docs"),
    ("[weights]\ndocumentation = -1", "weights must be numbers >= 0"),
    ("[weights]\ndocumentation = 0", "at least one category weight"),
    ("[[waivers]]\ncheck = 'DOC105'", "(DOC105) needs a reason"),
    ("[[waivers]]\nreason = 'x'", "needs a check id"),
    ("[[waivers]]\ncheck = 'DOC105'\nreason = 'x'\nexpires = 'soon'", "expires is not a date"),
    ("[[waivers]]\ncheck = 'DOC105'\nreason = 'x'\nowners = 'me'", "unknown key waivers[1].owners"),
    ("profile = ", "not valid TOML"),
])
def test_mistakes_name_the_key_and_the_file(tmp_path, text, message):
    path = write(tmp_path, "listing-audit.toml", text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert message in str(err.value) and str(path) in str(err.value)
