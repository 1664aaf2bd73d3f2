"""INSEE "natural level" protective grid: a quadtree of EPSG:3035 cells from 64 km down to 200 m.

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


def natural_grid(x, y, weight=None, threshold: int = 11, sizes=SIZES, is_canceled=None) -> GridResult:
    """Quadtree aggregation of points (EPSG:3035 metres) with optional unit weights."""
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
    n = len(x)
    point_cell = np.full(n, -1, dtype="int64")
    out_e, out_n, out_s, out_c = [], [], [], []
    cells_per_size = {}

    def cells_at(idx, size):
        e = np.floor(x[idx] / size).astype("int64") * size
        no = np.floor(y[idx] / size).astype("int64") * size
        key = np.stack([e, no], axis=1)
        uniq, inv = np.unique(key, axis=0, return_inverse=True)
        inv = inv.reshape(-1)
        counts = np.bincount(inv, weights=w[idx], minlength=len(uniq))
        return uniq, inv, counts

    # a point without valid EPSG:3035 coordinates never makes a cell (nor a bogus id such as N0E0 from inf)
    inside = grid_domain_mask(x, y)
    # level 0: roots
    active = np.flatnonzero((w > 0) & inside)
    uniq, inv, counts = cells_at(active, sizes[0])
    ok_root = counts >= threshold
    suppressed_units = float(counts[~ok_root].sum())
    suppressed_roots = int((~ok_root).sum())
    # candidates: (point indices, cell index in `uniq`) kept as a per-point "current cell" label
    cand_points = active[ok_root[inv]]
    cand_label = inv[ok_root[inv]]  # label of the candidate cell of each candidate point
    cand_cells = uniq[ok_root]
    # relabel to 0..m-1
    remap = -np.ones(len(uniq), dtype="int64")
    remap[np.flatnonzero(ok_root)] = np.arange(ok_root.sum())
    cand_label = remap[cand_label]
    cand_counts = counts[ok_root]
    for level in range(len(sizes)):
        if is_canceled and is_canceled():
            raise InterruptedError("cancelled")
        size = sizes[level]
        if len(cand_cells) == 0:
            break
        if level == len(sizes) - 1:
            split = np.zeros(len(cand_cells), dtype=bool)
        else:
            child = sizes[level + 1]
            # children of each candidate cell: (parent label, child east, child north)
            ce = np.floor(x[cand_points] / child).astype("int64") * child
            cn = np.floor(y[cand_points] / child).astype("int64") * child
            key = np.stack([cand_label, ce, cn], axis=1)
            cuniq, cinv = np.unique(key, axis=0, return_inverse=True)
            cinv = cinv.reshape(-1)
            ccounts = np.bincount(cinv, weights=w[cand_points], minlength=len(cuniq))
            bad_child = (ccounts > 0) & (ccounts < threshold)
            parent_bad = np.zeros(len(cand_cells), dtype=bool)
            parent_bad[cuniq[bad_child, 0]] = True
            split = ~parent_bad
        # publish the candidates that are not split
        leaf = np.flatnonzero(~split)
        base = len(out_e)
        out_e.extend(cand_cells[leaf, 0].tolist())
        out_n.extend(cand_cells[leaf, 1].tolist())
        out_s.extend([size] * len(leaf))
        out_c.extend(cand_counts[leaf].tolist())
        if len(leaf):
            cells_per_size[size] = cells_per_size.get(size, 0) + len(leaf)
        leaf_pos = -np.ones(len(cand_cells), dtype="int64")
        leaf_pos[leaf] = base + np.arange(len(leaf))
        is_leaf_point = ~split[cand_label]
        point_cell[cand_points[is_leaf_point]] = leaf_pos[cand_label[is_leaf_point]]
        if level == len(sizes) - 1 or split.sum() == 0:
            break
        # next candidates: the children of split cells
        keep_child = split[cuniq[:, 0]]
        child_remap = -np.ones(len(cuniq), dtype="int64")
        child_remap[np.flatnonzero(keep_child)] = np.arange(keep_child.sum())
        pts_keep = keep_child[cinv]
        cand_points = cand_points[pts_keep]
        cand_label = child_remap[cinv[pts_keep]]
        cand_cells = cuniq[keep_child][:, 1:3]
        cand_counts = ccounts[keep_child]
    east = np.asarray(out_e, dtype="int64")
    north = np.asarray(out_n, dtype="int64")
    size_arr = np.asarray(out_s, dtype="int64")
    ids = (
        np.array([cell_ids([e], [no], s)[0] for e, no, s in zip(east, north, size_arr)], dtype=object)
        if len(east)
        else np.array([], dtype=object)
    )
    return GridResult(
        east,
        north,
        size_arr,
        np.asarray(out_c, dtype="float64"),
        ids,
        point_cell,
        suppressed_units,
        suppressed_roots,
        cells_per_size,
        int((~inside).sum()),
    )
