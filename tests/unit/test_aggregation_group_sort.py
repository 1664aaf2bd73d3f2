"""core.aggregation.group_sort against numpy's lexicographic sort and per-group medians."""

import numpy as np
import pytest

from terridata.core.aggregation.group_sort import sort_by_group_then_value, values_sorted_by_group
from terridata.core.aggregation.stats import grouped_statistics


@pytest.mark.parametrize("n, n_groups", [(1, 1), (17, 3), (5000, 70_000), (200_000, 100_000)])
def test_order_is_lexsort(n, n_groups):
    rng = np.random.default_rng(n)
    groups = rng.integers(0, n_groups, n)
    values = np.round(rng.normal(0, 10, n), 1)  # many ties, negative values, -0.0 and 0.0
    assert np.array_equal(sort_by_group_then_value(groups, values), np.lexsort((values, groups)))


def test_empty_and_bad_groups():
    assert len(sort_by_group_then_value(np.array([], dtype=np.int64), np.array([]))) == 0
    with pytest.raises(ValueError):
        sort_by_group_then_value(np.array([-1, 0]), np.array([1.0, 2.0]))
    with pytest.raises(ValueError):
        sort_by_group_then_value(np.array([0, 1]), np.array([1.0]))


def test_medians_of_many_groups_equal_numpy_median_per_group():
    rng = np.random.default_rng(7)
    n_groups = 80_000  # above the radix-sort limit: the packed-key sort
    groups = rng.integers(0, n_groups, 300_000)
    values = np.round(rng.gamma(2.0, 25.0, len(groups)), 3)
    values[rng.random(len(groups)) < 0.05] = np.nan
    res = grouped_statistics(groups, values, n_groups, ["median", "min", "max", "p25"])
    for g in rng.choice(n_groups, 300, replace=False).tolist():
        mine = values[(groups == g) & ~np.isnan(values)]
        if len(mine) == 0:
            assert np.isnan(res["median"][g])
            continue
        assert res["median"][g] == pytest.approx(np.median(mine), rel=1e-12)
        assert res["p25"][g] == pytest.approx(np.percentile(mine, 25), rel=1e-12)
        assert res["min"][g] == mine.min() and res["max"][g] == mine.max()


@pytest.mark.parametrize("n, n_groups", [(1, 1), (17, 3), (5000, 70_000), (200_000, 100_000)])
def test_sorted_values_are_those_of_lexsort(n, n_groups):
    rng = np.random.default_rng(n + 1)
    groups = rng.integers(0, n_groups, n)
    values = np.round(rng.normal(0, 10, n), 1)
    values[values == 0] = 0.0  # no -0.0 here: one sign of zero
    expected = values[np.lexsort((values, groups))]
    got = values_sorted_by_group(groups, values)
    assert np.array_equal(got, expected)


def test_sorted_values_keep_signed_zeros_as_lexsort():
    groups = np.array([1, 0, 0, 1, 0, 1])
    values = np.array([0.0, -0.0, 0.0, -0.0, -1.5, 2.0])
    expected = values[np.lexsort((values, groups))]
    got = values_sorted_by_group(groups, values)
    assert np.array_equal(got, expected) and np.array_equal(np.signbit(got), np.signbit(expected))
