"""Processing algorithm ``terridata:secret_statistique``: a confidential territory × category table + risk report."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core.privacy import cell_suppression as cs
from ...core.privacy.report import RiskReport
from ...core.privacy.values import describe_rows, invalid_amounts, invalid_counts, numbers, totals_are_exact
from ...core.territory_codes import normalise_code
from ...toolbelt.i18n import error_text
from ._privacy_io import OutputTable, PrivacyAlgorithm, epci_of_communes, read_input

UNIT_THRESHOLDS = (11, 3)  # persons/households, businesses
HIERARCHIES = ("epci_dep", "dep", "none")


class SecretStatistique(PrivacyAlgorithm):
    NAME = "secret_statistique"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Confidential aggregate table (statistical confidentiality)")

    INPUT = "INPUT"
    TERRITORY_FIELD = "TERRITORY_FIELD"
    CATEGORY_FIELD = "CATEGORY_FIELD"
    COUNT_FIELD = "COUNT_FIELD"
    AMOUNT_FIELD = "AMOUNT_FIELD"
    CONTRIBUTOR_FIELD = "CONTRIBUTOR_FIELD"
    UNIT_TYPE = "UNIT_TYPE"
    THRESHOLD = "THRESHOLD"
    DOMINANCE = "DOMINANCE"
    DOMINANCE_INCLUSIVE = "DOMINANCE_INCLUSIVE"
    HIERARCHY = "HIERARCHY"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Unit records or counts (table or layer)"), [QgsProcessing.TypeVector]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.TERRITORY_FIELD, self.tr("Commune code field (INSEE)"), parentLayerParameterName=self.INPUT
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CATEGORY_FIELD, self.tr("Category field"), parentLayerParameterName=self.INPUT
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.COUNT_FIELD,
                self.tr("Count field (units per row; empty: each row is one unit)"),
                parentLayerParameterName=self.INPUT,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.AMOUNT_FIELD,
                self.tr("Amount field (for the dominance rule)"),
                parentLayerParameterName=self.INPUT,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CONTRIBUTOR_FIELD,
                self.tr("Contributor id field (empty: each row is its own contributor)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self._add_rule_parameters()
        self.add_output_and_report(self.tr("Confidential table"), QgsProcessing.TypeVector)

    def _add_rule_parameters(self) -> None:
        self.addParameter(
            QgsProcessingParameterEnum(
                self.UNIT_TYPE,
                self.tr("Units"),
                options=[self.tr("Persons or households (threshold 11)"), self.tr("Businesses (threshold 3)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.THRESHOLD,
                self.tr("Frequency threshold (0: by unit type)"),
                defaultValue=0,
                minValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DOMINANCE,
                self.tr("Dominance: largest contributor share above which a cell is hidden (%; 0 disables)"),
                QgsProcessingParameterNumber.Double,
                defaultValue=85.0,
                minValue=0.0,
                maxValue=100.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.DOMINANCE_INCLUSIVE,
                self.tr('Dominance: also hide a share exactly equal to the limit ("85 % or more")'),
                defaultValue=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.HIERARCHY,
                self.tr("Territorial totals published"),
                options=[
                    self.tr("Commune → EPCI → département → total"),
                    self.tr("Commune → département → total"),
                    self.tr("Communes and grand total only"),
                ],
                defaultValue=0,
            )
        )

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        if self.parameterAsString(parameters, self.TERRITORY_FIELD, context) == self.parameterAsString(
            parameters, self.CATEGORY_FIELD, context
        ):
            return False, self.tr("The commune code field and the category field must be different fields.")
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        request = self._request(parameters, context)
        df, _, _ = read_input(self, parameters, self.INPUT, context, feedback, points=None)
        codes = self._validated_codes(parameters, context, request, df)
        self._check_numbers(parameters, context, request, df)  # then text holding numbers is read as numbers
        for name in (request.count_field, request.amount_field):
            if name:
                df[name] = numbers(df[name].tolist())
        notes = []
        epci_of = {}
        if request.hierarchy == "epci_dep":
            epci_of = self._epci(codes, notes)
        groupings = cs.hierarchy_from_codes(
            codes, epci_of, use_epci=request.hierarchy == "epci_dep", use_dep=request.hierarchy in ("epci_dep", "dep")
        )
        try:
            table = cs.build_table(
                codes.to_numpy(),
                df[request.category_field].to_numpy(dtype=object),
                groupings,
                weight=df[request.count_field].to_numpy(dtype=object) if request.count_field else None,
                amount=df[request.amount_field].to_numpy(dtype=object) if request.amount_field else None,
                contributor=df[request.contributor_field].to_numpy(dtype=object) if request.contributor_field else None,
            )
        except ValueError as error:
            raise self.refuse(
                parameters, context, self.tr("The table of {} could not be built: {}", request.input, error_text(error))
            ) from error
        if request.amount_field and not totals_are_exact(table["amount"]):
            raise self.refuse(
                parameters,
                context,
                self.tr(
                    "The amounts of {} add up to 2^53 or more (about 9.007e15): their totals could not be computed "
                    "exactly. Express them in a larger unit (thousands, millions) first.",
                    request.amount_field,
                ),
            )
        feedback.setProgress(30)
        feedback.pushInfo(self.tr("Suppressing cells of a table of {} cells…", len(table)))
        try:
            result = cs.protect(
                table,
                groupings,
                threshold=request.threshold,
                dominance=request.dominance if (request.amount_field and request.dominance > 0) else None,
                dominance_inclusive=request.inclusive,
                is_canceled=feedback.isCanceled,
            )
        except InterruptedError as error:
            raise QgsProcessingException(self.tr("Cancelled.")) from error
        feedback.setProgress(80)
        report = self._report(request, len(df), result, notes)
        dest_id = self.publish(parameters, context, feedback, OutputTable(_published(result.cells, request)), report)
        feedback.setProgress(100)
        return {
            self.OUTPUT: dest_id,
            self.REPORT_HTML: self.parameterAsFileOutput(parameters, self.REPORT_HTML, context),
            self.REPORT_JSON: self.parameterAsFileOutput(parameters, self.REPORT_JSON, context),
            "CELLS_HIDDEN": int(result.cells["hidden"].sum()),
        }

    def _request(self, parameters, context) -> TableRequest:
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.tr("The input layer could not be opened."))
        unit_type = self.parameterAsEnum(parameters, self.UNIT_TYPE, context)
        return TableRequest(
            input=source.sourceName(),
            territory_field=self.parameterAsString(parameters, self.TERRITORY_FIELD, context),
            category_field=self.parameterAsString(parameters, self.CATEGORY_FIELD, context),
            count_field=self.parameterAsString(parameters, self.COUNT_FIELD, context),
            amount_field=self.parameterAsString(parameters, self.AMOUNT_FIELD, context),
            contributor_field=self.parameterAsString(parameters, self.CONTRIBUTOR_FIELD, context),
            threshold=self.parameterAsInt(parameters, self.THRESHOLD, context) or UNIT_THRESHOLDS[unit_type],
            dominance=self.parameterAsDouble(parameters, self.DOMINANCE, context) / 100.0,
            inclusive=self.parameterAsBoolean(parameters, self.DOMINANCE_INCLUSIVE, context),
            hierarchy=HIERARCHIES[self.parameterAsEnum(parameters, self.HIERARCHY, context)],
        )

    def _validated_codes(self, parameters, context, request, df) -> pd.Series:
        """Commune codes normalised as INSEE writes them (``1001`` → ``01001``); a missing code refuses the run."""
        if len(df) == 0:
            raise self.refuse(
                parameters,
                context,
                self.tr("The input {} holds no record: there is nothing to tabulate.", request.input),
            )
        codes = pd.Series([normalise_code(v, "commune") for v in df[request.territory_field]], dtype=object)
        missing = int((codes == "").sum())
        if missing:
            raise self.refuse(
                parameters,
                context,
                self.tr(
                    "{} records of {} have no commune code in {}: fill or filter them before tabulating.",
                    missing,
                    request.input,
                    request.territory_field,
                ),
            )
        return codes

    def _check_numbers(self, parameters, context, request, df) -> None:
        """Counts must be whole numbers of units, amounts finite numbers: anything else is named, never read as 0."""
        checks = []
        if request.count_field:
            checks.append((request.count_field, invalid_counts, self.tr("whole, non-negative numbers of units")))
        if request.amount_field:
            checks.append((request.amount_field, invalid_amounts, self.tr("non-negative numbers below 2^53")))
        for name, check, what in checks:
            bad = check(df[name].tolist())
            if bad:
                raise self.refuse(
                    parameters,
                    context,
                    self.tr(
                        "The field {} of {} must hold {}; {} rows do not: {}. Fix or filter them first.",
                        name,
                        request.input,
                        what,
                        len(bad),
                        describe_rows(bad),
                    ),
                )

    def _epci(self, codes, notes) -> dict:
        epci_of, note = epci_of_communes(set(codes))
        if note:
            notes.append(note)
        unknown = sorted(set(codes) - set(epci_of))
        if unknown:
            notes.append(
                self.tr(
                    "{} communes have no EPCI in the COG referential (each is its own EPCI group): {}",
                    len(unknown),
                    ", ".join(unknown[:20]),
                )
            )
        return epci_of

    def _report(self, request, n_records, result, notes) -> RiskReport:
        cells = result.cells
        hidden = cells["hidden"].to_numpy()
        dominance_on = bool(request.amount_field) and request.dominance > 0
        params = {
            QT_TRANSLATE_NOOP("TerriData", "input"): request.input,
            QT_TRANSLATE_NOOP("TerriData", "records"): n_records,
            QT_TRANSLATE_NOOP("TerriData", "commune field"): request.territory_field,
            QT_TRANSLATE_NOOP("TerriData", "category field"): request.category_field,
            QT_TRANSLATE_NOOP("TerriData", "count field"): request.count_field
            or QT_TRANSLATE_NOOP("TerriData", "(each record is one unit)"),
            QT_TRANSLATE_NOOP("TerriData", "amount field"): request.amount_field or None,
            QT_TRANSLATE_NOOP("TerriData", "contributor field"): request.contributor_field or None,
            QT_TRANSLATE_NOOP("TerriData", "frequency threshold"): request.threshold,
            QT_TRANSLATE_NOOP("TerriData", "dominance limit (%)"): request.dominance * 100 if dominance_on else None,
            QT_TRANSLATE_NOOP("TerriData", "dominance rule"): (
                QT_TRANSLATE_NOOP("TerriData", "share ≥ limit")
                if request.inclusive
                else QT_TRANSLATE_NOOP("TerriData", "share > limit")
            )
            if dominance_on
            else None,
            QT_TRANSLATE_NOOP("TerriData", "hierarchy"): request.hierarchy,
        }
        title = self.tr("Risk report: confidential table of {}", request.input)
        report = RiskReport(self.NAME, title, True, "anonymisation", params)
        reasons = cells["reason"].value_counts().to_dict()
        report.measures = {
            QT_TRANSLATE_NOOP("TerriData", "cells"): len(cells),
            QT_TRANSLATE_NOOP("TerriData", "cells hidden"): int(hidden.sum()),
            QT_TRANSLATE_NOOP("TerriData", "primary cells (frequency)"): int(reasons.get("frequency", 0)),
            QT_TRANSLATE_NOOP("TerriData", "primary cells (dominance)"): int(reasons.get("dominance", 0)),
            QT_TRANSLATE_NOOP("TerriData", "secondary cells"): int(reasons.get("secondary", 0)),
            QT_TRANSLATE_NOOP("TerriData", "margins checked"): len(result.equations),
            QT_TRANSLATE_NOOP("TerriData", "exact recomputation audit complete"): result.audit_complete,
        }
        leaf = (cells["level"] == "commune") & (cells["category"] != cs.TOTAL)
        units = float(cells.loc[leaf, "count"].sum())
        units_pub = float(cells.loc[leaf & ~cells["hidden"], "count"].sum())
        report.information_loss = {
            QT_TRANSLATE_NOOP("TerriData", "share of cells published"): float((~hidden).sum() / len(cells)),
            QT_TRANSLATE_NOOP("TerriData", "share of units in published commune cells"): units_pub / units
            if units
            else 1.0,
        }
        report.generalisation = {
            QT_TRANSLATE_NOOP("TerriData", "territorial levels"): ", ".join(
                sorted(set(cells["level"]), key=cs.LEVELS.index)
            )
        }
        report.notes = notes
        self._assess(report, request.threshold, cells, result.audit_complete)
        return report

    def _assess(self, report, threshold, cells, audit_complete) -> None:
        small_pub = int(((cells["count"] > 0) & (cells["count"] < threshold) & ~cells["hidden"]).sum())
        report.add_criterion(
            "singling_out",
            "passed" if small_pub == 0 else "failed",
            self.tr(
                "No published cell counts between 1 and {} units; cells dominated by one contributor are hidden.",
                threshold - 1,
            ),
        )
        report.add_criterion(
            "linkability",
            "passed",
            self.tr("Only aggregates are published: no record-level data can be linked to another source."),
        )
        report.add_criterion(
            "inference",
            "passed" if audit_complete else "residual risk",
            self.tr(
                "Every margin (row, column, commune → EPCI → département totals) holds zero or at least two hidden "
                "cells, and an exact linear-algebra audit finds no hidden cell that the published totals determine."
            )
            if audit_complete
            else self.tr("The exact audit was skipped for very large groups of hidden cells; the margin rule holds."),
        )


@dataclass
class TableRequest:
    """The parameters of one run, read once in ``processAlgorithm``."""

    input: str
    territory_field: str
    category_field: str
    count_field: str
    amount_field: str
    contributor_field: str
    threshold: int
    dominance: float  # share, 0..1 (0 disables)
    inclusive: bool
    hierarchy: str


def _whole(values: np.ndarray) -> np.ndarray:
    """Object array of Python ints when every value is whole (exact below 2**53, checked before), else floats."""
    values = np.asarray(values, dtype="float64")
    if np.all(values == np.round(values)):
        return np.array([int(v) for v in values], dtype=object)
    return values.astype(object)


def _published(cells: pd.DataFrame, request) -> pd.DataFrame:
    """The published table: hidden cells have no count (nor amount)."""
    hidden = cells["hidden"].to_numpy()
    out = pd.DataFrame(
        {
            "level": cells["level"].to_numpy(dtype=object),
            "territory": cells["territory"].to_numpy(dtype=object),
            "category": cells["category"].to_numpy(dtype=object),
            "count": pd.Series(np.where(hidden, None, _whole(cells["count"])), dtype=object),
            "status": np.where(hidden, "hidden", "published"),
            "reason": cells["reason"].to_numpy(dtype=object),
        }
    )
    if request.amount_field:
        out.insert(4, "amount", pd.Series(np.where(hidden, None, _whole(cells["amount"])), dtype=object))
    return out
