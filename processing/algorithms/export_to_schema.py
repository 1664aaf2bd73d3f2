"""Processing algorithm ``terridata:export_to_schema``: a layer or table → the CSV a schema of
schema.data.gouv.fr wants, with its validation report (JSON + HTML)."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core.cog.referential import default_referential
from ...core.opendata import export_format as fmt
from ...core.opendata.schema_rules import validate
from ...core.opendata.validation_report import build_report, failing_fields, failures, report_html
from ...providers.schemas.catalogue import SchemaCatalogue, SchemaNotFoundError
from ...toolbelt.atomic import atomic_outputs
from ...toolbelt.i18n import localiser
from ...toolbelt.network import RequestCancelled
from ..base import TerriDataAlgorithm
from ..qgis_values import py_value

WGS84 = "EPSG:4326"


@dataclass
class ExportRequest:
    """The parameters of one run, read once."""

    source: object  # QgsProcessingFeatureSource
    input_name: str
    schema: str
    mapping: dict
    allow_invalid: bool
    csv_path: str
    json_path: str
    html_path: str
    transform_context: QgsCoordinateTransformContext


class ExportToSchema(TerriDataAlgorithm):
    NAME = "export_to_schema"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Export to a national schema (schema.data.gouv.fr)")
    GROUP = "opendata"

    INPUT = "INPUT"
    SCHEMA = "SCHEMA"
    MAPPING = "MAPPING"
    ALLOW_INVALID = "ALLOW_INVALID"
    OUTPUT = "OUTPUT"
    REPORT_JSON = "REPORT_JSON"
    REPORT_HTML = "REPORT_HTML"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Layer or table"), [QgsProcessing.TypeVector])
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.SCHEMA,
                self.tr("Schema (name or name@version of schema.data.gouv.fr, or a Table Schema .json file)"),
                defaultValue="scdl/equipements",
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.MAPPING,
                self.tr("Field mapping (schema_field=layer_field;… — empty: proposed by name)"),
                optional=True,
                multiLine=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.ALLOW_INVALID, self.tr("Write the file even if it does not validate"), defaultValue=False
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("CSV for the schema"), "CSV (*.csv)")
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT_JSON, self.tr("Validation report (JSON)"), "JSON (*.json)"
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT_HTML, self.tr("Validation report (HTML)"), "HTML (*.html)"
            )
        )

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        try:
            fmt.parse_mapping(self.parameterAsString(parameters, self.MAPPING, context))
        except fmt.MappingError as exc:
            return False, self.tr("The field mapping is not valid: {}.", exc)
        return True, ""

    def _request(self, parameters, context) -> ExportRequest:
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.tr("The input layer could not be opened."))
        try:
            mapping = fmt.parse_mapping(self.parameterAsString(parameters, self.MAPPING, context))
        except fmt.MappingError as exc:
            raise QgsProcessingException(self.tr("The field mapping is not valid: {}.", exc)) from None
        return ExportRequest(
            source=source,
            input_name=source.sourceName(),
            schema=self.parameterAsString(parameters, self.SCHEMA, context),
            mapping=mapping,
            allow_invalid=self.parameterAsBoolean(parameters, self.ALLOW_INVALID, context),
            csv_path=self.parameterAsFileOutput(parameters, self.OUTPUT, context),
            json_path=self.parameterAsFileOutput(parameters, self.REPORT_JSON, context),
            html_path=self.parameterAsFileOutput(parameters, self.REPORT_HTML, context),
            transform_context=context.transformContext(),
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        request = self._request(parameters, context)
        try:
            resolved = SchemaCatalogue(feedback).resolve(request.schema)
        except SchemaNotFoundError as exc:
            raise QgsProcessingException(str(exc)) from None
        except RequestCancelled:
            self.check_cancelled(feedback)
            raise
        if resolved.note:
            feedback.pushWarning(resolved.note)
        feedback.pushInfo(self.tr("Schema: {} ({})", resolved.label, resolved.source))
        fields = resolved.schema["fields"]
        layer_fields = [f.name() for f in request.source.fields()]
        has_geometry = request.source.wkbType() not in (QgsWkbTypes.Unknown, QgsWkbTypes.NoGeometry)
        proposed = fmt.propose_mapping(fields, layer_fields, has_geometry)
        try:
            mapping = fmt.resolve_mapping(fields, layer_fields, request.mapping, proposed)
        except fmt.MappingError as exc:
            raise QgsProcessingException(
                self.tr(
                    "The field mapping for {} does not fit the schema {}: {}. Give the MAPPING parameter as "
                    "schema_field=layer_field;… (a constant in quotes: COLL_NOM='Ville'; coordinates: @lat, @lon). "
                    "Proposed by name: {}",
                    request.input_name,
                    resolved.label,
                    exc,
                    fmt.mapping_text(proposed),
                )
            ) from None
        feedback.pushInfo(self.tr("Field mapping used: {}", fmt.mapping_text(mapping)))
        records, geometry = self._read(request, mapping, feedback)
        header = [f["name"] for f in fields]
        rows = fmt.build_rows(fields, mapping, records, geometry)
        feedback.pushInfo(self.tr("Validating {} rows against {}…", len(rows), resolved.label))
        checks = validate(header, rows, resolved.schema, commune_ok=_commune_ok)
        report = build_report(
            self.tr("Validation of “{}” against the schema “{}”", request.input_name, resolved.label),
            request.input_name,
            len(rows),
            checks,
            {
                "schema_name": resolved.name,
                "schema_version": resolved.version,
                "schema_url": resolved.url,
                "schema_source": resolved.source,
                "mapping": fmt.mapping_text(mapping),
                "csv": request.csv_path,
            },
        )
        if not report.valid:
            self._refuse_or_warn(request, report, resolved.label, feedback)
        self.check_cancelled(feedback)
        with atomic_outputs([request.csv_path, request.json_path, request.html_path]) as (csv_tmp, json_tmp, html_tmp):
            csv_tmp.write_text(fmt.csv_text(header, rows), encoding="utf-8", newline="")
            json_tmp.write_text(report.to_json(), encoding="utf-8")
            html_tmp.write_text(report_html(report, localiser()), encoding="utf-8")
        feedback.setProgress(100)
        return {
            self.OUTPUT: request.csv_path,
            self.REPORT_JSON: request.json_path,
            self.REPORT_HTML: request.html_path,
            "VALID": report.valid,
            "ROWS": len(rows),
            "ERRORS": sum(1 for p in report.problems if p.severity == "error"),
            "SCHEMA": resolved.label,
        }

    def _read(self, request: ExportRequest, mapping: dict, feedback):
        """The layer's values (plain Python) and, when the mapping uses it, the geometry in WGS 84."""
        wanted = {v for v in mapping.values() if v and v not in fmt.GEOMETRY_SOURCES and not v.startswith("'")}
        uses_geometry = any(v in fmt.GEOMETRY_SOURCES for v in mapping.values())
        transform = None
        if uses_geometry:
            transform = QgsCoordinateTransform(
                request.source.sourceCrs(), QgsCoordinateReferenceSystem(WGS84), request.transform_context
            )
        total = max(1, request.source.featureCount())
        records, geometry = [], [] if uses_geometry else None
        names = [f.name() for f in request.source.fields()]
        for i, feature in enumerate(request.source.getFeatures()):
            if i % 500 == 0:
                self.check_cancelled(feedback)
                feedback.setProgress(min(60.0, 60.0 * i / total))
            attributes = feature.attributes()
            records.append({n: py_value(attributes[k]) for k, n in enumerate(names) if n in wanted})
            if geometry is not None:
                geometry.append(_geometry_values(feature.geometry(), transform))
        return records, geometry

    def _refuse_or_warn(self, request, report, label, feedback) -> None:
        loc = localiser()
        listed = [loc.text(line) for line in failures(report)]  # in the interface language
        by_field = ", ".join(f"{k} ({v})" for k, v in failing_fields(report).items())
        if request.allow_invalid:
            feedback.pushWarning(
                self.tr("The file does not validate against {} (written anyway, as asked). Fields: {}", label, by_field)
            )
            for line in listed:
                feedback.pushWarning(line)
            return
        raise QgsProcessingException(
            self.tr(
                "{} does not validate against {}: nothing was written. Failing fields (rows): {}. First errors "
                "(row 2 is the first feature): {} Correct the data or the field mapping, or set 'Write the file "
                "even if it does not validate' to get the file and the full report.",
                request.input_name,
                label,
                by_field,
                " ".join(f"{line}." if not line.endswith(".") else line for line in listed),
            )
        )


def _commune_ok(code: str) -> bool:
    """A commune or a municipal arrondissement (Paris, Lyon, Marseille) of the current COG."""
    return default_referential().kind_of(code) in ("commune", "arrondissement-municipal")


def _geometry_values(geom, transform) -> dict:
    if geom is None or geom.isNull() or geom.isEmpty():
        return {}
    geom = type(geom)(geom)  # a copy: transform() changes it in place
    try:
        geom.transform(transform)
    except QgsCsException:  # a geometry outside the transform's domain gets no coordinates
        return {}
    point = geom if geom.type() == QgsWkbTypes.PointGeometry and not geom.isMultipart() else geom.pointOnSurface()
    if point is None or point.isNull():
        return {}
    xy = point.asPoint()
    return fmt.geometry_values(xy.x(), xy.y(), geom.asJson(7))
