"""What the four sensor algorithms share: the output fields (``providers.sensors.records``), the time window read
from the parameters, the on-disk spool that keeps memory flat and lets nothing be written before the last page
arrived, and the writing of stations and observations through the feature sink."""

from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass
from typing import Optional

from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterEnum,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QDateTime, Qt, QVariant

from ...providers.sensors.records import OBSERVATION_FIELDS, STATION_FIELDS, ColumnRows, iso_utc
from ...toolbelt.i18n import tr

WGS84 = "EPSG:4326"
OUTPUT_TYPES = [
    QT_TRANSLATE_NOOP("TerriData", "Table (long format)"),
    QT_TRANSLATE_NOOP("TerriData", "Time-enabled point layer (position of the station)"),
]
_KINDS = {"string": QVariant.String, "datetime": QVariant.DateTime, "double": QVariant.Double}
_DATETIME_COLUMNS = {"datetime"}


def make_fields(spec) -> QgsFields:
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, _KINDS[kind]))
    return fields


def observation_fields() -> QgsFields:
    return make_fields(OBSERVATION_FIELDS)


def station_fields() -> QgsFields:
    return make_fields(STATION_FIELDS)


def add_window_parameters(alg, start: str = "START", end: str = "END") -> None:
    alg.addParameter(QgsProcessingParameterDateTime(start, tr("Start of the time window (UTC when no time zone)")))
    alg.addParameter(QgsProcessingParameterDateTime(end, tr("End of the time window (UTC when no time zone)")))


def add_output_type_parameter(alg, name: str = "OUTPUT_TYPE") -> None:
    alg.addParameter(
        QgsProcessingParameterEnum(name, tr("Output"), options=[tr(o) for o in OUTPUT_TYPES], defaultValue=0)
    )


def utc_ms(value: QDateTime, feedback=None, label: str = "") -> int:
    """UTC milliseconds of a parameter's date-time; a date-time without time zone is UTC (said in the log)."""
    if value is None or not value.isValid():
        raise QgsProcessingException(tr("The {} of the time window is missing or not a date-time.", label))
    if value.timeSpec() == Qt.LocalTime:
        if feedback is not None:
            feedback.pushInfo(tr("The {} of the time window has no time zone: read as UTC.", label))
        value = QDateTime(value.date(), value.time(), Qt.UTC)
    return int(value.toMSecsSinceEpoch())


@dataclass
class Window:
    start_ms: int
    end_ms: int

    @classmethod
    def from_parameters(cls, alg, parameters, context, feedback=None, start="START", end="END") -> Window:
        window = cls(
            utc_ms(alg.parameterAsDateTime(parameters, start, context), feedback, tr("start")),
            utc_ms(alg.parameterAsDateTime(parameters, end, context), feedback, tr("end")),
        )
        if window.start_ms > window.end_ms:
            raise QgsProcessingException(
                tr(
                    "The time window starts ({}) after it ends ({}): swap the start and the end.",
                    iso_utc(window.start_ms),
                    iso_utc(window.end_ms),
                )
            )
        return window


def check_window(alg, parameters, context, start="START", end="END"):
    """``(ok, message)`` for checkParameterValues: both bounds present and start <= end."""
    first = alg.parameterAsDateTime(parameters, start, context)
    last = alg.parameterAsDateTime(parameters, end, context)
    if first.isValid() and last.isValid():

        def utc(v):
            return QDateTime(v.date(), v.time(), Qt.UTC) if v.timeSpec() == Qt.LocalTime else v

        if utc(first) > utc(last):
            return False, tr("The time window starts after it ends: swap the start and the end.")
    return True, ""


def split_codes(text: str) -> list:
    """``"a, b;c\\n d"`` → ``["a", "b", "c", "d"]`` (order kept, duplicates dropped)."""
    found = []
    for piece in str(text or "").replace(";", ",").replace("\n", ",").split(","):
        piece = piece.strip()
        if piece and piece not in found:
            found.append(piece)
    return found


_SAME, _COPY, _VALUES = 0, 1, 2


class Spool:
    """Rows kept in a temporary file, page by page: memory stays flat and the sink is made only at the end.

    A page is stored by column: a column holding one text (or None) in every row is stored once (the series'
    identifiers, names and unit), a column of integers equal to an earlier one is stored as a reference to it (the
    end of an instant), so a page of a million-observation series is mostly its times and values."""

    def __init__(self):
        handle, self.path = tempfile.mkstemp(prefix="terridata-sensors-", suffix=".spool")
        self._file = os.fdopen(handle, "w+b")
        self.count = 0

    def add(self, rows: list) -> None:
        if not rows:
            return
        size = len(rows)
        stored = []
        columns = rows.columns if isinstance(rows, ColumnRows) else list(zip(*rows))
        for index, column in enumerate(columns):
            first = column[0]
            if (first is None or type(first) is str) and column.count(first) == size:
                stored.append((_SAME, first))
                continue
            if type(first) is int:
                same = next((i for i in range(index) if type(columns[i][0]) is int and columns[i] == column), None)
                if same is not None:
                    stored.append((_COPY, same))
                    continue
            stored.append((_VALUES, column))
        pickle.dump((size, stored), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += size

    def column_pages(self):
        """Each page as a list of columns (lists); a column stored as a reference is the same list object."""
        self._file.flush()
        self._file.seek(0)
        while True:
            try:
                size, stored = pickle.load(self._file)
            except EOFError:
                return
            columns = []
            for kind, content in stored:
                if kind == _SAME:
                    columns.append([content] * size)
                elif kind == _COPY:
                    columns.append(columns[content])
                else:
                    columns.append(list(content))
            yield columns

    def pages(self):
        """Each page as a list of row tuples (as they were added)."""
        for columns in self.column_pages():
            yield list(zip(*columns))

    def close(self) -> None:
        try:
            self._file.close()
        finally:
            try:
                os.remove(self.path)
            except OSError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def point_geometry(geojson: Optional[dict]) -> Optional[QgsGeometry]:
    """A point (lon/lat) for a GeoJSON geometry of any type: the point itself, else a point on the surface."""
    if not isinstance(geojson, dict):
        return None
    if geojson.get("type") == "Point":
        coords = geojson.get("coordinates") or []
        if len(coords) >= 2 and coords[0] is not None and coords[1] is not None:
            return QgsGeometry.fromPointXY(QgsPointXY(float(coords[0]), float(coords[1])))
        return None
    import json

    ogr_geometry = ogr.CreateGeometryFromJson(json.dumps(geojson))
    if ogr_geometry is None:
        return None
    geometry = QgsGeometry()
    geometry.fromWkb(bytes(ogr_geometry.ExportToWkb()))
    if geometry.isNull():
        return None
    return geometry.pointOnSurface()


def _datetime(ms) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(ms), Qt.UTC) if ms is not None else QDateTime()


