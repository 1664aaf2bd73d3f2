"""Quality report (``terridata:quality_report``): one battery of checks on a layer or a table, three outputs.

(a) the problems layer (one row per problem, a point where it is) and the problem areas (gaps, overlaps, and the
polygons of features with a geometry problem), (b) a Frictionless-style JSON report a pipeline can gate on,
(c) a self-contained HTML report. The rules live in ``core/quality`` (no QGIS); this module reads the layer once
into arrays and does the GEOS work (validity, gaps, overlaps) through QGIS.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProject,
    QgsRectangle,
    QgsSpatialIndex,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ...core.quality import attributes as qattr
from ...core.quality import model as qm
from ...core.quality.codes import LEVELS as CODE_LEVELS
from ...core.quality.codes import check_codes
from ...core.quality.geometry import duplicate_groups, outside_extent, unshared_edge_owners
from ...core.quality.html import LABELS, render_html
from ...core.quality.schema import SchemaError, load_schema, validate_table
from ...toolbelt.atomic import write_text_atomic
from ...toolbelt.i18n import tr
from ..base import TerriDataAlgorithm
from ..qgis_values import py_value

try:  # QGIS >= 3.36
    SKIP_VALIDITY_CHECKS = Qgis.ProcessingFeatureSourceFlag.SkipGeometryValidityChecks
except AttributeError:  # QGIS 3.22
    SKIP_VALIDITY_CHECKS = QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks


class CancelledError(Exception):
    """The user cancelled: stop quietly."""


# ---------------------------------------------------------------- shared by the quality algorithms
def problem_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind, length in (
        ("check", QVariant.String, 80),
        ("severity", QVariant.String, 10),
        ("feature_id", QVariant.LongLong, 0),
        ("field", QVariant.String, 80),
        ("type", QVariant.String, 40),
        ("message", QVariant.String, 0),
        ("iso19157", QVariant.String, 60),
        ("value", QVariant.String, 0),
    ):
        fields.append(QgsField(name, kind, "", length))
    return fields


def problem_feature(problem: qm.Problem, fields: QgsFields, geometry: QgsGeometry | None = None) -> QgsFeature:
    feat = QgsFeature(fields)
    value = problem.value
    if value is not None and not isinstance(value, str):
        value = json.dumps(qm._clean(value), ensure_ascii=False)
    feat.setAttributes(
        [
            problem.check,
            problem.severity,
            problem.row,
            problem.field,
            problem.type,
            problem.message,
            problem.iso19157,
            value,
        ]
    )
    if geometry is not None and not geometry.isNull():
        feat.setGeometry(geometry)
    return feat


def html_labels() -> dict:
    """The HTML report's headings, translated."""
    return {key: tr(text) for key, text in LABELS.items()}


def write_reports(report: qm.QualityReport, json_path: str, html_path: str) -> None:
    """Write the JSON and HTML reports atomically (either may be empty: not written)."""
    if json_path:
        write_text_atomic(json_path, report.to_json())
    if html_path:
        write_text_atomic(html_path, render_html(report, html_labels()))


def _polygon_only(geom: QgsGeometry) -> QgsGeometry:
    """The polygonal part of a geometry (makeValid/intersection may add points or lines), as a multipolygon."""
    if geom.isNull() or geom.isEmpty():
        return QgsGeometry()
    if QgsWkbTypes.geometryType(geom.wkbType()) == QgsWkbTypes.PolygonGeometry:
        out = QgsGeometry(geom)
    else:
        parts = [p for p in geom.asGeometryCollection() if p.type() == QgsWkbTypes.PolygonGeometry]
        if not parts:
            return QgsGeometry()
        out = QgsGeometry.collectGeometry(parts)
    out.convertToMultiType()
    return out


