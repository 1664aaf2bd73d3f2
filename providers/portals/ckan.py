"""CKAN action API v3 client (any CKAN site: ``{site}/api/3/action/{action}``, envelope
``{help, success, result}``).

``package_search`` with ``q``, ``fq`` (organization, tags, res_format, license_id), ``rows``/``start`` to the end,
``sort`` and facets (``facet.field``); ``package_show`` for the detail. Resource formats are free text and are
normalised (``core.tabular.formats.normalise_format``). Resources in the DataStore (``datastore_active``) can be
read filtered through ``datastore_search``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ...core.tabular.formats import normalise_format
from ...toolbelt.atomic import atomic_path
from ...toolbelt.i18n import tr
from ...toolbelt.network import NetworkClient, build_url
from .base import (
    DatasetInfo,
    DownloadPlan,
    PortalClient,
    PortalError,
    ResourceInfo,
    SearchPage,
    SearchQuery,
    as_json_object,
)
from .datagouv import GEO_FORMATS

MAX_ROWS = 1000
DATASTORE_PAGE = 32000  # CKAN's default cap; the server may cap lower and says so in the answer
FACET_FIELDS = ("organization", "tags", "res_format", "license_id")


def _fq_value(text: str) -> str:
    return '"' + str(text).replace('"', '\\"') + '"'


def fq_clause(query: SearchQuery) -> str:
    parts = []
    if query.organization:
        parts.append(f"organization:{_fq_value(query.organization)}")
    for tag in query.tags:
        parts.append(f"tags:{_fq_value(tag)}")
    if query.format:
        parts.append(f"res_format:{_fq_value(query.format)}")
    if query.licence:
        parts.append(f"license_id:{_fq_value(query.licence)}")
    return " AND ".join(parts)


def resource_from_json(obj: dict) -> ResourceInfo:
    url = obj.get("url") or ""
    declared = obj.get("format") or ""
    fmt = normalise_format(declared, url)
    if fmt == "unknown" and obj.get("mimetype"):
        fmt = normalise_format(obj.get("mimetype"), url)
    size = obj.get("size")
    try:
        size = int(size) if size not in (None, "") else None
    except (TypeError, ValueError):
        size = None
    return ResourceInfo(
        id=str(obj.get("id") or ""),
        title=obj.get("name") or "",
        format=fmt,
        declared_format=declared,
        url=url,
        size=size,
        modified=obj.get("last_modified") or obj.get("created") or "",
        mime=obj.get("mimetype") or "",
        tabular_api=bool(obj.get("datastore_active")),
        schema=str(obj.get("schema") or "") if isinstance(obj.get("schema"), str) else "",
    )


def dataset_from_json(obj: dict, portal: str) -> DatasetInfo:
    org = obj.get("organization") or {}
    resources = [resource_from_json(r) for r in obj.get("resources") or [] if isinstance(r, dict)]
    tags = tuple(t.get("name") for t in obj.get("tags") or [] if isinstance(t, dict) and t.get("name"))
    extras = {e.get("key"): e.get("value") for e in obj.get("extras") or [] if isinstance(e, dict)}
    extent = None
    if extras.get("spatial"):
        from .base import extent_from_geojson

        try:
            extent = extent_from_geojson(json.loads(extras["spatial"]))
        except ValueError:
            extent = None
    return DatasetInfo(
        id=str(obj.get("name") or obj.get("id") or ""),
        title=obj.get("title") or obj.get("name") or "",
        description=obj.get("notes") or "",
        organization=org.get("title") or org.get("name") or obj.get("author") or "",
        licence=obj.get("license_title") or obj.get("license_id") or "",
        licence_url=obj.get("license_url") or "",
        created=obj.get("metadata_created") or "",
        modified=obj.get("metadata_modified") or "",
        keywords=tags,
        resources=resources,
        extent=extent,
        geographic=extent is not None or any(r.format in GEO_FORMATS for r in resources),
        portal=portal,
    )


class CkanClient(PortalClient):
    kind = "ckan"

    def __init__(self, config, feedback=None):
        super().__init__(config, feedback)
        self.net = NetworkClient("ckan", feedback=feedback, authcfg=config.authcfg, follow_redirects=True)
        base = config.url.rstrip("/")
        self.base = base if base.endswith("/api/3/action") else base + "/api/3/action"

    def _action(self, action: str, params: dict, what: str):
        response = self.net.get(build_url(self.base, action), params=params)
        data = as_json_object(response, what, self.config.name)
        if data.get("success") is not True or "result" not in data:
            error = data.get("error") or {}
            raise PortalError(
                tr(
                    "{} refused {} ({}: {}).",
                    self.config.name,
                    what,
                    error.get("__type") or tr("error"),
                    error.get("message") or tr("no message"),
                )
            )
        return data["result"]

    def _rows(self, query: SearchQuery) -> int:
        return min(MAX_ROWS, max(1, query.page_size))

    def search_page(self, query: SearchQuery, page: int, with_facets: bool = False) -> SearchPage:
        rows = self._rows(query)
        text = " ".join(x for x in (query.text, query.territory.name if query.territory else "") if x)
        params = {
            "q": text or None,
            "fq": fq_clause(query) or None,
            "rows": rows,
            "start": (page - 1) * rows,
            "sort": "metadata_modified desc" if query.sort == "updated" else None,
        }
        if with_facets:
            params["facet.field"] = json.dumps(list(FACET_FIELDS))
            params["facet.limit"] = 50
        result = self._action("package_search", params, tr("the dataset search"))
        if not isinstance(result, dict) or not isinstance(result.get("results"), list):
            raise PortalError(tr("{} answered a search without 'results'.", self.config.name))
        datasets = [dataset_from_json(d, self.config.name) for d in result["results"] if isinstance(d, dict)]
        if query.geographic_only:
            datasets = [d for d in datasets if d.geographic]
        facets = {}
        for name, facet in (result.get("search_facets") or {}).items():
            facets[name] = [(i.get("name"), int(i.get("count") or 0)) for i in facet.get("items") or []]
        return SearchPage(int(result.get("count") or 0), datasets, facets)

    def search(self, query: SearchQuery):
        rows = self._rows(query)
        page, seen = 1, 0
        while True:
            if self.feedback is not None and self.feedback.isCanceled():
                return
            result = self.search_page(query, page)
            for ds in result.datasets:
                yield ds
                seen += 1
                if query.max_results and seen >= query.max_results:
                    return
            if page * rows >= result.total:
                return
            page += 1

    def facets(self, query: SearchQuery) -> dict:
        q = SearchQuery(**{**query.__dict__, "page_size": 1})
        return self.search_page(q, 1, with_facets=True).facets

    def dataset(self, dataset_id: str) -> DatasetInfo:
        result = self._action("package_show", {"id": dataset_id}, tr("the dataset '{}'", dataset_id))
        if not isinstance(result, dict):
            raise PortalError(tr("{} answered no dataset for '{}'.", self.config.name, dataset_id))
        return dataset_from_json(result, self.config.name)

    def fetch_datastore(self, resource: ResourceInfo, filters: dict, target) -> Path:
        """The DataStore rows of ``resource`` matching ``filters`` (``{"column": "value"}``, exact match) written
        as a UTF-8 CSV at ``target`` (atomically). Paging follows the ``limit`` the server echoes (CKAN silently
        caps it)."""
        if not resource.tabular_api:
            raise PortalError(
                tr(
                    "The resource '{}' is not in the CKAN DataStore, so filters cannot be applied on the server: "
                    "load it without a filter.",
                    resource.title or resource.id,
                )
            )
        header, offset, total = None, 0, None
        with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            while total is None or offset < total:
                if self.feedback is not None and self.feedback.isCanceled():
                    raise PortalError(tr("Cancelled"))
                params = {
                    "resource_id": resource.id,
                    "filters": json.dumps(filters, ensure_ascii=False),
                    "limit": DATASTORE_PAGE,
                    "offset": offset,
                }
                result = self._action("datastore_search", params, tr("the DataStore search"))
                records = result.get("records") if isinstance(result, dict) else None
                if not isinstance(records, list):
                    raise PortalError(tr("{} answered a DataStore search without 'records'.", self.config.name))
                if header is None:
                    header = [f.get("id") for f in result.get("fields") or [] if f.get("id") != "_id"]
                    writer.writerow(header)
                for record in records:
                    writer.writerow(["" if record.get(k) is None else record.get(k) for k in header])
                total = int(result.get("total") or 0)
                step = int(result.get("limit") or len(records) or 0)
                if not records or step <= 0:
                    break
                offset += min(step, len(records))
        return Path(target)

    def download_plan(self, dataset, resource, where: str = "", filters=None, prefer_converted: bool = True):
        if filters or where:
            raise PortalError(tr("CKAN filters are read through the DataStore: use fetch_datastore()."))
        if not resource.url:
            raise PortalError(tr("The resource '{}' of '{}' has no URL.", resource.id, dataset.id))
        name = resource.url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or resource.id
        name = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:120] or "resource"
        return DownloadPlan(resource.url, format=resource.format, filename=name)
