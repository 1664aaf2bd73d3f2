"""terridata:repair_geometries: invalid geometries fixed, re-checked, changes reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer


def layer_of(wkts, crs="EPSG:2154"):
    layer = QgsVectorLayer(f"Polygon?crs={crs}&field=name:string", "in", "memory")
    feats = []
    for name, wkt in wkts:
        f = QgsFeature(layer.fields())
        f.setAttributes([name])
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)
    return layer


def test_bowtie_repaired_and_reported(qgis_processing, terridata_provider, tmp_path):
    import processing

    layer = layer_of(
        [
            ("square", "POLYGON((0 0,100 0,100 100,0 100,0 0))"),
            ("bowtie", "POLYGON((200 0,300 100,300 0,200 100,200 0))"),  # signed area 0, two triangles of 2500
        ]
    )
    result = processing.run(
        "terridata:repair_geometries",
        {"INPUT": layer, "OUTPUT": str(tmp_path / "fixed.gpkg"), "OUTPUT_JSON": str(tmp_path / "repair.json")},
    )
    assert (result["REPAIRED"], result["INVALID_BEFORE"], result["INVALID_AFTER"]) == (1, 1, 0)
    assert result["AREA_CHANGE"] == pytest.approx(5000.0)
    assert result["PARTS_CHANGE"] == 1
    out = {f["name"]: f for f in QgsVectorLayer(result["OUTPUT"], "o", "ogr").getFeatures()}
    assert out["square"]["qc_repaired"] in (False, 0) and out["square"].geometry().area() == pytest.approx(10000)
    bow = out["bowtie"]
    assert bow["qc_repaired"] in (True, 1) and "self-intersection" in bow["qc_reason"].lower()
    assert (bow["qc_parts_before"], bow["qc_parts_after"]) == (1, 2)
    assert bow.geometry().isGeosValid() and bow.geometry().area() == pytest.approx(5000)
    report = json.loads(Path(result["OUTPUT_JSON"]).read_text(encoding="utf-8"))
    assert report["valid"] is True
    assert report["checks"][0]["summary"] == {"invalid_before": 1, "area_change_m2": 5000.0, "parts_change": 1}


def test_repair_from_qgis_process(qgis_process_profile, tmp_path):
    from qgis.core import QgsVectorFileWriter
    from qgis_process_helper import run_qgis_process

    layer = layer_of([("bowtie", "POLYGON((0 0,100 100,100 0,0 100,0 0))")])
    src = tmp_path / "in.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    from qgis.core import QgsCoordinateTransformContext

    QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(src), QgsCoordinateTransformContext(), options)
    result = run_qgis_process("terridata:repair_geometries", {"INPUT": str(src), "OUTPUT": str(tmp_path / "out.gpkg")})
    assert result["results"]["REPAIRED"] == 1 and result["results"]["INVALID_AFTER"] == 0
    out = QgsVectorLayer(str(tmp_path / "out.gpkg"), "o", "ogr")
    assert all(f.geometry().isGeosValid() for f in out.getFeatures())
