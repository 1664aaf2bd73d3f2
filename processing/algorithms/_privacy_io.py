"""Input and output shared by the confidentiality algorithms (not an algorithm: the leading ``_`` hides it from
the provider's discovery).

- :class:`PrivacyAlgorithm`: the data output (a feature sink: any format QGIS writes, ``TEMPORARY_OUTPUT``, chained
  in a model) and the HTML/JSON risk reports (files), their up-front checks, the refusal message and the commit
  of all outputs together (:meth:`PrivacyAlgorithm.publish`);
- :func:`read_input` / :func:`read_source`: attributes as columns, point coordinates as numpy arrays reprojected
  where a :class:`PointsTo` says (QGIS's transform in the algorithm's transform context, so the user's datum
  transformations apply);
- :func:`gdal_exceptions`: OGR/OSR exceptions inside a block only (GDAL's global mode is restored after it);
- :func:`epci_of_communes`: commune → EPCI mapping from the COG referential (empty when unavailable).
"""

from __future__ import annotations

import contextlib
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from osgeo import gdal, ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProviderRegistry,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...toolbelt.atomic import atomic_outputs
from ...toolbelt.i18n import localiser, tr
from ..base import TerriDataAlgorithm
from ..ogr_arrays import read_vector
from ..output_checks import untouched_note
from ..qgis_values import py_value

GRID_CRS = "EPSG:3035"  # the INSEE grid's CRS (ETRS89-LAEA, metres), where the confidentiality algorithms work


@contextlib.contextmanager
def gdal_exceptions():
    """OGR and OSR raise Python exceptions inside the block; the previous mode of each module is restored after it.

    (``gdal.ExceptionMgr`` does the same but exists only from GDAL 3.7; QGIS 3.22 may ship GDAL 3.4.)
    """
    modules = (gdal, ogr, osr)
    previous = [module.GetUseExceptions() for module in modules]
    for module in modules:
        module.UseExceptions()
    try:
        yield
    finally:
        for module, was in reversed(list(zip(modules, previous))):  # GDAL keeps a stack of error handlers
            if not was:
                module.DontUseExceptions()


def _file_of(uri: str) -> str:
    """The file path of a layer source or output destination (``path|layername=x``, ``ogr:`` prefix), else ""."""
    if not uri or uri == QgsProcessing.TEMPORARY_OUTPUT or uri.startswith(("memory:", "postgres:", "postgis:")):
        return ""
    if uri.startswith("ogr:"):
        uri = uri[4:]
    database = re.match(r"^\s*dbname='((?:[^'\\]|\\.)*)'", uri)  # ogr:dbname='a.gpkg' table="t" (geom)
    if database:
        return database.group(1).replace("\\'", "'")
    decoded = QgsProviderRegistry.instance().decodeUri("ogr", uri)
    path = decoded.get("path") or uri.split("|")[0]
    return path if path and "://" not in path else ""


