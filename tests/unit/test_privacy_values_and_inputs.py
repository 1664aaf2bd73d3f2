"""Pure checks behind the confidentiality algorithms' refusals (issue 16, points 8, 10, 11, 15, 16), without QGIS."""

import math

import numpy as np
import pandas as pd

from terridata.core.privacy import generalise as gen
from terridata.core.privacy.export_plan import Declaration, build_hierarchies, commune_codes
from terridata.core.privacy.geomask import ReferenceIndex, donut_mask
from terridata.core.privacy.kanonymity import anonymise
from terridata.core.privacy.protective_grid import natural_grid
from terridata.core.privacy.values import (
    describe_rows,
    invalid_amounts,
    invalid_counts,
    invalid_weights,
    totals_are_exact,
)


def test_counts_must_be_whole_non_negative_numbers():
    values = [3, 4.0, "12", " 7 ", "x", 13.5, "13.5", None, -1, math.inf, math.nan, True, 2**53, ""]
    bad = invalid_counts(values)
    assert [i for i, _ in bad] == [4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    assert describe_rows(bad, limit=2) == "row 5 ('x'), row 6 (13.5) and 8 more"


def test_amounts_and_weights():
    assert [i for i, _ in invalid_amounts([1.5, None, "2.5", "x", 1e308, -3, math.inf])] == [3, 4, 5, 6]
    assert [i for i, _ in invalid_weights([1.5, None, "2.5", "x"])] == [1, 3]  # a NULL weight is not 0 units
    assert totals_are_exact([0, 2.0**53 - 1]) and not totals_are_exact([2.0**53]) and not totals_are_exact([math.inf])


def test_commune_codes_are_normalised_before_generalisation():
    assert commune_codes(["1001", 1001, "91377.0", " 2a004 ", None, ""]) == [
        "01001",
        "01001",
        "91377",
        "2A004",
        None,
        None,
    ]
    frame = pd.DataFrame({"com": pd.Series(["1001", "01001", 91377.0], dtype=object)})
    (hierarchy,) = build_hierarchies(frame, Declaration(communes=["com"]), {"01001": "200069193"})
    assert list(hierarchy.values(0)) == ["01001", "01001", "91377"]
    assert list(hierarchy.values(1))[:2] == ["EPCI 200069193", "EPCI 200069193"]


KEEP = {"grp": 0}  # the quasi-identifier may not be suppressed entirely (the algorithm's default)


def test_l_diversity_blocker_gets_l_advice_not_k_advice():
    groups = np.repeat(["g0", "g1", "g2", "g3"], 30)
    sensitive = np.repeat(["a", "b", "c", "d"], 30)  # one value per group: l = 2 is never met, k = 11 always
    result = anonymise(
        [gen.categorical("grp", groups)], k=11, l=2, budget=0.05, sensitive=sensitive, fixed_max_levels=KEEP
    )
    assert not result.feasible
    assert result.reason.startswith("l = 2 cannot be met") and "k = 11 alone could be" in result.reason
    assert not any("smaller k" in s for s in result.suggestions)
    assert any("set l to 1" in s for s in result.suggestions)
    # three groups with 3 values and one with 2: l = 3 would cost a quarter of the records, l = 2 nothing
    sensitive = np.array([["a", "b", "c"][i % 3] if g != "g0" else ["a", "b"][i % 2] for i, g in enumerate(groups)])
    result = anonymise(
        [gen.categorical("grp", groups)], k=11, l=3, budget=0.05, sensitive=sensitive, fixed_max_levels=KEEP
    )
    assert not result.feasible and any("a smaller l of 2" in s for s in result.suggestions)


def test_k_blocker_advice_is_unchanged():
    result = anonymise([gen.categorical("grp", ["a"] * 5 + ["b"] * 5)], k=11, budget=0.0)
    assert result.reason.startswith("k = 11 cannot be met")
    assert any("only 10 records" in s for s in result.suggestions)


def test_protective_grid_leaves_out_invalid_coordinates():
    x = np.array([3_760_010.0] * 12 + [math.inf, math.nan, 1e15, 1e308, 0.0])
    y = np.array([2_890_010.0] * 12 + [math.inf, 2_890_010.0, 1e15, 1e308, 0.0])
    grid = natural_grid(x, y, threshold=11)
    assert list(grid.ids) == ["CRS3035RES200mN2890000E3760000"] and list(grid.count) == [12.0]
    assert grid.outside_points == 5 and list(grid.point_cell[12:]) == [-1] * 5


def test_geomask_with_infinite_and_huge_points_and_reference_units():
    rx = np.array([3_760_000.0 + 10 * i for i in range(50)] + [math.inf, 1e308, math.nan])
    ry = np.array([2_890_000.0] * 50 + [math.inf, 1e308, 0.0])
    index = ReferenceIndex(rx, ry, bucket=250.0)
    assert len(index.x) == 50
    x = np.array([3_760_200.0, math.inf, -math.inf, 1e308, math.nan])
    y = np.array([2_890_000.0, 0.0, 1.0, 1e308, 1.0])
    result = donut_mask(x, y, index, 50.0, 500.0, min_k=5, seed=3)
    assert list(result.failed) == [False, True, True, True, True]
    assert np.isfinite(result.x[0]) and np.isnan(result.x[1:]).all()


def test_grid_generalisation_gives_no_cell_to_invalid_coordinates():
    x = [3_760_010.0, math.inf, math.nan, 1e15, 1e308, 0.0]
    y = [2_890_010.0, 1.0, 2_890_010.0, 1e15, 1e308, 0.0]
    hierarchy = gen.grid("location", x, y)
    assert list(hierarchy.values(0)) == ["CRS3035RES200mN2890000E3760000", "", "", "", "", ""]
