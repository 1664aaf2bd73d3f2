"""Grouped statistics against values computed one group at a time with the standard library."""

import math
import statistics as pystats

import numpy as np
import pytest

from terridata.core.aggregation.stats import (
    category_counts,
    grouped_statistics,
    parse_statistics,
    percentile_of,
    safe_field_name,
)

ALL = ["count", "sum", "mean", "median", "min", "max", "std", "p10", "p90", "p2_5"]


def test_grouped_statistics_match_per_group_reference():
    rng = np.random.default_rng(7)
    n_groups = 30
    groups = rng.integers(0, n_groups - 3, 2000)  # the last 3 groups stay empty
    values = rng.normal(10, 4, 2000).round(2)
    values[rng.random(2000) < 0.1] = np.nan  # NULLs
    res = grouped_statistics(groups, values, n_groups, ALL)
    for g in range(n_groups):
        vals = [v for gg, v in zip(groups, values) if gg == g and not math.isnan(v)]
        assert res["count"][g] == len(vals)
        if not vals:
            assert res["sum"][g] == 0
            assert all(math.isnan(res[s][g]) for s in ("mean", "median", "min", "max", "std", "p10"))
            continue
        assert res["sum"][g] == pytest.approx(math.fsum(vals))
        assert res["mean"][g] == pytest.approx(pystats.mean(vals))
        assert res["median"][g] == pytest.approx(pystats.median(vals))
        assert res["min"][g] == min(vals) and res["max"][g] == max(vals)
        assert res["std"][g] == pytest.approx(pystats.pstdev(vals))
        # linear interpolation between closest ranks, as statistics.quantiles(method="inclusive")
        q = pystats.quantiles(vals, n=10, method="inclusive") if len(vals) > 1 else [vals[0]] * 9
        assert res["p10"][g] == pytest.approx(q[0]) and res["p90"][g] == pytest.approx(q[8])
        q40 = pystats.quantiles(vals, n=40, method="inclusive") if len(vals) > 1 else [vals[0]]
        assert res["p2_5"][g] == pytest.approx(q40[0])


def test_weighted_statistics():
    groups = np.array([0, 0, 0, 1, 1, 2])
    values = np.array([1.0, 2.0, 10.0, 5.0, np.nan, 3.0])
    weights = np.array([1.0, 3.0, 0.0, 2.0, 5.0, np.nan])  # zero and NULL weights drop the value
    res = grouped_statistics(groups, values, 3, ["count", "sum", "mean", "median", "std"], weights=weights)
    assert res["count"].tolist() == [2, 1, 0]
    assert res["sum"][0] == pytest.approx(1 * 1 + 2 * 3)
    assert res["mean"][0] == pytest.approx(7 / 4)
    assert res["median"][0] == 2.0  # cumulative weight 1/4 then 4/4: reaches half at value 2
    assert res["std"][0] == pytest.approx(math.sqrt((1 * (1 - 1.75) ** 2 + 3 * (2 - 1.75) ** 2) / 4))
    assert res["mean"][1] == 5.0 and math.isnan(res["mean"][2])
    with pytest.raises(ValueError, match="negative"):
        grouped_statistics(groups, values, 3, ["sum"], weights=-np.ones(6))


def test_statistic_names():
    assert parse_statistics(["Mean", "p90", "mean", " "]) == ["mean", "p90"]
    assert percentile_of("median") == 0.5 and percentile_of("p2_5") == 0.025 and percentile_of("sum") is None
    for bad in ("average", "p0", "p100", "p-5"):
        with pytest.raises(ValueError):
            parse_statistics([bad])


def test_category_counts_and_field_names():
    labels, matrix = category_counts([0, 0, 1, 2, 2, 2], ["a", "b", "a", None, "a", "a"], 4)
    assert labels == [None, "a", "b"]
    assert matrix.tolist() == [[0, 1, 1], [0, 1, 0], [1, 2, 0], [0, 0, 0]]
    with pytest.raises(ValueError):
        category_counts(range(300), [str(i) for i in range(300)], 300)
    used = {"count"}
    assert safe_field_name("count", used) == "count_2"
    assert safe_field_name("Qualité de l'air", used) == "qualite_de_l_air"
