"""Attribute checks: fixtures on each side of each threshold."""

import datetime as dt
import math

import pytest

from terridata.core.quality.attributes import (
    check_completeness,
    check_dates,
    check_domain,
    check_outliers,
    check_uniqueness,
    iqr_fences,
    is_missing,
    parse_date,
)
from terridata.core.quality.model import COMPLETENESS_OMISSION, FAILED, PASSED, WARNING


def column(n_filled, n_total):
    kinds = [None, "", "  ", math.nan]  # every kind of missing value
    return ["x"] * n_filled + [kinds[i % 4] for i in range(n_total - n_filled)]


@pytest.mark.parametrize(
    "filled,threshold,outcome",
    [(80, 80, PASSED), (79, 80, FAILED), (81, 80, PASSED), (100, 100, PASSED), (99, 100, FAILED)],
)
def test_completeness_threshold_sides(filled, threshold, outcome):
    check = check_completeness(column(filled, 100), "nom", threshold)
    assert check.outcome == outcome
    assert check.summary["missing"] == 100 - filled
    assert check.summary["completeness_percent"] == pytest.approx(filled)
    assert check.iso19157 == COMPLETENESS_OMISSION
    if outcome == FAILED:
        missing_rows = sorted(p.row for p in check.problems if p.type == "missing-cell")
        assert missing_rows == list(range(filled + 1, 101))  # 1-based rows
        assert all(p.severity == WARNING for p in check.problems if p.type == "missing-cell")
        assert "79.0 %" in check.problems[0].message or "99.0 %" in check.problems[0].message
    else:
        assert check.problems == []


def test_missing_values_kinds_and_row_ids():
    assert all(is_missing(v) for v in (None, "", "   ", math.nan))
    assert not any(is_missing(v) for v in (0, "0", False, " a "))
    check = check_completeness(["a", None, "", math.nan, "b"], "f", 50, rows=[10, 11, 12, 13, 14])
    assert check.outcome == FAILED  # 40 % < 50 %
    assert sorted(p.row for p in check.problems if p.row) == [11, 12, 13]
    with pytest.raises(ValueError):
        check_completeness(["a"], "f", 120)


def test_uniqueness_single_and_compound_keys():
    check = check_uniqueness({"code": ["01001", "01002", "01001", None, "01003", "01001"]}, rows=[5, 6, 7, 8, 9, 10])
    assert check.outcome == FAILED
    dup = sorted(p.row for p in check.problems if p.type == "unique-error")
    assert dup == [5, 7, 10]
    assert {p.details["occurrences"] for p in check.problems if p.type == "unique-error"} == {3}
    assert [p.row for p in check.problems if p.type == "missing-key"] == [8]
    # compound key: (a, 1) and (a, 2) are different
    ok = check_uniqueness({"k1": ["a", "a", "b"], "k2": [1, 2, 1]})
    assert ok.outcome == PASSED and ok.problems == []
    ko = check_uniqueness({"k1": ["a", "a", "b"], "k2": [1, 1, 1]})
    assert sorted(p.row for p in ko.problems) == [1, 2]


def test_domain_range_inclusive_and_exclusive():
    values = [0, 0.0001, 10, 10.0001, -0.0001, None, "abc"]
    inc = check_domain(values, "v", {"minimum": 0, "maximum": 10})
    bad = {p.row for p in inc.problems}
    assert bad == {4, 5, 7}  # 10.0001 and -0.0001 out, "abc" not a number, bounds 0 and 10 inside
    assert {p.type for p in inc.problems if p.row == 7} == {"type-error"}
    exc = check_domain(values[:5], "v", {"exclusiveMinimum": 0, "exclusiveMaximum": 10})
    assert {p.row for p in exc.problems} == {1, 3, 4, 5}  # 0 and 10 now out; 0.0001 in
    limits = {p.row: p.details["constraint"] for p in exc.problems}
    assert limits[1] == "exclusiveMinimum" and limits[3] == "exclusiveMaximum"


def test_domain_enum_and_pattern():
    enum = check_domain(["COM", "ARM", "com", None], "type", {"enum": ["COM", "ARM", "COMD"]})
    assert [p.row for p in enum.problems] == [3]
    commune = r"([013-9]\d|2[AB1-9])\d{3}|97[1-6]\d\d"
    pat = check_domain(["2A004", "97411", "20004", "01001x", "96001"], "code", {"pattern": commune})
    # 96001 matches the pattern (it is the COG that rejects it); 20004 does not (20 is not a département)
    assert [p.row for p in pat.problems] == [3, 4]
    with pytest.raises(ValueError, match="unknown domain rule"):
        check_domain([1], "v", {"minimun": 0})


def test_iqr_fence_exactly_and_just_beyond():
    base = [1, 2, 3, 4, 5, 6, 7, 8, 9]  # q1 3, q3 7, iqr 4 → fences -3 and 13 with factor 1.5
    q1, q3, lo, hi = iqr_fences(base, 1.5)
    assert (q1, q3, lo, hi) == (3, 7, -3, 13)
    # adding one value shifts the quartiles: build fences on a fixed body and probe with large n
    body = list(range(1, 10)) * 50  # many copies keep q1=3, q3=7 when a few probes are added
    at_fence = check_outliers(body + [13, -3], "x", 1.5)
    assert at_fence.summary["upper_fence"] == 13 and at_fence.summary["lower_fence"] == -3
    assert at_fence.problems == []
    beyond = check_outliers(body + [13.001, -3.001], "x", 1.5)
    assert sorted(p.value for p in beyond.problems) == [-3.001, 13.001]
    assert beyond.outcome == PASSED  # outliers are warnings, not blocking errors
    assert all(p.severity == WARNING for p in beyond.problems)
    wider = check_outliers(body + [13.001], "x", 2.0)  # factor is a parameter: fence 15
    assert wider.problems == []


def test_dates_parse_and_future():
    ref = dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)
    values = ["2024-06-01", "2024-06-01T00:00:01Z", "01/05/2024", "2024-13-01", "demain", None, dt.date(2030, 1, 1)]
    fmt, future = check_dates(values, "d", reference=ref)
    assert sorted(p.row for p in fmt.problems) == [4, 5]
    assert sorted(p.row for p in future.problems) == [2, 7]  # the reference itself is not in the future
    assert parse_date("01/05/2024").month == 5  # French day/month order
    assert parse_date("2024-02-30") is None
