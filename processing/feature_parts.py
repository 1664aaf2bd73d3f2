"""Which part of France (metropolitan France, Guadeloupe, Martinique, Guyane, La Réunion, Mayotte, …) each feature
of a layer lies in, by the location of a point on its surface. The rule (WGS84 boxes of each part) is
:mod:`core.territory_crs`; this module reads the points from QGIS and reprojects them in one numpy pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsFeatureRequest

from ..core import territory_crs
from .ogr_arrays import transform_xy

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


@dataclass
class FeatureParts:
    """``fids`` of the features read, ``part`` the index in :data:`core.territory_crs.PARTS` of each (-1: in no
    part, -2: no usable geometry)."""

    fids: np.ndarray
    part: np.ndarray

    def present(self) -> list:
        """The parts that hold at least one feature, in :data:`PARTS` order."""
        return [territory_crs.PARTS[i] for i in sorted(set(self.part[self.part >= 0].tolist()))]

    def fids_of(self, part) -> list:
        return self.fids[self.part == territory_crs.PARTS.index(part)].tolist()

    @property
    def outside(self) -> int:
        return int((self.part == -1).sum())

    @property
    def without_geometry(self) -> int:
        return int((self.part == -2).sum())


def feature_parts(source, crs, transform_context, feedback=None, check_cancelled=None) -> FeatureParts:
    """Place every feature of ``source`` (a layer or a Processing feature source in ``crs``): a point on its surface
    (the centre of its bounding box when GEOS cannot compute one), reprojected to WGS84 with ``transform_context``."""
    total = max(1, source.featureCount())
    fids, xs, ys = [], [], []
    request = QgsFeatureRequest().setNoAttributes()
    for number, feature in enumerate(source.getFeatures(request)):
        if check_cancelled is not None and number % 1000 == 0:
            check_cancelled(feedback)
            if feedback is not None:
                feedback.setProgress(30.0 * number / total)
        fids.append(feature.id())
        geometry = feature.geometry()
        x = y = np.nan
        if geometry is not None and not geometry.isNull() and not geometry.isEmpty():
            point = geometry.pointOnSurface()
            if point.isNull() or point.isEmpty():
                point = geometry.centroid()
            if not point.isNull() and not point.isEmpty():
                p = point.asPoint()
                x, y = p.x(), p.y()
            else:
                c = geometry.boundingBox().center()
                x, y = c.x(), c.y()
        xs.append(x)
        ys.append(y)
    x = np.asarray(xs, dtype="float64")
    y = np.asarray(ys, dtype="float64")
    with np.errstate(invalid="ignore"):
        given = np.isfinite(x) & np.isfinite(y)
    if crs is not None and crs.isValid() and crs != WGS84:
        lon, lat = transform_xy(x, y, crs, WGS84, transform_context)
    else:
        lon, lat = x, y
    part = territory_crs.parts_of_points(lon, lat).astype(np.int16)
    part[~given] = -2
    return FeatureParts(np.asarray(fids, dtype="int64"), part)


def parts_present(layer, transform_context) -> list:
    """The parts of France (in :data:`PARTS` order) whose box holds some of ``layer``'s features, told without
    reading the features in Python: one rectangle request per part (QGIS filters in C++ or with the spatial index)
    asking for a single feature whose bounding box meets the part's box."""
    crs = layer.crs()
    if crs is None or not crs.isValid():
        return []
    from qgis.core import QgsCoordinateTransform, QgsCsException, QgsRectangle

    present = []
    for part in territory_crs.PARTS:
        box = QgsRectangle(*part.box)
        if crs != WGS84:
            try:
                box = QgsCoordinateTransform(WGS84, crs, transform_context).transformBoundingBox(box)
            except QgsCsException:
                continue
        request = QgsFeatureRequest().setFilterRect(box).setNoAttributes().setLimit(1)
        request.setFlags(QgsFeatureRequest.NoGeometry)
        if any(True for _ in layer.getFeatures(request)):
            present.append(part)
    return present
