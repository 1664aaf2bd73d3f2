"""Processing algorithm ``terridata:protective_grid``: points → INSEE "natural level" grid (EPSG:3035 in Europe, the
local CRS overseas: :mod:`core.territory_crs`) + risk report."""

from __future__ import annotations

import numpy as np
import pandas as pd
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core.inspire_grid import parse_cell_id_crs
from ...core.privacy.protective_grid import SIZES, merge_results, natural_grid
from ...core.privacy.report import RiskReport
from ...core.privacy.values import describe_rows, invalid_weights, numbers
from ..territory_defaults import place_on_grids
from ._privacy_io import OutputTable, PointsTo, PrivacyAlgorithm, cell_polygons, read_input


class ProtectiveGrid(PrivacyAlgorithm):
    NAME = "protective_grid"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Protective grid (INSEE natural level)")

    INPUT = "INPUT"
    WEIGHT_FIELD = "WEIGHT_FIELD"
    THRESHOLD = "THRESHOLD"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Points (units)"), [QgsProcessing.TypeVectorPoint])
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.WEIGHT_FIELD,
                self.tr("Units per point (empty: each point is one unit)"),
                parentLayerParameterName=self.INPUT,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.THRESHOLD,
                self.tr("Threshold (published cells hold 0 or at least this)"),
                defaultValue=11,
                minValue=2,
            )
        )
        self.add_output_and_report(self.tr("Protective grid"), QgsProcessing.TypeVectorPolygon)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.tr("The input layer could not be opened."))
        name = source.sourceName()
        weight_f = self.parameterAsString(parameters, self.WEIGHT_FIELD, context)
        threshold = self.parameterAsInt(parameters, self.THRESHOLD, context)
        transform_context = context.transformContext()
        source_crs = source.sourceCrs()
        df, x, y = read_input(self, parameters, self.INPUT, context, feedback, PointsTo(source_crs, transform_context))
        w = np.ones(len(x))
        if weight_f:
            bad = invalid_weights(df[weight_f].tolist())
            if bad:
                raise self.refuse(
                    parameters,
                    context,
                    self.tr(
                        "The field {} of {} must hold non-negative numbers of units; {} rows do not: {}. Fix or filter "
                        "them first.",
                        weight_f,
                        name,
                        len(bad),
                        describe_rows(bad),
                    ),
                )
            w = np.asarray(numbers(df[weight_f].tolist()), dtype="float64")
        with np.errstate(invalid="ignore"):
            usable = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
        grids = place_on_grids(name, source_crs, x[usable], y[usable], transform_context).grids if len(usable) else []
        inside = np.zeros(len(x), dtype=bool)
        for g in grids:
            inside[usable[g.index]] = True
        excluded = {
            QT_TRANSLATE_NOOP("TerriData", "points without usable coordinates (excluded)"): int(len(x) - len(usable)),
            QT_TRANSLATE_NOOP("TerriData", "points outside every grid's area (excluded)"): int(
                len(usable) - inside.sum()
            ),
            QT_TRANSLATE_NOOP("TerriData", "units excluded"): float(w[~inside].sum()),
        }
        if not inside.all():
            feedback.pushWarning(
                self.tr(
                    "{} points of {} have no usable coordinates (NULL, empty, NaN or infinite) and {} lie outside the "
                    "area of every grid (EPSG:3035 in Europe, the local CRS overseas): they are excluded and counted "
                    "in the report.",
                    excluded["points without usable coordinates (excluded)"],
                    name,
                    excluded["points outside every grid's area (excluded)"],
                )
            )
        try:
            grid = (
                merge_results(
                    natural_grid(
                        g.x, g.y, w[usable[g.index]], threshold=threshold, is_canceled=feedback.isCanceled, epsg=g.epsg
                    )
                    for g in grids
                )
                if grids
                else natural_grid([], [], [], threshold=threshold)
            )
        except InterruptedError as error:
            raise QgsProcessingException(self.tr("Cancelled.")) from error
        out_crs = f"EPSG:{grids[0].epsg}" if len(grids) == 1 else "EPSG:4326"
        if len(grids) > 1:
            feedback.pushWarning(
                self.tr(
                    "The points span several grids ({}): the cells are written in EPSG:4326 (valid for all); each "
                    "cell's id names its grid CRS.",
                    ", ".join(f"EPSG:{g.epsg}" for g in grids),
                )
            )
        feedback.setProgress(70)
        units = float(w[inside].sum())
        if len(grid.ids) == 0:
            raise self.refuse(
                parameters,
                context,
                self.tr(
                    "Nothing was exported from {}: no 64 km cell holds {} units or more ({} units in all). "
                    "Aggregate to larger zones (départements, régions) or lower the threshold.",
                    name,
                    threshold,
                    units,
                ),
            )
        report = self._report(name, len(x), weight_f, threshold, units, grid, excluded)
        out = pd.DataFrame(
            {
                "id": grid.ids,
                "size_m": [int(v) for v in grid.size],
                "units": [int(v) for v in grid.count] if np.all(grid.count == np.round(grid.count)) else grid.count,
            }
        )
        polygons = cell_polygons(grid.ids)
        if len(grids) > 1:
            polygons = cells_in_crs(grid.ids, polygons, out_crs, transform_context)
        table = OutputTable(out, polygons, QgsWkbTypes.Polygon, out_crs)
        dest_id = self.publish(parameters, context, feedback, table, report, style="privacy_protective_grid")
        feedback.setProgress(100)
        return {
            self.OUTPUT: dest_id,
            self.REPORT_HTML: self.parameterAsFileOutput(parameters, self.REPORT_HTML, context),
            self.REPORT_JSON: self.parameterAsFileOutput(parameters, self.REPORT_JSON, context),
            "CELLS": len(grid.ids),
        }

    def _report(self, name, n_points, weight_f, threshold, units, grid, excluded) -> RiskReport:
        params = {
            QT_TRANSLATE_NOOP("TerriData", "input"): name,
            QT_TRANSLATE_NOOP("TerriData", "points"): n_points,
            QT_TRANSLATE_NOOP("TerriData", "units field"): weight_f
            or QT_TRANSLATE_NOOP("TerriData", "(each point is one unit)"),
            QT_TRANSLATE_NOOP("TerriData", "threshold"): threshold,
            QT_TRANSLATE_NOOP("TerriData", "cell sizes (m)"): list(SIZES),
        }
        title = self.tr("Risk report: protective grid of {}", name)
        report = RiskReport(self.NAME, title, True, "anonymisation", params)
        report.measures = {
            QT_TRANSLATE_NOOP("TerriData", "units"): units,
            **excluded,
            QT_TRANSLATE_NOOP("TerriData", "published cells"): len(grid.ids),
            QT_TRANSLATE_NOOP("TerriData", "smallest published cell (units)"): float(grid.count.min()),
            QT_TRANSLATE_NOOP("TerriData", "units suppressed (64 km cells below the threshold)"): grid.suppressed_units,
        }
        report.generalisation = {f"{s} m cells": n for s, n in sorted(grid.cells_per_size.items(), reverse=True)}
        report.information_loss = {
            QT_TRANSLATE_NOOP("TerriData", "share of units published"): float(grid.count.sum() / units)
            if units
            else 0.0,
            QT_TRANSLATE_NOOP("TerriData", "mean published cell size (m)"): float(grid.size.mean()),
        }
        report.add_criterion(
            "singling_out",
            "passed",
            self.tr(
                "Every published cell holds at least {} units; no cell of 1 to {} units is published.",
                threshold,
                threshold - 1,
            ),
        )
        report.add_criterion(
            "linkability", "passed", self.tr("Only counts per cell are published: no record can be linked.")
        )
        report.add_criterion(
            "inference",
            "passed",
            self.tr(
                "Published cells do not overlap (a quadtree of leaves), so no small count can be recovered by "
                "subtracting one cell from another."
            ),
        )
        return report


def cells_in_crs(ids, polygons, crs: str, transform_context) -> list:
    """WKT of the cell polygons (each in its grid's CRS, named by its id) reprojected to ``crs``, edges densified."""
    target = QgsCoordinateReferenceSystem(crs)
    transforms = {}
    out = []
    for cid, wkt in zip(ids, polygons):
        epsg = parse_cell_id_crs(cid)[0]
        if epsg not in transforms:
            transforms[epsg] = QgsCoordinateTransform(
                QgsCoordinateReferenceSystem(f"EPSG:{epsg}"), target, transform_context
            )
        geom = QgsGeometry.fromWkt(wkt).densifyByCount(7)
        geom.transform(transforms[epsg])
        out.append(geom.asWkt(9))
    return out
