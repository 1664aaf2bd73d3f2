"""Quality report (``terridata:quality_report``): one battery of checks on a layer or a table, three outputs.

(a) the problems layer (one row per problem, a point where it is) and the problem areas (gaps, overlaps, and the
polygons of features with a geometry problem), (b) a Frictionless-style JSON report a pipeline can gate on,
(c) a self-contained HTML report. The parameters are read once into a :class:`QualityRequest`; the attribute
rules and the report live in ``core/quality`` (no QGIS), the GEOS work in ``_quality_geometry``, the outputs
(committed together) in ``_quality_outputs`` and ``_outputs_together``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core.quality import attributes as qattr
from ...core.quality import model as qm
from ...core.quality.codes import LEVELS as CODE_LEVELS
from ...core.quality.rules import AttributeRules, attribute_checks, dataset_checks
from ...core.quality.schema import SchemaError, load_schema
from ...toolbelt.i18n import error_text, tr
from ..base import TerriDataAlgorithm
from ..postgis_engine.quality import (
    database_geometry_checks,
    database_partition_check,
    fetch_geometries,
    quality_in_database,
)
from ._outputs_together import CancelledError, OutputsTogether
from ._quality_geometry import SKIP_VALIDITY_CHECKS, geometry_checks, partition_check, read_source
from ._quality_outputs import ProblemPlaces, problem_fields, write_reports
from .aggregate_points_to_zones import AggregatePointsToZones

__all__ = ["SKIP_VALIDITY_CHECKS", "QualityReportAlgorithm", "QualityRequest", "write_reports"]

DOMAIN_RULE_KEYS = ("enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern")


@dataclass(frozen=True)
class QualityRequest:
    """Everything ``quality_report`` was asked to check, read once from the parameters."""

    check_geometry: bool
    partition: bool
    tolerance: float
    rules: AttributeRules
    engine: int = 0  # 0 automatic, 1 desktop, 2 database (postgis_engine.zones)


def parse_domain_rules(text: str) -> dict:
    """The domain rules typed by the user (JSON), checked: known rule names, valid regular expressions."""
    text = (text or "").strip()
    if not text:
        return {}
    try:
        rules = json.loads(text)
    except json.JSONDecodeError as e:
        raise QgsProcessingException(
            tr('The domain rules are not valid JSON ({}). Example: {{"type": {{"enum": ["A", "B"]}}}}', str(e))
        ) from None
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise QgsProcessingException(
            tr(
                "The domain rules must be an object {}, for example {}",
                '{"field": {rule}}',
                '{"pop": {"minimum": 0}}',
            )
        )
    for name, rule in rules.items():
        bad = set(rule) - set(DOMAIN_RULE_KEYS)
        if bad:
            raise QgsProcessingException(
                tr(
                    "Unknown domain rule {} for field '{}'; use enum, minimum, maximum, exclusiveMinimum, "
                    "exclusiveMaximum or pattern",
                    ", ".join(sorted(bad)),
                    name,
                )
            )
        if "pattern" in rule:
            try:
                qattr.compile_pattern(rule["pattern"], f"'{name}'")
            except ValueError as e:
                raise QgsProcessingException(
                    tr("The domain rule 'pattern' of field '{}' cannot be used: {}", name, error_text(e))
                ) from None
    return rules


def parse_reference_date(text: str):
    text = (text or "").strip()
    if not text:
        return None
    parsed = qattr.parse_date(text)
    if parsed is None:
        raise QgsProcessingException(tr("The reference date '{}' is not a date (use YYYY-MM-DD)", text))
    return parsed


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
    ENGINE = "ENGINE"
    OUTPUT = "OUTPUT"
    OUTPUT_AREAS = "OUTPUT_AREAS"
    OUTPUT_JSON = "OUTPUT_JSON"
    OUTPUT_HTML = "OUTPUT_HTML"

    def initAlgorithm(self, config=None):  # noqa: N802
        self._add_geometry_parameters()
        self._add_attribute_parameters()
        self._add_code_and_schema_parameters()
        engine = QgsProcessingParameterEnum(
            self.ENGINE,
            self.tr("Engine"),
            options=[self.tr(o) for o in AggregatePointsToZones.ENGINE_OPTIONS],
            defaultValue=0,
        )
        engine.setFlags(engine.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(engine)
        self._add_outputs()

    def _add_geometry_parameters(self):
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

    def _add_attribute_parameters(self):
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

    def _add_code_and_schema_parameters(self):
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

    def _add_outputs(self):
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
            self._request(parameters, context)
        except QgsProcessingException as e:
            return False, str(e)
        return True, ""

    def _request(self, parameters, context) -> QualityRequest:
        """The parameters, read once (raises QgsProcessingException on a rule or schema that cannot be used)."""
        schema = self.parameterAsFile(parameters, self.SCHEMA, context)
        if schema:
            try:
                load_schema(schema)
            except SchemaError as e:
                raise QgsProcessingException(self.tr("The Table Schema cannot be used: {}", str(e))) from None
        rules = AttributeRules(
            required=tuple(self.parameterAsFields(parameters, self.REQUIRED_FIELDS, context)),
            threshold=self.parameterAsDouble(parameters, self.COMPLETENESS_THRESHOLD, context),
            keys=tuple(self.parameterAsFields(parameters, self.KEY_FIELDS, context)),
            domain=parse_domain_rules(self.parameterAsString(parameters, self.DOMAIN_RULES, context)),
            outliers=tuple(self.parameterAsFields(parameters, self.OUTLIER_FIELDS, context)),
            iqr_factor=self.parameterAsDouble(parameters, self.IQR_FACTOR, context),
            dates=tuple(self.parameterAsFields(parameters, self.DATE_FIELDS, context)),
            reference=parse_reference_date(self.parameterAsString(parameters, self.REFERENCE_DATE, context)),
            code_field=self.parameterAsString(parameters, self.CODE_FIELD, context) or "",
            code_level=CODE_LEVELS[self.parameterAsEnum(parameters, self.CODE_LEVEL, context)],
            cog_vintage=self.parameterAsInt(parameters, self.COG_VINTAGE, context),
            data_vintage=self.parameterAsInt(parameters, self.DATA_VINTAGE, context) or None,
            schema=schema or "",
        )
        return QualityRequest(
            check_geometry=self.parameterAsBoolean(parameters, self.CHECK_GEOMETRY, context),
            partition=self.parameterAsBoolean(parameters, self.PARTITION, context),
            tolerance=self.parameterAsDouble(parameters, self.TOPOLOGY_TOLERANCE, context),
            rules=rules,
            engine=self.parameterAsEnum(parameters, self.ENGINE, context) if self.ENGINE in parameters else 0,
        )

    # ------------------------------------------------------------ run
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        outputs = OutputsTogether(
            self,
            parameters,
            context,
            layers=[self.OUTPUT, self.OUTPUT_AREAS],
            files=[self.OUTPUT_JSON, self.OUTPUT_HTML],
        )
        request = self._request(parameters, context)
        self._refuse_what_cannot_run(source, request, outputs)
        database = None
        if (request.check_geometry or request.partition) and source.wkbType() != QgsWkbTypes.NoGeometry:
            database = quality_in_database(self, parameters, context, request.engine, feedback)

        def tick(progress=None):
            if feedback.isCanceled():
                raise CancelledError()
            if progress is not None:
                feedback.setProgress(progress)

        try:
            with outputs:
                report, data, locations = self._check(source, request, context, feedback, tick, database)
                self._write(outputs, report, data, locations, source, tick)
        except CancelledError:
            return {}
        feedback.setProgress(100)
        for name, style in ((self.OUTPUT, "quality_problems"), (self.OUTPUT_AREAS, "quality_areas")):
            if name in outputs.results:
                self.on_load(context, outputs.results[name], style=style)
        stats = report.to_dict()["stats"]
        feedback.pushInfo(
            self.tr(
                "{} problem(s): {} error(s), {} warning(s); {} of {} features affected",
                stats["problems"],
                stats["errors"],
                stats["warnings"],
                stats["affected_rows"],
                stats["rows"],
            )
        )
        return {**outputs.results, "VALID": report.valid, "ERRORS": stats["errors"], "PROBLEMS": stats["problems"]}

    def _refuse_what_cannot_run(self, source, request: QualityRequest, outputs: OutputsTogether) -> None:
        names = source.fields().names()
        missing = request.rules.missing_fields(names)
        if missing:
            raise outputs.refuse(
                self.tr("Field '{}' is not in the input layer (its fields: {})", missing[0], ", ".join(names))
            )
        geometry_type = QgsWkbTypes.geometryType(source.wkbType())
        if (
            request.partition
            and source.wkbType() != QgsWkbTypes.NoGeometry
            and geometry_type != QgsWkbTypes.PolygonGeometry
        ):
            raise outputs.refuse(
                self.tr("The gap and overlap check needs a polygon layer; {} is not one", source.sourceName())
            )

    def _check(self, source, request: QualityRequest, context, feedback, tick, database=None) -> tuple:
        """The report; with ``database`` (a PostgisLayer), the geometry checks run in the database and only the
        geometries of the features with a problem are read."""
        feedback.pushInfo(self.tr("Reading {} features…", source.featureCount()))
        data = read_source(source, tick, 0, 15, with_geometry=database is None)
        crs = source.sourceCrs()
        has_geometry = source.wkbType() != QgsWkbTypes.NoGeometry
        report = qm.QualityReport(
            self.tr("Quality report of {}", source.sourceName() or "layer"),
            source=source.sourceName(),
            row_count=len(data.ids),
            metadata={"crs": crs.authid(), "fields": source.fields().names()},
        )
        for check in dataset_checks(len(data.ids), has_geometry, crs.isValid(), crs.authid()):
            report.add(check)
        locations = {}  # id(problem) → QgsGeometry (point or area)
        if database is not None and request.check_geometry:
            args = (source, data, crs, context.transformContext(), tick, locations, feedback)
            database_geometry_checks(report, database, *args)
        elif request.check_geometry and has_geometry:
            geometry_checks(report, data, crs, context.transformContext(), tick, locations)
        if request.partition and has_geometry:
            if database is not None:
                args = (source, data, crs, context.transformContext(), request.tolerance, tick, locations, feedback)
                database_partition_check(report, database, *args)
            else:
                partition_check(report, data, crs, context.transformContext(), request.tolerance, tick, locations)
            summary = report.checks[-1].summary
            feedback.pushInfo(
                self.tr(
                    "{} of {} polygons have edges shared with no neighbour; topology checked on them",
                    summary["polygons_next_to_unshared_edges"],
                    len(data.ids),
                )
            )
        tick(80)
        try:
            checks = attribute_checks(
                request.rules, data.columns, data.ids, cog_referential() if request.rules.code_field else None
            )
        except (ValueError, TypeError) as e:
            raise QgsProcessingException(
                self.tr("A rule of the quality report cannot be used: {}", error_text(e))
            ) from None
        for check in checks:
            report.add(check)
        if database is not None:  # where the problems are drawn
            fetch_geometries(source, data, report.affected_rows(), tick)
        tick(90)
        return report, data, locations

    def _write(self, outputs: OutputsTogether, report, data, locations, source, tick) -> None:
        fields = problem_fields()
        has_geometry = source.wkbType() != QgsWkbTypes.NoGeometry
        places = ProblemPlaces(
            data.ids, data.geometries, has_geometry, data.geometry_type == QgsWkbTypes.PolygonGeometry, locations
        )
        crs = source.sourceCrs()
        problems = report.problems
        outputs.write_layer(
            self.OUTPUT,
            fields,
            QgsWkbTypes.Point if has_geometry else QgsWkbTypes.NoGeometry,
            crs,
            places.point_features(problems, fields, tick),
        )
        outputs.write_layer(
            self.OUTPUT_AREAS, fields, QgsWkbTypes.MultiPolygon, crs, places.area_features(problems, fields, tick)
        )
        write_reports(report, outputs.file(self.OUTPUT_JSON), outputs.file(self.OUTPUT_HTML))


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
