"""Reading date-time fields as UTC instants, the same way in every algorithm and every QGIS version.

QGIS 3.22's OGR provider hands GeoPackage date-times over as "local time" QDateTimes although GeoPackage stores
them in UTC (GDAL reports the UTC flag); QGIS 3.40 keeps the UTC flag. Read naively, a 3.22 run would shift every
observation by the machine's UTC offset. :func:`naive_datetimes_are_utc` asks OGR once how the file stores the
field, and :func:`epoch_seconds` converts each value accordingly; times without any zone are Paris local time.
"""

import math
from datetime import datetime, timezone

from osgeo import ogr
from qgis.core import QgsProviderRegistry
from qgis.PyQt.QtCore import QDate, QDateTime, Qt

from ..core.aggregation.timebuckets import PARIS, parse_timestamps

OGR_UTC_FLAG = 100


def naive_datetimes_are_utc(layer, field: str) -> bool:
    """True when ``layer`` is an OGR file whose ``field`` holds UTC date-times (GDAL's time-zone flag 100)."""
    if layer is None or layer.providerType() != "ogr":
        return False
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    dataset = ogr.Open(parts.get("path", ""))
    if dataset is None:
        return False
    ogr_layer = dataset.GetLayerByName(parts["layerName"]) if parts.get("layerName") else dataset.GetLayer(0)
    if ogr_layer is None or ogr_layer.GetLayerDefn().GetFieldIndex(field) < 0:
        return False
    index = ogr_layer.GetLayerDefn().GetFieldIndex(field)
    if ogr_layer.GetLayerDefn().GetFieldDefn(index).GetType() != ogr.OFTDateTime:
        return False
    ogr_layer.SetAttributeFilter(f'"{field}" IS NOT NULL')
    feature = ogr_layer.GetNextFeature()
    return feature is not None and feature.GetFieldAsDateTime(index)[-1] == OGR_UTC_FLAG


def epoch_seconds(value, naive_is_utc: bool = False) -> float:
    """UTC epoch seconds of a QDateTime, QDate, ISO 8601 text or number; NaN when missing or unreadable.

    A value without a time zone is UTC when ``naive_is_utc`` (see :func:`naive_datetimes_are_utc`), otherwise Paris
    local time (a date is its local midnight).
    """
    if isinstance(value, QDateTime):
        if not value.isValid():
            return math.nan
        if value.timeSpec() != Qt.LocalTime:
            return value.toMSecsSinceEpoch() / 1000.0
        if naive_is_utc:
            return QDateTime(value.date(), value.time(), Qt.UTC).toMSecsSinceEpoch() / 1000.0
        value = value.toString("yyyy-MM-ddTHH:mm:ss.zzz")
    elif isinstance(value, QDate):
        if not value.isValid():
            return math.nan
        value = value.toString("yyyy-MM-dd") + "T00:00:00"
    elif isinstance(value, datetime) and value.tzinfo is None and naive_is_utc:
        return value.replace(tzinfo=timezone.utc).timestamp()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)  # already epoch seconds
    if value is None or not isinstance(value, (str, datetime)):
        return math.nan
    return float(parse_timestamps([value], PARIS)[0])
