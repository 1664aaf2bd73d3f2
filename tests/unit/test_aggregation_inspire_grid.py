"""core.inspire_grid: INSEE cell identifiers (vectorised and one by one agree), corners, parsing."""

import numpy as np
import pytest

from terridata.core.inspire_grid import cell_corners, cell_id, cell_ids, grid_domain_mask, parse_cell_id


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


def _to_3035(lon, lat):
    """Independent projection of longitude/latitude to EPSG:3035 (GDAL/PROJ)."""
    osr = pytest.importorskip("osgeo.osr")
    source = osr.SpatialReference()
    source.ImportFromEPSG(4258)
    target = osr.SpatialReference()
    target.ImportFromEPSG(3035)
    for ref in (source, target):
        ref.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    x, y, _ = osr.CoordinateTransformation(source, target).TransformPoint(lon, lat)
    return x, y


def test_grid_domain_mask_refuses_non_finite_and_huge_coordinates():
    x = np.array([np.nan, np.inf, -np.inf, 1e15, 1e308, -1e308, 3_760_000.0, 3_760_000.0])
    y = np.array([2_890_000.0, 2_890_000.0, 2_890_000.0, 2_890_000.0, 2_890_000.0, 2_890_000.0, np.nan, 1e15])
    assert grid_domain_mask(x, y).tolist() == [False] * 8
    assert grid_domain_mask([], []).tolist() == []


def test_grid_domain_mask_follows_the_area_of_use_of_epsg_3035():
    # Inside: Paris, Brest, Ajaccio, Nicosia, Svalbard, the Azores; and the corners of the area of use
    # (-35.58..44.83 E, 24.6..84.73 N, EPSG's area of use of EPSG:3035).
    inside = [(2.35, 48.85), (-4.49, 48.39), (8.74, 41.93), (33.36, 35.17), (15.6, 78.2), (-25.7, 37.7)]
    inside += [(-35.58, 24.6), (44.83, 24.6), (-35.58, 84.73), (44.83, 84.73), (5.0, 24.6), (5.0, 84.73)]
    # Outside: Réunion, Martinique, Guyane, New Caledonia, Beijing, New York, Null Island.
    outside = [(55.45, -21.1), (-61.0, 14.6), (-53.0, 4.0), (166.4, -22.3), (116.4, 39.9), (-74.0, 40.7)]
    outside += [(0.0, 0.0)]
    xy_in = np.array([_to_3035(lon, lat) for lon, lat in inside])
    xy_out = np.array([_to_3035(lon, lat) for lon, lat in outside])
    assert grid_domain_mask(xy_in[:, 0], xy_in[:, 1]).all()
    assert not grid_domain_mask(xy_out[:, 0], xy_out[:, 1]).any()
