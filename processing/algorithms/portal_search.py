"""Processing algorithm ``terridata:portal_search`` ("Search an open-data portal").

A portal of the ``portals`` setting (data.gouv.fr, an Opendatasoft portal, a CKAN site), a query and filters →
a table with one row per resource of every matching dataset. The protocol is in :mod:`providers.portals`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ...providers.portals import client_for, datagouv_v2, registry_provider
from ...providers.portals.base import PortalError, SearchQuery, Territory
from ...providers.portals.config import DATAGOUV
from ...providers.portals.territory import LEVELS, territory_from_code
from ...toolbelt.network import NetworkError
from ..base import TerriDataAlgorithm

SORTS = ("relevance", "updated")
FIELDS = (
    ("portal", QVariant.String),
    ("dataset_id", QVariant.String),
    ("dataset_title", QVariant.String),
    ("organisation", QVariant.String),
    ("licence", QVariant.String),
    ("updated", QVariant.String),
    ("resource_id", QVariant.String),
    ("resource_title", QVariant.String),
    ("format", QVariant.String),
    ("size", QVariant.LongLong),
    ("url", QVariant.String),
    ("schema", QVariant.String),
)


@dataclass
class SearchRequest:
    portal: str
    query: SearchQuery


class PortalSearch(TerriDataAlgorithm):
    NAME = "portal_search"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Search an open-data portal")
    GROUP = "data"

    PORTAL, QUERY, ORGANIZATION, TAGS, FORMAT, LICENCE = "PORTAL", "QUERY", "ORGANIZATION", "TAGS", "FORMAT", "LICENCE"
    TERRITORY_LEVEL, TERRITORY_CODE, GEOGRAPHIC = "TERRITORY_LEVEL", "TERRITORY_CODE", "GEOGRAPHIC_ONLY"
    SORT, MAX_RESULTS, OUTPUT = "SORT", "MAX_RESULTS", "OUTPUT"
    GRANULARITY, BADGE = "GRANULARITY", "BADGE"
    DATASET_COUNT, RESOURCE_COUNT = "DATASET_COUNT", "RESOURCE_COUNT"
    MATCHING = "MATCHING"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterString(
                self.PORTAL, self.tr("Portal (name from the TerriData settings, or its API URL)"), defaultValue=DATAGOUV
            )
        )
        self.addParameter(QgsProcessingParameterString(self.QUERY, self.tr("Search text"), optional=True))
        self.addParameter(
            QgsProcessingParameterString(self.ORGANIZATION, self.tr("Organisation / publisher"), optional=True)
        )
        self.addParameter(QgsProcessingParameterString(self.TAGS, self.tr("Tags (comma-separated)"), optional=True))
        self.addParameter(
            QgsProcessingParameterString(self.FORMAT, self.tr("Resource format (csv, geojson…)"), optional=True)
        )
        self.addParameter(QgsProcessingParameterString(self.LICENCE, self.tr("Licence id"), optional=True))
        self.addParameter(
            QgsProcessingParameterEnum(
                self.TERRITORY_LEVEL,
                self.tr("Territory level"),
                options=[self.tr("Commune"), self.tr("EPCI"), self.tr("Département"), self.tr("Région")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.TERRITORY_CODE,
                self.tr("Territory: INSEE code (commune, département, région) or SIREN (EPCI)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.GEOGRAPHIC, self.tr("Geographic datasets only"), defaultValue=False)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SORT, self.tr("Sort by"), options=[self.tr("Relevance"), self.tr("Last update")], defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_RESULTS,
                self.tr("Maximum number of datasets (0: all)"),
                QgsProcessingParameterNumber.Integer,
                defaultValue=100,
                minValue=0,
            )
        )
        for param in (
            QgsProcessingParameterString(
                self.GRANULARITY, self.tr("data.gouv.fr: spatial granularity (fr:commune, fr:epci…)"), optional=True
            ),
            QgsProcessingParameterString(self.BADGE, self.tr("data.gouv.fr: badge (spd…)"), optional=True),
        ):
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(param)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Resources found")))
        self.addOutput(QgsProcessingOutputNumber(self.DATASET_COUNT, self.tr("Number of datasets")))
        self.addOutput(QgsProcessingOutputNumber(self.RESOURCE_COUNT, self.tr("Number of resources")))
        self.addOutput(
            QgsProcessingOutputNumber(self.MATCHING, self.tr("Datasets matching on the portal (data.gouv.fr)"))
        )

    def _territory(self, parameters, context) -> Optional[Territory]:
        code = (self.parameterAsString(parameters, self.TERRITORY_CODE, context) or "").strip()
        if not code:
            return None
        level = LEVELS[self.parameterAsEnum(parameters, self.TERRITORY_LEVEL, context)]
        return territory_from_code(level, code)

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        try:
            from ...providers.portals.config import get_portal

            get_portal(self.parameterAsString(parameters, self.PORTAL, context))
            self._territory(parameters, context)
        except PortalError as exc:
            return False, str(exc)
        return True, ""

    def _request(self, parameters, context) -> SearchRequest:
        tags = self.parameterAsString(parameters, self.TAGS, context) or ""
        query = SearchQuery(
            text=(self.parameterAsString(parameters, self.QUERY, context) or "").strip(),
            organization=(self.parameterAsString(parameters, self.ORGANIZATION, context) or "").strip(),
            tags=tuple(t.strip() for t in tags.split(",") if t.strip()),
            format=(self.parameterAsString(parameters, self.FORMAT, context) or "").strip(),
            licence=(self.parameterAsString(parameters, self.LICENCE, context) or "").strip(),
            territory=self._territory(parameters, context),
            geographic_only=self.parameterAsBoolean(parameters, self.GEOGRAPHIC, context),
            sort=SORTS[self.parameterAsEnum(parameters, self.SORT, context)],
            max_results=self.parameterAsInt(parameters, self.MAX_RESULTS, context),
            granularity=(self.parameterAsString(parameters, self.GRANULARITY, context) or "").strip(),
            badge=(self.parameterAsString(parameters, self.BADGE, context) or "").strip(),
        )
        return SearchRequest(self.parameterAsString(parameters, self.PORTAL, context), query)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        try:
            request = self._request(parameters, context)
            client = client_for(request.portal, feedback)
        except (PortalError, NetworkError) as exc:
            raise QgsProcessingException(str(exc)) from None
        fields = QgsFields()
        for name, vtype in FIELDS:
            fields.append(QgsField(name, vtype))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        summary = self._datagouv_summary(client, request.query, feedback)
        datasets = resources = 0
        provider = registry_provider()
        try:
            for info in client.search(request.query):
                self.check_cancelled(feedback)
                datasets += 1
                provider.remember(info)
                if request.query.max_results:
                    feedback.setProgress(100 * datasets / request.query.max_results)
                for res in info.resources or [None]:
                    feature = QgsFeature(fields)
                    feature.setAttributes(
                        [
                            client.config.name,
                            info.id,
                            info.title,
                            info.organization,
                            info.licence,
                            (info.modified or "")[:10],
                            res.id if res else None,
                            res.title if res else None,
                            res.format if res else None,
                            res.size if res and isinstance(res.size, int) else None,
                            res.url if res else None,
                            (res.schema if res else "") or info.schema or None,
                        ]
                    )
                    sink.addFeature(feature, QgsFeatureSink.FastInsert)
                    resources += 1 if res else 0
        except (PortalError, NetworkError) as exc:
            raise QgsProcessingException(str(exc)) from None
        feedback.pushInfo(self.tr("{} datasets, {} resources found on {}", datasets, resources, client.config.name))
        if summary is not None:
            self._log_facets(summary.facets, feedback)
        else:
            self._report_facets(client, request.query, feedback)
        return {
            self.OUTPUT: dest_id,
            self.DATASET_COUNT: datasets,
            self.RESOURCE_COUNT: resources,
            self.MATCHING: summary.total if summary is not None else None,
        }

    def _datagouv_summary(self, client, query, feedback):
        """data.gouv.fr: the total and facets of the search from the search API v2 (v1 has neither facets nor a
        total beyond its window), with a warning up front when the search goes past the 10,000-result window."""
        if client.kind != "datagouv":
            return None
        try:
            summary = datagouv_v2.search_summary(client, query)
        except (PortalError, NetworkError) as exc:
            feedback.pushInfo(self.tr("Facets not available: {}", str(exc)))
            return None
        feedback.pushInfo(self.tr("{} datasets match on {}.", summary.total, client.config.name))
        if summary.beyond_window:
            feedback.reportError(datagouv_v2.window_message(client.config.name, summary.total), False)
        return summary

    def _report_facets(self, client, query, feedback) -> None:
        """The portal's facets for this search, in the log (portals that have them: Opendatasoft, CKAN)."""
        if not hasattr(client, "facets") or feedback.isCanceled():
            return
        try:
            facets = client.facets(query)
        except (PortalError, NetworkError) as exc:
            feedback.pushInfo(self.tr("Facets not available: {}", str(exc)))
            return
        self._log_facets(facets, feedback)

    def _log_facets(self, facets: dict, feedback) -> None:
        for name, values in facets.items():
            if values:
                shown = ", ".join(f"{value} ({count})" for value, count in values[:15])
                feedback.pushInfo(self.tr("Facet {}: {}", name, shown))
