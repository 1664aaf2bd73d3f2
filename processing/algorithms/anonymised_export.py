"""Processing algorithm ``terridata:anonymised_export``: records → k-anonymous (and l-diverse) export + risk report."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateTransformContext,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core.inspire_grid import grid_domain_mask
from ...core.privacy import generalise as gen
from ...core.privacy.export_plan import Declaration, alternatives, build_hierarchies, build_records, commune_codes
from ...core.privacy.kanonymity import anonymise
from ...core.privacy.pseudonym import check_key
from ...core.privacy.report import RiskReport
from ...toolbelt.auth import AuthConfigError, secret_from_authcfg
from ...toolbelt.i18n import error_text, localiser
from ._privacy_io import (
    GRID_CRS,
    OutputTable,
    PrivacyAlgorithm,
    cell_polygons,
    epci_of_communes,
    grid_points,
    read_input,
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
        self._add_quasi_identifier_parameters(fields)
        self._add_target_parameters()
        self.add_output_and_report(self.tr("Anonymised records"))

    def _add_quasi_identifier_parameters(self, fields) -> None:
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

    def _add_target_parameters(self) -> None:
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
        request = self._request(parameters, context)
        key = self._key(parameters, context, request)  # a missing key refuses before any work
        feedback.pushInfo(self.tr("Reading the records…"))
        points = grid_points(request.transform_context) if request.locations else None
        frame, x, y = read_input(self, parameters, self.INPUT, context, feedback, points)
        if len(frame) == 0:  # (a DataFrame without columns is "empty" even with rows)
            raise self.refuse(
                parameters, context, self.tr("The input {} holds no record: there is nothing to export.", request.input)
            )
        declaration = request.declaration
        detected = declaration.add_detected(frame) if request.auto_detect else {}
        loc = localiser()
        for name, what in detected.items():
            feedback.pushInfo(self.tr("Detected {}: {}", name, loc.text(what)))
        notes = []  # (a field's role is declared once: checkParameterValues; detection never adds a declared field)
        if detected:
            notes.append(
                self.tr(
                    "Proposed by detection (check it): {}",
                    "; ".join(f"{a}{loc.text(':')} {loc.text(b)}" for a, b in detected.items()),
                )
            )
        hierarchies = self._hierarchies(frame, declaration, x, y, notes, feedback)
        result = self._search(parameters, context, feedback, request, frame, hierarchies)
        try:
            records = build_records(
                frame, declaration, hierarchies, result.node, result.kept, key, request.redact_text, request.seed
            )
        except ValueError as error:  # a key too short for HMAC pseudonymisation
            raise self.refuse(parameters, context, self.tr("Pseudonymisation failed: {}", error_text(error))) from error
        key = None  # noqa: F841 - do not keep the key around
        report = self._report(request, frame, result, hierarchies, records, notes)
        geometries = cell_polygons(records.cells) if records.cells is not None else None
        table = OutputTable(records.frame, geometries, QgsWkbTypes.Polygon, GRID_CRS)
        feedback.pushInfo(self.tr("Writing {} records…", len(records.frame)))
        dest_id = self.publish(parameters, context, feedback, table, report, style="privacy_anonymised_export")
        feedback.setProgress(100)
        return {
            self.OUTPUT: dest_id,
            self.REPORT_HTML: self.parameterAsFileOutput(parameters, self.REPORT_HTML, context),
            self.REPORT_JSON: self.parameterAsFileOutput(parameters, self.REPORT_JSON, context),
            "RECORDS_EXPORTED": len(records.frame),
            "K_ACHIEVED": result.node.k_achieved,
        }

    def _request(self, parameters, context) -> ExportRequest:
        """The parameters, read once."""

        def field_list(name):
            return list(self.parameterAsFields(parameters, name, context) or [])

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.tr("The input layer could not be opened."))
        sensitive = self.parameterAsString(parameters, self.SENSITIVE_FIELD, context) or None
        return ExportRequest(
            input=source.sourceName(),
            declaration=Declaration(
                direct=field_list(self.DIRECT_IDENTIFIERS),
                free_text=field_list(self.FREE_TEXT_FIELDS),
                ages=field_list(self.AGE_FIELDS),
                dates=field_list(self.DATE_FIELDS),
                communes=field_list(self.COMMUNE_FIELDS),
                categorical=field_list(self.CATEGORICAL_QI_FIELDS),
                drop=field_list(self.DROP_FIELDS),
                sensitive=sensitive,
            ),
            auto_detect=self.parameterAsBoolean(parameters, self.AUTO_DETECT, context),
            pseudonymise=DIRECT_ACTIONS[self.parameterAsEnum(parameters, self.DIRECT_ACTION, context)]
            == "pseudonymise",
            authcfg=self.parameterAsString(parameters, self.AUTHCFG, context),
            redact_text=TEXT_ACTIONS[self.parameterAsEnum(parameters, self.FREE_TEXT_ACTION, context)] == "redact",
            locations=GEOMETRY_ACTIONS[self.parameterAsEnum(parameters, self.GEOMETRY, context)] == "grid",
            k=self.parameterAsInt(parameters, self.K, context),
            l=self.parameterAsInt(parameters, self.L, context) if sensitive else 1,
            budget=self.parameterAsDouble(parameters, self.SUPPRESSION_BUDGET, context) / 100.0,
            allow_full=self.parameterAsBoolean(parameters, self.ALLOW_FULL_SUPPRESSION, context),
            seed=self.parameterAsInt(parameters, self.SEED, context),
            transform_context=context.transformContext(),
        )

    def _key(self, parameters, context, request) -> str | None:
        """The pseudonymisation key, read first: a missing or locked configuration refuses before any work."""
        if not request.pseudonymise:
            return None
        try:
            key = secret_from_authcfg(request.authcfg)
            check_key(key)
        except AuthConfigError as error:
            raise self.refuse(parameters, context, str(error)) from error
        except ValueError as error:  # a key too short to resist brute force
            raise self.refuse(parameters, context, self.tr("Pseudonymisation failed: {}", error_text(error))) from error
        return key

    def _hierarchies(self, frame, declaration, x, y, notes, feedback) -> list:
        epci_of = {}
        if declaration.communes:
            codes = set()
            for name in declaration.communes:
                codes.update(c for c in commune_codes(frame[name]) if c)
            epci_of, epci_note = epci_of_communes(codes)
            if epci_note:
                notes.append(epci_note)
        if x is not None:
            unlocated = int((~grid_domain_mask(x, y)).sum())
            if unlocated:
                notes.append(
                    self.tr(
                        "{} records have no usable location (NULL geometry, NaN or infinite coordinates) or lie "
                        "outside the area of use of the INSEE grid (EPSG:3035, Europe): they get no grid cell.",
                        unlocated,
                    )
                )
                feedback.pushWarning(notes[-1])
        hierarchies = build_hierarchies(frame, declaration, epci_of, x, y)
        if not hierarchies:
            notes.append(
                self.tr(
                    "No quasi-identifier was declared: k-anonymity holds trivially if there are at least k records."
                )
            )
        return hierarchies

    def _search(self, parameters, context, feedback, request, frame, hierarchies):
        """The least generalisation meeting k (and l); a refusal (nothing written) saying what would work."""
        fixed = {} if request.allow_full else {h.name: max(h.max_level - 1, 0) for h in hierarchies}
        sensitive = request.declaration.sensitive
        search = {
            "k": request.k,
            "l": request.l,
            "budget": request.budget,
            "sensitive": frame[sensitive].tolist() if sensitive else None,
            "fixed_max_levels": fixed,
        }
        feedback.pushInfo(self.tr("Searching the least generalisation meeting k = {}…", request.k))
        n = len(frame)
        try:
            result = anonymise(
                hierarchies or [gen.categorical("(no quasi-identifier)", [""] * n)],
                is_canceled=feedback.isCanceled,
                progress=lambda p: feedback.setProgress(10 + 0.6 * p),
                **search,
            )
        except ValueError as error:
            raise self.refuse(
                parameters, context, self.tr("Anonymisation of {} failed: {}", request.input, error_text(error))
            ) from error
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled."))
        if result.feasible and result.node is not None:
            return result
        suggestions = list(result.suggestions)
        for hier, alt in alternatives(hierarchies, is_canceled=feedback.isCanceled, **search):
            levels = ", ".join(f"{a}: {localiser().text(b)}" for a, b in alt.level_names.items())
            how = (
                self.tr("drop the locations (Locations are: Dropped)")
                if hier.kind == "grid"
                else self.tr("drop the quasi-identifier {} (add it to the other fields to drop)", hier.name)
            )
            suggestions.insert(
                0, self.tr("{}: k is then met with {} ({} records suppressed)", how, levels, alt.node.n_suppressed)
            )
        loc = localiser()  # the reasons and suggestions built in core/, in the interface language
        message = self.tr("Nothing was exported from {}: {}", request.input, loc.text(result.reason))
        if suggestions:
            message += " " + self.tr("What would work: {}.", "; ".join(loc.text(s) for s in suggestions))
        raise self.refuse(parameters, context, message)

    def _report(self, request, frame, result, hierarchies, records, notes) -> RiskReport:
        d = request.declaration
        n, node = len(frame), result.node
        pseudonymised = request.pseudonymise and bool(d.direct)
        params = {
            QT_TRANSLATE_NOOP("TerriData", "input"): request.input,
            QT_TRANSLATE_NOOP("TerriData", "records"): n,
            QT_TRANSLATE_NOOP("TerriData", "k"): request.k,
            QT_TRANSLATE_NOOP("TerriData", "l"): request.l if d.sensitive else None,
            QT_TRANSLATE_NOOP("TerriData", "suppression budget (%)"): request.budget * 100,
            QT_TRANSLATE_NOOP("TerriData", "direct identifiers"): d.direct,
            QT_TRANSLATE_NOOP("TerriData", "direct identifiers action"): QT_TRANSLATE_NOOP("TerriData", "pseudonymise")
            if request.pseudonymise
            else QT_TRANSLATE_NOOP("TerriData", "drop"),
            QT_TRANSLATE_NOOP("TerriData", "free-text fields"): d.free_text,
            QT_TRANSLATE_NOOP("TerriData", "free-text action"): QT_TRANSLATE_NOOP("TerriData", "redact")
            if request.redact_text
            else QT_TRANSLATE_NOOP("TerriData", "drop"),
            QT_TRANSLATE_NOOP("TerriData", "quasi-identifiers"): {
                QT_TRANSLATE_NOOP("TerriData", "age"): d.ages,
                QT_TRANSLATE_NOOP("TerriData", "date"): d.dates,
                QT_TRANSLATE_NOOP("TerriData", "commune"): d.communes,
                QT_TRANSLATE_NOOP("TerriData", "other"): d.categorical,
            },
            QT_TRANSLATE_NOOP("TerriData", "locations"): QT_TRANSLATE_NOOP("TerriData", "grid")
            if records.cells is not None
            else (
                QT_TRANSLATE_NOOP("TerriData", "drop")
                if not request.locations
                else QT_TRANSLATE_NOOP("TerriData", "none (table)")
            ),
            QT_TRANSLATE_NOOP("TerriData", "sensitive attribute"): d.sensitive,
            QT_TRANSLATE_NOOP("TerriData", "dropped fields"): d.drop,
            QT_TRANSLATE_NOOP("TerriData", "allow full suppression of a quasi-identifier"): request.allow_full,
        }
        title = self.tr("Risk report: anonymised export of {}", request.input)
        report = RiskReport(self.NAME, title, True, "pseudonymisation" if pseudonymised else "anonymisation", params)
        report.fields = {
            name: QT_TRANSLATE_NOOP("TerriData", "pseudonymised (HMAC-SHA-256)")
            if request.pseudonymise
            else QT_TRANSLATE_NOOP("TerriData", "dropped (direct identifier)")
            for name in d.direct
        }
        report.fields.update(
            {
                name: QT_TRANSLATE_NOOP("TerriData", "redacted (free text)")
                if request.redact_text
                else QT_TRANSLATE_NOOP("TerriData", "dropped (free text)")
                for name in d.free_text
            }
        )
        report.fields.update({name: QT_TRANSLATE_NOOP("TerriData", "dropped") for name in d.drop})
        for name, what in records.fields.items():
            report.fields.setdefault(name, what)
        report.generalisation = {
            h.name: result.level_names[h.name] for h in hierarchies if h.name in result.level_names
        }
        n_kept = len(records.frame)
        report.measures = {
            QT_TRANSLATE_NOOP("TerriData", "records in input"): n,
            QT_TRANSLATE_NOOP("TerriData", "records exported"): n_kept,
            QT_TRANSLATE_NOOP("TerriData", "records suppressed"): int(n - n_kept),
            QT_TRANSLATE_NOOP("TerriData", "k required"): request.k,
            QT_TRANSLATE_NOOP("TerriData", "k achieved (smallest group)"): node.k_achieved,
            QT_TRANSLATE_NOOP("TerriData", "equivalence classes"): node.n_classes,
            QT_TRANSLATE_NOOP("TerriData", "l required"): request.l if d.sensitive else None,
            QT_TRANSLATE_NOOP("TerriData", "l achieved"): node.l_achieved if d.sensitive else None,
            QT_TRANSLATE_NOOP("TerriData", "generalisation combinations evaluated"): result.nodes_evaluated,
        }
        report.information_loss = {
            QT_TRANSLATE_NOOP("TerriData", "share of records kept"): n_kept / n if n else 0.0,
            QT_TRANSLATE_NOOP("TerriData", "mean generalisation (0 = none, 1 = maximal)"): node.loss,
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
        _assess(report, request, node, self.tr)
        return report


@dataclass
class ExportRequest:
    """The parameters of one run, read once in ``processAlgorithm``."""

    input: str
    declaration: Declaration
    auto_detect: bool
    pseudonymise: bool
    authcfg: str
    redact_text: bool
    locations: bool
    k: int
    l: int  # noqa: E741 - 1 without a sensitive attribute
    budget: float  # share of records, 0..1
    allow_full: bool
    seed: int
    transform_context: QgsCoordinateTransformContext  # the run's: the user's datum transformations apply


def _assess(report, request, node, tr):
    """The three WP29 criteria of an exported run."""
    d = request.declaration
    k, l_div, sensitive = request.k, request.l, d.sensitive
    k_ach = report.measures["k achieved (smallest group)"]
    if d.direct and request.pseudonymise:
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
        text_risk = d.free_text and request.redact_text
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
                "Each group holds at least {} distinct values of '{}' (l required {}): membership of a group does not "
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
