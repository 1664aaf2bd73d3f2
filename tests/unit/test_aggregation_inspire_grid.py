"""core.inspire_grid: INSEE cell identifiers (vectorised and one by one agree), corners, parsing."""

import numpy as np
import pytest

from terridata.core.inspire_grid import cell_corners, cell_id, cell_ids, parse_cell_id


def test_cell_ids_equal_cell_id_and_parse_back():
    rng = np.random.default_rng(3)
    x = rng.uniform(3_200_000, 4_300_000, 5000)
    y = rng.uniform(2_000_000, 3_100_000, 5000)
    for size in (200, 1000, 250):
        east, north = cell_corners(x, y, size)
        ids = cell_ids(east, north, size)
        assert ids.dtype == object and len(ids) == len(x)
        assert ids.tolist() == [cell_id(e, n, size) for e, n in zip(east.tolist(), north.tolist())]
        for identifier, e, n in zip(ids[:50], east[:50], north[:50]):
            assert parse_cell_id(identifier) == (size, e, n)


def test_cell_ids_known_value_and_edges():
    # The INSEE example: lower-left corner E 4252400, N 2029800 of a 200 m cell.
    east, north = cell_corners([4252400.0, 4252599.99, 4252600.0], [2029800.0, 2029999.0, 2029800.0], 200)
    assert cell_ids(east, north, 200).tolist() == [
        "CRS3035RES200mN2029800E4252400",
        "CRS3035RES200mN2029800E4252400",  # west and south edges belong to the cell
        "CRS3035RES200mN2029800E4252600",
    ]
    assert cell_ids(np.array([], dtype=np.int64), np.array([], dtype=np.int64), 200).tolist() == []
    with pytest.raises(ValueError):
        cell_ids([1, 2], [3], 200)
    with pytest.raises(ValueError):
        parse_cell_id("CRS3035RES200mN1E")