def _converters(spec):
    return [i for i, (_name, kind) in enumerate(spec) if kind in _DATETIME_COLUMNS]


def write_rows(sink, spec, pages, geometries: dict, key_index: int, feedback, total: int) -> int:
    """Write row pages to ``sink``; ``geometries`` maps the row's ``key_index`` value to a QgsGeometry (or None)."""
    time_columns = _converters(spec)
    from_ms, utc = QDateTime.fromMSecsSinceEpoch, Qt.UTC
    fields_count = len(spec)
    written = 0
    for rows in pages:
        features = []
        for row in rows:
            values = list(row[:fields_count])
            for i in time_columns:
                ms = values[i]
                values[i] = from_ms(ms, utc) if ms is not None else None
            feature = QgsFeature()
            feature.setAttributes(values)
            geometry = geometries.get(row[key_index]) if geometries else None
            if geometry is not None:
                feature.setGeometry(geometry)
            features.append(feature)
        if not sink.addFeatures(features, QgsFeatureSink.FastInsert):
            raise QgsProcessingException(tr("Could not write the output: {}", sink.lastError()))
        written += len(features)
        if total:
            feedback.setProgress(50 + 50 * written / total)
    return written


def observation_sink(alg, parameters, context, spatial: bool, name: str = "OUTPUT"):
    wkb = QgsWkbTypes.Point if spatial else QgsWkbTypes.NoGeometry
    crs = QgsCoordinateReferenceSystem(WGS84) if spatial else QgsCoordinateReferenceSystem()
    sink, dest_id = alg.parameterAsSink(parameters, name, context, observation_fields(), wkb, crs)
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, name))
    return sink, dest_id


def station_sink(alg, parameters, context, name: str = "OUTPUT"):
    sink, dest_id = alg.parameterAsSink(
        parameters, name, context, station_fields(), QgsWkbTypes.Point, QgsCoordinateReferenceSystem(WGS84)
    )
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, name))
    return sink, dest_id


def say_naive_times(parser, feedback) -> None:
    if parser.naive_count:
        feedback.pushInfo(
            tr(
                "{} times had no time zone (for example '{}'): they were read as UTC.",
                parser.naive_count,
                parser.first_naive,
            )
        )


def write_observations(alg, parameters, context, spool, geometries: dict, key_index: int, spatial: bool, feedback):
    """Write the spooled observations to OUTPUT: a plain new GeoPackage file with the bulk writer of
    :mod:`._sensors_gpkg`, anything else (memory, other formats, a layer of an existing GeoPackage) through the
    feature sink. Returns ``(dest_id, rows written)``, or ``(None, 0)`` when cancelled (nothing written)."""
    from ._sensors_gpkg import WriteCancelled, gpkg_target, write_gpkg

    target = gpkg_target(parameters)
    if target is None:
        sink, dest_id = observation_sink(alg, parameters, context, spatial)
        written = write_rows(sink, OBSERVATION_FIELDS, spool.pages(), geometries, key_index, feedback, spool.count)
        return dest_id, written
    points = None
    if spatial:
        points = {}
        for key, geometry in geometries.items():
            if geometry is not None and not geometry.isNull():
                point = geometry.asPoint()
                points[key] = (point.x(), point.y())
            else:
                points[key] = None
    try:
        dest_id = write_gpkg(target, OBSERVATION_FIELDS, spool.column_pages(), points, key_index, feedback, spool.count)
    except WriteCancelled:
        return None, 0
    value = parameters.get("OUTPUT")
    if isinstance(value, QgsProcessingOutputLayerDefinition) and value.destinationProject is not None:
        details = QgsProcessingContext.LayerDetails(
            value.destinationName or tr("Observations"), value.destinationProject, "OUTPUT"
        )
        context.addLayerToLoadOnCompletion(dest_id, details)
    return dest_id, spool.count


def write_stations(sink, stations, feedback) -> int:
    """One point feature per :class:`records.Station` (its geometry reduced to a point) through ``sink``."""
    for station in stations:
        if feedback.isCanceled():
            return 0
        row = list(station.row())
        for index, (_name, kind) in enumerate(STATION_FIELDS):
            if kind == "datetime":
                row[index] = _datetime(row[index]) if row[index] is not None else None
        feature = QgsFeature()
        feature.setAttributes(row)
        geometry = point_geometry(station.geometry)
        if geometry is not None:
            feature.setGeometry(geometry)
        if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
            raise QgsProcessingException(tr("Could not write the output: {}", sink.lastError()))
    return len(stations)
