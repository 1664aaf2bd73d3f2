"""Issue 16, points 2, 4 and 9 for the quality algorithms: a layer and its reports are committed together or not at
all; a failed or refused run writes nothing at the output paths (no empty GeoPackage), leaves the earlier files
untouched and says so; repair_geometries refuses a layer mixing points, lines and polygons."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer, QgsWkbTypes
from qgis.PyQt.QtCore import QDateTime, Qt

MIXED = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"n": "p"}, "geometry": {"type": "Point", "coordinates": [2.3, 48.8]}},
        {
            "type": "Feature",
            "properties": {"n": "l"},
            "geometry": {"type": "LineString", "coordinates": [[2.3, 48.8], [2.4, 48.9]]},
        },
        {
            "type": "Feature",
            "properties": {"n": "a"},
            "geometry": {"type": "Polygon", "coordinates": [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]]]},
        },
    ],
}


def polygons(wkts, crs="EPSG:2154") -> QgsVectorLayer:
    layer = QgsVectorLayer(f"Polygon?crs={crs}&field=name:string", "in", "memory")
    feats = []
    for name, wkt in wkts:
        f = QgsFeature(layer.fields())
        f.setAttributes([name])
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)
    return layer


BOWTIE = "POLYGON((200 0,300 100,300 0,200 100,200 0))"
SQUARE = "POLYGON((0 0,100 0,100 100,0 100,0 0))"


def earlier_outputs(folder: Path, names) -> dict:
    """Files of an 'earlier run' at the output paths: their content, to check they are left untouched."""
    folder.mkdir(parents=True, exist_ok=True)
    kept = {}
    for name in names:
        path = folder / name
        path.write_bytes(f"earlier {name}".encode())
        os.utime(path, (1_700_000_000, 1_700_000_000))
        kept[path] = path.read_bytes()
    return kept


def assert_untouched(kept: dict) -> None:
    for path, content in kept.items():
        assert path.read_bytes() == content, path


def blocked_folder(tmp_path: Path) -> Path:
    """A folder no one can write to, even root: its path goes through a regular file."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    return blocker / "reports"


# ------------------------------------------------------------------ repair_geometries
def test_repair_mixed_geometry_types_is_refused_and_writes_nothing(qgis_processing, terridata_provider, tmp_path):
    import processing

    src = tmp_path / "mixed.geojson"
    src.write_text(json.dumps(MIXED), encoding="utf-8")
    declared = QgsVectorLayer(str(src), "mixed", "ogr").wkbType()
    assert QgsWkbTypes.displayString(declared) == "Point"  # what OGR declares: the first feature's type
    out = tmp_path / "out" / "fixed.gpkg"
    with pytest.raises(QgsProcessingException) as caught:
        processing.run("terridata:repair_geometries", {"INPUT": str(src), "OUTPUT": str(out)})
    message = str(caught.value)
    assert "mixes geometry types" in message and "1 points, 1 lines, 1 polygons" in message
    assert "Traceback" not in message
    # refused before any file was written (the output guards may have made the missing output folder)
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_repair_single_type_layer_declared_point_keeps_its_real_type(qgis_processing, terridata_provider, tmp_path):
    """A GeoJSON of polygons only: the output layer is MultiPolygon, the type of what is written."""
    import processing

    only_polygons = {**MIXED, "features": MIXED["features"][2:]}
    src = tmp_path / "polys.geojson"
    src.write_text(json.dumps(only_polygons), encoding="utf-8")
    result = processing.run("terridata:repair_geometries", {"INPUT": str(src), "OUTPUT": str(tmp_path / "fixed.gpkg")})
    out = QgsVectorLayer(result["OUTPUT"], "o", "ogr")
    assert QgsWkbTypes.displayString(out.wkbType()) == "MultiPolygon"
    assert [f["n"] for f in out.getFeatures()] == ["a"]


def test_repair_unwritable_report_folder_writes_no_layer(qgis_processing, terridata_provider, tmp_path):
    import processing

    kept = earlier_outputs(tmp_path, ["fixed.gpkg"])
    report = blocked_folder(tmp_path) / "repair.json"
    with pytest.raises(QgsProcessingException) as caught:
        processing.run(
            "terridata:repair_geometries",
            {
                "INPUT": polygons([("square", SQUARE), ("bowtie", BOWTIE)]),
                "OUTPUT": str(tmp_path / "fixed.gpkg"),
                "OUTPUT_JSON": str(report),
            },
        )
    message = str(caught.value)
    assert "cannot write to" in message.lower() and "choose another folder" in message
    assert "left untouched" in message and "fixed.gpkg (2023-11-14" in message
    assert_untouched(kept)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "fixed.gpkg"]


