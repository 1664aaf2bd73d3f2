"""Processing algorithm ``terridata:rollup_territories``: commune-level table → EPCI, département or région.

Uses the COG referential of the chosen vintage (:func:`core.cog.default_referential`, ``ancestors``) for the
commune → EPCI / département / région hierarchy; the totals are computed by :func:`core.aggregation.rollup`.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ...core.aggregation.rollup import rollup
from ...core.aggregation.stats import safe_field_name
from ...core.territory_codes import normalise_code
from ..base import TerriDataAlgorithm
from ..enum_choices import enum_key, keyed_enum
from ..ogr_arrays import numeric_array, read_arrays, vector_input
from ..postgis_engine.rollup import rollup_in_database
from ..postgis_engine.zones import PostgisError, database_layer

LEVEL_CHOICES = [
    ("epci", QT_TRANSLATE_NOOP("TerriData", "EPCI (intercommunality)")),
    ("departement", QT_TRANSLATE_NOOP("TerriData", "Département")),
    ("region", QT_TRANSLATE_NOOP("TerriData", "Région")),
]


class RollupTerritories(TerriDataAlgorithm):
    NAME = "rollup_territories"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Roll up communes to EPCI, départements or régions")
    GROUP = "aggregation"

    INPUT, CODE_FIELD, LEVEL, VINTAGE = "INPUT", "CODE_FIELD", "LEVEL", "VINTAGE"
    SUM_FIELDS, RATE_FIELDS, WEIGHT, OUTPUT, UNMATCHED = "SUM_FIELDS", "RATE_FIELDS", "WEIGHT", "OUTPUT", "UNMATCHED"
    ENGINE = "ENGINE"
    ENGINE_OPTIONS = [
        QT_TRANSLATE_NOOP("TerriData", "Automatic (in the database when the table is a PostGIS table)"),
        QT_TRANSLATE_NOOP("TerriData", "Desktop (in QGIS)"),
        QT_TRANSLATE_NOOP("TerriData", "Database (in PostGIS)"),
    ]

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Table keyed by commune code"), [QgsProcessing.TypeVector]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CODE_FIELD, self.tr("Commune code field (INSEE code)"), parentLayerParameterName=self.INPUT
            )
        )
        level = keyed_enum(self.LEVEL, self.tr("Roll up to"), LEVEL_CHOICES, default="epci")
        self.addParameter(level)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.VINTAGE,
                self.tr("COG vintage (year; empty = latest)"),
                type=QgsProcessingParameterNumber.Integer,
                optional=True,
                minValue=1943,
                maxValue=2100,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.SUM_FIELDS,
                self.tr("Additive fields (summed)"),
                parentLayerParameterName=self.INPUT,
                type=QgsProcessingParameterField.Numeric,
                allowMultiple=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.RATE_FIELDS,
                self.tr("Rate fields (weighted mean)"),
                parentLayerParameterName=self.INPUT,
                type=QgsProcessingParameterField.Numeric,
                allowMultiple=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.WEIGHT,
                self.tr("Weight of the rates (e.g. population; empty = unweighted mean)"),
                parentLayerParameterName=self.INPUT,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        engine = QgsProcessingParameterEnum(
            self.ENGINE, self.tr("Engine"), options=[self.tr(o) for o in self.ENGINE_OPTIONS], defaultValue=0
        )
        engine.setFlags(engine.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(engine)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Totals"), QgsProcessing.TypeVector))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.UNMATCHED,
                self.tr("Codes not found in the COG"),
                QgsProcessing.TypeVector,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("NOT_FOUND", self.tr("Distinct codes not found")))
        self.addOutput(QgsProcessingOutputString("NOT_FOUND_CODES", self.tr("Codes not found (comma-separated)")))

    def _referential(self):
        from ...core.cog import default_referential

        try:
            return default_referential()
        except Exception as exc:  # noqa: BLE001 - any failure to load the snapshot is reported the same way
            raise QgsProcessingException(self.tr("The COG referential could not be loaded: {}", exc)) from exc

    def _vintage(self, parameters, context, ref):
        value = parameters.get(self.VINTAGE)
        if value in (None, ""):
            return ref.latest_vintage(enum_key(self, parameters, self.LEVEL, context) or "epci")
        year = self.parameterAsInt(parameters, self.VINTAGE, context)
        if year not in ref.vintages:
            raise QgsProcessingException(
                self.tr(
                    "No COG vintage {} in TerriData's referential: choose one of {}.",
                    year,
                    ", ".join(str(v) for v in ref.vintages),
                )
            )
        return year

    def checkParameterValues(self, parameters, context):
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is not None and source.featureCount() == 0:
            return False, self.tr("The input table is empty: nothing to roll up.")
        sums = self.parameterAsFields(parameters, self.SUM_FIELDS, context)
        rates = self.parameterAsFields(parameters, self.RATE_FIELDS, context)
        if not sums and not rates:
            return False, self.tr("Choose at least one additive field or one rate field to roll up.")
        if source is not None:
            names = source.fields()
            for f in sums + rates + [self.parameterAsString(parameters, self.WEIGHT, context) or ""]:
                i = names.lookupField(f) if f else -1
                if i >= 0 and not names.at(i).isNumeric():
                    return False, self.tr("Field {} is not numeric: only numbers can be summed or averaged.", f)
        try:
            self._vintage(parameters, context, self._referential())
        except QgsProcessingException as exc:
            return False, str(exc)
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):
        ref = self._referential()
        vintage = self._vintage(parameters, context, ref)
        level = enum_key(self, parameters, self.LEVEL, context) or "epci"
        code_field = self.parameterAsString(parameters, self.CODE_FIELD, context)
        sums = self.parameterAsFields(parameters, self.SUM_FIELDS, context)
        rates = self.parameterAsFields(parameters, self.RATE_FIELDS, context)
        weight = self.parameterAsString(parameters, self.WEIGHT, context) or ""

        def parent_of(code):
            try:
                return ref.ancestors(code, vintage).get(level)
            except (KeyError, ValueError):
                return None

        engine = self.parameterAsEnum(parameters, self.ENGINE, context) if self.ENGINE in parameters else 0
        database = None
        if engine != 1:
            _layer, database, reason = database_layer(self, parameters, context, self.INPUT, False)
            if database is None and engine == 2:
                raise QgsProcessingException(
                    self.tr("The database engine cannot run: {}. Choose the automatic or desktop engine.", reason)
                )
        if database is not None:
            feedback.pushInfo(self.tr("Database engine: the roll-up runs in {}.", database.label))
            try:
                result, rows_per_code = rollup_in_database(
                    database, code_field, parent_of, sums, rates, weight, feedback
                )
            except PostgisError as exc:
                raise QgsProcessingException(str(exc)) from None
            feedback.pushInfo(
                self.tr("Rolled {} rows up to {} with the COG {}.", int(sum(rows_per_code.values())), level, vintage)
            )
        else:
            wanted = list(dict.fromkeys([code_field] + sums + rates + ([weight] if weight else [])))
            table = vector_input(self, parameters, self.INPUT, context)
            arrays = read_arrays(table, wanted, feedback, need_geometry=False)
            self.check_cancelled(feedback)
            codes = [normalise_code(v) for v in arrays.attributes[code_field].tolist()]
            feedback.pushInfo(self.tr("Rolling {} rows up to {} with the COG {}…", len(codes), level, vintage))
            result = rollup(
                codes,
                parent_of,
                additive={f: numeric_array(arrays.attributes[f]) for f in sums},
                rates={f: numeric_array(arrays.attributes[f]) for f in rates},
                weights=numeric_array(arrays.attributes[weight]) if weight else None,
            )
            rows_per_code = {}
            for c in codes:
                rows_per_code[c] = rows_per_code.get(c, 0) + 1
        feedback.setProgress(70)
        fields = QgsFields()
        fields.append(QgsField("code", QVariant.String))
        fields.append(QgsField("name", QVariant.String))
        fields.append(QgsField("level", QVariant.String))
        fields.append(QgsField("vintage", QVariant.Int))
        fields.append(QgsField("n_rows", QVariant.Int))
        used = {f.name() for f in fields}
        sum_names = [safe_field_name(f, used) for f in sums]
        rate_names = [safe_field_name(f, used) for f in rates]
        for n in sum_names + rate_names:
            fields.append(QgsField(n, QVariant.Double, "double", 20, 6))
        weight_name = safe_field_name(f"{weight}_total", used) if weight and rates else ""
        if weight_name:
            fields.append(QgsField(weight_name, QVariant.Double, "double", 20, 6))
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))

        def clean(v):
            return None if v != v else float(v)

        out = []
        for i, parent in enumerate(result.parents):
            f = QgsFeature(fields)
            attrs = [parent, ref.name(parent, vintage, level=level), level, vintage, int(result.n_rows[i])]
            attrs += [clean(result.sums[s][i]) for s in sums] + [clean(result.rates[r][i]) for r in rates]
            if weight_name:
                attrs.append(clean(result.weight_totals[i]))
            f.setAttributes(attrs)
            out.append(f)
        sink.addFeatures(out, QgsFeatureSink.FastInsert)
        results = {self.OUTPUT: dest_id, "NOT_FOUND": len(result.not_found)}
        results["NOT_FOUND_CODES"] = ",".join(c or "(empty)" for c in result.not_found)
        if result.not_found:
            shown = ", ".join(c or self.tr("(empty)") for c in result.not_found[:20])
            feedback.pushWarning(
                self.tr(
                    "{} code(s) ({} rows) have no {} in the COG {}: {}{}. Codes of another vintage can be "
                    "converted with 'Harmonise territorial codes' (terridata:harmonise_cog) first.",
                    len(result.not_found),
                    result.rows_not_found,
                    level,
                    vintage,
                    shown,
                    " …" if len(result.not_found) > 20 else "",
                )
            )
        unmatched_fields = QgsFields()
        unmatched_fields.append(QgsField("code", QVariant.String))
        unmatched_fields.append(QgsField("rows", QVariant.Int))
        sink2, dest2 = self.parameterAsSink(
            parameters,
            self.UNMATCHED,
            context,
            unmatched_fields,
            QgsWkbTypes.NoGeometry,
            QgsCoordinateReferenceSystem(),
        )
        if sink2 is not None:
            counts = rows_per_code
            rows = []
            for c in result.not_found:
                f = QgsFeature(unmatched_fields)
                f.setAttributes([c, counts.get(c, 0)])
                rows.append(f)
            sink2.addFeatures(rows, QgsFeatureSink.FastInsert)
            results[self.UNMATCHED] = dest2
        feedback.setProgress(100)
        return results
