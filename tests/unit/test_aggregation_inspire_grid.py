"""core.inspire_grid: INSEE cell identifiers (vectorised and one by one agree), corners, parsing."""

import math

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


# -- issue 19: signed keys, any grid CRS ---------------------------------------------------------------------------
def test_the_issues_reunion_cell_in_epsg_3035_has_a_negative_northing():
    """Issue 19: a point of La Réunion in EPSG:3035 is in CRS3035RES200mN-3069400E10004200 by INSEE's rule (the
    old unsigned packing gave N858990389800)."""
    from terridata.core.inspire_grid import bin_points

    x = np.array([10_004_300.0, 10_004_200.0, 10_004_399.999, 10_004_300.0])
    y = np.array([-3_069_300.0, -3_069_400.0, -3_069_200.001, -3_069_400.001])  # last: just below the south edge
    east, north, groups = bin_points(x, y, 200)
    ids = cell_ids(east, north, 200)
    assert ids[groups].tolist() == ["CRS3035RES200mN-3069400E10004200"] * 3 + ["CRS3035RES200mN-3069600E10004200"]
    assert parse_cell_id("CRS3035RES200mN-3069400E10004200") == (200, 10_004_200, -3_069_400)


def test_pack_unpack_and_both_binning_paths_agree_with_brute_force():
    from terridata.core.inspire_grid import bin_points, pack_cells, unpack_cells

    rng = np.random.default_rng(19)
    for spread in (5_000.0, 5_000_000.0):  # dense counting, then sorted keys (span too large for a dense array)
        x = rng.uniform(-spread, spread, 20_000)
        y = rng.uniform(-spread, spread, 20_000)
        x[:4] = [-200.0, -0.001, 0.0, 199.999]  # edges around zero
        y[:4] = [-400.0, -200.0, -0.0, 0.0]
        east, north, groups = bin_points(x, y, 200)
        brute_e = np.array([math.floor(v / 200) * 200 for v in x])
        brute_n = np.array([math.floor(v / 200) * 200 for v in y])
        assert (east[groups] == brute_e).all() and (north[groups] == brute_n).all()
        order = np.lexsort((north, east))
        assert (order == np.arange(len(east))).all()  # sorted by east then north
        assert len(set(zip(east.tolist(), north.tolist()))) == len(east)  # each cell once
        keys, _, _ = pack_cells(x, y, 200)
        ue, un = unpack_cells(keys, 200)
        assert (ue == brute_e).all() and (un == brute_n).all()


def test_ids_in_local_crs_round_trip():
    from terridata.core.inspire_grid import parse_cell_id_crs

    assert cell_id(359_400, 7_634_200, 200, 2975) == "CRS2975RES200mN7634200E359400"
    assert parse_cell_id_crs("CRS5490RES200mN1592600E728800") == (5490, 200, 728_800, 1_592_600)
    # INSEE's 2010 files padded eastings with a zero: still read
    assert parse_cell_id_crs("CRS2975RES200mN7634200E0359400") == (2975, 200, 359_400, 7_634_200)
    for bad in ("CRS2975RES0mN1E1", "CRSRES200mN1E1", "CRS3035RES200mN1.5E1", "CRS3035RES200mNE1"):
        with pytest.raises(ValueError):
            parse_cell_id_crs(bad)
