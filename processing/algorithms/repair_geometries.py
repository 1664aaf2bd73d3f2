"""Repair geometries (``terridata:repair_geometries``): fix the invalid geometries (GEOS ``makeValid``), check that
none is invalid afterwards (GEOS and QGIS), and report what changed (features repaired, area change, parts).

The repaired layer and its reports are committed together: a failed or refused run (a feature still invalid, a
layer mixing points, lines and polygons, an unwritable folder) writes nothing at the output paths."""

from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsDistanceArea,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ...core.quality import model as qm
from ..base import TerriDataAlgorithm
from ._outputs_together import CancelledError, OutputsTogether
from ._quality_geometry import SKIP_VALIDITY_CHECKS
from ._quality_outputs import write_reports

_ENGINE_GEOS = Qgis.GeometryValidationEngine.Geos
_ENGINE_QGIS = Qgis.GeometryValidationEngine.QgisInternal


def repair_geometry(geom: QgsGeometry, geometry_type) -> QgsGeometry:
    """``makeValid`` keeping only the parts of the layer's geometry type (a polygon's repair may add lines)."""
    fixed = geom.makeValid()
    if fixed.isNull() or fixed.isEmpty():
        return QgsGeometry()
    if QgsWkbTypes.geometryType(fixed.wkbType()) != geometry_type or fixed.wkbType() in (
        QgsWkbTypes.GeometryCollection,
        QgsWkbTypes.GeometryCollectionZ,
    ):
        parts = [p for p in fixed.asGeometryCollection() if p.type() == geometry_type]
        fixed = QgsGeometry.collectGeometry(parts) if parts else QgsGeometry()
    return fixed


def is_valid_both(geom: QgsGeometry) -> bool:
    return not geom.validateGeometry(_ENGINE_GEOS) and not geom.validateGeometry(_ENGINE_QGIS)


