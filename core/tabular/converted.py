"""Which file to download for a resource: the original, or a conversion the portal made of it (pure).

data.gouv.fr's analysis service (hydra) writes the conversions it made of a resource into the resource's
``extras``: ``analysis:parsing:parquet_url`` / ``…:parquet_size`` (a CSV converted to Parquet: the same table,
typed and compressed), ``analysis:parsing:geojson_url`` / ``…:geojson_size`` (a CSV with coordinates converted to
GeoJSON: points already built) and ``analysis:parsing:pmtiles_url`` / ``…:pmtiles_size`` (vector tiles, for
display only). :func:`choose_download` picks the cheapest one the running GDAL can read: Parquet (every geometry
mode works on it, as on the CSV) when GDAL has the Parquet driver, else the GeoJSON conversion (only when the
geometry is detected automatically: it carries the points, not the columns the other modes need), else the
original. :func:`display_tiles` gives the PMTiles URL when GDAL has the PMTiles driver (GDAL ≥ 3.8), else nothing.
A conversion URL that is not http(s) is never used: extras can be written by the resource's owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

PARQUET_URL, PARQUET_SIZE = "analysis:parsing:parquet_url", "analysis:parsing:parquet_size"
GEOJSON_URL, GEOJSON_SIZE = "analysis:parsing:geojson_url", "analysis:parsing:geojson_size"
PMTILES_URL, PMTILES_SIZE = "analysis:parsing:pmtiles_url", "analysis:parsing:pmtiles_size"

PARQUET_DRIVER, PMTILES_DRIVER = "Parquet", "PMTiles"  # OGR driver short names


@dataclass(frozen=True)
class DownloadChoice:
    """``kind``: ``original``, ``parquet``, ``geojson`` (or ``pmtiles`` for the display tiles); ``url`` "" for the
    original (the resource's own URL);
    ``size`` in bytes when the portal says it; ``reason``: why this one (for the log)."""

    kind: str
    url: str = ""
    size: Optional[int] = None
    reason: str = ""


def _safe_url(value) -> str:
    text = str(value or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else ""


def _size(value) -> Optional[int]:
    try:
        size = int(value)
    except (TypeError, ValueError):
        return None
    return size if size >= 0 else None


def choose_download(
    resource_format: str, extras: Optional[dict], drivers, geometry_mode: str = "auto", filtered: bool = False
) -> DownloadChoice:
    """The file to download for a resource of (normalised) ``resource_format`` with ``extras``.

    ``drivers``: the OGR driver names the running GDAL has (only ``Parquet`` matters here). ``geometry_mode``: the
    loader's mode (``auto``, ``xy``, ``wkt``, ``code``, ``none``). ``filtered``: the rows are read through a
    server-side filter instead (then the original path is kept). Conversions are only used for a CSV resource,
    which is what the portal converts."""
    extras = extras or {}
    if filtered or resource_format != "csv":
        return DownloadChoice("original", reason="not a CSV" if not filtered else "server-side filter")
    parquet = _safe_url(extras.get(PARQUET_URL))
    if parquet and PARQUET_DRIVER in set(drivers or ()):
        return DownloadChoice("parquet", parquet, _size(extras.get(PARQUET_SIZE)), "Parquet conversion")
    geojson = _safe_url(extras.get(GEOJSON_URL))
    if geojson and geometry_mode == "auto":
        reason = "GeoJSON conversion" + (" (GDAL has no Parquet driver)" if parquet else "")
        return DownloadChoice("geojson", geojson, _size(extras.get(GEOJSON_SIZE)), reason)
    return DownloadChoice("original", reason="no usable conversion")


def display_tiles(extras: Optional[dict], drivers) -> str:
    """The PMTiles URL of the resource when the running GDAL can read PMTiles; "" otherwise."""
    url = _safe_url((extras or {}).get(PMTILES_URL))
    return url if url and PMTILES_DRIVER in set(drivers or ()) else ""
