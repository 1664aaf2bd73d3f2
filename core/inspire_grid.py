"""INSEE / INSPIRE grid cells in ETRS89-LAEA (EPSG:3035).

A cell is identified as INSEE does: ``CRS3035RES{size}mN{northing of lower-left corner}E{easting of lower-left
corner}``, e.g. ``CRS3035RES200mN2029800E4252400``; corner coordinates are multiples of the cell size.
Points on a cell's west or south edge belong to that cell (floor division), so every point falls in exactly one.
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

_ID_PATTERN = re.compile(r"^CRS3035RES(\d+)mN(\d+)E(\d+)$")


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


def cell_id(east: int, north: int, size: float) -> str:
    """Identifier of the cell whose lower-left corner is ``(east, north)``."""
    return f"CRS3035RES{int(size)}mN{int(north)}E{int(east)}"


def cell_ids(east, north, size: float) -> np.ndarray:
    """Vectorised :func:`cell_id` (an object array of strings).

    One f-string per cell over Python ints (``tolist``): about ten times faster than numpy's string
    concatenation (``np.char.add``), which copies fixed-width unicode arrays at every step.
    """
    prefix = f"CRS3035RES{int(size)}mN"
    east = np.asarray(east, dtype="int64").tolist()
    north = np.asarray(north, dtype="int64").tolist()
    if len(east) != len(north):
        raise ValueError("east and north must have the same length")
    out = np.empty(len(east), dtype=object)
    out[:] = [f"{prefix}{n}E{e}" for e, n in zip(east, north)]
    return out


def parse_cell_id(identifier: str):
    """``(size, east, north)`` of an INSEE cell identifier; ``ValueError`` if it is not one."""
    match = _ID_PATTERN.match(identifier)
    if not match:
        raise ValueError(f"Not an INSEE grid cell identifier: {identifier!r}")
    size, north, east = (int(g) for g in match.groups())
    return size, east, north
