"""Input and output shared by the confidentiality algorithms (not an algorithm: the leading ``_`` hides it from
the provider's discovery).

- :class:`PrivacyAlgorithm`: the data output and the HTML/JSON risk report every such algorithm writes;
- :func:`read_source`: attributes as columns, point coordinates as numpy arrays (vectorised CRS transformation);
- :func:`write_table`: a GeoPackage, CSV or GeoJSON (chosen by the extension) written atomically with OGR;
- :func:`write_report`: the JSON and HTML risk reports, written atomically;
- :func:`epci_of_communes`: commune → EPCI mapping from the COG referential (empty when unavailable).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from osgeo import ogr, osr
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingParameterFileDestination,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...toolbelt.atomic import atomic_path, write_text_atomic
from ...toolbelt.i18n import tr
from ..base import TerriDataAlgorithm
from ..qgis_values import py_value

OUTPUT_FILTER = "GeoPackage (*.gpkg);;CSV (*.csv);;GeoJSON (*.geojson)"
DRIVERS = {".gpkg": "GPKG", ".csv": "CSV", ".geojson": "GeoJSON", ".json": "GeoJSON"}

ogr.UseExceptions()
osr.UseExceptions()


def check_output_extension(path: str) -> str:
    """An error message if ``path`` is not a .gpkg, .csv or .geojson file, else empty."""
    if path and Path(path).suffix.lower() not in DRIVERS:
        return tr("The output must be a GeoPackage (.gpkg), CSV (.csv) or GeoJSON (.geojson) file (got {}).", path)
    return ""


class PrivacyAlgorithm(TerriDataAlgorithm):
    """A confidentiality algorithm: it writes its result (GeoPackage, CSV or GeoJSON) and a risk report."""

    GROUP = "privacy"
    OUTPUT, REPORT_HTML, REPORT_JSON = "OUTPUT", "REPORT_HTML", "REPORT_JSON"

    def add_output_and_report(self, output_label: str) -> None:
        """The three destinations, declared last in ``initAlgorithm``."""
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT, output_label, OUTPUT_FILTER))
        self.addParameter(
            QgsProcessingParameterFileDestination(self.REPORT_HTML, self.tr("Risk report (HTML)"), "HTML (*.html)")
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(self.REPORT_JSON, self.tr("Risk report (JSON)"), "JSON (*.json)")
        )

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        message = check_output_extension(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        return (False, message) if message else (True, "")


def read_input(alg, parameters, name: str, context, feedback, with_points: bool = True, target_crs="EPSG:3035"):
    """``(attributes DataFrame, x, y)`` of the vector parameter ``name``, like :func:`read_source`.

    Point layers and tables are read as arrays (OGR's Arrow interface for files, see ``processing.ogr_arrays``);
    other geometries go through :func:`read_source` (centroids). The source's own primary key (a GeoPackage's
    ``fid``) is not read: a record id of the source is never exported.
    """
    from ...core.aggregation.geometry import GeometryError
    from ..ogr_arrays import read_vector

    source = alg.parameterAsSource(parameters, name, context)
    if source is None:
        raise QgsProcessingException(tr("The input layer of parameter {} could not be opened.", name))
    has_geom = with_points and source.wkbType() not in (QgsWkbTypes.NoGeometry, QgsWkbTypes.Unknown)
    if has_geom and QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PointGeometry:
        return read_source(source, feedback, with_points, target_crs)
    layer = alg.parameterAsVectorLayer(parameters, name, context)
    skip = set()
    if layer is not None and layer.dataProvider() is not None:
        skip = {layer.fields().at(i).name() for i in layer.dataProvider().pkAttributeIndexes()}
    qfields = [f for f in source.fields() if f.name() not in skip]
    try:
        arrays = read_vector(
            alg,
            parameters,
            name,
            context,
            [f.name() for f in qfields],
            feedback,
            need_geometry=has_geom,
            as_points=has_geom,
        )
    except GeometryError:
        return read_source(source, feedback, with_points, target_crs)
    n = len(arrays)
    df = pd.DataFrame({f.name(): pd.Series(_objects(arrays.attributes[f.name()], f), dtype=object) for f in qfields})
    df.index = range(n)
    if not has_geom:
        return df, None, None
    px, py, feat = arrays.points
    x, y = np.full(n, np.nan), np.full(n, np.nan)
    if len(feat):
        counts = np.bincount(feat, minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            x = np.bincount(feat, weights=px, minlength=n) / counts  # a multipoint: the mean of its points
            y = np.bincount(feat, weights=py, minlength=n) / counts
    crs = arrays.crs if arrays.crs is not None and arrays.crs.isValid() else source.sourceCrs()
    if not crs.isValid():
        raise QgsProcessingException(
            tr("The input layer has no coordinate reference system: set its CRS (Layer Properties > Source) first.")
        )
    x, y = transform_xy(x, y, crs_spec(crs), target_crs)
    return df, x, y


_INTEGER_TYPES = (QVariant.Int, QVariant.UInt, QVariant.LongLong, QVariant.ULongLong)


def _objects(values, qfield) -> list:
    """Python values (None for NULL) of an attribute array: ints stay ints, dates become ``datetime.date``."""
    mask = np.ma.getmaskarray(values) if isinstance(values, np.ma.MaskedArray) else None
    data = values.data if isinstance(values, np.ma.MaskedArray) else np.asarray(values)
    if data.dtype.kind == "M":
        unit = np.datetime_data(data.dtype)[0]
        as_py = data if unit in ("D", "s", "ms", "us") else data.astype("datetime64[us]")
        out = as_py.astype(object).tolist()  # datetime.date / datetime.datetime, None for NaT
    elif data.dtype.kind == "f":
        integral = qfield.type() in _INTEGER_TYPES
        out = [None if np.isnan(v) else (int(v) if integral else float(v)) for v in data]
    elif data.dtype.kind in "iub":
        out = data.tolist()
    else:
        out = [py_value(v) for v in data]
    if mask is not None:
        for i in np.flatnonzero(mask):
            out[i] = None
    return out


def read_source(source, feedback, with_points: bool = True, target_crs: str = "EPSG:3035"):
    """``(attributes DataFrame, x, y)``: one row per feature; x/y in ``target_crs`` (NaN without geometry).

    Non-point geometries are represented by their centroid. ``x`` and ``y`` are ``None`` for tables.
    """
    names = [f.name() for f in source.fields()]
    columns = {name: [] for name in names}
    has_geom = with_points and source.wkbType() not in (QgsWkbTypes.NoGeometry, QgsWkbTypes.Unknown)
    request = QgsFeatureRequest()
    if not has_geom:
        request.setFlags(QgsFeatureRequest.NoGeometry)
    xs, ys = [], []
    total = source.featureCount() or 1
    for i, feature in enumerate(source.getFeatures(request)):
        if i % 1000 == 0:
            if feedback.isCanceled():
                raise QgsProcessingException(tr("Cancelled while reading the input layer."))
            feedback.setProgress(10.0 * i / total)
        for name, value in zip(names, feature.attributes()):
            columns[name].append(py_value(value))
        if has_geom:
            geom = feature.geometry()
            if geom is None or geom.isEmpty():
                xs.append(np.nan)
                ys.append(np.nan)
            else:
                pt = geom.asPoint() if geom.type() == QgsWkbTypes.PointGeometry and not geom.isMultipart() else None
                if pt is None:
                    pt = geom.centroid().asPoint()
                xs.append(pt.x())
                ys.append(pt.y())
    df = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in columns.items()})
    if not has_geom:
        return df, None, None
    x = np.asarray(xs, dtype="float64")
    y = np.asarray(ys, dtype="float64")
    src_crs = source.sourceCrs()
    if not src_crs.isValid():
        raise QgsProcessingException(
            tr("The input layer has no coordinate reference system: set its CRS (Layer Properties > Source) first.")
        )
    x, y = transform_xy(x, y, crs_spec(src_crs), target_crs)
    return df, x, y


def crs_spec(crs) -> str:
    """``EPSG:nnnn`` when the CRS has an EPSG id (exact with every PROJ version), else its WKT."""
    authid = crs.authid()
    return authid if authid.upper().startswith("EPSG:") else crs.toWkt()


def _srs(crs) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    if isinstance(crs, str) and crs.upper().startswith("EPSG:"):
        srs.ImportFromEPSG(int(crs.split(":")[1]))
    else:
        srs.SetFromUserInput(crs)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def transform_xy(x, y, src_crs, dst_crs):
    """Vectorised transformation of coordinate arrays (NaN stays NaN)."""
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    src, dst = _srs(src_crs), _srs(dst_crs)
    if src.IsSame(dst):
        return x.copy(), y.copy()
    ok = ~(np.isnan(x) | np.isnan(y))
    out_x, out_y = np.full(len(x), np.nan), np.full(len(y), np.nan)
    if ok.any():
        ct = osr.CoordinateTransformation(src, dst)
        pts = np.array(ct.TransformPoints(np.stack([x[ok], y[ok]], axis=1).tolist()))
        out_x[ok], out_y[ok] = pts[:, 0], pts[:, 1]
    return out_x, out_y


def _ogr_type(series: pd.Series):
    non_null = series.dropna()
    if len(non_null) and all(isinstance(v, (bool, np.bool_)) for v in non_null):
        return ogr.OFTInteger
    if len(non_null) and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in non_null):
        return ogr.OFTInteger64
    if len(non_null) and all(isinstance(v, (int, float, np.integer, np.floating)) for v in non_null):
        return ogr.OFTReal
    return ogr.OFTString


def write_table(path, df: pd.DataFrame, geometries=None, crs: str = "EPSG:3035", geom_type=ogr.wkbNone, feedback=None):
    """Write ``df`` (and WKT ``geometries``) to ``path``, format by extension, atomically (all or nothing)."""
    path = Path(path)
    driver_name = DRIVERS.get(path.suffix.lower())
    if driver_name is None:
        raise QgsProcessingException(check_output_extension(str(path)))
    if geometries is None:
        geom_type = ogr.wkbNone
    with atomic_path(path) as tmp:
        driver = ogr.GetDriverByName(driver_name)
        ds = driver.CreateDataSource(str(tmp))
        try:
            _fill(ds, path, df, geometries, crs, geom_type, driver_name, feedback)
        finally:
            # close (flush) the file now, also on failure, before it is renamed or removed; a traceback may keep
            # references to it, so closing explicitly rather than relying on garbage collection
            close = getattr(ds, "Close", None) or getattr(ds, "Destroy", None)
            close()
    return str(path)


def _fill(ds, path, df, geometries, crs, geom_type, driver_name, feedback):
    options = []
    if driver_name == "CSV" and geom_type != ogr.wkbNone:
        options = ["GEOMETRY=AS_WKT"]
    srs = _srs(crs) if geom_type != ogr.wkbNone else None
    layer = ds.CreateLayer(path.stem, srs=srs, geom_type=geom_type, options=options)
    types = {}
    for name in df.columns:
        types[name] = _ogr_type(df[name])
        layer.CreateField(ogr.FieldDefn(str(name), types[name]))
    defn = layer.GetLayerDefn()
    layer.StartTransaction()
    cols = list(df.columns)
    values = df.to_numpy(dtype=object)
    for i in range(len(df)):
        if feedback is not None and i % 2000 == 0 and feedback.isCanceled():
            raise QgsProcessingException(tr("Cancelled while writing {}.", path.name))
        feat = ogr.Feature(defn)
        for j, name in enumerate(cols):
            v = values[i, j]
            if v is None or (isinstance(v, float) and np.isnan(v)):
                continue
            t = types[name]
            if t == ogr.OFTString:
                if isinstance(v, (datetime.date, datetime.datetime)):
                    v = v.isoformat()
                feat.SetField(j, str(v))
            elif t in (ogr.OFTInteger, ogr.OFTInteger64):
                feat.SetField(j, int(v))
            else:
                feat.SetField(j, float(v))
        if geometries is not None and geometries[i]:
            feat.SetGeometry(ogr.CreateGeometryFromWkt(geometries[i]))
        layer.CreateFeature(feat)
    layer.CommitTransaction()


def cell_polygons(ids) -> list:
    """WKT polygons of INSEE cell ids (None for empty ids)."""
    from ...core.inspire_grid import parse_cell_id

    out = []
    for cid in ids:
        if not cid or cid == "*":
            out.append(None)
            continue
        size, e, n = parse_cell_id(cid)
        out.append(f"POLYGON(({e} {n},{e + size} {n},{e + size} {n + size},{e} {n + size},{e} {n}))")
    return out


def write_report(report, html_path: str, json_path: str) -> None:
    if json_path:
        write_text_atomic(json_path, report.to_json())
    if html_path:
        write_text_atomic(html_path, report.to_html())


def load_on_completion(context: QgsProcessingContext, path: str, name: str) -> None:
    """Ask QGIS to load the written file when the algorithm completes (file outputs are not loaded otherwise)."""
    if context.project() is None:
        return
    details = QgsProcessingContext.LayerDetails(name, context.project(), name)
    context.addLayerToLoadOnCompletion(path, details)


def epci_of_communes(codes) -> tuple:
    """``({commune: EPCI SIREN}, note)`` from TerriData's COG referential; an empty mapping if unavailable."""
    codes = sorted({str(c) for c in codes if c})
    try:
        from ...core.cog import default_referential

        ref = default_referential()
        vintage = ref.latest_vintage("epci")  # a vintage added from INSEE's API has no EPCI
        mapping = {}
        for code in codes:
            try:
                anc = ref.ancestors(code, vintage)
            except KeyError:
                continue
            if "epci" in anc:
                mapping[code] = str(anc["epci"])
        return mapping, ""
    except Exception as error:  # noqa: BLE001 - the referential is optional here
        return {}, tr("The COG referential could not be read ({}): EPCI levels fall back to départements.", error)
