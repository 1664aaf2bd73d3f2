"""Repair geometries (``terridata:repair_geometries``): fix the invalid geometries (GEOS ``makeValid``), check that
none is invalid afterwards (GEOS and QGIS), and report what changed (features repaired, area change, parts)."""

from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsDistanceArea,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
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
from .quality_report import SKIP_VALIDITY_CHECKS, write_reports

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
        geometry_type = QgsWkbTypes.geometryType(source.wkbType())
        out_type = QgsWkbTypes.multiType(source.wkbType())
        fields = QgsFields(source.fields())
        extra = [
            ("qc_repaired", QVariant.Bool),
            ("qc_reason", QVariant.String),
            ("qc_area_change", QVariant.Double),
            ("qc_parts_before", QVariant.Int),
            ("qc_parts_after", QVariant.Int),
        ]
        for name, kind in extra:
            if fields.lookupField(name) >= 0:
                raise QgsProcessingException(
                    self.tr("The input already has a field '{}': rename it before repairing the layer", name)
                )
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, out_type, source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))

        da = QgsDistanceArea()
        da.setSourceCrs(source.sourceCrs(), context.transformContext())
        if source.sourceCrs().isGeographic():
            da.setEllipsoid(source.sourceCrs().ellipsoidAcronym() or "EPSG:7030")

        report = qm.QualityReport(self.tr("Geometry repair of {}", source.sourceName()), source=source.sourceName())
        repaired = report.add(
            qm.CheckResult(
                "geometry_repaired",
                self.tr("Geometries repaired"),
                qm.CONSISTENCY_TOPOLOGICAL,
                severity=qm.INFO,
                params={"method": "makeValid (GEOS)"},
            )
        )
        remaining = report.add(
            qm.CheckResult(
                "geometry_still_invalid",
                self.tr("Geometries still invalid after repair"),
                qm.CONSISTENCY_TOPOLOGICAL,
                params={"engines": ["GEOS", "QGIS"]},
            )
        )
        total = max(source.featureCount(), 1)
        n_before = n_after = 0
        area_change = 0.0
        parts_change = 0
        n = 0
        for k, feat in enumerate(source.getFeatures(QgsFeatureRequest(), SKIP_VALIDITY_CHECKS)):
            if feedback.isCanceled():
                return {}
            if k % 500 == 0:
                feedback.setProgress(100.0 * k / total)
            n += 1
            geom = feat.geometry()
            attrs = list(feat.attributes())
            out = QgsFeature(fields)
            out.setId(feat.id())
            if geom is None or geom.isNull() or geom.isEmpty():
                out.setAttributes(attrs + [False, None, None, None, None])
                sink.addFeature(out, QgsFeatureSink.FastInsert)
                continue
            errors = geom.validateGeometry(_ENGINE_GEOS) or geom.validateGeometry(_ENGINE_QGIS)
            parts_before = geom.constGet().partCount()
            if not errors:
                new = QgsGeometry(geom)
                new.convertToMultiType()
                out.setGeometry(new)
                out.setAttributes(attrs + [False, None, 0.0, parts_before, parts_before])
                sink.addFeature(out, QgsFeatureSink.FastInsert)
                continue
            n_before += 1
            reason = errors[0].what()
            fixed = repair_geometry(geom, geometry_type)
            parts_after = fixed.constGet().partCount() if not fixed.isEmpty() else 0
            delta = 0.0
            if geometry_type == QgsWkbTypes.PolygonGeometry:
                delta = _area(da, fixed) - _area(da, geom)
            area_change += delta
            parts_change += parts_after - parts_before
            if fixed.isEmpty() or not is_valid_both(fixed):
                n_after += 1
                remaining.problem(
                    "geometry-invalid",
                    self.tr("Feature {} is still invalid after repair ({})", feat.id(), reason),
                    row=feat.id(),
                )
            fixed.convertToMultiType()
            repaired.problem(
                "geometry-repaired",
                self.tr(
                    "Feature {} repaired ({}): area change {} m², parts {} → {}",
                    feat.id(),
                    reason,
                    f"{delta:.1f}",
                    parts_before,
                    parts_after,
                ),
                row=feat.id(),
                value=reason,
                details={"area_change_m2": round(delta, 3), "parts_before": parts_before, "parts_after": parts_after},
            )
            out.setGeometry(fixed)
            out.setAttributes(attrs + [True, reason, delta, parts_before, parts_after])
            sink.addFeature(out, QgsFeatureSink.FastInsert)
        report.row_count = n
        for c in (repaired, remaining):
            c.checked = n
        repaired.summary = {
            "invalid_before": n_before,
            "area_change_m2": round(area_change, 3),
            "parts_change": parts_change,
        }
        repaired.note = self.tr(
            "{} feature(s) repaired of {}; total area change {} m²; parts change {}",
            n_before,
            n,
            f"{area_change:.1f}",
            parts_change,
        )
        if n_after:
            raise QgsProcessingException(
                self.tr(
                    "{} feature(s) of {} are still invalid after repair (first: feature {}). Check them by hand "
                    "(e.g. with the Quality report) or simplify them before repairing.",
                    n_after,
                    source.sourceName(),
                    remaining.problems[0].row,
                )
            )
        json_path = self.parameterAsFileOutput(parameters, self.OUTPUT_JSON, context)
        html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        write_reports(report, json_path, html_path)
        feedback.pushInfo(repaired.note)
        results = {
            self.OUTPUT: dest,
            "REPAIRED": n_before,
            "INVALID_BEFORE": n_before,
            "INVALID_AFTER": n_after,
            "AREA_CHANGE": area_change,
            "PARTS_CHANGE": parts_change,
        }
        if json_path:
            results[self.OUTPUT_JSON] = json_path
        if html_path:
            results[self.OUTPUT_HTML] = html_path
        return results


def _area(da: QgsDistanceArea, geom: QgsGeometry) -> float:
    if geom.isNull() or geom.isEmpty():
        return 0.0
    return da.convertAreaMeasurement(da.measureArea(geom), QgsUnitTypes.AreaSquareMeters)
