"""Point-in-polygon assignment on arrays: holes, multipolygons, boundary rule, overlaps, against brute force."""

import struct

import numpy as np
import pytest

from terridata.core.aggregation.geometry import GeometryError, PolygonSet, parse_point_wkb, parse_polygon_wkb
from terridata.core.aggregation.pip import ZoneIndex, assign_points, brute_force_assign


def square(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


RINGS = [
    (0, square(0, 0, 10, 10)),
    (0, square(4, 4, 6, 6)),  # hole of zone 0
    (1, square(10, 0, 20, 10)),  # shares x=10 with zone 0
    (2, square(0, 20, 5, 25)),  # zone 2: two parts
    (2, square(15, 20, 20, 25)),
    (3, square(4.5, 4.5, 5.5, 5.5)),  # island inside zone 0's hole
]


def as_set(p, z):
    return set(zip(p.tolist(), z.tolist()))


@pytest.mark.parametrize("cell", [None, 0.1, 0.7, 3.0, 50.0])
def test_hand_checked_points(cell):
    poly = PolygonSet.from_rings(RINGS)
    pts = {
        (1, 1): {0},
        (5, 5): {3},  # island
        (4.2, 5): set(),  # in the hole
        (10, 5): {1},  # on the shared vertical boundary: the zone to the east
        (10, 0): {1},  # shared corner on the south edge
        (5, 0): {0},  # south edge belongs to the zone
        (5, 10): set(),  # north edge does not (no zone above)
        (0, 5): {0},  # west edge belongs
        (20, 5): set(),  # east edge does not
        (2, 22): {2},
        (17, 22): {2},
        (10, 22): set(),  # between the two parts
        (-5, -5): set(),
        (100, 100): set(),
    }
    x = np.array([k[0] for k in pts], dtype=float)
    y = np.array([k[1] for k in pts], dtype=float)
    p, z = ZoneIndex(poly, cell_size=cell).assign(x, y)
    got = {i: set() for i in range(len(x))}
    for i, zz in zip(p, z):
        got[int(i)].add(int(zz))
    assert [got[i] for i in range(len(x))] == list(pts.values())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_polygons_equal_brute_force(seed):
    """Random star-shaped polygons (overlapping each other) with many points, some exactly on vertices/edges."""
    rng = np.random.default_rng(seed)
    rings = []
    for zone in range(25):
        cx, cy = rng.uniform(0, 100, 2)
        k = rng.integers(3, 30)
        angles = np.sort(rng.uniform(0, 2 * np.pi, k))
        radius = rng.uniform(2, 15, k)
        rings.append((zone, np.column_stack([cx + radius * np.cos(angles), cy + radius * np.sin(angles)])))
    poly = PolygonSet.from_rings(rings)
    x = rng.uniform(-10, 110, 5000)
    y = rng.uniform(-10, 110, 5000)
    # Add the vertices themselves and edge midpoints: the hardest cases for the boundary rule.
    x = np.concatenate([x, poly.x, (poly.x[:-1] + poly.x[1:]) / 2])
    y = np.concatenate([y, poly.y, (poly.y[:-1] + poly.y[1:]) / 2])
    expected = as_set(*brute_force_assign(poly, x, y))
    for cell in (None, 0.5, 4.0):
        assert as_set(*ZoneIndex(poly, cell_size=cell).assign(x, y)) == expected


def test_shared_boundaries_count_each_point_once():
    """A 4 x 4 checkerboard of unit squares: every point of the plane inside it is in exactly one square."""
    rings = [(i * 4 + j, square(i, j, i + 1, j + 1)) for i in range(4) for j in range(4)]
    poly = PolygonSet.from_rings(rings)
    g = np.linspace(0, 3.999, 41)
    gx, gy = np.meshgrid(g, g)
    x, y = gx.ravel(), gy.ravel()  # includes points on every interior edge and corner
    p, z = assign_points(poly, x, y)
    assert np.array_equal(np.bincount(p, minlength=len(x)), np.ones(len(x), dtype=int))
    assert np.array_equal(z, (np.floor(x) * 4 + np.floor(y)).astype(int)[p])


def test_far_apart_zones_and_nan_points():
    rings = [(0, square(0, 0, 1, 1)), (1, square(1e6, 1e6, 1e6 + 1, 1e6 + 1))]
    poly = PolygonSet.from_rings(rings)
    x = np.array([0.5, 1e6 + 0.5, np.nan, 5e5])
    y = np.array([0.5, 1e6 + 0.5, 0.5, 5e5])
    p, z = ZoneIndex(poly).assign(x, y)
    assert as_set(p, z) == {(0, 0), (1, 1)}


def _wkb_polygon(rings, order="<", dims=2, iso=False):
    gtype = 3 + (1000 if iso and dims == 3 else 0)
    out = struct.pack("B", 1 if order == "<" else 0)
    out += struct.pack(order + "I", gtype) + struct.pack(order + "I", len(rings))
    for ring in rings:
        out += struct.pack(order + "I", len(ring))
        for pt in ring:
            out += struct.pack(order + "d" * dims, *(list(pt) + [7.0] * (dims - 2)))
    return out


def test_wkb_decoding():
    closed = square(0, 0, 1, 1) + [(0, 0)]
    little = _wkb_polygon([closed])
    big_z = _wkb_polygon([closed], order=">", dims=3, iso=True)
    multi = struct.pack("<BII", 1, 6, 2) + little + big_z
    poly = parse_polygon_wkb([little, None, multi, b""])
    assert poly.n_zones == 4
    assert poly.ring_zone.tolist() == [0, 2, 2]
    assert np.allclose(poly.x[:5], [0, 1, 1, 0, 0])
    with pytest.raises(GeometryError):
        parse_polygon_wkb([struct.pack("<BIdd", 1, 1, 0.0, 0.0)])
    pts = [
        struct.pack("<BIdd", 1, 1, 1.5, 2.5),
        None,
        struct.pack(">BIddd", 0, 1001, 3.0, 4.0, 9.0),
        struct.pack("<BII", 1, 4, 2) + struct.pack("<BIdd", 1, 1, 5, 6) + struct.pack("<BIdd", 1, 1, 7, 8),
    ]
    x, y, feat = parse_point_wkb(pts)
    assert x.tolist() == [1.5, 3.0, 5.0, 7.0] and y.tolist() == [2.5, 4.0, 6.0, 8.0]
    assert feat.tolist() == [0, 2, 3, 3]
    fast = [struct.pack("<BIdd", 1, 1, float(i), -float(i)) for i in range(10)]
    x, y, feat = parse_point_wkb(fast)
    assert x.tolist() == list(range(10)) and feat.tolist() == list(range(10))


def _general_decoder(wkbs):
    """The per-ring reference decoder (the fallback of parse_polygon_wkb)."""
    from terridata.core.aggregation import geometry

    rings = []
    for zone, wkb in enumerate(wkbs):
        if not wkb:
            continue
        order, gtype, dim, pos = geometry._header(wkb, 0)
        if gtype == 3:
            geometry._read_rings(wkb, pos, order, dim, zone, rings)
            continue
        (n_parts,) = struct.unpack_from(order + "I", wkb, pos)
        pos += 4
        for _ in range(n_parts):
            porder, _ptype, pdim, pos = geometry._header(wkb, pos)
            pos = geometry._read_rings(wkb, pos, porder, pdim, zone, rings)
    return PolygonSet.from_rings(rings, n_zones=len(wkbs))


def _multi(*polygons):
    return struct.pack("<BII", 1, 6, len(polygons)) + b"".join(polygons)


@pytest.mark.parametrize("seed", [0, 1])
def test_fast_wkb_decoder_equals_the_general_one(seed):
    """Single-ring geometries (checked with numpy), multi-ring and multi-part ones (walked), rings of every byte
    alignment, empty geometries and degenerate rings give what the per-ring decoder gives."""
    from terridata.core.aggregation.geometry import _parse_polygons_simple

    rng = np.random.default_rng(seed)

    def ring(n):
        pts = [(float(a), float(b)) for a, b in rng.uniform(-1e6, 1e6, (n, 2)).round(2)]
        return pts + [pts[0]]

    wkbs = []
    for i in range(400):
        kind = i % 7
        if kind == 0:
            wkbs.append(_wkb_polygon([ring(int(rng.integers(3, 30)))]))
        elif kind == 1:
            wkbs.append(_multi(_wkb_polygon([ring(int(rng.integers(3, 30)))])))
        elif kind == 2:  # holes and several parts
            wkbs.append(_multi(_wkb_polygon([ring(12), ring(4)]), _wkb_polygon([ring(5)])))
        elif kind == 3:
            wkbs.append(None if i % 2 else b"")
        elif kind == 4:
            wkbs.append(struct.pack("<BII", 1, 6, 0))  # MULTIPOLYGON EMPTY
        elif kind == 5:  # a degenerate ring (2 points) is dropped, the other kept
            wkbs.append(_wkb_polygon([[(0.0, 0.0), (0.0, 0.0)], ring(6)]))
        else:
            wkbs.append(_multi(_wkb_polygon([[(1.0, 1.0), (2.0, 2.0)]])))  # single ring, degenerate
    fast = _parse_polygons_simple(wkbs, len(wkbs))
    ref = _general_decoder(wkbs)
    assert fast.n_zones == ref.n_zones == len(wkbs)
    assert fast.n_rings == ref.n_rings > 300
    for name in ("x", "y", "ring_offsets", "ring_zone"):
        assert np.array_equal(getattr(fast, name), getattr(ref, name)), name
    assert np.array_equal(parse_polygon_wkb(wkbs).x, ref.x)


def test_unusual_wkb_falls_back_on_the_general_decoder():
    """Big-endian, Z, and unclosed rings are not for the fast decoder; parse_polygon_wkb still reads them."""
    closed = square(0, 0, 1, 1) + [(0, 0)]
    big_z = _wkb_polygon([closed], order=">", dims=3, iso=True)
    unclosed = _wkb_polygon([square(2, 2, 3, 3)])
    poly = parse_polygon_wkb([_wkb_polygon([closed]), big_z, unclosed])
    assert poly.ring_zone.tolist() == [0, 1, 2]
    assert poly.ring_offsets.tolist() == [0, 5, 10, 15]  # the unclosed ring was closed
    assert poly.x[10:15].tolist() == [2, 3, 3, 2, 2]
