"""Array geometry checks: duplicate WKB, extent, unshared edges of a partition (pure numpy)."""

import struct

import numpy as np

from terridata.core.quality.geometry import duplicate_groups, outside_extent, polygon_rings, unshared_edge_owners


def poly_wkb(*rings):
    out = struct.pack("<BII", 1, 3, len(rings))
    for ring in rings:
        out += struct.pack("<I", len(ring)) + np.asarray(ring, dtype="<f8").tobytes()
    return out


def multi_wkb(*polys):
    return struct.pack("<BII", 1, 6, len(polys)) + b"".join(polys)


def square(x, y, s=1.0):
    return [(x, y), (x + s, y), (x + s, y + s), (x, y + s), (x, y)]


def test_polygon_rings_parses_polygon_and_multipolygon():
    p = poly_wkb(square(0, 0, 10), square(2, 2, 1))
    rings = polygon_rings(p)
    assert len(rings) == 2 and rings[0].shape == (5, 2) and rings[1][0].tolist() == [2, 2]
    m = multi_wkb(poly_wkb(square(0, 0)), poly_wkb(square(5, 5)))
    assert [r[0].tolist() for r in polygon_rings(m)] == [[0, 0], [5, 5]]


def test_duplicates_by_wkb():
    a, b = poly_wkb(square(0, 0)), poly_wkb(square(1, 0))
    assert duplicate_groups([a, b, a, None, b"", a]) == [[0, 2, 5]]
    assert duplicate_groups([a, b]) == []


def test_outside_extent_bounds_inclusive():
    bounds = np.array([[0, 0, 10, 10], [-0.1, 0, 5, 5], [0, 0, 10, 10.1], [np.nan] * 4])
    assert outside_extent(bounds, (0, 0, 10, 10)).tolist() == [False, True, True, False]


def test_unshared_edges_of_a_partition():
    # 3x3 grid of unit squares: only the outer ring's 8 squares own unshared edges, the centre does not
    grid = [poly_wkb(square(x, y)) for y in range(3) for x in range(3)]
    owners, share = unshared_edge_owners(grid, 1e-3)
    assert owners.tolist() == [0, 1, 2, 3, 5, 6, 7, 8]
    assert share == 12 / 36
    # the centre moved by 1 cm: it and its four neighbours now have unshared edges (a gap and an overlap)
    moved = list(grid)
    moved[4] = poly_wkb(square(1.01, 1))
    owners, _ = unshared_edge_owners(moved, 1e-3)
    assert 4 in owners.tolist()
    # with a 10 cm quantum the 1 cm shift disappears
    owners, _ = unshared_edge_owners(moved, 0.1)
    assert 4 not in owners.tolist()
