"""A dataset's extent shown on the map canvas: outlined with a rubber band and zoomed to."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtGui import QColor

from ..providers.model import Extent


def extent_in_canvas_crs(extent: Extent, canvas) -> QgsRectangle | None:
    """The extent in the canvas's CRS (the project's datum transformations apply); None when it cannot be
    transformed (unknown CRS, outside the canvas CRS's domain)."""
    source = QgsCoordinateReferenceSystem(extent.crs)
    if not source.isValid():
        return None
    rect = QgsRectangle(extent.xmin, extent.ymin, extent.xmax, extent.ymax)
    target = canvas.mapSettings().destinationCrs()
    if not target.isValid() or target == source:
        return rect
    try:
        out = QgsCoordinateTransform(source, target, QgsProject.instance()).transformBoundingBox(rect)
    except QgsCsException:
        return None
    return None if out.isNull() else out


class ExtentOnMap:
    """One outline at a time on ``canvas``: :meth:`show` replaces the previous one, :meth:`clear` removes it."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.band = None

    def show(self, extent: Extent) -> QgsRectangle | None:
        """Outline ``extent`` and zoom to it (with a margin); returns the outlined rectangle in the canvas's CRS,
        or None when the extent cannot be placed on this canvas."""
        rect = extent_in_canvas_crs(extent, self.canvas)
        if rect is None:
            return None
        self.clear()
        self.band = QgsRubberBand(self.canvas, QgsWkbTypes.PolygonGeometry)
        self.band.setStrokeColor(QColor(200, 30, 30))
        self.band.setFillColor(QColor(200, 30, 30, 40))
        self.band.setWidth(2)
        self.band.setToGeometry(QgsGeometry.fromRect(rect), None)
        view = QgsRectangle(rect)
        view.scale(1.2)
        self.canvas.setExtent(view)
        self.canvas.refresh()
        return rect

    def clear(self) -> None:
        if self.band is not None:
            self.band.reset(QgsWkbTypes.PolygonGeometry)
            self.canvas.scene().removeItem(self.band)
            self.band = None
