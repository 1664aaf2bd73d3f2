"""Defaults that follow the territory: the official CRS of the part of France an input lies in, and the
statistical grid (INSEE's where it has one) each point belongs to. The rules are in :mod:`core.territory_crs`;
this module applies them to QGIS CRSs, extents and point arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsRectangle,
)

from ..core import territory_crs
from ..core.inspire_grid import GRID_CRS, grid_domain_mask
from ..toolbelt.i18n import tr
from .algorithms._aggregation_common import place_points
from .ogr_arrays import transform_xy

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def crs_of_code(code: str, level: str = "") -> QgsCoordinateReferenceSystem | None:
    """The official CRS of the part of France of a commune, département or région code; None when the code does
    not say (an EPCI, an unknown code)."""
    part = territory_crs.part_of_code(code, level)
    return QgsCoordinateReferenceSystem(f"EPSG:{part.epsg}") if part is not None else None


def parts_of_rectangle(rect: QgsRectangle, crs, transform_context=None):
    """Parts of France an extent (in ``crs``) meets; [] when it has no CRS, None when it cannot be projected to
    longitudes/latitudes as a whole (e.g. coordinates far outside the CRS's range)."""
    if rect is None or rect.isNull() or crs is None or not crs.isValid():
        return []
    try:
        if crs != WGS84:
            transform = QgsCoordinateTransform(crs, WGS84, transform_context or QgsCoordinateTransformContext())
            rect = transform.transformBoundingBox(rect)
    except Exception:  # noqa: BLE001 - QgsCsException, or a bare Exception("unknown") from PROJ on 3.22
        return None
    return territory_crs.parts_of_extent(rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())


def crs_for_extent(rect: QgsRectangle, crs, transform_context=None, feedback=None, what: str = ""):
    """``(CRS, parts)``: the official CRS of the one part of France ``rect`` lies in; EPSG:4326 (valid for all)
    when it spans several parts, said in ``feedback``; Lambert-93 when it meets none."""
    parts = parts_of_rectangle(rect, crs, transform_context) or []
    authid = territory_crs.crs_for_parts(parts)
    if len({p.epsg for p in parts}) > 1 and feedback is not None:
        feedback.pushWarning(
            tr(
                "{} spans several parts of France ({}), which have different official CRSs: kept in {} (valid "
                "for all of them). Choose a CRS, or restrict to one territory, to get its official one.",
                what or tr("The data"),
                territory_crs.names(parts),
                authid,
            )
        )
    return QgsCoordinateReferenceSystem(authid), parts


@dataclass
class GridPoints:
    """The points of one grid: ``index`` into the input arrays, ``x``, ``y`` in the grid CRS (``epsg``)."""

    epsg: int
    parts: list
    index: np.ndarray
    x: np.ndarray
    y: np.ndarray

    @property
    def insee(self) -> bool:
        return any(p.insee_grid for p in self.parts)

    @property
    def label(self) -> str:
        return territory_crs.names(self.parts) if self.epsg != 3035 else tr("Europe (metropolitan France)")


@dataclass
class GridPlacement:
    grids: list  # of GridPoints, at most one per grid CRS
    outside: int  # points in no grid's area (or that could not be reprojected): no cell


def place_on_grids(layer_name: str, source_crs, x, y, transform_context) -> GridPlacement:
    """Put each point (``x``, ``y`` finite, in ``source_crs``) on the grid of the part of France it lies in:
    EPSG:3035 in Europe (inside its area of use), the local CRS overseas (:mod:`core.territory_crs`).

    A layer whose extent meets no overseas part is projected once to EPSG:3035 (the metropolitan case); otherwise
    every point is placed by its longitude/latitude first, then projected to its grid's CRS.
    """
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    overseas = []
    if len(x):
        rect = QgsRectangle(float(x.min()), float(y.min()), float(x.max()), float(y.max()))
        met = parts_of_rectangle(rect, source_crs, transform_context)
        candidates = territory_crs.PARTS if met is None else met  # not placeable as a whole: point by point
        overseas = [p for p in candidates if p.grid_epsg != 3035]
    europe = np.arange(len(x))
    grids = []
    outside = 0
    if overseas:
        lon, lat, placed = place_points(layer_name, source_crs, x, y, WGS84, transform_context)
        part = territory_crs.parts_of_points(lon, lat)
        part[~placed] = -1
        overseas_index = [i for i, p in enumerate(territory_crs.PARTS) if p.grid_epsg != 3035]
        is_overseas = np.isin(part, overseas_index)
        europe = np.flatnonzero(~is_overseas & placed)
        outside += int((~placed).sum())
        for epsg in sorted({p.grid_epsg for p in overseas}):
            members = [i for i in overseas_index if territory_crs.PARTS[i].grid_epsg == epsg]
            index = np.flatnonzero(np.isin(part, members))
            if not len(index):
                continue
            target = QgsCoordinateReferenceSystem(f"EPSG:{epsg}")
            gx, gy, ok = place_points(layer_name, source_crs, x[index], y[index], target, transform_context)
            outside += int((~ok).sum())
            present = sorted(set(part[index].tolist()))
            grids.append(GridPoints(epsg, [territory_crs.PARTS[i] for i in present], index[ok], gx[ok], gy[ok]))
    if len(europe):
        target = QgsCoordinateReferenceSystem(GRID_CRS)
        gx, gy, ok = place_points(layer_name, source_crs, x[europe], y[europe], target, transform_context)
        inside = ok & grid_domain_mask(gx, gy)
        outside += int((~inside).sum())
        if inside.any():
            if not inside.all():
                europe, gx, gy = europe[inside], gx[inside], gy[inside]
            grids.insert(0, GridPoints(3035, [territory_crs.METROPOLE], europe, gx, gy))
    return GridPlacement(grids, outside)


def epsg_code(crs) -> int | None:
    authid = crs.authid() if crs is not None and crs.isValid() else ""
    return int(authid[5:]) if authid.upper().startswith("EPSG:") and authid[5:].isdigit() else None


def parts_of_boxes(bounds, crs, transform_context) -> list:
    """The part of France (or None) holding the centre of each box (n×4 array in ``crs``: xmin, ymin, xmax,
    ymax)."""
    b = np.asarray(bounds, dtype=float).reshape(-1, 4)
    if not len(b) or crs is None or not crs.isValid():
        return [None] * len(b)
    lon, lat = transform_xy((b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2, crs, WGS84, transform_context)
    index = territory_crs.parts_of_points(lon, lat)
    return [territory_crs.PARTS[i] if i >= 0 else None for i in index.tolist()]


def in_official_part(bounds, crs, transform_context) -> np.ndarray:
    """Mask of the boxes (n×4 in ``crs``) lying in a part of France whose official CRS is ``crs`` (all four
    corners in that part): IGN uses its official CRSs over the whole of their territory, a little beyond the
    EPSG area of use at places (Guyane west of 54° W in RGFG95 / UTM 22N)."""
    b = np.asarray(bounds, dtype=float).reshape(-1, 4)
    epsg = epsg_code(crs)
    index = [i for i, p in enumerate(territory_crs.PARTS) if p.epsg == epsg]
    if not len(b) or not index:
        return np.zeros(len(b), dtype=bool)
    inside = np.ones(len(b), dtype=bool)
    first = None
    for cx, cy in ((0, 1), (2, 1), (2, 3), (0, 3)):
        lon, lat = transform_xy(b[:, cx], b[:, cy], crs, WGS84, transform_context)
        part = territory_crs.parts_of_points(lon, lat)
        first = part if first is None else first
        inside &= np.isin(part, index) & (part == first)
    return inside


def territory_output_crs(territory, mask, bbox, feedback, what: str) -> str:
    """``EPSG:nnnn``: the default output CRS of a download restricted to ``territory`` (with ``code`` and
    ``level``), to the lon/lat geometry ``mask`` or to the lon/lat ``bbox``: the official CRS of the part of
    France it lies in (the code says it, else the geometry's extent); EPSG:4326 when it spans parts with different
    CRSs (said in ``feedback``); Lambert-93 when nothing says."""
    part = territory_crs.part_of_code(territory.code, territory.level) if territory is not None else None
    if part is not None:
        authid = f"EPSG:{part.epsg}"
    else:
        rect = None
        if mask is not None:
            xmin, xmax, ymin, ymax = mask.GetEnvelope()
            rect = QgsRectangle(xmin, ymin, xmax, ymax)
        elif bbox is not None:
            rect = QgsRectangle(*bbox)
        if rect is None:
            return "EPSG:2154"
        authid = crs_for_extent(rect, WGS84, feedback=feedback, what=what)[0].authid()
    if feedback is not None:
        feedback.pushInfo(
            tr("Output CRS: {} (the official CRS of the territory; choose another in 'Output CRS')", authid)
        )
    return authid
