"""Processing algorithm ``terridata:publish_datagouv``: a schema CSV (and its reports) → a dataset on data.gouv.fr,
created or updated, behind the privacy gate."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core.cog.referential import default_referential
from ...core.opendata.privacy_gate import decide
from ...core.opendata.publication import FREQUENCIES, LICENCES, DatasetMeta, ResourceSpec, coverage
from ...providers.portals.datagouv_publish import DataGouvPublisher, PublishError
from ...toolbelt.network import RequestCancelled
from ..base import TerriDataAlgorithm
from ..enum_choices import enum_key, keyed_enum

LEVELS = ("commune", "epci", "departement", "region")


#: The update frequencies (data.gouv.fr's keys, in FREQUENCIES' order) with the labels the user reads.
FREQUENCY_CHOICES = tuple(
    zip(
        FREQUENCIES,
        (
            QT_TRANSLATE_NOOP("TerriData", "Unknown"),
            QT_TRANSLATE_NOOP("TerriData", "Punctual (once)"),
            QT_TRANSLATE_NOOP("TerriData", "Continuous"),
            QT_TRANSLATE_NOOP("TerriData", "Hourly"),
            QT_TRANSLATE_NOOP("TerriData", "Daily"),
            QT_TRANSLATE_NOOP("TerriData", "Weekly"),
            QT_TRANSLATE_NOOP("TerriData", "Monthly"),
            QT_TRANSLATE_NOOP("TerriData", "Quarterly"),
            QT_TRANSLATE_NOOP("TerriData", "Every six months"),
            QT_TRANSLATE_NOOP("TerriData", "Annual"),
            QT_TRANSLATE_NOOP("TerriData", "Every two years"),
            QT_TRANSLATE_NOOP("TerriData", "Irregular"),
        ),
    )
)


@dataclass
class PublishRequest:
    """The parameters of one run, read once."""

    csv_path: str
    validation_report: str
    risk_report: str
    min_k: int
    no_personal_data: bool
    authcfg: str
    meta: DatasetMeta
    coverage_codes: list = field(default_factory=list)
    resource_title: str = ""


class PublishDataGouv(TerriDataAlgorithm):
    NAME = "publish_datagouv"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Publish to data.gouv.fr")
    GROUP = "opendata"

    INPUT = "INPUT"
    VALIDATION_REPORT = "VALIDATION_REPORT"
    RISK_REPORT = "RISK_REPORT"
    MIN_K = "MIN_K"
    NO_PERSONAL_DATA = "NO_PERSONAL_DATA"
    AUTHCFG = "AUTHCFG"
    ORGANIZATION = "ORGANIZATION"
    TITLE = "TITLE"
    DESCRIPTION = "DESCRIPTION"
    LICENSE = "LICENSE"
    FREQUENCY = "FREQUENCY"
    TEMPORAL_START = "TEMPORAL_START"
    TEMPORAL_END = "TEMPORAL_END"
    COVERAGE = "COVERAGE"
    TAGS = "TAGS"
    RESOURCE_TITLE = "RESOURCE_TITLE"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT, self.tr("CSV to publish (from Export to a national schema)"), extension="csv"
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.VALIDATION_REPORT,
                self.tr("Validation report (JSON, declares the schema)"),
                extension="json",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.RISK_REPORT,
                self.tr("Risk report of the anonymised export (JSON)"),
                extension="json",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_K, self.tr("k required of an anonymised export"), defaultValue=11, minValue=2
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.NO_PERSONAL_DATA,
                self.tr("I declare that this table holds no personal data (recorded in the dataset's metadata)"),
                defaultValue=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterAuthConfig(
                self.AUTHCFG, self.tr("data.gouv.fr API key (authentication configuration)")
            )
        )
        self.addParameter(QgsProcessingParameterString(self.ORGANIZATION, self.tr("Organisation (id or slug)")))
        self.addParameter(QgsProcessingParameterString(self.TITLE, self.tr("Dataset title")))
        self.addParameter(QgsProcessingParameterString(self.DESCRIPTION, self.tr("Description"), multiLine=True))
        self.addParameter(
            QgsProcessingParameterEnum(self.LICENSE, self.tr("Licence"), options=list(LICENCES), defaultValue=0)
        )
        self.addParameter(
            keyed_enum(self.FREQUENCY, self.tr("Update frequency"), FREQUENCY_CHOICES, default=FREQUENCIES[0])
        )
        for name, label in (
            (self.TEMPORAL_START, self.tr("Temporal coverage: start (YYYY-MM-DD)")),
            (self.TEMPORAL_END, self.tr("Temporal coverage: end (YYYY-MM-DD)")),
            (
                self.COVERAGE,
                self.tr("Territorial coverage: COG codes (communes, EPCI, départements, régions), comma-separated"),
            ),
            (self.TAGS, self.tr("Keywords (comma-separated)")),
            (self.RESOURCE_TITLE, self.tr("Title of the CSV resource (default: the file name)")),
        ):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        if not self.parameterAsString(parameters, self.AUTHCFG, context):
            return False, self.tr(
                "Choose the authentication configuration holding your data.gouv.fr API key (its password or key)."
            )
        for name in (self.ORGANIZATION, self.TITLE):
            if not self.parameterAsString(parameters, name, context).strip():
                return False, self.tr("{} is required.", self.parameterDefinition(name).description())
        return True, ""

    def _request(self, parameters, context) -> PublishRequest:
        def text(name):
            return (self.parameterAsString(parameters, name, context) or "").strip()

        def split(name):
            return [t.strip() for t in text(name).replace(";", ",").split(",") if t.strip()]

        meta = DatasetMeta(
            title=text(self.TITLE),
            description=text(self.DESCRIPTION),
            organization=text(self.ORGANIZATION),
            license=LICENCES[self.parameterAsEnum(parameters, self.LICENSE, context)],
            frequency=enum_key(self, parameters, self.FREQUENCY, context),
            temporal_start=text(self.TEMPORAL_START),
            temporal_end=text(self.TEMPORAL_END),
            tags=split(self.TAGS),
        )
        return PublishRequest(
            csv_path=self.parameterAsFile(parameters, self.INPUT, context),
            validation_report=self.parameterAsFile(parameters, self.VALIDATION_REPORT, context),
            risk_report=self.parameterAsFile(parameters, self.RISK_REPORT, context),
            min_k=self.parameterAsInt(parameters, self.MIN_K, context),
            no_personal_data=self.parameterAsBoolean(parameters, self.NO_PERSONAL_DATA, context),
            authcfg=self.parameterAsString(parameters, self.AUTHCFG, context),
            meta=meta,
            coverage_codes=split(self.COVERAGE),
            resource_title=text(self.RESOURCE_TITLE),
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        request = self._request(parameters, context)
        columns = _read_csv(request.csv_path, self.tr)
        validation = _read_json(request.validation_report, self.tr) if request.validation_report else None
        risk = _read_json(request.risk_report, self.tr) if request.risk_report else None
        if validation is not None and not validation.get("valid", False):
            raise QgsProcessingException(
                self.tr(
                    "The validation report {} says the CSV does not follow its schema: nothing was published. "
                    "Correct the data and export it again.",
                    request.validation_report,
                )
            )
        self._gate(request, columns, risk, feedback)
        self._coverage(request)
        resources = self._resources(request, validation, risk)
        feedback.pushInfo(self.tr("Publishing '{}' to data.gouv.fr…", request.meta.title))
        try:
            publisher = DataGouvPublisher(request.authcfg, feedback)
            result = publisher.publish(request.meta, resources)
        except PublishError as exc:
            raise QgsProcessingException(str(exc)) from None
        except RequestCancelled:
            self.check_cancelled(feedback)
            raise
        for step in result.steps:
            feedback.pushInfo(step)
        feedback.setProgress(100)
        return {
            "DATASET_ID": result.dataset_id,
            "DATASET_URL": result.dataset_url,
            "CREATED": result.created,
            "RESOURCES": len(result.resources),
        }

    def _gate(self, request, columns, risk, feedback) -> None:
        """The privacy gate: refuse a table with personal data unless anonymised (risk report) or declared."""
        decision = decide(columns, risk, request.min_k, request.no_personal_data)
        request.meta.extras.update(decision.metadata())
        if decision.basis == "declared" and (decision.direct or decision.quasi):
            feedback.pushWarning(
                self.tr(
                    "You declared that {} holds no personal data; the detector proposed: {}. The declaration is "
                    "recorded in the dataset's metadata.",
                    Path(request.csv_path).name,
                    "; ".join(f"{k} ({v})" for k, v in {**decision.direct, **decision.quasi}.items()),
                )
            )
        if decision.allowed:
            feedback.pushInfo(self.tr("Privacy gate: passed ({}).", decision.basis))
            return
        found = "; ".join(f"{k} ({v})" for k, v in decision.direct.items())
        quasi = ", ".join(f"{k} ({v})" for k, v in decision.quasi.items())
        raise QgsProcessingException(
            self.tr(
                "Privacy gate: {} was not published because it may hold personal data. Direct identifiers or free "
                "text: {}. Quasi-identifiers: {}. Why no exemption applies: {}. Publish the output of 'Anonymised "
                "export (k-anonymity)' with its risk report (JSON), or, if the table holds no personal data (e.g. "
                "the public contacts of facilities), declare it with the parameter 'I declare that this table holds "
                "no personal data'.",
                Path(request.csv_path).name,
                found or "—",
                quasi or "—",
                "; ".join(decision.reasons),
            )
        )

    def _coverage(self, request) -> None:
        referential = default_referential()

        def kind_of(code):
            for level in LEVELS:
                if referential.is_valid(code, level):
                    return level
            return None

        try:
            zones, granularity = coverage(request.coverage_codes, kind_of)
        except ValueError as exc:
            raise QgsProcessingException(
                self.tr(
                    "Territorial coverage: {} are not codes of the current COG (communes, EPCI SIREN, départements, "
                    "régions). Correct them (e.g. 91228 for Évry-Courcouronnes, 91 for Essonne).",
                    exc,
                )
            ) from None
        request.meta.zones, request.meta.granularity = zones, granularity

    def _resources(self, request, validation, risk) -> list:
        csv_path = Path(request.csv_path)
        metadata = (validation or {}).get("metadata") or {}
        specs = [
            ResourceSpec(
                str(csv_path),
                request.resource_title or csv_path.name,
                "main",
                self.tr("Data following the schema {}", metadata.get("schema_name"))
                if metadata.get("schema_name")
                else "",
                metadata.get("schema_name") or "",
                metadata.get("schema_version") or "",
                "text/csv",
            )
        ]
        if request.validation_report:
            path = Path(request.validation_report)
            specs.append(
                ResourceSpec(
                    str(path),
                    self.tr("Validation report of {}", csv_path.name),
                    "documentation",
                    self.tr("Validation of the data against its schema (TerriData)."),
                    mime="application/json",
                )
            )
        if risk is not None:
            path = Path(request.risk_report)
            specs.append(
                ResourceSpec(
                    str(path),
                    self.tr("Anonymisation risk report of {}", csv_path.name),
                    "documentation",
                    self.tr("Risk report of the anonymised export (k-anonymity, WP29 criteria)."),
                    mime="application/json",
                )
            )
        return specs


def _read_csv(path: str, tr) -> dict:
    """The CSV's columns (name → values as text)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if not header:
                raise QgsProcessingException(tr("The CSV {} is empty: nothing to publish.", path))
            columns = {name: [] for name in header}
            for row in reader:
                for name, value in zip(header, row):
                    columns[name].append(value if value != "" else None)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise QgsProcessingException(tr("The CSV {} could not be read ({}).", path, exc)) from None
    return columns


def _read_json(path: str, tr) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise QgsProcessingException(tr("The report {} could not be read ({}).", path, exc)) from None
    if not isinstance(data, dict):
        raise QgsProcessingException(tr("The report {} is not a TerriData report (JSON object expected).", path))
    return data
