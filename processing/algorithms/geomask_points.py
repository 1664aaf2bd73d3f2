"""Processing algorithm ``terridata:geomask_points``: donut geomasking with spatial k-anonymity + risk report."""

from __future__ import annotations

import numpy as np
import pandas as pd
from osgeo import ogr
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core.privacy.geomask import ReferenceIndex, donut_mask
from ...core.privacy.report import RiskReport
from ._privacy_io import (
    PrivacyAlgorithm,
    crs_spec,
    load_on_completion,
    read_input,
    transform_xy,
    write_report,
    write_table,
)

WORK_CRS = "EPSG:3035"
FAILURE_ACTIONS = ("drop", "keep")


class GeomaskPoints(PrivacyAlgorithm):
    NAME = "geomask_points"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Geomask points (donut masking)")

    INPUT = "INPUT"
    REFERENCE = "REFERENCE"
    REFERENCE_COUNT_FIELD = "REFERENCE_COUNT_FIELD"
    MIN_DISTANCE = "MIN_DISTANCE"
    MAX_DISTANCE = "MAX_DISTANCE"
    MIN_K = "MIN_K"
    MAX_TRIES = "MAX_TRIES"
    FAILURE_ACTION = "FAILURE_ACTION"
    SUPPRESSION_BUDGET = "SUPPRESSION_BUDGET"
    SEED = "SEED"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Points to mask"), [QgsProcessing.TypeVectorPoint])
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.REFERENCE,
                self.tr("Reference population (points, or polygons / grid cells with a count)"),
                [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon],
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.REFERENCE_COUNT_FIELD,
                self.tr("Population count field (empty: each reference feature is one unit)"),
                parentLayerParameterName=self.REFERENCE,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_DISTANCE,
                self.tr("Minimum displacement (m)"),
                QgsProcessingParameterNumber.Double,
                50.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_DISTANCE,
                self.tr("Maximum displacement (m)"),
                QgsProcessingParameterNumber.Double,
                500.0,
                minValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(self.MIN_K, self.tr("Minimum spatial k"), defaultValue=11, minValue=1)
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_TRIES, self.tr("Draws per point"), defaultValue=20, minValue=1, maxValue=1000
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.FAILURE_ACTION,
                self.tr("Points that never reach k are"),
                options=[self.tr("Not exported"), self.tr("Exported and flagged (k_ok = 0)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SUPPRESSION_BUDGET,
                self.tr("Suppression budget (% of points that may fail)"),
                QgsProcessingParameterNumber.Double,
                defaultValue=5.0,
                minValue=0.0,
                maxValue=100.0,
            )
        )
        self.addParameter(QgsProcessingParameterNumber(self.SEED, self.tr("Random seed"), defaultValue=1, minValue=0))
        self.add_output_and_report(self.tr("Masked points"))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        dmin = self.parameterAsDouble(parameters, self.MIN_DISTANCE, context)
        dmax = self.parameterAsDouble(parameters, self.MAX_DISTANCE, context)
        if dmin >= dmax:
            return False, self.tr(
                "The minimum displacement ({} m) must be smaller than the maximum displacement ({} m).", dmin, dmax
            )
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        reference = self.parameterAsSource(parameters, self.REFERENCE, context)
        if source is None or reference is None:
            raise QgsProcessingException(self.tr("The input or the reference layer could not be opened."))
        count_f = self.parameterAsString(parameters, self.REFERENCE_COUNT_FIELD, context)
        dmin = self.parameterAsDouble(parameters, self.MIN_DISTANCE, context)
        dmax = self.parameterAsDouble(parameters, self.MAX_DISTANCE, context)
        min_k = self.parameterAsInt(parameters, self.MIN_K, context)
        tries = self.parameterAsInt(parameters, self.MAX_TRIES, context)
        action = FAILURE_ACTIONS[self.parameterAsEnum(parameters, self.FAILURE_ACTION, context)]
        budget = self.parameterAsDouble(parameters, self.SUPPRESSION_BUDGET, context) / 100.0
        seed = self.parameterAsInt(parameters, self.SEED, context)
        out_path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        html_path = self.parameterAsFileOutput(parameters, self.REPORT_HTML, context)
        json_path = self.parameterAsFileOutput(parameters, self.REPORT_JSON, context)

        df, x, y = read_input(self, parameters, self.INPUT, context, feedback, target_crs=WORK_CRS)
        ref_df, rx, ry = read_input(self, parameters, self.REFERENCE, context, feedback, target_crs=WORK_CRS)
        rw = None
        if count_f:
            rw = pd.to_numeric(ref_df[count_f], errors="coerce").fillna(0).to_numpy(dtype="float64")
        index = ReferenceIndex(rx, ry, rw, bucket=max(dmax / 2.0, 50.0))
        feedback.pushInfo(self.tr("Masking {} points against {} reference units…", len(x), float(index.w.sum())))
        try:
            result = donut_mask(
                x,
                y,
                index,
                dmin,
                dmax,
                min_k=min_k,
                seed=seed,
                max_tries=tries,
                is_canceled=feedback.isCanceled,
                progress=lambda p: feedback.setProgress(10 + 0.7 * p),
            )
        except InterruptedError as error:
            raise QgsProcessingException(self.tr("Cancelled.")) from error
        except ValueError as error:
            raise QgsProcessingException(self.tr("Geomasking of {} failed: {}", source.sourceName(), error)) from error
        stats = result.stats()
        n = len(x)
        n_fail = int(result.failed.sum())
        params = {
            "input": source.sourceName(),
            "reference population": reference.sourceName(),
            "reference count field": count_f or "(each feature is one unit)",
            "minimum displacement (m)": dmin,
            "maximum displacement (m)": dmax,
            "minimum spatial k": min_k,
            "draws per point": tries,
            "failures": action,
            "suppression budget (%)": budget * 100,
        }
        report = RiskReport(
            self.NAME, self.tr("Risk report: geomasking of {}", source.sourceName()), False, "anonymisation", params
        )
        report.measures = {
            "points": n,
            "points below k after all draws": n_fail,
            "spatial k: minimum (exported points)": stats["k_min"],
            "spatial k: median": stats["k_median"],
            "redraws": stats["redraws"],
            "reference units": float(index.w.sum()),
        }
        report.information_loss = {
            "mean displacement (m)": stats["displacement_mean_m"],
            "median displacement (m)": stats["displacement_median_m"],
            "minimum displacement (m)": stats["displacement_min_m"],
            "maximum displacement (m)": stats["displacement_max_m"],
            "share of points kept": (n - n_fail) / n if (n and action == "drop") else 1.0,
        }
        report.notes = [
            self.tr(
                "Spatial k of a point: reference units within the circle centred on its true location whose radius is "
                "its displacement (Allshouse et al., 2010). Attributes are copied unchanged: remove identifiers first "
                "(anonymised export)."
            )
        ]
        if n == 0 or (action == "drop" and n_fail > np.floor(budget * n + 1e-9)) or (action == "drop" and n_fail == n):
            report.refusal_reason = self.tr(
                "{} of {} points do not reach k = {} within {} m, more than the budget of {:.1f} %.",
                n_fail,
                n,
                min_k,
                dmax,
                budget * 100,
            )
            report.suggestions = [
                self.tr("increase the maximum displacement (e.g. {} m)", dmax * 2),
                self.tr("use a denser or more complete reference population, or lower the minimum k"),
                self.tr("raise the suppression budget to {:.1f} %", 100.0 * n_fail / max(n, 1) + 0.05),
            ]
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
        keep = ~result.failed if action == "drop" else ~np.isnan(result.x)
        crs_wkt = crs_spec(source.sourceCrs())
        ox, oy = transform_xy(result.x[keep], result.y[keep], WORK_CRS, crs_wkt)
        out = df.loc[keep].reset_index(drop=True).copy()
        out["k_achieved"] = result.k[keep].astype("int64") if np.all(result.k == np.round(result.k)) else result.k[keep]
        out["k_ok"] = (~result.failed[keep]).astype("int64")
        geoms = [f"POINT({float(a)!r} {float(b)!r})" for a, b in zip(ox, oy)]
        write_table(out_path, out, geoms, crs_wkt, ogr.wkbPoint, feedback)
        report.exported = True
        report.add_criterion(
            "singling_out",
            "passed" if n_fail == 0 or action == "drop" else "residual risk",
            self.tr(
                "Each exported point could have come from at least {} reference units (minimum spatial k {}).",
                stats["k_min"] if action == "drop" else float(result.k[keep].min()),
                min_k,
            ),
        )
        report.add_criterion(
            "linkability",
            "residual risk",
            self.tr(
                "Masked locations cannot be joined exactly to addresses, but repeated releases masked with different "
                "seeds could be averaged: publish one masked version only."
            ),
        )
        report.add_criterion(
            "inference",
            "residual risk",
            self.tr(
                "The true location lies within {} m of the published point; attributes copied from the input may "
                "reveal information about the people nearby.",
                dmax,
            ),
        )
        write_report(report, html_path, json_path)
        feedback.setProgress(100)
        load_on_completion(context, out_path, self.tr("Masked points"))
        self.on_load(context, out_path, style="privacy_geomask_points")
        return {
            self.OUTPUT: out_path,
            self.REPORT_HTML: html_path,
            self.REPORT_JSON: json_path,
            "POINTS_EXPORTED": int(keep.sum()),
        }
