"""Property-based tests (hypothesis) of the pure aggregation core, each against an independent reference.

- Point-in-polygon assignment (``ZoneIndex``) on random rectilinear partitions with holes, islands filling the holes
  and shared edges, against the half-open rectangle rule written here ([x0, x1) x [y0, y1): west and south edges
  belong to a zone); and on random integer rings (holes, shared edges, self-intersections) against the even-odd
  crossing rule evaluated here in exact rational arithmetic.
- Grouped statistics against numpy, one group at a time.
- Time buckets around the daylight-saving changes against zoneinfo's own calendar arithmetic.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terridata.core.aggregation.geometry import PolygonSet
from terridata.core.aggregation.pip import ZoneIndex
from terridata.core.aggregation.stats import grouped_statistics
from terridata.core.aggregation.timebuckets import bucket_bounds, unsupported_instants

# No example database: nothing written into the checkout; failures print their reproducing example.
SETTINGS = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def _assign(polygons, x, y, cell_size):
    p, z = ZoneIndex(polygons, cell_size=cell_size).assign(np.asarray(x, float), np.asarray(y, float))
    return set(zip(p.tolist(), z.tolist()))


# -- point in polygon: rectilinear partitions ------------------------------------------------------------------


@st.composite
def partitions(draw):
    """``(rings, rectangles)``: a guillotine partition of a box into rectangles sharing edges; each rectangle is
    a zone, left empty, or a zone with a rectangular hole that another zone (an island) may fill exactly.
    ``rectangles``: ``[(zone, (x0, y0, x1, y1), hole or None)]``."""
    leaves = []

    def split(box, depth):
        x0, y0, x1, y1 = box
        if depth < 4 and draw(st.booleans()):
            vertical = draw(st.booleans())
            lo, hi = (x0, x1) if vertical else (y0, y1)
            if hi - lo >= 2:
                cut = draw(st.integers(lo + 1, hi - 1))
                first = (x0, y0, cut, y1) if vertical else (x0, y0, x1, cut)
                second = (cut, y0, x1, y1) if vertical else (x0, cut, x1, y1)
                split(first, depth + 1)
                split(second, depth + 1)
                return
        leaves.append(box)

    split((0, 0, draw(st.integers(2, 12)), draw(st.integers(2, 12))), 0)
    rings, rectangles, zone = [], [], 0
    for x0, y0, x1, y1 in leaves:
        kind = draw(st.sampled_from(["zone", "empty", "holed", "holed+island"]))
        if kind == "empty":
            continue
        hole = None
        if kind.startswith("holed") and x1 - x0 >= 3 and y1 - y0 >= 3:
            hx0 = draw(st.integers(x0 + 1, x1 - 2))
            hy0 = draw(st.integers(y0 + 1, y1 - 2))
            hole = (hx0, hy0, draw(st.integers(hx0 + 1, x1 - 1)), draw(st.integers(hy0 + 1, y1 - 1)))
        rings.append((zone, _box_ring(x0, y0, x1, y1, draw(st.booleans()))))
        if hole is not None:
            rings.append((zone, _box_ring(*hole, draw(st.booleans()))))
        rectangles.append((zone, (x0, y0, x1, y1), hole))
        zone += 1
        if hole is not None and kind == "holed+island":
            rings.append((zone, _box_ring(*hole, draw(st.booleans()))))  # shares every edge of the hole
            rectangles.append((zone, hole, None))
            zone += 1
    return rings, rectangles, zone


def _box_ring(x0, y0, x1, y1, clockwise):
    ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    return ring[::-1] if clockwise else ring


def _in_box(px, py, box):
    x0, y0, x1, y1 = box
    return x0 <= px < x1 and y0 <= py < y1


@SETTINGS
@given(
    partitions(),
    st.lists(st.tuples(st.integers(-4, 28), st.integers(-4, 28)), min_size=1, max_size=120),
    st.sampled_from([None, 0.5, 1.0, 3.0]),
)
def test_rectilinear_zones_follow_the_half_open_rule(partition, halves, cell_size):
    rings, rectangles, n_zones = partition
    if n_zones == 0:
        return
    x = [a / 2 for a, _ in halves]  # half-integers: interiors, edges, shared edges and corners
    y = [b / 2 for _, b in halves]
    expected = set()
    for i, (px, py) in enumerate(zip(x, y)):
        for zone, box, hole in rectangles:
            if _in_box(px, py, box) and not (hole is not None and _in_box(px, py, hole)):
                expected.add((i, zone))
    polygons = PolygonSet.from_rings([(z, np.asarray(r, float)) for z, r in rings], n_zones=n_zones)
    assert _assign(polygons, x, y, cell_size) == expected


# -- point in polygon: any integer rings, exact even-odd rule --------------------------------------------------


@st.composite
def integer_rings(draw):
    """Zones made of 1-3 rings of 3-7 integer vertices (holes, overlaps, self-intersections), some rings reusing an
    edge of an earlier ring in reverse (a shared edge)."""
    n_zones = draw(st.integers(1, 5))
    vertex = st.tuples(st.integers(0, 30), st.integers(0, 30))
    rings = []
    for zone in range(n_zones):
        for _ in range(draw(st.integers(1, 3))):
            ring = draw(st.lists(vertex, min_size=3, max_size=7))
            if rings and draw(st.booleans()):
                _, other = draw(st.sampled_from(rings))
                k = draw(st.integers(0, len(other) - 2))
                ring = [other[k + 1], other[k]] + ring[:-2]
            rings.append((zone, ring))
    return rings, n_zones


def _exact_inside(px, py, rings):
    """Even-odd rule with a ray towards +x; an edge counts when ``min(y) <= py < max(y)`` (exact rationals)."""
    px, py = Fraction(px), Fraction(py)
    crossings = 0
    for ring in rings:
        closed = list(ring) + [ring[0]]
        for (x1, y1), (x2, y2) in zip(closed, closed[1:]):
            if y1 == y2 or not (min(y1, y2) <= py < max(y1, y2)):
                continue
            if px < x1 + (py - y1) * Fraction(x2 - x1, y2 - y1):
                crossings += 1
    return crossings % 2 == 1


def _on_slanted_edge(px, py, rings):
    px, py = Fraction(px), Fraction(py)
    for ring in rings:
        closed = list(ring) + [ring[0]]
        for (x1, y1), (x2, y2) in zip(closed, closed[1:]):
            if x1 == x2 or y1 == y2:
                continue
            in_span = min(x1, x2) <= px <= max(x1, x2) and min(y1, y2) <= py <= max(y1, y2)
            if in_span and (px - x1) * (y2 - y1) == (py - y1) * (x2 - x1):
                return True
    return False


@SETTINGS
@given(
    integer_rings(),
    st.lists(st.tuples(st.integers(-8, 128), st.integers(-8, 128)), min_size=1, max_size=80),
    st.sampled_from([None, 0.25, 2.0, 7.0]),
)
def test_any_rings_follow_the_exact_even_odd_rule(zone_rings, quarters, cell_size):
    rings, n_zones = zone_rings
    x = [a / 4 for a, _ in quarters]  # quarter-integers: interiors, some vertices and edges
    y = [b / 4 for _, b in quarters]
    for _, ring in rings:  # and every vertex and edge midpoint (boundaries, shared edges)
        closed = list(ring) + [ring[0]]
        for (x1, y1), (x2, y2) in zip(closed, closed[1:]):
            x += [x1, (x1 + x2) / 2]
            y += [y1, (y1 + y2) / 2]
    by_zone = {z: [r for zz, r in rings if zz == z] for z in range(n_zones)}
    # On a slanted edge the answer depends on floating-point rounding (the library computes in floats): those
    # points are left out; every other point, including vertices and horizontal/vertical edges, is exact.
    checked = [i for i in range(len(x)) if not any(_on_slanted_edge(x[i], y[i], r) for r in by_zone.values())]
    expected = {(i, z) for i in checked for z, zr in by_zone.items() if _exact_inside(x[i], y[i], zr)}
    polygons = PolygonSet.from_rings([(z, np.asarray(r, float)) for z, r in rings], n_zones=n_zones)
    got = {(i, z) for i, z in _assign(polygons, x, y, cell_size) if i in set(checked)}
    assert got == expected


# -- grouped statistics ----------------------------------------------------------------------------------------

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@SETTINGS
@given(
    st.integers(1, 6),
    st.lists(st.tuples(st.integers(0, 5), st.one_of(finite, st.just(float("nan")))), min_size=0, max_size=80),
)
def test_grouped_statistics_equal_numpy(n_groups, rows):
    groups = np.array([g % n_groups for g, _ in rows], dtype=np.int64)
    values = np.array([v for _, v in rows], dtype=np.float64)
    names = ["count", "sum", "mean", "median", "min", "max", "std", "p10", "p25", "p90"]
    res = grouped_statistics(groups, values, n_groups, names)
    for g in range(n_groups):
        vals = values[(groups == g) & ~np.isnan(values)]
        assert res["count"][g] == len(vals)
        scale = float(np.abs(vals).sum()) + 1.0
        assert res["sum"][g] == pytest.approx(float(np.sum(vals)), abs=1e-9 * scale)
        if len(vals) == 0:
            assert res["sum"][g] == 0
            assert all(np.isnan(res[s][g]) for s in names if s not in ("count", "sum"))
            continue
        assert res["mean"][g] == pytest.approx(float(np.mean(vals)), abs=1e-9 * scale)
        assert res["median"][g] == pytest.approx(float(np.median(vals)), abs=1e-9 * scale)
        assert res["min"][g] == vals.min() and res["max"][g] == vals.max()
        assert res["std"][g] == pytest.approx(float(np.std(vals)), abs=1e-6 * scale)
        for q in (10, 25, 90):
            assert res[f"p{q}"][g] == pytest.approx(float(np.percentile(vals, q)), abs=1e-9 * scale)


@SETTINGS
@given(
    st.integers(1, 4),
    st.lists(st.tuples(st.integers(0, 3), finite, st.integers(0, 5)), min_size=0, max_size=60),
)
def test_weighted_statistics_equal_numpy(n_groups, rows):
    """Integer weights (0 = ignored): Σwx, the weighted mean and std, and the weighted quantiles (the smallest
    value whose cumulative weight reaches the fraction of the total weight) are exact."""
    groups = np.array([g % n_groups for g, _, _ in rows], dtype=np.int64)
    values = np.array([v for _, v, _ in rows], dtype=np.float64)
    weights = np.array([w for _, _, w in rows], dtype=np.float64)
    res = grouped_statistics(groups, values, n_groups, ["count", "sum", "mean", "std", "median", "p25"], weights)
    for g in range(n_groups):
        keep = (groups == g) & (weights > 0)
        vals, w = values[keep], weights[keep]
        assert res["count"][g] == len(vals)
        scale = float(np.abs(vals * w).sum()) + 1.0
        assert res["sum"][g] == pytest.approx(float(np.sum(vals * w)), abs=1e-9 * scale)
        if len(vals) == 0:
            assert np.isnan(res["mean"][g]) and np.isnan(res["median"][g])
            continue
        mean = np.average(vals, weights=w)
        assert res["mean"][g] == pytest.approx(float(mean), abs=1e-9 * scale)
        assert res["std"][g] == pytest.approx(
            float(np.sqrt(np.average((vals - mean) ** 2, weights=w))), abs=1e-6 * scale
        )
        order = np.argsort(vals, kind="stable")
        cumulative = np.cumsum(w[order])
        for name, q in (("median", 0.5), ("p25", 0.25)):
            expected = vals[order][np.flatnonzero(cumulative >= q * w.sum())[0]]
            assert res[name][g] == expected


# -- time buckets around the daylight-saving changes -----------------------------------------------------------

PARIS = pytest.importorskip("zoneinfo").ZoneInfo("Europe/Paris")
UTC = dt.timezone.utc


def _last_sunday(year, month):
    day = dt.date(year, month, 31)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


@st.composite
def instants_around_a_change(draw):
    """UTC epoch seconds within three days of a Paris daylight-saving change (01:00 UTC, last Sunday of March or
    October, 1996-2037)."""
    year = draw(st.integers(1996, 2037))
    change = dt.datetime.combine(_last_sunday(year, draw(st.sampled_from([3, 10]))), dt.time(1), tzinfo=UTC)
    return change.timestamp() + draw(st.integers(-3 * 86400, 3 * 86400))


def _local_midnight(day: dt.date) -> float:
    return dt.datetime.combine(day, dt.time(0), tzinfo=PARIS).timestamp()


def _reference(t: float, bucket: str):
    local = dt.datetime.fromtimestamp(t, tz=UTC).astimezone(PARIS)
    if bucket in ("15min", "hour"):
        size = 900 if bucket == "15min" else 3600
        start = dt.datetime.fromtimestamp(t, tz=UTC).replace(minute=0, second=0, microsecond=0).timestamp()
        start += (int(t - start) // size) * size
        return start, start + size
    day = local.date()
    if bucket == "day":
        return _local_midnight(day), _local_midnight(day + dt.timedelta(days=1))
    if bucket == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return _local_midnight(monday), _local_midnight(monday + dt.timedelta(days=7))
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return _local_midnight(first), _local_midnight(following)


@SETTINGS
@given(
    st.lists(instants_around_a_change(), min_size=1, max_size=30),
    st.sampled_from(["15min", "hour", "day", "week", "month"]),
)
def test_time_buckets_around_daylight_saving_changes(instants, bucket):
    start, end = bucket_bounds(np.array(instants, dtype=np.float64), bucket)
    for t, s, e in zip(instants, start.tolist(), end.tolist()):
        assert (s, e) == _reference(t, bucket)
        assert s <= t < e
        if bucket == "day":
            assert e - s in (23 * 3600, 24 * 3600, 25 * 3600)


@SETTINGS
@given(st.floats(min_value=-7e10, max_value=3e11, allow_nan=False))
def test_instants_outside_1970_2100_are_refused(t):
    """Supported: from 1970-01-01 00:00 to 2100-12-31 24:00, Paris local time."""
    supported = (
        dt.datetime(1970, 1, 1, tzinfo=PARIS).timestamp() <= t < dt.datetime(2101, 1, 1, tzinfo=PARIS).timestamp()
    )
    assert bool(unsupported_instants([t])[0]) is not supported
    if supported:
        start, end = bucket_bounds([t], "day")
        assert start[0] <= t < end[0]
    else:
        with pytest.raises(ValueError, match="1970-2100"):
            bucket_bounds([t], "day")
