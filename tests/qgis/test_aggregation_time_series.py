"""terridata:aggregate_time_series: buckets across the daylight-saving changes, keys, zones, temporal output."""

from __future__ import annotations

import datetime as dt
import statistics as pystats

import pytest
from qgis.core import (
    QgsDateTimeRange,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime, Qt

UTC = dt.timezone.utc


def _iso_utc(qdt: QDateTime) -> str:
    return qdt.toUTC().toString("yyyy-MM-ddTHH:mm:ss")


def _observations(times, crs="EPSG:2154", as_text=False):
    """Sensors S1 at (650100, 6860100) and S2 at (650300, 6860100); value = minutes since start / 15 (+100 for S2)."""
    kind = "string" if as_text else "datetime"
    layer = QgsVectorLayer(f"Point?crs={crs}&field=sensor:string&field=t:{kind}&field=no2:double", "obs", "memory")
    feats = []
    for i, t in enumerate(times):
        for sensor, dx, offset in (("S1", 100, 0), ("S2", 300, 100)):
            f = QgsFeature(layer.fields())
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(650_000 + dx, 6_860_100)))
            value = None if (sensor == "S2" and i % 7 == 3) else float(i + offset)
            stamp = t if as_text else QDateTime.fromMSecsSinceEpoch(int(t.timestamp() * 1000), Qt.UTC)
            f.setAttributes([sensor, stamp, value])
            feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def _run(params):
    import processing

    return processing.run("terridata:aggregate_time_series", params)


def _every(start: dt.datetime, end: dt.datetime, minutes: int):
    out, t = [], start
    while t < end:
        out.append(t)
        t += dt.timedelta(minutes=minutes)
    return out