class RepairGeometriesAlgorithm(TerriDataAlgorithm):
    NAME = "repair_geometries"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Repair geometries")
    GROUP = "quality"

    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    OUTPUT_JSON = "OUTPUT_JSON"
    OUTPUT_HTML = "OUTPUT_HTML"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Layer to repair"), [QgsProcessing.TypeVectorAnyGeometry]
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Repaired layer")))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_JSON, self.tr("Repair report (JSON)"), self.tr("JSON files (*.json)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_HTML,
                self.tr("Repair report (HTML)"),
                self.tr("HTML files (*.html)"),
                optional=True,
                createByDefault=False,
            )
        )
        for name, label in (
            ("REPAIRED", self.tr("Features repaired")),
            ("INVALID_BEFORE", self.tr("Invalid features before")),
            ("INVALID_AFTER", self.tr("Invalid features after")),
            ("AREA_CHANGE", self.tr("Total area change (m², polygons)")),
            ("PARTS_CHANGE", self.tr("Change in the number of parts")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        outputs = OutputsTogether(
            self, parameters, context, layers=[self.OUTPUT], files=[self.OUTPUT_JSON, self.OUTPUT_HTML]
        )
        try:
            out_type = self._output_type(source, feedback, outputs)
        except CancelledError:
            return {}
        fields = QgsFields(source.fields())
        for name, kind in EXTRA_FIELDS:
            if fields.lookupField(name) >= 0:
                raise outputs.refuse(
                    self.tr("The input already has a field '{}': rename it before repairing the layer", name)
                )
            fields.append(QgsField(name, kind))
        repair = _Repair(self, source, context, QgsWkbTypes.geometryType(out_type), fields)
        try:
            with outputs:
                outputs.write_layer(self.OUTPUT, fields, out_type, source.sourceCrs(), repair.features(feedback))
                repair.finish()
                write_reports(repair.report, outputs.file(self.OUTPUT_JSON), outputs.file(self.OUTPUT_HTML))
        except CancelledError:
            return {}
        feedback.pushInfo(repair.repaired.note)
        if repair.without_geometry:
            feedback.pushWarning(
                self.tr(
                    "{} feature(s) of {} have no geometry (NULL, empty or unreadable, e.g. NaN coordinates): copied "
                    "without geometry, nothing to repair.",
                    repair.without_geometry,
                    source.sourceName(),
                )
            )
        return {
            **outputs.results,
            "REPAIRED": repair.n_before,
            "INVALID_BEFORE": repair.n_before,
            "INVALID_AFTER": repair.n_after,
            "AREA_CHANGE": repair.area_change,
            "PARTS_CHANGE": repair.parts_change,
        }

    def _output_type(self, source, feedback, outputs):
        """The output's (multi) type: the type of the features. A layer mixing points, lines and polygons is
        refused (one layer holds one geometry type)."""
        counts, first = _geometry_types(source, feedback)
        declared = source.wkbType()
        if len(counts) > 1:
            names = {0: self.tr("points"), 1: self.tr("lines"), 2: self.tr("polygons")}
            found = ", ".join(f"{n} {names.get(kind, '?')}" for kind, n in sorted(counts.items()))
            raise outputs.refuse(
                self.tr(
                    "{} mixes geometry types ({}), and a layer holds one type. Split it by geometry type first "
                    "(e.g. 'Extract by expression' with geometry_type($geometry) = 'Polygon'), then repair each "
                    "part.",
                    source.sourceName() or self.tr("The input"),
                    found,
                )
            )
        if not counts or QgsWkbTypes.geometryType(declared) in counts:
            return QgsWkbTypes.multiType(declared)
        return QgsWkbTypes.multiType(next(iter(first.values())))


def _geometry_types(source, feedback) -> tuple:
    """``({geometry type: number of features}, {geometry type: wkb type of its first feature})``."""
    counts, first = {}, {}
    request = QgsFeatureRequest().setNoAttributes()
    for k, feat in enumerate(source.getFeatures(request, SKIP_VALIDITY_CHECKS)):
        if k % 5000 == 0 and feedback.isCanceled():
            raise CancelledError()
        geom = feat.geometry()
        if geom is None or geom.isNull() or geom.isEmpty():
            continue
        kind = QgsWkbTypes.geometryType(geom.wkbType())
        counts[kind] = counts.get(kind, 0) + 1
        first.setdefault(kind, geom.wkbType())
    return counts, first


EXTRA_FIELDS = (
    ("qc_repaired", QVariant.Bool),
    ("qc_reason", QVariant.String),
    ("qc_area_change", QVariant.Double),
    ("qc_parts_before", QVariant.Int),
    ("qc_parts_after", QVariant.Int),
)


class _Repair:
    """One run of the repair: every feature out, with its repair columns, and the report of what changed."""

    def __init__(self, algorithm, source, context, geometry_type, fields):
        self.tr = algorithm.tr
        self.source = source
        self.geometry_type = geometry_type
        self.fields = fields
        self.da = QgsDistanceArea()
        self.da.setSourceCrs(source.sourceCrs(), context.transformContext())
        if source.sourceCrs().isGeographic():
            self.da.setEllipsoid(source.sourceCrs().ellipsoidAcronym() or "EPSG:7030")
        self.report = qm.QualityReport(
            self.tr("Geometry repair of {}", source.sourceName()), source=source.sourceName()
        )
        self.repaired = self.report.add(
            qm.CheckResult(
                "geometry_repaired",
                self.tr("Geometries repaired"),
                qm.CONSISTENCY_TOPOLOGICAL,
                severity=qm.INFO,
                params={"method": "makeValid (GEOS)"},
            )
        )
        self.remaining = self.report.add(
            qm.CheckResult(
                "geometry_still_invalid",
                self.tr("Geometries still invalid after repair"),
                qm.CONSISTENCY_TOPOLOGICAL,
                params={"engines": ["GEOS", "QGIS"]},
            )
        )
        self.n = self.n_before = self.n_after = self.parts_change = self.without_geometry = 0
        self.area_change = 0.0

    def features(self, feedback):
        total = max(self.source.featureCount(), 1)
        for k, feat in enumerate(self.source.getFeatures(QgsFeatureRequest(), SKIP_VALIDITY_CHECKS)):
            if feedback.isCanceled():
                raise CancelledError()
            if k % 500 == 0:
                feedback.setProgress(100.0 * k / total)
            self.n += 1
            yield self.repair(feat)

    def repair(self, feat) -> QgsFeature:
        geom = feat.geometry()
        attrs = list(feat.attributes())
        out = QgsFeature(self.fields)
        out.setId(feat.id())
        if geom is None or geom.isNull() or geom.isEmpty():
            self.without_geometry += 1
            out.setAttributes(attrs + [False, None, None, None, None])
            return out
        errors = geom.validateGeometry(_ENGINE_GEOS) or geom.validateGeometry(_ENGINE_QGIS)
        parts_before = geom.constGet().partCount()
        if not errors:
            new = QgsGeometry(geom)
            new.convertToMultiType()
            out.setGeometry(new)
            out.setAttributes(attrs + [False, None, 0.0, parts_before, parts_before])
            return out
        reason = errors[0].what()
        fixed = repair_geometry(geom, self.geometry_type)
        parts_after = fixed.constGet().partCount() if not fixed.isEmpty() else 0
        delta = 0.0
        if self.geometry_type == QgsWkbTypes.PolygonGeometry:
            delta = _area(self.da, fixed) - _area(self.da, geom)
        self._record(feat.id(), reason, fixed, delta, parts_before, parts_after)
        fixed.convertToMultiType()
        out.setGeometry(fixed)
        out.setAttributes(attrs + [True, reason, delta, parts_before, parts_after])
        return out

    def _record(self, fid, reason, fixed, delta, parts_before, parts_after) -> None:
        self.n_before += 1
        self.area_change += delta
        self.parts_change += parts_after - parts_before
        if fixed.isEmpty() or not is_valid_both(fixed):
            self.n_after += 1
            self.remaining.problem(
                "geometry-invalid", self.tr("Feature {} is still invalid after repair ({})", fid, reason), row=fid
            )
        self.repaired.problem(
            "geometry-repaired",
            self.tr(
                "Feature {} repaired ({}): area change {} m², parts {} → {}",
                fid,
                reason,
                f"{delta:.1f}",
                parts_before,
                parts_after,
            ),
            row=fid,
            value=reason,
            details={"area_change_m2": round(delta, 3), "parts_before": parts_before, "parts_after": parts_after},
        )

    def finish(self) -> None:
        """Close the report; raises when a feature is still invalid (nothing is then committed)."""
        self.report.row_count = self.n
        for c in (self.repaired, self.remaining):
            c.checked = self.n
        self.repaired.summary = {
            "invalid_before": self.n_before,
            "area_change_m2": round(self.area_change, 3),
            "parts_change": self.parts_change,
        }
        self.repaired.note = self.tr(
            "{} feature(s) repaired of {}; total area change {} m²; parts change {}",
            self.n_before,
            self.n,
            f"{self.area_change:.1f}",
            self.parts_change,
        )
        if self.n_after:
            raise QgsProcessingException(
                self.tr(
                    "{} feature(s) of {} are still invalid after repair (first: feature {}). Check them by hand "
                    "(e.g. with the Quality report) or simplify them before repairing.",
                    self.n_after,
                    self.source.sourceName(),
                    self.remaining.problems[0].row,
                )
            )


def _area(da: QgsDistanceArea, geom: QgsGeometry) -> float:
    if geom.isNull() or geom.isEmpty():
        return 0.0
    return da.convertAreaMeasurement(da.measureArea(geom), QgsUnitTypes.AreaSquareMeters)
