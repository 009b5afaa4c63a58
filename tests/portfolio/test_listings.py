"""The LISTINGS file: CSV and TOML, bad rows by line number, file-level errors, stable report-folder keys."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from auditor.errors import UsageError
from auditor.portfolio.listings import ListingEntry, RowError, read_listings


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """A draft file and a docs folder beside the LISTINGS file."""
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "listing.toml").write_text("", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    return tmp_path


def test_a_csv_file_loads_every_field_with_the_line_of_each_row(draft):
    path = write(draft, "listings.csv", (
        "# the partner portfolio\n"
        " Target , NAME,Marketplace,profile,owner,segment,notes\n"
        "https://apps.example.com/a,Acme Sync,HubSpot,Workflow,ann,mid-market,ignored column\n"
        "\n"
        "# a comment line\n"
        'drafts/listing.toml,"Beta, the draft",,,,\n'
        '"https://apps.example.com/b","A name\n'
        'on two lines",auto,table-stakes,,\n'
        "docs,,,,,\n"
    ))
    entries, errors = read_listings(path)
    assert errors == []
    assert [e.line for e in entries] == [3, 6, 7, 9]
    first = entries[0]
    assert first == ListingEntry(line=3, target="https://apps.example.com/a", name="Acme Sync", marketplace="hubspot",
                                 profile="workflow", owner="ann", segment="mid-market")
    assert entries[1].target == str((draft / "drafts" / "listing.toml").resolve())
    assert entries[1].name == "Beta, the draft" and entries[1].profile is None and entries[1].marketplace == "auto"
    assert entries[2].name == "A name\non two lines" and entries[2].profile == "table-stakes"
    assert entries[3].target == str((draft / "docs").resolve()) and entries[3].name is None


def test_bad_csv_rows_are_reported_by_line_and_the_rest_still_load(draft):
    path = write(draft, "listings.csv", (
        "target,name,profile,marketplace\n"        # 1
        "https://apps.example.com/a,A,,\n"         # 2
        ",no target,,\n"                           # 3
        "https://apps.example.com/b,B,foo,\n"      # 4
        "https://apps.example.com/c,C,,nostore\n"  # 5
        "HTTPS://APPS.example.com:443/a#top,A again,,\n"  # 6: the same listing as line 2
        "missing/listing.toml,,,\n"                # 7
        "javascript:alert(1),,,\n"                 # 8
        "https://apps.example.com/d,D,,,extra\n"   # 9
        "https:///no-host,,,\n"                    # 10
        "https://apps.example.com/e,E,,\n"         # 11
        "http://[::1/x,,,\n"                       # 12
        "https://apps.example.com:99999/f,,,\n"    # 13
    ))
    entries, errors = read_listings(path)
    assert [e.line for e in entries] == [2, 11]
    assert [e.line for e in errors] == [3, 4, 5, 6, 7, 8, 9, 10, 12, 13]
    messages = {e.line: e.message for e in errors}
    assert messages[3] == "line 3: no target"
    assert messages[4] == "line 4: unknown profile 'foo' (choose table-stakes, workflow, distribution)"
    assert messages[5].startswith("line 5: unknown marketplace 'nostore' (choose auto, generic, ")
    assert messages[6] == "line 6: duplicate target https://apps.example.com:443/a#top (first on line 2)"
    assert messages[7] == f"line 7: no such file or folder: {(draft / 'missing' / 'listing.toml').resolve()}"
    assert messages[8].startswith("line 8: unsupported target javascript:alert(1)")
    assert messages[9].startswith("line 9: more cells than the header has columns (extra)")
    assert messages[10] == "line 10: malformed URL 'https:///no-host': it names no host"
    assert messages[12] == "line 12: malformed URL 'http://[::1/x': Invalid IPv6 URL"
    assert messages[13] == ("line 13: malformed URL 'https://apps.example.com:99999/f': a port must be a number "
                            "from 1 to 65535")
    assert all("\n" not in m for m in messages.values())


def test_a_toml_file_gives_each_listing_the_line_of_its_header(draft):
    path = write(draft, "listings.toml", (
        "# portfolio\n"                                   # 1
        "[[listing]]\n"                                   # 2
        'target = "https://apps.example.com/a"\n'
        'name = "Acme"\n'
        'profile = "distribution"\n'
        "\n"
        "[[listing]]\n"                                   # 7
        'name = "no target"\n'
        "\n"
        "  [[ listing ]]\n"                               # 10
        'target = "drafts/listing.toml"\n'
        'owner = "bo"\n'
        "[[listing]]\n"                                   # 13
        'target = "https://apps.example.com/b"\n'
        'profle = "workflow"\n'
        "[[listing]]\n"                                   # 16
        'target = "https://apps.example.com/c"\n'
        "name = 7\n"
        "[[listing]]\n"                                   # 19
        'target = "https://apps.example.com/a"\n'
    ))
    entries, errors = read_listings(path)
    assert [(e.line, e.name) for e in entries] == [(2, "Acme"), (10, None)]
    assert entries[1].target == str((draft / "drafts" / "listing.toml").resolve()) and entries[1].owner == "bo"
    assert errors == [
        RowError(7, "line 7: no target"),
        RowError(13, "line 13: unknown key 'profle' (known: target, name, marketplace, profile, owner, segment; "
                     "origin and the metrics installs, active_accounts, retention_90d, traffic_30d, "
                     "qualified_leads_30d, field_usage_30d, revenue_90d, support_tickets_90d, incidents_90d, "
                     "maintenance_hours_90d)"),
        RowError(16, "line 16: name must be a string, got 7"),
        RowError(19, "line 19: duplicate target https://apps.example.com/a (first on line 2)"),
    ]


def test_an_inline_toml_array_gives_its_rows_the_line_of_the_key(tmp_path):
    path = write(tmp_path, "l.toml", '# x\nlisting = [{ target = "https://a.example/x" }, { name = "n" }]\n')
    entries, errors = read_listings(path)
    assert [e.line for e in entries] == [2]
    assert errors == [RowError(2, "line 2: no target")]


@pytest.mark.parametrize(("name", "text", "message"), [
    ("l.txt", "target\nhttps://a.example/x\n", "a listings file must be .csv or .toml"),
    ("l.csv", "name,owner\nA,ann\n", "no target column in the header row"),
    ("l.csv", "TARGET,target\nx,y\n", "column 'target' appears twice in the header row"),
    ("l.csv", "target,name\n\n# nothing yet\n", "no listings in the file"),
    ("l.csv", "", "no header row"),
    ("l.toml", "[[listing]]\ntarget = 'x\n", "not valid TOML: "),
    ("l.toml", "title = 'x'\n", "unknown top-level key 'title'"),
    ("l.toml", "listing = 'x'\n", "`listing` must be an array of tables"),
    ("l.toml", "# empty\n", "no listings in the file"),
])
def test_file_level_problems_are_one_line_usage_errors(tmp_path, name, text, message):
    path = write(tmp_path, name, text)
    with pytest.raises(UsageError) as caught:
        read_listings(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_toml_syntax_error_names_its_line(tmp_path):
    path = write(tmp_path, "l.toml", '[[listing]]\ntarget = "https://a.example/x"\nname = \n')
    with pytest.raises(UsageError, match=r"line 3"):
        read_listings(path)


def test_a_missing_listings_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="listings file not found"):
        read_listings(tmp_path / "nope.csv")


def test_a_utf8_bom_does_not_hide_the_target_column(tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes("\ufefftarget,name\nhttps://a.example/x,Åsa\n".encode())
    entries, errors = read_listings(path)
    assert errors == [] and entries[0].name == "Åsa"


def test_the_key_is_a_slug_and_the_start_of_the_targets_sha1():
    entry = ListingEntry(line=1, target="https://apps.example.com/a", name="Acme Sync: for HubSpot™!")
    digest = hashlib.sha1(b"https://apps.example.com/a").hexdigest()[:8]
    assert entry.key == f"acme-sync-for-hubspottm-{digest}"
    # stable: it depends on the name and target only, not the line or the other fields
    assert ListingEntry(line=9, target=entry.target, name=entry.name, owner="x").key == entry.key


def test_keys_are_filesystem_safe_and_unique_per_target():
    targets = ["https://apps.example.com/a", "https://apps.example.com/b", "https://apps.example.com/a?x=1",
               "/srv/drafts/acme/listing.toml", "/srv/drafts/beta/listing.toml"]
    names = [None, "Same name", "../../etc/passwd", "<script>alert(1)</script>", "  ", "Ünïcödé 名前"]
    keys = {ListingEntry(1, t, n).key for t in targets for n in names[:1]}
    assert len(keys) == len(targets)
    same_name = {ListingEntry(1, t, "Same name").key for t in targets}
    assert len(same_name) == len(targets)
    for name in names:
        for target in targets:
            key = ListingEntry(1, target, name).key
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{8}", key), key
            assert len(key) <= 57
    assert ListingEntry(1, "https://apps.example.com/a").key.startswith("apps-example-com-a-")
    assert ListingEntry(1, "/srv/drafts/acme/listing.toml").key.startswith("acme-listing-toml-")
    assert ListingEntry(1, "https://x.example/", "名前").key.startswith("listing-")


def doc_block(language: str, index: int = 0) -> str:
    """A fenced code block of docs/portfolio.md."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "portfolio.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)[index]


@pytest.mark.parametrize(("language", "name", "count"), [("csv", "listings.csv", 4), ("toml", "listings.toml", 2)])
def test_the_documented_examples_load_without_errors(tmp_path, language, name, count):
    (tmp_path / "drafts" / "beta").mkdir(parents=True)
    (tmp_path / "drafts" / "beta" / "listing.toml").write_text("", encoding="utf-8")
    (tmp_path / "docs-site" / "build").mkdir(parents=True)
    entries, errors = read_listings(write(tmp_path, name, doc_block(language)))
    assert errors == [] and len(entries) == count
    assert entries[0].profile == "workflow" and entries[0].marketplace == "hubspot"
