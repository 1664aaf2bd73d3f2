"""Converted files of a data.gouv.fr resource (its ``extras``), used when they make loading cheaper.

The choice is :func:`core.tabular.converted.choose_download` (pure); here: which of the drivers it asks about the
running GDAL has, the chosen conversion handed to :mod:`.fetch` as the download plan (:class:`ConvertedSource`), and
the Parquet file turned into a CSV that :mod:`.loader` reads like the original (same geometry detection, every
geometry mode).
"""

from __future__ import annotations

from pathlib import Path

from osgeo import gdal, ogr

from ...core.tabular.converted import PARQUET_DRIVER, PMTILES_DRIVER, DownloadChoice
from ...toolbelt.i18n import tr
from .base import DownloadPlan
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
