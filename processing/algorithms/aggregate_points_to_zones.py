"""Processing algorithm ``terridata:aggregate_points_to_zones``: statistics of points per polygon zone.

Reads the points through OGR into numpy arrays, assigns them to zones with :class:`core.aggregation.ZoneIndex`
(label grid + exact crossing-number test, no loop over points) and computes grouped statistics with numpy.

Inputs are read through the feature sources QGIS hands the algorithm, or through OGR only when that provably
reads the same features (:func:`processing.ogr_arrays.fast_path_location`). Points are reprojected to the zones'
CRS with the project's transform context. Features without a usable point are counted (POINTS_WITHOUT_GEOMETRY).

Output: written through the feature sink (a temporary output stays a temporary layer). Only for an explicit
``.gpkg`` destination with OGR-readable zones used as they are, the output is written without building a QgsFeature
in Python: zones of a GeoPackage are written once (GDAL creates the empty layer in a thread while the zones are
decoded, SQLite copies their rows joined to the statistics, see ``ogr_arrays.fill_zone_table``); zones of another
format are copied by GDAL in a thread and the statistic columns added with one bulk SQLite update. Either way the
same rows and fields as the sink would write.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProperty,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ...core.aggregation.geometry import GeometryError, parse_polygon_wkb
from ...core.aggregation.pip import CancelledError, ZoneIndex
from ...toolbelt.atomic import atomic_path
from ..base import TerriDataAlgorithm
from ..ogr_arrays import (
    VectorInput,
    add_gpkg_columns,
    copy_layer_to_gpkg,
    create_zone_table,
    fill_zone_table,
    gpkg_zone_table,
    read_fids_and_wkb,
    read_table,
    vector_input,
)
from ..postgis_engine.zones import PostgisError, in_database, zone_statistics
from ..qgis_values import py_value
from ._aggregation_common import (
    PointRequest,
    add_statistics_parameters,
    check_crs,
    check_statistics,
    column_lists,
    column_values,
    compute_statistics,
    make_fields,
    multi_geometry,
    point_request,
    read_points,
    report_excluded_points,
    zone_features,
)


class AggregatePointsToZones(TerriDataAlgorithm):
    NAME = "aggregate_points_to_zones"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Aggregate points to zones")
    GROUP = "aggregation"

    INPUT, ZONES, INVALID, OUTPUT, ENGINE = "INPUT", "ZONES", "INVALID_GEOMETRIES", "OUTPUT", "ENGINE"
    ENGINE_OPTIONS = [
        QT_TRANSLATE_NOOP(
            "TerriData", "Automatic (in the database when every input is a PostGIS table of one database)"
        ),
        QT_TRANSLATE_NOOP("TerriData", "Desktop (in QGIS)"),
        QT_TRANSLATE_NOOP("TerriData", "Database (in PostGIS)"),
    ]
    INVALID_OPTIONS = [
        QT_TRANSLATE_NOOP("TerriData", "Use them as they are (even-odd rule, fastest)"),
        QT_TRANSLATE_NOOP("TerriData", "Skip invalid zones (reported, count NULL)"),
        QT_TRANSLATE_NOOP("TerriData", "Repair invalid zones (make valid)"),
        QT_TRANSLATE_NOOP("TerriData", "Stop and list them"),
    ]

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Points"), [QgsProcessing.TypeVectorPoint])
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.ZONES, self.tr("Zones"), [QgsProcessing.TypeVectorPolygon])
        )
        add_statistics_parameters(self, self.INPUT)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.INVALID,
                self.tr("Invalid zone geometries"),
                options=[self.tr(o) for o in self.INVALID_OPTIONS],
                defaultValue=0,
            )
        )
        engine = QgsProcessingParameterEnum(
            self.ENGINE, self.tr("Engine"), options=[self.tr(o) for o in self.ENGINE_OPTIONS], defaultValue=0
        )
        engine.setFlags(engine.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(engine)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Zones with statistics"), QgsProcessing.TypeVectorPolygon
            )
        )
        self.addOutput(QgsProcessingOutputNumber("POINTS_IN_ZONES", self.tr("Points counted in a zone")))
        self.addOutput(QgsProcessingOutputNumber("POINTS_OUTSIDE", self.tr("Points outside every zone")))
        self.addOutput(
            QgsProcessingOutputNumber(
                "POINTS_WITHOUT_GEOMETRY", self.tr("Point features without a usable point (not counted)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber("INVALID_ZONES", self.tr("Invalid zones found")))

    def checkParameterValues(self, parameters, context):
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        zones = self.parameterAsSource(parameters, self.ZONES, context)
        if zones is not None and zones.featureCount() == 0:
            return False, self.tr("The zone layer is empty: choose a polygon layer with features.")
        points = self.parameterAsSource(parameters, self.INPUT, context)
        if points is not None and points.featureCount() == 0:
            return False, self.tr("The point layer is empty: nothing to aggregate.")
        return check_statistics(self, parameters, context)

    def _request(self, parameters, context) -> _ZonesRequest:
        return _ZonesRequest(
            points=point_request(self, parameters, context, self.INPUT),
            zones=vector_input(self, parameters, self.ZONES, context),
            invalid_mode=self.parameterAsEnum(parameters, self.INVALID, context),
            gpkg_destination=self._gpkg_destination(parameters, context),
            engine=self.parameterAsEnum(parameters, self.ENGINE, context) if self.ENGINE in parameters else 0,
        )

    @staticmethod
    def _points_extent(source, zone_crs, transform_context):
        """The point layer's declared extent in the zones' CRS (slightly enlarged), or None if unknown."""
        try:
            rect = source.sourceExtent()
        except Exception:  # noqa: BLE001 - QGIS raises a bare C++ exception on an infinite coordinate
            return None
        if rect.isNull() or rect.xMinimum() > rect.xMaximum() or rect.yMinimum() > rect.yMaximum():
            return None
        try:
            if source.sourceCrs() != zone_crs:
                if not source.sourceCrs().isValid() or not zone_crs.isValid():
                    return None
                transform = QgsCoordinateTransform(source.sourceCrs(), zone_crs, transform_context)
                rect = transform.transformBoundingBox(rect)
        except QgsCsException:
            return None
        values = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
        if not all(np.isfinite(values)) or max(abs(v) for v in values) > 1e12:
            return None  # extreme coordinates: let the index fit the points actually placed
        pad = max(rect.width(), rect.height(), 1.0) * 1e-6 + 1e-6
        return (rect.xMinimum() - pad, rect.yMinimum() - pad, rect.xMaximum() + pad, rect.yMaximum() + pad)

    def _polygons(self, wkbs):
        try:
            return parse_polygon_wkb(wkbs)
        except GeometryError as exc:
            raise QgsProcessingException(self.tr("The zone layer could not be read: {}.", exc)) from exc

    def processAlgorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        if feedback.isCanceled():  # cancelled before the start: the step feedback only hears later requests
            steps.cancel()
        request = self._request(parameters, context)
        database = in_database(self, parameters, context, request, feedback)
        if database is not None:
            return self._run_in_database(parameters, context, steps, request, database)
        zones = request.zones.source
        if request.points.points.crs.isValid():
            check_crs(request.zones.name, zones.sourceCrs())
        transform_context = context.transformContext()
        mode = request.invalid_mode

        clock = _Clock()
        steps.setCurrentStep(0)
        steps.pushInfo(self.tr("Reading zones…"))
        extent = self._points_extent(request.points.points.source, zones.sourceCrs(), transform_context)
        if mode == 0 and request.gpkg_destination is not None and request.zones.ogr_location is not None:
            results = self._run_gpkg_copy(request, context, steps, extent, clock)
            if results is not None:
                return results
        # The zone index is built in a worker thread (numpy releases the GIL) while the points are read. Zones on
        # the OGR fast path are read in bulk (ids, attributes, WKB) before, so that this thread then makes few calls
        # into QGIS: each call releases the GIL and has to wait for the worker to hand it back.
        table = read_table(request.zones, zones.fields(), steps) if mode == 0 else None
        if table is not None and zones.featureCount() not in (-1, len(table[0])):
            table = None  # OGR and QGIS disagree (the file changed meanwhile?): read through QGIS
        if table is not None:
            ids, rows, wkbs = table
            invalid = []
        else:
            features, wkbs, invalid = zone_features(zones, steps, mode)
            ids = [f.id() for f in features]
            rows = [f.attributes() for f in features]
        clock.mark("zones")
        polygons = self._polygons(wkbs)
        clock.mark("zone geometries")
        self._warn_invalid(steps, invalid, mode)
        pool = ThreadPoolExecutor(max_workers=1)
        try:
            future = pool.submit(ZoneIndex, polygons, None, 16_000_000, extent)
            steps.setCurrentStep(1)
            steps.pushInfo(self.tr("Reading points…"))
            points = read_points(request.points, steps, zones.sourceCrs(), transform_context)
            report_excluded_points(steps, points, request.points.points.name, zones.sourceCrs())
            clock.mark("points")
            index = future.result()
            clock.mark("waiting for the zone index")
        finally:
            pool.shutdown(wait=True)
        self.check_cancelled(steps)

        steps.setCurrentStep(2)
        steps.pushInfo(self.tr("Assigning {} points to {} zones…", len(points.x), len(rows)))

        pts, zone_idx = self._assign(index, polygons, points, extent, steps)
        if pts is None:
            return {}
        clock.mark("assignment")
        feature = points.feature[pts]
        columns = compute_statistics(
            zone_idx, feature, points, len(rows), request.points.statistics, request.points.category
        )
        skipped = np.array([w is None for w in wkbs]) if mode == 1 else None
        clock.mark("statistics")

        steps.setCurrentStep(3)
        geometries = [f.geometry() for f in features] if table is None else wkbs
        dest_id = self._write_sink(parameters, context, steps, zones, ids, rows, geometries, columns, skipped)
        clock.mark("output")
        steps.pushDebugInfo(clock.report())
        self.on_load(context, dest_id, style="aggregation_zones", values=_count_values(columns, zones.fields()))
        return self._results(dest_id, pts, points, invalid, steps)

    def _write_sink(self, parameters, context, steps, zones, ids, rows, geometries, columns, skipped):
        """Write the zones (feature ids, attribute lists, geometries as QgsGeometry or WKB) with their statistic
        columns through the feature sink; returns the destination id."""
        fields, _names = make_fields(zones.fields(), columns)
        sink_type = QgsWkbTypes.multiType(zones.wkbType())
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, sink_type, zones.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        extras = column_values(columns, np.arange(len(rows)))
        out = []
        for i, (fid, row, extra, geometry) in enumerate(zip(ids, rows, extras, geometries)):
            if skipped is not None and skipped[i]:
                extra = [None] * len(extra)
            f = QgsFeature(fields, int(fid))
            f.setAttributes(row + extra)
            f.setGeometry(multi_geometry(geometry))
            out.append(f)
            if len(out) == 5000:
                self.check_cancelled(steps)
                sink.addFeatures(out, QgsFeatureSink.FastInsert)
                out = []
                steps.setProgress(100.0 * i / max(len(rows), 1))
        sink.addFeatures(out, QgsFeatureSink.FastInsert)
        return dest_id

    def _run_in_database(self, parameters, context, steps, request, database):
        """The push-down: pairs and statistics computed by PostGIS, the zones written as by the desktop path."""
        zones = request.zones.source
        mode = request.invalid_mode
        clock = _Clock()
        steps.setCurrentStep(0)
        steps.pushInfo(self.tr("Reading zones…"))
        features, wkbs, invalid = zone_features(zones, steps, mode)
        self._warn_invalid(steps, invalid, mode)
        key_index = zones.fields().lookupField(database.zones.table.key)
        keys = [str(py_value(f.attributes()[key_index])) for f in features]
        clock.mark("zones")
        steps.setCurrentStep(1)
        try:
            wanted = set(invalid)  # modes 1 and 2: the zones QGIS found invalid (mode 0: PostGIS checks)
            invalid_keys = [k for f, k in zip(features, keys) if f.id() in wanted]
            steps.setCurrentStep(2)
            steps.pushInfo(
                self.tr("Assigning points to {} zones in the database {}…", len(features), database.zones.label)
            )
            result = zone_statistics(database, keys, request.points, mode, invalid_keys, steps)
        except PostgisError as exc:
            raise QgsProcessingException(str(exc)) from None
        clock.mark("database")
        self.check_cancelled(steps)
        steps.setCurrentStep(3)
        skipped = np.array([w is None for w in wkbs]) if mode == 1 else None
        dest_id = self._write_sink(
            parameters,
            context,
            steps,
            zones,
            [f.id() for f in features],
            [f.attributes() for f in features],
            [f.geometry() for f in features],
            result.columns,
            skipped,
        )
        clock.mark("output")
        steps.pushDebugInfo(clock.report())
        self.on_load(context, dest_id, style="aggregation_zones", values=_count_values(result.columns, zones.fields()))
        return self._report(
            dest_id, result.points_in_zones, result.points_outside, result.without_geometry, invalid, steps
        )

    def _warn_invalid(self, steps, invalid, mode):
        if invalid:
            verb = {1: "skipped", 2: "repaired", 3: "found"}.get(mode, "found")
            steps.pushWarning(
                self.tr(
                    "{} invalid zone geometries {} (feature ids: {}).",
                    len(invalid),
                    verb,
                    ", ".join(str(i) for i in invalid[:20]) + (" …" if len(invalid) > 20 else ""),
                )
            )

    # -- fast path: an explicit GeoPackage output, the zone layer copied by GDAL plus the statistic columns ------
    def _gpkg_destination(self, parameters, context):
        """The path of OUTPUT when it is an explicit new ``.gpkg`` file (no layer name, no field remapping, not a
        temporary output), which the GDAL copy may write; None otherwise (the feature sink is used)."""
        value = parameters.get(self.OUTPUT)
        sink = value
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            if hasattr(value, "useRemapping") and value.useRemapping():
                return None
            prop = value.sink
            if prop.propertyType() != QgsProperty.StaticProperty:
                return None
            sink = prop.staticValue()
        if not isinstance(sink, str) or sink in ("", QgsProcessing.TEMPORARY_OUTPUT):
            return None
        if not sink.lower().endswith(".gpkg") or "|" in sink or sink.lower().startswith(("ogr:", "memory:")):
            return None
        dest = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        return str(dest) if str(dest).lower().endswith(".gpkg") else None

    def _run_gpkg_copy(self, request, context, steps, extent, clock):
        zones = request.zones.source
        location = request.zones.ogr_location
        target = Path(request.gpkg_destination)
        layer_name = target.stem
        # A GeoPackage zone layer is written once at the end: GDAL creates the empty layer (its fields, CRS and
        # spatial index) in a worker while this thread decodes the zones, and SQLite copies the rows with their
        # statistics (fill_zone_table). Other OGR formats are copied whole by GDAL in the worker and the statistic
        # columns added afterwards. The zone index is built in a second worker (numpy releases the GIL) while this
        # thread reads the points.
        table = gpkg_zone_table(location)
        pool = ThreadPoolExecutor(max_workers=2)
        try:
            with atomic_path(target) as tmp:  # a cancelled or failed run leaves no file behind
                try:
                    if table is not None:
                        copy_job = pool.submit(create_zone_table, location, tmp, layer_name)
                    else:
                        copy_job = pool.submit(copy_layer_to_gpkg, location, tmp, layer_name, True)
                    bulk = read_fids_and_wkb(request.zones)
                    if bulk is None:  # OGR cannot stream the zones (e.g. GDAL < 3.6): use the feature sink
                        raise _UseTheSink()
                    fids, wkbs = bulk
                    expected = zones.featureCount()
                    if expected >= 0 and expected != len(fids):
                        raise QgsProcessingException(
                            self.tr(
                                "OGR read {} zones where QGIS counts {} in {}: save the zone layer to a GeoPackage "
                                "and retry.",
                                len(fids),
                                expected,
                                location[0],
                            )
                        )
                    polygons = self._polygons(wkbs)
                    del wkbs, bulk
                    n_zones = polygons.n_zones
                    clock.mark("zone geometries")
                    index_job = pool.submit(ZoneIndex, polygons, None, 16_000_000, extent)
                    steps.setCurrentStep(1)
                    steps.pushInfo(self.tr("Reading points…"))
                    points = read_points(request.points, steps, zones.sourceCrs(), context.transformContext())
                    report_excluded_points(steps, points, request.points.points.name, zones.sourceCrs())
                    clock.mark("points")
                    index = index_job.result()
                    clock.mark("waiting for the zone index")
                    if steps.isCanceled():
                        raise _Cancelled()
                    steps.setCurrentStep(2)
                    steps.pushInfo(self.tr("Assigning {} points to {} zones…", len(points.x), n_zones))
                    pts, zone_idx = self._assign(index, polygons, points, extent, steps)
                    if pts is None:
                        raise _Cancelled()
                    clock.mark("assignment")
                    feature = points.feature[pts]
                    columns = compute_statistics(
                        zone_idx, feature, points, n_zones, request.points.statistics, request.points.category
                    )
                    _fields, names = make_fields(zones.fields(), columns)
                    values = column_lists(columns)
                    clock.mark("statistics")
                    steps.setCurrentStep(3)
                    try:
                        kept_fids = copy_job.result()
                    except RuntimeError as exc:
                        raise QgsProcessingException(
                            self.tr(
                                "The zones could not be copied to {}: {}. Check the folder is writable.", target, exc
                            )
                        ) from exc
                    clock.mark("waiting for the copy of the zones")
                    if steps.isCanceled():
                        raise _Cancelled()
                    out_columns = [
                        (name, "REAL" if kind == QVariant.Double else "INTEGER", vals)
                        for name, (_, kind, _), vals in zip(names, columns, values)
                    ]
                    try:
                        if table is not None:
                            bounds = (index.bxmin, index.bymin, index.bxmax, index.bymax)
                            fill_zone_table(tmp, layer_name, table, fids, bounds, out_columns)
                        else:
                            rows_fid = fids.tolist() if kept_fids else range(1, n_zones + 1)
                            add_gpkg_columns(tmp, layer_name, out_columns, rows_fid)
                    except (RuntimeError, OSError) as exc:
                        raise QgsProcessingException(
                            self.tr("The statistics could not be written to {}: {}.", target, exc)
                        ) from exc
                    clock.mark("output")
                finally:
                    pool.shutdown(wait=True)
        except _Cancelled:
            return {}
        except _UseTheSink:
            return None
        steps.pushDebugInfo(clock.report())
        dest_id = str(target)
        self.on_load(context, dest_id, style="aggregation_zones", values=_count_values(columns, zones.fields()))
        return self._results(dest_id, pts, points, [], steps)

    def _assign(self, index, polygons, points, extent, steps):
        """``(point rows, zone rows)`` of the assignment, or ``(None, None)`` when cancelled."""

        def progress(fraction):
            steps.setProgress(100.0 * fraction)
            return steps.isCanceled()

        ok = np.isfinite(points.x) & np.isfinite(points.y)
        if ok.any() and extent is not None:
            real = (points.x[ok].min(), points.y[ok].min(), points.x[ok].max(), points.y[ok].max())
            if real[0] < extent[0] or real[1] < extent[1] or real[2] > extent[2] or real[3] > extent[3]:
                index = ZoneIndex(polygons, extent=real)  # the layer's declared extent was too small
        try:
            return index.assign(points.x, points.y, feedback=progress)
        except CancelledError:
            return None, None

    def _results(self, dest_id, pts, points, invalid, steps):
        n_in = int(len(np.unique(pts))) if len(pts) else 0
        outside = int(len(points.x) - n_in + points.not_projected)
        return self._report(dest_id, n_in, outside, points.without_geometry, invalid, steps)

    def _report(self, dest_id, n_in, outside, without_geometry, invalid, steps):
        steps.pushInfo(
            self.tr(
                "{} points counted in a zone, {} outside every zone, {} features without a usable point.",
                n_in,
                outside,
                without_geometry,
            )
        )
        if n_in == 0 and outside:
            steps.pushWarning(
                self.tr(
                    "No point falls in any zone: check that the point and zone layers overlap and that their CRS "
                    "are the ones their coordinates are in."
                )
            )
        return {
            self.OUTPUT: dest_id,
            "POINTS_IN_ZONES": n_in,
            "POINTS_OUTSIDE": outside,
            "POINTS_WITHOUT_GEOMETRY": int(without_geometry),
            "INVALID_ZONES": len(invalid),
        }


@dataclass(frozen=True)
class _ZonesRequest:
    """The parameters of a run, read once."""

    points: PointRequest
    zones: VectorInput
    invalid_mode: int
    gpkg_destination: str | None  # an explicit GeoPackage output (GDAL copy path), else None (feature sink)
    engine: int = 0  # 0 automatic, 1 desktop, 2 database (PostGIS)


class _Cancelled(Exception):  # noqa: N818 (internal control flow, never shown)
    """The run was cancelled: leave the output's ``atomic_path`` without keeping the file."""


class _UseTheSink(Exception):  # noqa: N818 (internal control flow, never shown)
    """The zones cannot be read through OGR after all: write through the feature sink instead."""


class _Clock:
    """Wall-clock time of each step, for the debug log."""

    def __init__(self):
        self.last = time.perf_counter()
        self.steps = []

    def mark(self, name: str) -> None:
        now = time.perf_counter()
        self.steps.append((name, now - self.last))
        self.last = now

    def report(self) -> str:
        return "Timings: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.steps)


def _count_values(columns, zone_fields) -> dict | None:
    """The zones' counts as the style wants them (its classes computed from them, not by reading the output); None
    when a field of the zones is already named ``count`` (the statistic then has another name)."""
    name, _kind, values = columns[0]
    if any(f.name().lower() == name for f in zone_fields):
        return None
    return {name: values.tolist()}
