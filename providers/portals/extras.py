"""Converted files of a data.gouv.fr resource (its ``extras``), used when they make loading cheaper.

The choice is :func:`core.tabular.converted.choose_download` (pure); here: which of the drivers it asks about the
running GDAL has, the chosen conversion handed to :mod:`.fetch` as the download plan (:class:`ConvertedSource`), and
the Parquet file turned into a CSV that :mod:`.loader` reads like the original (same geometry detection, every
geometry mode), and the vector tiles (PMTiles) downloaded for display when the user asks for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from osgeo import gdal, ogr

from ...core.tabular.converted import PARQUET_DRIVER, PMTILES_DRIVER, PMTILES_URL, DownloadChoice, display_tiles
from ...toolbelt.i18n import tr
from .base import DownloadPlan
from .fetch import fetch_resource
from .load_common import ResourceLoadError, gdal_exceptions, open_vector


def gdal_drivers() -> frozenset:
    """The conversion drivers (Parquet, PMTiles) the running GDAL has."""
    return frozenset(name for name in (PARQUET_DRIVER, PMTILES_DRIVER) if ogr.GetDriverByName(name) is not None)


class ConvertedSource:
    """The portal client, with its download plan replaced by the chosen conversion, so that
    :func:`.fetch.fetch_resource` downloads it the usual way (same-host rule for credentials, atomic file,
    progress). Everything else is the client's."""

    def __init__(self, client, choice: DownloadChoice):
        self._client, self._choice = client, choice

    def __getattr__(self, name):
        return getattr(self._client, name)

    def download_plan(self, dataset, resource, **_ignored) -> DownloadPlan:
        kind = self._choice.kind
        return DownloadPlan(self._choice.url, format=kind, filename=f"{resource.id or 'resource'}.{kind}")


def parquet_to_csv(path, target, label: str) -> Path:
    """The table of a Parquet file as a ``;``-separated UTF-8 CSV (a geometry column, if any, as WKT)."""
    src = open_vector(path, label)
    if src.GetLayerCount() != 1:
        raise ResourceLoadError(
            tr("The Parquet conversion of {} holds {} tables, not one.", label, src.GetLayerCount())
        )
    options = gdal.VectorTranslateOptions(
        format="CSV", layerCreationOptions=["SEPARATOR=SEMICOLON", "GEOMETRY=AS_WKT", "STRING_QUOTING=IF_NEEDED"]
    )
    with gdal_exceptions():
        try:
            written = gdal.VectorTranslate(str(target), src, options=options)
        except RuntimeError as exc:
            raise ResourceLoadError(tr("The Parquet conversion of {} cannot be read ({}).", label, exc)) from None
    if written is None:
        raise ResourceLoadError(tr("The Parquet conversion of {} cannot be read.", label))
    written = src = None  # closes both files
    return Path(target)


def fetch_display_tiles(client, dataset, resource, workdir, feedback=None) -> Optional[Path]:
    """The vector tiles (PMTiles) data.gouv.fr made of ``resource``, downloaded into ``workdir`` and checked to open
    as vector tiles; None (and said in the log) when the portal offers none or this GDAL cannot read them."""
    extras = resource.extras or {}
    if client.kind != "datagouv" or not extras.get(PMTILES_URL):
        _say(feedback, tr("The portal offers no vector tiles (PMTiles) for this resource: none written."))
        return None
    url = display_tiles(extras, gdal_drivers())
    if not url:
        _say(
            feedback,
            tr(
                "The portal offers vector tiles (PMTiles) for this resource, but the GDAL of this QGIS cannot read "
                "them (GDAL 3.8 or later is needed): none written."
            ),
            warning=True,
        )
        return None
    choice = DownloadChoice("pmtiles", url, reason="PMTiles conversion")
    path = fetch_resource(
        ConvertedSource(client, choice), dataset, resource, Path(workdir) / "tiles", feedback=feedback
    )
    label = resource.url or resource.id
    tiles = open_vector(path, label)
    if tiles.GetDriver().ShortName != PMTILES_DRIVER or tiles.GetLayerCount() == 0:
        raise ResourceLoadError(tr("The vector tiles offered for {} are not a PMTiles file with layers.", label))
    tiles = None  # closes the file
    return path


def _say(feedback, message: str, warning: bool = False) -> None:
    if feedback is None:
        return
    if warning and hasattr(feedback, "pushWarning"):
        feedback.pushWarning(message)
    else:
        feedback.pushInfo(message)
