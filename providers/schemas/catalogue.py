"""The catalogue of schema.data.gouv.fr and the Table Schema of a schema chosen by name and version.

The catalogue (``<datagouv_schema_url>/schemas.json``: ``schemas[]`` with ``name``, ``title``, ``schema_type``,
``schema_url`` and ``versions[]`` of ``version_name`` and ``schema_url``) and the schemas are read through
``toolbelt/network.py`` and cached a day. When schema.data.gouv.fr cannot be reached, the snapshot shipped in
``resources/schemas/`` is used (a few SCDL and thematic schemas) and :attr:`ResolvedSchema.note` says so.

A schema is named ``name`` (latest version) or ``name@version`` (``scdl/subventions@2.0.1``); a path to a local
``.json`` Table Schema is read as it is (an authority's own schema).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ...core.quality.schema import SchemaError, load_schema
from ...toolbelt.i18n import tr
from ...toolbelt.network import NetworkClient, NetworkError, RequestCancelled
from ...toolbelt.settings import PlgSettings

SNAPSHOT_DIR = Path(__file__).resolve().parents[2] / "resources" / "schemas"
CACHE_TTL_S = 24 * 3600


class SchemaNotFoundError(ValueError):
    """An unknown schema or version (the message lists what exists)."""


@dataclass
class ResolvedSchema:
    name: str  # catalogue name ("" for a local file)
    version: str
    schema: dict
    source: str  # "network", "snapshot" or "file"
    url: str = ""
    note: str = ""  # said to the user (e.g. the snapshot was used)

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}" if self.name else self.url


def split_name(text: str) -> tuple:
    name, _, version = str(text or "").strip().partition("@")
    return name.strip().strip("/"), version.strip().lstrip("v")


def snapshot_catalogue() -> dict:
    return json.loads((SNAPSHOT_DIR / "schemas.json").read_text(encoding="utf-8"))


def snapshot_schema(name: str, version: str):
    path = SNAPSHOT_DIR / name / version / "schema.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def shipped_version(name: str) -> str:
    """The version of ``name`` shipped in the snapshot ('' if none)."""
    folder = SNAPSHOT_DIR / name
    versions = (
        sorted((p.parent.name for p in folder.glob("*/schema.json")), key=_version_key) if folder.is_dir() else []
    )
    return versions[-1] if versions else ""


def _version_key(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in text.split("."))


class SchemaCatalogue:
    def __init__(self, feedback=None):
        self.feedback = feedback
        self.base = PlgSettings.get().datagouv_schema_url.rstrip("/")
        self._net = None

    @property
    def net(self) -> NetworkClient:
        if self._net is None:
            self._net = NetworkClient("datagouv", feedback=self.feedback, follow_redirects=True)
        return self._net

    def catalogue(self) -> tuple:
        """``(catalogue dict, note)``: from schema.data.gouv.fr, else the snapshot with a note saying why."""
        url = f"{self.base}/schemas.json"
        try:
            data = self.net.get_json(url, cache_ttl=CACHE_TTL_S)
            if isinstance(data, dict) and isinstance(data.get("schemas"), list):
                return data, ""
            reason = tr("the answer is not a schema catalogue")
        except RequestCancelled:
            raise
        except NetworkError as exc:
            reason = str(exc)
        return snapshot_catalogue(), tr(
            "The schema catalogue of schema.data.gouv.fr could not be read ({}); the offline snapshot shipped "
            "with TerriData is used (a few SCDL and thematic schemas).",
            reason,
        )

    def resolve(self, text: str) -> ResolvedSchema:
        """The Table Schema named ``text`` (``name``, ``name@version`` or a local .json path)."""
        text = str(text or "").strip()
        if text.lower().endswith(".json") and Path(text).is_file():
            try:
                return ResolvedSchema("", "", load_schema(text), "file", url=text)
            except SchemaError as exc:
                raise SchemaNotFoundError(tr("The Table Schema file {} is not usable: {}", text, exc)) from None
        name, version = split_name(text)
        catalogue, note = self.catalogue()
        entry = next((s for s in catalogue.get("schemas") or [] if s.get("name") == name), None)
        if entry is None:
            known = ", ".join(s.get("name", "") for s in catalogue.get("schemas") or [] if _is_table(s))
            raise SchemaNotFoundError(
                tr("Unknown schema '{}'. Table schemas of the catalogue: {}.", name or text, known)
                + (" " + note if note else "")
            )
        if not _is_table(entry):
            raise SchemaNotFoundError(
                tr(
                    "The schema '{}' is a {} schema, not a Table Schema: TerriData writes tables (CSV) only.",
                    name,
                    entry.get("schema_type"),
                )
            )
        versions = {v.get("version_name"): v.get("schema_url") for v in entry.get("versions") or []}
        if not version and note:  # offline: the latest version shipped
            version = shipped_version(name)
        if not version:
            version = max(versions, key=_version_key) if versions else ""
        if version not in versions:
            raise SchemaNotFoundError(
                tr("Schema '{}' has no version '{}'. Versions: {}.", name, version, ", ".join(versions) or "—")
            )
        if note:  # the catalogue came from the snapshot: only the shipped version is there
            schema = snapshot_schema(name, version)
            if schema is None:
                raise SchemaNotFoundError(
                    note
                    + " "
                    + tr(
                        "Version {} of '{}' is not in the snapshot (shipped: {}); connect to the Internet or "
                        "choose the shipped version.",
                        version,
                        name,
                        shipped_version(name) or "—",
                    )
                )
            return ResolvedSchema(name, version, load_schema(schema), "snapshot", versions[version], note)
        return self._fetch(name, version, versions[version])

    def _fetch(self, name: str, version: str, url: str) -> ResolvedSchema:
        try:
            schema = self.net.get_json(url, cache_ttl=CACHE_TTL_S)
            return ResolvedSchema(name, version, load_schema(schema), "network", url)
        except RequestCancelled:
            raise
        except (NetworkError, SchemaError) as exc:
            reason = str(exc)
        shipped = snapshot_schema(name, version)
        if shipped is None:
            raise SchemaNotFoundError(
                tr(
                    "The schema {}@{} could not be read from {} ({}) and is not in the offline snapshot. Check the "
                    "network, or choose a version shipped with TerriData.",
                    name,
                    version,
                    url,
                    reason,
                )
            )
        note = tr("The schema {}@{} could not be fetched ({}); the offline snapshot is used.", name, version, reason)
        return ResolvedSchema(name, version, load_schema(shipped), "snapshot", url, note)


def _is_table(entry: dict) -> bool:
    return entry.get("schema_type") in ("tableschema", None)
