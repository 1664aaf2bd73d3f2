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

import threading
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from .geometry import PolygonSet

_CHUNK = 2_000_000  # items (edge pieces, label cells) processed at once while building the index
_PAIR_CHUNK = 250_000  # (point, edge) pairs tested at once: small temporaries stay in the CPU caches


def _cell_ceil(v, origin, size, n):
    """``clip(ceil((v - origin) / size - 0.5), 0, n)`` as int32 (the first cell centre at or after ``v``), with
    one temporary."""
    out = np.subtract(v, origin)
    out /= size
    out -= 0.5
    np.ceil(out, out=out)
    np.clip(out, 0, n, out=out)
    return out.astype(np.int32)


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
        # Edges as views: vertex k to vertex k + 1, ``paired`` where both are in the same ring.
        x, y = polygons.x, polygons.y
        x1, y1, x2, y2 = x[:-1], y[:-1], x[1:], y[1:]
        paired = np.ones(max(len(x) - 1, 0), dtype=bool)
        paired[polygons.ring_offsets[1:-1] - 1] = False
        zone = np.repeat(polygons.ring_zone, np.diff(polygons.ring_offsets))[:-1]
        # Two threads (numpy releases the GIL): this one orients the edges, then fills the label grid; the other
        # flags the cells the edges touch, then indexes the oriented edges by (zone, row).
        oriented = Future()
        with ThreadPoolExecutor(max_workers=1) as pool:
            flags = pool.submit(self._flags_then_edges, polygons, x1, y1, x2, y2, paired, oriented)
            try:
                edges = self._orient(x1, y1, x2, y2, zone, paired)
            except BaseException as exc:
                oriented.set_exception(exc)
                raise
            oriented.set_result(edges)
            del x1, y1, x2, y2, zone
            self._build_labels(*edges)
            self._build_bbox_index(valid)
            self.boundary |= flags.result()

    @staticmethod
    def _orient(x1, y1, x2, y2, zone, paired):
        """Non-horizontal ``paired`` edges oriented bottom-up: ``(ex1, ey1, ex2, ey2, zone)``."""
        keep = np.flatnonzero(paired & (y1 != y2))
        x1, y1, x2, y2, zone = x1[keep], y1[keep], x2[keep], y2[keep], zone[keep]
        up = y1 < y2
        return np.where(up, x1, x2), np.minimum(y1, y2), np.where(up, x2, x1), np.maximum(y1, y2), zone

    def _flags_then_edges(self, polygons, x1, y1, x2, y2, paired, oriented):
        """The boolean grid of the cells that edges touch, then the edge index (see :meth:`_build_edges`) once
        the other thread has oriented the edges."""
        boundary = np.zeros(self.nx * self.ny, dtype=bool)
        self._flag_edges(boundary, polygons, x1, y1, x2, y2, paired)
        self._build_edges(*oriented.result())
        return boundary

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

    def _flag_vertices(self, boundary, polygons, x1, y1, x2, y2, paired):
        """Flag the cells of every edge no longer than a cell: the cells of its two ends, and when they are
        diagonal neighbours, the two other cells of the 2 x 2 block (the edge's bounding box). Returns the span
        (larger side of the bounding box) of every edge."""
        s, nx, ny = self.cell, self.nx, self.ny
        vc = np.floor((polygons.x - self.ox) / s)
        np.clip(vc, 0, nx - 1, out=vc)
        vc = vc.astype(np.int32)
        vr = np.floor((polygons.y - self.oy) / s)
        np.clip(vr, 0, ny - 1, out=vr)
        vr = vr.astype(np.int32)
        flat = vr.astype(np.int64)
        flat *= nx
        flat += vc
        boundary[flat] = True
        del flat
        # Edge ends: vertices k and k + 1 (views).
        ca, cb, ra, rb = vc[:-1], vc[1:], vr[:-1], vr[1:]
        span = np.subtract(x2, x1)
        np.abs(span, out=span)
        dy = np.subtract(y2, y1)
        np.abs(dy, out=dy)
        np.maximum(span, dy, out=span)
        del dy
        diagonal = (ca != cb) & (ra != rb)
        diagonal &= paired
        diagonal &= span < 0.99 * s  # long edges: cut by the caller
        diagonal = np.flatnonzero(diagonal)
        ca, cb, ra, rb = ca[diagonal], cb[diagonal], ra[diagonal], rb[diagonal]
        boundary[ra.astype(np.int64) * nx + cb] = True
        boundary[rb.astype(np.int64) * nx + ca] = True
        return span

    def _flag_edges(self, boundary, polygons, x1, y1, x2, y2, paired):
        s = self.cell
        # Boundary cells: the cells of every edge's bounding box. Most edges are shorter than a cell (their ends'
        # cells and the 2 x 2 block between them); long ones are cut into pieces shorter than a cell.
        span = self._flag_vertices(boundary, polygons, x1, y1, x2, y2, paired)
        long_edges = np.flatnonzero(paired & (span >= 0.99 * s))
        n_pieces = np.maximum(np.ceil(span[long_edges] / (0.99 * s)).astype(np.int64), 1)
        del span
        k, owner = _expand_ranges(np.zeros(len(long_edges), dtype=np.int64), n_pieces)
        for chunk in range(0, len(k), _CHUNK):
            kk = k[chunk : chunk + _CHUNK]
            oo = owner[chunk : chunk + _CHUNK]
            n = n_pieces[oo]
            oo = long_edges[oo]
            t0, t1 = kk / n, (kk + 1) / n
            dx, dy = x2[oo] - x1[oo], y2[oo] - y1[oo]
            self._flag_boxes(boundary, x1[oo] + t0 * dx, y1[oo] + t0 * dy, x1[oo] + t1 * dx, y1[oo] + t1 * dy)

    def _build_labels(self, ex1, ey1, ex2, ey2, ez):
        """Label of the zone holding each cell's centre (-1: none), and the cells needing the exact test because
        several zones hold their centre or a ring crossing could not be paired."""
        s, nx, ny = self.cell, self.nx, self.ny
        boundary = np.zeros(nx * ny, dtype=bool)
        # Scanline fill at cell-centre rows (even-odd over the rings of each zone).
        r_lo = _cell_ceil(ey1, self.oy, s, ny)
        r_hi = _cell_ceil(ey2, self.oy, s, ny)
        r_hi -= r_lo  # rows whose centre line the edge crosses (most edges cross none)
        crossing = np.flatnonzero(r_hi > 0)
        rows, owner = _expand_ranges(r_lo[crossing], r_hi[crossing])
        owner = crossing[owner]
        del r_lo, r_hi, crossing
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

    def _build_edges(self, ex1, ey1, ex2, ey2, ez):
        """Non-horizontal edges oriented bottom-up, indexed by (zone, grid row) for the exact test.

        The rows a zone's bounding box spans are numbered consecutively (``zone_base[z] + row - zone_row0[z]``);
        ``row_offsets`` gives, for each such (zone, row), the range of its edges in the edge arrays ``ry1``,
        ``ry2``, ``rx1``, ``rslope``, stored in that order (an edge spanning several rows is repeated), so the
        exact test reads them sequentially.
        """
        s, ny = self.cell, self.ny
        with np.errstate(invalid="ignore"):
            zr0 = np.floor((self.bymin - self.oy) / s)
            zr1 = np.floor((self.bymax - self.oy) / s)
        zr0 = np.nan_to_num(np.clip(zr0, 0, ny), nan=0).astype(np.int64)
        zr1 = np.nan_to_num(np.clip(zr1, -1, ny - 1), nan=-1).astype(np.int64)
        zone_rows = np.maximum(zr1 - zr0 + 1, 0)
        self.zone_row0 = zr0
        self.zone_base = np.zeros(len(zone_rows) + 1, dtype=np.int64)
        np.cumsum(zone_rows, out=self.zone_base[1:])
        r0 = np.floor((ey1 - self.oy) / s)
        np.clip(r0, 0, ny, out=r0)
        r0 = r0.astype(np.int64)
        r1 = np.floor((ey2 - self.oy) / s)
        np.clip(r1, -1, ny - 1, out=r1)
        r1 = r1.astype(np.int64)
        n_rows = r1 - r0 + 1
        # Most edges are shorter than a cell and span a single row: expand only the others.
        single = np.flatnonzero(n_rows == 1)
        multi = np.flatnonzero(n_rows > 1)
        rows_m, owner_m = _expand_ranges(r0[multi], n_rows[multi])
        owner = np.concatenate([single, multi[owner_m]])
        rows = np.concatenate([r0[single], rows_m])
        del single, multi, rows_m, owner_m, r0, r1, n_rows
        z = ez[owner]
        key = self.zone_base[z] + rows - zr0[z]
        del z, rows
        if int(self.zone_base[-1]) < 2**31:
            key = key.astype(np.int32)  # a faster stable sort
        order = np.argsort(key, kind="stable")
        edges = owner[order]
        del owner
        self.row_offsets = np.zeros(int(self.zone_base[-1]) + 1, dtype=np.int64)
        np.cumsum(np.bincount(key, minlength=int(self.zone_base[-1])), out=self.row_offsets[1:])
        del key, order
        self.ry1 = ey1[edges]
        self.ry2 = ey2[edges]
        self.rx1 = ex1[edges]
        self.rslope = ((ex2 - ex1) / (ey2 - ey1))[edges]

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
        flat = flat[exact]
        if len(exact) < 50_000:
            pts_exact, zones_exact = self._assign_exact(x, y, exact, flat, feedback)
            return np.concatenate([pts_direct, pts_exact]), np.concatenate([zones_direct, zones_exact])
        # Two halves side by side (numpy releases the GIL); only this thread reports progress, the other one
        # stops at its next chunk when cancelled.
        half = len(exact) // 2
        stop = threading.Event()

        def worker_feedback(_fraction):
            return stop.is_set()

        def main_feedback(fraction):
            if feedback is not None and feedback(fraction):
                stop.set()
                return True
            return False

        with ThreadPoolExecutor(max_workers=1) as pool:
            other = pool.submit(self._assign_exact, x, y, exact[half:], flat[half:], worker_feedback)
            try:
                first = self._assign_exact(x, y, exact[:half], flat[:half], main_feedback)
            except CancelledError:
                stop.set()
                raise
            finally:
                second = other.exception() or other.result()
        if isinstance(second, BaseException):
            raise second
        return (
            np.concatenate([pts_direct, first[0], second[0]]),
            np.concatenate([zones_direct, first[1], second[1]]),
        )

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
            # Edges of candidate zone z that span the point's row (the bounding-box test keeps the row in range).
            d = self.zone_base[z] + prow - self.zone_row0[z]
            e_start = self.row_offsets[d]
            e_n = self.row_offsets[d + 1] - e_start
            # Chunk the (pair, edge) expansion.
            cum = np.cumsum(e_n)
            lo, base = 0, 0
            while lo < len(e_n):
                hi = max(int(np.searchsorted(cum, base + _PAIR_CHUNK, side="right")), lo + 1)
                sl = slice(lo, hi)
                e, own = _expand_ranges(e_start[sl], e_n[sl])
                qx, qy = x[pp[sl]][own], y[pp[sl]][own]
                ey1 = self.ry1[e]
                cross = (ey1 <= qy) & (qy < self.ry2[e])
                cross &= qx < self.rx1[e] + (qy - ey1) * self.rslope[e]
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
