"""INSEE / INSPIRE grid cells: ETRS89-LAEA (EPSG:3035) in Europe, the local UTM CRS overseas.

A cell is identified as INSEE does: ``CRS{epsg}RES{size}mN{northing of lower-left corner}E{easting of lower-left
corner}``, e.g. ``CRS3035RES200mN2029800E4252400`` (Essonne), ``CRS2975RES200mN7634200E359400`` (La Réunion),
``CRS5490RES200mN1592600E728800`` (Martinique); corner coordinates are multiples of the cell size, written without
padding, with a minus sign when negative. Points on a cell's west or south edge belong to that cell (floor
division), so every point falls in exactly one. Which grid serves which part of France: :mod:`core.territory_crs`.
"""

import re

import numpy as np

GRID_CRS = "EPSG:3035"

# Area of use of EPSG:3035 in EPSG:3035 metres, rounded outwards to the metre.
# Source: the CRS's area of use as PROJ 9 / QGIS 3.22 report it (``QgsCoordinateReferenceSystem.bounds()``,
# ``osr.SpatialReference.GetAreaOfUse()``): longitude -35.58 to 44.83, latitude 24.6 to 84.73 (EPSG's "Europe -
# European Union (EU) countries and candidates"), projected to EPSG:3035 by sampling each edge of that
# longitude/latitude box at 20,001 points (the projection is a smooth one-to-one map, so the extremes of x and y
# lie on the box's edges). Computed values: x -146473.11 to 7824928.56, y 196462.57 to 6971477.48.
# A rectangle in projected metres: slightly larger than the curved area of use, never smaller.
DOMAIN_EAST_MIN = -146_474.0
DOMAIN_EAST_MAX = 7_824_929.0
DOMAIN_NORTH_MIN = 196_462.0
DOMAIN_NORTH_MAX = 6_971_478.0

_ID_PATTERN = re.compile(r"^CRS(\d+)RES(\d+)mN(-?\d+)E(-?\d+)$")
# Cell indices (corner / size) packed into one signed 64-bit key: |index| < 2**27 in every grid domain (at 1 m
# cells, 134,217 km), each shifted by _OFFSET to a non-negative 28-bit field, so negative corners stay exact.
_BITS = 28
_OFFSET = 1 << (_BITS - 1)


def grid_domain_mask(x, y) -> np.ndarray:
    """True where ``x``, ``y`` (EPSG:3035 metres) are finite and inside the EPSG:3035 area of use.

    The area of use is the projected rectangle ``DOMAIN_*`` above (edges included). Anything else (NaN, inf,
    1e15, a point projected from outside Europe) must not be given a grid cell.
    """
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    with np.errstate(invalid="ignore"):
        return (
            np.isfinite(x)
            & np.isfinite(y)
            & (x >= DOMAIN_EAST_MIN)
            & (x <= DOMAIN_EAST_MAX)
            & (y >= DOMAIN_NORTH_MIN)
            & (y <= DOMAIN_NORTH_MAX)
        )


def cell_corners(x, y, size: float):
    """Lower-left corners ``(east, north)`` of the cells holding points ``x``, ``y`` (EPSG:3035 metres)."""
    if size <= 0:
        raise ValueError("The grid cell size must be positive")
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    east = (np.floor(x / size) * size).astype("int64")
    north = (np.floor(y / size) * size).astype("int64")
    return east, north


def cell_id(east: int, north: int, size: float, epsg: int = 3035) -> str:
    """Identifier of the cell whose lower-left corner is ``(east, north)`` in grid CRS ``epsg``."""
    return f"CRS{int(epsg)}RES{int(size)}mN{int(north)}E{int(east)}"


