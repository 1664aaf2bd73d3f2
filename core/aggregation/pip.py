"""Vectorised assignment of points to polygons.

Design (all numpy, no loop over points or polygons):

1. The zones' extent is covered by a grid of square cells. Each cell gets the label of the zone containing its
   centre (an even-odd scanline fill over every ring edge) and a *boundary* flag when any zone edge touches it
   (edges are cut into pieces shorter than half a cell and the cells of each piece's bounding box flagged) or when
   several zones contain its centre (overlapping zones).
2. A point in a cell without the flag takes the cell's label directly: no edge crosses the cell, so the whole cell
   lies in the same zone(s) as its centre.
3. Points in flagged cells are resolved exactly: candidate zones from a coarse index of zone bounding boxes, then
   a crossing-number test over the candidate zone's edges that span the point's grid row (edges are indexed by
   ``(zone, row)``), expanded with ``np.repeat`` and summed with ``np.bincount``, in chunks to bound memory.

Boundary rule (deterministic, half-open): every edge is oriented bottom-up before the test, and a point counts as
inside when a ray from it towards +x crosses the zone's boundary an odd number of times, with an edge spanning
``y1 <= py < y2`` and counted only when the point is strictly west of it. So a point on a boundary shared by two
zones (same vertices) is counted in exactly one of them: the zone to its east, or for an east-west boundary the
zone to its north (like the INSEE grid, where west and south edges belong to the cell). Holes and multipolygons
follow the even-odd rule over all rings of a zone. Overlapping zones each count the point.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .geometry import PolygonSet

_CHUNK = 2_000_000  # (point, edge) pairs evaluated at once


def _expand_ranges(starts, lengths):
    """Concatenation of ``arange(s, s + l)`` for every pair, and the index of the range each item comes from."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    owner = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    if total == 0:
        return np.empty(0, dtype=np.int64), owner
    first = np.cumsum(lengths) - lengths
    items = np.arange(total, dtype=np.int64) - np.repeat(first - np.asarray(starts, dtype=np.int64), lengths)
    return items, owner