class PrivacyAlgorithm(TerriDataAlgorithm):
    """A confidentiality algorithm: it writes its result through a feature sink and a risk report (HTML, JSON).

    ``processAlgorithm`` validates everything that can refuse first (:meth:`refuse` writes nothing), then calls
    :meth:`publish`, which writes the reports to temporary files, the features through the sink, and renames the
    reports into place only when everything was written.
    """

    GROUP = "privacy"
    OUTPUT, REPORT_HTML, REPORT_JSON = "OUTPUT", "REPORT_HTML", "REPORT_JSON"

    def add_output_and_report(self, output_label: str, layer_type=QgsProcessing.TypeVectorAnyGeometry) -> None:
        """The three destinations, declared last in ``initAlgorithm``."""
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, output_label, layer_type))
        self.addParameter(
            QgsProcessingParameterFileDestination(self.REPORT_HTML, self.tr("Risk report (HTML)"), "HTML (*.html)")
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(self.REPORT_JSON, self.tr("Risk report (JSON)"), "JSON (*.json)")
        )

    # ------------------------------------------------------------------------------------------------ checks
    def output_paths(self, parameters, context) -> dict:
        """``{parameter: file path}`` of the outputs written to files (a temporary or database output has none)."""
        out = {self.OUTPUT: _file_of(self.parameterAsOutputLayer(parameters, self.OUTPUT, context) or "")}
        for name in (self.REPORT_HTML, self.REPORT_JSON):
            out[name] = self.parameterAsFileOutput(parameters, name, context) or ""
        return out

    # ---------------------------------------------------------------------------------------------- refusal
    def refuse(self, parameters, context, message: str) -> QgsProcessingException:
        """The exception of a refused run: ``message``, then what was (not) written and what is left untouched.

        Raise it before :meth:`publish`: nothing is written and nothing is removed.
        """
        return QgsProcessingException(
            message.rstrip() + " " + untouched_note(self.output_paths(parameters, context).values())
        )

    # ---------------------------------------------------------------------------------------------- publish
    def publish(self, parameters, context, feedback, table, report, style: str = "") -> str:
        """Write ``table`` (a :class:`OutputTable`) through the sink and the report; return the sink's id.

        The reports go to temporary files first: if the sink cannot be written (or the report folder cannot be
        written to, checked before the sink is created), no report is left behind; they are renamed into place
        together once the features are written.
        """
        outputs = self.output_paths(parameters, context)
        # The HTML report is read by people: in the interface language; the JSON stays a stable record.
        loc = localiser()
        reports = [
            (outputs[self.REPORT_HTML], lambda: report.to_html(loc)),
            (outputs[self.REPORT_JSON], report.to_json),
        ]
        reports = [(path, render) for path, render in reports if path]
        stack = contextlib.ExitStack()
        try:
            temporaries = stack.enter_context(atomic_outputs([path for path, _ in reports]))
        except OSError as error:
            raise self.refuse(
                parameters,
                context,
                self.tr(
                    "Cannot write the risk report to {}: {}. Choose another folder.",
                    Path(reports[0][0]).parent if reports else "",
                    error.strerror or error,
                ),
            ) from error
        with stack:  # on an error below, the temporary reports are removed and nothing is renamed into place
            for tmp, (_path, render) in zip(temporaries, reports):
                tmp.write_text(render(), encoding="utf-8")
            dest_id = self._write_sink(parameters, context, feedback, table)
        if style:
            self.on_load(context, dest_id, style=style)
        return dest_id

    def _write_sink(self, parameters, context, feedback, table) -> str:
        fields = QgsFields()
        kinds = []
        for name in table.frame.columns:
            kind = _field_kind(table.frame[name])
            kinds.append(kind)
            fields.append(QgsField(str(name), kind))
        crs = table.crs
        if not isinstance(crs, QgsCoordinateReferenceSystem):
            crs = QgsCoordinateReferenceSystem(crs) if crs else QgsCoordinateReferenceSystem()
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, table.wkb_type, crs)
        if sink is None:
            raise QgsProcessingException(self.tr("The output layer could not be created."))
        values = table.frame.to_numpy(dtype=object)
        for i in range(len(values)):
            if i % 2000 == 0 and feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled while writing the output."))
            feature = QgsFeature(fields)
            feature.setAttributes([_attribute(v, kind) for v, kind in zip(values[i], kinds)])
            if table.geometries is not None and table.geometries[i]:
                feature.setGeometry(QgsGeometry.fromWkt(table.geometries[i]))
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(
                    self.tr("Writing the output failed: {}", getattr(sink, "lastError", lambda: "")())
                )
        return dest_id


class OutputTable:
    """What a confidentiality algorithm publishes: attributes, WKT geometries (or None), WKB type and CRS."""

    def __init__(self, frame: pd.DataFrame, geometries=None, wkb_type=QgsWkbTypes.NoGeometry, crs=""):
        self.frame = frame
        self.geometries = geometries
        self.wkb_type = wkb_type if geometries is not None else QgsWkbTypes.NoGeometry
        self.crs = crs if geometries is not None else ""


def _field_kind(series: pd.Series):
    non_null = [v for v in series.tolist() if v is not None and not (isinstance(v, float) and np.isnan(v))]
    if non_null and all(isinstance(v, (bool, np.bool_)) for v in non_null):
        return QVariant.Int
    if non_null and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in non_null):
        return QVariant.LongLong
    if non_null and all(isinstance(v, (int, float, np.integer, np.floating)) for v in non_null):
        return QVariant.Double
    return QVariant.String


def _attribute(value, kind):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if kind == QVariant.String:
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        return str(value)
    if kind in (QVariant.Int, QVariant.LongLong):
        return int(value)
    return float(value)


@dataclass(frozen=True)
class PointsTo:
    """Where the points of an input are reprojected: to ``crs`` with QGIS's transform in ``transform_context`` (the
    algorithm's ``context.transformContext()``, so the datum transformations the user chose apply)."""

    crs: QgsCoordinateReferenceSystem
    transform_context: QgsCoordinateTransformContext


