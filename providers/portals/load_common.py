"""What the resource loader's modules share: its options and result, its error, and the GDAL steps every format
goes through (open, translate into a GeoPackage, count what was written)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from osgeo import gdal, ogr

from ...core.tabular import sniff
from ...toolbelt.i18n import tr


class ResourceLoadError(Exception):
    """The resource cannot be turned into a layer; ``str(error)`` says why and what to do."""


@dataclass
class GeometryOptions:
    """``mode``: ``auto`` (detect), ``xy`` (``x_field``/``y_field`` in ``crs``), ``wkt`` (``wkt_field``),
    ``code`` (``code_field`` of ``level`` joined to ``boundaries``: ``{code: ogr.Geometry}`` in
    ``boundaries_crs``), ``none`` (a table without geometry). ``layer``: the member/layer to load when there are
    several."""

    mode: str = "auto"
    x_field: str = ""
    y_field: str = ""
    crs: str = "EPSG:4326"
    wkt_field: str = ""
    code_field: str = ""
    level: str = "commune"
    boundaries: dict = field(default_factory=dict)
    boundaries_crs: str = "EPSG:2154"
    layer: str = ""
    spatial_index: bool = True  # False for an intermediate GeoPackage that is copied elsewhere


@dataclass
class LoadResult:
    path: Path
    layer: str
    feature_count: int = 0
    without_geometry: int = 0
    outside_france: int = 0
    unjoined_codes: list = field(default_factory=list)
    unjoined_rows: int = 0
    repaired_codes: dict = field(default_factory=dict)
    recoded: dict = field(default_factory=dict)
    source_format: str = ""
    notes: list = field(default_factory=list)


@contextlib.contextmanager
def gdal_exceptions():
    """GDAL exceptions on, for this block only (no process-wide side effect)."""
    previous = gdal.GetUseExceptions()
    gdal.UseExceptions()
    try:
        yield
    finally:
        if not previous:
            gdal.DontUseExceptions()


def stop_callback(feedback):
    return (lambda: feedback.isCanceled()) if feedback is not None else None


def check_cancel(feedback):
    if feedback is not None and feedback.isCanceled():
        raise ResourceLoadError(tr("Cancelled"))


# ------------------------------------------------------------------------------------------------ entry point


def open_vector(path, label):
    with gdal_exceptions():
        try:
            ds = gdal.OpenEx(str(path), gdal.OF_VECTOR)
        except RuntimeError as exc:
            ds = None
            detail = str(exc)
        else:
            detail = ""
    if ds is None:
        raise ResourceLoadError(
            tr(
                "The resource {} cannot be read as a vector layer ({}): its content does not match its format.",
                label,
                detail or tr("unknown format"),
            )
        )
    return ds


def translate_to_gpkg(
    src, target, layer_name, layers, feedback, label, srs: str = "", spatial_index: bool = True, stop_event=None
) -> None:
    calls = [0]

    def progress(done, _msg, _data):
        # GDAL calls this for every feature: stay cheap, look at the feedback every 20,000 calls
        calls[0] += 1
        if calls[0] % 20000:
            return 1
        if stop_event is not None:
            return 0 if stop_event.is_set() else 1
        feedback.setProgress(50 + 50 * done)
        return 0 if feedback.isCanceled() else 1

    opts = gdal.VectorTranslateOptions(
        format="GPKG",
        layers=layers,
        layerName=layer_name,
        srcSRS=srs or None,
        dstSRS=srs or None,
        layerCreationOptions=[f"SPATIAL_INDEX={'YES' if spatial_index else 'NO'}"],
        # no Python callback while another thread runs Python: each call would wait for the GIL
        callback=progress if (feedback is not None and stop_event is None) else None,
    )
    with gdal_exceptions():
        try:
            out = gdal.VectorTranslate(str(target), src, options=opts)
        except RuntimeError as exc:
            if stop_event is not None and stop_event.is_set():
                raise ResourceLoadError(tr("Cancelled")) from None
            check_cancel(feedback)
            raise ResourceLoadError(
                tr("The resource {} could not be converted to a GeoPackage ({}).", label, exc)
            ) from None
    if out is None:
        check_cancel(feedback)
        raise ResourceLoadError(tr("The resource {} could not be converted to a GeoPackage.", label))
    out = None
    if stop_event is None:
        check_cancel(feedback)


def measure(target, layer_name, result: LoadResult) -> None:
    """Counts on the written layer: features, rows without geometry, points outside France."""
    ds = ogr.Open(str(target))
    layer = ds.GetLayerByName(layer_name)
    result.feature_count = layer.GetFeatureCount()
    geom_col = layer.GetGeometryColumn()
    if not geom_col:
        result.without_geometry = result.feature_count
        return
    quoted = f'"{layer_name}"'
    sql = ds.ExecuteSQL(f'SELECT COUNT(*) FROM {quoted} WHERE "{geom_col}" IS NULL OR ST_IsEmpty("{geom_col}")')
    result.without_geometry = int(sql.GetNextFeature().GetField(0))
    ds.ReleaseResultSet(sql)
    srs = layer.GetSpatialRef()
    epsg = None
    if srs is not None:
        srs.AutoIdentifyEPSG()
        epsg = srs.GetAuthorityCode(None)
    if epsg in ("4326", "2154"):
        if epsg == "4326":
            boxes = sniff.FRANCE_BOXES
        else:
            boxes = (sniff.LAMBERT93_BOX,)
        inside = " OR ".join(
            f'(ST_MinX("{geom_col}") >= {b[0]} AND ST_MaxX("{geom_col}") <= {b[2]} AND ST_MinY("{geom_col}") >= '
            f'{b[1]} AND ST_MaxY("{geom_col}") <= {b[3]})'
            for b in boxes
        )
        sql = ds.ExecuteSQL(f'SELECT COUNT(*) FROM {quoted} WHERE "{geom_col}" IS NOT NULL AND NOT ({inside})')
        result.outside_france = int(sql.GetNextFeature().GetField(0))
        ds.ReleaseResultSet(sql)
        if result.outside_france:
            result.notes.append(
                tr(
                    "{} of {} features lie outside France (metropolitan and overseas): check the coordinates and "
                    "their CRS.",
                    result.outside_france,
                    result.feature_count,
                )
            )
    if result.without_geometry:
        result.notes.append(
            tr(
                "{} of {} rows have no geometry (kept, without geometry).",
                result.without_geometry,
                result.feature_count,
            )
        )
    ds = None


# ------------------------------------------------------------------------------------------------ tables


# ------------------------------------------------------------------------------------------------ outputs


def null_empty_geometries(dest_id: str) -> int:
    """Turn the empty geometries of a GeoPackage output into NULL ones; the number changed.

    QGIS's vector file writer (3.22 at least) writes a feature without geometry as an *empty* geometry
    (``POLYGON EMPTY``); a row that matched no boundary or had no coordinates has no geometry at all, which is
    NULL. Other outputs are left as they are (memory layers keep NULL; Shapefile writes a null shape)."""
    path, _, options = str(dest_id).partition("|")
    if not path.lower().endswith(".gpkg") or not Path(path).exists():
        return 0
    wanted = options.split("layername=", 1)[1].split("|", 1)[0] if "layername=" in options else ""
    with gdal_exceptions():
        ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
        layer = ds.GetLayerByName(wanted) if wanted else (ds.GetLayer(0) if ds.GetLayerCount() == 1 else None)
        if layer is None or not layer.GetGeometryColumn():
            return 0
        name, column = layer.GetName().replace('"', '""'), layer.GetGeometryColumn().replace('"', '""')
        where = f'"{column}" IS NOT NULL AND ST_IsEmpty("{column}")'
        count_sql = ds.ExecuteSQL(f'SELECT COUNT(*) FROM "{name}" WHERE {where}')
        count = int(count_sql.GetNextFeature().GetField(0))
        ds.ReleaseResultSet(count_sql)
        if count:
            ds.ExecuteSQL(f'UPDATE "{name}" SET "{column}" = NULL WHERE {where}')
        ds = None
    return count
