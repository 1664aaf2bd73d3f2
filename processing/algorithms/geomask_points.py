"""Processing algorithm ``terridata:geomask_points``: donut geomasking with spatial k-anonymity + risk report."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core.inspire_grid import grid_domain_mask
from ...core.privacy.geomask import ReferenceIndex, donut_mask, usable
from ...core.privacy.report import RiskReport
from ...core.privacy.values import describe_rows, invalid_weights, numbers
from ...toolbelt.i18n import error_text
from ..ogr_arrays import transform_xy
from ._privacy_io import OutputTable, PrivacyAlgorithm, grid_points, read_input

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
        self.add_output_and_report(self.tr("Masked points"), QgsProcessing.TypeVectorPoint)

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
        request = self._request(parameters, context)
        work = grid_points(request.transform_context)  # masking is done in metres, in the INSEE grid's CRS
        df, x, y = read_input(self, parameters, self.INPUT, context, feedback, work)
        ref_df, rx, ry = read_input(self, parameters, self.REFERENCE, context, feedback, work, any_geometry=True)
        rw = self._reference_weights(parameters, context, request, ref_df)
        # Distances are measured in EPSG:3035 metres: a point outside its area of use (1e15 coordinates, another
        # continent) has no meaningful location there and is left out like a NULL one.
        located, ref_located = usable(x, y) & grid_domain_mask(x, y), usable(rx, ry) & grid_domain_mask(rx, ry)
        x, y = np.where(located, x, np.nan), np.where(located, y, np.nan)
        rx, ry = np.where(ref_located, rx, np.nan), np.where(ref_located, ry, np.nan)
        index = ReferenceIndex(rx, ry, rw, bucket=max(request.dmax / 2.0, 50.0))
        for count, what in ((int((~located).sum()), request.input), (int((~ref_located).sum()), request.reference)):
            if count:
                feedback.pushWarning(
                    self.tr(
                        "{} features of {} have no usable location (NULL, empty or degenerate geometry, NaN or "
                        "infinite coordinates, or outside the area of use of the INSEE grid, EPSG:3035, Europe): "
                        "they are left out and counted in the report.",
                        count,
                        what,
                    )
                )
        feedback.pushInfo(self.tr("Masking {} points against {} reference units…", len(x), float(index.w.sum())))
        try:
            result = donut_mask(
                x,
                y,
                index,
                request.dmin,
                request.dmax,
                min_k=request.min_k,
                seed=request.seed,
                max_tries=request.tries,
                is_canceled=feedback.isCanceled,
                progress=lambda p: feedback.setProgress(10 + 0.7 * p),
            )
        except InterruptedError as error:
            raise QgsProcessingException(self.tr("Cancelled.")) from error
        except ValueError as error:
            raise self.refuse(
                parameters, context, self.tr("Geomasking of {} failed: {}", request.input, error_text(error))
            ) from error
        self._check_budget(parameters, context, request, result)
        keep = ~result.failed if request.action == "drop" else ~np.isnan(result.x)
        ox, oy = transform_xy(result.x[keep], result.y[keep], work.crs, request.crs, work.transform_context)
        out = df.loc[keep].reset_index(drop=True).copy()
        out["k_achieved"] = [int(v) if float(v).is_integer() else float(v) for v in result.k[keep]]
        out["k_ok"] = [int(v) for v in ~result.failed[keep]]
        geoms = [f"POINT({float(a)!r} {float(b)!r})" for a, b in zip(ox, oy)]
        unlocated = {
            "points without usable location (not exported)": int((~located).sum()),
            "reference features without usable location (ignored)": int((~ref_located).sum()),
        }
        report = self._report(request, result, keep, float(index.w.sum()), unlocated)
        table = OutputTable(out, geoms, QgsWkbTypes.Point, request.crs)
        dest_id = self.publish(parameters, context, feedback, table, report, style="privacy_geomask_points")
        feedback.setProgress(100)
        return {
            self.OUTPUT: dest_id,
            self.REPORT_HTML: self.parameterAsFileOutput(parameters, self.REPORT_HTML, context),
            self.REPORT_JSON: self.parameterAsFileOutput(parameters, self.REPORT_JSON, context),
            "POINTS_EXPORTED": int(keep.sum()),
        }

    def _request(self, parameters, context) -> MaskRequest:
        source = self.parameterAsSource(parameters, self.INPUT, context)
        reference = self.parameterAsSource(parameters, self.REFERENCE, context)
        if source is None or reference is None:
            raise QgsProcessingException(self.tr("The input or the reference layer could not be opened."))
        return MaskRequest(
            input=source.sourceName(),
            crs=source.sourceCrs(),
            reference=reference.sourceName(),
            count_field=self.parameterAsString(parameters, self.REFERENCE_COUNT_FIELD, context),
            dmin=self.parameterAsDouble(parameters, self.MIN_DISTANCE, context),
            dmax=self.parameterAsDouble(parameters, self.MAX_DISTANCE, context),
            min_k=self.parameterAsInt(parameters, self.MIN_K, context),
            tries=self.parameterAsInt(parameters, self.MAX_TRIES, context),
            action=FAILURE_ACTIONS[self.parameterAsEnum(parameters, self.FAILURE_ACTION, context)],
            budget=self.parameterAsDouble(parameters, self.SUPPRESSION_BUDGET, context) / 100.0,
            seed=self.parameterAsInt(parameters, self.SEED, context),
            transform_context=context.transformContext(),
        )

    def _reference_weights(self, parameters, context, request, ref_df):
        """The population of each reference feature; a text field or a value that is not a number refuses."""
        name = request.count_field
        if not name:
            return None
        bad = invalid_weights(ref_df[name].tolist())
        if bad:
            raise self.refuse(
                parameters,
                context,
                self.tr(
                    "The population count field {} of {} must hold non-negative numbers; {} rows do not: {}. "
                    "Fix or filter them first.",
                    name,
                    request.reference,
                    len(bad),
                    describe_rows(bad),
                ),
            )
        return np.asarray(numbers(ref_df[name].tolist()), dtype="float64")

    def _check_budget(self, parameters, context, request, result) -> None:
        n, n_fail = len(result.x), int(result.failed.sum())
        drop = request.action == "drop"
        if n and not (drop and (n_fail > np.floor(request.budget * n + 1e-9) or n_fail == n)):
            return
        if n == 0:
            raise self.refuse(
                parameters, context, self.tr("The input {} holds no point: there is nothing to mask.", request.input)
            )
        raise self.refuse(
            parameters,
            context,
            self.tr(
                "Nothing was exported from {}: {} of {} points do not reach k = {} within {} m, more than the budget "
                "of {:.1f} %. What would work: increase the maximum displacement (e.g. {} m); use a denser or more "
                "complete reference population, or lower the minimum k; raise the suppression budget to {:.1f} %.",
                request.input,
                n_fail,
                n,
                request.min_k,
                request.dmax,
                request.budget * 100,
                request.dmax * 2,
                100.0 * n_fail / max(n, 1) + 0.05,
            ),
        )

    def _report(self, request, result, keep, reference_units, unlocated) -> RiskReport:
        stats = result.stats()
        n, n_fail = len(result.x), int(result.failed.sum())
        params = {
            QT_TRANSLATE_NOOP("TerriData", "input"): request.input,
            QT_TRANSLATE_NOOP("TerriData", "reference population"): request.reference,
            QT_TRANSLATE_NOOP("TerriData", "reference count field"): request.count_field
            or QT_TRANSLATE_NOOP("TerriData", "(each feature is one unit)"),
            QT_TRANSLATE_NOOP("TerriData", "minimum displacement (m)"): request.dmin,
            QT_TRANSLATE_NOOP("TerriData", "maximum displacement (m)"): request.dmax,
            QT_TRANSLATE_NOOP("TerriData", "minimum spatial k"): request.min_k,
            QT_TRANSLATE_NOOP("TerriData", "draws per point"): request.tries,
            QT_TRANSLATE_NOOP("TerriData", "failures"): request.action,
            QT_TRANSLATE_NOOP("TerriData", "suppression budget (%)"): request.budget * 100,
        }
        title = self.tr("Risk report: geomasking of {}", request.input)
        report = RiskReport(self.NAME, title, True, "anonymisation", params)
        report.measures = {
            QT_TRANSLATE_NOOP("TerriData", "points"): n,
            QT_TRANSLATE_NOOP("TerriData", "points below k after all draws"): n_fail,
            **unlocated,
            QT_TRANSLATE_NOOP("TerriData", "spatial k: minimum (exported points)"): stats["k_min"],
            QT_TRANSLATE_NOOP("TerriData", "spatial k: median"): stats["k_median"],
            QT_TRANSLATE_NOOP("TerriData", "redraws"): stats["redraws"],
            QT_TRANSLATE_NOOP("TerriData", "reference units"): reference_units,
        }
        report.information_loss = {
            QT_TRANSLATE_NOOP("TerriData", "mean displacement (m)"): stats["displacement_mean_m"],
            QT_TRANSLATE_NOOP("TerriData", "median displacement (m)"): stats["displacement_median_m"],
            QT_TRANSLATE_NOOP("TerriData", "minimum displacement (m)"): stats["displacement_min_m"],
            QT_TRANSLATE_NOOP("TerriData", "maximum displacement (m)"): stats["displacement_max_m"],
            QT_TRANSLATE_NOOP("TerriData", "share of points kept"): int(keep.sum()) / n if n else 1.0,
        }
        report.notes = [
            self.tr(
                "Spatial k of a point: reference units within the circle centred on its true location whose radius is "
                "its displacement (Allshouse et al., 2010). Attributes are copied unchanged: remove identifiers first "
                "(anonymised export)."
            )
        ]
        drop = request.action == "drop"
        report.add_criterion(
            "singling_out",
            "passed" if n_fail == 0 or drop else "residual risk",
            self.tr(
                "Each exported point could have come from at least {} reference units (minimum spatial k {}).",
                stats["k_min"] if drop else float(result.k[keep].min()),
                request.min_k,
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
                request.dmax,
            ),
        )
        return report


@dataclass
class MaskRequest:
    """The parameters of one run, read once in ``processAlgorithm``."""

    input: str
    crs: object  # QgsCoordinateReferenceSystem of the input (the output's)
    reference: str
    count_field: str
    dmin: float
    dmax: float
    min_k: int
    tries: int
    action: str  # "drop" or "keep"
    budget: float  # share, 0..1
    seed: int
    transform_context: QgsCoordinateTransformContext  # the run's: the user's datum transformations apply
