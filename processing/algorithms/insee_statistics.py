"""Processing algorithm ``terridata:insee_statistics`` ("Load INSEE statistics").

Dataset + measure(s) + geographic level + area → a table from INSEE's Melodi API, or a polygon layer when a
boundary layer is given (joined on a code field, optionally after re-coding the boundaries to the statistics' COG
vintage, dissolving merged communes). Codes that did not join are reported in the log and as outputs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ...core.territory_codes import normalise_code
from ...providers.insee import melodi_format as fmt
from ...providers.insee.melodi import GeoSelection, MelodiClient, MelodiError, split_filters
from ...providers.insee.provider import ATTRIBUTION, LICENCE, LICENCE_URL, PRODUCER
from ...toolbelt.network import NetworkError
from ..base import TerriDataAlgorithm

# (Melodi level code, label) of the observations
LEVELS = [
    ("COM", QT_TRANSLATE_NOOP("TerriData", "Communes")),
    ("DEP", QT_TRANSLATE_NOOP("TerriData", "Départements")),
    ("REG", QT_TRANSLATE_NOOP("TerriData", "Régions")),
    ("EPCI", "EPCI"),
    ("ARM", QT_TRANSLATE_NOOP("TerriData", "Arrondissements")),
]
# (level code, label) of the area; "" = whole country
AREAS = [
    ("", QT_TRANSLATE_NOOP("TerriData", "Whole country")),
    ("DEP", QT_TRANSLATE_NOOP("TerriData", "Département")),
    ("REG", QT_TRANSLATE_NOOP("TerriData", "Région")),
    ("EPCI", "EPCI"),
    ("COM", QT_TRANSLATE_NOOP("TerriData", "Commune")),
]
_COG_LEVEL = {
    "COM": "commune",
    "DEP": "departement",
    "REG": "region",
    "EPCI": "epci",
    "ARM": "arrondissement-municipal",
}


@dataclass(frozen=True)
class StatisticsRequest:
    """The parameters of one run, read once at the edge of the algorithm (the boundary layer and the output sink
    stay QGIS objects, made from the parameters where they are used)."""

    dataset: str
    measures: list
    pivot: str
    level: str
    area_level: str
    area_code: str
    period: str
    filters: dict
    expand_with_cog: bool
    join_field: str
    harmonise: bool
    boundary_vintage: int


class LoadInseeStatistics(TerriDataAlgorithm):
    NAME = "insee_statistics"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Load INSEE statistics")
    GROUP = "data"

    DATASET, MEASURES, PIVOT, LEVEL = "DATASET", "MEASURES", "PIVOT_DIMENSION", "LEVEL"
    AREA_LEVEL, AREA_CODE, EXPAND_WITH_COG, PERIOD, FILTERS = (
        "AREA_LEVEL",
        "AREA_CODE",
        "EXPAND_WITH_COG",
        "PERIOD",
        "FILTERS",
    )
    BOUNDARIES, JOIN_FIELD, HARMONISE, BOUNDARY_VINTAGE, OUTPUT = (
        "BOUNDARIES",
        "JOIN_FIELD",
        "HARMONISE",
        "BOUNDARY_VINTAGE",
        "OUTPUT",
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterString(
                self.DATASET, self.tr("Melodi dataset identifier"), defaultValue="DS_POPULATIONS_REFERENCE"
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.MEASURES,
                self.tr("Measures (comma-separated values of the pivot dimension, or measure names; empty = all)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PIVOT,
                self.tr("Dimension whose values become columns (e.g. POPREF_MEASURE; empty = guessed from measures)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.LEVEL, self.tr("Geographic level"), options=[self.tr(lab) for _, lab in LEVELS], defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.AREA_LEVEL, self.tr("Area type"), options=[self.tr(lab) for _, lab in AREAS], defaultValue=1
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.AREA_CODE, self.tr("Area code (e.g. 50 for Manche, 200000172 for an EPCI)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.EXPAND_WITH_COG,
                self.tr("List the area's territories through the COG instead of Melodi's area filter"),
                defaultValue=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PERIOD, self.tr("Period(s) (TIME_PERIOD, comma-separated; empty = all)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.FILTERS, self.tr("Dimension filters (e.g. SEX=F;AGE=Y20T64)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.BOUNDARIES,
                self.tr("Boundary layer to join to (empty = output a table)"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.JOIN_FIELD,
                self.tr("Territory code field of the boundary layer"),
                parentLayerParameterName=self.BOUNDARIES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.HARMONISE,
                self.tr("Re-code the boundaries to the statistics' COG vintage first (merged communes dissolved)"),
                defaultValue=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.BOUNDARY_VINTAGE,
                self.tr("COG vintage (year) of the boundary codes"),
                type=QgsProcessingParameterNumber.Integer,
                optional=True,
                minValue=1943,
                maxValue=2100,
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("INSEE statistics")))
        self.addOutput(QgsProcessingOutputNumber("ROW_COUNT", self.tr("Rows received from INSEE")))
        self.addOutput(QgsProcessingOutputNumber("UNJOINED_COUNT", self.tr("Codes that did not join")))
        self.addOutput(
            QgsProcessingOutputString("UNJOINED_BOUNDARY_CODES", self.tr("Boundary codes without statistics"))
        )
        self.addOutput(QgsProcessingOutputString("UNJOINED_STAT_CODES", self.tr("Statistics codes without boundary")))
        self.addOutput(QgsProcessingOutputString("PERIOD_USED", self.tr("Period of the joined statistics")))

    # ------------------------------------------------------------------------------------------------------------
    def checkParameterValues(self, parameters, context):
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        dataset = self.parameterAsString(parameters, self.DATASET, context).strip()
        if not dataset or any(c in dataset for c in "/?&# "):
            return False, self.tr(
                "Give a Melodi dataset identifier such as DS_POPULATIONS_REFERENCE (got {!r}).", dataset
            )
        area_level = AREAS[self.parameterAsEnum(parameters, self.AREA_LEVEL, context)][0]
        area_code = self.parameterAsString(parameters, self.AREA_CODE, context).strip()
        if area_level and not area_code:
            return False, self.tr(
                "Give the code of the {} to load (Area code).", AREAS[[a for a, _ in AREAS].index(area_level)][1]
            )
        try:
            split_filters(self.parameterAsString(parameters, self.FILTERS, context))
        except ValueError as exc:
            return False, str(exc)
        source = self.parameterAsSource(parameters, self.BOUNDARIES, context)
        if source is not None:
            field = self.parameterAsString(parameters, self.JOIN_FIELD, context)
            if not field:
                return False, self.tr("Choose the field of the boundary layer that holds the territory codes.")
            if source.fields().lookupField(field) < 0:
                return False, self.tr("The boundary layer has no field {}.", field)
            if self.parameterAsBoolean(parameters, self.HARMONISE, context) and not parameters.get(
                self.BOUNDARY_VINTAGE
            ):
                return False, self.tr(
                    "To re-code the boundaries, give the COG vintage of their codes "
                    "(e.g. 2018 for ADMIN EXPRESS COG 2018)."
                )
        return True, ""

    # ------------------------------------------------------------------------------------------------------------
    def _request(self, parameters, context) -> StatisticsRequest:
        """Every parameter, read once; below this only the output sink is made from ``parameters``."""
        measures = self.parameterAsString(parameters, self.MEASURES, context).split(",")
        return StatisticsRequest(
            dataset=self.parameterAsString(parameters, self.DATASET, context).strip(),
            measures=[m.strip() for m in measures if m.strip()],
            pivot=self.parameterAsString(parameters, self.PIVOT, context).strip().upper(),
            level=LEVELS[self.parameterAsEnum(parameters, self.LEVEL, context)][0],
            area_level=AREAS[self.parameterAsEnum(parameters, self.AREA_LEVEL, context)][0],
            area_code=self.parameterAsString(parameters, self.AREA_CODE, context).strip().upper(),
            period=self.parameterAsString(parameters, self.PERIOD, context).strip(),
            filters=split_filters(self.parameterAsString(parameters, self.FILTERS, context)),
            expand_with_cog=self.parameterAsBoolean(parameters, self.EXPAND_WITH_COG, context),
            join_field=self.parameterAsString(parameters, self.JOIN_FIELD, context),
            harmonise=self.parameterAsBoolean(parameters, self.HARMONISE, context),
            boundary_vintage=self.parameterAsInt(parameters, self.BOUNDARY_VINTAGE, context),
        )

    def processAlgorithm(self, parameters, context, feedback):
        request = self._request(parameters, context)
        dataset, measures, pivot = request.dataset, request.measures, request.pivot
        level, area_level, area_code = request.level, request.area_level, request.area_code
        period, filters = request.period, request.filters
        source = self.parameterAsSource(parameters, self.BOUNDARIES, context)

        def make_sink(fields, geometry_type, crs=None):
            crs = crs if crs is not None else QgsCoordinateReferenceSystem()
            sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, geometry_type, crs)
            if sink is None:
                raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
            return sink, dest_id

        steps = QgsProcessingMultiStepFeedback(3 if source is not None else 2, feedback)

        # 1. the territories and the observations
        selection = GeoSelection(level=level, area_level=area_level, area_code=area_code)
        if area_level and area_level != level and (area_level == "EPCI" or request.expand_with_cog):
            selection.codes = self._members_from_cog(area_code, area_level, level)
        feedback.pushInfo(self.tr("Loading {} for {}", dataset, selection.describe()))
        client = MelodiClient(feedback=steps)
        try:
            long = client.fetch_long(
                dataset, selection, period=period, filters=self._with_pivot_filter(filters, pivot, measures)
            )
            self.check_cancelled(feedback)
            if not pivot and measures:
                pivot = fmt.detect_pivot(long, measures)
                if pivot:
                    feedback.pushInfo(self.tr("Columns taken from the values of the dimension {}", pivot))
            table = fmt.tidy(long, pivot=pivot, keep_values=measures or None)
        except (MelodiError, NetworkError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        except fmt.MelodiFormatError as exc:
            raise QgsProcessingException(self.tr("INSEE statistics of {}: {}", dataset, exc)) from exc
        feedback.pushInfo(self.tr("{} requests to INSEE Melodi, {} observations", client.requests_made, len(long)))
        if table.empty:
            feedback.reportError(
                self.tr(
                    "INSEE Melodi has no data of {} for {} (period {}, filters {}). Check the period and the filters "
                    "against the dataset's description.",
                    dataset,
                    selection.describe(),
                    period or self.tr("any"),
                    filters or self.tr("none"),
                )
            )
        value_cols = [c for c in table.columns if c not in self._key_columns(table, long, pivot)]
        vintage = sorted({v for v in table[fmt.VINTAGE_COL].astype(str) if v}) if not table.empty else []
        steps.setCurrentStep(1)

        results = {
            "ROW_COUNT": len(table),
            "UNJOINED_COUNT": 0,
            "UNJOINED_BOUNDARY_CODES": "",
            "UNJOINED_STAT_CODES": "",
        }
        if source is None:
            results["PERIOD_USED"] = ",".join(sorted(table[fmt.PERIOD_COL].astype(str).unique())) if len(table) else ""
            results[self.OUTPUT] = self._write_table(make_sink, context, dataset, table, value_cols, steps)
            return results

        # 2. boundaries (re-coded and dissolved if asked) and the join
        try:
            joined, period_used = fmt.one_row_per_code(table, value_cols)
        except fmt.MelodiFormatError as exc:
            raise QgsProcessingException(self.tr("Cannot join {} to the boundaries: {}", dataset, exc)) from exc
        if period_used and table[fmt.PERIOD_COL].nunique() > 1:
            feedback.pushWarning(self.tr("Several periods received: the latest, {}, is joined", period_used))
        harmonise = request.harmonise
        groups = self._boundary_groups(source, request.join_field, level, steps)
        if harmonise:
            from_vintage = request.boundary_vintage
            to_vintage = int(vintage[-1]) if vintage else None
            groups = self._harmonise(groups, from_vintage, to_vintage, level, feedback)
        steps.setCurrentStep(2)
        by_code = {str(r[fmt.CODE_COL]): r for r in joined.to_dict("records")}
        unjoined_boundary, unjoined_stats = fmt.join_report(groups.keys(), by_code.keys())
        if unjoined_boundary:
            feedback.pushWarning(
                self.tr(
                    "{} boundary code(s) got no statistics: {}",
                    len(unjoined_boundary),
                    ", ".join(unjoined_boundary),
                )
            )
            if not harmonise:
                feedback.pushWarning(
                    self.tr(
                        "Codes often stop matching because communes merged between the boundaries' COG vintage and "
                        "the statistics' ({}): tick the re-coding option and give the boundaries' vintage.",
                        ", ".join(vintage) or "?",
                    )
                )
        if unjoined_stats:
            feedback.pushWarning(
                self.tr("{} statistics code(s) found no boundary: {}", len(unjoined_stats), ", ".join(unjoined_stats))
            )
        results.update(
            {
                "UNJOINED_COUNT": len(unjoined_boundary) + len(unjoined_stats),
                "UNJOINED_BOUNDARY_CODES": ",".join(unjoined_boundary),
                "UNJOINED_STAT_CODES": ",".join(unjoined_stats),
                "PERIOD_USED": period_used,
            }
        )
        results[self.OUTPUT] = self._write_layer(
            make_sink, context, source, groups, by_code, value_cols, harmonise, dataset, steps
        )
        return results

    # ------------------------------------------------------------------------------------------------------------
    @staticmethod
    def _with_pivot_filter(filters: dict, pivot: str, measures: list) -> dict:
        filters = dict(filters)
        if pivot and measures and pivot not in filters:
            filters[pivot] = list(measures)
        return filters

    @staticmethod
    def _key_columns(table, long, pivot) -> list:
        """Columns of ``table`` that identify a row (code, level, vintage, period, varying dimensions)."""
        dims = set(long.columns) - {"measure", "value", pivot}
        return [c for c in table.columns if c in dims]

    def _members_from_cog(self, area_code: str, area_level: str, level: str) -> list:
        try:
            from ...core.cog.referential import default_referential

            ref = default_referential()
            codes = ref.members(area_code, _COG_LEVEL[area_level], member_level=_COG_LEVEL.get(level, "commune"))
        except (KeyError, ValueError) as exc:
            raise QgsProcessingException(
                self.tr("The COG does not know the {} {}: {}", area_level, area_code, exc)
            ) from exc
        except ImportError as exc:
            raise QgsProcessingException(self.tr("The COG referential is not available: {}", exc)) from exc
        if not codes:
            raise QgsProcessingException(self.tr("The {} {} has no {} in the COG", area_level, area_code, level))
        return codes

    def _boundary_groups(self, source, field_name: str, level: str, feedback) -> dict:
        """``{code: [(source code, geometry), ...]}`` of the boundary features."""
        groups = {}
        total = source.featureCount() or 1
        index = source.fields().lookupField(field_name)
        # Only codes are read and polygons copied or dissolved: invalid boundary polygons (common in simplified
        # boundaries) are kept as they are instead of stopping the algorithm.
        features = source.getFeatures(QgsFeatureRequest(), QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)
        for number, feature in enumerate(features):
            self.check_cancelled(feedback)
            code = normalise_code(feature.attribute(index), level)
            groups.setdefault(code, []).append((code, feature))
            feedback.setProgress(100.0 * number / total)
        groups.pop("", None)
        return groups

    def _harmonise(self, groups: dict, from_vintage: int, to_vintage, level: str, feedback) -> dict:
        """Re-code the boundary codes from ``from_vintage`` to ``to_vintage`` (communes)."""
        if level not in ("COM", "ARM"):
            feedback.pushWarning(self.tr("Re-coding applies to commune codes only; boundaries kept as they are"))
            return groups
        try:
            from ...core.cog.referential import default_referential

            ref = default_referential()
            target = to_vintage or ref.vintages[-1]
        except (ImportError, ValueError) as exc:
            raise QgsProcessingException(self.tr("The COG referential is not available: {}", exc)) from exc
        feedback.pushInfo(self.tr("Re-coding the boundaries from the COG {} to the COG {}", from_vintage, target))
        out = {}
        splits, unknown, merged = [], [], 0
        for code, items in groups.items():
            try:
                shares = ref.successor_shares(code, from_vintage, target)
            except ValueError as exc:
                raise QgsProcessingException(
                    self.tr("Cannot re-code from {} to {}: {}", from_vintage, target, exc)
                ) from exc
            if not shares:
                unknown.append(code)
                new = code
            else:
                new = max(sorted(shares), key=lambda c: shares[c])
                if len(shares) > 1:
                    splits.append(f"{code}→{'+'.join(sorted(shares))}")
            if new != code:
                merged += 1
            out.setdefault(new, []).extend(items)
        feedback.pushInfo(self.tr("{} boundary codes re-coded, {} territories after re-coding", merged, len(out)))
        if splits:
            feedback.pushWarning(
                self.tr(
                    "Split communes (their boundary goes to the largest successor only): {}", ", ".join(sorted(splits))
                )
            )
        if unknown:
            feedback.pushWarning(
                self.tr("Codes unknown in the COG {}, kept as they are: {}", from_vintage, ", ".join(sorted(unknown)))
            )
        return out

    # ------------------------------------------------------------------------------------------------------------
    @staticmethod
    def _stat_fields(table, value_cols) -> QgsFields:
        fields = QgsFields()
        for column in table.columns:
            if column in value_cols:
                fields.append(QgsField(str(column), QVariant.Double))
            else:
                fields.append(QgsField(str(column), QVariant.String))
        return fields

    @staticmethod
    def _value(v):
        if v is None:
            return None
        if isinstance(v, float) and math.isnan(v):
            return None
        return v

    def _write_table(self, make_sink, context, dataset: str, table, value_cols, feedback) -> str:
        fields = self._stat_fields(table, value_cols)
        sink, dest_id = make_sink(fields, QgsWkbTypes.NoGeometry)
        columns = list(table.columns)
        total = len(table) or 1
        for number, row in enumerate(table.itertuples(index=False)):
            self.check_cancelled(feedback)
            feature = QgsFeature(fields)
            feature.setAttributes(
                [
                    self._value(float(v)) if c in value_cols and v is not None else self._value(v)
                    for c, v in zip(columns, row)
                ]
            )
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
            if number % 1000 == 0:
                feedback.setProgress(100.0 * number / total)
        sink.flushBuffer()
        del sink  # closes the file, so that the licence can be written into it
        self._credit_file(dest_id, dataset, feedback)
        self.on_load(context, dest_id, source=source_metadata(dataset))
        return dest_id

    def _write_layer(self, make_sink, context, source, groups, by_code, value_cols, harmonise, dataset, feedback):
        stat_cols = [fmt.LEVEL_COL, fmt.VINTAGE_COL, fmt.PERIOD_COL] + list(value_cols)
        fields = QgsFields()
        if harmonise:
            fields.append(QgsField(fmt.CODE_COL, QVariant.String))
            fields.append(QgsField("source_codes", QVariant.String))
        else:
            for f in source.fields():
                fields.append(f)
        names = {f.name().lower() for f in fields}
        out_names = {}
        for column in stat_cols:
            name = column if column.lower() not in names else f"insee_{column}"
            out_names[column] = name
            names.add(name.lower())
            fields.append(QgsField(name, QVariant.Double if column in value_cols else QVariant.String))
        geom_type = QgsWkbTypes.multiType(source.wkbType())
        sink, dest_id = make_sink(fields, geom_type, source.sourceCrs())
        total = len(groups) or 1
        for number, (code, items) in enumerate(sorted(groups.items())):
            self.check_cancelled(feedback)
            stats = by_code.get(code, {})
            stat_values = [self._value(stats.get(c)) for c in stat_cols]
            if harmonise:
                geometries = [f.geometry() for _, f in items if f.hasGeometry()]
                geometry = QgsGeometry.unaryUnion(geometries) if len(geometries) > 1 else geometries[0]
                if geometry is None or geometry.isNull():
                    geometry = QgsGeometry.collectGeometry(geometries)
                geometry.convertToMultiType()
                feature = QgsFeature(fields)
                feature.setGeometry(geometry)
                feature.setAttributes([code, ",".join(sorted({c for c, _ in items}))] + stat_values)
                sink.addFeature(feature, QgsFeatureSink.FastInsert)
            else:
                for _, src in items:
                    feature = QgsFeature(fields)
                    geometry = QgsGeometry(src.geometry())
                    geometry.convertToMultiType()
                    feature.setGeometry(geometry)
                    feature.setAttributes(list(src.attributes()) + stat_values)
                    sink.addFeature(feature, QgsFeatureSink.FastInsert)
            feedback.setProgress(100.0 * number / total)
        sink.flushBuffer()
        del sink  # closes the file, so that the licence can be written into it
        self._credit_file(dest_id, dataset, feedback)
        self.on_load(
            context,
            dest_id,
            graduated_field=out_names[value_cols[0]] if value_cols else "",
            source=source_metadata(dataset),
        )
        return dest_id

    def _credit_file(self, dest_id: str, dataset: str, feedback) -> None:
        """For a GeoPackage output, save INSEE's licence and attribution inside it (so they travel with the
        file, also when the algorithm runs from qgis_process or in a model)."""
        path = str(dest_id).split("|")[0]
        if not path.lower().endswith(".gpkg"):
            return
        from ...providers.layer_metadata import apply_source_metadata

        try:
            apply_source_metadata(dest_id, source_metadata(dataset))
        except (OSError, ValueError) as exc:
            feedback.pushWarning(self.tr("Could not write INSEE's licence into {}: {}", path, exc))


def source_metadata(dataset: str) -> dict:
    """Licence and attribution of an INSEE Melodi dataset, as `apply_source_metadata` takes them."""
    return {
        "identifier": f"insee:{dataset}",
        "title": f"INSEE – {dataset}",
        "abstract": f"INSEE statistics, dataset {dataset}, from the Melodi API (https://api.insee.fr/melodi).",
        "keywords": ["INSEE", dataset],
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": ATTRIBUTION,
        "producer": PRODUCER,
    }
