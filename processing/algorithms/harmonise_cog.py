"""Processing algorithm ``terridata:harmonise_cog`` ("Harmonise territorial codes").

Re-codes a table or layer keyed by commune codes from one COG vintage to another (``core/cog/harmonise.py`` does
the work on a pandas table): merged communes are summed (rates averaged with a weight), split communes are
allocated by population, unknown codes are listed. A layer's geometries are dissolved per new code.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
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
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ...core.cog.measures import non_numeric_values
from ...core.cog.referential import default_referential
from ...core.cog.snapshot import EMBEDDED_VINTAGES
from ...core.territory_codes import normalise_code
from ...toolbelt.i18n import error_text, localiser
from ..base import TerriDataAlgorithm
from ._outputs_together import CancelledError, OutputsTogether

# fates of core.cog.harmonise.KINDS (pandas is imported only when the algorithm runs, not when QGIS starts)
KINDS = ("unchanged", "recoded", "merged", "split", "unknown")
NAME_FIELD = "cog_name"
SOURCES_FIELD = "source_codes"

# The descriptions of the outputs that count each kind of fate.
KIND_OUTPUTS = {
    "unchanged": QT_TRANSLATE_NOOP("TerriData", "Codes unchanged"),
    "recoded": QT_TRANSLATE_NOOP("TerriData", "Codes recoded"),
    "merged": QT_TRANSLATE_NOOP("TerriData", "Codes merged"),
    "split": QT_TRANSLATE_NOOP("TerriData", "Codes split"),
    "unknown": QT_TRANSLATE_NOOP("TerriData", "Codes unknown"),
}


class HarmoniseCog(TerriDataAlgorithm):
    NAME = "harmonise_cog"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Harmonise territorial codes")
    GROUP = "territories"

    INPUT, CODE_FIELD, SOURCE_VINTAGE, TARGET_VINTAGE = "INPUT", "CODE_FIELD", "SOURCE_VINTAGE", "TARGET_VINTAGE"
    ADDITIVE_FIELDS, RATE_FIELDS, WEIGHT_FIELD, KEEP_UNKNOWN = (
        "ADDITIVE_FIELDS",
        "RATE_FIELDS",
        "WEIGHT_FIELD",
        "KEEP_UNKNOWN",
    )
    OUTPUT, REPORT = "OUTPUT", "REPORT"

    # index 0: detect, 1: older than the first vintage, then each vintage
    SOURCE_CHOICES = ["detect", EMBEDDED_VINTAGES[0] - 1] + list(EMBEDDED_VINTAGES)

    def initAlgorithm(self, config=None):
        first = EMBEDDED_VINTAGES[0]
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
                self.SOURCE_VINTAGE,
                self.tr("COG vintage of the input codes"),
                [self.tr("Detect from the codes"), self.tr("{} or older (e.g. 2018 boundaries)", first - 1)]
                + [str(v) for v in EMBEDDED_VINTAGES],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.TARGET_VINTAGE,
                self.tr("Target COG vintage"),
                [str(v) for v in EMBEDDED_VINTAGES],
                defaultValue=len(EMBEDDED_VINTAGES) - 1,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ADDITIVE_FIELDS,
                self.tr("Additive fields (summed on merges, allocated by population on splits)"),
                parentLayerParameterName=self.INPUT,
                type=QgsProcessingParameterField.Numeric,
                allowMultiple=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.RATE_FIELDS,
                self.tr("Rate fields (weighted means)"),
                parentLayerParameterName=self.INPUT,
                type=QgsProcessingParameterField.Numeric,
                allowMultiple=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.WEIGHT_FIELD,
                self.tr("Weight of the rates (e.g. the population they are computed on)"),
                parentLayerParameterName=self.INPUT,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.KEEP_UNKNOWN, self.tr("Keep rows whose code is unknown (with their own code)"), defaultValue=False
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Harmonised")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.REPORT, self.tr("Fate of each input code"), QgsProcessing.TypeVector)
        )
        for kind in KINDS:
            self.addOutput(QgsProcessingOutputNumber(f"{kind.upper()}_COUNT", self.tr(KIND_OUTPUTS[kind])))
        self.addOutput(QgsProcessingOutputString("SOURCE_VINTAGE_USED", self.tr("COG vintage of the input codes")))
        self.addOutput(QgsProcessingOutputString("UNKNOWN_CODES", self.tr("Unknown codes")))
        self.addOutput(
            QgsProcessingOutputNumber(
                "DUPLICATES_MERGED", self.tr("Input rows repeating another row's code (merged into one)")
            )
        )

    def _fields(self, parameters, context):
        additive = self.parameterAsFields(parameters, self.ADDITIVE_FIELDS, context) or []
        rates = self.parameterAsFields(parameters, self.RATE_FIELDS, context) or []
        weight = self.parameterAsString(parameters, self.WEIGHT_FIELD, context) or None
        return additive, rates, weight

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        additive, rates, weight = self._fields(parameters, context)
        code = self.parameterAsString(parameters, self.CODE_FIELD, context)
        if rates and not weight:
            return False, self.tr(
                "Rate fields need a weight field (for instance the population the rate is computed on)"
            )
        both = sorted(set(additive) & set(rates))
        if both:
            return False, self.tr("Fields cannot be both additive and rates: {}", ", ".join(both))
        if code in set(additive) | set(rates) | ({weight} if weight else set()):
            return False, self.tr("The code field {} cannot also be a measure", code)
        clash = sorted({NAME_FIELD, SOURCES_FIELD} & (set(additive) | set(rates) | {weight, code}))
        if clash:
            return False, self.tr("Rename the field(s) {}: the output adds fields of that name", ", ".join(clash))
        source_index = self.parameterAsEnum(parameters, self.SOURCE_VINTAGE, context)
        target = EMBEDDED_VINTAGES[self.parameterAsEnum(parameters, self.TARGET_VINTAGE, context)]
        source = self.SOURCE_CHOICES[source_index]
        if source != "detect" and source > target:
            return False, self.tr(
                "The target vintage ({}) is before the source vintage ({}): codes are followed forward in time only",
                target,
                source,
            )
        return True, ""

    def _request(self, parameters, context) -> HarmoniseRequest:
        additive, rates, weight = self._fields(parameters, context)
        return HarmoniseRequest(
            code_field=self.parameterAsString(parameters, self.CODE_FIELD, context),
            additive=tuple(additive),
            rates=tuple(rates),
            weight=weight,
            keep_unknown=self.parameterAsBoolean(parameters, self.KEEP_UNKNOWN, context),
            source_vintage=self.SOURCE_CHOICES[self.parameterAsEnum(parameters, self.SOURCE_VINTAGE, context)],
            target=EMBEDDED_VINTAGES[self.parameterAsEnum(parameters, self.TARGET_VINTAGE, context)],
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        request = self._request(parameters, context)
        outputs = OutputsTogether(self, parameters, context, layers=[self.OUTPUT, self.REPORT])
        fields = source.fields()
        for name in (request.code_field, *request.measures):
            if fields.lookupField(name) < 0:
                raise outputs.refuse(self.tr("Field {} not found in the input", name))
        has_geometry = QgsWkbTypes.geometryType(source.wkbType()) not in (
            QgsWkbTypes.NullGeometry,
            QgsWkbTypes.UnknownGeometry,
        )
        try:
            table = self._read_table(source, request, feedback, outputs)
            out, report, ref = self._recode(table, request, outputs)
            feedback.setProgress(40)
            geometries = {}
            if has_geometry:
                geometries = self._dissolve(
                    source, fields.lookupField(request.code_field), report, request.keep_unknown, feedback
                )
            with outputs:
                wkb = QgsWkbTypes.multiType(source.wkbType()) if has_geometry else QgsWkbTypes.NoGeometry
                out_fields = _output_fields(request, out)
                outputs.write_layer(
                    self.OUTPUT, out_fields, wkb, source.sourceCrs(), _recoded(out, out_fields, geometries, feedback)
                )
                outputs.write_layer(
                    self.REPORT, _REPORT_FIELDS, QgsWkbTypes.NoGeometry, source.sourceCrs(), _fates(report, feedback)
                )
        except CancelledError:
            return {}
        from ...core.cog.harmonise import vintage_label

        feedback.setProgress(100)
        duplicates = duplicate_rows(report)
        self._log_summary(report, ref, request, len(out), has_geometry, duplicates, feedback)
        results = {
            **outputs.results,
            "SOURCE_VINTAGE_USED": vintage_label(report.source_vintage, ref),
            "UNKNOWN_CODES": ",".join(report.unknown_codes),
            "DUPLICATES_MERGED": duplicates,
        }
        results.update({f"{kind.upper()}_COUNT": report.counts[kind] for kind in KINDS})
        return results

    def _read_table(self, source, request: HarmoniseRequest, feedback, outputs):
        """The code and measure columns (one pass, no geometry); measures that are not numbers are refused."""
        import pandas as pd

        feedback.setProgressText(self.tr("Reading the input codes"))
        names = [request.code_field, *request.measures]
        indices = [source.fields().lookupField(n) for n in names]
        query = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes(indices)
        columns = {name: [] for name in names}
        total = source.featureCount() or 1
        for number, feature in enumerate(source.getFeatures(query)):
            if feedback.isCanceled():
                raise CancelledError()
            attrs = feature.attributes()
            for name, index in zip(names, indices):
                columns[name].append(_plain(attrs[index]))
            if number % 1000 == 0:
                feedback.setProgress(30.0 * number / total)
        if not columns[request.code_field]:
            raise outputs.refuse(self.tr("The input has no feature: nothing to harmonise"))
        for name in request.measures:
            count, examples = non_numeric_values(columns[name])
            if count:
                raise outputs.refuse(
                    self.tr(
                        "Field {} holds {} value(s) that are not numbers (e.g. {}): measures are summed or "
                        "averaged, so they must be numeric. Convert the field (e.g. with the Field calculator "
                        "and to_real()) or leave it out.",
                        name,
                        count,
                        ", ".join(repr(v) for v in examples),
                    )
                )
        table = pd.DataFrame(columns)
        for name in request.measures:
            table[name] = pd.to_numeric(table[name], errors="coerce")
        return table

    def _recode(self, table, request: HarmoniseRequest, outputs) -> tuple:
        from ...core.cog.harmonise import harmonise

        try:
            ref = default_referential()
            out, report = harmonise(
                table,
                request.code_field,
                request.source_vintage,
                request.target,
                additive=list(request.additive),
                rates=list(request.rates),
                weight=request.weight,
                referential=ref,
                keep_unknown=request.keep_unknown,
                name_column=NAME_FIELD,
            )
        except (ValueError, KeyError) as exc:
            raise outputs.refuse(
                self.tr("Cannot harmonise the codes of field {}: {}", request.code_field, error_text(exc))
            ) from exc
        except FileNotFoundError as exc:
            raise outputs.refuse(
                self.tr("The embedded COG referential is missing ({}): reinstall the plugin", exc)
            ) from exc
        return out, report, ref

    def _log_summary(self, report, ref, request, n_out, has_geometry, duplicates, feedback) -> None:
        from ...core.cog.harmonise import vintage_label

        counts = report.counts
        feedback.pushInfo(
            self.tr(
                "{} input codes (COG {}) re-coded to the COG {}: {} unchanged, {} recoded, {} merged, {} split, "
                "{} unknown; {} output rows",
                sum(counts.values()),
                localiser().text(vintage_label(report.source_vintage, ref)),
                request.target,
                counts["unchanged"],
                counts["recoded"],
                counts["merged"],
                counts["split"],
                counts["unknown"],
                n_out,
            )
        )
        if duplicates:
            feedback.pushWarning(
                self.tr(
                    "{} input row(s) repeat a code of another row: their measures were merged (summed) into one "
                    "output row per code. Check the input has one row per commune.",
                    duplicates,
                )
            )
        for measure, before, after, unknown in report.totals.itertuples(index=False, name=None):
            feedback.pushInfo(
                self.tr(
                    "{}: total before {:.6g}, after {:.6g}, in unknown codes {:.6g}", measure, before, after, unknown
                )
            )
        fates = report.fates
        if counts["split"]:
            split = fates[fates["kind"] == "split"]
            feedback.pushWarning(
                self.tr(
                    "Split communes, allocated by population{}: {}",
                    self.tr(" (each part gets the whole old geometry)") if has_geometry else "",
                    "; ".join(f"{c} → {t}" for c, t in zip(split["code"], split["targets"])),
                )
            )
        if report.unknown_codes:
            unknown = fates[fates["kind"] == "unknown"]
            feedback.pushWarning(
                self.tr(
                    "Unknown codes ({}), {}: {}",
                    len(report.unknown_codes),
                    self.tr("kept as they are") if request.keep_unknown else self.tr("left out of the output"),
                    "; ".join(
                        f"{c or self.tr('(empty)')}: {localiser().text(n)}"
                        for c, n in zip(unknown["code"][:50], unknown["note"][:50])
                    ),
                )
            )

    def _dissolve(self, source, code_index: int, report, keep_unknown: bool, feedback) -> dict:
        """``{target code: geometry}``: the union of the geometries of the input codes that end in each target."""
        targets_of = {}
        for src, tgt in zip(report.mapping["source_code"], report.mapping["target_code"]):
            targets_of.setdefault(src, []).append(tgt)
        if keep_unknown:
            for code in report.unknown_codes:
                targets_of[code] = [code]
        feedback.setProgressText(self.tr("Dissolving the geometries per new code"))
        parts = {}
        total = source.featureCount() or 1
        request = QgsFeatureRequest().setSubsetOfAttributes([code_index])
        features = source.getFeatures(request, QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)
        for number, feature in enumerate(features):
            if feedback.isCanceled():
                raise CancelledError()
            if not feature.hasGeometry():
                continue
            code = normalise_code(_plain(feature.attribute(code_index)))
            for target in targets_of.get(code, ()):
                parts.setdefault(target, []).append(feature.geometry())
            if number % 1000 == 0:
                feedback.setProgress(40 + 25.0 * number / total)
        return _unions(parts, feedback)


@dataclass(frozen=True)
class HarmoniseRequest:
    """The parameters of a run, read once."""

    code_field: str
    additive: tuple
    rates: tuple
    weight: str | None
    keep_unknown: bool
    source_vintage: object  # "detect" or a year
    target: int

    @property
    def measures(self) -> list:
        return list(dict.fromkeys([*self.additive, *([self.weight] if self.weight else []), *self.rates]))


_REPORT_FIELDS = QgsFields()
for _name in ("code", "kind", "targets", "shares", "note"):
    _REPORT_FIELDS.append(QgsField(_name, QVariant.String))
_REPORT_FIELDS.append(QgsField("rows", QVariant.Int))


def duplicate_rows(report) -> int:
    """Input rows that repeat the code of another row and were merged with it (unknown codes are not merged)."""
    fates = report.fates
    known = fates[fates["kind"] != "unknown"]
    return int((known["rows"] - 1).clip(lower=0).sum())


def _output_fields(request: HarmoniseRequest, out) -> QgsFields:
    fields = QgsFields()
    fields.append(QgsField(request.code_field, QVariant.String))
    fields.append(QgsField(NAME_FIELD, QVariant.String))
    for name in [m for m in out.columns if m in request.measures]:
        fields.append(QgsField(name, QVariant.Double))
    fields.append(QgsField(SOURCES_FIELD, QVariant.String))
    return fields


def _recoded(out, fields: QgsFields, geometries: dict, feedback):
    names = [f.name() for f in fields]
    for number, row in enumerate(out[names].itertuples(index=False, name=None)):
        if feedback.isCanceled():
            raise CancelledError()
        feature = QgsFeature(fields)
        feature.setAttributes([_plain(v) for v in row])
        if row[0] in geometries:
            feature.setGeometry(geometries[row[0]])
        if number % 1000 == 0:
            feedback.setProgress(80 + 15.0 * number / max(len(out), 1))
        yield feature


def _fates(report, feedback):
    loc = localiser()  # the notes are read by people: in the interface language
    for row in report.fates[["code", "kind", "targets", "shares", "note", "rows"]].itertuples(index=False, name=None):
        if feedback.isCanceled():
            raise CancelledError()
        feature = QgsFeature(_REPORT_FIELDS)
        feature.setAttributes([str(v) for v in row[:4]] + [loc.text(row[4]), int(row[5])])
        yield feature


def _unions(parts: dict, feedback) -> dict:
    geometries = {}
    for number, (target, geoms) in enumerate(parts.items()):
        if feedback.isCanceled():
            raise CancelledError()
        geometries[target] = _union(geoms)
        if number % 500 == 0:
            feedback.setProgress(65 + 15.0 * number / max(len(parts), 1))
    return geometries


def _union(geoms: list) -> QgsGeometry:
    if len(geoms) == 1:
        geometry = QgsGeometry(geoms[0])
    else:
        geometry = QgsGeometry.unaryUnion(geoms)
        if geometry.isNull() or geometry.isEmpty():  # invalid inputs (self-intersections): repair, then retry
            geometry = QgsGeometry.unaryUnion([g.makeValid() for g in geoms])
        if geometry.isNull() or geometry.isEmpty():
            geometry = QgsGeometry.collectGeometry(geoms)
    geometry.convertToMultiType()
    return geometry


def _plain(value):
    """A QVariant NULL as None; other attribute values unchanged."""
    if value is None:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar -> Python
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value
