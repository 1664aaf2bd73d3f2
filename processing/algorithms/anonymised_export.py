"""Processing algorithm ``terridata:anonymised_export``: records → k-anonymous (and l-diverse) export + risk report."""

from __future__ import annotations

import numpy as np
import pandas as pd
from osgeo import ogr
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core.privacy import generalise as gen
from ...core.privacy.identifiers import compile_names, name_like_values, propose_declaration, redact
from ...core.privacy.kanonymity import anonymise
from ...core.privacy.pseudonym import pseudonymise
from ...core.privacy.report import RiskReport
from ...toolbelt.auth import AuthConfigError, secret_from_authcfg
from ._privacy_io import (
    PrivacyAlgorithm,
    cell_polygons,
    epci_of_communes,
    load_on_completion,
    read_input,
    write_report,
    write_table,
)

DIRECT_ACTIONS = ("drop", "pseudonymise")
TEXT_ACTIONS = ("drop", "redact")
GEOMETRY_ACTIONS = ("grid", "drop")


class AnonymisedExport(PrivacyAlgorithm):
    NAME = "anonymised_export"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Anonymised export (k-anonymity)")

    INPUT = "INPUT"
    AUTO_DETECT = "AUTO_DETECT"
    DIRECT_IDENTIFIERS = "DIRECT_IDENTIFIERS"
    DIRECT_ACTION = "DIRECT_ACTION"
    AUTHCFG = "AUTHCFG"
    FREE_TEXT_FIELDS = "FREE_TEXT_FIELDS"
    FREE_TEXT_ACTION = "FREE_TEXT_ACTION"
    AGE_FIELDS = "AGE_FIELDS"
    DATE_FIELDS = "DATE_FIELDS"
    COMMUNE_FIELDS = "COMMUNE_FIELDS"
    CATEGORICAL_QI_FIELDS = "CATEGORICAL_QI_FIELDS"
    GEOMETRY = "GEOMETRY"
    SENSITIVE_FIELD = "SENSITIVE_FIELD"
    DROP_FIELDS = "DROP_FIELDS"
    K = "K"
    L = "L"
    SUPPRESSION_BUDGET = "SUPPRESSION_BUDGET"
    ALLOW_FULL_SUPPRESSION = "ALLOW_FULL_SUPPRESSION"
    SEED = "SEED"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Records (points or table)"), [QgsProcessing.TypeVector]
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.AUTO_DETECT,
                self.tr("Add detected identifiers and quasi-identifiers to the declaration"),
                defaultValue=True,
            )
        )

        def fields(name, label):
            self.addParameter(
                QgsProcessingParameterField(
                    name, label, parentLayerParameterName=self.INPUT, allowMultiple=True, optional=True
                )
            )

        fields(self.DIRECT_IDENTIFIERS, self.tr("Direct identifiers (names, e-mails, phones, NIR, IBAN, addresses)"))
        self.addParameter(
            QgsProcessingParameterEnum(
                self.DIRECT_ACTION,
                self.tr("Direct identifiers are"),
                options=[self.tr("Dropped"), self.tr("Pseudonymised (HMAC-SHA-256, still personal data)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterAuthConfig(
                self.AUTHCFG, self.tr("Pseudonymisation key (authentication configuration)"), optional=True
            )
        )
        fields(self.FREE_TEXT_FIELDS, self.tr("Free-text fields"))
        self.addParameter(
            QgsProcessingParameterEnum(
                self.FREE_TEXT_ACTION,
                self.tr("Free-text fields are"),
                options=[self.tr("Dropped"), self.tr("Redacted (detected identifiers replaced)")],
                defaultValue=0,
            )
        )
        fields(self.AGE_FIELDS, self.tr("Quasi-identifiers: ages (→ 5, 10, 20-year bands)"))
        fields(self.DATE_FIELDS, self.tr("Quasi-identifiers: dates (→ week, month, year)"))
        fields(self.COMMUNE_FIELDS, self.tr("Quasi-identifiers: commune codes (→ EPCI, département)"))
        fields(self.CATEGORICAL_QI_FIELDS, self.tr("Quasi-identifiers: other (kept or suppressed)"))
        self.addParameter(
            QgsProcessingParameterEnum(
                self.GEOMETRY,
                self.tr("Locations are"),
                options=[self.tr("Generalised to INSEE grid cells (200 m to 8 km)"), self.tr("Dropped")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.SENSITIVE_FIELD,
                self.tr("Sensitive attribute (for l-diversity)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        fields(self.DROP_FIELDS, self.tr("Other fields to drop"))
        self.addParameter(
            QgsProcessingParameterNumber(self.K, self.tr("k (smallest group size)"), defaultValue=11, minValue=2)
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.L, self.tr("l (distinct sensitive values per group)"), defaultValue=2, minValue=1
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SUPPRESSION_BUDGET,
                self.tr("Suppression budget (% of records that may be removed)"),
                QgsProcessingParameterNumber.Double,
                defaultValue=5.0,
                minValue=0.0,
                maxValue=100.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.ALLOW_FULL_SUPPRESSION,
                self.tr("Allow a quasi-identifier to be suppressed entirely (*)"),
                defaultValue=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(self.SEED, self.tr("Random seed (record order)"), defaultValue=1, minValue=0)
        )
        self.add_output_and_report(self.tr("Anonymised records"))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        if self.parameterAsEnum(parameters, self.DIRECT_ACTION, context) == 1 and not self.parameterAsString(
            parameters, self.AUTHCFG, context
        ):
            return False, self.tr(
                "Pseudonymisation needs a key: choose an authentication configuration whose password is the key."
            )
        roles = {}
        for name in (
            self.DIRECT_IDENTIFIERS,
            self.FREE_TEXT_FIELDS,
            self.AGE_FIELDS,
            self.DATE_FIELDS,
            self.COMMUNE_FIELDS,
            self.CATEGORICAL_QI_FIELDS,
            self.DROP_FIELDS,
            self.SENSITIVE_FIELD,
        ):
            fields = self.parameterAsFields(parameters, name, context) or []
            for field in fields:
                if field in roles:
                    return False, self.tr(
                        "The field {} is declared twice ({} and {}): give each field one role.",
                        field,
                        roles[field],
                        self.parameterDefinition(name).description(),
                    )
                roles[field] = self.parameterDefinition(name).description()
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.tr("The input layer could not be opened."))
        out_path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        html_path = self.parameterAsFileOutput(parameters, self.REPORT_HTML, context)
        json_path = self.parameterAsFileOutput(parameters, self.REPORT_JSON, context)
        k = self.parameterAsInt(parameters, self.K, context)
        l_div = self.parameterAsInt(parameters, self.L, context)
        budget = self.parameterAsDouble(parameters, self.SUPPRESSION_BUDGET, context) / 100.0
        seed = self.parameterAsInt(parameters, self.SEED, context)
        direct_action = DIRECT_ACTIONS[self.parameterAsEnum(parameters, self.DIRECT_ACTION, context)]
        text_action = TEXT_ACTIONS[self.parameterAsEnum(parameters, self.FREE_TEXT_ACTION, context)]
        geom_action = GEOMETRY_ACTIONS[self.parameterAsEnum(parameters, self.GEOMETRY, context)]
        allow_full = self.parameterAsBoolean(parameters, self.ALLOW_FULL_SUPPRESSION, context)
        sensitive = self.parameterAsString(parameters, self.SENSITIVE_FIELD, context) or None

        def field_list(name):
            return list(self.parameterAsFields(parameters, name, context) or [])

        direct = field_list(self.DIRECT_IDENTIFIERS)
        free_text = field_list(self.FREE_TEXT_FIELDS)
        ages, dates, communes = (
            field_list(self.AGE_FIELDS),
            field_list(self.DATE_FIELDS),
            field_list(self.COMMUNE_FIELDS),
        )
        categorical = field_list(self.CATEGORICAL_QI_FIELDS)
        drop = field_list(self.DROP_FIELDS)

        feedback.pushInfo(self.tr("Reading the records…"))
        df, x, y = read_input(self, parameters, self.INPUT, context, feedback, with_points=geom_action == "grid")
        n = len(df)
        notes = []
        detected = {}
        if self.parameterAsBoolean(parameters, self.AUTO_DETECT, context):
            declared = set(
                direct + free_text + ages + dates + communes + categorical + drop + ([sensitive] if sensitive else [])
            )
            proposals = propose_declaration({c: df[c].tolist() for c in df.columns})
            for name, prop in proposals.items():
                if name in declared:
                    continue
                if prop.role == "direct":
                    direct.append(name)
                    detected[name] = f"direct identifier ({', '.join(prop.kinds)}): {prop.reason}"
                elif prop.role == "free_text":
                    free_text.append(name)
                    detected[name] = f"free text: {prop.reason}"
                elif prop.role == "quasi":
                    kind = prop.kinds[0] if prop.kinds else "categorical"
                    {"age": ages, "date": dates, "commune": communes}.get(kind, categorical).append(name)
                    detected[name] = f"quasi-identifier ({kind})"
            for name, what in detected.items():
                feedback.pushInfo(self.tr("Detected {}: {}", name, what))
        if sensitive and sensitive in direct + free_text:
            raise QgsProcessingException(
                self.tr(
                    "The sensitive attribute {} is also declared as an identifier or free text: choose one role.",
                    sensitive,
                )
            )

        params = {
            "input": source.sourceName(),
            "records": n,
            "k": k,
            "l": l_div if sensitive else None,
            "suppression budget (%)": budget * 100,
            "direct identifiers": direct,
            "direct identifiers action": direct_action,
            "free-text fields": free_text,
            "free-text action": text_action,
            "quasi-identifiers": {"age": ages, "date": dates, "commune": communes, "other": categorical},
            "locations": geom_action if x is not None else "none (table)",
            "sensitive attribute": sensitive,
            "dropped fields": drop,
            "allow full suppression of a quasi-identifier": allow_full,
        }
        method = "pseudonymisation" if direct_action == "pseudonymise" and direct else "anonymisation"
        title = self.tr("Risk report: anonymised export of {}", source.sourceName())
        report = RiskReport(self.NAME, title, False, method, params)
        report.fields = {
            name: "dropped (direct identifier)" if direct_action == "drop" else "pseudonymised (HMAC-SHA-256)"
            for name in direct
        }
        report.fields.update(
            {name: "dropped (free text)" if text_action == "drop" else "redacted (free text)" for name in free_text}
        )
        report.fields.update({name: "dropped" for name in drop})
        if detected:
            notes.append(
                self.tr("Proposed by detection (check it): {}", "; ".join(f"{a}: {b}" for a, b in detected.items()))
            )

        # quasi-identifier hierarchies
        hierarchies = []
        epci_note = ""
        for name in ages:
            hierarchies.append(gen.age(name, df[name].tolist()))
        for name in dates:
            hierarchies.append(gen.date(name, df[name].tolist()))
        if communes:
            codes = set()
            for name in communes:
                codes.update(str(v) for v in df[name].dropna())
            epci_of, epci_note = epci_of_communes(codes)
            if epci_note:
                notes.append(epci_note)
            for name in communes:
                hierarchies.append(gen.commune(name, df[name].tolist(), epci_of))
        for name in categorical:
            hierarchies.append(gen.categorical(name, df[name].tolist()))
        location_name = "location"
        if x is not None and geom_action == "grid":
            hierarchies.append(gen.grid(location_name, x, y))
        fixed = {} if allow_full else {h.name: max(h.max_level - 1, 0) for h in hierarchies}
        if not hierarchies:
            notes.append(
                self.tr(
                    "No quasi-identifier was declared: k-anonymity holds trivially if there are at least k records."
                )
            )

        feedback.pushInfo(self.tr("Searching the least generalisation meeting k = {}…", k))
        search = hierarchies or [gen.categorical("(no quasi-identifier)", [""] * n)]
        try:
            result = anonymise(
                search,
                k=k,
                l=l_div if sensitive else 1,
                budget=budget,
                sensitive=df[sensitive].tolist() if sensitive else None,
                fixed_max_levels=fixed,
                is_canceled=feedback.isCanceled,
                progress=lambda p: feedback.setProgress(10 + 0.6 * p),
            )
        except ValueError as error:
            raise QgsProcessingException(
                self.tr("Anonymisation of {} failed: {}", source.sourceName(), error)
            ) from error
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled."))
        report.generalisation = {
            h.name: result.level_names[h.name] for h in hierarchies if h.name in result.level_names
        }
        if not result.feasible or result.node is None:
            report.refusal_reason = result.reason
            report.suggestions = list(result.suggestions)
            # what would work without one quasi-identifier (dropped from the export)?
            for hier in hierarchies if len(hierarchies) > 1 and not feedback.isCanceled() else []:
                alt = anonymise(
                    [h for h in hierarchies if h is not hier],
                    k=k,
                    l=l_div if sensitive else 1,
                    budget=budget,
                    sensitive=df[sensitive].tolist() if sensitive else None,
                    fixed_max_levels=fixed,
                    is_canceled=feedback.isCanceled,
                )
                if alt.feasible:
                    levels = ", ".join(f"{a}: {b}" for a, b in alt.level_names.items())
                    how = (
                        self.tr("drop the locations (Locations are: Dropped)")
                        if hier.kind == "grid"
                        else self.tr("drop the quasi-identifier {} (add it to the other fields to drop)", hier.name)
                    )
                    report.suggestions.insert(
                        0,
                        self.tr(
                            "{}: k is then met with {} ({} records suppressed)", how, levels, alt.node.n_suppressed
                        ),
                    )
            result.suggestions = report.suggestions
            report.measures = {"records in input": n, "k required": k}
            report.notes = notes
            report.add_criterion(
                "singling_out", "failed", self.tr("The target could not be met, so nothing was exported.")
            )
            write_report(report, html_path, json_path)
            raise QgsProcessingException(
                self.tr(
                    "Nothing was exported from {}: {} What would work: {}. The risk report is at {}.",
                    source.sourceName(),
                    result.reason,
                    "; ".join(result.suggestions),
                    html_path,
                )
            )

        kept = result.kept
        node = result.node
        feedback.setProgress(75)
        # build the output table
        out = pd.DataFrame(index=range(int(kept.sum())))
        # values of direct identifiers that look like names are searched in free text too
        known_names = set()
        for name in direct:
            if name in df.columns:
                known_names.update(name_like_values(df[name].dropna().unique()))
        known_names = compile_names(known_names)
        key = None
        if direct_action == "pseudonymise" and direct:
            try:
                key = secret_from_authcfg(self.parameterAsString(parameters, self.AUTHCFG, context))
            except AuthConfigError as error:
                raise QgsProcessingException(str(error)) from error
        geometries = None
        for name in df.columns:
            if name in drop:
                continue
            values = df[name].to_numpy(dtype=object)[kept]
            if name in direct:
                if key is not None:
                    try:
                        out[f"{name}_pseudo"] = pseudonymise(values.tolist(), key)
                    except ValueError as error:
                        raise QgsProcessingException(self.tr("Pseudonymisation failed: {}", error)) from error
                continue
            if name in free_text:
                if text_action == "redact":
                    out[name] = [redact(v, known_names) for v in values]
                continue
            hier = next((h for h in hierarchies if h.name == name), None)
            if hier is not None:
                out[name] = hier.values(node.levels[hierarchies.index(hier)])[kept]
            else:
                out[name] = values
                report.fields.setdefault(name, "kept as is" if name != sensitive else "kept (sensitive attribute)")
        for hier, level in zip(hierarchies, node.levels):
            report.fields.setdefault(hier.name, f"generalised to {hier.level_names[level]}")
        key = None  # noqa: F841 - do not keep the key around
        crs = "EPSG:3035"
        geom_type = ogr.wkbNone
        if x is not None and geom_action == "grid":
            loc = hierarchies[-1]
            cells = loc.values(node.levels[-1])[kept]
            out["cell_id"] = cells
            geometries = cell_polygons(cells)
            geom_type = ogr.wkbPolygon
        # seeded shuffle: the output order does not reveal the input order
        order = np.random.default_rng(seed).permutation(len(out))
        out = out.iloc[order].reset_index(drop=True)
        if geometries is not None:
            geometries = [geometries[i] for i in order]
        feedback.pushInfo(self.tr("Writing {} records to {}…", len(out), out_path))
        write_table(out_path, out, geometries, crs, geom_type, feedback)

        report.exported = True
        n_kept = int(kept.sum())
        report.measures = {
            "records in input": n,
            "records exported": n_kept,
            "records suppressed": int(n - n_kept),
            "k required": k,
            "k achieved (smallest group)": node.k_achieved,
            "equivalence classes": node.n_classes,
            "l required": l_div if sensitive else None,
            "l achieved": node.l_achieved if sensitive else None,
            "generalisation combinations evaluated": result.nodes_evaluated,
        }
        report.information_loss = {
            "share of records kept": n_kept / n if n else 0.0,
            "mean generalisation (0 = none, 1 = maximal)": node.loss,
        }
        kept_as_is = [name for name, what in report.fields.items() if what == "kept as is"]
        if kept_as_is:
            notes.append(
                self.tr(
                    "Fields copied unchanged (not part of the k-anonymity check): {}. Check that none of them, alone "
                    "or with public data, identifies a person; otherwise declare it as a quasi-identifier or drop it.",
                    ", ".join(kept_as_is),
                )
            )
        report.notes = notes
        _assess(report, k, node, sensitive, l_div, direct, direct_action, free_text, text_action, self.tr)
        write_report(report, html_path, json_path)
        feedback.setProgress(100)
        load_on_completion(context, out_path, self.tr("Anonymised records"))
        self.on_load(context, out_path, style="privacy_anonymised_export")
        return {
            self.OUTPUT: out_path,
            self.REPORT_HTML: html_path,
            self.REPORT_JSON: json_path,
            "RECORDS_EXPORTED": n_kept,
            "K_ACHIEVED": report.measures["k achieved (smallest group)"],
        }


def _assess(report, k, node, sensitive, l_div, direct, direct_action, free_text, text_action, tr):
    k_ach = report.measures["k achieved (smallest group)"]
    if direct and direct_action == "pseudonymise":
        report.add_criterion(
            "singling_out",
            "failed",
            tr(
                "Direct identifiers were pseudonymised, not removed: whoever holds the key (or can guess values and "
                "compute pseudonyms with it) can single out a person. "
                "This is pseudonymisation; the data stays personal."
            ),
        )
        report.add_criterion(
            "linkability",
            "failed",
            tr("The same person gets the same pseudonym in every record and in every export made with the same key."),
        )
    else:
        verdict = "passed" if k_ach >= k else "failed"
        text_risk = free_text and text_action == "redact"
        report.add_criterion(
            "singling_out",
            "residual risk" if (verdict == "passed" and text_risk) else verdict,
            tr(
                "Direct identifiers were removed; every combination of quasi-identifiers is shared by at least {} "
                "records (k required {}).",
                k_ach,
                k,
            )
            + (
                tr(" Free text was redacted automatically: identifiers the detection does not know may remain.")
                if text_risk
                else ""
            ),
        )
        report.add_criterion(
            "linkability",
            "residual risk" if verdict == "passed" else "failed",
            tr(
                "No identifier or pseudonym is published, so records cannot be linked by key; a record can only be "
                "matched to a group of at least {} records. Exports of overlapping data with different "
                "generalisations could be combined: publish each dataset with one generalisation.",
                k_ach,
            ),
        )
    if sensitive:
        ok = node.l_achieved >= l_div
        report.add_criterion(
            "inference",
            "passed" if ok and l_div >= 2 else "residual risk",
            tr(
                "Each group holds at least {} distinct values of {} (l required {}): membership of a group does not "
                "reveal the value with certainty, although a frequent value can still be guessed likely.",
                node.l_achieved,
                sensitive,
                l_div,
            ),
        )
    else:
        report.add_criterion(
            "inference",
            "not assessed",
            tr("No sensitive attribute was declared: groups whose records all share a value would reveal it."),
        )
