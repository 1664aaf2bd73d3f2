"""The resource loader: a downloaded file → one layer in a GeoPackage, with its source metadata.

Shared by every portal and reusable by later dataset providers. The content is recognised by its bytes (an
extension or a declared format can lie; an HTML page is a dead link or a login page), zips are opened safely
(:mod:`core.tabular.zipsafe`), vector files (GeoJSON, FlatGeobuf, GeoPackage, Shapefile, KML) are translated with
GDAL, tables (CSV, XLSX/ODS through OGR) go to :mod:`.csv_loader`, which builds their geometry from
longitude/latitude, a ``"lat,lon"`` column, Lambert-93 X/Y, a WKT/GeoJSON column, or a territory-code column joined
to boundaries (:mod:`.code_join`). Downloading is :mod:`.fetch`'s job (through the network layer).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Optional

from osgeo import gdal, ogr

from ...core.tabular import zipsafe
from ...core.tabular.formats import sniff_format
from ...toolbelt.atomic import atomic_path
from ...toolbelt.i18n import tr
from ..layer_metadata import apply_source_metadata
from .csv_loader import load_csv
from .load_common import (
    GeometryOptions,
    LoadResult,
    ResourceLoadError,
    gdal_exceptions,
    measure,
    open_vector,
    stop_callback,
    translate_to_gpkg,
)

__all__ = ["GeometryOptions", "LoadResult", "ResourceLoadError", "load_file"]

VECTOR_EXTENSIONS = (".shp", ".geojson", ".json", ".gpkg", ".fgb", ".kml", ".gml")
TABLE_EXTENSIONS = (".csv", ".tsv", ".xlsx", ".xls", ".ods")
LEVELS = ("commune", "epci", "departement", "region")
# The OGR driver of each format recognised by its bytes: a file is opened with that driver only, since OGR otherwise
# lets the extension choose (GDAL 3.10 opens a GeoJSON file named data.csv with the CSV driver, one row per line).
SNIFFED_DRIVERS = {
    "geojson": ("GeoJSON",),
    "gpkg": ("GPKG",),
    "fgb": ("FlatGeobuf",),
    "kml": ("LIBKML", "KML"),  # LIBKML first when GDAL has it, as OGR itself prefers
    "shp": ("ESRI Shapefile",),
}


def load_file(
    path,
    target,
    layer_name: str,
    options: Optional[GeometryOptions] = None,
    source=None,
    feedback=None,
    zip_max_expanded: int = zipsafe.DEFAULT_MAX_EXPANDED,
    zip_max_ratio: float = zipsafe.DEFAULT_MAX_RATIO,
    label: str = "",
) -> LoadResult:
    """Load the file at ``path`` into the GeoPackage ``target`` (written atomically) as ``layer_name``.

    ``source``: a Dataset or source-metadata dict written into the GeoPackage (licence, attribution, ...).
    ``label``: how to name the resource in messages (its URL or title).
    """
    options = options or GeometryOptions()
    path = Path(path)
    label = label or path.name
    work = Path(tempfile.mkdtemp(prefix="terridata_load_"))
    try:
        with atomic_path(target) as tmp:
            result = _load_any(path, tmp, layer_name, options, feedback, work, label, zip_max_expanded, zip_max_ratio)
            if source is not None:
                apply_source_metadata(tmp, source, layer_name=layer_name)
        result.path = Path(target)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _load_any(path, target, layer_name, options, feedback, work, label, max_expanded, max_ratio) -> LoadResult:
    with open(path, "rb") as handle:
        head = handle.read(65536)
    kind = sniff_format(head)
    if kind == "empty":
        raise ResourceLoadError(tr("The resource {} is empty (0 bytes): there is nothing to load.", label))
    if kind == "html":
        raise ResourceLoadError(
            tr(
                "The resource {} is a web page (HTML), not data: the link is probably dead, or redirects to a login "
                "page. Open it in a browser to check, or choose another resource of the dataset.",
                label,
            )
        )
    if kind in ("pdf", "parquet"):
        raise ResourceLoadError(
            tr("The resource {} is a {} file, which TerriData does not load as a layer.", label, kind.upper())
        )
    if kind == "zip":
        return _load_zip(path, target, layer_name, options, feedback, work, label, max_expanded, max_ratio)
    if kind == "xls":
        return _load_spreadsheet(path, target, layer_name, options, feedback, work, label)
    if kind == "text":
        return load_csv(path, target, layer_name, options, feedback, work, label)
    if kind == "json":
        raise ResourceLoadError(
            tr("The resource {} is JSON but not GeoJSON: TerriData cannot make a layer of it.", label)
        )
    return _load_vector(path, target, layer_name, options, feedback, label, kind)


# ------------------------------------------------------------------------------------------------ zips


def _load_zip(path, target, layer_name, options, feedback, work, label, max_expanded, max_ratio) -> LoadResult:
    try:
        members = zipsafe.list_members(path)
    except zipsafe.UnsafeArchiveError as exc:
        raise ResourceLoadError(_zip_message(exc, label)) from None
    names = [m.name for m in members]
    if "xl/workbook.xml" in names or "content.xml" in names and "mimetype" in names:
        return _load_spreadsheet(path, target, layer_name, options, feedback, work, label)
    candidates = [
        n
        for n in names
        if n.lower().endswith(VECTOR_EXTENSIONS + TABLE_EXTENSIONS) and not n.split("/")[-1].startswith(".")
    ]
    if not candidates:
        raise ResourceLoadError(
            tr(
                "The zip archive {} has no layer TerriData can load (no Shapefile, GeoJSON, GeoPackage, FlatGeobuf, "
                "KML or CSV inside; it holds: {}).",
                label,
                ", ".join(names[:15]) or tr("nothing"),
            )
        )
    if options.layer:
        chosen = [n for n in candidates if n == options.layer or n.rsplit("/", 1)[-1] == options.layer]
        if not chosen:
            raise ResourceLoadError(
                tr("The zip archive {} has no layer '{}'. Its layers: {}.", label, options.layer, ", ".join(candidates))
            )
    elif len(candidates) > 1:
        raise ResourceLoadError(
            tr(
                "The zip archive {} holds several layers: {}. Choose one with the 'Layer inside the file' parameter.",
                label,
                ", ".join(candidates),
            )
        )
    else:
        chosen = candidates
    member = chosen[0]
    stem = member.rsplit(".", 1)[0]
    wanted = [n for n in names if n.rsplit(".", 1)[0] == stem] if member.lower().endswith(".shp") else [member]
    try:
        zipsafe.extract(path, work / "zip", wanted, max_expanded, max_ratio, should_stop=stop_callback(feedback))
    except zipsafe.UnsafeArchiveError as exc:
        raise ResourceLoadError(_zip_message(exc, label)) from None
    except InterruptedError:
        raise ResourceLoadError(tr("Cancelled")) from None
    inner = options.layer
    options.layer = ""
    try:
        return _load_any(
            work / "zip" / member, target, layer_name, options, feedback, work, f"{label} → {member}", max_expanded, 1e9
        )
    finally:
        options.layer = inner


def _zip_message(exc: zipsafe.UnsafeArchiveError, label: str) -> str:
    if exc.reason == "encrypted":
        return tr(
            "The zip archive {} is encrypted (password-protected): TerriData cannot open it. Ask the producer for "
            "an open copy. ({})",
            label,
            str(exc),
        )
    if exc.reason == "bomb":
        return tr(
            "The zip archive {} was refused: {}. If the archive is genuine, raise the zip caps in the TerriData "
            "settings.",
            label,
            str(exc),
        )
    if exc.reason == "slip":
        return tr("The zip archive {} was refused because it is unsafe: {}.", label, str(exc))
    return tr("The zip archive {} cannot be read: {}.", label, str(exc))


# ------------------------------------------------------------------------------------------------ vector files


def _open_sniffed(path, label, kind):
    """The vector dataset at ``path`` opened with the driver of its sniffed ``kind`` (any driver if that fails or
    ``kind`` has none, which gives :func:`open_vector`'s message when nothing can read it)."""
    drivers = [name for name in SNIFFED_DRIVERS.get(kind, ()) if gdal.GetDriverByName(name) is not None]
    if drivers:
        with gdal_exceptions():
            try:
                ds = gdal.OpenEx(str(path), gdal.OF_VECTOR, allowed_drivers=drivers)
            except RuntimeError:
                ds = None
        if ds is not None:
            return ds
    return open_vector(path, label)


def _load_vector(path, target, layer_name, options, feedback, label, kind) -> LoadResult:
    src = _open_sniffed(path, label, kind)
    names = [src.GetLayer(i).GetName() for i in range(src.GetLayerCount())]
    if not names:
        raise ResourceLoadError(tr("The resource {} has no layer.", label))
    if options.layer:
        if options.layer not in names:
            raise ResourceLoadError(
                tr("The resource {} has no layer '{}'. Its layers: {}.", label, options.layer, ", ".join(names))
            )
        chosen = options.layer
    elif len(names) > 1:
        raise ResourceLoadError(
            tr(
                "The resource {} holds several layers: {}. Choose one with the 'Layer inside the file' parameter.",
                label,
                ", ".join(names),
            )
        )
    else:
        chosen = names[0]
    src_layer = src.GetLayerByName(chosen)
    if src_layer.GetGeomType() == ogr.wkbNone and kind in ("gpkg",):
        src = None
        return _load_table_layer(path, chosen, target, layer_name, options, feedback, label)
    translate_to_gpkg(src, target, layer_name, [chosen], feedback, label, spatial_index=options.spatial_index)
    src = None
    result = LoadResult(Path(target), layer_name, source_format=kind)
    measure(target, layer_name, result)
    return result


def _load_spreadsheet(path, target, layer_name, options, feedback, work, label) -> LoadResult:
    src = open_vector(path, label)
    names = [src.GetLayer(i).GetName() for i in range(src.GetLayerCount())]
    if not names:
        raise ResourceLoadError(tr("The spreadsheet {} has no sheet.", label))
    chosen = options.layer if options.layer in names else names[0]
    if options.layer and options.layer not in names:
        raise ResourceLoadError(
            tr("The spreadsheet {} has no sheet '{}'. Its sheets: {}.", label, options.layer, ", ".join(names))
        )
    src = None
    return _load_table_layer(path, chosen, target, layer_name, options, feedback, label)


def _load_table_layer(path, sheet, target, layer_name, options, feedback, label) -> LoadResult:
    csv_path = work_csv = Path(tempfile.mkdtemp(prefix="terridata_sheet_")) / "sheet.csv"
    try:
        src = open_vector(path, label)
        with gdal_exceptions():
            gdal.VectorTranslate(
                str(csv_path),
                src,
                options=gdal.VectorTranslateOptions(
                    format="CSV", layers=[sheet], layerCreationOptions=["SEPARATOR=SEMICOLON"]
                ),
            )
        src = None
        return load_csv(csv_path, target, layer_name, options, feedback, work_csv.parent, label)
    finally:
        shutil.rmtree(work_csv.parent, ignore_errors=True)
