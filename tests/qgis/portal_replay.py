"""Local replays of the three portal APIs for tests (on pytest-httpserver), in their documented formats.

- :class:`DataGouvReplay`: ``/api/1/datasets/`` (``{data, page, page_size, total, next_page, previous_page}``),
  ``/api/2/datasets/search/`` (the same plus ``facets {name: [{name, count}]}``, 400 beyond the 10,000 window),
  ``/api/1/datasets/{id}/`` (resources embedded), errors ``{"message"}``; tabular API
  ``/tabular/resources/{rid}/data/`` (``{data, links{next}, meta}``, ``col__exact`` filters).
- :class:`OdsReplay`: ``/api/explore/v2.1/catalog/datasets`` (``{total_count, results}``, ``limit`` ≤ 100 and
  ``offset + limit`` < 10,000 else 400 ``{"message", "error_code"}``), ``/catalog/facets``, dataset detail,
  ``/exports/{format}`` (CSV ``;`` with BOM, GeoJSON), optional 429 with ``reset_time``.
- :class:`CkanReplay`: ``/api/3/action/package_search`` and ``package_show`` in the ``{help, success, result}``
  envelope, errors ``success: false`` with 404.
Every request is recorded in ``requests`` as ``(path, {arg: [values]})``.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

from werkzeug.wrappers import Response


def _json(data, status=200):
    return Response(json.dumps(data), status=status, content_type="application/json")


def _args(request) -> dict:
    return {k: request.args.getlist(k) for k in request.args}


def dg_dataset(i: int, resources=None, org="Commune d'Évry", geom=None) -> dict:
    return {
        "id": f"ds{i}",
        "slug": f"jeu-{i}",
        "title": f"Défibrillateurs {i}",
        "description": "Emplacements des DAE",
        "organization": {"id": "org1", "name": org},
        "license": "lov2",
        "created_at": "2020-01-01T00:00:00",
        "last_update": f"2024-03-{(i % 28) + 1:02d}T10:00:00",
        "tags": ["defibrillateur", "sante"],
        "spatial": {"geom": geom, "zones": ["fr:commune:91228"], "granularity": "fr:commune"} if geom else None,
        "page": f"https://www.data.gouv.fr/fr/datasets/jeu-{i}/",
        "resources": resources
        if resources is not None
        else [
            {
                "id": f"r{i}",
                "title": f"dae-{i}.csv",
                "format": "csv",
                "url": f"https://static.example/dae-{i}.csv",
                "filetype": "file",
                "type": "main",
                "filesize": 1234,
                "mime": "text/csv",
                "last_modified": "2024-03-01T00:00:00",
                "schema": {"name": "etalab/schema-dae", "version": "1.0.0"},
                "extras": {},
            }
        ],
    }


class DataGouvReplay:
    def __init__(self, httpserver, total: int = 3):
        self.server = httpserver
        self.requests = []
        self.datasets = {f"ds{i}": dg_dataset(i) for i in range(1, total + 1)}
        self.tabular = {}  # rid -> list of row dicts
        self.v2_total = None  # pretend that many datasets match a v2 search (the 10,000-result window)
        httpserver.expect_request(re.compile(r"^/api/1/.*")).respond_with_handler(self._handle)
        httpserver.expect_request(re.compile(r"^/api/2/.*")).respond_with_handler(self._handle_v2)
        httpserver.expect_request(re.compile(r"^/tabular/.*")).respond_with_handler(self._tabular)

    @property
    def base(self) -> str:
        return self.server.url_for("/api/1")

    def _handle(self, request):
        args = _args(request)
        self.requests.append((request.path, args))
        path = request.path
        if path == "/api/1/datasets/":
            page = int(request.args.get("page", 1))
            size = int(request.args.get("page_size", 20))
            found = list(self.datasets.values())
            q = request.args.get("q")
            if q:
                found = [d for d in found if q.lower() in d["title"].lower()]
            start = (page - 1) * size
            return _json(
                {
                    "data": found[start : start + size],
                    "page": page,
                    "page_size": size,
                    "total": len(found),
                    "next_page": None,
                    "previous_page": None,
                }
            )
        match = re.match(r"^/api/1/datasets/([^/]+)/$", path)
        if match:
            ds = self.datasets.get(match.group(1))
            if ds is None:
                return _json({"message": "Not found"}, 404)
            return _json(ds)
        return _json({"message": "Not found"}, 404)

    def _handle_v2(self, request):
        """``/api/2/datasets/search/``: udata's search service answer (``facets`` as ``{name: [{name, count}]}``,
        datasets with their resources as a link), 400 beyond ``page * page_size > 10,000``."""
        args = _args(request)
        self.requests.append((request.path, args))
        if request.path != "/api/2/datasets/search/":
            return _json({"message": "Not found"}, 404)
        page = int(request.args.get("page", 1))
        size = int(request.args.get("page_size", 20))
        if page * size > 10_000:
            return _json({"message": "Result window is too large, page * page_size must be <= 10000"}, 400)
        found = list(self.datasets.values())
        q = request.args.get("q")
        if q:
            found = [d for d in found if q.lower() in d["title"].lower()]
        organisations, formats = {}, {}
        for ds in found:
            name = (ds.get("organization") or {}).get("name")
            if name:
                organisations[name] = organisations.get(name, 0) + 1
            for fmt in {(r.get("format") or "").lower() for r in ds.get("resources") or [] if r.get("format")}:
                formats[fmt] = formats.get(fmt, 0) + 1
        start = (page - 1) * size
        data = []
        for ds in found[start : start + size]:
            item = {k: v for k, v in ds.items() if k != "resources"}
            item["resources"] = {
                "rel": "subsection",
                "href": self.server.url_for(f"/api/2/datasets/{ds['id']}/resources/") + f"?page=1&page_size={size}",
                "type": "GET",
                "total": len(ds.get("resources") or []),
            }
            data.append(item)
        total = self.v2_total if self.v2_total is not None else len(found)
        return _json(
            {
                "data": data,
                "page": page,
                "page_size": size,
                "total": total,
                "total_pages": -(-total // size),
                "next_page": None,
                "previous_page": None,
                "facets": {
                    "format_family": [{"name": k, "count": v} for k, v in formats.items()],
                    "organization_name": [{"name": k, "count": v} for k, v in organisations.items()],
                    "last_update": [
                        {"name": "last_30_days", "count": 0},
                        {"name": "last_12_months", "count": 0},
                        {"name": "last_3_years", "count": len(found)},
                    ],
                },
            }
        )

    def _tabular(self, request):
        args = _args(request)
        self.requests.append((request.path, args))
        match = re.match(r"^/tabular/resources/([^/]+)/data/$", request.path)
        if not match or match.group(1) not in self.tabular:
            return _json({"errors": [{"detail": "resource not found"}]}, 404)
        rows = self.tabular[match.group(1)]
        for key, values in args.items():
            if key.endswith("__exact"):
                col = key[: -len("__exact")]
                rows = [r for r in rows if str(r.get(col)) == values[0]]
        page, size = int(request.args.get("page", 1)), int(request.args.get("page_size", 20))
        chunk = rows[(page - 1) * size : page * size]
        nxt = None
        if page * size < len(rows):
            params = "&".join(f"{k}={v[0]}" for k, v in args.items() if k != "page")
            nxt = self.server.url_for(request.path) + f"?{params}&page={page + 1}"
        return _json(
            {
                "data": [{"__id": i, **r} for i, r in enumerate(chunk)],
                "links": {"next": nxt, "prev": None, "profile": ""},
                "meta": {"page": page, "page_size": size, "total": len(rows)},
            }
        )


def ods_dataset(ident: str, geo: bool = True) -> dict:
    return {
        "dataset_id": ident,
        "has_records": True,
        "features": ["geo", "analyze"] if geo else ["analyze"],
        "fields": [{"name": "nom", "label": "Nom", "type": "text"}, {"name": "geo_point_2d", "type": "geo_point_2d"}],
        "metas": {
            "default": {
                "title": f"Défibrillateurs ({ident})",
                "description": "DAE",
                "records_count": 3,
                "modified": "2024-05-02T08:00:00+00:00",
                "publisher": "Ville de Rennes",
                "license": "Licence Ouverte v2.0 (Etalab)",
                "license_url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
                "keyword": ["santé"],
                "theme": ["Santé"],
                "territory": ["Rennes"],
            }
        },
    }


class OdsReplay:
    PREFIX = "/ods/api/explore/v2.1"

    def __init__(self, httpserver, total: int = 250):
        self.server = httpserver
        self.requests = []
        self.total = total
        self.fail_429 = 0
        self.exports = {}  # (dataset, format) -> (bytes, content-type)
        httpserver.expect_request(re.compile(r"^/ods/.*")).respond_with_handler(self._handle)

    @property
    def base(self) -> str:
        return self.server.url_for(self.PREFIX)

    def _handle(self, request):
        args = _args(request)
        self.requests.append((request.path, args))
        if self.fail_429 > 0:
            self.fail_429 -= 1
            reset = (datetime.now(timezone.utc) + timedelta(seconds=1)).isoformat()
            return _json(
                {
                    "errorcode": 10002,
                    "reset_time": reset,
                    "limit_time_unit": "day",
                    "call_limit": 1000,
                    "error": "Too many requests on the domain.",
                },
                429,
            )
        path = request.path[len(self.PREFIX) :]
        if path == "/catalog/datasets":
            limit, offset = int(request.args.get("limit", 10)), int(request.args.get("offset", 0))
            if limit > 100 or offset + limit >= 10000:
                return _json(
                    {"message": "Invalid value for limit/offset", "error_code": "InvalidRESTParameterError"}, 400
                )
            ids = [f"dae-{i}" for i in range(min(self.total, 10_000))]
            chunk = ids[offset : offset + limit]
            return _json({"total_count": self.total, "results": [ods_dataset(i) for i in chunk]})
        if path == "/catalog/facets":
            return _json(
                {
                    "links": [],
                    "facets": [
                        {
                            "name": "publisher",
                            "facets": [
                                {
                                    "name": "Ville de Rennes",
                                    "count": 12,
                                    "state": "displayed",
                                    "value": "Ville de Rennes",
                                }
                            ],
                        },
                        {
                            "name": "keyword",
                            "facets": [{"name": "santé", "count": 5, "state": "displayed", "value": "santé"}],
                        },
                    ],
                }
            )
        match = re.match(r"^/catalog/datasets/([^/]+)/exports/([a-z]+)$", path)
        if match:
            key = (match.group(1), match.group(2))
            if key not in self.exports:
                return _json({"message": "Unknown dataset", "error_code": "NotFound"}, 404)
            body, ctype = self.exports[key]
            return Response(body, status=200, content_type=ctype)
        match = re.match(r"^/catalog/datasets/([^/]+)$", path)
        if match:
            if match.group(1).startswith("missing"):
                return _json({"message": "Unknown dataset: missing", "error_code": "NotFound"}, 404)
            return _json(ods_dataset(match.group(1)))
        return _json({"message": "Not found", "error_code": "NotFound"}, 404)


def ckan_package(i: int) -> dict:
    return {
        "id": f"uuid-{i}",
        "name": f"pistes-cyclables-{i}",
        "title": f"Pistes cyclables {i}",
        "notes": "Aménagements cyclables",
        "organization": {"name": "metropole", "title": "Métropole"},
        "license_id": "odc-odbl",
        "license_title": "Open Data Commons Open Database License (ODbL)",
        "metadata_modified": "2024-02-01T12:00:00",
        "tags": [{"name": "vélo"}],
        "extras": [
            {"key": "spatial", "value": '{"type":"Polygon","coordinates":[[[1,43],[2,43],[2,44],[1,44],[1,43]]]}'}
        ],
        "resources": [
            {
                "id": f"res-{i}-a",
                "name": "Pistes (CSV)",
                "url": f"https://files.example/pistes-{i}.csv",
                "format": "csv ",
                "mimetype": "text/csv",
                "size": "2048",
                "datastore_active": True,
                "last_modified": "2024-02-01",
            },
            {"id": f"res-{i}-b", "name": "Pistes", "url": f"https://files.example/pistes-{i}", "format": "text/csv"},
            {"id": f"res-{i}-c", "name": "Doc", "url": f"https://files.example/doc-{i}", "format": "Data"},
            {"id": f"res-{i}-d", "name": "Vide", "url": f"https://files.example/x-{i}.zip", "format": ""},
        ],
    }


class CkanReplay:
    def __init__(self, httpserver, total: int = 7):
        self.server = httpserver
        self.requests = []
        self.packages = [ckan_package(i) for i in range(total)]
        self.datastore = {}  # resource id -> list of row dicts
        self.datastore_cap = 100
        httpserver.expect_request(re.compile(r"^/ckan/api/3/action/.*")).respond_with_handler(self._handle)

    @property
    def base(self) -> str:
        return self.server.url_for("/ckan")

    def _env(self, result, status=200, error=None):
        body = {"help": "https://ckan.example/api/3/action/help_show", "success": error is None}
        if error is None:
            body["result"] = result
        else:
            body["error"] = error
        return _json(body, status)

    def _handle(self, request):
        args = _args(request)
        self.requests.append((request.path, args))
        action = request.path.rsplit("/", 1)[-1]
        if action == "package_search":
            rows, start = int(request.args.get("rows", 10)), int(request.args.get("start", 0))
            result = {"count": len(self.packages), "results": self.packages[start : start + rows], "facets": {}}
            if request.args.get("facet.field"):
                result["search_facets"] = {
                    "res_format": {"items": [{"name": "CSV", "display_name": "CSV", "count": 7}], "title": "res_format"}
                }
            return self._env(result)
        if action == "datastore_search":
            rows = self.datastore.get(request.args.get("resource_id"))
            if rows is None:
                return self._env(None, 404, {"__type": "Not Found Error", "message": "Resource not found"})
            filters = json.loads(request.args.get("filters") or "{}")
            rows = [r for r in rows if all(str(r.get(k)) == str(v) for k, v in filters.items())]
            limit = min(int(request.args.get("limit", 100)), self.datastore_cap)  # silently capped, echoed
            offset = int(request.args.get("offset", 0))
            fields = [{"id": "_id", "type": "int"}] + [{"id": k, "type": "text"} for k in (rows[0] if rows else {})]
            return self._env(
                {
                    "fields": fields,
                    "records": [{"_id": offset + i, **r} for i, r in enumerate(rows[offset : offset + limit])],
                    "total": len(rows),
                    "limit": limit,
                    "offset": offset,
                    "_links": {"next": f"/api/3/action/datastore_search?offset={offset + limit}"},
                }
            )
        if action == "package_show":
            for p in self.packages:
                if request.args.get("id") in (p["name"], p["id"]):
                    return self._env(p)
            return self._env(None, 404, {"__type": "Not Found Error", "message": "Not found"})
        return self._env(None, 400, {"__type": "Validation Error", "message": "Unknown action"})
