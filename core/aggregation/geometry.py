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
_TYPE_NAMES = {
    1: "Point",
    2: "LineString",
    3: "Polygon",
    4: "MultiPoint",
    5: "MultiLineString",
    6: "MultiPolygon",
    7: "GeometryCollection",
    8: "CircularString",
    9: "CompoundCurve",
    10: "CurvePolygon",
    11: "MultiCurve",
    12: "MultiSurface",
    15: "PolyhedralSurface",
    16: "TIN",
    17: "Triangle",
}


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


class _NotSimpleError(Exception):
    """The WKB needs the general decoder (big-endian, Z/M, SRID, unclosed rings...)."""


_U32 = struct.Struct("<I").unpack_from


def _parse_polygons_simple(wkbs: list, n_zones: int) -> PolygonSet:
    """Fast decoder of little-endian 2D (Multi)Polygon WKB with closed rings (what OGR and QGIS produce).

    The headers of single-ring geometries (most zones) are checked with numpy; only the others have their ring
    headers walked in Python. The coordinates are gathered with numpy from the concatenated WKB, in one step per
    byte alignment. Raises :class:`_NotSimpleError` for anything else.
    """
    lengths = np.fromiter((len(w) if w else 0 for w in wkbs), dtype=np.int64, count=len(wkbs))
    blob = b"".join(w for w in wkbs if w)
    geom_start = np.cumsum(lengths) - lengths
    arr = np.frombuffer(blob, dtype=np.uint8)
    last = len(arr) - 1

    def byte(offset):  # clipped: a short geometry's header read past its end fails the checks below anyway
        return arr[np.minimum(offset, last)]

    def u32(offset):
        b = arr[np.minimum(offset[:, None] + np.arange(4), last)].astype(np.uint32)
        return b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16) | (b[:, 3] << 24)

    present = np.flatnonzero(lengths > 0)
    o = geom_start[present]
    size = lengths[present]
    gtype = u32(o + 1)
    # MULTIPOLYGON(((...))): one part, one ring.
    multi = (byte(o) == 1) & (gtype == _MULTIPOLYGON) & (u32(o + 5) == 1) & (byte(o + 9) == 1)
    multi &= (u32(o + 10) == _POLYGON) & (u32(o + 14) == 1)
    n_multi = u32(o + 18).astype(np.int64)
    multi &= size == 22 + 16 * n_multi
    # POLYGON((...)): one ring.
    single = (byte(o) == 1) & (gtype == _POLYGON) & (u32(o + 5) == 1)
    n_single = u32(o + 9).astype(np.int64)
    single &= size == 13 + 16 * n_single
    simple = multi | single
    s_zone = present[simple]
    s_pos = np.where(multi, o + 22, o + 13)[simple]
    s_n = np.where(multi, n_multi, n_single)[simple]
    keep = s_n >= 3
    s_zone, s_pos, s_n = s_zone[keep], s_pos[keep], s_n[keep]
    # The other geometries (several parts or rings): walk their headers.
    ring_pos, ring_n, ring_zone = [], [], []
    add_pos, add_n, add_zone = ring_pos.append, ring_n.append, ring_zone.append
    for zone, pos, length in zip(present[~simple].tolist(), o[~simple].tolist(), size[~simple].tolist()):
        if blob[pos] != 1:
            raise _NotSimpleError()
        gtype = _U32(blob, pos + 1)[0]
        if gtype == _MULTIPOLYGON:
            n_parts = _U32(blob, pos + 5)[0]
            p = pos + 9
        elif gtype == _POLYGON:
            n_parts = 1
            p = pos  # the polygon header is read below
        else:
            raise _NotSimpleError()
        for _ in range(n_parts):
            if blob[p] != 1 or _U32(blob, p + 1)[0] != _POLYGON:
                raise _NotSimpleError()
            n_rings = _U32(blob, p + 5)[0]
            p += 9
            for _ in range(n_rings):
                n = _U32(blob, p)[0]
                if n >= 3:
                    add_pos(p + 4)
                    add_n(n)
                    add_zone(zone)
                p += 4 + 16 * n
        if p != pos + length:
            raise _NotSimpleError()
    zone_of_ring = np.concatenate([s_zone, np.asarray(ring_zone, dtype=np.int64)])
    order = np.argsort(zone_of_ring, kind="stable")  # zone order, each zone's rings in their WKB order
    zone_of_ring = zone_of_ring[order]
    start = np.concatenate([s_pos, np.asarray(ring_pos, dtype=np.int64)])[order]
    n = np.concatenate([s_n, np.asarray(ring_n, dtype=np.int64)])[order]
    offsets = np.zeros(len(n) + 1, dtype=np.int64)
    np.cumsum(n, out=offsets[1:])
    coords = np.empty(2 * int(offsets[-1]), dtype=np.float64)
    residue = start % 8
    for k in np.unique(residue).tolist():
        sel = np.flatnonzero(residue == k)
        view = np.frombuffer(blob, dtype="<f8", offset=k, count=(len(blob) - k) // 8)
        first = (start[sel] - k) // 8
        counts = 2 * n[sel]
        cum = np.cumsum(counts) - counts
        src = np.arange(int(counts.sum()), dtype=np.int64) + np.repeat(first - cum, counts)
        coords[src + np.repeat(2 * offsets[sel] - first, counts)] = view[src]
    x = coords[0::2].copy()
    y = coords[1::2].copy()
    if len(n) and (np.any(x[offsets[:-1]] != x[offsets[1:] - 1]) or np.any(y[offsets[:-1]] != y[offsets[1:] - 1])):
        raise _NotSimpleError()  # an unclosed ring: the general decoder closes it
    return PolygonSet(x=x, y=y, ring_offsets=offsets, ring_zone=zone_of_ring, n_zones=n_zones)


def parse_polygon_wkb(wkbs, n_zones: int | None = None) -> PolygonSet:
    """Decode an iterable of (Multi)Polygon WKB (``None`` or empty allowed) into a :class:`PolygonSet`.

    Zone ``i`` is the ``i``-th geometry. Raises :class:`GeometryError` for another geometry type.
    """
    wkbs = [w if w is None or isinstance(w, bytes) else bytes(w) for w in wkbs]
    try:
        return _parse_polygons_simple(wkbs, len(wkbs) if n_zones is None else n_zones)
    except (_NotSimpleError, struct.error, IndexError, ValueError):
        pass  # the general decoder below reports the problem, if any
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
            name = _TYPE_NAMES.get(gtype, f"type {gtype}")
            raise GeometryError(f"the feature number {i + 1} is a {name}, not a point")
        for porder, ppos in parts:
            px, py = struct.unpack_from(porder + "dd", buf, ppos)
            if px != px or py != py:
                continue
            xs.append(px)
            ys.append(py)
            feats.append(i)
    return np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64), np.asarray(feats, dtype=np.int64)