def grid_points(transform_context: QgsCoordinateTransformContext) -> PointsTo:
    """Points reprojected to the INSEE grid's CRS (:data:`GRID_CRS`) in ``transform_context``."""
    return PointsTo(QgsCoordinateReferenceSystem(GRID_CRS), transform_context)


def read_input(alg, parameters, name: str, context, feedback, points: PointsTo | None, any_geometry=False):
    """``(attributes DataFrame, x, y)`` of the vector parameter ``name``, like :func:`read_source`; ``points``
    None reads the attributes only (``x`` and ``y`` are None).

    Point layers and tables are read as arrays (OGR's Arrow interface for files, see ``processing.ogr_arrays``);
    other geometries go through :func:`read_source` (centroids). The source's own primary key (a GeoPackage's
    ``fid``) is not read: a record id of the source is never exported. ``any_geometry``: read invalid geometries
    too (only a representative point is used; NULL or empty ones give NaN) instead of QGIS's validity check.
    """
    from ...core.aggregation.geometry import GeometryError

    source = alg.parameterAsSource(parameters, name, context)
    if source is None:
        raise QgsProcessingException(tr("The input layer of parameter {} could not be opened.", name))
    has_geom = points is not None and source.wkbType() not in (QgsWkbTypes.NoGeometry, QgsWkbTypes.Unknown)
    if has_geom and QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PointGeometry:
        return read_source(source, feedback, points, any_geometry)
    layer = alg.parameterAsVectorLayer(parameters, name, context)
    skip = set()
    if layer is not None and layer.dataProvider() is not None:
        skip = {layer.fields().at(i).name() for i in layer.dataProvider().pkAttributeIndexes()}
    qfields = [f for f in source.fields() if f.name() not in skip]
    try:
        with gdal_exceptions():
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
        return read_source(source, feedback, points)
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
    x, y = _reproject(x, y, crs, points, source.sourceName())
    return df, x, y


def _reproject(x, y, crs, points: PointsTo, layer_name: str):
    """``x``, ``y`` (in ``crs``) reprojected as ``points`` says; NaN or infinite coordinates, and points the
    transformation cannot project, come out as NaN. A layer without CRS, or whose coordinates cannot be in the CRS
    it claims (Lambert-93 numbers labelled EPSG:4326), is refused with its name (the aggregations' rule)."""
    from ._aggregation_common import check_crs, place_points

    check_crs(layer_name, crs)
    x, y, _placed = place_points(layer_name, crs, x, y, points.crs, points.transform_context)
    with np.errstate(invalid="ignore"):
        bad = ~(np.isfinite(x) & np.isfinite(y))
    return np.where(bad, np.nan, x), np.where(bad, np.nan, y)


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


def read_source(source, feedback, points: PointsTo | None, any_geometry=False):
    """``(attributes DataFrame, x, y)``: one row per feature; x/y reprojected as ``points`` says (NaN without
    geometry).

    Non-point geometries are represented by their centroid. ``x`` and ``y`` are ``None`` for tables and when
    ``points`` is None.
    """
    names = [f.name() for f in source.fields()]
    columns = {name: [] for name in names}
    has_geom = points is not None and source.wkbType() not in (QgsWkbTypes.NoGeometry, QgsWkbTypes.Unknown)
    request = QgsFeatureRequest()
    if not has_geom:
        request.setFlags(QgsFeatureRequest.NoGeometry)
    xs, ys = [], []
    total = source.featureCount() or 1
    if any_geometry and isinstance(source, QgsProcessingFeatureSource):
        features = source.getFeatures(request, QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)
    else:
        features = source.getFeatures(request)
    for i, feature in enumerate(features):
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
                x, y = _representative_xy(geom)
                xs.append(x)
                ys.append(y)
    df = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in columns.items()})
    if not has_geom:
        return df, None, None
    x = np.asarray(xs, dtype="float64")
    y = np.asarray(ys, dtype="float64")
    x, y = _reproject(x, y, source.sourceCrs(), points, source.sourceName())
    return df, x, y


def _representative_xy(geom) -> tuple:
    """The point itself, or the centroid of another geometry; NaN when there is none (a degenerate polygon)."""
    if geom.type() == QgsWkbTypes.PointGeometry and not geom.isMultipart():
        point = geom.constGet()
        return point.x(), point.y()
    centroid = geom.centroid()
    if centroid is None or centroid.isNull() or centroid.isEmpty():
        return np.nan, np.nan
    point = centroid.constGet()
    return point.x(), point.y()


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
