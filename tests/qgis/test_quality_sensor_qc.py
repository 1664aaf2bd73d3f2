"""terridata:sensor_qc: hand-computed QARTOD flags through the algorithm, and the sample sensor network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qgis.core import QgsFeature, QgsProcessingException, QgsVectorLayer
from qgis.PyQt.QtCore import QDateTime, Qt

GOOD, UNKNOWN, SUSPECT, FAIL, MISSING = 1, 2, 3, 4, 9


def observations(rows) -> QgsVectorLayer:
    """rows: (sensor, ISO UTC time, value, property)."""
    layer = QgsVectorLayer(
        "None?field=sensor:string&field=t:datetime&field=v:double&field=prop:string", "obs", "memory"
    )
    feats = []
    for sensor, iso, value, prop in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes([sensor, QDateTime.fromString(iso, Qt.ISODate), value, prop])
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)
    return layer


def run(params, tmp_path):
    import processing

    params = {
        "SENSOR_FIELD": "sensor",
        "TIME_FIELD": "t",
        "VALUE_FIELD": "v",
        "PROPERTY_FIELD": "prop",
        "OUTPUT": str(tmp_path / "flags.gpkg"),
        "OUTPUT_JSON": str(tmp_path / "qc.json"),
        "OUTPUT_HTML": str(tmp_path / "qc.html"),
        **params,
    }
    result = processing.run("terridata:sensor_qc", params)
    out = QgsVectorLayer(result["OUTPUT"], "flags", "ogr")
    s_field, t_field = params["SENSOR_FIELD"], params["TIME_FIELD"]
    rows = [(f[s_field], f[t_field].toMSecsSinceEpoch(), f) for f in out.getFeatures()]
    rows.sort(key=lambda r: r[:2])
    return result, rows, json.loads(Path(result["OUTPUT_JSON"]).read_text(encoding="utf-8"))


PARAMS = {
    "temp": {
        "gross_range": {"fail_span": [0, 4], "suspect_span": [0.5, 3]},
        "spike": {"suspect_threshold": 2, "fail_threshold": 4},
        "rate_of_change": {"threshold": 3.5 / 3600},
        "flat_line": {"suspect_threshold": 7200, "fail_threshold": 10800, "tolerance": 0.001},
    }
}


def test_hand_computed_flags(qgis_processing, terridata_provider, tmp_path):
    # sensor A, hourly, given in shuffled order, across the DST change of 2026-03-29 (times are UTC):
    # values 1, 5, 1, 1, 3.1, 1 -> spike refs: -, 4, 2, 1.05, 2.1, -  (|x - mean of neighbours|)
    times = [f"2026-03-29T{h:02d}:00:00Z" for h in range(6)]
    values = [1, 5, 1, 1, 3.1, 1]
    rows = [("A", t, v, "temp") for t, v in zip(times, values)]
    # sensor B: stuck at 2.0 for 3 h, then one missing value
    rows += [("B", f"2026-03-29T{h:02d}:00:00Z", 2.0, "temp") for h in range(4)]
    rows += [("B", "2026-03-29T04:00:00Z", None, "temp")]
    rows = rows[::-1]
    result, out, report = run({"INPUT": observations(rows), "PARAMETERS": json.dumps(PARAMS)}, tmp_path)
    a = [r[2] for r in out if r[0] == "A"]
    assert [f["qc_gross_range"] for f in a] == [GOOD, FAIL, GOOD, GOOD, SUSPECT, GOOD]
    assert [f["qc_spike"] for f in a] == [UNKNOWN, SUSPECT, GOOD, GOOD, SUSPECT, UNKNOWN]
    # rate of change 4/3600 u/s > 3.5/3600 at 01h and 02h; 2.1/3600 at 04h, 05h are fine
    assert [f["qc_rate_of_change"] for f in a] == [GOOD, SUSPECT, SUSPECT, GOOD, GOOD, GOOD]
    assert [f["qc_flat_line"] for f in a] == [GOOD] * 6
    assert [f["qc_aggregate"] for f in a] == [GOOD, FAIL, SUSPECT, GOOD, SUSPECT, GOOD]
    b = [r[2] for r in out if r[0] == "B"]
    assert [f["qc_flat_line"] for f in b] == [GOOD, GOOD, SUSPECT, FAIL, MISSING]  # flat for 0, 1, 2, 3 hours
    assert [f["qc_aggregate"] for f in b] == [GOOD, GOOD, SUSPECT, FAIL, MISSING]
    assert (result["FAIL"], result["SUSPECT"], result["MISSING"]) == (2, 3, 1)
    assert report["metadata"]["sensors"]["A"]["FAIL"] == 1 and report["metadata"]["sensors"]["B"]["MISSING"] == 1
    flagged = {e["value"] for e in report["errors"] if e["check"] == "qartod_sensors"}
    assert flagged == {"A", "B"}
    table = next(c for c in report["checks"] if c["id"] == "qartod_sensors")["table"]
    assert table["columns"] == ["Sensor", "FAIL", "SUSPECT", "MISSING", "UNKNOWN", "GOOD", "Total"]
    assert table["rows"] == [["A", 1, 2, 0, 0, 3, 6], ["B", 1, 1, 1, 0, 2, 5]]
    html = Path(result["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert "<td>A</td>" in html and "Sensor A" in html


def test_bad_parameters_are_refused(qgis_processing, terridata_provider, tmp_path):
    layer = observations([("A", "2026-01-01T00:00:00Z", 1.0, "temp")])
    with pytest.raises(QgsProcessingException, match="unknown QARTOD test"):
        run({"INPUT": layer, "PARAMETERS": '{"temp": {"spikes": {}}}'}, tmp_path)
    with pytest.raises(QgsProcessingException, match="fail_threshold"):
        run({"INPUT": layer, "PARAMETERS": '{"temp": {"spike": {"suspect_threshold": 1}}}'}, tmp_path)
    with pytest.raises(QgsProcessingException, match="not valid JSON"):
        run({"INPUT": layer, "PARAMETERS": "{temp"}, tmp_path)
    no_time = observations([("A", "not a time", 1.0, "temp")])
    with pytest.raises(QgsProcessingException, match="no readable time"):
        run({"INPUT": no_time}, tmp_path)


def test_sample_sensor_network(qgis_processing, terridata_provider, tmp_path, sample_gpkg):
    """The embedded NO2 network: negative values FAIL, sensors stuck for 10 hours FAIL the flat line test."""
    import sqlite3

    layer = QgsVectorLayer(f"{sample_gpkg}|layername=no2_hourly", "no2", "ogr")
    result, out, report = run(
        {
            "INPUT": layer,
            "SENSOR_FIELD": "sensor_id",
            "TIME_FIELD": "observed_at",
            "VALUE_FIELD": "no2",
            "PROPERTY_FIELD": "property",
        },
        tmp_path,
    )
    with sqlite3.connect(sample_gpkg) as db:
        total, nulls, negative = db.execute(
            "SELECT count(*), sum(no2 IS NULL), sum(no2 < 0) FROM no2_hourly"
        ).fetchone()
    assert len(out) == total
    assert result["MISSING"] == nulls
    assert (
        result["GOOD"]
        + result["SUSPECT"]
        + result["FAIL"]
        + result["MISSING"]
        + sum(1 for r in out if r[2]["qc_aggregate"] == UNKNOWN)
        == total
    )
    gross_fail = [r[2] for r in out if r[2]["qc_gross_range"] == FAIL]
    assert len(gross_fail) == negative  # the built-in NO2 fail span is [0, 1000]
    assert all(f["no2"] < 0 for f in gross_fail)
    # stuck sensors: runs of the same value; with the built-in 4 h / 8 h thresholds, each 10 h run FAILs
    flat_fail = [r[2] for r in out if r[2]["qc_flat_line"] == FAIL]
    assert flat_fail and len({f["sensor_id"] for f in flat_fail}) >= 1
    assert report["stats"]["rows"] == total
    assert {c["id"] for c in report["checks"]} == {
        "qartod_gross_range",
        "qartod_spike",
        "qartod_rate_of_change",
        "qartod_flat_line",
        "qartod_sensors",
    }


def test_sensor_qc_from_qgis_process(qgis_process_profile, tmp_path, sample_gpkg):
    from qgis_process_helper import run_qgis_process

    result = run_qgis_process(
        "terridata:sensor_qc",
        {
            "INPUT": f"{sample_gpkg}|layername=no2_hourly",
            "SENSOR_FIELD": "sensor_id",
            "TIME_FIELD": "observed_at",
            "VALUE_FIELD": "no2",
            "PROPERTY_FIELD": "property",
            "OUTPUT": str(tmp_path / "flags.gpkg"),
            "OUTPUT_JSON": str(tmp_path / "qc.json"),
        },
    )
    report = json.loads((tmp_path / "qc.json").read_text(encoding="utf-8"))
    assert result["results"]["FAIL"] > 0
    counts = report["metadata"]["sensors"]
    assert sum(c["FAIL"] for c in counts.values()) == result["results"]["FAIL"]
    assert QgsVectorLayer(str(tmp_path / "flags.gpkg"), "f", "ogr").featureCount() == report["stats"]["rows"]
