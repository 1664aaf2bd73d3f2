"""A local stand-in for data.gouv.fr's write API, for ``make demo`` (standard library only, one thread).

It answers the requests ``terridata:publish_datagouv`` sends (``GET /api/1/organizations/{org}/``, its
``datasets/``, ``POST /api/1/datasets/``, ``PUT /api/1/datasets/{id}/``, ``GET /api/1/datasets/{id}/``, the
multipart uploads and ``PUT`` of a resource) for one organisation, ``demo-commune``, and one API key, and keeps what
was published in memory (``published``) so the demo can say what it did. Nothing leaves the machine.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ORGANISATION = {"id": "demo-commune", "slug": "demo-commune", "name": "Commune de démonstration"}


class DemoDataGouv:
    def __init__(self, key: str):
        self.key = key
        self.datasets: dict = {}
        self.requests: list = []
        self._n = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/1"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _next(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}-{self._n}"

    def answer(self, method: str, path: str, key: str, content_type: str, body: bytes):
        self.requests.append((method, path))
        if key != self.key:
            return 403, {"message": "Invalid API Key"}
        if re.fullmatch(r"/api/1/organizations/demo-commune/", path):
            return 200, ORGANISATION
        if re.fullmatch(r"/api/1/organizations/demo-commune/datasets/", path):
            datasets = list(self.datasets.values())
            return 200, {"data": datasets, "page": 1, "total": len(datasets), "next_page": None}
        if path == "/api/1/datasets/" and method == "POST":
            return self._save(None, json.loads(body))
        m = re.fullmatch(r"/api/1/datasets/([^/]+)/(?:resources/([^/]+)/)?(upload/)?", path)
        if not m or m.group(1) not in self.datasets:
            return 404, {"message": "Not found"}
        dataset, resource_id, upload = self.datasets[m.group(1)], m.group(2), m.group(3)
        if upload:
            return self._upload(dataset, resource_id, content_type, body)
        if resource_id:
            resource = next(r for r in dataset["resources"] if r["id"] == resource_id)
            resource.update(json.loads(body))
            return 200, resource
        if method == "PUT":
            return self._save(dataset["id"], json.loads(body))
        return 200, dataset

    def _save(self, dataset_id, payload):
        dataset = self.datasets.get(dataset_id) or {"id": self._next("dataset"), "resources": []}
        dataset.update(payload, organization=ORGANISATION, page=f"{self.url}/datasets/{dataset['id']}/")
        self.datasets[dataset["id"]] = dataset
        return (201 if dataset_id is None else 200), dataset

    def _upload(self, dataset, resource_id, content_type, body):
        name = re.search(rb'filename="([^"]*)"', body)
        filename = name.group(1).decode("utf-8") if name else "file"
        if resource_id is None:
            resource = {"id": self._next("resource"), "title": filename, "type": "main"}
            dataset["resources"].append(resource)
        else:
            resource = next(r for r in dataset["resources"] if r["id"] == resource_id)
        resource.update(url=f"{self.url}/files/{filename}", filesize=len(body))
        return 200, resource

    def _handler(self):
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def _reply(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                status, data = replay.answer(
                    self.command,
                    self.path.split("?")[0],
                    self.headers.get("X-API-KEY", ""),
                    self.headers.get("Content-Type", ""),
                    body,
                )
                content = json.dumps(data).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = do_PUT = _reply  # noqa: N815 (http.server's names)

            def log_message(self, *args):  # quiet: the demo prints its own lines
                return

        return Handler
