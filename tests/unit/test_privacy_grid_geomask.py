"""Protective quadtree grid, donut geomasking and the risk report model (pure Python, no QGIS)."""

import json

import numpy as np
import pytest

from terridata.core.inspire_grid import parse_cell_id
from terridata.core.privacy.geomask import ReferenceIndex, donut_mask
from terridata.core.privacy.protective_grid import natural_grid
from terridata.core.privacy.report import RiskReport

X0, Y0 = 3_840_000.0, 2_880_000.0  # a 64 km-aligned corner (multiple of 64 000) in EPSG:3035


def clustered(seed=0):
    rng = np.random.default_rng(seed)
    # a dense town (2 km wide), a village of 12 households spread over 600 m, an isolated household far away
    town = np.column_stack([rng.uniform(X0 + 10_000, X0 + 12_000, 3000), rng.uniform(Y0 + 10_000, Y0 + 12_000, 3000)])
    village = np.column_stack([rng.uniform(X0 + 30_000, X0 + 30_600, 12), rng.uniform(Y0 + 30_000, Y0 + 30_600, 12)])
    alone = np.array([[X0 + 200_000, Y0 + 5_000]])
    pts = np.vstack([town, village, alone])
    return pts[:, 0], pts[:, 1]


def test_natural_level_grid_publishes_only_zero_or_at_least_the_threshold():
    x, y = clustered()
    grid = natural_grid(x, y, threshold=11)
    assert (grid.count >= 11).all()
    assert grid.suppressed_units == 1 and grid.suppressed_roots == 1  # the isolated household's 64 km cell
    assert grid.count.sum() + grid.suppressed_units == len(x)
    # ids carry their own size and match the geometry of the cell
    for cid, e, n, s in zip(grid.ids, grid.east, grid.north, grid.size):
        assert parse_cell_id(cid) == (s, e, n)
        assert e % s == 0 and n % s == 0
    # the dense town reaches 200 m cells; the village stays in one 1 km cell (its 200 m children hold 1 to 10)
    assert grid.cells_per_size[200] >= 90
    village = (grid.east <= X0 + 30_000) & (grid.east + grid.size >= X0 + 30_600) & (grid.north <= Y0 + 30_000)
    village &= grid.north + grid.size >= Y0 + 30_600
    assert list(grid.size[village]) == [1000] and list(grid.count[village]) == [12]
    # published cells never overlap: every point lies in exactly one published cell (or none)
    inside = np.zeros(len(x), dtype=int)
    for e, n, s in zip(grid.east, grid.north, grid.size):
        inside += (x >= e) & (x < e + s) & (y >= n) & (y < n + s)
    assert inside.max() == 1
    assert ((grid.point_cell >= 0) == (inside == 1)).all()
    # each published cell's count is the number of points in it
    counts = np.bincount(grid.point_cell[grid.point_cell >= 0], minlength=len(grid.ids))
    assert (counts == grid.count).all()


def test_a_child_with_1_to_10_units_stops_the_split_and_11_allows_it():
    # two 32 km children of one 64 km cell: 50 units in one, n in the other
    for n, split in ((10, False), (11, True)):
        x = np.concatenate([np.full(50, X0 + 1000.0), np.full(n, X0 + 40_000.0)])
        y = np.full(50 + n, Y0 + 1000.0)
        grid = natural_grid(x, y, threshold=11)
        assert (grid.size.max() == 64000) is not split
        assert grid.count.sum() == 50 + n


def test_weights_count_units():
    grid = natural_grid([X0 + 10.0, X0 + 20.0], [Y0 + 10.0, Y0 + 10.0], weight=[6, 6], threshold=11)
    assert list(grid.size) == [200] and list(grid.count) == [12]
    with pytest.raises(ValueError):
        natural_grid([0.0], [0.0], weight=[-1])


def _brute_k(x, y, rx, ry, r):
    return ((rx - x) ** 2 + (ry - y) ** 2 <= r * r).sum()


def test_donut_mask_is_seeded_bounded_and_reaches_k():
    rng = np.random.default_rng(1)
    rx, ry = rng.uniform(0, 5000, 4000), rng.uniform(0, 5000, 4000)
    px, py = rng.uniform(1000, 4000, 200), rng.uniform(1000, 4000, 200)
    ref = ReferenceIndex(rx, ry, bucket=200)
    a = donut_mask(px, py, ref, 50, 300, min_k=15, seed=42)
    b = donut_mask(px, py, ref, 50, 300, min_k=15, seed=42)
    c = donut_mask(px, py, ref, 50, 300, min_k=15, seed=43)
    assert np.array_equal(a.x, b.x) and np.array_equal(a.k, b.k)
    assert not np.array_equal(a.x, c.x)
    d = np.hypot(a.x - px, a.y - py)
    assert np.allclose(d, a.displacement) and d.min() >= 50 - 1e-6 and d.max() <= 300 + 1e-6
    assert not a.failed.any() and (a.k >= 15).all()
    for i in range(0, 200, 17):
        assert a.k[i] == _brute_k(px[i], py[i], rx, ry, a.displacement[i])
    assert a.stats()["redraws"] > 0  # some first draws were too close to reach k


def test_donut_mask_reports_failures_in_empty_areas():
    ref = ReferenceIndex(np.array([0.0, 10.0]), np.array([0.0, 0.0]), weight=np.array([3.0, 4.0]))
    res = donut_mask([5.0, 100_000.0], [0.0, 0.0], ref, 10, 100, min_k=5, seed=0, max_tries=5)
    assert res.k[0] == 7 and not res.failed[0]
    assert res.failed[1] and res.tries[1] == 5 and res.k[1] == 0
    with pytest.raises(ValueError):
        donut_mask([0.0], [0.0], ref, 100, 50)


def test_report_never_holds_seed_or_key_and_escapes_html():
    report = RiskReport(
        "anonymised_export",
        "Report <script>",
        True,
        "pseudonymisation",
        {"k": 11, "seed": 1234, "SEED": 9, "authcfg": "abc1234", "hmac key": "x", "input": "<b>reports</b>"},
    )
    report.add_criterion("singling_out", "passed", "ok & fine")
    with pytest.raises(ValueError):
        report.add_criterion("guessing", "passed", "")
    data = json.loads(report.to_json())
    assert set(data["parameters"]) == {"k", "input"}
    html = report.to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;reports" in html
    assert "Pseudonymisation, not anonymisation" in html and "1234" not in html
    refused = RiskReport("x", "t", False, "anonymisation", {}, refusal_reason="k = 11 cannot be met")
    assert "Refused: nothing was exported" in refused.to_html()
    assert json.loads(refused.to_json())["status"].startswith("refused")
