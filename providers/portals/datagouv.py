"""data.gouv.fr (udata) API v1 client, with the tabular API for filtered reads of large CSVs.

Search ``GET /1/datasets/`` (``q, organization, tag, format, license, geozone, sort, page, page_size``; the
territory as a COG geozone ``fr:commune:<code>``), dataset ``GET /1/datasets/{id}/`` with its resources embedded.
The search window is 10,000 results (v2 refuses beyond with a 400; v1 pages beyond it are not reliable either):
paging stops there and says so. Resource extras pointing at converted files (``analysis:parsing:geojson_url``)
are used when they make loading cheaper; the tabular API (``tabular-api.data.gouv.fr``) serves column filters.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ...core.tabular.formats import normalise_format
from ...toolbelt.atomic import atomic_path
from ...toolbelt.i18n import tr
from ...toolbelt.network import NetworkClient, build_url
from ...toolbelt.settings import PlgSettings
from .base import (
    DatasetInfo,
    DownloadPlan,
    PortalClient,
    PortalError,
    ResourceInfo,
    SearchPage,
    SearchQuery,
    as_json_object,
    extent_from_geojson,
)

RESULT_WINDOW = 10_000
MAX_PAGE_SIZE = 100
TABULAR_PAGE_SIZE = 200
GEO_FORMATS = {"geojson", "shp", "kml", "kmz", "gpkg", "fgb", "gml"}

LICENCES = {
    "lov2": ("Licence Ouverte 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    "fr-lo": ("Licence Ouverte 1.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    "odc-odbl": ("ODbL 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    "odc-by": ("ODC-BY 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
    "odc-pddl": ("PDDL 1.0", "https://opendatacommons.org/licenses/pddl/1-0/"),
    "cc-by": ("CC-BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "cc-by-sa": ("CC-BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "cc-zero": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
}


def licence_of(license_id: str) -> tuple:
    return LICENCES.get(license_id or "", (license_id or "", ""))


def resource_from_json(obj: dict) -> ResourceInfo:
    extras = obj.get("extras") or {}
    schema = obj.get("schema") or {}
    schema_name = schema.get("name") or "" if isinstance(schema, dict) else ""
    if schema_name and schema.get("version"):
        schema_name = f"{schema_name}@{schema['version']}"
    url = obj.get("url") or obj.get("latest") or ""
    return ResourceInfo(
        id=str(obj.get("id") or ""),
        title=obj.get("title") or "",
        format=normalise_format(obj.get("format") or obj.get("mime"), url),
        declared_format=obj.get("format") or "",
        url=url,
        size=obj.get("filesize"),
        modified=obj.get("last_modified") or obj.get("created_at") or "",
        schema=schema_name,
        schema_url=(schema.get("url") or "") if isinstance(schema, dict) else "",
        mime=obj.get("mime") or "",
        extras=dict(extras),
        tabular_api=bool(extras.get("analysis:parsing:parsing_table")),
    )


def dataset_from_json(obj: dict, portal: str) -> DatasetInfo:
    org = obj.get("organization") or {}
    owner = obj.get("owner") or {}
    producer = org.get("name") or " ".join(x for x in (owner.get("first_name"), owner.get("last_name")) if x)
    licence, licence_url = licence_of(obj.get("license"))
    spatial = obj.get("spatial") or {}
    resources = [resource_from_json(r) for r in obj.get("resources") or [] if isinstance(r, dict)]
    schemas = sorted({r.schema for r in resources if r.schema})
    extent = extent_from_geojson(spatial.get("geom"))
    geographic = bool(spatial.get("geom")) or any(r.format in GEO_FORMATS for r in resources)
    return DatasetInfo(
        id=str(obj.get("id") or obj.get("slug") or ""),
        title=obj.get("title") or "",
        description=obj.get("description") or "",
        organization=producer,
        licence=licence,
        licence_url=licence_url,
        created=obj.get("created_at") or "",
        modified=obj.get("last_update") or obj.get("last_modified") or "",
        coverage=tuple(spatial.get("zones") or ()),
        granularity=spatial.get("granularity") or "",
        schema=", ".join(schemas),
        keywords=tuple(obj.get("tags") or ()),
        resources=resources,
        extent=extent,
        geographic=geographic,
        page_url=obj.get("page") or "",
        portal=portal,
    )


class DataGouvClient(PortalClient):
    kind = "datagouv"

    def __init__(self, config, feedback=None):
        super().__init__(config, feedback)
        self.net = NetworkClient("datagouv", feedback=feedback, authcfg=config.authcfg, follow_redirects=True)
        self.base = config.url.rstrip("/")

    def _params(self, query: SearchQuery, page: int) -> dict:
        return {
            "q": query.text or None,
            "organization": query.organization or None,
            "tag": list(query.tags) or None,
            "format": query.format or None,
            "license": query.licence or None,
            "geozone": query.territory.geozone if query.territory else None,
            "granularity": query.granularity or None,
            "badge": query.badge or None,
            "sort": "-last_update" if query.sort == "updated" else None,
            "page": page,
            "page_size": min(MAX_PAGE_SIZE, max(1, query.page_size)),
        }

    def search_page(self, query: SearchQuery, page: int) -> SearchPage:
        response = self.net.get(self.base + "/datasets/", params=self._params(query, page))
        data = as_json_object(response, tr("the dataset search"), self.config.name)
        if not isinstance(data.get("data"), list):
            raise PortalError(tr("{} answered a search without a 'data' list ({}).", self.config.name, response.url))
        datasets = [dataset_from_json(d, self.config.name) for d in data["data"] if isinstance(d, dict)]
        if query.geographic_only:
            datasets = [d for d in datasets if d.geographic]
        return SearchPage(int(data.get("total") or 0), datasets)

    def search(self, query: SearchQuery):
        page_size = min(MAX_PAGE_SIZE, max(1, query.page_size))
        page, seen = 1, 0
        while True:
            if self.feedback is not None and self.feedback.isCanceled():
                return
            result = self.search_page(query, page)
            raw_count = page * page_size
            for ds in result.datasets:
                yield ds
                seen += 1
                if query.max_results and seen >= query.max_results:
                    return
            if raw_count >= result.total or not result.datasets and not query.geographic_only:
                return
            if (page + 1) * page_size > RESULT_WINDOW:
                if self.feedback is not None:
                    self.feedback.reportError(
                        tr(
                            "{} gives at most {} results per search; {} match. Narrow the search (organisation, "
                            "territory, format) to see the others.",
                            self.config.name,
                            RESULT_WINDOW,
                            result.total,
                        ),
                        False,
                    )
                return
            page += 1

    def dataset(self, dataset_id: str) -> DatasetInfo:
        response = self.net.get(build_url(self.base, f"datasets/{dataset_id}/"))
        data = as_json_object(response, tr("the dataset '{}'", dataset_id), self.config.name)
        if "id" not in data and "resources" not in data:
            raise PortalError(tr("{} answered no dataset for '{}'.", self.config.name, dataset_id))
        return dataset_from_json(data, self.config.name)

    def download_plan(self, dataset, resource, where: str = "", filters=None, prefer_converted: bool = True):
        if filters:
            raise PortalError(tr("Column filters are read through the tabular API: use fetch_tabular()."))
        geojson = resource.extras.get("analysis:parsing:geojson_url")
        if prefer_converted and resource.format == "csv" and geojson:
            return DownloadPlan(geojson, format="geojson", filename=f"{resource.id}.geojson")
        if not resource.url:
            raise PortalError(tr("The resource '{}' of '{}' has no URL.", resource.id, dataset.id))
        return DownloadPlan(resource.url, format=resource.format, filename=_filename(resource))

    # ------------------------------------------------------------------------------------------ tabular API
    def fetch_tabular(self, resource: ResourceInfo, filters: dict, target) -> Path:
        """The rows of ``resource`` matching ``filters`` (``{"col__exact": "x", ...}``) written as a UTF-8 CSV at
        ``target`` (atomically), page after page through the tabular API."""
        if not resource.tabular_api:
            raise PortalError(
                tr(
                    "The resource '{}' is not served by data.gouv.fr's tabular API, so column filters cannot be "
                    "applied on the server: load it without a filter.",
                    resource.title or resource.id,
                )
            )
        for key in filters:
            if "__" not in key and key not in ("columns",):
                raise PortalError(
                    tr("Invalid tabular API filter '{}': expected column__exact, column__contains, …", key)
                )
        base = PlgSettings.get().datagouv_tabular_url.rstrip("/")
        url = build_url(base, f"resources/{resource.id}/data/")
        params = dict(filters)
        params["page_size"] = TABULAR_PAGE_SIZE
        params["page"] = 1
        header = None
        with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            next_url, first = url, True
            while next_url:
                if self.feedback is not None and self.feedback.isCanceled():
                    raise PortalError(tr("Cancelled"))
                response = self.net.get(next_url, params=params if first else None)
                first = False
                data = as_json_object(response, tr("the tabular API"), self.config.name)
                rows = data.get("data")
                if not isinstance(rows, list):
                    raise PortalError(tr("The tabular API answered without a 'data' list ({}).", response.url))
                for row in rows:
                    if header is None:
                        header = [k for k in row if k != "__id"]
                        writer.writerow(header)
                    writer.writerow(["" if row.get(k) is None else row.get(k) for k in header])
                next_url = (data.get("links") or {}).get("next")
            if header is None:
                writer.writerow(["__empty__"])
            handle.flush()
        return Path(target)


def _filename(resource: ResourceInfo) -> str:
    name = resource.url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or resource.id
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:120] or "resource"
