"""Date-time fields read as UTC instants, whatever QGIS version reads the file (processing/timestamps.py)."""

import math
from datetime import datetime, timezone

import pytest
from osgeo import ogr
from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

from terridata.processing.timestamps import epoch_seconds, naive_datetimes_are_utc


def _gpkg_with_times(path, tz_flag: int):
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("obs", None, ogr.wkbNone)
    layer.CreateField(ogr.FieldDefn("t", ogr.OFTDateTime))
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("t", 2026, 3, 29, 1, 30, 0, tz_flag)
    layer.CreateFeature(feature)
    ds = None
    return QgsVectorLayer(f"{path}|layername=obs", "obs", "ogr")


def test_utc_geopackage_times_are_utc_in_every_qgis_version(qgis_app, tmp_path):
    layer = _gpkg_with_times(tmp_path / "utc.gpkg", 100)
    naive_is_utc = naive_datetimes_are_utc(layer, "t")
    assert naive_is_utc is True
    value = next(layer.getFeatures())["t"]
    # 3.22 gives a "local time" QDateTime, 3.40 a UTC one: both must mean 2026-03-29 01:30 UTC.
    expected = datetime(2026, 3, 29, 1, 30, tzinfo=timezone.utc).timestamp()
    assert epoch_seconds(value, naive_is_utc) == expected


def test_times_without_zone_are_paris_local_time(qgis_app, tmp_path):
    layer = _gpkg_with_times(tmp_path / "local.gpkg", 0)
    assert naive_datetimes_are_utc(layer, "t") is False
    assert naive_datetimes_are_utc(QgsVectorLayer("None?field=t:datetime", "m", "memory"), "t") is False
    naive = QDateTime(QDate(2026, 3, 29), QTime(3, 30), Qt.LocalTime)
    # 03:30 on the spring-forward day is summer time (UTC+2) in Paris.
    assert epoch_seconds(naive) == datetime(2026, 3, 29, 1, 30, tzinfo=timezone.utc).timestamp()
    assert epoch_seconds(QDate(2026, 1, 1)) == datetime(2025, 12, 31, 23, 0, tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-10-25T02:30:00+01:00", datetime(2026, 10, 25, 1, 30, tzinfo=timezone.utc).timestamp()),
        ("2026-03-16T00:00:00Z", datetime(2026, 3, 16, tzinfo=timezone.utc).timestamp()),
        (QDateTime(QDate(2026, 3, 16), QTime(0, 0), Qt.UTC), datetime(2026, 3, 16, tzinfo=timezone.utc).timestamp()),
        (1_700_000_000, 1_700_000_000.0),
    ],
)
def test_explicit_instants(qgis_app, value, expected):
    assert epoch_seconds(value) == expected


@pytest.mark.parametrize("value", [None, "", "not a date", QDateTime(), QDate()])
def test_unreadable_values_are_nan(qgis_app, value):
    assert math.isnan(epoch_seconds(value))
