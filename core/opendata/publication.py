"""What TerriData sends to data.gouv.fr (API v1), as pure functions: the dataset's metadata, its territorial
coverage from COG codes, the resources to upload and their metadata (schema declared), the multipart body of an
upload, and the matching that makes a second run update what the first created (dataset by title within the
organisation, resource by title or file name)."""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

#: data.gouv.fr's update frequencies (udata ``UPDATE_FREQUENCIES``).
FREQUENCIES = (
    "unknown",
    "punctual",
    "continuous",
    "hourly",
    "daily",
    "weekly",
    "monthly",
    "quarterly",
    "semiannual",
    "annual",
    "biennial",
    "irregular",
)
#: Licences a local authority publishes under (data.gouv.fr licence ids).
LICENCES = ("lov2", "odc-odbl", "cc-by", "cc-by-sa", "cc-zero", "odc-by", "odc-pddl")


@dataclass
class DatasetMeta:
    title: str
    description: str
    organization: str
    license: str = "lov2"  # noqa: A003 (data.gouv.fr's name)
    frequency: str = "unknown"
    temporal_start: str = ""
    temporal_end: str = ""
    zones: list = field(default_factory=list)  # "fr:commune:91228", ...
    granularity: str = ""
    tags: list = field(default_factory=list)
    extras: dict = field(default_factory=dict)


@dataclass
class ResourceSpec:
    """A file to publish: its title (the key of idempotence, with its file name), kind and declared schema."""

    path: str
    title: str
    type: str = "main"  # noqa: A003 - "main" or "documentation"
    description: str = ""
    schema_name: str = ""
    schema_version: str = ""
    mime: str = "text/csv"

    @property
    def filename(self) -> str:
        return os.path.basename(self.path)


def zone_of(code: str, kind: str) -> str:
    """The data.gouv.fr spatial zone id of a COG code of ``kind`` (commune, departement, region, epci)."""
    return f"fr:{kind}:{code}"


def coverage(codes: list, kind_of) -> tuple:
    """``(zones, granularity)`` from COG codes; ``kind_of(code)`` gives ``commune``, ``departement``, ``region``
    or ``epci`` (None: unknown code → ``ValueError`` naming it)."""
    zones, kinds, unknown = [], [], []
    for code in codes:
        code = str(code).strip().upper()
        if not code:
            continue
        kind = kind_of(code)
        if not kind:
            unknown.append(code)
            continue
        zones.append(zone_of(code, kind))
        kinds.append(kind)
    if unknown:
        raise ValueError(", ".join(unknown))
    order = ("commune", "epci", "departement", "region", "country")
    granularity = f"fr:{min(kinds, key=order.index)}" if kinds else ""
    return zones, granularity


def dataset_payload(meta: DatasetMeta, organization_id: str) -> dict:
    """The JSON of ``POST /api/1/datasets/`` and ``PUT /api/1/datasets/{id}/``."""
    payload = {
        "title": meta.title,
        "description": meta.description,
        "organization": organization_id,
        "license": meta.license,
        "frequency": meta.frequency,
        "tags": list(meta.tags),
        "extras": dict(meta.extras),
    }
    if meta.temporal_start:
        payload["temporal_coverage"] = {"start": meta.temporal_start, "end": meta.temporal_end or meta.temporal_start}
    if meta.zones:
        payload["spatial"] = {"zones": list(meta.zones), "granularity": meta.granularity or "other"}
    return payload


def resource_payload(spec: ResourceSpec) -> dict:
    """The JSON of ``PUT /api/1/datasets/{id}/resources/{rid}/``: title, type, description, schema."""
    payload = {"title": spec.title, "type": spec.type, "description": spec.description}
    if spec.schema_name:
        payload["schema"] = {"name": spec.schema_name, "version": spec.schema_version or None}
    return payload


def multipart(field_name: str, filename: str, content: bytes, mime: str, boundary: str | None = None) -> tuple:
    """``(body, content_type)`` of a ``multipart/form-data`` request with one file part (RFC 7578)."""
    boundary = boundary or f"terridata-{uuid.uuid4().hex}"
    safe_name = re.sub(r'["\r\n\\]', "_", filename)
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="{field_name}"; filename="{safe_name}"\r\n'
        f"Content-Type: {mime}\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode("ascii")
    return head + bytes(content) + tail, f"multipart/form-data; boundary={boundary}"


def find_dataset(datasets: list, title: str):
    """The organisation's dataset titled ``title`` (compared ignoring case and spaces at the ends), or None.

    Deleted datasets (``deleted`` set) are ignored."""
    wanted = title.strip().casefold()
    for ds in datasets:
        if not ds.get("deleted") and str(ds.get("title") or "").strip().casefold() == wanted:
            return ds
    return None


def resource_filename(resource: dict) -> str:
    url = str(resource.get("url") or resource.get("latest") or "")
    return unquote(os.path.basename(urlsplit(url).path))


def _file_key(name: str) -> str:
    """A file name compared loosely: data.gouv.fr may lower-case it and change separators when it stores it."""
    return re.sub(r"[^a-z0-9.]+", "-", name.lower()).strip("-")


def find_resource(resources: list, spec: ResourceSpec):
    """The resource ``spec`` updates: same title, else same file name, or None (then it is uploaded as new)."""
    for resource in resources:
        if str(resource.get("title") or "").strip() == spec.title.strip():
            return resource
    for resource in resources:
        if _file_key(resource_filename(resource)) == _file_key(spec.filename):
            return resource
    return None
