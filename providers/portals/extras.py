"""Converted files of a data.gouv.fr resource (its ``extras``), used when they make loading cheaper.

The choice is :func:`core.tabular.converted.choose_download` (pure); here: which of the drivers it asks about the
running GDAL has, the download of the chosen conversion through the network layer (the portal's authentication
configuration only ever goes to the portal's own host, as in :mod:`.fetch`), and the Parquet file turned into a
CSV that :mod:`.loader` reads like the original (same geometry detection, every geometry mode).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from osgeo import gdal, ogr

from ...core.tabular.converted import PARQUET_DRIVER, PMTILES_DRIVER, DownloadChoice
from ...toolbelt.i18n import tr
from .base import RedirectFollowingClient
from .load_common import ResourceLoadError, gdal_exceptions, open_vector


def gdal_drivers() -> frozenset:
    """The conversion drivers (Parquet, PMTiles) the running GDAL has."""
    return frozenset(name for name in (PARQUET_DRIVER, PMTILES_DRIVER) if ogr.GetDriverByName(name) is not None)


def fetch_converted(client, choice: DownloadChoice, workdir, feedback=None) -> Path:
    """Download the conversion ``choice`` (``kind`` parquet or geojson) into ``workdir``; the file path."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    target = workdir / f"converted.{choice.kind}"
    same_host = urlsplit(choice.url).netloc == urlsplit(client.config.url).netloc
    net = client.net if same_host else RedirectFollowingClient("web", feedback=feedback)
    if feedback is not None:
        size = f" ({choice.size / 1e6:.1f} MB)" if choice.size else ""
        feedback.pushInfo(tr("Downloading the portal's {} of the resource{}: {}", choice.reason, size, choice.url))
    net.download(choice.url, target)
    return target


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
