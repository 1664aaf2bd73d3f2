"""Roll-up core: sums, weighted means, NULLs and unknown codes, on a hand-made hierarchy."""

import math

import numpy as np
import pytest

from terridata.core.aggregation.rollup import rollup

PARENT = {"01001": "E1", "01002": "E1", "01003": "E2", "2A004": "E2"}


def test_sums_weighted_means_and_unknown_codes():
    codes = ["01001", "01002", "01003", "2A004", "99999", None, "01001"]
    pop = [100.0, 300.0, np.nan, 50.0, 7.0, 1.0, 20.0]
    rate = [10.0, 20.0, 5.0, np.nan, 1.0, 1.0, 40.0]
    res = rollup(codes, PARENT, additive={"pop": pop}, rates={"rate": rate}, weights=pop)
    assert res.parents == ["E1", "E2"]
    assert res.n_rows.tolist() == [3, 2]
    assert res.sums["pop"].tolist() == [420.0, 50.0]
    assert res.rates["rate"][0] == pytest.approx((10 * 100 + 20 * 300 + 40 * 20) / 420)
    assert math.isnan(res.rates["rate"][1])  # E2: no row with both a rate and a weight
    assert res.not_found == ["99999", ""] and res.rows_not_found == 2
    assert res.weight_totals.tolist() == [420.0, 50.0]


def test_unweighted_mean_and_callable_mapping():
    res = rollup(["01001", "01003"], lambda c: PARENT.get(c), rates={"r": [1.0, 3.0]})
    assert res.rates["r"].tolist() == [1.0, 3.0]
    res = rollup(["01001", "01002"], PARENT.get, rates={"r": [1.0, 3.0]})
    assert res.rates["r"].tolist() == [2.0]
    with pytest.raises(ValueError, match="negative"):
        rollup(["01001"], PARENT, rates={"r": [1.0]}, weights=[-1.0])
