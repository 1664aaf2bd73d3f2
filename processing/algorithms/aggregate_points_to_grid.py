"""Processing algorithm ``terridata:aggregate_points_to_grid``: statistics of points per INSEE grid cell.

Cells are squares of the INSEE / INSPIRE grid in ETRS89-LAEA (EPSG:3035) identified as INSEE does
(``CRS3035RES200mN…E…``, :mod:`core.inspire_grid`); only cells holding at least one point are written.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ...core.inspire_grid import GRID_CRS, cell_corners, cell_ids, grid_domain_mask
from ..base import TerriDataAlgorithm
from ..ogr_arrays import vector_input, write_gpkg_boxes
from ._aggregation_common import (
    add_statistics_parameters,
    check_crs,
    check_statistics,
    column_lists,
    column_values,
    compute_statistics,
    crs_label,
    make_fields,
    point_request,
    read_points,
    report_excluded_points,
)


class AggregatePointsToGrid(TerriDataAlgorithm):
    NAME = "aggregate_points_to_grid"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Aggregate points to an INSEE grid")
    GROUP = "aggregation"

    INPUT, CELL_SIZE, OUTPUT = "INPUT", "CELL_SIZE", "OUTPUT"

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Points"), [QgsProcessing.TypeVectorPoint])
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CELL_SIZE,
                self.tr("Cell size in metres (INSEE: 200 or 1000)"),
                type=QgsProcessingParameterNumber.Integer,
                defaultValue=200,
                minValue=1,
                maxValue=1_000_000,
            )
        )
        add_statistics_parameters(self, self.INPUT)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Grid cells with statistics"), QgsProcessing.TypeVectorPolygon
            )
        )
        self.addOutput(QgsProcessingOutputNumber("CELLS", self.tr("Non-empty cells written")))
        self.addOutput(QgsProcessingOutputNumber("POINTS", self.tr("Points aggregated")))
        self.addOutput(
            QgsProcessingOutputNumber(
                "POINTS_WITHOUT_GEOMETRY", self.tr("Point features without a usable point (not counted)")
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                "POINTS_OUTSIDE_GRID", self.tr("Points outside the grid's area of use (EPSG:3035, not counted)")
            )
        )

    def checkParameterValues(self, parameters, context):
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        points = self.parameterAsSource(parameters, self.INPUT, context)
        if points is not None:
            if points.featureCount() == 0:
                return False, self.tr("The point layer is empty: nothing to aggregate.")
            try:
                check_crs(vector_input(self, parameters, self.INPUT, context).name, points.sourceCrs())
            except QgsProcessingException as exc:
                return False, str(exc)
        if self.parameterAsInt(parameters, self.CELL_SIZE, context) < 1:
            return False, self.tr("The cell size must be a whole number of metres, at least 1.")
        return check_statistics(self, parameters, context)

    def processAlgorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        if feedback.isCanceled():  # cancelled before the start: the step feedback only hears later requests
            steps.cancel()
        request = point_request(self, parameters, context, self.INPUT)
        size = self.parameterAsInt(parameters, self.CELL_SIZE, context)
        grid_crs = QgsCoordinateReferenceSystem(GRID_CRS)
        layer_name = request.points.name

        steps.setCurrentStep(0)
        check_crs(layer_name, request.points.crs)
        points = read_points(request, steps, grid_crs, context.transformContext())
        report_excluded_points(steps, points, layer_name, grid_crs)
        in_domain = grid_domain_mask(points.x, points.y)
        outside_grid = int(len(points.x) - in_domain.sum()) + points.not_projected
        if outside_grid:
            steps.pushWarning(
                self.tr(
                    "{} point(s) of {} fall outside the area of use of the INSEE grid (EPSG:3035: Europe, "
                    "see the help) or could not be reprojected to it: no cell is made for them (output "
                    "POINTS_OUTSIDE_GRID). Check the layer's CRS if they should be in Europe.",
                    outside_grid,
                    layer_name,
                )
            )
        if not in_domain.any():
            raise QgsProcessingException(
                self.tr(
                    "No point of {} (CRS {}) falls in the area of use of the INSEE grid (EPSG:3035, Europe): "
                    "check the layer's CRS and coordinates.",
                    layer_name,
                    crs_label(request.points.crs),
                )
            )
        steps.setCurrentStep(1)
        self.check_cancelled(steps)
        idx = np.flatnonzero(in_domain)
        east, north = cell_corners(points.x[idx], points.y[idx], size)
        key = (east // size) * (1 << 32) + (north // size)
        cells, groups = np.unique(key, return_inverse=True)
        n_cells = len(cells)
        ce = (cells >> 32) * size
        cn = (cells - ((cells >> 32) << 32)) * size
        columns = compute_statistics(groups, points.feature[idx], points, n_cells, request.statistics, request.category)
        ids = cell_ids(ce, cn, size)
        steps.setCurrentStep(2)
        steps.pushInfo(self.tr("{} points in {} non-empty cells of {} m.", len(idx), n_cells, size))
        base = QgsFields()
        base.append(QgsField("id_cell", QVariant.String))
        base.append(QgsField("x_min", QVariant.LongLong))
        base.append(QgsField("y_min", QVariant.LongLong))
        fields, names = make_fields(base, columns)
        target = self._gpkg_target(parameters, context)
        if target is not None:
            dest_id = self._write_fast(target, fields, names, ids, ce, cn, size, columns, steps, parameters, context)
        else:
            dest_id = self._write_sink(parameters, context, fields, ids, ce, cn, size, columns, steps)
        if dest_id is None:
            return {}
        self.on_load(context, dest_id, style="aggregation_grid")
        return {
            self.OUTPUT: dest_id,
            "CELLS": n_cells,
            "POINTS": int(len(idx)),
            "POINTS_WITHOUT_GEOMETRY": int(points.without_geometry),
            "POINTS_OUTSIDE_GRID": outside_grid,
        }

    def _gpkg_target(self, parameters, context):
        """The GeoPackage file of OUTPUT when it is a plain new file (fast bulk writer), else None."""
        value = parameters.get(self.OUTPUT)
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            sink = value.sink.staticValue() if hasattr(value.sink, "staticValue") else value.sink
            text = str(sink)
        else:
            text = str(value or "")
        if text.lower().endswith(".gpkg") and "|" not in text and not text.startswith(("memory:", "ogr:")):
            return Path(text)
        return None

    def _write_fast(self, target, fields, names, ids, ce, cn, size, columns, feedback, parameters, context):
        kinds = {QVariant.String: "TEXT", QVariant.Double: "REAL"}
        cols = [("id_cell", "TEXT", ids.tolist()), ("x_min", "INTEGER", ce.tolist()), ("y_min", "INTEGER", cn.tolist())]
        for (_name, kind, _), safe, values in zip(columns, names, column_lists(columns)):
            cols.append((safe, kinds.get(kind, "INTEGER"), values))
        boxes = (ce.astype(float), cn.astype(float), (ce + size).astype(float), (cn + size).astype(float))
        layer_name = target.stem
        if not write_gpkg_boxes(target, layer_name, 3035, boxes, cols, feedback):
            feedback.pushInfo(
                self.tr(
                    "{} cells: written without spatial index (run 'Create spatial index' on the layer if you "
                    "display it often).",
                    len(ids),
                )
            )
        dest = f"{target}|layername={layer_name}"
        value = parameters.get(self.OUTPUT)
        if isinstance(value, QgsProcessingOutputLayerDefinition) and value.destinationProject is not None:
            details = QgsProcessingContext.LayerDetails(
                value.destinationName or self.tr("Grid cells"), value.destinationProject, self.OUTPUT
            )
            context.addLayerToLoadOnCompletion(dest, details)
        return dest

    def _write_sink(self, parameters, context, fields, ids, ce, cn, size, columns, feedback):
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.Polygon, QgsCoordinateReferenceSystem(GRID_CRS)
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        rows = column_values(columns, np.arange(len(ids)))
        batch = []
        for i, (cid, e, n, extra) in enumerate(zip(ids.tolist(), ce.tolist(), cn.tolist(), rows)):
            f = QgsFeature(fields)
            f.setGeometry(QgsGeometry.fromRect(QgsRectangle(e, n, e + size, n + size)))
            f.setAttributes([cid, e, n] + extra)
            batch.append(f)
            if len(batch) == 10000:
                if feedback.isCanceled():
                    return None
                sink.addFeatures(batch, QgsFeatureSink.FastInsert)
                batch = []
                feedback.setProgress(100.0 * i / len(ids))
        sink.addFeatures(batch, QgsFeatureSink.FastInsert)
        return dest_id
