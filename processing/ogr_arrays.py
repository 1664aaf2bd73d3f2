"""QGIS vector sources as numpy arrays, read through OGR when that provably gives the same features, and results
written back.

An input is read once at the algorithm's edge into a :class:`VectorInput`: the feature source QGIS hands the
algorithm (which honours unsaved edits, joins, virtual fields, "selected features only", feature limits and filters)
and, only when the layer is a plain OGR file layer read whole (see :func:`fast_path_location`), where OGR can read
the very same features. ``read_arrays`` then returns geometries as WKB (or decoded points) plus the requested
attributes as numpy arrays (NaN for NULL numbers, ``None`` for NULL strings): through OGR's Arrow interface
(``GetArrowStreamAsNumPy``, GDAL >= 3.6, tens of times faster than iterating ``QgsFeature`` objects) on the fast
path, through QGIS's feature iterator otherwise (and whenever OGR cannot: older GDAL, a subset string OGR does not
understand, a missing field).

Coordinates are reprojected with QGIS (:func:`transform_xy`), so the datum transformations of the project's
transform context apply.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import struct
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from osgeo import ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeatureRequest,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core.aggregation.geometry import parse_point_wkb
from ..toolbelt.i18n import tr


class VectorArrays:
    """``wkb`` (list of bytes or None, one per feature), ``attributes`` {name: array}, ``crs``, ``via_ogr``.

    When read with ``as_points=True``, ``wkb`` is None and ``points`` holds ``(x, y, feature)`` arrays decoded batch
    by batch (a multipoint gives several rows with the same feature index), which keeps memory low.
    """

    def __init__(self, wkb, attributes, crs, via_ogr: bool, n=None, points=None):
        self.wkb = wkb
        self.attributes = attributes
        self.crs = crs
        self.via_ogr = via_ogr
        self.n = len(wkb) if n is None else n
        self.points = points

    def __len__(self):
        return self.n


@dataclass(frozen=True)
class VectorInput:
    """A vector input parameter, read once: ``source`` is the feature source QGIS hands the algorithm, ``name`` the
    layer's name for messages, ``ogr_location`` ``(path, layer name, layer index, subset)`` when OGR provably reads
    the same features as ``source`` (else None: the source is read through QGIS)."""

    source: QgsProcessingFeatureSource
    name: str
    ogr_location: tuple | None = None

    @property
    def crs(self) -> QgsCoordinateReferenceSystem:
        return self.source.sourceCrs()


def vector_input(alg, parameters, name: str, context) -> VectorInput:
    """The :class:`VectorInput` of parameter ``name`` (QgsProcessingException when it cannot be opened)."""
    source = alg.parameterAsSource(parameters, name, context)
    if source is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, name))
    value = parameters.get(name)
    definition = value if isinstance(value, QgsProcessingFeatureSourceDefinition) else None
    layer = alg.parameterAsVectorLayer(parameters, name, context)
    label = layer.name() if layer is not None and layer.name() else str(name)
    return VectorInput(source, label, fast_path_location(layer, definition))


def fast_path_location(layer, definition=None):
    """``(path, layer name or None, layer index or None, subset)`` when reading ``layer`` through OGR gives exactly
    the features QGIS's source gives; None otherwise.

    That is the case only for an OGR-provider file layer read whole: no unsaved change in its edit buffer, no join,
    no virtual (expression) field, no "selected features only", feature limit or filter expression in the parameter
    ``definition``; a subset string is applied by OGR too (and the reader falls back on QGIS when OGR refuses it).
    """
    if layer is None or not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return None
    if layer.providerType() != "ogr" or layer.isModified():
        return None
    if layer.vectorJoins():
        return None
    fields = layer.fields()
    if any(fields.fieldOrigin(i) != QgsFields.OriginProvider for i in range(fields.count())):
        return None
    if definition is not None and (
        definition.selectedFeaturesOnly
        or getattr(definition, "featureLimit", -1) not in (-1, None)
        or getattr(definition, "filterExpression", "")  # QGIS >= 3.32
    ):
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path")
    if not path:
        return None
    # Anything else in the source (``geometrytype=Point`` keeping one type of a mixed layer, a /vsizip/ prefix,
    # open options…) changes what QGIS reads: read through QGIS then.
    if any(value for key, value in parts.items() if key not in _PLAIN_OGR_URI_KEYS):
        return None
    return path, parts.get("layerName") or None, parts.get("layerId"), layer.subsetString()


_PLAIN_OGR_URI_KEYS = {"path", "layerName", "layerId", "subset"}


def numeric_array(values) -> np.ndarray:
    """float64 array with NaN for NULL (masked arrays, None, QVariant NULL, non-numbers)."""
    if isinstance(values, np.ma.MaskedArray):
        return values.astype(np.float64).filled(np.nan)
    arr = np.asarray(values)
    if arr.dtype.kind in "fiub":
        return arr.astype(np.float64)
    out = np.full(len(arr), np.nan)
    for i, v in enumerate(arr):
        try:
            out[i] = float(v) if v is not None else np.nan
        except (TypeError, ValueError):
            pass
    return out


class _OgrCannotReadError(RuntimeError):
    """OGR cannot read this input the fast way: read it through QGIS instead."""


def read_arrays(vinput: VectorInput, fields, feedback=None, need_geometry=True, as_points=False) -> VectorArrays:
    """Read ``vinput`` into arrays: geometries as WKB (or decoded points with ``as_points``) and ``fields`` as
    arrays. Raises core.aggregation.geometry.GeometryError for non-point geometries with ``as_points``."""
    if vinput.ogr_location is not None:
        try:
            return _read_ogr(vinput.ogr_location, vinput.crs, fields, feedback, need_geometry, as_points)
        except (RuntimeError, ValueError, KeyError):
            pass  # an OGR limitation: fall back on QGIS's iterator
    arrays = _read_qgis(vinput.source, fields, feedback, need_geometry)
    if as_points:
        arrays.points = parse_point_wkb(arrays.wkb)
        arrays.wkb = None
    return arrays


def read_vector(
    alg, parameters, name: str, context, fields, feedback=None, need_geometry=True, as_points=False
) -> VectorArrays:
    """:func:`read_arrays` of parameter ``name`` (kept for the confidentiality algorithms' reader)."""
    return read_arrays(vector_input(alg, parameters, name, context), fields, feedback, need_geometry, as_points)


def read_fids_and_wkb(vinput: VectorInput, feedback=None):
    """``(fids, wkb list)`` of an input on the OGR fast path, read in bulk; None for any other input."""
    if vinput.ogr_location is None:
        return None
    try:
        arrays = _read_ogr(vinput.ogr_location, vinput.crs, [], feedback, True, with_fid=True)
    except (RuntimeError, ValueError, KeyError):
        return None
    return arrays.attributes["__fid__"], arrays.wkb


# QGIS field types whose values OGR's Arrow reader gives as QGIS's feature iterator does (see read_table).
# Not booleans: GDAL 3.6's numpy conversion of Arrow's packed bits returned wrong values for them.
_TABLE_TYPES = (QVariant.String, QVariant.Int, QVariant.LongLong, QVariant.Double)


def read_table(vinput: VectorInput, fields: QgsFields, feedback=None):
    """``(fids, rows, wkb list)`` of an input on the OGR fast path, read in bulk: each feature's id, its attribute
    values in the order of ``fields`` (the source's QGIS fields) as QGIS's iterator gives them (None for NULL), and
    its geometry as WKB. None for any other input, or when a field is not text, an integer or a real (booleans,
    dates, lists, binary… are read through QGIS)."""
    if vinput.ogr_location is None or any(f.type() not in _TABLE_TYPES for f in fields):
        return None
    try:
        arrays = _read_ogr(
            vinput.ogr_location, vinput.crs, fields.names(), feedback, True, with_fid=True, as_python=True
        )
    except (RuntimeError, ValueError, KeyError):
        return None
    columns = [arrays.attributes[name] for name in fields.names()]
    rows = [list(row) for row in zip(*columns)] if columns else [[] for _ in range(len(arrays))]
    return arrays.attributes["__fid__"], rows, arrays.wkb


def _python_list(parts) -> list:
    """Python values of the Arrow batches of one column: ``None`` for NULL, text decoded from UTF-8."""
    values = []
    for part in parts:
        if isinstance(part, np.ma.MaskedArray):
            missing = np.ma.getmaskarray(part)
            chunk = part.data.tolist()
            for i in np.flatnonzero(missing).tolist():
                chunk[i] = None
        else:
            chunk = part.tolist()
        if part.dtype.kind in "SO":
            chunk = [v.decode("utf-8") if isinstance(v, bytes) else v for v in chunk]
        values.extend(chunk)
    return values


def arrow_reader(lyr):
    """The layer's ``GetArrowStreamAsNumPy`` method, or None on GDAL < 3.6 (which QGIS 3.22 may come with)."""
    return getattr(lyr, "GetArrowStreamAsNumPy", None)


def arrow_stream(lyr, options):
    """OGR's Arrow batches as numpy arrays (GDAL >= 3.6); :class:`_OgrCannotReadError` on an older GDAL."""
    reader = arrow_reader(lyr)
    if reader is None:
        raise _OgrCannotReadError("GDAL < 3.6 has no Arrow stream")
    try:
        return reader(options=options)
    except AttributeError as exc:  # a GDAL built without numpy support for Arrow
        raise _OgrCannotReadError(str(exc)) from exc


@contextlib.contextmanager
def _sqlite_mmap():
    """Let SQLite-based drivers (GeoPackage) opened in this thread read through a memory map rather than one
    ``pread`` system call per page (about twice as fast for a bulk read). A thread-local GDAL setting, left alone
    when the user configured ``OGR_SQLITE_PRAGMA``."""
    from osgeo import gdal

    if gdal.GetConfigOption("OGR_SQLITE_PRAGMA"):
        yield
        return
    gdal.SetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", "mmap_size=4294967296")
    try:
        yield
    finally:
        gdal.SetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", None)


def _read_ogr(
    location, crs, fields, feedback, need_geometry, as_points=False, with_fid=False, as_python=False
) -> VectorArrays:
    """Read through OGR's Arrow stream. ``fields`` may name the FID column (a GeoPackage's ``fid``, which QGIS
    lists as a field). Attributes come as numpy arrays (NaN / None for NULL), or with ``as_python`` as lists of the
    Python values QGIS's iterator gives."""
    path, layer_name, layer_id, subset = location
    with _sqlite_mmap():
        ds = ogr.Open(path, 0)
    if ds is None:
        raise RuntimeError("cannot open")
    if layer_name:
        lyr = ds.GetLayerByName(layer_name)
    elif layer_id not in (None, ""):
        lyr = ds.GetLayer(int(layer_id))
    else:
        lyr = ds.GetLayer(0)
    if lyr is None:
        raise RuntimeError("no layer")
    if subset:
        if subset.strip().lower().startswith("select") or lyr.SetAttributeFilter(subset) != 0:
            raise RuntimeError("subset not supported")
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    lookup = {n.lower(): n for n in names}
    fid_col = lyr.GetFIDColumn() or "OGC_FID"
    wanted, fid_fields = [], []
    for f in fields:
        if f.lower() in lookup:
            wanted.append(lookup[f.lower()])
        elif f.lower() == fid_col.lower() and lyr.GetFIDColumn():
            fid_fields.append(f)
        else:
            raise KeyError(f)
    with_fid = with_fid or bool(fid_fields)
    if not wanted and not need_geometry:  # nothing to read but the number of features
        count = lyr.GetFeatureCount(True)
        return VectorArrays([None] * count, {}, crs, via_ogr=True)
    # A subset filter may test any field: OGR evaluates it on ignored fields as NULL, so keep them all then.
    ignored = [] if subset else [n for n in names if n not in wanted]
    lyr.SetIgnoredFields(ignored + ([] if need_geometry else ["OGR_GEOMETRY"]))
    geom_col = lyr.GetGeometryColumn() or "wkb_geometry"
    fids = []
    total = max(lyr.GetFeatureCount(), 1)
    chunks = {f: [] for f in wanted}
    wkb_chunks = []
    done = 0
    # INCLUDE_FID=YES: GDAL 3.6 returns empty geometries from a GeoPackage when every attribute is ignored.
    stream = arrow_stream(lyr, ["USE_MASKED_ARRAYS=YES", "INCLUDE_FID=YES", "MAX_FEATURES_IN_BATCH=200000"])
    for batch in stream:
        if feedback is not None and feedback.isCanceled():
            raise QgsProcessingException(tr("Cancelled."))
        n = 0
        if with_fid:
            fids.append(np.asarray(batch[fid_col], dtype=np.int64))
        for f in wanted:
            chunks[f].append(batch[f])
            n = len(batch[f])
        if need_geometry:
            g = batch[geom_col]
            n = len(g)
            if as_points:
                plain = not isinstance(g, np.ma.MaskedArray) and g.dtype.kind == "V"
                x, y, feat = parse_point_wkb(g if plain else _wkb_list(g))
                wkb_chunks.append((x, y, feat + done))
            else:
                wkb_chunks.append(g)
        done += n
        if feedback is not None:
            feedback.setProgress(min(100.0, 100.0 * done / total))
    attributes = {}
    for f, original in zip(wanted, [f for f in fields if f not in fid_fields]):
        attributes[original] = _python_list(chunks[f]) if as_python else _concat(chunks[f])
    if with_fid:
        attributes["__fid__"] = np.concatenate(fids) if fids else np.empty(0, dtype=np.int64)
        for f in fid_fields:
            attributes[f] = attributes["__fid__"].tolist() if as_python else attributes["__fid__"]
    if as_points:
        if done and not any(len(c[0]) for c in wkb_chunks):
            raise RuntimeError("OGR returned no geometry")  # fall back on QGIS's iterator
        points = tuple(np.concatenate([c[k] for c in wkb_chunks]) if wkb_chunks else np.empty(0) for k in range(3))
        return VectorArrays(None, attributes, crs, via_ogr=True, n=done, points=points)
    wkb = []
    for g in wkb_chunks:
        wkb.extend(_wkb_list(g))
    if not need_geometry:
        wkb = [None] * done
    if need_geometry and wkb and not any(wkb[: min(len(wkb), 1000)]):
        raise RuntimeError("OGR returned no geometry")  # fall back on QGIS's iterator
    return VectorArrays(wkb, attributes, crs, via_ogr=True)


def _wkb_list(g):
    """Python list of bytes (None for missing) of an Arrow geometry column."""
    if isinstance(g, np.ma.MaskedArray):
        values = g.data.tolist()
        for i in np.flatnonzero(np.ma.getmaskarray(g)).tolist():
            values[i] = None
        return values
    if g.dtype.kind == "V":  # fixed-size blobs
        return [bytes(v) for v in g]
    return g.tolist()


def _concat(parts):
    if not parts:
        return np.empty(0)
    if any(isinstance(p, np.ma.MaskedArray) for p in parts):
        arr = np.ma.concatenate(parts)
    else:
        arr = np.concatenate(parts)
    if arr.dtype.kind in "SUO":
        mask = np.ma.getmaskarray(arr) if isinstance(arr, np.ma.MaskedArray) else np.zeros(len(arr), bool)
        data = arr.data if isinstance(arr, np.ma.MaskedArray) else arr
        out = np.empty(len(arr), dtype=object)
        for i, (v, m) in enumerate(zip(data, mask)):
            out[i] = None if m else (v.decode("utf-8") if isinstance(v, bytes) else v)
        return out
    if arr.dtype.kind in "iufb":
        return numeric_array(arr)
    return arr


def _read_qgis(source, fields, feedback, need_geometry) -> VectorArrays:
    src_fields = source.fields()
    idx = []
    for f in fields:
        i = src_fields.lookupField(f)
        if i < 0:
            raise QgsProcessingException(tr("Field {} not found in the input layer.", f))
        idx.append(i)
    request = QgsFeatureRequest().setSubsetOfAttributes(idx)
    request.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    if not need_geometry:
        request.setFlags(QgsFeatureRequest.NoGeometry)
    total = max(source.featureCount(), 1)
    wkb, values = [], [[] for _ in idx]
    flags = QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks
    features = (
        source.getFeatures(request, flags)
        if isinstance(source, QgsProcessingFeatureSource)
        else (source.getFeatures(request))
    )
    for n, feat in enumerate(features):
        if feedback is not None and n % 10000 == 0:
            if feedback.isCanceled():
                raise QgsProcessingException(tr("Cancelled."))
            feedback.setProgress(100.0 * n / total)
        if need_geometry:
            geom = feat.geometry()
            if geom.isNull() or geom.isEmpty():
                wkb.append(None)
            else:
                if QgsWkbTypes.isCurvedType(geom.wkbType()):
                    geom = QgsGeometry(geom.constGet().segmentize())
                wkb.append(bytes(geom.asWkb()))
        else:
            wkb.append(None)
        attrs = feat.attributes()
        for k, i in enumerate(idx):
            v = attrs[i]
            values[k].append(None if v is None or (isinstance(v, QVariant) and v.isNull()) else v)
    attributes = {}
    for f, i, vals in zip(fields, idx, values):
        if src_fields.at(i).isNumeric():
            attributes[f] = numeric_array(np.asarray(vals, dtype=object))
        else:
            arr = np.empty(len(vals), dtype=object)
            arr[:] = vals
            attributes[f] = arr
    return VectorArrays(wkb, attributes, source.sourceCrs(), via_ogr=False)


TRANSFORM_CHUNK = 500_000
TRANSFORM_THREADS = 4


def transform_xy(
    x,
    y,
    source_crs: QgsCoordinateReferenceSystem,
    target_crs: QgsCoordinateReferenceSystem,
    transform_context: QgsCoordinateTransformContext,
):
    """Reproject coordinate arrays with QGIS's transform in ``transform_context`` (the project's datum
    transformations apply); unchanged if the CRS are equal.

    Points that cannot be transformed (or are not finite) come out as NaN. The points are handed to QGIS in chunks
    of ``TRANSFORM_CHUNK`` as the vertices of one line string built from the arrays' bytes, which QGIS transforms in
    a single vectorised PROJ call (no Python object per point), up to ``TRANSFORM_THREADS`` chunks at a time on
    as many cores (each chunk into its own slice of the result: the same numbers as one after the other); a chunk
    PROJ refuses as a whole is transformed point by point.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if source_crs == target_crs or len(x) == 0:
        return x, y
    out_x = np.full(len(x), np.nan)
    out_y = np.full(len(y), np.nan)
    spans = [(start, min(start + TRANSFORM_CHUNK, len(x))) for start in range(0, len(x), TRANSFORM_CHUNK)]

    def work(span):
        start, end = span
        # One transform per chunk, made in the thread that uses it (PROJ objects belong to one thread).
        transform = QgsCoordinateTransform(source_crs, target_crs, transform_context)
        _transform_chunk(transform, x[start:end], y[start:end], out_x[start:end], out_y[start:end])

    workers = min(TRANSFORM_THREADS, os.cpu_count() or 1, len(spans))
    if workers > 1:  # QGIS releases Python's lock while PROJ works: the chunks run side by side
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(work, spans))
    else:
        for span in spans:
            work(span)
    with np.errstate(invalid="ignore"):
        bad = ~np.isfinite(out_x) | ~np.isfinite(out_y)
    out_x[bad] = np.nan
    out_y[bad] = np.nan
    return out_x, out_y


def _transform_chunk(transform, x, y, out_x, out_y) -> None:
    """Transform the finite points of a chunk into ``out_x``/``out_y`` (views)."""
    ok = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    if len(ok) == 0:
        return
    coords = np.empty((len(ok), 2), dtype="<f8")
    coords[:, 0] = x[ok]
    coords[:, 1] = y[ok]
    line = QgsGeometry()
    line.fromWkb(struct.pack("<BII", 1, 2, len(ok)) + coords.tobytes())  # a LineString of the points
    try:
        failed = line.transform(transform) != 0
    except QgsCsException:
        failed = True
    if not failed:
        res = np.frombuffer(bytes(line.asWkb()), dtype="<f8", offset=9, count=2 * len(ok)).reshape(-1, 2)
        out_x[ok] = res[:, 0]
        out_y[ok] = res[:, 1]
        return
    for i in ok.tolist():
        try:
            point = transform.transform(QgsPointXY(float(x[i]), float(y[i])))
        except QgsCsException:
            continue
        out_x[i] = point.x()
        out_y[i] = point.y()


def polygon_boxes_gpb(xmin, ymin, xmax, ymax, srs_id: int) -> list:
    """GeoPackage geometry blobs (header with envelope + little-endian WKB polygon) of axis-aligned boxes."""
    n = len(xmin)
    rec = np.zeros(
        n,
        dtype=[
            ("magic", "S2"),
            ("version", "u1"),
            ("flags", "u1"),
            ("srs", "<i4"),
            ("env", "<f8", 4),
            ("order", "u1"),
            ("type", "<u4"),
            ("rings", "<u4"),
            ("npts", "<u4"),
            ("xy", "<f8", 10),
        ],
    )
    rec["magic"] = b"GP"
    rec["flags"] = 0b00000011  # little-endian, envelope [minx, maxx, miny, maxy]
    rec["srs"] = srs_id
    env, xy = rec["env"], rec["xy"]  # views: filled column by column, no temporary n x 10 array
    for k, v in enumerate((xmin, xmax, ymin, ymax)):
        env[:, k] = v
    rec["order"] = 1
    rec["type"] = 3
    rec["rings"] = 1
    rec["npts"] = 5
    for k, v in enumerate((xmin, ymin, xmax, ymin, xmax, ymax, xmin, ymax, xmin, ymin)):
        xy[:, k] = v
    return rec.view(f"V{rec.dtype.itemsize}").tolist()  # one bytes object per box, made in C


SPATIAL_INDEX_MAX_FEATURES = 250_000


def write_gpkg_boxes(path, layer_name: str, epsg: int, boxes, columns, feedback=None) -> bool:
    """Write a GeoPackage polygon layer of boxes fast (bulk SQLite insert), atomically.

    ``boxes``: ``(xmin, ymin, xmax, ymax)`` arrays; ``columns``: ``[(name, "TEXT"|"INTEGER"|"REAL", values)]``
    with Python values (None for NULL), or ``(name, kind, SqlValue(expression))``: a value SQLite computes from
    the other columns of the row (``{x_min}`` in the expression is that column's value), e.g. an identifier built
    from the corners, so that no Python string is made per row. The layer is created with OGR (metadata tables,
    CRS) and filled with one ``executemany`` in one transaction, without a rollback journal (a new file renamed
    into place at the end) and without OGR's per-row feature-count trigger (the count is set once at the end, the
    trigger put back). OGR then adds the R-tree spatial index, unless there are more than
    ``SPATIAL_INDEX_MAX_FEATURES`` boxes (GDAL 3.6 needs about 13 s per million rows for it): returns whether the
    index was made.
    """
    import sqlite3

    from ..toolbelt.atomic import atomic_path

    n = len(boxes[0])
    with atomic_path(path) as tmp:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(int(epsg))
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(tmp))
        lyr = ds.CreateLayer(layer_name, srs, ogr.wkbPolygon, options=["SPATIAL_INDEX=NO", "GEOMETRY_NAME=geom"])
        kinds = {"TEXT": ogr.OFTString, "INTEGER": ogr.OFTInteger64, "REAL": ogr.OFTReal}
        for name, kind, _ in columns:
            lyr.CreateField(ogr.FieldDefn(name, kinds[kind]))
        ds = None
        con = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            srs_id = con.execute(
                "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (layer_name,)
            ).fetchone()[0]
            blobs = polygon_boxes_gpb(*boxes, srs_id=srs_id)
            data = [c for c in columns if not isinstance(c[2], SqlValue)]
            width = len(data) + 1  # values bound per row: the geometry and the data columns

            def row(r):  # the VALUES tuple of the r-th row of a statement, with numbered parameters
                slots = {c[0]: f"?{r * width + k + 2}" for k, c in enumerate(data)}
                values = (
                    c[2].expression.format(**slots) if isinstance(c[2], SqlValue) else slots[c[0]] for c in columns
                )
                return f"(?{r * width + 1}, {', '.join(values)})"

            names = ", ".join(_quoted(c[0]) for c in columns)
            table = _quoted(layer_name)
            triggers = con.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql LIKE "
                "'%gpkg_ogr_contents%'",
                (layer_name,),
            ).fetchall()
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA synchronous = OFF")
            con.execute("BEGIN")
            for name, _ in triggers:
                con.execute(f"DROP TRIGGER {_quoted(name)}")
            # Many rows per INSERT (fewer statement executions: about a third faster than one row each), in
            # order, so feature ids follow the boxes.
            flat = list(itertools.chain.from_iterable(zip(blobs, *[c[2] for c in data])))
            del blobs
            per = max(1, min(200, _max_sql_variables() // width))
            step = per * width
            statement = f"INSERT INTO {table} (geom, {names}) VALUES {', '.join(row(r) for r in range(per))}"
            full = n // per
            batch = 500  # statements between progress and cancel checks
            for first in range(0, full, batch):
                last = min(first + batch, full)
                con.executemany(statement, (flat[i * step : (i + 1) * step] for i in range(first, last)))
                if feedback is not None:
                    if feedback.isCanceled():
                        raise QgsProcessingException(tr("Cancelled."))
                    feedback.setProgress(100.0 * last * per / max(n, 1))
            if full * per < n:
                rest = n - full * per
                tail = f"INSERT INTO {table} (geom, {names}) VALUES {', '.join(row(r) for r in range(rest))}"
                con.execute(tail, flat[full * step :])
            del flat
            for _, sql in triggers:
                con.execute(sql)
            con.execute("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE table_name = ?", (n, layer_name))
            con.execute(
                "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                (
                    float(np.min(boxes[0])) if n else None,
                    float(np.min(boxes[1])) if n else None,
                    float(np.max(boxes[2])) if n else None,
                    float(np.max(boxes[3])) if n else None,
                    layer_name,
                ),
            )
            con.execute("COMMIT")
        finally:
            con.close()
        if feedback is not None and feedback.isCanceled():
            raise QgsProcessingException(tr("Cancelled."))
        indexed = n <= SPATIAL_INDEX_MAX_FEATURES
        if indexed:
            ds = ogr.Open(str(tmp), 1)
            ds.ExecuteSQL(f"SELECT CreateSpatialIndex('{layer_name}', 'geom')")
            ds = None
    return indexed


def _max_sql_variables() -> int:
    """How many parameters one SQLite statement may bind (SQLITE_MAX_VARIABLE_NUMBER's default)."""
    import sqlite3

    return 32_766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999


@dataclass(frozen=True)
class SqlValue:
    """A column of :func:`write_gpkg_boxes` computed by SQLite from the row's other columns."""

    expression: str


def _quoted(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def copy_layer_to_gpkg(location, target, layer_name: str, spatial_index: bool = True) -> bool:
    """Copy the OGR layer at ``location`` (see :func:`ogr_location`) into a new GeoPackage ``target`` with GDAL
    (multi-part geometries, a spatial index unless ``spatial_index`` is False; the work is done in C++ and releases
    the GIL, so it can run in a thread).

    Returns True when the feature ids were kept (GeoPackage source), False when they are numbered 1..n in the
    order OGR reads the source (the order of :func:`read_fids_and_wkb`).
    """
    from osgeo import gdal

    path, layer_name_in, layer_id, subset = location
    with _sqlite_mmap():
        src = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    if src is None:
        raise RuntimeError(f"cannot open {path}")
    if not layer_name_in:
        lyr = src.GetLayer(int(layer_id) if layer_id not in (None, "") else 0)
        if lyr is None:
            raise RuntimeError(f"no layer in {path}")
        layer_name_in = lyr.GetName()
    keep_fid = src.GetDriver().ShortName == "GPKG"
    options = gdal.VectorTranslateOptions(
        format="GPKG",
        layers=[layer_name_in],
        layerName=layer_name,
        geometryType="PROMOTE_TO_MULTI",
        where=subset or None,
        options=["-preserve_fid"] if keep_fid else [],
        layerCreationOptions=[] if spatial_index else ["SPATIAL_INDEX=NO"],
    )
    out = gdal.VectorTranslate(str(target), src, options=options)
    if out is None:
        raise RuntimeError(f"GDAL could not copy {path}: {gdal.GetLastErrorMsg()}")
    out = None
    src = None
    return keep_fid


def add_gpkg_columns(target, layer_name: str, columns, fids) -> None:
    """Add columns to a GeoPackage layer and fill them in one bulk SQLite update.

    ``columns``: ``[(name, "INTEGER"|"REAL", Python values (None for NULL))]``, the values of row ``i`` going to the
    feature whose id is ``fids[i]``.
    """
    import sqlite3

    if not columns:
        return

    table = _quoted(layer_name)
    # GeoPackage column types as OGR writes them: MEDIUMINT is a 32-bit integer (OGR's Integer), REAL a double.
    types = {"INTEGER": "MEDIUMINT", "REAL": "REAL"}
    assignments = ", ".join(f"{_quoted(name)} = ?" for name, _, _ in columns)
    rows = zip(*[values for _, _, values in columns], fids)
    con = sqlite3.connect(str(target))
    try:
        keys = [row[1] for row in con.execute(f"PRAGMA table_info({table})") if row[5]]
        if len(keys) != 1:
            raise RuntimeError(f"no feature id column in {target}")
        fid_column = keys[0]
        for name, kind, _ in columns:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {_quoted(name)} {types[kind]}")
        # The R-tree triggers name SpatiaLite-style functions that plain SQLite lacks. They only fire when the
        # geometry changes, which this update never does, but SQLite must resolve them to prepare the statement.
        for function in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
            con.create_function(function, 1, _geometry_function_not_expected)
        # A new file written beside its destination and renamed into place at the end: no rollback journal.
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.executemany(f"UPDATE {table} SET {assignments} WHERE {_quoted(fid_column)} = ?", rows)
        con.commit()
    except sqlite3.Error as exc:
        raise RuntimeError(f"SQLite: {exc}") from exc
    finally:
        con.close()


def _geometry_function_not_expected(_blob):
    raise ValueError("a geometry trigger fired during an attribute-only update")


# -- zones written once: SQLite copies the rows of a GeoPackage zone layer with their statistics -----------------


@dataclass(frozen=True)
class GpkgZoneTable:
    """A 2D (multi)polygon table of a GeoPackage whose rows SQLite can copy verbatim into an output GeoPackage:
    ``path``, ``table``, its feature id and geometry columns, ``srs_id``."""

    path: str
    table: str
    fid: str
    geometry: str
    srs_id: int


def _sqlite_uri(path, read_only: bool = False) -> str:
    from pathlib import Path

    return Path(os.path.abspath(str(path))).as_uri() + ("?mode=ro" if read_only else "")


def gpkg_zone_table(location) -> GpkgZoneTable | None:
    """The :class:`GpkgZoneTable` of an OGR ``location`` (see :func:`fast_path_location`) when it is a 2D polygon
    or multipolygon layer of a GeoPackage file; None otherwise (the zones are then copied by GDAL)."""
    import sqlite3

    path, layer_name, layer_id, _subset = location
    if not str(path).lower().endswith(".gpkg") or not os.path.isfile(str(path)):
        return None
    if not layer_name:
        ds = ogr.Open(str(path), 0)
        lyr = ds.GetLayer(int(layer_id) if layer_id not in (None, "") else 0) if ds is not None else None
        if lyr is None:
            return None
        layer_name = lyr.GetName()
        ds = None
    try:
        con = sqlite3.connect(_sqlite_uri(path, read_only=True), uri=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute(
            "SELECT table_name, column_name, upper(geometry_type_name), srs_id, z, m FROM gpkg_geometry_columns "
            "WHERE lower(table_name) = lower(?)",
            (layer_name,),
        ).fetchone()
        if row is None or row[2] not in ("POLYGON", "MULTIPOLYGON") or row[4] != 0 or row[5] != 0:
            return None
        keys = [r[1] for r in con.execute(f"PRAGMA table_info({_quoted(row[0])})") if r[5]]
    except sqlite3.Error:
        return None
    finally:
        con.close()
    if len(keys) != 1:
        return None
    return GpkgZoneTable(str(path), row[0], keys[0], row[1], int(row[3]))


def create_zone_table(location, target, layer_name: str) -> None:
    """Create the GeoPackage ``target`` with an empty multipolygon layer ``layer_name`` that has the fields, CRS
    and spatial index GDAL gives a copy of the layer at ``location`` (filled by :func:`fill_zone_table`)."""
    from osgeo import gdal

    path, layer_name_in, layer_id, _subset = location
    src = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    if src is None:
        raise RuntimeError(f"cannot open {path}")
    if not layer_name_in:
        layer_name_in = src.GetLayer(int(layer_id) if layer_id not in (None, "") else 0).GetName()
    options = gdal.VectorTranslateOptions(
        format="GPKG",
        layers=[layer_name_in],
        layerName=layer_name,
        geometryType="PROMOTE_TO_MULTI",
        options=["-preserve_fid", "-limit", "0"],
    )
    out = gdal.VectorTranslate(str(target), src, options=options)
    if out is None:
        raise RuntimeError(f"GDAL could not create {target}: {gdal.GetLastErrorMsg()}")
    out = None
    src = None


def fill_zone_table(target, layer_name: str, source: GpkgZoneTable, fids, bounds, columns) -> None:
    """Fill the empty layer made by :func:`create_zone_table` in one SQLite transaction: the rows ``fids`` of
    ``source`` (attributes and geometry blobs copied as they are, polygons made multipolygons) joined to their
    statistic ``columns`` (``[(name, "INTEGER"|"REAL", Python values)]``, row ``i`` for ``fids[i]``), the spatial
    index from ``bounds`` (``(xmin, ymin, xmax, ymax)`` arrays of the zones, NaN for no geometry), the feature count
    and the layer extent. Journal off: ``target`` is a new file renamed into place by the caller.
    """
    import sqlite3

    table = _quoted(layer_name)
    con = sqlite3.connect(_sqlite_uri(target), uri=True, isolation_level=None)  # transactions made explicit
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA temp_store = MEMORY")
        geometry, srs_id = con.execute(
            "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (layer_name,)
        ).fetchone()
        if int(srs_id) == source.srs_id:
            con.create_function("terridata_multi", 1, gpkg_polygon_to_multi, deterministic=True)
        else:  # GDAL numbered the same CRS otherwise in the new file: the blobs name the new number

            def multi_with_srs(blob, srs_id=int(srs_id)):
                return gpkg_blob_with_srs(gpkg_polygon_to_multi(blob), srs_id)

            con.create_function("terridata_multi", 1, multi_with_srs, deterministic=True)
        info = list(con.execute(f"PRAGMA table_info({table})"))
        fid = next(r[1] for r in info if r[5])
        out_fields = [r[1] for r in info if not r[5] and r[1] != geometry]
        con.execute("ATTACH DATABASE ? AS terridata_src", (_sqlite_uri(source.path, read_only=True),))
        src_fields = {
            r[1].lower(): r[1] for r in con.execute(f"PRAGMA terridata_src.table_info({_quoted(source.table)})")
        }
        missing = [f for f in out_fields if f.lower() not in src_fields]
        if missing:
            raise RuntimeError(f"fields {missing} of the copy are not in {source.table}")
        types = {"INTEGER": "MEDIUMINT", "REAL": "REAL"}
        for name, kind, _ in columns:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {_quoted(name)} {types[kind]}")
        # The layer's triggers (spatial index, feature count) would fire per row and call SpatiaLite-style
        # functions plain SQLite lacks: they are set aside while the rows go in, their work done in bulk.
        triggers = list(
            con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (layer_name,))
        )
        con.execute("BEGIN")
        for name, _sql in triggers:
            con.execute(f"DROP TRIGGER {_quoted(name)}")
        stats = [f"s{i}" for i in range(len(columns))]
        con.execute(f"CREATE TEMP TABLE terridata_stats (fid INTEGER PRIMARY KEY{''.join(', ' + s for s in stats)})")
        rows = zip(np.asarray(fids, dtype=np.int64).tolist(), *[values for _, _, values in columns])
        marks = ", ".join("?" for _ in range(len(columns) + 1))
        con.executemany(f"INSERT INTO temp.terridata_stats VALUES ({marks})", rows)
        out_list = ", ".join([_quoted(fid), _quoted(geometry)] + [_quoted(f) for f in out_fields])
        out_list += "".join(", " + _quoted(name) for name, _, _ in columns)
        src_list = ", ".join(
            [f"s.{_quoted(source.fid)}", f"terridata_multi(s.{_quoted(source.geometry)})"]
            + [f"s.{_quoted(src_fields[f.lower()])}" for f in out_fields]
        )
        src_list += "".join(f", t.{s}" for s in stats)
        inserted = con.execute(
            f"INSERT INTO main.{table} ({out_list}) SELECT {src_list} FROM temp.terridata_stats t "
            f"JOIN terridata_src.{_quoted(source.table)} s ON s.{_quoted(source.fid)} = t.fid ORDER BY t.fid"
        ).rowcount
        if inserted != len(fids):
            raise RuntimeError(f"{inserted} zones copied from {source.table} instead of {len(fids)}")
        xmin, ymin, xmax, ymax = (np.asarray(b, dtype=np.float64) for b in bounds)
        has = np.isfinite(xmin)
        rtree = f"rtree_{layer_name}_{geometry}"
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (rtree,)).fetchone():
            pass
        elif _copy_rtree(con, source, rtree, inserted, int(has.sum())):
            pass  # the source's own index holds exactly these zones: its nodes copied as they are
        else:
            con.executemany(
                f"INSERT INTO {_quoted(rtree)} VALUES (?, ?, ?, ?, ?)",
                zip(
                    np.asarray(fids, dtype=np.int64)[has].tolist(),
                    xmin[has].tolist(),
                    xmax[has].tolist(),
                    ymin[has].tolist(),
                    ymax[has].tolist(),
                ),
            )
        con.execute(
            "UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)", (inserted, layer_name)
        )
        extent = [float(a[has].min()) if has.any() else None for a in (xmin, ymin)]
        extent += [float(a[has].max()) if has.any() else None for a in (xmax, ymax)]
        con.execute(
            "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
            "last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
            (*extent, layer_name),
        )
        con.execute("DROP TABLE temp.terridata_stats")
        for _name, sql in triggers:
            con.execute(sql)
        con.execute("COMMIT")
        con.execute("DETACH DATABASE terridata_src")
    except sqlite3.Error as exc:
        raise RuntimeError(f"SQLite: {exc}") from exc
    finally:
        con.close()


def _copy_rtree(con, source: GpkgZoneTable, rtree: str, n_rows: int, n_indexed: int) -> bool:
    """Copy the R-tree of ``source`` (attached as ``terridata_src``) into the empty R-tree ``rtree`` when the copy
    holds every row of the source table (``n_rows``) and the source's index holds as many entries as the copy has
    non-empty geometries (``n_indexed``); False (nothing done) otherwise."""
    src_rtree = f"rtree_{source.table}_{source.geometry}"
    found = con.execute(
        "SELECT 1 FROM terridata_src.sqlite_master WHERE type = 'table' AND name = ?", (src_rtree,)
    ).fetchone()
    if not found:
        return False
    shadows = ("_node", "_rowid", "_parent")
    for suffix in ("",) + shadows:
        ours = [r[1:3] for r in con.execute(f"PRAGMA main.table_info({_quoted(rtree + suffix)})")]
        theirs = [r[1:3] for r in con.execute(f"PRAGMA terridata_src.table_info({_quoted(src_rtree + suffix)})")]
        if not ours or ours != theirs:
            return False
    rows = con.execute(f"SELECT count(*) FROM terridata_src.{_quoted(source.table)}").fetchone()[0]
    indexed = con.execute(f"SELECT count(*) FROM terridata_src.{_quoted(src_rtree + '_rowid')}").fetchone()[0]
    if rows != n_rows or indexed != n_indexed:
        return False
    for suffix in shadows:
        con.execute(f"DELETE FROM main.{_quoted(rtree + suffix)}")
        con.execute(
            f"INSERT INTO main.{_quoted(rtree + suffix)} SELECT * FROM terridata_src.{_quoted(src_rtree + suffix)}"
        )
    return True


_GPKG_ENVELOPE_BYTES = (0, 32, 48, 48, 64)


def gpkg_polygon_to_multi(blob):
    """A GeoPackage geometry blob of a polygon as the blob of a multipolygon of that one polygon, and an empty
    polygon or multipolygon as an empty multipolygon without parts, as GDAL's copy with PROMOTE_TO_MULTI writes
    them; any other blob unchanged."""
    if blob is None or len(blob) < 8 or blob[:2] != b"GP":
        return blob
    flags = blob[3]
    envelope = (flags >> 1) & 0b111
    if flags & 0b100000 or envelope >= len(_GPKG_ENVELOPE_BYTES):
        return blob  # an extended GeoPackage geometry type: left alone
    start = 8 + _GPKG_ENVELOPE_BYTES[envelope]
    if len(blob) < start + 5:
        return blob
    order = "<" if blob[start] == 1 else ">"
    kind = struct.unpack_from(order + "I", blob, start + 1)[0]
    if kind not in (3, 6) or (kind == 6 and not flags & 0b10000):
        return blob
    if flags & 0b10000:  # empty: an empty multipolygon (no part), as GDAL writes any empty (multi)polygon
        return bytes(blob[:start]) + struct.pack(order + "BII", blob[start], 6, 0)
    return bytes(blob[:start]) + struct.pack(order + "BII", blob[start], 6, 1) + bytes(blob[start:])


def gpkg_blob_with_srs(blob, srs_id: int):
    """A GeoPackage geometry blob whose header names the spatial reference ``srs_id``."""
    if blob is None or len(blob) < 8 or blob[:2] != b"GP":
        return blob
    order = "<" if blob[3] & 1 else ">"
    if struct.unpack_from(order + "i", blob, 4)[0] == srs_id:
        return blob
    return bytes(blob[:4]) + struct.pack(order + "i", srs_id) + bytes(blob[8:])