def pack_cells(x, y, size: int):
    """``(keys, east_index, north_index)``: signed 64-bit keys of the cells holding points ``x``, ``y`` (metres of
    the grid CRS, inside its domain) and the integer cell indices (``floor(coordinate / size)``). Keys sort like
    ``(east, north)``; :func:`unpack_cells` gives the corners back exactly, negative ones included."""
    if size <= 0:
        raise ValueError("The grid cell size must be positive")
    ix = np.floor(np.asarray(x, dtype="float64") / size).astype(np.int64)
    iy = np.floor(np.asarray(y, dtype="float64") / size).astype(np.int64)
    if len(ix) and (
        max(-int(ix.min()), int(ix.max()), -int(iy.min()), int(iy.max())) >= _OFFSET
    ):  # outside every grid's domain: the caller filters those first
        raise ValueError("coordinates too large for a grid cell key")
    keys = ((ix + _OFFSET) << _BITS) | (iy + _OFFSET)
    return keys, ix, iy


def unpack_cells(keys, size: int):
    """Lower-left corners ``(east, north)`` (int64 metres) of packed cell ``keys`` (:func:`pack_cells`)."""
    keys = np.asarray(keys, dtype=np.int64)
    east = ((keys >> _BITS) - _OFFSET) * int(size)
    north = ((keys & ((1 << _BITS) - 1)) - _OFFSET) * int(size)
    return east, north


def cell_ids(east, north, size: float, epsg: int = 3035) -> np.ndarray:
    """Vectorised :func:`cell_id` (an object array of strings).

    One f-string per cell over Python ints (``tolist``): about ten times faster than numpy's string
    concatenation (``np.char.add``), which copies fixed-width unicode arrays at every step.
    """
    prefix = f"CRS{int(epsg)}RES{int(size)}mN"
    east = np.asarray(east, dtype="int64").tolist()
    north = np.asarray(north, dtype="int64").tolist()
    if len(east) != len(north):
        raise ValueError("east and north must have the same length")
    out = np.empty(len(east), dtype=object)
    out[:] = [f"{prefix}{n}E{e}" for e, n in zip(east, north)]
    return out


def parse_cell_id(identifier: str):
    """``(size, east, north)`` of an INSEE cell identifier (any grid CRS); ``ValueError`` if it is not one."""
    return parse_cell_id_crs(identifier)[1:]


def parse_cell_id_crs(identifier: str):
    """``(epsg, size, east, north)`` of an INSEE cell identifier; ``ValueError`` if it is not one."""
    match = _ID_PATTERN.match(str(identifier))
    if not match:
        raise ValueError(f"Not an INSEE grid cell identifier: {identifier!r}")
    epsg, size, north, east = (int(g) for g in match.groups())
    if size <= 0:
        raise ValueError(f"Not an INSEE grid cell identifier (cell size 0): {identifier!r}")
    return epsg, size, east, north


def bin_points(x, y, size: int):
    """``(east, north, groups)``: the lower-left corners (int64) of the non-empty cells holding points ``x``,
    ``y`` (grid CRS metres, inside the grid's domain), sorted by east then north, and the cell of each point
    (index into them).

    Integer arithmetic only: cell indices ``floor(coordinate / size)``; when the cells' bounding rectangle is
    small enough (at most 8 cells per point) they are counted in a dense array (linear time), otherwise packed
    into signed 64-bit keys and sorted (:func:`pack_cells`, ``np.unique``). Both give the same result.
    """
    keys, ix, iy = pack_cells(x, y, size)
    if len(keys) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty
    x0, x1, y0, y1 = int(ix.min()), int(ix.max()), int(iy.min()), int(iy.max())
    height = y1 - y0 + 1
    span = (x1 - x0 + 1) * height
    if span <= 8 * len(keys) + 1_000_000:
        dense = (ix - x0) * height + (iy - y0)
        occupied = np.bincount(dense, minlength=span) > 0
        cells = np.flatnonzero(occupied)
        lookup = np.cumsum(occupied, dtype=np.int64) - 1
        groups = lookup[dense]
        east = (cells // height + x0) * int(size)
        north = (cells % height + y0) * int(size)
        return east, north, groups
    cells, groups = np.unique(keys, return_inverse=True)
    east, north = unpack_cells(cells, size)
    return east, north, groups.reshape(-1)
