"""Fetch one resource of a portal dataset to a local file, ready for :mod:`.loader`.

Opendatasoft: always an export (no record cap) with the ODSQL ``where``/``select`` pushed to the server;
data.gouv.fr: the file itself, its GeoJSON conversion when cheaper, or the rows matching column filters through
the tabular API; CKAN: the file, or the rows matching column filters through the DataStore. The portal's
authentication configuration is only sent to the portal's own host (a resource hosted elsewhere never receives the
portal's key, nor the plan's headers). Downloads stream to disk through the network layer (atomic: a cancelled or
failed download leaves no file), following redirects, with their progress in the first half of a Processing
feedback's bar (the loader reports the second half).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from qgis.core import QgsProcessingFeedback, QgsProcessingMultiStepFeedback

from ...toolbelt.i18n import tr
from ...toolbelt.network import NetworkClient
from .base import DatasetInfo, PortalClient, PortalError, ResourceInfo


def parse_filters(text: str) -> dict:
    """``"col__exact=x&other__contains=y"`` (or one per line) → ``{"col__exact": "x", ...}``."""
    out = {}
    for piece in (text or "").replace("\n", "&").split("&"):
        piece = piece.strip()
        if not piece:
            continue
        key, sep, value = piece.partition("=")
        if not sep or not key.strip():
            raise PortalError(
                tr("Invalid filter '{}': expected name=value (for example code_insee__exact=91228).", piece)
            )
        out[key.strip()] = value.strip()
    return out


def fetch_resource(
    client: PortalClient,
    dataset: DatasetInfo,
    resource: ResourceInfo,
    workdir,
    where: str = "",
    filters=None,
    prefer_converted: bool = True,
    feedback=None,
) -> Path:
    """Download ``resource`` into ``workdir``; returns the file path."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    if client.kind == "datagouv" and filters:
        if where:
            raise PortalError(tr("data.gouv.fr takes column filters, not an ODSQL expression: clear the ODSQL filter."))
        return client.fetch_tabular(resource, filters, workdir / "tabular.csv")
    if client.kind == "ckan" and filters:
        if where:
            raise PortalError(tr("CKAN takes column filters, not an ODSQL expression: clear the ODSQL filter."))
        return client.fetch_datastore(resource, filters, workdir / "datastore.csv")
    if client.kind != "opendatasoft" and where:
        raise PortalError(tr("ODSQL filters only apply to Opendatasoft portals."))
    plan = client.download_plan(dataset, resource, where=where, filters=filters, prefer_converted=prefer_converted)
    target = workdir / (plan.filename or "resource")
    same_host = urlsplit(plan.url).netloc == urlsplit(client.config.url).netloc
    if same_host:
        net, headers = client.net, plan.headers or None
    else:
        net, headers = NetworkClient("web", feedback=feedback, follow_redirects=True), None
    if feedback is not None and hasattr(feedback, "pushInfo"):
        feedback.pushInfo(tr("Downloading {}", plan.url.split("?", 1)[0]))
    net.download(plan.url, target, params=plan.params or None, headers=headers, progress=_first_half(feedback))
    return target


def _first_half(feedback):
    """A feedback mapping 0–100 % to the first half of a Processing feedback's bar (the loader takes the rest)."""
    if not isinstance(feedback, QgsProcessingFeedback):
        return feedback
    steps = QgsProcessingMultiStepFeedback(2, feedback)
    steps.setCurrentStep(0)
    return steps
