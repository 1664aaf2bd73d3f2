"""Opendatasoft Explore API v2.1 client (any Opendatasoft domain: ``https://<domain>/api/explore/v2.1``).

Catalogue search ``/catalog/datasets`` with an ODSQL ``where`` (full text, ``features = "geo"``), ``refine``
(publisher, keyword, license), ``order_by``, ``limit`` ≤ 100 and ``offset + limit`` < 10,000; facets
``/catalog/facets``. Records are capped the same way, so data is always loaded through
``/catalog/datasets/{id}/exports/{format}`` (no cap): FlatGeobuf for geographic datasets, CSV otherwise, with the
user's ODSQL ``where``/``select`` pushed to the server. API keys (per-portal quotas) come from the portal's
authentication configuration and go in the documented ``Authorization: Apikey <key>`` header (never in the
address). A 429's ``reset_time`` is honoured: the request waits until then (through the network layer's
``retry_delay_from`` hook, cancellable).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from ...toolbelt.auth import AuthConfigError, secret_from_authcfg
from ...toolbelt.i18n import tr
from ...toolbelt.network import NetworkClient, build_url
from ...toolbelt.secrets import remember_header_secret
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

MAX_LIMIT = 100
RECORDS_WINDOW = 10_000
EXPORT_FORMATS = ("fgb", "geojson", "csv", "xlsx", "shp", "kml", "parquet", "json")
FACETS = ("publisher", "keyword", "theme", "license", "territory")


def reset_delay(body: bytes, now: datetime | None = None):
    """Seconds until the ``reset_time`` of an Opendatasoft 429 body, or None."""
    try:
        data = json.loads(body.decode("utf-8"))
        reset = datetime.fromisoformat(str(data["reset_time"]).replace("Z", "+00:00"))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError):
        return None
    if reset.tzinfo is None:
        reset = reset.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (reset - now).total_seconds())


def retry_delay_from_reset_time(response):
    """The network layer's ``retry_delay_from`` for Opendatasoft: a 429 without ``Retry-After`` waits until the
    ``reset_time`` of its JSON body (a little after it); anything else falls back to the default (None)."""
    if response.status != 429 or response.headers.get("retry-after"):
        return None
    delay = reset_delay(response.content)
    return None if delay is None else delay + 0.05


def _quote(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def where_clause(query: SearchQuery) -> str:
    parts = []
    if query.text:
        parts.append(_quote(query.text))
    if query.territory is not None and query.territory.name:
        parts.append(_quote(query.territory.name))
    if query.geographic_only:
        parts.append('features = "geo"')
    return " AND ".join(parts)


def refine_params(query: SearchQuery) -> list:
    refine = []
    if query.organization:
        refine.append(f"publisher:{query.organization}")
    for tag in query.tags:
        refine.append(f"keyword:{tag}")
    if query.licence:
        refine.append(f"license:{query.licence}")
    return refine


def dataset_from_json(obj: dict, portal: str, base: str) -> DatasetInfo:
    metas = (obj.get("metas") or {}).get("default") or {}
    features = obj.get("features") or []
    ident = str(obj.get("dataset_id") or "")
    geographic = "geo" in features
    formats = ("fgb", "geojson", "csv", "xlsx") if geographic else ("csv", "xlsx", "json")
    export_base = build_url(base, f"catalog/datasets/{ident}/exports")
    resources = [
        ResourceInfo(
            id=f"export:{fmt}",
            title=f"{metas.get('title') or ident} ({fmt})",
            format=fmt,
            declared_format=fmt,
            url=f"{export_base}/{fmt}",
            modified=metas.get("data_processed") or metas.get("modified") or "",
        )
        for fmt in formats
    ]
    keywords = tuple(metas.get("keyword") or ()) + tuple(metas.get("theme") or ())
    return DatasetInfo(
        id=ident,
        title=metas.get("title") or ident,
        description=metas.get("description") or "",
        organization=metas.get("publisher") or "",
        licence=metas.get("license") or "",
        licence_url=metas.get("license_url") or "",
        created="",
        modified=metas.get("modified") or "",
        coverage=tuple(metas.get("territory") or ()),
        keywords=keywords,
        resources=resources,
        geographic=geographic,
        portal=portal,
        fields=list(obj.get("fields") or []),
    )


class OpendatasoftClient(PortalClient):
    kind = "opendatasoft"

    def __init__(self, config, feedback=None):
        super().__init__(config, feedback)
        # The key goes in the ``Authorization: Apikey`` header (a key in the address would end up in logs): the
        # network layer never caches such a request, masks the key in every message and, following redirects,
        # keeps the request on the portal's origin.
        self.net = NetworkClient(
            "opendatasoft", feedback=feedback, follow_redirects=True, retry_delay_from=retry_delay_from_reset_time
        )
        self.base = config.url.rstrip("/")
        self._headers = {}
        if config.authcfg:
            try:
                self._headers["Authorization"] = f"Apikey {secret_from_authcfg(config.authcfg)}"
            except AuthConfigError as exc:
                raise PortalError(tr("Portal '{}': {}", config.name, str(exc))) from None
            remember_header_secret("Authorization", self._headers["Authorization"])

    def _get(self, path: str, params: dict, what: str) -> dict:
        response = self.net.get(build_url(self.base, path), params=params, headers=self._headers or None)
        return as_json_object(response, what, self.config.name)

    def _limit(self, query: SearchQuery) -> int:
        return min(MAX_LIMIT, max(1, query.page_size))

    def search_page(self, query: SearchQuery, page: int) -> SearchPage:
        limit = self._limit(query)
        offset = (page - 1) * limit
        limit = min(limit, RECORDS_WINDOW - 1 - offset)
        params = {
            "where": where_clause(query) or None,
            "refine": refine_params(query) or None,
            "order_by": "modified desc" if query.sort == "updated" else None,
            "limit": limit,
            "offset": offset,
        }
        data = self._get("catalog/datasets", params, tr("the catalogue search"))
        if not isinstance(data.get("results"), list):
            raise PortalError(tr("{} answered a catalogue search without 'results'.", self.config.name))
        datasets = [dataset_from_json(d, self.config.name, self.base) for d in data["results"] if isinstance(d, dict)]
        return SearchPage(int(data.get("total_count") or 0), datasets)

    def _window_reached(self, query, page) -> bool:
        reached = page * self._limit(query) >= RECORDS_WINDOW - 1
        if reached and self.feedback is not None:
            self.feedback.reportError(
                tr(
                    "{} lists at most {} datasets per search: narrow the search to see the others.",
                    self.config.name,
                    RECORDS_WINDOW,
                ),
                False,
            )
        return reached

    def facets(self, query: SearchQuery) -> dict:
        """``{facet: [(value, count), ...]}`` for the datasets matching ``query``."""
        params = {"where": where_clause(query) or None, "refine": refine_params(query) or None, "facet": list(FACETS)}
        data = self._get("catalog/facets", params, tr("the catalogue facets"))
        out = {}
        for facet in data.get("facets") or []:
            out[facet.get("name")] = [
                (v.get("value") or v.get("name"), int(v.get("count") or 0)) for v in facet.get("facets") or []
            ]
        return out

    def dataset(self, dataset_id: str) -> DatasetInfo:
        data = self._get(f"catalog/datasets/{dataset_id}", {}, tr("the dataset '{}'", dataset_id))
        if not data.get("dataset_id"):
            raise PortalError(tr("{} answered no dataset for '{}'.", self.config.name, dataset_id))
        return dataset_from_json(data, self.config.name, self.base)

    def download_plan(self, dataset, resource, where: str = "", filters=None, prefer_converted: bool = True):
        """Always an export (no record cap), the user's ODSQL ``where`` and ``select`` pushed to the server."""
        fmt = resource.format if resource.format in EXPORT_FORMATS else ("fgb" if dataset.geographic else "csv")
        params = {}
        if where:
            params["where"] = where
        for key, value in (filters or {}).items():
            if key not in ("select", "order_by", "refine", "exclude"):
                raise PortalError(
                    tr("Unknown Opendatasoft export parameter '{}': use select, order_by, refine or exclude.", key)
                )
            params[key] = value
        if fmt == "csv":
            params.setdefault("delimiter", ";")
        url = build_url(self.base, f"catalog/datasets/{dataset.id}/exports/{fmt}")
        return DownloadPlan(url, params=params, format=fmt, filename=f"{dataset.id}.{fmt}", headers=dict(self._headers))
