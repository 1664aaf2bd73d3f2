"""A local replay of the data.gouv.fr API v1 write endpoints TerriData publishes with (pytest-httpserver).

Documented behaviour replayed: ``X-API-KEY`` required on every request (401 without, 403 with a wrong key or for an
organisation the key's user is not a member of); ``GET /api/1/organizations/{id or slug}/``,
``GET /api/1/organizations/{org}/datasets/`` (``{data, page, page_size, total, next_page}``),
``POST /api/1/datasets/``, ``PUT /api/1/datasets/{id}/``, ``GET /api/1/datasets/{id}/`` (resources embedded),
``POST /api/1/datasets/{id}/upload/`` (multipart ``file``: a new resource), ``POST
/api/1/datasets/{id}/resources/{rid}/upload/`` (replace the file), ``PUT /api/1/datasets/{id}/resources/{rid}/``.
Errors are ``{"message": …}``. ``fail`` makes a request (method, path regex) answer a status once (413, 500…), or
with ``"drop"`` close the connection without an answer; a list of them applies to the next requests in turn.
Every request is recorded in ``log`` as a dict (method, path, args, headers, json, files).
"""

from __future__ import annotations

import json
import re
import socket

from werkzeug.wrappers import Response

KEY = "DG-SECRET-KEY-0123456789"


def _json(data, status=200):
    return Response(json.dumps(data), status=status, content_type="application/json")