class ZoneIndex:
    """An index of polygon zones for fast point assignment.

    ``extent`` (``xmin, ymin, xmax, ymax``, e.g. the points' bounding box) limits the cell grid to where points
    can be; points outside it are never assigned, so pass the extent of the points that will be queried.
    """

    COARSE = 4  # cells per side of the buckets of the bounding-box index

    def __init__(self, polygons: PolygonSet, cell_size=None, max_cells: int = 16_000_000, extent=None):
        self.n_zones = polygons.n_zones
        self.bxmin, self.bymin, self.bxmax, self.bymax = polygons.bounds()
        self.nx = self.ny = 0
        valid = np.isfinite(self.bxmin)
        if not valid.any():
            return
        xmin, ymin = np.nanmin(self.bxmin), np.nanmin(self.bymin)
        xmax, ymax = np.nanmax(self.bxmax), np.nanmax(self.bymax)
        if extent is not None:
            xmin, ymin = max(xmin, extent[0]), max(ymin, extent[1])
            xmax, ymax = min(xmax, extent[2]), min(ymax, extent[3])
            if not (xmin <= xmax and ymin <= ymax):
                return  # the points are nowhere near the zones
        auto = cell_size is None
        if auto:
            # A fraction of a typical zone's size: most points then fall in cells that no edge crosses.
            size = np.sqrt((self.bxmax[valid] - self.bxmin[valid]) * (self.bymax[valid] - self.bymin[valid]))
            size = size[size > 0]
            cell_size = (float(np.median(size)) if len(size) else 1.0) / 8.0
            cell_size = max(cell_size, max(xmax - xmin, ymax - ymin, 1e-9) / 8192.0)
        if not cell_size > 0 or not np.isfinite(cell_size):
            raise ValueError("The index cell size must be positive")
        s = float(cell_size)
        while True:
            nx = int(np.floor((xmax - xmin) / s)) + 3
            ny = int(np.floor((ymax - ymin) / s)) + 3
            if nx * ny <= max_cells:
                break
            if not auto:
                raise ValueError(f"The index cell size {s} is too small for the zones' extent")
            s *= 1.25
        self.cell, self.nx, self.ny = s, nx, ny
        self.ox, self.oy = xmin - s, ymin - s
        x1, y1, x2, y2, zone = polygons.edges()
        # The edge index and the label grid are independent: numpy releases the GIL, so build them side by side.
        with ThreadPoolExecutor(max_workers=1) as pool:
            edges = pool.submit(self._build_edges, x1, y1, x2, y2, zone)
            self._build_labels(x1, y1, x2, y2, zone)
            self._build_bbox_index(valid)
            edges.result()

    # -- construction ------------------------------------------------------------------------------------------
    def _flag_boxes(self, boundary, ax, ay, bx, by):
        """Flag the cells of the bounding boxes of segments no longer than a cell (at most 2 x 2 cells each)."""
        s, nx = self.cell, self.nx
        for lo in range(0, len(ax), _CHUNK):
            sl = slice(lo, lo + _CHUNK)
            fx0 = (ax[sl] - self.ox) / s
            fx1 = (bx[sl] - self.ox) / s
            fy0 = (ay[sl] - self.oy) / s
            fy1 = (by[sl] - self.oy) / s
            c0 = np.clip(np.floor(np.minimum(fx0, fx1)), 0, nx - 1).astype(np.int64)
            c1 = np.clip(np.floor(np.maximum(fx0, fx1)), 0, nx - 1).astype(np.int64)
            r0 = np.clip(np.floor(np.minimum(fy0, fy1)), 0, self.ny - 1).astype(np.int64)
            r1 = np.clip(np.floor(np.maximum(fy0, fy1)), 0, self.ny - 1).astype(np.int64)
            base = r0 * nx + c0
            boundary[base] = True
            dr, dc = r1 - r0, c1 - c0
            moved = np.flatnonzero(dr | dc)  # most pieces lie in a single cell
            if len(moved):
                b, dr, dc = base[moved], dr[moved], dc[moved]
                boundary[b + dr * nx] = True
                boundary[b + dc] = True
                boundary[b + dr * nx + dc] = True

    def _build_labels(self, x1, y1, x2, y2, zone):
        s, nx, ny = self.cell, self.nx, self.ny
        boundary = np.zeros(nx * ny, dtype=bool)
        # Boundary cells: pieces no longer than a cell; flag the (up to 2x2) cells of each piece's bbox.
        # Most edges are shorter than a cell and are their own single piece; only long ones are cut.
        span = np.maximum(np.abs(x2 - x1), np.abs(y2 - y1))
        n_pieces = np.maximum(np.ceil(span / (0.99 * s)).astype(np.int64), 1)
        single = n_pieces == 1
        self._flag_boxes(boundary, x1[single], y1[single], x2[single], y2[single])
        long_edges = np.flatnonzero(~single)
        k, owner = _expand_ranges(np.zeros(len(long_edges), dtype=np.int64), n_pieces[long_edges])
        owner = long_edges[owner]
        for chunk in range(0, len(k), _CHUNK):
            kk = k[chunk : chunk + _CHUNK]
            oo = owner[chunk : chunk + _CHUNK]
            n = n_pieces[oo]
            t0, t1 = kk / n, (kk + 1) / n
            dx, dy = x2[oo] - x1[oo], y2[oo] - y1[oo]
            self._flag_boxes(boundary, x1[oo] + t0 * dx, y1[oo] + t0 * dy, x1[oo] + t1 * dx, y1[oo] + t1 * dy)
        # Scanline fill at cell-centre rows (even-odd over the rings of each zone).
        keep = y1 != y2
        up = y1[keep] < y2[keep]
        ex1 = np.where(up, x1[keep], x2[keep])
        ey1 = np.where(up, y1[keep], y2[keep])
        ex2 = np.where(up, x2[keep], x1[keep])
        ey2 = np.where(up, y2[keep], y1[keep])
        ez = zone[keep]
        r_lo = np.clip(np.ceil((ey1 - self.oy) / s - 0.5), 0, ny).astype(np.int64)
        r_hi = np.clip(np.ceil((ey2 - self.oy) / s - 0.5), 0, ny).astype(np.int64)
        rows, owner = _expand_ranges(r_lo, np.maximum(r_hi - r_lo, 0))
        yc = self.oy + (rows + 0.5) * s
        xc = ex1[owner] + (yc - ey1[owner]) * (ex2[owner] - ex1[owner]) / (ey2[owner] - ey1[owner])
        key = ez[owner] * ny + rows
        del owner, yc
        order = np.lexsort((xc, key))
        key, xc = key[order], xc[order]
        del order
        label = np.full(nx * ny, -1, dtype=np.int32)
        if len(key):
            # Each (zone, row) group holds an even number of crossings (closed rings): pair them up.
            starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
            group_n = np.diff(np.r_[starts, len(key)])
            odd = group_n % 2 == 1
            if odd.any():  # cannot happen with closed rings; resolve those rows exactly rather than guess
                for r in np.unique(key[starts[odd]] % ny):
                    boundary[r * nx : (r + 1) * nx] = True
                good = np.repeat(~odd, group_n)
                key, xc = key[good], xc[good]
            xa, xb, kz = xc[0::2], xc[1::2], key[0::2]
            row = kz % ny
            zz = (kz // ny).astype(np.int32)
            c_lo = np.clip(np.ceil((xa - self.ox) / s - 0.5), 0, nx).astype(np.int64)
            c_hi = np.clip(np.ceil((xb - self.ox) / s - 0.5), 0, nx).astype(np.int64)
            cols_n = np.maximum(c_hi - c_lo, 0)
            self._flag_overlaps(boundary, row, c_lo, c_hi)
            cum = np.cumsum(cols_n)
            lo, base = 0, 0
            while lo < len(cols_n):
                hi = max(int(np.searchsorted(cum, base + _CHUNK, side="right")), lo + 1)
                sl = slice(lo, hi)
                cols, own = _expand_ranges(row[sl] * nx + c_lo[sl], cols_n[sl])
                label[cols] = zz[sl][own]
                base = int(cum[hi - 1])
                lo = hi
        self.label = label
        self.boundary = boundary

    def _flag_overlaps(self, boundary, row, c_lo, c_hi):
        """Flag cells covered by spans of several zones (overlapping zones): they need the exact test."""
        order = np.lexsort((c_lo, row))
        r, a, b = row[order], c_lo[order], c_hi[order]
        keep = b > a
        r, a, b = r[keep], a[keep], b[keep]
        if len(r) < 2:
            return
        width = self.nx + 1
        reach = np.maximum.accumulate(b + r * width)  # furthest column reached so far, rows kept apart
        overlap = np.flatnonzero(a[1:] + r[1:] * width < reach[:-1]) + 1
        if len(overlap) == 0:
            return
        ends = np.minimum(reach[overlap - 1] - r[overlap] * width, b[overlap])
        cols, own = _expand_ranges(r[overlap] * self.nx + a[overlap], ends - a[overlap])
        boundary[cols] = True

    def _build_edges(self, x1, y1, x2, y2, zone):
        """Non-horizontal edges oriented bottom-up, indexed by (zone, grid row) for the exact test."""
        keep = y1 != y2
        up = y1[keep] < y2[keep]
        self.ex1 = np.where(up, x1[keep], x2[keep])
        self.ey1 = np.where(up, y1[keep], y2[keep])
        self.ex2 = np.where(up, x2[keep], x1[keep])
        self.ey2 = np.where(up, y2[keep], y1[keep])
        self.eslope = (self.ex2 - self.ex1) / (self.ey2 - self.ey1)
        ez = zone[keep]
        r0 = np.clip(np.floor((self.ey1 - self.oy) / self.cell), 0, self.ny).astype(np.int64)
        r1 = np.clip(np.floor((self.ey2 - self.oy) / self.cell), -1, self.ny - 1).astype(np.int64)
        rows, owner = _expand_ranges(r0, np.maximum(r1 - r0 + 1, 0))
        key = ez[owner] * self.ny + rows
        order = np.argsort(key)
        self.row_edges = owner[order]
        key = key[order]
        first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.empty(0, dtype=np.int64)
        self.row_keys = key[first]
        self.row_offsets = np.append(first, len(key)).astype(np.int64)

    def _build_bbox_index(self, valid):
        """Zones whose bounding box meets each bucket of COARSE x COARSE cells."""
        k = self.COARSE
        self.cnx, self.cny = self.nx // k + 1, self.ny // k + 1
        zones = np.flatnonzero(valid)
        c0 = np.clip(np.floor((self.bxmin[zones] - self.ox) / self.cell) // k, 0, self.cnx - 1).astype(np.int64)
        c1 = np.clip(np.floor((self.bxmax[zones] - self.ox) / self.cell) // k, -1, self.cnx - 1).astype(np.int64)
        r0 = np.clip(np.floor((self.bymin[zones] - self.oy) / self.cell) // k, 0, self.cny - 1).astype(np.int64)
        r1 = np.clip(np.floor((self.bymax[zones] - self.oy) / self.cell) // k, -1, self.cny - 1).astype(np.int64)
        ncols = np.maximum(c1 - c0 + 1, 0)
        n = ncols * np.maximum(r1 - r0 + 1, 0)
        i, owner = _expand_ranges(np.zeros(len(n), dtype=np.int64), n)
        flat = (r0[owner] + i // ncols[owner]) * self.cnx + c0[owner] + i % ncols[owner]
        order = np.argsort(flat, kind="stable")
        self.bbox_zones = zones[owner[order]]
        counts = np.bincount(flat, minlength=self.cnx * self.cny)
        self.bbox_offsets = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=self.bbox_offsets[1:])

    # -- queries ----------------------------------------------------------------------------------------------
    def assign(self, x, y, feedback=None):
        """Pairs ``(point index, zone index)`` for every zone containing each point (in no particular order).

        ``feedback`` is an optional callable ``(fraction_done) -> bool`` returning True to cancel; when it does,
        :class:`CancelledError` is raised.
        """
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        n = len(x)
        if self.nx == 0 or n == 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        s = self.cell
        with np.errstate(invalid="ignore"):
            col = np.floor((x - self.ox) / s)
            row = np.floor((y - self.oy) / s)
            inside = (col >= 0) & (col < self.nx) & (row >= 0) & (row < self.ny)
        flat = np.where(inside, row * self.nx + col, 0).astype(np.int64)
        del col, row
        on_boundary = inside & self.boundary[flat]
        lab = self.label[flat]
        direct = inside & ~on_boundary & (lab >= 0)
        pts_direct = np.flatnonzero(direct)
        zones_direct = lab[pts_direct].astype(np.int64)
        del lab, direct, inside
        exact = np.flatnonzero(on_boundary)
        del on_boundary
        pts_exact, zones_exact = self._assign_exact(x, y, exact, flat[exact], feedback)
        return np.concatenate([pts_direct, pts_exact]), np.concatenate([zones_direct, zones_exact])

    def _assign_exact(self, x, y, idx, flat, feedback):
        out_p, out_z = [], []
        if len(idx) == 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        rows, cols = flat // self.nx, flat % self.nx
        coarse = (rows // self.COARSE) * self.cnx + cols // self.COARSE
        step = 100_000
        for start in range(0, len(idx), step):
            if feedback is not None and feedback(start / len(idx)):
                raise CancelledError()
            p = idx[start : start + step]
            pr = rows[start : start + step]
            cb = coarse[start : start + step]
            n_cand = self.bbox_offsets[cb + 1] - self.bbox_offsets[cb]
            cand, owner = _expand_ranges(self.bbox_offsets[cb], n_cand)
            z = self.bbox_zones[cand]
            pp = p[owner]
            px, py = x[pp], y[pp]
            ok = (px >= self.bxmin[z]) & (px <= self.bxmax[z]) & (py >= self.bymin[z]) & (py <= self.bymax[z])
            pp, z, prow = pp[ok], z[ok], pr[owner][ok]
            if len(self.row_keys) == 0:
                continue
            # Edges of candidate zone z that span the point's row.
            key = z * self.ny + prow
            pos = np.searchsorted(self.row_keys, key)
            pos_c = np.minimum(pos, len(self.row_keys) - 1)
            found = (pos < len(self.row_keys)) & (self.row_keys[pos_c] == key)
            pp, z, pos = pp[found], z[found], pos_c[found]
            e_start = self.row_offsets[pos]
            e_n = self.row_offsets[pos + 1] - e_start
            # Chunk the (pair, edge) expansion.
            cum = np.cumsum(e_n)
            lo, base = 0, 0
            while lo < len(e_n):
                hi = max(int(np.searchsorted(cum, base + _CHUNK, side="right")), lo + 1)
                sl = slice(lo, hi)
                items, own = _expand_ranges(e_start[sl], e_n[sl])
                e = self.row_edges[items]
                qx, qy = x[pp[sl]][own], y[pp[sl]][own]
                ey1 = self.ey1[e]
                cross = (ey1 <= qy) & (qy < self.ey2[e])
                cross &= qx < self.ex1[e] + (qy - ey1) * self.eslope[e]
                odd = np.bincount(own, weights=cross, minlength=hi - lo).astype(np.int64) % 2 == 1
                out_p.append(pp[sl][odd])
                out_z.append(z[sl][odd])
                base = int(cum[hi - 1])
                lo = hi
        if not out_p:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        return np.concatenate(out_p), np.concatenate(out_z)


class CancelledError(Exception):
    """Raised when the progress callback asks to stop."""


def assign_points(polygons: PolygonSet, x, y, cell_size: float | None = None, feedback=None):
    """One-shot :meth:`ZoneIndex.assign`, with the index's grid limited to the points' extent."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    extent = (x[ok].min(), y[ok].min(), x[ok].max(), y[ok].max())
    return ZoneIndex(polygons, cell_size=cell_size, extent=extent).assign(x, y, feedback=feedback)


def brute_force_assign(polygons: PolygonSet, x, y):
    """Reference implementation (same rule, every point against every edge): for tests on small inputs."""
    x1, y1, x2, y2, zone = polygons.edges()
    keep = y1 != y2
    up = y1[keep] < y2[keep]
    ax = np.where(up, x1[keep], x2[keep])
    ay = np.where(up, y1[keep], y2[keep])
    bx = np.where(up, x2[keep], x1[keep])
    by = np.where(up, y2[keep], y1[keep])
    zone = zone[keep]
    pts, zs = [], []
    for i, (px, py) in enumerate(zip(np.asarray(x, float), np.asarray(y, float))):
        cross = (ay <= py) & (py < by)
        cross &= px < ax + (py - ay) * ((bx - ax) / (by - ay))
        counts = np.bincount(zone[cross], minlength=polygons.n_zones)
        for z in np.flatnonzero(counts % 2 == 1):
            pts.append(i)
            zs.append(z)
    return np.asarray(pts, dtype=np.int64), np.asarray(zs, dtype=np.int64)
