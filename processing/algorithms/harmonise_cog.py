"""Processing algorithm ``terridata:harmonise_cog`` ("Harmonise territorial codes").

Re-codes a table or layer keyed by commune codes from one COG vintage to another (``core/cog/harmonise.py`` does
the work on a pandas table): merged communes are summed (rates averaged with a weight), split communes are
allocated by population, unknown codes are listed. A layer's geometries are dissolved per new code.
"""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
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

from ...core.cog.referential import default_referential
from ...core.cog.snapshot import EMBEDDED_VINTAGES
from ..base import TerriDataAlgorithm

# fates of core.cog.harmonise.KINDS (pandas is imported only when the algorithm runs, not when QGIS starts)
KINDS = ("unchanged", "recoded", "merged", "split", "unknown")
NAME_FIELD = "cog_name"
SOURCES_FIELD = "source_codes"


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
            self.addOutput(QgsProcessingOutputNumber(f"{kind.upper()}_COUNT", self.tr("Codes {}", kind)))
        self.addOutput(QgsProcessingOutputString("SOURCE_VINTAGE_USED", self.tr("COG vintage of the input codes")))
        self.addOutput(QgsProcessingOutputString("UNKNOWN_CODES", self.tr("Unknown codes")))

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

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        import pandas as pd

        from ...core.cog.harmonise import harmonise, vintage_label

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        code_field = self.parameterAsString(parameters, self.CODE_FIELD, context)
        additive, rates, weight = self._fields(parameters, context)
        keep_unknown = self.parameterAsBoolean(parameters, self.KEEP_UNKNOWN, context)
        source_vintage = self.SOURCE_CHOICES[self.parameterAsEnum(parameters, self.SOURCE_VINTAGE, context)]
        target = EMBEDDED_VINTAGES[self.parameterAsEnum(parameters, self.TARGET_VINTAGE, context)]
        fields = source.fields()
        measures = list(dict.fromkeys(additive + ([weight] if weight else []) + rates))
        for name in [code_field] + measures:
            if fields.lookupField(name) < 0:
                raise QgsProcessingException(self.tr("Field {} not found in the input", name))
        has_geometry = QgsWkbTypes.geometryType(source.wkbType()) not in (
            QgsWkbTypes.NullGeometry,
            QgsWkbTypes.UnknownGeometry,
        )

        # 1. attributes (one pass, no geometry)
        feedback.setProgressText(self.tr("Reading the input codes"))
        indices = [fields.lookupField(n) for n in [code_field] + measures]
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes(indices)
        columns = {name: [] for name in [code_field] + measures}
        total = source.featureCount() or 1
        for number, feature in enumerate(source.getFeatures(request)):
            if feedback.isCanceled():
                return {}
            attrs = feature.attributes()
            for name, index in zip(columns, indices):
                columns[name].append(_plain(attrs[index]))
            if number % 1000 == 0:
                feedback.setProgress(30.0 * number / total)
        if not columns[code_field]:
            raise QgsProcessingException(self.tr("The input has no feature: nothing to harmonise"))
        table = pd.DataFrame(columns)
        for name in measures:
            table[name] = pd.to_numeric(table[name], errors="coerce")

        # 2. re-coding
        feedback.setProgressText(self.tr("Re-coding to the COG {}", target))
        try:
            ref = default_referential()
            out, report = harmonise(
                table,
                code_field,
                source_vintage,
                target,
                additive=additive,
                rates=rates,
                weight=weight,
                referential=ref,
                keep_unknown=keep_unknown,
                name_column=NAME_FIELD,
            )
        except (ValueError, KeyError) as exc:
            raise QgsProcessingException(
                self.tr("Cannot harmonise the codes of field {}: {}", code_field, exc)
            ) from exc
        except FileNotFoundError as exc:
            raise QgsProcessingException(
                self.tr("The embedded COG referential is missing ({}): reinstall the plugin", exc)
            ) from exc
        feedback.setProgress(40)
        if feedback.isCanceled():
            return {}

        # 3. geometries dissolved per target code
        geometries = {}
        if has_geometry:
            geometries = self._dissolve(source, fields.lookupField(code_field), report, keep_unknown, feedback)
            if feedback.isCanceled():
                return {}

        # 4. outputs
        out_fields = QgsFields()
        out_fields.append(QgsField(code_field, QVariant.String))
        out_fields.append(QgsField(NAME_FIELD, QVariant.String))
        for name in [m for m in out.columns if m in measures]:
            out_fields.append(QgsField(name, QVariant.Double))
        out_fields.append(QgsField(SOURCES_FIELD, QVariant.String))
        wkb = QgsWkbTypes.multiType(source.wkbType()) if has_geometry else QgsWkbTypes.NoGeometry
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, out_fields, wkb, source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        names = [f.name() for f in out_fields]
        for number, row in enumerate(out[names].itertuples(index=False, name=None)):
            if feedback.isCanceled():
                return {}
            feature = QgsFeature(out_fields)
            feature.setAttributes([_plain(v) for v in row])
            if has_geometry and row[0] in geometries:
                feature.setGeometry(geometries[row[0]])
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
            if number % 1000 == 0:
                feedback.setProgress(80 + 15.0 * number / max(len(out), 1))

        report_fields = QgsFields()
        for name in ("code", "kind", "targets", "shares", "note"):
            report_fields.append(QgsField(name, QVariant.String))
        report_fields.append(QgsField("rows", QVariant.Int))
        report_sink, report_id = self.parameterAsSink(
            parameters, self.REPORT, context, report_fields, QgsWkbTypes.NoGeometry
        )
        if report_sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.REPORT))
        fates = report.fates
        for row in fates[["code", "kind", "targets", "shares", "note", "rows"]].itertuples(index=False, name=None):
            if feedback.isCanceled():
                return {}
            feature = QgsFeature(report_fields)
            feature.setAttributes([str(v) for v in row[:5]] + [int(row[5])])
            report_sink.addFeature(feature, QgsFeatureSink.FastInsert)
        feedback.setProgress(100)

        # 5. summary
        label = vintage_label(report.source_vintage, ref)
        counts = report.counts
        feedback.pushInfo(
            self.tr(
                "{} input codes (COG {}) re-coded to the COG {}: {} unchanged, {} recoded, {} merged, {} split, "
                "{} unknown; {} output rows",
                sum(counts.values()),
                label,
                target,
                counts["unchanged"],
                counts["recoded"],
                counts["merged"],
                counts["split"],
                counts["unknown"],
                len(out),
            )
        )
        for measure, before, after, unknown in report.totals.itertuples(index=False, name=None):
            feedback.pushInfo(
                self.tr(
                    "{}: total before {:.6g}, after {:.6g}, in unknown codes {:.6g}", measure, before, after, unknown
                )
            )
        if counts["split"]:
            split = fates[fates["kind"] == "split"]
            feedback.pushWarning(
                self.tr(
                    "Split communes, allocated by population{}: {}",
                    self.tr(" (each part gets the whole old geometry)") if has_geometry else "",
                    "; ".join(f"{c} → {t}" for c, t in zip(split["code"], split["targets"])),
                )
            )
        unknown_codes = report.unknown_codes
        if unknown_codes:
            unknown = fates[fates["kind"] == "unknown"]
            feedback.pushWarning(
                self.tr(
                    "Unknown codes ({}), {}: {}",
                    len(unknown_codes),
                    self.tr("kept as they are") if keep_unknown else self.tr("left out of the output"),
                    "; ".join(f"{c or '(empty)'}: {n}" for c, n in zip(unknown["code"][:50], unknown["note"][:50])),
                )
            )
        results = {
            self.OUTPUT: dest_id,
            self.REPORT: report_id,
            "SOURCE_VINTAGE_USED": label,
            "UNKNOWN_CODES": ",".join(unknown_codes),
        }
        results.update({f"{kind.upper()}_COUNT": counts[kind] for kind in KINDS})
        return results

    def _dissolve(self, source, code_index: int, report, keep_unknown: bool, feedback) -> dict:
        """``{target code: geometry}``: the union of the geometries of the input codes that end in each target."""
        from ...core.cog.harmonise import normalise_code

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
                return {}
            if not feature.hasGeometry():
                continue
            code = normalise_code(_plain(feature.attribute(code_index)))
            for target in targets_of.get(code, ()):
                parts.setdefault(target, []).append(feature.geometry())
            if number % 1000 == 0:
                feedback.setProgress(40 + 25.0 * number / total)
        geometries = {}
        for number, (target, geoms) in enumerate(parts.items()):
            if feedback.isCanceled():
                return {}
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