class DataGouvWriteReplay:
    def __init__(self, httpserver, key: str = KEY):
        self.server = httpserver
        self.key = key
        self.log = []
        self.orgs = {"org-evry": {"id": "org-evry", "slug": "ville-d-evry", "name": "Ville d'Évry-Courcouronnes"}}
        self.member_of = {"org-evry"}
        self.datasets = {}
        self.files = {}  # resource id -> bytes
        self.fail = {}  # (method, regex) -> status, answered once
        self._n = 0
        httpserver.expect_request(re.compile(r"^/api/1/.*")).respond_with_handler(self._handle)

    @property
    def base(self) -> str:
        return self.server.url_for("/api/1")

    def _id(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}-{self._n}"

    def _org(self, ref: str):
        return next((o for o in self.orgs.values() if ref in (o["id"], o["slug"])), None)

    def _record(self, request) -> dict:
        entry = {
            "method": request.method,
            "path": request.path,
            "args": {k: request.args.getlist(k) for k in request.args},
            "headers": dict(request.headers),
            "content_type": request.headers.get("Content-Type", ""),
            "body": request.get_data(cache=True),
            "json": None,
            "files": {},
        }
        if entry["content_type"].startswith("application/json"):
            entry["json"] = json.loads(entry["body"] or b"null")
        elif entry["content_type"].startswith("multipart/form-data"):
            entry["files"] = {k: (f.filename, f.mimetype, f.read()) for k, f in request.files.items()}
        self.log.append(entry)
        return entry

    def _handle(self, request):
        entry = self._record(request)
        for (method, pattern), planned in list(self.fail.items()):
            if method == request.method and re.fullmatch(pattern, request.path):
                statuses = planned if isinstance(planned, list) else [planned]
                status = statuses.pop(0)
                if statuses:
                    self.fail[(method, pattern)] = statuses
                else:
                    del self.fail[(method, pattern)]
                if status == "drop":  # the connection breaks before any answer
                    connection = request.environ["werkzeug.socket"]
                    connection.shutdown(socket.SHUT_RDWR)
                    connection.close()
                    return Response(b"", status=200)
                return _json({"message": f"Simulated failure {status}"}, status)
        if not request.headers.get("X-API-KEY"):
            return _json({"message": "Unauthorized"}, 401)
        if request.headers.get("X-API-KEY") != self.key:
            # a careless server echoing the key it refused: TerriData must mask it in its messages
            return _json({"message": f"Invalid API Key {request.headers.get('X-API-KEY')}"}, 403)
        answer = self._organizations(request) or self._datasets(request, entry) or self._resources(request, entry)
        return answer or _json({"message": "Not found"}, 404)

    def _organizations(self, request):
        path = request.path
        m = re.fullmatch(r"/api/1/organizations/([^/]+)/", path)
        if m and request.method == "GET":
            org = self._org(m.group(1))
            return _json(org) if org else _json({"message": "Organization not found"}, 404)
        m = re.fullmatch(r"/api/1/organizations/([^/]+)/datasets/", path)
        if m and request.method == "GET":
            org = self._org(m.group(1))
            if org is None:
                return _json({"message": "Organization not found"}, 404)
            found = [d for d in self.datasets.values() if d["organization"]["id"] == org["id"]]
            return _json({"data": found, "page": 1, "page_size": 100, "total": len(found), "next_page": None})
        return None

    def _datasets(self, request, entry):
        path = request.path
        if path == "/api/1/datasets/" and request.method == "POST":
            return self._save(None, entry["json"])
        m = re.fullmatch(r"/api/1/datasets/([^/]+)/", path)
        if m:
            ds = self.datasets.get(m.group(1))
            if ds is None:
                return _json({"message": "Dataset not found"}, 404)
            if request.method == "GET":
                return _json(ds)
            if request.method == "PUT":
                return self._save(ds["id"], entry["json"])
        return None

    def _resources(self, request, entry):
        path = request.path
        m = re.fullmatch(r"/api/1/datasets/([^/]+)/upload/", path)
        if m and request.method == "POST":
            return self._upload(m.group(1), None, entry)
        m = re.fullmatch(r"/api/1/datasets/([^/]+)/resources/([^/]+)/upload/", path)
        if m and request.method == "POST":
            return self._upload(m.group(1), m.group(2), entry)
        m = re.fullmatch(r"/api/1/datasets/([^/]+)/resources/([^/]+)/", path)
        if m and request.method == "PUT":
            ds = self.datasets.get(m.group(1))
            resource = next((r for r in (ds or {}).get("resources", []) if r["id"] == m.group(2)), None)
            if resource is None:
                return _json({"message": "Resource not found"}, 404)
            resource.update({k: v for k, v in entry["json"].items() if k in ("title", "type", "description", "schema")})
            return _json(resource)
        return None

    def _save(self, dataset_id, payload):
        if not isinstance(payload, dict) or not payload.get("title"):
            return _json({"message": "Validation error", "errors": {"title": ["required"]}}, 400)
        org = self._org(str(payload.get("organization")))
        if org is None or org["id"] not in self.member_of:
            return _json({"message": "You are not a member of this organization"}, 403)
        ds = self.datasets.get(dataset_id) or {"id": self._id("ds"), "resources": []}
        ds.update({k: v for k, v in payload.items() if k != "organization"})
        ds["organization"] = org
        ds["page"] = f"https://www.data.gouv.fr/fr/datasets/{ds['id']}/"
        self.datasets[ds["id"]] = ds
        return _json(ds, 201 if dataset_id is None else 200)

    def _upload(self, dataset_id, resource_id, entry):
        ds = self.datasets.get(dataset_id)
        if ds is None:
            return _json({"message": "Dataset not found"}, 404)
        if "file" not in entry["files"]:
            return _json({"message": "No file"}, 400)
        filename, mime, content = entry["files"]["file"]
        if resource_id is None:
            resource = {"id": self._id("r"), "title": filename, "type": "main", "schema": {}}
            ds["resources"].append(resource)
        else:
            resource = next((r for r in ds["resources"] if r["id"] == resource_id), None)
            if resource is None:
                return _json({"message": "Resource not found"}, 404)
        resource.update(
            {
                "url": f"https://static.data.gouv.fr/resources/{dataset_id}/{filename}",
                "filesize": len(content),
                "mime": mime,
            }
        )
        self.files[resource["id"]] = content
        return _json(resource, 201 if resource_id is None else 200)
