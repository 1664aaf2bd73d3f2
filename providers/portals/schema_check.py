"""Validate a loaded resource against the Table Schema it declares (schema.data.gouv.fr), with the quality
report's schema check (``core.quality.schema``)."""

from __future__ import annotations

from ...core.quality.model import QualityReport
from ...core.quality.schema import SchemaError, validate_table
from ...toolbelt.i18n import tr
from ...toolbelt.network import NetworkClient, build_url
from ...toolbelt.settings import PlgSettings
from .base import PortalError


def schema_url(resource) -> str:
    if resource.schema_url:
        return resource.schema_url
    name, _, version = resource.schema.partition("@")
    base = PlgSettings.get().datagouv_schema_url.rstrip("/")
    return build_url(base, f"{name}/{version or 'latest'}/schema.json")


def validate_against_schema(resource, layer, feedback=None) -> dict:
    """The Frictionless-style report (dict) of ``layer``'s rows against the resource's declared schema."""
    schema = NetworkClient("datagouv", feedback=feedback).get_json(schema_url(resource))
    names = [f.name() for f in layer.fields()]
    rows = []
    for feature in layer.getFeatures():
        rows.append(["" if v is None or str(v) == "NULL" else str(v) for v in feature.attributes()])
    try:
        checks = validate_table(names, rows, schema)
    except SchemaError as exc:
        raise PortalError(tr("The Table Schema {} is not usable: {}", resource.schema, exc)) from None
    report = QualityReport(title=resource.title or resource.id, source=resource.url, row_count=len(rows))
    for check in checks:
        report.add(check)
    return report.to_dict()
