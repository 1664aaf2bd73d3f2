"""Processing algorithm ``terridata:secret_statistique``: a confidential territory × category table + risk report."""

from __future__ import annotations

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
from ._privacy_io import (
    PrivacyAlgorithm,
    epci_of_communes,
    load_on_completion,
    read_input,
    write_report,
    write_table,
)

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
        self.add_output_and_report(self.tr("Confidential table"))

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
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.tr("The input layer could not be opened."))
        terr_f = self.parameterAsString(parameters, self.TERRITORY_FIELD, context)
        cat_f = self.parameterAsString(parameters, self.CATEGORY_FIELD, context)
        count_f = self.parameterAsString(parameters, self.COUNT_FIELD, context)
        amount_f = self.parameterAsString(parameters, self.AMOUNT_FIELD, context)
        contrib_f = self.parameterAsString(parameters, self.CONTRIBUTOR_FIELD, context)
        unit_type = self.parameterAsEnum(parameters, self.UNIT_TYPE, context)
        threshold = self.parameterAsInt(parameters, self.THRESHOLD, context) or UNIT_THRESHOLDS[unit_type]
        dominance = self.parameterAsDouble(parameters, self.DOMINANCE, context) / 100.0
        inclusive = self.parameterAsBoolean(parameters, self.DOMINANCE_INCLUSIVE, context)
        hierarchy = HIERARCHIES[self.parameterAsEnum(parameters, self.HIERARCHY, context)]
        out_path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        html_path = self.parameterAsFileOutput(parameters, self.REPORT_HTML, context)
        json_path = self.parameterAsFileOutput(parameters, self.REPORT_JSON, context)

        df, _, _ = read_input(self, parameters, self.INPUT, context, feedback, with_points=False)
        if df.empty:
            raise QgsProcessingException(
                self.tr("The input {} holds no record: there is nothing to tabulate.", source.sourceName())
            )
        codes = df[terr_f].astype(object).where(df[terr_f].notna(), None)
        missing = int(codes.isna().sum())
        if missing:
            raise QgsProcessingException(
                self.tr(
                    "{} records of {} have no commune code in {}: fill or filter them before tabulating.",
                    missing,
                    source.sourceName(),
                    terr_f,
                )
            )
        codes = codes.astype(str).str.strip()
        notes = []
        epci_of = {}
        if hierarchy == "epci_dep":
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
        groupings = cs.hierarchy_from_codes(
            codes, epci_of, use_epci=hierarchy == "epci_dep", use_dep=hierarchy in ("epci_dep", "dep")
        )
        try:
            table = cs.build_table(
                codes.to_numpy(),
                df[cat_f].to_numpy(dtype=object),
                groupings,
                weight=df[count_f].to_numpy(dtype=object) if count_f else None,
                amount=df[amount_f].to_numpy(dtype=object) if amount_f else None,
                contributor=df[contrib_f].to_numpy(dtype=object) if contrib_f else None,
            )
        except ValueError as error:
            raise QgsProcessingException(
                self.tr("The table of {} could not be built: {}", source.sourceName(), error)
            ) from error
        feedback.setProgress(30)
        feedback.pushInfo(self.tr("Suppressing cells of a table of {} cells…", len(table)))
        try:
            result = cs.protect(
                table,
                groupings,
                threshold=threshold,
                dominance=dominance if (amount_f and dominance > 0) else None,
                dominance_inclusive=inclusive,
                is_canceled=feedback.isCanceled,
            )
        except InterruptedError as error:
            raise QgsProcessingException(self.tr("Cancelled.")) from error
        feedback.setProgress(80)
        cells = result.cells
        hidden = cells["hidden"].to_numpy()
        for column in ("count", "amount"):
            values = cells[column].to_numpy(dtype="float64")
            if np.all(values == np.round(values)):
                cells[column] = values.astype("int64")
        out = pd.DataFrame(
            {
                "level": cells["level"],
                "territory": cells["territory"],
                "category": cells["category"],
                "count": pd.Series(np.where(hidden, None, cells["count"].to_numpy(dtype=object)), dtype=object),
                "status": np.where(hidden, "hidden", "published"),
                "reason": cells["reason"],
            }
        )
        if amount_f:
            out.insert(
                4, "amount", pd.Series(np.where(hidden, None, cells["amount"].to_numpy(dtype=object)), dtype=object)
            )
        write_table(out_path, out, feedback=feedback)

        n_cells = len(cells)
        leaf = (cells["level"] == "commune") & (cells["category"] != cs.TOTAL)
        units = float(cells.loc[leaf, "count"].sum())
        units_pub = float(cells.loc[leaf & ~cells["hidden"], "count"].sum())
        params = {
            "input": source.sourceName(),
            "records": len(df),
            "commune field": terr_f,
            "category field": cat_f,
            "count field": count_f or "(each record is one unit)",
            "amount field": amount_f or None,
            "contributor field": contrib_f or None,
            "frequency threshold": threshold,
            "dominance limit (%)": dominance * 100 if amount_f and dominance > 0 else None,
            "dominance rule": ("share ≥ limit" if inclusive else "share > limit")
            if amount_f and dominance > 0
            else None,
            "hierarchy": hierarchy,
        }
        report = RiskReport(
            self.NAME,
            self.tr("Risk report: confidential table of {}", source.sourceName()),
            True,
            "anonymisation",
            params,
        )
        reasons = cells["reason"].value_counts().to_dict()
        report.measures = {
            "cells": n_cells,
            "cells hidden": int(hidden.sum()),
            "primary cells (frequency)": int(reasons.get("frequency", 0)),
            "primary cells (dominance)": int(reasons.get("dominance", 0)),
            "secondary cells": int(reasons.get("secondary", 0)),
            "margins checked": len(result.equations),
            "exact recomputation audit complete": result.audit_complete,
        }
        report.information_loss = {
            "share of cells published": float((~hidden).sum() / n_cells),
            "share of units in published commune cells": units_pub / units if units else 1.0,
        }
        report.generalisation = {"territorial levels": ", ".join(sorted(set(cells["level"]), key=cs.LEVELS.index))}
        report.notes = notes
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
            "passed" if result.audit_complete else "residual risk",
            self.tr(
                "Every margin (row, column, commune → EPCI → département totals) holds zero or at least two hidden "
                "cells, and an exact linear-algebra audit finds no hidden cell that the published totals determine."
            )
            if result.audit_complete
            else self.tr("The exact audit was skipped for very large groups of hidden cells; the margin rule holds."),
        )
        write_report(report, html_path, json_path)
        feedback.setProgress(100)
        load_on_completion(context, out_path, self.tr("Confidential table"))
        return {
            self.OUTPUT: out_path,
            self.REPORT_HTML: html_path,
            self.REPORT_JSON: json_path,
            "CELLS_HIDDEN": int(hidden.sum()),
        }
