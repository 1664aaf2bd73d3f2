"""Geometry checks on arrays (no GEOS here): exact duplicates by WKB hash, features outside a plausible extent,
and the cheap part of the partition check (which polygons can be next to a gap or an overlap).

Partition (communes, IRIS) check, fast: in a clean partition every edge is shared by exactly two polygons. Edges
used once are the outer boundary, or border a gap or an overlap. :func:`unshared_edge_owners` finds the polygons
that own such edges, by sorting quantised segments (numpy), so that the GEOS work (union, intersections) only runs
on those polygons instead of all of them.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence

import numpy as np

from ..messages import QT_TR_NOOP, Message

_POLYGON, _MULTIPOLYGON = 3, 6


def duplicate_groups(wkbs: Sequence) -> list:
    """Groups (lists of positions, ≥ 2) of byte-identical geometries; empty/missing geometries are ignored."""
    seen: dict = {}
    for i, b in enumerate(wkbs):
        if not b:
            continue
        seen.setdefault(hashlib.blake2b(bytes(b), digest_size=16).digest(), []).append(i)
    return [g for g in seen.values() if len(g) > 1]


def outside_extent(bounds: np.ndarray, extent: tuple) -> np.ndarray:
    """Mask of the boxes ``bounds`` (n×4: xmin, ymin, xmax, ymax; NaN for no geometry) not entirely inside
    ``extent`` (xmin, ymin, xmax, ymax)."""
    b = np.asarray(bounds, dtype=float).reshape(-1, 4)
    xmin, ymin, xmax, ymax = extent
    with np.errstate(invalid="ignore"):
        inside = (b[:, 0] >= xmin) & (b[:, 1] >= ymin) & (b[:, 2] <= xmax) & (b[:, 3] <= ymax)
    return ~inside & ~np.isnan(b).any(axis=1)


def polygon_rings(wkb: bytes) -> list:
    """The rings (n×2 float arrays, closed) of a WKB Polygon or MultiPolygon (ISO or extended; Z/M dropped)."""
    b = bytes(wkb)
    out = []

    def header(off):
        e = "<" if b[off] == 1 else ">"
        (typ,) = struct.unpack_from(e + "I", b, off + 1)
        has_srid = bool(typ & 0x20000000)
        flags_z = bool(typ & 0x80000000) or (typ % 10000) // 1000 in (1, 3)
        flags_m = bool(typ & 0x40000000) or (typ % 10000) // 1000 in (2, 3)
        base = (typ & 0x0FFFFFFF) % 1000
        off += 5 + (4 if has_srid else 0)
        return e, base, 2 + flags_z + flags_m, off

    def polygon(off):
        e, base, dim, off = header(off)
        if base != _POLYGON:
            raise ValueError(Message(QT_TR_NOOP("not a polygon WKB (type {})"), base))
        (nrings,) = struct.unpack_from(e + "I", b, off)
        off += 4
        for _ in range(nrings):
            (n,) = struct.unpack_from(e + "I", b, off)
            off += 4
            pts = np.frombuffer(b, dtype=e + "f8", count=dim * n, offset=off).reshape(n, dim)[:, :2]
            out.append(pts)
            off += 8 * dim * n
        return off

    e, base, _, off = header(0)
    if base == _MULTIPOLYGON:
        (nparts,) = struct.unpack_from(e + "I", b, off)
        off += 4
        for _ in range(nparts):
            off = polygon(off)
    elif base == _POLYGON:
        polygon(0)
    else:
        raise ValueError(Message(QT_TR_NOOP("not a polygon WKB (type {})"), base))
    return out


def unshared_edge_owners(wkbs: Sequence, quantum: float) -> tuple:
    """Positions of the polygons owning at least one edge that no other polygon shares, and the share of such
    edges among all. Coordinates are compared after rounding to ``quantum`` (e.g. 1 mm in a projected CRS).

    An edge counts as shared when the same segment (either direction) appears at least twice."""
    starts, ends, owners = [], [], []
    for i, b in enumerate(wkbs):
        if not b:
            continue
        for ring in polygon_rings(b):
            if len(ring) < 2:
                continue
            starts.append(ring[:-1])
            ends.append(ring[1:])
            owners.append(np.full(len(ring) - 1, i, dtype=np.int64))
    if not starts:
        return np.zeros(0, dtype=np.int64), 0.0
    a = np.round(np.concatenate(starts) / quantum).astype(np.int64)
    c = np.round(np.concatenate(ends) / quantum).astype(np.int64)
    own = np.concatenate(owners)
    keep = ~np.all(a == c, axis=1)  # drop zero-length segments (repeated points)
    a, c, own = a[keep], c[keep], own[keep]
    swap = (a[:, 0] > c[:, 0]) | ((a[:, 0] == c[:, 0]) & (a[:, 1] > c[:, 1]))
    lo = np.where(swap[:, None], c, a)
    hi = np.where(swap[:, None], a, c)
    # one 64-bit hash per segment (exact comparison of 4 integers would need a structured sort, 10x slower);
    # a collision (probability ~ n² / 2^64) could only hide one unshared edge
    mix = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5], dtype=np.uint64)
    both = np.hstack([lo, hi]).astype(np.uint64)
    with np.errstate(over="ignore"):
        keys = both * mix
        keys = keys[:, 0] ^ (keys[:, 1] >> np.uint64(1)) ^ (keys[:, 2] << np.uint64(1)) ^ (keys[:, 3] >> np.uint64(3))
        keys = keys ^ (both[:, 0] << np.uint64(32)) ^ both[:, 3]
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    single = counts[inverse.ravel()] != 2  # once: border of the partition, a gap or an overlap; 3+: overlap
    return np.unique(own[single]), float(single.mean()) if single.size else 0.0
