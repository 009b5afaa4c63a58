"""Operating numbers: the LISTINGS file's optional columns, the `--metrics` file, bad values by file, line and
column (dropped, never fatal), matching a metrics row to its listing, and the ratios derived from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.errors import UsageError
from auditor.portfolio.listings import read_listings
from auditor.portfolio.metrics import ListingMetrics, read_metrics, read_values
from auditor.portfolio.rows import attach_metrics
from tests.portfolio.conftest import make_row


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_listings_csv_takes_optional_metric_columns(tmp_path):
    path = write(tmp_path, "listings.csv", (
        "target,name,origin,installs,retention_90d,revenue_90d,notes\n"
        "https://apps.example.com/a,A,Reactive,\"1,200\",85%,12500.50,x\n"
        "https://apps.example.com/b,B,,,,,\n"
    ))
    entries, errors = read_listings(path)
    assert errors == []
    a, b = entries
    assert a.origin == "reactive" and a.value_problems == ()
    assert a.metrics == ListingMetrics(installs=1200, retention_90d=0.85, revenue_90d=12500.5)
    assert b.metrics == ListingMetrics() and b.origin is None  # blank is "nobody measures it", never 0


def test_a_bad_value_is_dropped_with_file_line_and_column_and_the_row_still_runs(tmp_path):
    path = write(tmp_path, "listings.csv", (
        "target,name,installs,retention_90d,active_accounts,origin,incidents_90d\n"   # 1
        "https://apps.example.com/a,A,lots,1.4,-3,loud,2.5\n"                          # 2
        "https://apps.example.com/b,B,10,0.9,5,strategic,0\n"                          # 3
    ))
    entries, errors = read_listings(path)
    assert errors == [] and [e.name for e in entries] == ["A", "B"]
    messages = [p.message for p in entries[0].value_problems]
    assert messages == [
        "listings.csv: line 2, column installs: 'lots' is not a number",
        "listings.csv: line 2, column retention_90d: '1.4' is a share: write it from 0 to 1 (or as a percentage)",
        "listings.csv: line 2, column active_accounts: '-3' must be a number of at least 0",
        "listings.csv: line 2, column origin: unknown origin 'loud' (choose strategic, reactive)",
        "listings.csv: line 2, column incidents_90d: '2.5' is a count: write a whole number",
    ]
    assert [(p.line, p.column) for p in entries[0].value_problems][0] == (2, "installs")
    assert entries[0].metrics == ListingMetrics() and entries[0].origin is None
    assert entries[1].metrics == ListingMetrics(installs=10, retention_90d=0.9, active_accounts=5, incidents_90d=0)


def test_toml_listings_take_metrics_as_numbers_or_strings(tmp_path):
    path = write(tmp_path, "listings.toml", (
        "[[listing]]\n"                                 # 1
        'target = "https://apps.example.com/a"\n'
        "active_accounts = 40\n"
        "retention_90d = 0.8\n"
        'origin = "strategic"\n'
        "[[listing]]\n"                                 # 6
        'target = "https://apps.example.com/b"\n'
        "traffic_30d = true\n"
        'revenue_90d = "9,000"\n'
    ))
    entries, errors = read_listings(path)
    assert errors == []
    assert entries[0].metrics == ListingMetrics(active_accounts=40, retention_90d=0.8)
    assert entries[0].origin == "strategic"
    assert entries[1].metrics == ListingMetrics(revenue_90d=9000.0)
    assert [p.message for p in entries[1].value_problems] == [
        "listings.toml: line 6, column traffic_30d: expected a number, got True"]


def test_a_metrics_file_matches_by_name_or_target_and_overrides_the_listings_columns(tmp_path):
    rows = [make_row("Acme", line=2, owner="ann", metrics=ListingMetrics(installs=50, active_accounts=10)),
            make_row("Beta", line=3, target="https://store.example/apps/beta?utm_source=x")]
    path = write(tmp_path, "metrics.csv", (
        "# exported from the CRM\n"                                      # 1
        "Name,Target,active_accounts,support_tickets_90d,owner,origin,unknown column\n"  # 2
        "acme,,25,4,,reactive,x\n"                                        # 3
        ",HTTPS://STORE.EXAMPLE/apps/beta,7,,bo,,\n"                      # 4
        "Gamma,,1,,,,\n"                                                  # 5
        ",,3,,,,\n"                                                       # 6
    ))
    metric_rows, problems = read_metrics(path)
    merged, unmatched = attach_metrics(rows, metric_rows, path.name)
    acme, beta = merged
    assert acme.metrics == ListingMetrics(installs=50, active_accounts=25, support_tickets_90d=4)
    assert acme.origin == "reactive" and acme.owner == "ann"  # a blank owner cell keeps the LISTINGS owner
    assert beta.metrics == ListingMetrics(active_accounts=7) and beta.owner == "bo"
    assert [p.message for p in problems] == [
        "metrics.csv: line 6, column name: no name or target, so this row is about no listing"]
    assert [p.message for p in unmatched] == ["metrics.csv: line 5, column name: no listing has the name 'Gamma'"]


def test_a_name_two_listings_share_is_a_problem_not_a_guess(tmp_path):
    rows = [make_row("Same", line=2, target="https://a.example/x"), make_row("Same", line=3, target="https://b.example/x")]
    metric_rows, _ = read_metrics(write(tmp_path, "m.csv", "name,installs\nSame,5\n"))
    merged, unmatched = attach_metrics(rows, metric_rows, "m.csv")
    assert all(r.metrics == ListingMetrics() for r in merged)
    assert unmatched[0].message == ("m.csv: line 2, column name: 2 listings have the name 'Same'; give its target "
                                    "instead")


def test_a_path_target_in_the_metrics_file_is_read_relative_to_it(tmp_path):
    draft = write(tmp_path, "listing.toml", "")
    rows = [make_row("Draft", target=str(draft.resolve()))]
    metric_rows, _ = read_metrics(write(tmp_path, "m.csv", "target,installs\nlisting.toml,12\n"))
    merged, unmatched = attach_metrics(rows, metric_rows, "m.csv")
    assert merged[0].metrics.installs == 12 and unmatched == []


@pytest.mark.parametrize(("name", "text", "message"), [
    ("m.txt", "name\n", "a metrics file must be .csv"),
    ("m.csv", "", "no header row"),
    ("m.csv", "listing,installs\nA,3\n", "the header row needs a name or a target column"),
])
def test_a_metrics_file_that_cannot_be_matched_at_all_is_a_usage_error(tmp_path, name, text, message):
    with pytest.raises(UsageError, match=message):
        read_metrics(write(tmp_path, name, text))
    with pytest.raises(UsageError, match="metrics file not found"):
        read_metrics(tmp_path / "nope.csv")


def test_ratios_need_both_numbers_and_a_denominator_above_zero():
    m = ListingMetrics(installs=200, active_accounts=50, support_tickets_90d=10, revenue_90d=20000.0,
                       maintenance_hours_90d=30.0)
    assert m.value("activation") == 0.25
    assert m.value("tickets_per_account") == 0.2
    assert m.value("tickets_per_1k_revenue") == 0.5
    assert m.value("maintenance_hours_per_account") == 0.6
    assert m.value("lead_rate") is None  # no traffic, no leads
    assert ListingMetrics(active_accounts=0, support_tickets_90d=3).value("tickets_per_account") is None


def test_values_from_toml_and_csv_read_the_same():
    assert read_values({"installs": 12, "retention_90d": 0.5}, "f", 1).metrics == \
        read_values({"installs": "12", "retention_90d": "50%"}, "f", 1).metrics
    assert read_values({"revenue_90d": "12%"}, "f", 1).problems[0].message == \
        "f: line 1, column revenue_90d: '12%': a percentage only fits a share (0-1)"
