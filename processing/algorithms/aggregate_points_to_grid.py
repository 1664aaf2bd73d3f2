"""Processing algorithm ``terridata:aggregate_points_to_grid``: statistics of points per INSEE grid cell.

Cells are squares of the INSEE / INSPIRE grid identified as INSEE does (``CRS3035RES200mN…E…``,
:mod:`core.inspire_grid`): ETRS89-LAEA (EPSG:3035) in Europe, the official local CRS overseas (La Réunion
EPSG:2975, Martinique EPSG:5490, ...: :mod:`core.territory_crs`); only cells holding at least one point are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
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
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ...core.inspire_grid import bin_points, cell_ids
from ..base import TerriDataAlgorithm
from ..ogr_arrays import SqlValue, vector_input, write_gpkg_boxes
from ..postgis_engine.grid import PostgisError, grid_cells, grid_in_database
from ..territory_defaults import place_on_grids
from ._aggregation_common import (
    PointArrays,
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
from .aggregate_points_to_zones import AggregatePointsToZones


class AggregatePointsToGrid(TerriDataAlgorithm):
    NAME = "aggregate_points_to_grid"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Aggregate points to an INSEE grid")
    GROUP = "aggregation"

    INPUT, CELL_SIZE, OUTPUT = "INPUT", "CELL_SIZE", "OUTPUT"
    ENGINE = "ENGINE"
    ENGINE_OPTIONS = AggregatePointsToZones.ENGINE_OPTIONS

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
        engine = QgsProcessingParameterEnum(
            self.ENGINE, self.tr("Engine"), options=[self.tr(o) for o in self.ENGINE_OPTIONS], defaultValue=0
        )
        engine.setFlags(engine.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(engine)
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
                "POINTS_OUTSIDE_GRID", self.tr("Points outside every grid's area of use (not counted)")
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
        layer_name = request.points.name

        steps.setCurrentStep(0)
        check_crs(layer_name, request.points.crs)
        # -- database engine (PostGIS push-down): its own branch, the cells written by the same writers ----------
        engine = self.parameterAsEnum(parameters, self.ENGINE, context) if self.ENGINE in parameters else 0
        database = grid_in_database(self, parameters, context, engine, request.category, steps)
        if database is not None:
            return self._run_in_database(parameters, context, steps, request, size, database)
        # -- desktop engine --------------------------------------------------------------------------------------
        points = read_points(request, steps)
        report_excluded_points(steps, points, layer_name)
        placement = place_on_grids(layer_name, request.points.crs, points.x, points.y, context.transformContext())
        outside_grid = placement.outside
        self._report_placement(steps, placement, layer_name, request.points.crs)
        steps.setCurrentStep(1)
        self.check_cancelled(steps)
        cells = _bin_grids(placement.grids, size)
        n_cells = len(cells.east)
        columns = compute_statistics(
            cells.groups, points.feature[cells.points], points, n_cells, request.statistics, request.category
        )
        totals = {
            "POINTS": int(len(cells.points)),
            "POINTS_WITHOUT_GEOMETRY": int(points.without_geometry),
            "POINTS_OUTSIDE_GRID": outside_grid,
        }
        return self._write_cells(parameters, context, steps, cells, size, columns, totals)

    def _write_cells(self, parameters, context, steps, cells, size, columns, totals: dict) -> dict:
        """Write the cells and their statistic columns (both engines), style them; the algorithm's results."""
        n_cells = len(cells.east)
        out_crs = QgsCoordinateReferenceSystem(f"EPSG:{cells.epsgs[0]}" if len(cells.epsgs) == 1 else "EPSG:4326")
        steps.setCurrentStep(2)
        steps.pushInfo(self.tr("{} points in {} non-empty cells of {} m.", totals["POINTS"], n_cells, size))
        base = QgsFields()
        base.append(QgsField("id_cell", QVariant.String))
        base.append(QgsField("x_min", QVariant.LongLong))
        base.append(QgsField("y_min", QVariant.LongLong))
        base.append(QgsField("grid_crs", QVariant.String))
        fields, names = make_fields(base, columns)
        target = self._gpkg_target(parameters, context) if len(cells.epsgs) == 1 else None
        if target is not None:
            dest_id = self._write_fast(target, fields, names, cells, size, columns, steps, parameters, context)
        else:
            dest_id = self._write_sink(parameters, context, fields, cells, size, columns, steps, out_crs)
        if dest_id is None:
            return {}
        # The classes of the style from the counts at hand, not by reading every cell back.
        self.on_load(context, dest_id, style="aggregation_grid", values={names[0]: columns[0][2].tolist()})
        return {self.OUTPUT: dest_id, "CELLS": n_cells, **totals}

    def _run_in_database(self, parameters, context, steps, request, size, database):
        """The push-down: cells and statistics computed by PostGIS, the cells written as by the desktop path."""
        layer_name = request.points.name
        steps.pushInfo(self.tr("Binning points into cells of {} m in the database {}…", size, database.label))
        try:
            result = grid_cells(database, request, size, request.points.crs, context.transformContext(), steps)
        except PostgisError as exc:
            raise QgsProcessingException(str(exc)) from None
        self.check_cancelled(steps)
        empty = np.empty(0)
        excluded = PointArrays(empty, empty, empty, {}, None, None, 0, result.without_geometry)
        report_excluded_points(steps, excluded, layer_name)
        self._report_placement(steps, result.placement, layer_name, request.points.crs)
        index = np.empty(0, dtype=np.int64)
        cells = _Cells(result.east, result.north, result.epsg, size, index, index, result.epsgs)
        totals = {
            "POINTS": result.points,
            "POINTS_WITHOUT_GEOMETRY": result.without_geometry,
            "POINTS_OUTSIDE_GRID": result.placement.outside,
        }
        return self._write_cells(parameters, context, steps, cells, size, result.columns, totals)

    def _report_placement(self, feedback, placement, layer_name: str, crs) -> None:
        """Say which grids the points went to, what INSEE publishes there, and how many points have no grid;
        refuse a layer with no point on any grid."""
        if placement.outside:
            feedback.pushWarning(
                self.tr(
                    "{} point(s) of {} fall outside the area of every grid (EPSG:3035 in Europe, the local CRS "
                    "in Guadeloupe, Martinique, Guyane, La Réunion, Mayotte and the other overseas collectivities, "
                    "see the help) or could not be reprojected: no cell is made for them (output "
                    "POINTS_OUTSIDE_GRID). Check the layer's CRS if they should be in France or Europe.",
                    placement.outside,
                    layer_name,
                )
            )
        if not placement.grids:
            raise QgsProcessingException(
                self.tr(
                    "No point of {} (CRS {}) falls in the area of a grid (EPSG:3035 in Europe, the local CRS "
                    "overseas): check the layer's CRS and coordinates.",
                    layer_name,
                    crs_label(crs),
                )
            )
        for grid in placement.grids:
            feedback.pushInfo(self.tr("Grid {} (EPSG:{}): {} points.", grid.label, grid.epsg, len(grid.index)))
            if not grid.insee:
                feedback.pushWarning(
                    self.tr(
                        "INSEE publishes no gridded data for {}: its cells follow INSEE's rule in the official "
                        "CRS (EPSG:{}) but join no INSEE file.",
                        grid.label,
                        grid.epsg,
                    )
                )
        if len(placement.grids) > 1:
            feedback.pushWarning(
                self.tr(
                    "The points span several grids ({}): the cells are written in {} (valid for all); x_min, y_min "
                    "and grid_crs give each cell in its own grid CRS.",
                    ", ".join(f"EPSG:{g.epsg}" for g in placement.grids),
                    "EPSG:4326",
                )
            )

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

    def _write_fast(self, target, fields, names, cells, size, columns, feedback, parameters, context):
        kinds = {QVariant.String: "TEXT", QVariant.Double: "REAL"}
        ce, cn = cells.east, cells.north
        epsg = int(cells.epsgs[0])
        cols = [  # the identifier (core.inspire_grid.cell_id) and CRS label made by SQLite from the corners
            ("id_cell", "TEXT", SqlValue(f"'CRS{epsg}RES{int(size)}mN' || {{y_min}} || 'E' || {{x_min}}")),
            ("x_min", "INTEGER", ce.tolist()),
            ("y_min", "INTEGER", cn.tolist()),
            ("grid_crs", "TEXT", SqlValue(f"'EPSG:{epsg}'")),
        ]
        for (_name, kind, _), safe, values in zip(columns, names, column_lists(columns)):
            cols.append((safe, kinds.get(kind, "INTEGER"), values))
        boxes = (ce.astype(float), cn.astype(float), (ce + size).astype(float), (cn + size).astype(float))
        layer_name = target.stem
        if not write_gpkg_boxes(target, layer_name, cells.epsgs[0], boxes, cols, feedback):
            feedback.pushInfo(
                self.tr(
                    "{} cells: written without spatial index (run 'Create spatial index' on the layer if you "
                    "display it often).",
                    len(ce),
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

    def _write_sink(self, parameters, context, fields, cells, size, columns, feedback, out_crs):
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Polygon, out_crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        transforms = {
            epsg: QgsCoordinateTransform(
                QgsCoordinateReferenceSystem(f"EPSG:{epsg}"), out_crs, context.transformContext()
            )
            for epsg in cells.epsgs
            if QgsCoordinateReferenceSystem(f"EPSG:{epsg}") != out_crs
        }
        ids = cells.ids.tolist()
        rows = column_values(columns, np.arange(len(ids)))
        labels = {epsg: f"EPSG:{epsg}" for epsg in cells.epsgs}
        batch = []
        total = len(ids)
        for i, (cid, e, n, epsg, extra) in enumerate(
            zip(ids, cells.east.tolist(), cells.north.tolist(), cells.epsg.tolist(), rows)
        ):
            f = QgsFeature(fields)
            geom = QgsGeometry.fromRect(QgsRectangle(e, n, e + size, n + size))
            if epsg in transforms:
                geom = geom.densifyByCount(7)
                geom.transform(transforms[epsg])
            f.setGeometry(geom)
            f.setAttributes([cid, e, n, labels[epsg]] + extra)
            batch.append(f)
            if len(batch) == 10000:
                if feedback.isCanceled():
                    return None
                sink.addFeatures(batch, QgsFeatureSink.FastInsert)
                batch = []
                feedback.setProgress(100.0 * i / total)
        sink.addFeatures(batch, QgsFeatureSink.FastInsert)
        return dest_id


@dataclass
class _Cells:
    """Non-empty cells of every grid: corners, grid EPSG code and id of each cell; ``points`` (indices into the
    point arrays) and ``groups`` (their cell) for the statistics."""

    east: np.ndarray
    north: np.ndarray
    epsg: np.ndarray
    size: int
    points: np.ndarray
    groups: np.ndarray
    epsgs: list

    @property
    def ids(self) -> np.ndarray:
        """INSEE identifiers of the cells (made when asked: the GeoPackage writer has SQLite make them)."""
        if len(self.epsgs) == 1:
            return cell_ids(self.east, self.north, self.size, self.epsgs[0])
        out = np.empty(len(self.east), dtype=object)
        for code in self.epsgs:
            mine = self.epsg == code
            out[mine] = cell_ids(self.east[mine], self.north[mine], self.size, code)
        return out


def _bin_grids(grids, size: int) -> _Cells:
    parts = {k: [] for k in ("east", "north", "epsg", "points", "groups")}
    offset = 0
    for grid in grids:
        east, north, groups = bin_points(grid.x, grid.y, size)
        parts["east"].append(east)
        parts["north"].append(north)
        parts["epsg"].append(np.full(len(east), grid.epsg, dtype=np.int64))
        parts["points"].append(grid.index)
        parts["groups"].append(groups + offset)
        offset += len(east)
    if len(grids) == 1:
        joined = {k: v[0] for k, v in parts.items()}
    else:
        joined = {k: np.concatenate(v) for k, v in parts.items()}
    return _Cells(**joined, size=size, epsgs=[g.epsg for g in grids])
