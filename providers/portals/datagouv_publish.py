"""Publishing to data.gouv.fr (udata API v1, write endpoints), idempotently.

Endpoints used (``X-API-KEY`` header, the key read from a QGIS authentication configuration):

- ``GET /organizations/{org}/`` (the organisation, by id or slug) and ``GET /organizations/{org}/datasets/``
  (its datasets, paged: ``data``, ``next_page``) to find the dataset of the same title;
- ``POST /datasets/`` (create) or ``PUT /datasets/{id}/`` (update the metadata);
- ``GET /datasets/{id}/`` (its resources); ``POST /datasets/{id}/upload/`` (a new file: multipart, field
  ``file``) or ``POST /datasets/{id}/resources/{rid}/upload/`` (replace the file of a resource);
- ``PUT /datasets/{id}/resources/{rid}/`` (title, type, description and the schema ``{name, version}``).

A second run finds the dataset by its title within the organisation and each resource by its title (else its file
name), and updates them: nothing is duplicated. When a request fails midway, :class:`PublishError` lists what was
done; running again completes it. The key never appears in a message or a log line (``toolbelt/secrets.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...core.opendata.publication import (
    DatasetMeta,
    ResourceSpec,
    dataset_payload,
    find_dataset,
    find_resource,
    multipart,
    resource_payload,
)
from ...toolbelt.auth import AuthConfigError, apply_api_key_header
from ...toolbelt.i18n import tr
from ...toolbelt.network import NetworkClient, NetworkError, RequestCancelled, build_url
from ...toolbelt.settings import PlgSettings

API_KEY_HEADER = "X-API-KEY"
PAGE_SIZE = 100


class PublishError(Exception):
    """Publishing failed; ``done`` lists the steps completed before (a rerun completes the rest)."""

    def __init__(self, message: str, done=(), status=None):
        super().__init__(message)
        self.done = list(done)
        self.status = status


@dataclass
class PublishResult:
    dataset_id: str
    dataset_url: str
    created: bool
    steps: list = field(default_factory=list)
    resources: dict = field(default_factory=dict)  # title → resource id


class DataGouvPublisher:
    def __init__(self, authcfg: str, feedback=None, base_url: str = ""):
        try:
            self.headers = apply_api_key_header({"Accept": "application/json"}, API_KEY_HEADER, authcfg)
        except AuthConfigError as exc:
            raise PublishError(str(exc)) from None
        self.base = (base_url or PlgSettings.get().datagouv_url).rstrip("/")
        self.net = NetworkClient("datagouv", feedback=feedback)
        self.feedback = feedback
        self.steps: list = []

    # ------------------------------------------------------------------------------------------- requests
    def _url(self, path: str, params=None) -> str:
        return build_url(self.base, path, params)

    def _call(self, what: str, method: str, path: str, **kwargs):
        try:
            if method == "GET":
                return self.net.get(
                    self._url(path, kwargs.pop("params", None)), headers=self.headers, kind="api"
                ).json()
            send = self.net.post if method == "POST" else self.net.put
            return send(self._url(path), headers=self.headers, **kwargs).json()
        except RequestCancelled:
            raise
        except NetworkError as exc:
            raise PublishError(self._explain(what, exc), self.steps, exc.status) from None

    def _explain(self, what: str, exc: NetworkError) -> str:
        if exc.status in (401, 403):
            advice = tr(
                "data.gouv.fr refused the API key: the key of the authentication configuration is wrong or "
                "expired, or its user is not a member (administrator or editor) of the organisation. Check the key "
                "on your data.gouv.fr profile page and the organisation's members."
            )
        elif exc.status == 413:
            advice = tr(
                "The file is too large for data.gouv.fr's upload (413). Publish a smaller file (split it by year or "
                "territory), or host it elsewhere and reference its address."
            )
        elif exc.status == 404:
            advice = tr("data.gouv.fr does not know it (404): check the organisation (id or slug) and the address.")
        else:
            advice = ""
        message = tr("Publishing to data.gouv.fr failed while {}: {}", what, str(exc))
        if advice:
            message += " " + advice
        if self.steps:
            message += " " + tr("Already done: {}. Run again to complete it.", "; ".join(self.steps))
        return message

    # ------------------------------------------------------------------------------------------- steps
    def organization(self, org: str) -> dict:
        return self._call(tr("reading the organisation {}", org), "GET", f"organizations/{org}/")

    def organization_datasets(self, org_id: str) -> list:
        found, page = [], 1
        while True:
            data = self._call(
                tr("listing the datasets of the organisation"),
                "GET",
                f"organizations/{org_id}/datasets/",
                params={"page": page, "page_size": PAGE_SIZE},
            )
            items = data.get("data") if isinstance(data, dict) else data
            found.extend(items or [])
            if not isinstance(data, dict) or not data.get("next_page") or not items:
                return found
            page += 1

    def publish(self, meta: DatasetMeta, resources: list) -> PublishResult:
        """Create or update the dataset described by ``meta``, then upload or replace each resource."""
        org = self.organization(meta.organization)
        org_id = str(org.get("id") or meta.organization)
        existing = find_dataset(self.organization_datasets(org_id), meta.title)
        payload = dataset_payload(meta, org_id)
        if existing is None:
            dataset = self._call(tr("creating the dataset '{}'", meta.title), "POST", "datasets/", json=payload)
            self.steps.append(tr("dataset '{}' created ({})", meta.title, dataset.get("id")))
        else:
            dataset = self._call(
                tr("updating the dataset '{}'", meta.title), "PUT", f"datasets/{existing['id']}/", json=payload
            )
            self.steps.append(tr("dataset '{}' updated ({})", meta.title, existing["id"]))
        dataset_id = str(dataset.get("id") or (existing or {}).get("id"))
        current = self._call(tr("reading the dataset's resources"), "GET", f"datasets/{dataset_id}/")
        result = PublishResult(dataset_id, str(current.get("page") or ""), existing is None, self.steps)
        for spec in resources:
            result.resources[spec.title] = self._resource(dataset_id, spec, current.get("resources") or [])
        return result

    def _resource(self, dataset_id: str, spec: ResourceSpec, resources: list) -> str:
        content = Path(spec.path).read_bytes()
        body, content_type = multipart("file", spec.filename, content, spec.mime)
        old = find_resource(resources, spec)
        if old is None:
            uploaded = self._call(
                tr("uploading {}", spec.filename),
                "POST",
                f"datasets/{dataset_id}/upload/",
                data=body,
                content_type=content_type,
            )
            rid = str(uploaded.get("id"))
            self.steps.append(tr("file {} uploaded as a new resource", spec.filename))
        else:
            rid = str(old.get("id"))
            self._call(
                tr("replacing the file of the resource '{}'", spec.title),
                "POST",
                f"datasets/{dataset_id}/resources/{rid}/upload/",
                data=body,
                content_type=content_type,
            )
            self.steps.append(tr("file {} replaced", spec.filename))
        self._call(
            tr("describing the resource '{}'", spec.title),
            "PUT",
            f"datasets/{dataset_id}/resources/{rid}/",
            json=resource_payload(spec),
        )
        self.steps.append(
            tr("resource '{}' described (schema {})", spec.title, f"{spec.schema_name}@{spec.schema_version}")
            if spec.schema_name
            else tr("resource '{}' described", spec.title)
        )
        return rid
