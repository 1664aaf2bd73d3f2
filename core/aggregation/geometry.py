"""Geometries as flat numpy arrays, decoded from WKB (ISO or extended, any byte order, 2D/Z/M/ZM).

Polygons become a :class:`PolygonSet`: every ring's vertices concatenated in ``x``/``y``, ``ring_offsets`` (ring
``r`` is ``x[ring_offsets[r]:ring_offsets[r + 1]]``, closed: last vertex equals first) and ``ring_zone`` (the index
of the feature each ring belongs to). Points become ``x``, ``y`` arrays (NaN for a missing or empty geometry).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

_POINT, _LINESTRING, _POLYGON, _MULTIPOINT, _MULTIPOLYGON = 1, 2, 3, 4, 6


class GeometryError(ValueError):
    """A geometry that cannot be decoded (unsupported type, truncated WKB)."""


@dataclass
class PolygonSet:
    x: np.ndarray
    y: np.ndarray
    ring_offsets: np.ndarray  # int64, n_rings + 1
    ring_zone: np.ndarray  # int64, n_rings
    n_zones: int

    @property
    def n_rings(self) -> int:
        return len(self.ring_zone)

    def bounds(self):
        """Per zone ``(xmin, ymin, xmax, ymax)`` arrays; NaN for zones without any ring."""
        n = self.n_zones
        xmin = np.full(n, np.inf)
        ymin = np.full(n, np.inf)
        xmax = np.full(n, -np.inf)
        ymax = np.full(n, -np.inf)
        if len(self.x):
            starts = self.ring_offsets[:-1]
            np.minimum.at(xmin, self.ring_zone, np.minimum.reduceat(self.x, starts))
            np.minimum.at(ymin, self.ring_zone, np.minimum.reduceat(self.y, starts))
            np.maximum.at(xmax, self.ring_zone, np.maximum.reduceat(self.x, starts))
            np.maximum.at(ymax, self.ring_zone, np.maximum.reduceat(self.y, starts))
        empty = ~np.isfinite(xmin)
        for a in (xmin, ymin, xmax, ymax):
            a[empty] = np.nan
        return xmin, ymin, xmax, ymax

    def edges(self):
        """``(x1, y1, x2, y2, zone)`` of every ring edge."""
        n_vertices = len(self.x)
        if n_vertices == 0:
            empty = np.empty(0)
            return empty, empty, empty, empty, np.empty(0, dtype=np.int64)
        is_last = np.zeros(n_vertices, dtype=bool)
        is_last[self.ring_offsets[1:] - 1] = True
        start = np.flatnonzero(~is_last)
        vertex_zone = np.repeat(self.ring_zone, np.diff(self.ring_offsets))
        return self.x[start], self.y[start], self.x[start + 1], self.y[start + 1], vertex_zone[start]

    @classmethod
    def from_rings(cls, rings, n_zones: int | None = None) -> PolygonSet:
        """Build from ``[(zone_index, array of shape (n, 2)), ...]`` (rings closed here if they are not)."""
        xs, ys, lengths, zones = [], [], [], []
        for zone, ring in rings:
            ring = np.asarray(ring, dtype=np.float64)
            if len(ring) < 3:
                continue
            if ring[0, 0] != ring[-1, 0] or ring[0, 1] != ring[-1, 1]:
                ring = np.vstack([ring, ring[:1]])
            xs.append(ring[:, 0])
            ys.append(ring[:, 1])
            lengths.append(len(ring))
            zones.append(zone)
        offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        zone_arr = np.asarray(zones, dtype=np.int64)
        if n_zones is None:
            n_zones = int(zone_arr.max()) + 1 if len(zone_arr) else 0
        return cls(
            x=np.concatenate(xs) if xs else np.empty(0),
            y=np.concatenate(ys) if ys else np.empty(0),
            ring_offsets=offsets,
            ring_zone=zone_arr,
            n_zones=n_zones,
        )


def _header(buf, pos: int):
    if pos + 5 > len(buf):
        raise GeometryError("truncated WKB")
    order = "<" if buf[pos] == 1 else ">"
    (gtype,) = struct.unpack_from(order + "I", buf, pos + 1)
    pos += 5
    has_srid = bool(gtype & 0x20000000)
    dim = 2 + bool(gtype & 0x80000000) + bool(gtype & 0x40000000)
    gtype &= 0x0FFFFFFF
    if gtype >= 1000:  # ISO WKB: 1000 Z, 2000 M, 3000 ZM
        thousands = gtype // 1000
        dim = 2 + (1 if thousands in (1, 2) else 2 if thousands == 3 else 0)
        gtype %= 1000
    if has_srid:
        pos += 4
    return order, gtype, dim, pos


def _read_rings(buf, pos, order, dim, zone, out):
    (n_rings,) = struct.unpack_from(order + "I", buf, pos)
    pos += 4
    dtype = np.dtype(order + "f8")
    for _ in range(n_rings):
        (n_points,) = struct.unpack_from(order + "I", buf, pos)
        pos += 4
        coords = np.frombuffer(buf, dtype=dtype, count=n_points * dim, offset=pos).reshape(n_points, dim)
        pos += 8 * n_points * dim
        out.append((zone, coords[:, :2]))
    return pos


def parse_polygon_wkb(wkbs, n_zones: int | None = None) -> PolygonSet:
    """Decode an iterable of (Multi)Polygon WKB (``None`` or empty allowed) into a :class:`PolygonSet`.

    Zone ``i`` is the ``i``-th geometry. Raises :class:`GeometryError` for another geometry type.
    """
    rings = []
    count = 0
    for zone, wkb in enumerate(wkbs):
        count += 1
        if wkb is None or len(wkb) == 0:
            continue
        buf = bytes(wkb)
        order, gtype, dim, pos = _header(buf, 0)
        if gtype == _POLYGON:
            _read_rings(buf, pos, order, dim, zone, rings)
        elif gtype == _MULTIPOLYGON:
            (n_parts,) = struct.unpack_from(order + "I", buf, pos)
            pos += 4
            for _ in range(n_parts):
                porder, ptype, pdim, pos = _header(buf, pos)
                if ptype != _POLYGON:
                    raise GeometryError(f"unexpected part type {ptype} in a multipolygon (feature {zone})")
                pos = _read_rings(buf, pos, porder, pdim, zone, rings)
        else:
            raise GeometryError(f"geometry type {gtype} is not a polygon (feature {zone})")
    return PolygonSet.from_rings(rings, n_zones=count if n_zones is None else n_zones)


def parse_point_wkb(wkbs):
    """Decode point WKB into ``(x, y, feature)`` arrays.

    A multipoint gives one row per part (``feature`` repeats its index); a missing or empty geometry gives no row.
    The common case (every geometry a little-endian 2D point) is decoded in one vectorised step.
    """
    if isinstance(wkbs, np.ndarray) and wkbs.dtype.kind == "V":  # fixed-size blobs (OGR's Arrow interface)
        blob = wkbs.tobytes() if wkbs.dtype.itemsize == 21 else None
        n = len(wkbs)
        if blob is None:
            wkbs = [bytes(v) for v in wkbs]
    else:
        wkbs = list(wkbs)
        n = len(wkbs)
        try:
            blob = b"".join(wkbs)
        except TypeError:
            blob = None
    if n == 0:
        return np.empty(0), np.empty(0), np.empty(0, dtype=np.int64)
    if blob is not None and len(blob) == 21 * n:
        rec = np.frombuffer(blob, dtype=[("o", "u1"), ("t", "<u4"), ("x", "<f8"), ("y", "<f8")])
        if np.all(rec["o"] == 1) and np.all(rec["t"] == 1):
            x = rec["x"].astype(np.float64)
            y = rec["y"].astype(np.float64)
            ok = ~(np.isnan(x) | np.isnan(y))  # POINT EMPTY is NaN NaN
            return x[ok], y[ok], np.flatnonzero(ok).astype(np.int64)
    if isinstance(wkbs, np.ndarray):
        wkbs = [bytes(v) for v in wkbs]
    xs, ys, feats = [], [], []
    for i, wkb in enumerate(wkbs):
        if wkb is None or len(wkb) == 0:
            continue
        buf = bytes(wkb)
        order, gtype, dim, pos = _header(buf, 0)
        parts = []
        if gtype == _POINT:
            parts.append((order, pos))
        elif gtype == _MULTIPOINT:
            (n_parts,) = struct.unpack_from(order + "I", buf, pos)
            pos += 4
            for _ in range(n_parts):
                porder, ptype, pdim, ppos = _header(buf, pos)
                if ptype != _POINT:
                    raise GeometryError(f"unexpected part type {ptype} in a multipoint (feature {i})")
                parts.append((porder, ppos))
                pos = ppos + 8 * pdim
        else:
            raise GeometryError(f"geometry type {gtype} is not a point (feature {i})")
        for porder, ppos in parts:
            px, py = struct.unpack_from(porder + "dd", buf, ppos)
            if px != px or py != py:
                continue
            xs.append(px)
            ys.append(py)
            feats.append(i)
    return np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64), np.asarray(feats, dtype=np.int64)