def test_repair_that_fails_leaves_no_geopackage(qgis_processing, terridata_provider, tmp_path):
    """A feature still invalid after makeValid (a line with one distinct point) fails the run: no file at all."""
    import processing

    lines = QgsVectorLayer("LineString?crs=EPSG:2154&field=name:string", "in", "memory")
    f = QgsFeature(lines.fields())
    f.setAttributes(["degenerate"])
    f.setGeometry(QgsGeometry.fromWkt("LINESTRING(0 0, 0 0)"))
    assert lines.dataProvider().addFeatures([f])
    out = tmp_path / "fixed.gpkg"
    report = tmp_path / "repair.json"
    with pytest.raises(QgsProcessingException, match="still invalid after repair") as caught:
        processing.run("terridata:repair_geometries", {"INPUT": lines, "OUTPUT": str(out), "OUTPUT_JSON": str(report)})
    assert "Nothing was written" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_repair_layer_and_reports_replace_the_earlier_run_together(qgis_processing, terridata_provider, tmp_path):
    import processing

    earlier_outputs(tmp_path, ["fixed.gpkg", "repair.json", "repair.html"])
    result = processing.run(
        "terridata:repair_geometries",
        {
            "INPUT": polygons([("square", SQUARE), ("bowtie", BOWTIE)]),
            "OUTPUT": str(tmp_path / "fixed.gpkg"),
            "OUTPUT_JSON": str(tmp_path / "repair.json"),
            "OUTPUT_HTML": str(tmp_path / "repair.html"),
        },
    )
    assert result["OUTPUT"] == str(tmp_path / "fixed.gpkg")
    assert json.loads((tmp_path / "repair.json").read_text(encoding="utf-8"))["stats"]["rows"] == 2
    assert "<html lang=" in (tmp_path / "repair.html").read_text(encoding="utf-8")
    assert QgsVectorLayer(str(tmp_path / "fixed.gpkg"), "o", "ogr").featureCount() == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixed.gpkg", "repair.html", "repair.json"]


def test_repair_to_a_temporary_layer_still_works(qgis_processing, terridata_provider, tmp_path):
    import processing

    result = processing.run(
        "terridata:repair_geometries",
        {"INPUT": polygons([("bowtie", BOWTIE)]), "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    assert isinstance(result["OUTPUT"], QgsVectorLayer) and result["OUTPUT"].featureCount() == 1
    assert result["REPAIRED"] == 1


# ------------------------------------------------------------------ sensor_qc
def observations(rows) -> QgsVectorLayer:
    layer = QgsVectorLayer("None?field=sensor:string&field=t:datetime&field=v:double", "obs", "memory")
    feats = []
    for sensor, iso, value in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes([sensor, QDateTime.fromString(iso, Qt.ISODate), value])
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)
    return layer


SENSOR_ROWS = [("A", f"2026-03-29T{h:02d}:00:00Z", float(h)) for h in range(4)]


def sensor_params(tmp_path, **extra) -> dict:
    return {
        "INPUT": observations(SENSOR_ROWS),
        "SENSOR_FIELD": "sensor",
        "TIME_FIELD": "t",
        "VALUE_FIELD": "v",
        "OUTPUT": str(tmp_path / "flags.gpkg"),
        "OUTPUT_JSON": str(tmp_path / "qc.json"),
        "OUTPUT_HTML": str(tmp_path / "qc.html"),
        **extra,
    }


def test_sensor_qc_unwritable_report_folder_writes_nothing(qgis_processing, terridata_provider, tmp_path):
    import processing

    kept = earlier_outputs(tmp_path, ["flags.gpkg", "qc.json"])
    params = sensor_params(tmp_path, OUTPUT_HTML=str(blocked_folder(tmp_path) / "qc.html"))
    with pytest.raises(QgsProcessingException) as caught:
        processing.run("terridata:sensor_qc", params)
    message = str(caught.value)
    assert "cannot write to" in message.lower() and "choose another folder" in message
    assert "flags.gpkg (2023-11-14" in message and "qc.json (2023-11-14" in message
    assert_untouched(kept)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "flags.gpkg", "qc.json"]


def test_sensor_qc_refused_run_says_earlier_files_are_untouched(qgis_processing, terridata_provider, tmp_path):
    import processing

    kept = earlier_outputs(tmp_path, ["flags.gpkg", "qc.json", "qc.html"])
    params = sensor_params(tmp_path, INPUT=observations([("A", "not a time", 1.0)]))
    with pytest.raises(QgsProcessingException, match="no readable time") as caught:
        processing.run("terridata:sensor_qc", params)
    assert "left untouched" in str(caught.value)
    assert_untouched(kept)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flags.gpkg", "qc.html", "qc.json"]


def test_sensor_qc_commits_layer_and_reports_together(qgis_processing, terridata_provider, tmp_path):
    import processing

    earlier_outputs(tmp_path, ["flags.gpkg", "qc.json", "qc.html"])
    result = processing.run("terridata:sensor_qc", sensor_params(tmp_path))
    assert QgsVectorLayer(result["OUTPUT"], "o", "ogr").featureCount() == 4
    assert json.loads(Path(result["OUTPUT_JSON"]).read_text(encoding="utf-8"))["stats"]["rows"] == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flags.gpkg", "qc.html", "qc.json"]


def test_sensor_qc_two_outputs_at_one_path_are_refused(qgis_processing, terridata_provider, tmp_path):
    import processing

    params = sensor_params(tmp_path, OUTPUT_HTML=str(tmp_path / "qc.json"))
    with pytest.raises(QgsProcessingException, match="point to the same file"):
        processing.run("terridata:sensor_qc", params)
    assert list(tmp_path.iterdir()) == []


def test_cancelled_repair_writes_nothing(qgis_processing, terridata_provider, tmp_path):
    from qgis.core import QgsProcessingFeedback

    import processing

    class CancelAfterFirstFeature(QgsProcessingFeedback):
        def setProgress(self, progress):  # noqa: N802
            super().setProgress(progress)
            self.cancel()

    many = polygons([(str(i), BOWTIE) for i in range(50)])
    feedback = CancelAfterFirstFeature()
    try:  # how a cancelled run ends is the framework's (issue 17, point 12): here, that nothing is written
        result = processing.run(
            "terridata:repair_geometries",
            {"INPUT": many, "OUTPUT": str(tmp_path / "fixed.gpkg"), "OUTPUT_JSON": str(tmp_path / "repair.json")},
            feedback=feedback,
        )
    except QgsProcessingException:
        result = {}
    assert feedback.isCanceled()
    assert "OUTPUT" not in result
    assert list(tmp_path.iterdir()) == []
