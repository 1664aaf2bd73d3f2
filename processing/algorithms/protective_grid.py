"""Processing algorithm ``terridata:protective_grid``: points → INSEE "natural level" grid (EPSG:3035) + risk report."""

from __future__ import annotations

import numpy as np
import pandas as pd
from osgeo import ogr
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core.privacy.protective_grid import SIZES, natural_grid
from ...core.privacy.report import RiskReport
from ._privacy_io import (
    PrivacyAlgorithm,
    cell_polygons,
    load_on_completion,
    read_input,
    write_report,
    write_table,
)


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
        self.add_output_and_report(self.tr("Protective grid"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.tr("The input layer could not be opened."))
        weight_f = self.parameterAsString(parameters, self.WEIGHT_FIELD, context)
        threshold = self.parameterAsInt(parameters, self.THRESHOLD, context)
        out_path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        html_path = self.parameterAsFileOutput(parameters, self.REPORT_HTML, context)
        json_path = self.parameterAsFileOutput(parameters, self.REPORT_JSON, context)
        df, x, y = read_input(self, parameters, self.INPUT, context, feedback, with_points=True)
        ok = ~(np.isnan(x) | np.isnan(y))
        weights = None
        if weight_f:
            weights = pd.to_numeric(df[weight_f], errors="coerce").fillna(0).to_numpy(dtype="float64")
            if (weights < 0).any():
                raise QgsProcessingException(
                    self.tr(
                        "The field {} of {} holds negative unit counts: fix them first.", weight_f, source.sourceName()
                    )
                )
        w = np.ones(len(x)) if weights is None else weights
        try:
            grid = natural_grid(x[ok], y[ok], w[ok], threshold=threshold, is_canceled=feedback.isCanceled)
        except InterruptedError as error:
            raise QgsProcessingException(self.tr("Cancelled.")) from error
        feedback.setProgress(70)
        units = float(w[ok].sum())
        params = {
            "input": source.sourceName(),
            "points": len(x),
            "units field": weight_f or "(each point is one unit)",
            "threshold": threshold,
            "cell sizes (m)": list(SIZES),
        }
        report = RiskReport(
            self.NAME,
            self.tr("Risk report: protective grid of {}", source.sourceName()),
            False,
            "anonymisation",
            params,
        )
        report.measures = {
            "units": units,
            "points without geometry (ignored)": int((~ok).sum()),
            "published cells": len(grid.ids),
            "smallest published cell (units)": float(grid.count.min()) if len(grid.count) else 0.0,
            "units suppressed (64 km cells below the threshold)": grid.suppressed_units,
        }
        report.generalisation = {f"{s} m cells": n for s, n in sorted(grid.cells_per_size.items(), reverse=True)}
        report.information_loss = {
            "share of units published": float(grid.count.sum() / units) if units else 0.0,
            "mean published cell size (m)": float(grid.size.mean()) if len(grid.size) else 0.0,
        }
        if len(grid.ids) == 0:
            report.refusal_reason = self.tr(
                "No 64 km cell holds {} units or more ({} units in all): nothing can be published.", threshold, units
            )
            report.suggestions = [self.tr("aggregate to larger zones (départements, régions) or lower the threshold")]
            report.add_criterion("singling_out", "failed", self.tr("Nothing was exported."))
            write_report(report, html_path, json_path)
            raise QgsProcessingException(
                self.tr(
                    "Nothing was exported from {}: {} The risk report is at {}.",
                    source.sourceName(),
                    report.refusal_reason,
                    html_path,
                )
            )
        out = pd.DataFrame(
            {
                "id": grid.ids,
                "size_m": grid.size.astype("int64"),
                "units": grid.count.astype("int64") if np.all(grid.count == np.round(grid.count)) else grid.count,
            }
        )
        write_table(out_path, out, cell_polygons(grid.ids), "EPSG:3035", ogr.wkbPolygon, feedback)
        report.exported = True
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
        write_report(report, html_path, json_path)
        feedback.setProgress(100)
        load_on_completion(context, out_path, self.tr("Protective grid"))
        self.on_load(context, out_path, style="privacy_protective_grid")
        return {self.OUTPUT: out_path, self.REPORT_HTML: html_path, self.REPORT_JSON: json_path, "CELLS": len(grid.ids)}
