"""Processing algorithm ``terridata:add_territorial_hierarchy`` ("Add territorial hierarchy").

Adds the commune name, EPCI, département and région codes and names of a COG vintage to any table or layer keyed
by a commune code, and reports the codes not found (with their successor when they are obsolete). A delimited
text file that is not UTF-8 (a CSV saved by Excel in Windows-1252) is read with its real encoding, so that the
output (UTF-8) keeps its accented names.
"""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ...core.cog.referential import ARRONDISSEMENT, COMMUNE, DEPARTEMENT, EPCI, REGION, default_referential
from ...core.cog.snapshot import EMBEDDED_VINTAGES
from ...core.territory_codes import normalise_code
from ..base import TerriDataAlgorithm
from ._input_encoding import source_with_file_encoding
from ._outputs_together import CancelledError, OutputsTogether

ADDED_FIELDS = (
    "com_code",
    "com_name",
    "epci_code",
    "epci_name",
    "dep_code",
    "dep_name",
    "reg_code",
    "reg_name",
    "cog_status",
)


class AddTerritorialHierarchy(TerriDataAlgorithm):
    NAME = "add_territorial_hierarchy"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Add territorial hierarchy")
    GROUP = "territories"

    INPUT, CODE_FIELD, VINTAGE, FOLLOW_SUCCESSORS, OUTPUT = (
        "INPUT",
        "CODE_FIELD",
        "VINTAGE",
        "FOLLOW_SUCCESSORS",
        "OUTPUT",
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Table or layer keyed by commune codes"), [QgsProcessing.TypeVector]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CODE_FIELD, self.tr("Commune code field"), parentLayerParameterName=self.INPUT
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.VINTAGE,
                self.tr("COG vintage"),
                [str(v) for v in EMBEDDED_VINTAGES],
                defaultValue=len(EMBEDDED_VINTAGES) - 1,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.FOLLOW_SUCCESSORS,
                self.tr("Fill obsolete codes from their successor (when there is exactly one)"),
                defaultValue=False,
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("With territorial hierarchy")))
        self.addOutput(QgsProcessingOutputNumber("NOT_FOUND_COUNT", self.tr("Features whose code was not found")))
        self.addOutput(QgsProcessingOutputString("NOT_FOUND_CODES", self.tr("Codes not found in the vintage")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is not None:
            existing = [n for n in ADDED_FIELDS if source.fields().lookupField(n) >= 0]
            if existing:
                return False, self.tr(
                    "The input already has the field(s) {}: rename or remove them, this algorithm adds them",
                    ", ".join(existing),
                )
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        outputs = OutputsTogether(self, parameters, context, layers=[self.OUTPUT])
        code_field = self.parameterAsString(parameters, self.CODE_FIELD, context)
        code_index = source.fields().lookupField(code_field)
        if code_index < 0:
            raise outputs.refuse(self.tr("Field {} not found in the input", code_field))
        vintage = EMBEDDED_VINTAGES[self.parameterAsEnum(parameters, self.VINTAGE, context)]
        follow = self.parameterAsBoolean(parameters, self.FOLLOW_SUCCESSORS, context)
        try:
            ref = default_referential()
            ref.tables(vintage)
        except (FileNotFoundError, KeyError, ValueError) as exc:
            raise outputs.refuse(
                self.tr("The COG referential {} cannot be read ({}): reinstall the plugin", vintage, exc)
            ) from exc
        features = self._input_features(source, parameters, context, feedback)
        fields = QgsFields(source.fields())
        for name in ADDED_FIELDS:
            fields.append(QgsField(name, QVariant.String))
        lookup = _Lookup(self, ref, vintage, follow)
        total = source.featureCount() or 1

        def with_hierarchy():
            for number, feature in enumerate(features):
                if feedback.isCanceled():
                    raise CancelledError()
                out = QgsFeature(fields)
                out.setGeometry(feature.geometry())
                out.setAttributes(list(feature.attributes()) + lookup(feature.attribute(code_index)))
                if number % 1000 == 0:
                    feedback.setProgress(100.0 * number / total)
                yield out

        try:
            with outputs:
                outputs.write_layer(self.OUTPUT, fields, source.wkbType(), source.sourceCrs(), with_hierarchy())
        except CancelledError:
            return {}
        feedback.setProgress(100)
        lookup.log(feedback)
        return {
            **outputs.results,
            "NOT_FOUND_COUNT": lookup.missing_features,
            "NOT_FOUND_CODES": ",".join(sorted(lookup.not_found)),
        }

    def _input_features(self, source, parameters, context, feedback):
        """The input's features, decoded with the file's real encoding when a text file is not UTF-8."""
        definition = parameters.get(self.INPUT)
        selected_only = bool(getattr(definition, "selectedFeaturesOnly", False))
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        reencoded = source_with_file_encoding(layer, selected_only)
        if reencoded is None:
            return source.getFeatures(QgsFeatureRequest(), QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)
        copy, encoding, request = reencoded
        feedback.pushWarning(
            self.tr(
                "{} is not UTF-8: read as {} (to choose another encoding, set it in the layer properties, Source)",
                layer.name(),
                encoding,
            )
        )
        self._reencoded_copy = copy  # alive while its features are read
        return copy.getFeatures(request)


class _Lookup:
    """The hierarchy of each code (cached per distinct code), and what was not found."""

    def __init__(self, algorithm, ref, vintage: int, follow: bool):
        self.tr = algorithm.tr
        self.ref, self.vintage, self.follow = ref, vintage, follow
        self.cache = {}
        self.not_found = {}
        self.missing_features = 0

    def __call__(self, raw) -> list:
        code = normalise_code(None if raw is None or (hasattr(raw, "isNull") and raw.isNull()) else raw, "commune")
        if code not in self.cache:
            self.cache[code] = self._lookup(self.ref, code, self.vintage, self.follow)
        values, problem = self.cache[code]
        if problem:
            self.missing_features += 1
            self.not_found.setdefault(code, problem)
        return list(values)

    def log(self, feedback) -> None:
        feedback.pushInfo(
            self.tr(
                "{} distinct codes looked up in the COG {}: {} not found ({} features)",
                len(self.cache),
                self.vintage,
                len(self.not_found),
                self.missing_features,
            )
        )
        if self.not_found:
            feedback.pushWarning(
                self.tr(
                    "Codes not found in the COG {}: {}",
                    self.vintage,
                    "; ".join(f"{c or '(empty)'}: {p}" for c, p in sorted(self.not_found.items())[:100]),
                )
            )

    def _lookup(self, ref, code: str, vintage: int, follow: bool) -> tuple:
        """``(values of ADDED_FIELDS, problem or "")``."""
        status = "ok"
        problem = ""
        lookup = code
        kind = ref.kind_of(code, vintage) if code else None
        if kind is None:
            try:
                successors = ref.successors(code, vintage - 100, vintage) if code else []
            except ValueError:
                successors = []
            if successors and successors != [code]:
                problem = self.tr("obsolete, successor {}", " + ".join(successors))
                if follow and len(successors) == 1:
                    lookup = successors[0]
                    status = self.tr("obsolete code, filled from its successor {}", successors[0])
                else:
                    status = problem
            else:
                problem = self.tr("unknown code") if code else self.tr("empty code")
                status = problem
        if (problem and lookup == code) or not lookup:
            return [None] * (len(ADDED_FIELDS) - 1) + [status], problem
        anc = ref.ancestors(lookup, vintage)
        if kind in (ARRONDISSEMENT, "commune-deleguee", "commune-associee"):
            status = self.tr("{} of {}", kind, anc[COMMUNE])
        commune = anc[COMMUNE]
        epci = anc.get(EPCI)
        dep = anc.get(DEPARTEMENT)
        reg = anc.get(REGION)
        values = [
            commune,
            ref.name(commune, vintage, COMMUNE),
            epci,
            ref.name(epci, vintage, EPCI) if epci else None,
            dep,
            ref.name(dep, vintage, DEPARTEMENT) if dep else None,
            reg,
            ref.name(reg, vintage, REGION) if reg else None,
            status,
        ]
        return values, problem
