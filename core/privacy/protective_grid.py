"""INSEE "natural level" protective grid: a quadtree of grid cells (EPSG:3035, or the local CRS overseas) from 64 km
down to 200 m.

Start from 64 km cells; split a cell into its children (64 → 32 → 16 → 8 → 4 → 2 → 1 km, then 1 km → 25 cells of
200 m) only when no child would hold 1 to ``threshold - 1`` units. Published cells therefore hold 0 or at least
``threshold`` units; a 64 km cell that holds fewer than ``threshold`` units is not published (its units are counted
as suppressed). Points with NaN or infinite coordinates, or outside EPSG:3035's area of use, are left out
(``GridResult.outside_points``). Published cells never overlap, so no count can be recovered by differencing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..inspire_grid import cell_ids, grid_domain_mask

SIZES = (64000, 32000, 16000, 8000, 4000, 2000, 1000, 200)


@dataclass
class GridResult:
    east: np.ndarray
    north: np.ndarray
    size: np.ndarray
    count: np.ndarray
    ids: np.ndarray = field(repr=False)
    point_cell: np.ndarray = field(repr=False)  # index of each point's published cell, -1 if suppressed
    suppressed_units: float = 0.0
    suppressed_roots: int = 0
    cells_per_size: dict = field(default_factory=dict)
    outside_points: int = 0  # points with NaN/infinite coordinates or outside EPSG:3035's area of use: no cell


def natural_grid(x, y, weight=None, threshold: int = 11, sizes=SIZES, is_canceled=None, epsg: int = 3035) -> GridResult:
    """Quadtree aggregation of points (metres of the grid CRS ``epsg``: EPSG:3035 in Europe, the local CRS overseas,
    see :mod:`core.territory_crs`) with optional unit weights. With another grid than EPSG:3035 the caller has put
    the points on that grid (only non-finite coordinates are left out here)."""
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    w = np.ones(len(x)) if weight is None else np.asarray(weight, dtype="float64")
    if len(x) != len(y) or len(w) != len(x):
        raise ValueError("x, y and weights must have the same length")
    if (w < 0).any():
        raise ValueError("Unit counts must not be negative")
    sizes = list(sizes)
    for big, small in zip(sizes, sizes[1:]):
        if big % small:
            raise ValueError("Each grid size must be a multiple of the next one")
    # a point without valid EPSG:3035 coordinates never makes a cell (nor a bogus id such as N0E0 from inf)
    if epsg == 3035:
        inside = grid_domain_mask(x, y)
    else:
        with np.errstate(invalid="ignore"):
            inside = np.isfinite(x) & np.isfinite(y) & (np.abs(x) < 1e8) & (np.abs(y) < 1e8)
    cand, suppressed_units, suppressed_roots = _roots(x, y, w, np.flatnonzero((w > 0) & inside), sizes[0], threshold)
    leaves = _Leaves(len(x), epsg)
    for level, size in enumerate(sizes):
        if is_canceled and is_canceled():
            raise InterruptedError("cancelled")
        if len(cand.cells) == 0:
            break
        if level == len(sizes) - 1:
            leaves.publish(cand, np.zeros(len(cand.cells), dtype=bool), size)
            break
        children, split = _children(x, y, w, cand, sizes[level + 1], threshold)
        leaves.publish(cand, split, size)
        if not split.any():
            break
        cand = children.keep(split)
    return leaves.result(suppressed_units, suppressed_roots, int((~inside).sum()))


@dataclass
class _Candidates:
    """Cells that may be split: their points, each point's cell label, the cells' corners and unit counts."""

    points: np.ndarray
    label: np.ndarray
    cells: np.ndarray  # (m, 2) east, north
    counts: np.ndarray
    parent: np.ndarray = None  # for children: the label of each child's parent cell

    def keep(self, split_parent: np.ndarray) -> _Candidates:
        """The children of the parents that are split, relabelled 0..m-1."""
        keep_child = split_parent[self.parent]
        remap = -np.ones(len(self.cells), dtype="int64")
        remap[np.flatnonzero(keep_child)] = np.arange(keep_child.sum())
        on_point = keep_child[self.label]
        return _Candidates(
            self.points[on_point], remap[self.label[on_point]], self.cells[keep_child], self.counts[keep_child]
        )


def _roots(x, y, w, active, size, threshold):
    """The root cells holding at least ``threshold`` units; the units and roots suppressed below it."""
    e = np.floor(x[active] / size).astype("int64") * size
    no = np.floor(y[active] / size).astype("int64") * size
    uniq, inv = np.unique(np.stack([e, no], axis=1), axis=0, return_inverse=True)
    inv = inv.reshape(-1)
    counts = np.bincount(inv, weights=w[active], minlength=len(uniq))
    ok = counts >= threshold
    remap = -np.ones(len(uniq), dtype="int64")
    remap[np.flatnonzero(ok)] = np.arange(ok.sum())
    on_point = ok[inv]
    cand = _Candidates(active[on_point], remap[inv[on_point]], uniq[ok], counts[ok])
    return cand, float(counts[~ok].sum()), int((~ok).sum())


def _children(x, y, w, cand, child, threshold):
    """The children of every candidate cell, and which candidates split (no child holds 1 to threshold - 1)."""
    ce = np.floor(x[cand.points] / child).astype("int64") * child
    cn = np.floor(y[cand.points] / child).astype("int64") * child
    cuniq, cinv = np.unique(np.stack([cand.label, ce, cn], axis=1), axis=0, return_inverse=True)
    cinv = cinv.reshape(-1)
    ccounts = np.bincount(cinv, weights=w[cand.points], minlength=len(cuniq))
    bad_child = (ccounts > 0) & (ccounts < threshold)
    parent_bad = np.zeros(len(cand.cells), dtype=bool)
    parent_bad[cuniq[bad_child, 0]] = True
    children = _Candidates(cand.points, cinv, cuniq[:, 1:3], ccounts, parent=cuniq[:, 0])
    return children, ~parent_bad


class _Leaves:
    """The published cells, in the order they are found, and each point's published cell."""

    def __init__(self, n_points: int, epsg: int = 3035):
        self.epsg = epsg
        self.east, self.north, self.size, self.count = [], [], [], []
        self.point_cell = np.full(n_points, -1, dtype="int64")
        self.cells_per_size = {}

    def publish(self, cand: _Candidates, split: np.ndarray, size: int) -> None:
        leaf = np.flatnonzero(~split)
        base = len(self.east)
        self.east.extend(cand.cells[leaf, 0].tolist())
        self.north.extend(cand.cells[leaf, 1].tolist())
        self.size.extend([size] * len(leaf))
        self.count.extend(cand.counts[leaf].tolist())
        if len(leaf):
            self.cells_per_size[size] = self.cells_per_size.get(size, 0) + len(leaf)
        leaf_pos = -np.ones(len(cand.cells), dtype="int64")
        leaf_pos[leaf] = base + np.arange(len(leaf))
        on_leaf = ~split[cand.label]
        self.point_cell[cand.points[on_leaf]] = leaf_pos[cand.label[on_leaf]]

    def result(self, suppressed_units: float, suppressed_roots: int, outside_points: int) -> GridResult:
        east = np.asarray(self.east, dtype="int64")
        north = np.asarray(self.north, dtype="int64")
        size = np.asarray(self.size, dtype="int64")
        ids = np.array([cell_ids([e], [n], s, self.epsg)[0] for e, n, s in zip(east, north, size)], dtype=object)
        return GridResult(
            east,
            north,
            size,
            np.asarray(self.count, dtype="float64"),
            ids if len(east) else np.array([], dtype=object),
            self.point_cell,
            suppressed_units,
            suppressed_roots,
            self.cells_per_size,
            outside_points,
        )


def merge_results(results) -> GridResult:
    """One :class:`GridResult` of the grids of several parts of France (their cells never overlap: different
    places). ``point_cell`` is left empty: each result indexes its own points."""
    results = list(results)
    if len(results) == 1:
        return results[0]
    per_size = {}
    for r in results:
        for size, n in r.cells_per_size.items():
            per_size[size] = per_size.get(size, 0) + n
    return GridResult(
        np.concatenate([r.east for r in results]),
        np.concatenate([r.north for r in results]),
        np.concatenate([r.size for r in results]),
        np.concatenate([r.count for r in results]),
        np.concatenate([r.ids for r in results]),
        np.empty(0, dtype="int64"),
        sum(r.suppressed_units for r in results),
        sum(r.suppressed_roots for r in results),
        per_size,
        sum(r.outside_points for r in results),
    )