def test_hourly_and_daily_buckets_over_the_october_change(qgis_processing, terridata_provider, tmp_path):
    # The whole local day of 27 October 2024 (25 hours), every 15 minutes, in UTC.
    start = dt.datetime(2024, 10, 26, 22, 0, tzinfo=UTC)
    times = _every(start, dt.datetime(2024, 10, 27, 23, 0, tzinfo=UTC), 15)
    layer = _observations(times)
    hourly = _run(
        {
            "INPUT": layer,
            "TIME_FIELD": "t",
            "KEY_FIELD": "sensor",
            "BUCKET": "hour",
            "FIELDS": ["no2"],
            "STATISTICS": ["count", "mean", "max"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
    )["OUTPUT"]
    rows = list(hourly.getFeatures())
    assert len(rows) == 2 * 25  # 25 hourly buckets per sensor on that day
    s1 = sorted((r for r in rows if r["key"] == "S1"), key=lambda r: r["bucket_start"].toMSecsSinceEpoch())
    assert [r["bucket_local"][11:16] for r in s1[:5]] == ["00:00", "01:00", "02:00", "02:00", "03:00"]
    for k, r in enumerate(s1):
        assert r["count"] == 4
        assert r["no2_mean"] == pytest.approx(pystats.mean(range(4 * k, 4 * k + 4)))
        assert r["no2_max"] == 4 * k + 3
        assert r["bucket_end"].toMSecsSinceEpoch() - r["bucket_start"].toMSecsSinceEpoch() == 3600 * 1000
    daily = _run(
        {
            "INPUT": layer,
            "TIME_FIELD": "t",
            "KEY_FIELD": "sensor",
            "BUCKET": "day",
            "FIELDS": ["no2"],
            "STATISTICS": ["count", "sum"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
    )["OUTPUT"]
    days = {r["key"]: r for r in daily.getFeatures()}
    assert set(days) == {"S1", "S2"}
    assert days["S1"]["count"] == 100 and days["S1"]["no2_count"] == 100
    assert days["S1"]["no2_sum"] == pytest.approx(sum(range(100)))
    s2_values = [i + 100 for i in range(100) if i % 7 != 3]
    assert days["S2"]["no2_count"] == len(s2_values) and days["S2"]["no2_sum"] == pytest.approx(sum(s2_values))
    assert _iso_utc(days["S1"]["bucket_start"]) == "2024-10-26T22:00:00"
    assert _iso_utc(days["S1"]["bucket_end"]) == "2024-10-27T23:00:00"  # 25 hours later
    assert days["S1"]["bucket_local"] == "2024-10-27T00:00:00+02:00"


def test_naive_text_timestamps_over_the_march_change(qgis_processing, terridata_provider, tmp_path):
    """Local wall-clock text without offset; 31 March 2024 has no 02:xx hour and lasts 23 hours."""
    local = [f"2024-03-{d}T{h:02d}:30:00" for d in (30, 31) for h in range(24) if not (d == 31 and h == 2)]
    layer = _observations(local, as_text=True)
    path = tmp_path / "obs.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    err = QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(path), QgsProject.instance().transformContext(), options)
    assert err[0] == QgsVectorFileWriter.NoError
    out = _run(
        {
            "INPUT": str(path),
            "TIME_FIELD": "t",
            "KEY_FIELD": "sensor",
            "BUCKET": "day",
            "FIELDS": ["no2"],
            "STATISTICS": ["count"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
    )["OUTPUT"]
    s1 = {r["bucket_local"][:10]: r for r in out.getFeatures() if r["key"] == "S1"}
    assert s1["2024-03-30"]["count"] == 24 and s1["2024-03-31"]["count"] == 23
    assert _iso_utc(s1["2024-03-31"]["bucket_start"]) == "2024-03-30T23:00:00"
    assert _iso_utc(s1["2024-03-31"]["bucket_end"]) == "2024-03-31T22:00:00"
    weekly = _run({"INPUT": str(path), "TIME_FIELD": "t", "BUCKET": "week", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    weeks = {r["bucket_local"]: r["count"] for r in weekly.getFeatures()}
    assert weeks == {"2024-03-25T00:00:00+01:00": 2 * 47}  # both sensors, one ISO week, key "all"


def test_zones_and_temporal_layer(qgis_processing, terridata_provider):
    import processing

    zones = QgsVectorLayer("Polygon?crs=EPSG:2154&field=code:string", "zones", "memory")
    feats = []
    for code, x0 in (("Z1", 650_000), ("Z2", 650_200)):
        f = QgsFeature(zones.fields())
        f.setGeometry(
            QgsGeometry.fromWkt(
                f"POLYGON(({x0} 6860000, {x0 + 200} 6860000, {x0 + 200} 6860200, {x0} 6860200, {x0} 6860000))"
            )
        )
        f["code"] = code
        feats.append(f)
    zones.dataProvider().addFeatures(feats)
    start = dt.datetime(2024, 3, 30, 23, 0, tzinfo=UTC)
    layer = _observations(_every(start, start + dt.timedelta(hours=6), 60))
    result = processing.runAndLoadResults(
        "terridata:aggregate_time_series",
        {
            "INPUT": layer,
            "TIME_FIELD": "t",
            "ZONES": zones,
            "ZONE_ID_FIELD": "code",
            "BUCKET": "hour",
            "FIELDS": ["no2"],
            "STATISTICS": ["mean"],
            "OUTPUT_TYPE": 1,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    out = QgsProject.instance().mapLayer(result["OUTPUT"])
    assert out is not None and out.geometryType() == 2
    rows = list(out.getFeatures())
    assert {r["key"] for r in rows} == {"Z1", "Z2"} and len(rows) == 12
    z2 = sorted((r for r in rows if r["key"] == "Z2"), key=lambda r: r["bucket_start"].toMSecsSinceEpoch())
    assert [r["no2_mean"] for r in z2][:3] == [100.0, 101.0, 102.0]
    props = out.temporalProperties()
    assert props.isActive()
    assert props.startField() == "bucket_start" and props.endField() == "bucket_end"
    hour = QgsDateTimeRange(
        QDateTime.fromMSecsSinceEpoch(int(start.timestamp() * 1000), Qt.UTC),
        QDateTime.fromMSecsSinceEpoch(int(start.timestamp() * 1000) + 3_600_000, Qt.UTC),
    )
    assert props.isVisibleInTemporalRange(hour)
    QgsProject.instance().removeMapLayer(out.id())


def test_bad_parameters(qgis_processing, terridata_provider):
    layer = _observations([dt.datetime(2024, 1, 1, tzinfo=UTC)])
    with pytest.raises(QgsProcessingException, match="date/time"):
        _run({"INPUT": layer, "TIME_FIELD": "no2", "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="not numeric"):
        _run({"INPUT": layer, "TIME_FIELD": "t", "FIELDS": ["sensor"], "OUTPUT": "TEMPORARY_OUTPUT"})
    text = _observations(["yesterday"], as_text=True)
    with pytest.raises(QgsProcessingException, match="readable timestamp"):
        _run({"INPUT": text, "TIME_FIELD": "t", "OUTPUT": "TEMPORARY_OUTPUT"})