# ---------------------------------------------------------------- the algorithm
class QualityReportAlgorithm(TerriDataAlgorithm):
    NAME = "quality_report"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Quality report")
    GROUP = "quality"

    INPUT = "INPUT"
    CHECK_GEOMETRY = "CHECK_GEOMETRY"
    PARTITION = "PARTITION"
    TOPOLOGY_TOLERANCE = "TOPOLOGY_TOLERANCE"
    REQUIRED_FIELDS = "REQUIRED_FIELDS"
    COMPLETENESS_THRESHOLD = "COMPLETENESS_THRESHOLD"
    KEY_FIELDS = "KEY_FIELDS"
    DOMAIN_RULES = "DOMAIN_RULES"
    OUTLIER_FIELDS = "OUTLIER_FIELDS"
    IQR_FACTOR = "IQR_FACTOR"
    DATE_FIELDS = "DATE_FIELDS"
    REFERENCE_DATE = "REFERENCE_DATE"
    CODE_FIELD = "CODE_FIELD"
    CODE_LEVEL = "CODE_LEVEL"
    COG_VINTAGE = "COG_VINTAGE"
    DATA_VINTAGE = "DATA_VINTAGE"
    SCHEMA = "SCHEMA"
    OUTPUT = "OUTPUT"
    OUTPUT_AREAS = "OUTPUT_AREAS"
    OUTPUT_JSON = "OUTPUT_JSON"
    OUTPUT_HTML = "OUTPUT_HTML"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Layer or table to check"), [QgsProcessing.TypeVector]
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.CHECK_GEOMETRY,
                self.tr("Check geometries (missing, validity GEOS and QGIS, duplicates, outside the CRS area)"),
                defaultValue=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.PARTITION,
                self.tr("The polygons are a partition of the territory (communes, IRIS): look for gaps and overlaps"),
                defaultValue=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TOPOLOGY_TOLERANCE,
                self.tr("Gaps and overlaps smaller than this are ignored (m²)"),
                type=QgsProcessingParameterNumber.Double,
                defaultValue=1.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.REQUIRED_FIELDS,
                self.tr("Fields whose completeness is checked"),
                parentLayerParameterName=self.INPUT,
                allowMultiple=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.COMPLETENESS_THRESHOLD,
                self.tr("Minimum completeness of those fields (%)"),
                type=QgsProcessingParameterNumber.Double,
                defaultValue=95.0,
                minValue=0.0,
                maxValue=100.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.KEY_FIELDS,
                self.tr("Key fields that must be unique (together)"),
                parentLayerParameterName=self.INPUT,
                allowMultiple=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.DOMAIN_RULES,
                self.tr(
                    'Domain rules (JSON: {"field": {"enum": [...], "minimum": 0, "maximum": 100, "pattern": "..."}})'
                ),
                multiLine=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.OUTLIER_FIELDS,
                self.tr("Numeric fields checked for outliers (IQR rule)"),
                parentLayerParameterName=self.INPUT,
                allowMultiple=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.IQR_FACTOR,
                self.tr("IQR factor (outlier beyond Q1 − k·IQR or Q3 + k·IQR)"),
                type=QgsProcessingParameterNumber.Double,
                defaultValue=1.5,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.DATE_FIELDS,
                self.tr("Date fields (must parse, must not be in the future)"),
                parentLayerParameterName=self.INPUT,
                allowMultiple=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.REFERENCE_DATE,
                self.tr("Reference date for 'in the future' (YYYY-MM-DD, empty: today)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CODE_FIELD,
                self.tr("Field of INSEE territorial codes"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.CODE_LEVEL,
                self.tr("Level of those codes"),
                options=[self.tr("Commune"), self.tr("Département"), self.tr("Région"), self.tr("EPCI (SIREN)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.COG_VINTAGE,
                self.tr("COG vintage the codes must be valid in (year)"),
                type=QgsProcessingParameterNumber.Integer,
                defaultValue=2024,
                minValue=1943,
                maxValue=2100,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DATA_VINTAGE,
                self.tr("COG vintage the data were produced with (0: unknown, earlier vintages are searched)"),
                type=QgsProcessingParameterNumber.Integer,
                defaultValue=0,
                minValue=0,
                maxValue=2100,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.SCHEMA,
                self.tr("Table Schema (JSON, e.g. from schema.data.gouv.fr)"),
                extension="json",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Problems"), QgsProcessing.TypeVectorAnyGeometry, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_AREAS,
                self.tr("Problem areas (gaps, overlaps, polygons with a geometry problem)"),
                QgsProcessing.TypeVectorPolygon,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_JSON, self.tr("JSON report"), self.tr("JSON files (*.json)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_HTML, self.tr("HTML report"), self.tr("HTML files (*.html)"), optional=True
            )
        )
        self.addOutput(QgsProcessingOutputBoolean("VALID", self.tr("No blocking problem")))
        self.addOutput(QgsProcessingOutputNumber("ERRORS", self.tr("Number of errors")))
        self.addOutput(QgsProcessingOutputNumber("PROBLEMS", self.tr("Number of problems")))

    # ------------------------------------------------------------ validation
    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        try:
            self._domain_rules(parameters, context)
            self._reference_date(parameters, context)
        except QgsProcessingException as e:
            return False, str(e)
        schema = self.parameterAsFile(parameters, self.SCHEMA, context)
        if schema:
            try:
                load_schema(schema)
            except SchemaError as e:
                return False, self.tr("The Table Schema cannot be used: {}", str(e))
        return True, ""

    def _domain_rules(self, parameters, context) -> dict:
        text = (self.parameterAsString(parameters, self.DOMAIN_RULES, context) or "").strip()
        if not text:
            return {}
        try:
            rules = json.loads(text)
        except json.JSONDecodeError as e:
            raise QgsProcessingException(
                self.tr('The domain rules are not valid JSON ({}). Example: {{"type": {{"enum": ["A", "B"]}}}}', str(e))
            ) from None
        if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
            raise QgsProcessingException(
                self.tr(
                    'The domain rules must be an object {{"field": {{rule}}}}, for example {{"pop": {{"minimum": 0}}}}'
                )
            )
        known = {"enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern"}
        for name, rule in rules.items():
            bad = set(rule) - known
            if bad:
                raise QgsProcessingException(
                    self.tr(
                        "Unknown domain rule {} for field '{}'; use enum, minimum, maximum, exclusiveMinimum, "
                        "exclusiveMaximum or pattern",
                        ", ".join(sorted(bad)),
                        name,
                    )
                )
        return rules

    def _reference_date(self, parameters, context):
        text = (self.parameterAsString(parameters, self.REFERENCE_DATE, context) or "").strip()
        if not text:
            return None
        parsed = qattr.parse_date(text)
        if parsed is None:
            raise QgsProcessingException(self.tr("The reference date '{}' is not a date (use YYYY-MM-DD)", text))
        return parsed

    # ------------------------------------------------------------ run
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        try:
            return self._run(source, parameters, context, feedback)
        except CancelledError:
            return {}

    def _tick(self, feedback, progress=None):
        if feedback.isCanceled():
            raise CancelledError()
        if progress is not None:
            feedback.setProgress(progress)

    def _run(self, source, parameters, context, feedback):
        p = {
            "geometry": self.parameterAsBoolean(parameters, self.CHECK_GEOMETRY, context),
            "partition": self.parameterAsBoolean(parameters, self.PARTITION, context),
            "tolerance": self.parameterAsDouble(parameters, self.TOPOLOGY_TOLERANCE, context),
            "required": self.parameterAsFields(parameters, self.REQUIRED_FIELDS, context),
            "threshold": self.parameterAsDouble(parameters, self.COMPLETENESS_THRESHOLD, context),
            "keys": self.parameterAsFields(parameters, self.KEY_FIELDS, context),
            "domain": self._domain_rules(parameters, context),
            "outliers": self.parameterAsFields(parameters, self.OUTLIER_FIELDS, context),
            "iqr": self.parameterAsDouble(parameters, self.IQR_FACTOR, context),
            "dates": self.parameterAsFields(parameters, self.DATE_FIELDS, context),
            "reference": self._reference_date(parameters, context),
            "code_field": self.parameterAsString(parameters, self.CODE_FIELD, context),
            "code_level": CODE_LEVELS[self.parameterAsEnum(parameters, self.CODE_LEVEL, context)],
            "vintage": self.parameterAsInt(parameters, self.COG_VINTAGE, context),
            "data_vintage": self.parameterAsInt(parameters, self.DATA_VINTAGE, context) or None,
            "schema": self.parameterAsFile(parameters, self.SCHEMA, context),
        }
        names = source.fields().names()
        for name in [*p["required"], *p["keys"], *p["outliers"], *p["dates"], *p["domain"]] + (
            [p["code_field"]] if p["code_field"] else []
        ):
            if name not in names:
                raise QgsProcessingException(
                    self.tr("Field '{}' is not in the input layer (its fields: {})", name, ", ".join(names))
                )

        # 1. read the layer once into arrays
        feedback.pushInfo(self.tr("Reading {} features…", source.featureCount()))
        data = read_source(source, feedback, 0, 15)
        crs = source.sourceCrs()
        has_geometry = source.wkbType() != QgsWkbTypes.NoGeometry
        report = qm.QualityReport(
            self.tr("Quality report of {}", source.sourceName() or "layer"),
            source=source.sourceName(),
            row_count=len(data["ids"]),
            metadata={"crs": crs.authid(), "fields": names},
        )
        locations = {}  # id(problem) → QgsGeometry (point or area)

        # 2. geometry
        if p["geometry"] and has_geometry:
            self._geometry_checks(report, data, crs, context, feedback, locations)
        if p["partition"] and has_geometry:
            if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PolygonGeometry:
                raise QgsProcessingException(
                    self.tr("The gap and overlap check needs a polygon layer; {} is not one", source.sourceName())
                )
            self._partition_check(report, data, crs, context, feedback, p["tolerance"], locations)
        self._tick(feedback, 80)

        # 3. attributes
        ids = data["ids"]
        cols = data["columns"]
        for name in p["required"]:
            report.add(qattr.check_completeness(cols[name], name, p["threshold"], rows=ids))
        if p["keys"]:
            report.add(qattr.check_uniqueness({k: cols[k] for k in p["keys"]}, rows=ids))
        for name, rule in p["domain"].items():
            try:
                report.add(qattr.check_domain(cols[name], name, rule, rows=ids))
            except (ValueError, TypeError) as e:
                raise QgsProcessingException(self.tr("Domain rule of '{}' cannot be used: {}", name, str(e))) from None
        for name in p["outliers"]:
            report.add(qattr.check_outliers(cols[name], name, p["iqr"], rows=ids))
        for name in p["dates"]:
            for check in qattr.check_dates(cols[name], name, p["reference"], rows=ids):
                report.add(check)
        self._tick(feedback, 85)
        if p["code_field"]:
            for check in check_codes(
                cols[p["code_field"]],
                p["code_field"],
                p["code_level"],
                p["vintage"],
                cog_referential(),
                rows=ids,
                data_vintage=p["data_vintage"],
            ):
                report.add(check)
        if p["schema"]:
            rows = list(zip(*(cols[n] for n in names))) if names else []
            for check in validate_table(names, rows, p["schema"], row_ids=ids):
                check.params["schema"] = Path(p["schema"]).name
                report.add(check)
        self._tick(feedback, 90)

        # 4. outputs
        results = self._write_outputs(report, data, parameters, context, feedback, crs, has_geometry, locations)
        feedback.setProgress(100)
        d = report.to_dict()
        feedback.pushInfo(
            self.tr(
                "{} problem(s): {} error(s), {} warning(s); {} of {} features affected",
                d["stats"]["problems"],
                d["stats"]["errors"],
                d["stats"]["warnings"],
                d["stats"]["affected_rows"],
                d["stats"]["rows"],
            )
        )
        results.update({"VALID": report.valid, "ERRORS": d["stats"]["errors"], "PROBLEMS": d["stats"]["problems"]})
        return results

    # ------------------------------------------------------------ geometry checks
    def _geometry_checks(self, report, data, crs, context, feedback, locations):
        ids, geoms = data["ids"], data["geometries"]
        n = len(ids)
        missing = report.add(
            qm.CheckResult("geometry_missing", self.tr("Missing or empty geometries"), qm.COMPLETENESS_OMISSION)
        )
        geos = report.add(
            qm.CheckResult(
                "geometry_validity_geos",
                self.tr("Invalid geometries (GEOS: first error)"),
                qm.CONSISTENCY_TOPOLOGICAL,
                params={"engine": "GEOS"},
            )
        )
        qgis_check = report.add(
            qm.CheckResult(
                "geometry_validity_qgis",
                self.tr("Invalid geometries (QGIS: every error)"),
                qm.CONSISTENCY_TOPOLOGICAL,
                params={"engine": "QGIS"},
            )
        )
        for c in (missing, geos, qgis_check):
            c.checked = n
        engine_geos = Qgis.GeometryValidationEngine.Geos
        engine_qgis = Qgis.GeometryValidationEngine.QgisInternal
        data["geos_valid"] = valid = [True] * n
        step = max(1, n // 50)
        for i, g in enumerate(geoms):
            if i % step == 0:
                self._tick(feedback, 15 + 35 * i / max(n, 1))
            if g is None or g.isNull() or g.isEmpty():
                missing.problem("geometry-missing", self.tr("Feature {} has no geometry", ids[i]), row=ids[i])
                valid[i] = False
                continue
            errors = g.validateGeometry(engine_geos)
            if errors:
                valid[i] = False
                err = errors[0]
                prob = geos.problem(
                    "geometry-invalid",
                    self.tr("Feature {}: {}", ids[i], err.what()),
                    row=ids[i],
                    details=_where(err),
                    value=err.what(),
                )
                locations[id(prob)] = _location(err, g)
            for err in g.validateGeometry(engine_qgis):
                prob = qgis_check.problem(
                    "geometry-invalid",
                    self.tr("Feature {}: {}", ids[i], err.what()),
                    row=ids[i],
                    details=_where(err),
                    value=err.what(),
                )
                locations[id(prob)] = _location(err, g)
        geos.note = self.tr("{} invalid feature(s) of {}", len(geos.affected_rows), n)
        qgis_check.note = self.tr(
            "{} error(s) on {} feature(s) of {}", len(qgis_check.problems), len(qgis_check.affected_rows), n
        )
        missing.note = self.tr("{} feature(s) without geometry", len(missing.problems))

        # exact duplicates (WKB hash)
        self._tick(feedback, 52)
        dup = report.add(
            qm.CheckResult("geometry_duplicates", self.tr("Exact duplicate geometries"), qm.COMPLETENESS_COMMISSION)
        )
        dup.checked = n
        for group in duplicate_groups(data["wkb"]):
            first = ids[group[0]]
            for k in group[1:]:
                prob = dup.problem(
                    "geometry-duplicate",
                    self.tr("Feature {} has exactly the same geometry as feature {}", ids[k], first),
                    row=ids[k],
                    details={"duplicate_of": first},
                )
                locations[id(prob)] = geoms[k]
        dup.note = self.tr("{} duplicate(s)", len(dup.problems))

        # outside the CRS's area of use
        self._tick(feedback, 55)
        area = report.add(
            qm.CheckResult(
                "geometry_outside_crs_area",
                self.tr("Features outside the area of use of the CRS"),
                qm.POSITIONAL_ACCURACY,
                params={"crs": crs.authid()},
            )
        )
        area.checked = n
        extent = crs_extent(crs, context)
        if extent is None:
            area.status = qm.SKIPPED
            area.note = self.tr("The layer's CRS ({}) has no known area of use", crs.authid() or "?")
        else:
            area.params["extent"] = [round(v, 6) for v in extent]
            mask = outside_extent(data["bounds"], extent)
            for i in mask.nonzero()[0]:
                prob = area.problem(
                    "geometry-outside-crs-area",
                    self.tr(
                        "Feature {} lies outside the area of use of {} ({}): wrong CRS declared, or coordinates "
                        "in another system (e.g. longitude/latitude stored as Lambert-93)?",
                        ids[i],
                        crs.authid(),
                        crs.description(),
                    ),
                    row=ids[i],
                )
                locations[id(prob)] = geoms[i]
            area.note = self.tr("{} feature(s) outside {}", len(area.problems), ", ".join(f"{v:.0f}" for v in extent))

    # ------------------------------------------------------------ partition: gaps and overlaps
    def _partition_check(self, report, data, crs, context, feedback, tolerance, locations):
        ids, geoms = data["ids"], data["geometries"]
        n = len(ids)
        gaps = report.add(
            qm.CheckResult(
                "partition_gaps",
                self.tr("Gaps between polygons"),
                qm.CONSISTENCY_TOPOLOGICAL,
                params={"tolerance_m2": tolerance},
            )
        )
        overlaps = report.add(
            qm.CheckResult(
                "partition_overlaps",
                self.tr("Overlaps between polygons"),
                qm.CONSISTENCY_TOPOLOGICAL,
                params={"tolerance_m2": tolerance},
            )
        )
        gaps.checked = overlaps.checked = n
        da = QgsDistanceArea()
        da.setSourceCrs(crs, context.transformContext())
        if crs.isGeographic():
            da.setEllipsoid(crs.ellipsoidAcronym() or "EPSG:7030")

        def area_m2(g):
            return da.convertAreaMeasurement(da.measureArea(g), QgsUnitTypes.AreaSquareMeters)

        # valid polygons for GEOS (invalid ones repaired in memory)
        valid = data.get("geos_valid")
        fixed = []
        for i, g in enumerate(geoms):
            if i % 2000 == 0:
                self._tick(feedback)
            if g is None or g.isNull() or g.isEmpty():
                fixed.append(QgsGeometry())
            elif valid is not None and valid[i]:
                fixed.append(g)
            elif valid is None and g.isGeosValid():
                fixed.append(g)
            else:
                fixed.append(_polygon_only(g.makeValid()))
        self._tick(feedback, 58)
        quantum = 1e-8 if crs.isGeographic() else 1e-3
        wkbs = [bytes(g.asWkb()) if not g.isEmpty() else b"" for g in fixed]
        cand, share = unshared_edge_owners(wkbs, quantum)
        cand = [int(i) for i in cand]
        gaps.summary = overlaps.summary = {
            "polygons_next_to_unshared_edges": len(cand),
            "unshared_edge_share": round(share, 4),
        }
        feedback.pushInfo(
            self.tr("{} of {} polygons have edges shared with no neighbour; topology checked on them", len(cand), n)
        )
        cand_set = set(cand)
        index = QgsSpatialIndex()
        all_index = QgsSpatialIndex()
        for i, g in enumerate(fixed):
            if g.isEmpty():
                continue
            feat = QgsFeature(i)
            feat.setGeometry(g)
            all_index.addFeature(feat)
            if i in cand_set:
                index.addFeature(feat)
        self._tick(feedback, 62)

        # overlaps: pairs of candidates whose interiors intersect
        for k, i in enumerate(cand):
            if k % 200 == 0:
                self._tick(feedback, 62 + 8 * k / max(len(cand), 1))
            gi = fixed[i]
            engine = QgsGeometry.createGeometryEngine(gi.constGet())
            engine.prepareGeometry()
            for j in index.intersects(gi.boundingBox()):
                if j <= i:
                    continue
                if not engine.relatePattern(fixed[j].constGet(), "T********"):
                    continue
                inter = _polygon_only(gi.intersection(fixed[j]))
                if inter.isEmpty():
                    continue
                a = area_m2(inter)
                if a <= tolerance:
                    continue
                prob = overlaps.problem(
                    "partition-overlap",
                    self.tr("Features {} and {} overlap over {} m²", ids[i], ids[j], f"{a:.1f}"),
                    row=ids[i],
                    value=round(a, 3),
                    details={"other_feature": ids[j], "area_m2": round(a, 3)},
                )
                locations[id(prob)] = inter

        # gaps: holes of the union of the candidates that no polygon covers
        self._tick(feedback, 70)
        if cand:
            union = QgsGeometry.unaryUnion([fixed[i] for i in cand])
            self._tick(feedback, 77)
            for part in union.asGeometryCollection():
                poly = part.asPolygon()
                for ring in poly[1:]:
                    hole = QgsGeometry.fromPolygonXY([ring])
                    a = area_m2(hole)
                    if a <= tolerance:
                        continue
                    point = hole.pointOnSurface()
                    covered = any(
                        fixed[j].contains(point)
                        for j in all_index.intersects(point.boundingBox().buffered(1e-9))
                        if j not in cand_set
                    )
                    if covered:
                        continue
                    around = sorted(ids[j] for j in index.intersects(hole.boundingBox()) if fixed[j].touches(hole))
                    prob = gaps.problem(
                        "partition-gap",
                        self.tr("Gap of {} m² between features {}", f"{a:.1f}", ", ".join(map(str, around[:8])) or "?"),
                        value=round(a, 3),
                        details={"area_m2": round(a, 3), "neighbours": around},
                    )
                    locations[id(prob)] = hole
        gaps.note = self.tr("{} gap(s) larger than {} m²", len(gaps.problems), f"{tolerance:g}")
        overlaps.note = self.tr("{} overlap(s) larger than {} m²", len(overlaps.problems), f"{tolerance:g}")

    # ------------------------------------------------------------ outputs
    def _write_outputs(self, report, data, parameters, context, feedback, crs, has_geometry, locations):
        fields = problem_fields()
        results = {}
        sink, dest = self.parameterAsSink(
            parameters,
            self.OUTPUT,
            context,
            fields,
            QgsWkbTypes.Point if has_geometry else QgsWkbTypes.NoGeometry,
            crs,
        )
        area_sink, area_dest = self.parameterAsSink(
            parameters, self.OUTPUT_AREAS, context, fields, QgsWkbTypes.MultiPolygon, crs
        )
        pos = {fid: i for i, fid in enumerate(data["ids"])}
        geoms = data["geometries"]
        is_polygon_layer = has_geometry and data["geometry_type"] == QgsWkbTypes.PolygonGeometry
        problems = report.problems
        for k, prob in enumerate(problems):
            if k % 1000 == 0:
                self._tick(feedback, 90 + 8 * k / max(len(problems), 1))
            loc = locations.get(id(prob))
            feature_geom = geoms[pos[prob.row]] if has_geometry and prob.row in pos else None
            if feature_geom is not None and (feature_geom.isNull() or feature_geom.isEmpty()):
                feature_geom = None
            point = None
            if has_geometry:
                base = loc if loc is not None else feature_geom
                if base is not None and not base.isEmpty():
                    point = base if base.type() == QgsWkbTypes.PointGeometry and not base.isMultipart() else None
                    if point is None:
                        point = base.pointOnSurface()
                        if point.isEmpty():
                            point = base.centroid()
            if sink is not None:
                sink.addFeature(problem_feature(prob, fields, point), QgsFeatureSink.FastInsert)
            if area_sink is not None:
                area = None
                if loc is not None and loc.type() == QgsWkbTypes.PolygonGeometry:
                    area = loc
                elif is_polygon_layer and feature_geom is not None and prob.check.startswith("geometry_"):
                    area = feature_geom
                if area is not None:
                    area = QgsGeometry(area)
                    area.convertToMultiType()
                    area_sink.addFeature(problem_feature(prob, fields, area), QgsFeatureSink.FastInsert)
        if sink is not None:
            results[self.OUTPUT] = dest
            self.on_load(context, dest, style="quality_problems")
        if area_sink is not None:
            results[self.OUTPUT_AREAS] = area_dest
            self.on_load(context, area_dest, style="quality_areas")
        json_path = self.parameterAsFileOutput(parameters, self.OUTPUT_JSON, context)
        html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        try:
            write_reports(report, json_path, html_path)
        except OSError as e:
            raise QgsProcessingException(
                self.tr("Cannot write the report: {}. Choose another folder.", str(e))
            ) from None
        if json_path:
            results[self.OUTPUT_JSON] = json_path
        if html_path:
            results[self.OUTPUT_HTML] = html_path
        return results


# ---------------------------------------------------------------- helpers
def read_source(source, feedback, start=0.0, end=100.0, fields=None) -> dict:
    """Feature ids, attribute columns (plain Python values), geometries, WKB and bounds of a source, in one pass."""
    names = source.fields().names() if fields is None else list(fields)
    request = QgsFeatureRequest()
    if fields is not None:
        request.setSubsetOfAttributes(names, source.fields())
    has_geometry = source.wkbType() != QgsWkbTypes.NoGeometry
    if not has_geometry:
        request.setFlags(QgsFeatureRequest.NoGeometry)
    ids, geoms, wkbs, bounds = [], [], [], []
    columns = {name: [] for name in names}
    positions = [source.fields().lookupField(name) for name in names]
    total = max(source.featureCount(), 1)
    for k, feat in enumerate(source.getFeatures(request, SKIP_VALIDITY_CHECKS)):
        if k % 1000 == 0:
            if feedback.isCanceled():
                raise CancelledError()
            feedback.setProgress(start + (end - start) * min(k / total, 1))
        ids.append(feat.id())
        attrs = feat.attributes()
        for name, idx in zip(names, positions):
            columns[name].append(py_value(attrs[idx]))
        if has_geometry:
            g = feat.geometry()
            if g is None or g.isNull() or g.isEmpty():
                geoms.append(None)
                wkbs.append(b"")
                bounds.append((math.nan,) * 4)
            else:
                geoms.append(g)
                wkbs.append(bytes(g.asWkb()))
                r = g.boundingBox()
                bounds.append((r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum()))
    return {
        "ids": ids,
        "columns": columns,
        "geometries": geoms,
        "wkb": wkbs,
        "bounds": np.array(bounds, dtype=float).reshape(-1, 4),
        "geometry_type": QgsWkbTypes.geometryType(source.wkbType()),
    }


def crs_extent(crs: QgsCoordinateReferenceSystem, context) -> tuple | None:
    """The CRS's area of use in its own coordinates, or None when unknown."""
    if not crs.isValid():
        return None
    bounds = crs.bounds()  # WGS84 lon/lat
    if bounds.isNull() or bounds.isEmpty():
        return None
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    if crs.isGeographic():
        rect = bounds
    else:
        try:
            transform = QgsCoordinateTransform(
                wgs84, crs, context.transformContext() if context else QgsProject.instance()
            )
            rect = transform.transformBoundingBox(bounds)
        except Exception:  # noqa: BLE001  a CRS whose area of use cannot be projected: no check
            return None
    if not isinstance(rect, QgsRectangle) or rect.isEmpty():
        return None
    return rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()


def _where(err) -> dict:
    if err.hasWhere():
        pt = err.where()
        return {"x": pt.x(), "y": pt.y()}
    return {}


def _location(err, geom: QgsGeometry) -> QgsGeometry:
    if err.hasWhere():
        return QgsGeometry.fromPointXY(err.where())
    return geom.pointOnSurface()


_REFERENTIAL = None


def cog_referential():
    """TerriData's COG referential (embedded snapshot), loaded once."""
    global _REFERENTIAL
    if _REFERENTIAL is None:
        try:
            from ...core.cog import default_referential

            _REFERENTIAL = default_referential()
        except (ImportError, FileNotFoundError) as e:
            raise QgsProcessingException(
                tr("The COG referential of TerriData cannot be loaded ({}); reinstall the plugin.", str(e))
            ) from None
    return _REFERENTIAL
