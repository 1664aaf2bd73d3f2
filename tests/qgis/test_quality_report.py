"""terridata:quality_report on fixtures built on each side of each threshold, and on the real 2018 communes."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorLayer,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "quality"


def memory_layer(geometry: str, fields: str, rows: list, crs: str = "EPSG:2154") -> QgsVectorLayer:
    """``rows``: (wkt or None, [attributes])."""
    uri = f"{geometry}?crs={crs}" + "".join(f"&field={f}" for f in fields.split(",") if f)
    layer = QgsVectorLayer(uri, "fixture", "memory")
    assert layer.isValid(), uri
    feats = []
    for wkt, attrs in rows:
        f = QgsFeature(layer.fields())
        if wkt:
            f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes(attrs)
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)
    return layer


def square(x, y, w=100.0, h=100.0) -> str:
    return f"POLYGON(({x} {y},{x + w} {y},{x + w} {y + h},{x} {y + h},{x} {y}))"


def run(params: dict, tmp_path: Path) -> tuple:
    import processing

    tmp_path.mkdir(parents=True, exist_ok=True)
    params = {
        "OUTPUT": str(tmp_path / "problems.gpkg"),
        "OUTPUT_AREAS": str(tmp_path / "areas.gpkg"),
        "OUTPUT_JSON": str(tmp_path / "report.json"),
        "OUTPUT_HTML": str(tmp_path / "report.html"),
        **params,
    }
    result = processing.run("terridata:quality_report", params)
    report = json.loads(Path(result["OUTPUT_JSON"]).read_text(encoding="utf-8"))
    return result, report


def check(report: dict, check_id: str) -> dict:
    return next(c for c in report["checks"] if c["id"] == check_id)


def errors(report: dict, check_id: str) -> list:
    return [e for e in report["errors"] if e["check"] == check_id]


# ------------------------------------------------------------------ geometry
def test_geometry_checks_with_reasons_and_locations(qgis_processing, terridata_provider, tmp_path):
    bowtie = "POLYGON((0 0,100 100,100 0,0 100,0 0))"  # one self-intersection at (50 50)
    double = "POLYGON((200 0,300 100,300 0,200 100,200 200,300 300,300 200,200 300,200 0))"  # crosses itself 4 times
    rows = [
        (square(1000, 1000), [1]),
        (bowtie, [2]),
        (square(1000, 1000), [3]),  # exact duplicate of 1
        (None, [4]),  # missing geometry
        ("POLYGON((2.35 48.85,2.36 48.85,2.36 48.86,2.35 48.86,2.35 48.85))", [5]),  # lon/lat stored as L93
        (double, [6]),
        (square(700000, 6600000), [7]),  # a real Lambert-93 position: fine
    ]
    layer = memory_layer("Polygon", "n:integer", rows)
    result, report = run({"INPUT": layer}, tmp_path)
    assert result["VALID"] is False
    geos = errors(report, "geometry_validity_geos")
    assert sorted(e["row"] for e in geos) == [2, 6]
    first = next(e for e in geos if e["row"] == 2)
    assert "self-intersection" in first["message"].lower()
    assert (first["details"]["x"], first["details"]["y"]) == pytest.approx((50, 50))
    # QGIS's own method lists every error: more than GEOS's first error on the doubly-invalid feature
    qgis_errors = errors(report, "geometry_validity_qgis")
    assert [e["row"] for e in qgis_errors].count(2) == 1
    # QGIS 3.22 lists the four crossings, 3.40 two of them: in both, more than GEOS's single first error
    assert [e["row"] for e in qgis_errors].count(6) >= 2
    crossings = {(200, 100), (200, 200), (250, 50), (250, 250)}
    assert {
        (round(e["details"]["x"], 6), round(e["details"]["y"], 6)) for e in qgis_errors if e["row"] == 6
    } <= crossings
    assert [e["row"] for e in errors(report, "geometry_duplicates")] == [3]
    assert errors(report, "geometry_duplicates")[0]["details"]["duplicate_of"] == 1
    assert [e["row"] for e in errors(report, "geometry_missing")] == [4]
    assert [e["row"] for e in errors(report, "geometry_outside_crs_area")] == [1, 2, 3, 5, 6]
    assert check(report, "geometry_outside_crs_area")["iso19157"] == "positional accuracy"
    # problems layer: one row per problem, the invalidity located at its point
    problems = QgsVectorLayer(result["OUTPUT"], "p", "ogr")
    assert problems.featureCount() == report["stats"]["problems"]
    located = [f for f in problems.getFeatures() if f["check"] == "geometry_validity_geos" and f["feature_id"] == 2]
    assert located[0].geometry().asPoint() == QgsPointXY(50, 50)
    missing = [f for f in problems.getFeatures() if f["check"] == "geometry_missing"]
    assert missing[0].geometry().isEmpty()  # no location (GeoPackage stores it as an empty point)


def test_points_in_geographic_crs(qgis_processing, terridata_provider, tmp_path):
    # metre coordinates stored in a WGS 84 layer are outside the CRS's area
    layer = memory_layer(
        "Point", "id:integer", [("POINT(2.35 48.85)", [1]), ("POINT(652000 6862000)", [2])], crs="EPSG:4326"
    )
    _, report = run({"INPUT": layer}, tmp_path)
    assert [e["row"] for e in errors(report, "geometry_outside_crs_area")] == [2]


def grid(shift_centre_right: float = 0.0) -> list:
    """3x3 squares of 100 m; the centre square's right edge moved by ``shift`` metres (<0: gap, >0: overlap)."""
    rows = []
    for j in range(3):
        for i in range(3):
            x, y = 700000 + 100 * i, 6600000 + 100 * j
            w = 100 + (shift_centre_right if (i, j) == (1, 1) else 0)
            rows.append((square(x, y, w), [f"{i}{j}"]))
    return rows


@pytest.mark.parametrize(
    "shift,tolerance,kind,expected",
    [
        (-1.0, 99.9, "partition_gaps", 1),  # 1 m x 100 m = 100 m² gap > 99.9
        (-1.0, 100.0, "partition_gaps", 0),  # not larger than the tolerance
        (0.5, 49.9, "partition_overlaps", 1),  # 0.5 x 100 = 50 m² overlap
        (0.5, 50.0, "partition_overlaps", 0),
        (0.0, 0.0, "partition_gaps", 0),  # a clean partition
    ],
)
def test_gap_and_overlap_tolerance(qgis_processing, terridata_provider, tmp_path, shift, tolerance, kind, expected):
    layer = memory_layer("Polygon", "code:string", grid(shift))
    result, report = run({"INPUT": layer, "PARTITION": True, "TOPOLOGY_TOLERANCE": tolerance}, tmp_path)
    found = errors(report, kind)
    assert len(found) == expected
    other = "partition_overlaps" if kind == "partition_gaps" else "partition_gaps"
    assert errors(report, other) == []
    if expected:
        area = found[0]["details"]["area_m2"]
        assert area == pytest.approx(100.0 if kind == "partition_gaps" else 50.0, rel=1e-6)
        areas = QgsVectorLayer(result["OUTPUT_AREAS"], "a", "ogr")
        polys = [f for f in areas.getFeatures() if f["check"] == kind]
        assert len(polys) == 1 and polys[0].geometry().area() == pytest.approx(area)
    if kind == "partition_overlaps" and expected:
        assert {found[0]["row"], found[0]["details"]["other_feature"]} == {5, 6}  # centre and its right neighbour


def test_partition_needs_polygons(qgis_processing, terridata_provider, tmp_path):
    layer = memory_layer("Point", "id:integer", [("POINT(700000 6600000)", [1])])
    with pytest.raises(QgsProcessingException, match="polygon"):
        run({"INPUT": layer, "PARTITION": True}, tmp_path)


# ------------------------------------------------------------------ attributes
def test_attribute_checks_each_side_of_thresholds(qgis_processing, terridata_provider, tmp_path):
    rows = []
    for i in range(100):
        name = f"n{i}" if i < 80 else None  # 80 % complete
        pop = 10 + (i % 9)  # 10..18: q1 12, q3 16 → fences 6 and 22
        rows.append((None, [i, name, pop, "2024-01-01", "A"]))
    rows[0][1][2] = 22  # exactly on the upper fence: not an outlier
    rows[1][1][2] = 22.5  # just beyond
    rows[2][1][3] = "2999-01-01"  # future
    rows[3][1][3] = "31/02/2024"  # does not parse
    rows[4][1][4] = "Z"  # outside the enum
    rows[5][1][0] = 6  # duplicate key with row 6
    layer = memory_layer("None", "id:integer,name:string,pop:double,d:string,cat:string", rows)
    params = {
        "INPUT": layer,
        "REQUIRED_FIELDS": ["name"],
        "COMPLETENESS_THRESHOLD": 80,
        "KEY_FIELDS": ["id"],
        "OUTLIER_FIELDS": ["pop"],
        "DATE_FIELDS": ["d"],
        "REFERENCE_DATE": "2025-01-01",
        "DOMAIN_RULES": json.dumps({"cat": {"enum": ["A", "B"]}, "pop": {"minimum": 10, "maximum": 22}}),
    }
    result, report = run(params, tmp_path)
    assert check(report, "completeness:name")["status"] == "passed"  # 80 % meets 80 %
    _, report81 = run({**params, "COMPLETENESS_THRESHOLD": 81}, tmp_path / "81")
    assert check(report81, "completeness:name")["status"] == "failed"
    assert len([e for e in errors(report81, "completeness:name") if e["type"] == "missing-cell"]) == 20
    assert check(report, "outliers:pop")["summary"]["upper_fence"] == pytest.approx(22.0)
    assert [e["value"] for e in errors(report, "outliers:pop")] == [22.5]
    assert [e["value"] for e in errors(report, "domain:pop")] == [22.5]  # maximum 22 inclusive
    assert [e["value"] for e in errors(report, "domain:cat")] == ["Z"]
    assert len(errors(report, "date_future:d")) == 1 and len(errors(report, "date_format:d")) == 1
    assert sorted(e["value"] for e in errors(report, "uniqueness:id")) == [6, 6]
    problems = QgsVectorLayer(result["OUTPUT"], "p", "ogr")
    assert problems.featureCount() == report["stats"]["problems"]
    assert not problems.isSpatial()


def test_bad_parameters_are_refused_clearly(qgis_processing, terridata_provider, tmp_path):
    layer = memory_layer("None", "a:string", [(None, ["x"])])
    with pytest.raises(QgsProcessingException, match="not valid JSON"):
        run({"INPUT": layer, "DOMAIN_RULES": "{a: 1"}, tmp_path)
    with pytest.raises(QgsProcessingException, match="Unknown domain rule"):
        run({"INPUT": layer, "DOMAIN_RULES": '{"a": {"max": 3}}'}, tmp_path)
    with pytest.raises(QgsProcessingException, match="reference date"):
        run({"INPUT": layer, "REFERENCE_DATE": "yesterday"}, tmp_path)
    bad_schema = tmp_path / "schema.json"
    bad_schema.write_text('{"fields": "nope"}', encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="Table Schema"):
        run({"INPUT": layer, "SCHEMA": str(bad_schema)}, tmp_path)


def test_table_schema_on_a_table(qgis_processing, terridata_provider, tmp_path):
    schema = FIXTURES / "irve_light_schema.json"
    rows = [
        (None, ["FRA001", "2A004", "150", "2024-01-31"]),
        (None, ["FRA001", "20004", "-1", "2024-13-01"]),  # duplicate pk, pattern, minimum, date type
        (None, ["", "97411", "abc", ""]),  # required id, number type
    ]
    layer = memory_layer("None", "id_pdc:string,code_insee:string,puissance:string,date_mise_en_service:string", rows)
    _, report = run({"INPUT": layer, "SCHEMA": str(schema)}, tmp_path)
    got = sorted((e["type"], e["row"], e["field"]) for e in report["errors"] if e["check"].startswith("schema:"))
    assert got == [
        ("constraint-error", 2, "code_insee"),
        ("constraint-error", 2, "puissance"),
        ("constraint-error", 3, "id_pdc"),
        ("primary-key", 2, "id_pdc"),  # row 2 (feature id) repeats FRA001
        ("primary-key", 3, "id_pdc"),  # empty primary key
        ("type-error", 2, "date_mise_en_service"),
        ("type-error", 3, "puissance"),
    ]
    assert report["valid"] is False


def test_codes_against_cog_with_successors(qgis_processing, terridata_provider, tmp_path):
    rows = [(None, [c]) for c in ("91228", "91182", "91222", "2A004", "96001", "97411", "9A122")]
    layer = memory_layer("None", "code:string", rows)
    _, report = run({"INPUT": layer, "CODE_FIELD": "code", "COG_VINTAGE": 2024}, tmp_path)
    obsolete = {e["value"]: e["details"]["successors"] for e in errors(report, "code_obsolete:code")}
    # Courcouronnes and Estouches, merged into Évry-Courcouronnes and Le Mérévillois
    assert obsolete == {"91182": ["91228"], "91222": ["91390"]}
    assert [e["value"] for e in errors(report, "code_unknown:code")] == ["96001"]
    assert [e["value"] for e in errors(report, "code_format:code")] == ["9A122"]


# ------------------------------------------------------------------ the real communes
def checkvalidity_id() -> str:
    """QGIS's own validity check: ``native:checkvalidity`` (C++, QGIS >= 3.28) or ``qgis:checkvalidity`` (3.22)."""
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    return next(a for a in ("native:checkvalidity", "qgis:checkvalidity") if registry.algorithmById(a) is not None)


@pytest.fixture(scope="module")
def communes_2154(shared_data, tmp_path_factory) -> Path:
    """Every commune of the 2018 boundaries (101 départements) in one GeoPackage, reprojected to Lambert-93."""
    from osgeo import gdal, ogr, osr

    gdal.UseExceptions()
    target = tmp_path_factory.mktemp("communes") / "communes2154.gpkg"
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    l93 = osr.SpatialReference()
    l93.ImportFromEPSG(2154)
    transform = osr.CoordinateTransformation(wgs84, l93)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(target))
    layer = ds.CreateLayer("communes", l93, ogr.wkbMultiPolygon)
    layer.CreateField(ogr.FieldDefn("code", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("nom", ogr.OFTString))
    ds.StartTransaction()
    for path in sorted((shared_data / "communes-2018").glob("*.geojson.gz")):
        src = ogr.Open(f"/vsigzip/{path}")
        for feat in src.GetLayer():
            geom = feat.GetGeometryRef().Clone()
            geom.Transform(transform)
            out = ogr.Feature(layer.GetLayerDefn())
            out.SetField("code", feat.GetField("code"))
            out.SetField("nom", feat.GetField("nom"))
            out.SetGeometry(ogr.ForceToMultiPolygon(geom))
            layer.CreateFeature(out)
    ds.CommitTransaction()
    ds = None
    return target


def test_real_communes_full_report(qgis_processing, terridata_provider, communes_2154, tmp_path):
    import processing

    layer = QgsVectorLayer(f"{communes_2154}|layername=communes", "communes", "ogr")
    assert layer.featureCount() == 35357
    start = time.perf_counter()
    result, report = run(
        {
            "INPUT": layer,
            "PARTITION": True,
            "TOPOLOGY_TOLERANCE": 1.0,
            "KEY_FIELDS": ["code"],
            "REQUIRED_FIELDS": ["nom"],
            "CODE_FIELD": "code",
            "COG_VINTAGE": 2024,
            "DATA_VINTAGE": 2018,
        },
        tmp_path,
    )
    # Timing is printed for information only (a busy CI machine must not fail a correctness test).
    print(f"full quality report of {layer.featureCount()} communes: {time.perf_counter() - start:.1f} s")

    # invalid geometries: same count as QGIS's own native:checkvalidity, GEOS and QGIS methods
    no_check = {"INPUT_LAYER": layer, "VALID_OUTPUT": "TEMPORARY_OUTPUT", "INVALID_OUTPUT": "TEMPORARY_OUTPUT"}
    native_geos = processing.run(checkvalidity_id(), {**no_check, "METHOD": 2})
    native_qgis = processing.run(checkvalidity_id(), {**no_check, "METHOD": 1})
    geos = errors(report, "geometry_validity_geos")
    assert native_geos["INVALID_COUNT"] >= 1
    assert len(geos) == native_geos["INVALID_COUNT"]
    assert len({e["row"] for e in errors(report, "geometry_validity_qgis")}) == native_qgis["INVALID_COUNT"]
    # reasons and locations: the location lies on the invalid feature's boundary
    for e in geos:
        assert e["value"]  # the reason, e.g. "Ring self-intersection"
        feat = layer.getFeature(e["row"])
        point = QgsGeometry.fromPointXY(QgsPointXY(e["details"]["x"], e["details"]["y"]))
        assert feat.geometry().distance(point) < 1e-6
    # the overseas communes reprojected to Lambert-93 are outside its area of use, and only them
    outside = {layer.getFeature(e["row"])["code"][:3] for e in errors(report, "geometry_outside_crs_area")}
    assert outside == {"971", "972", "973", "974", "976"}
    # the 2018 codes against the 2024 COG: the merged communes flagged with their successors
    obsolete = errors(report, "code_obsolete:code")
    assert len(obsolete) > 400 and all(e["details"]["successors"] for e in obsolete)
    assert errors(report, "code_unknown:code") == [] and errors(report, "uniqueness:code") == []
    # partition: the two large holes of the 2018 boundaries (water bodies outside any commune)
    gaps = sorted(e["details"]["area_m2"] for e in errors(report, "partition_gaps"))
    assert len(gaps) >= 1 and all(g > 1.0 for g in gaps)
    assert report["stats"]["rows"] == 35357
    problems = QgsVectorLayer(result["OUTPUT"], "p", "ogr")
    assert problems.featureCount() == report["stats"]["problems"]


def test_gaps_match_a_full_union_on_one_departement(qgis_processing, terridata_provider, communes_2154, tmp_path):
    """Cross-check of the fast gap search (unshared edges) against the plain GEOS union of every polygon."""
    layer = QgsVectorLayer(f"{communes_2154}|layername=communes", "communes", "ogr")
    layer.setSubsetString("code LIKE '13%' OR code LIKE '84%' OR code LIKE '30%'")  # around the Étang de Berre
    _, report = run({"INPUT": layer, "PARTITION": True, "TOPOLOGY_TOLERANCE": 1.0}, tmp_path)
    geoms = []
    for f in layer.getFeatures():
        g = f.geometry()
        geoms.append(g if g.isGeosValid() else g.makeValid())
    union = QgsGeometry.unaryUnion(geoms)
    holes = []
    for part in union.asGeometryCollection():
        for ring in part.asPolygon()[1:]:
            area = QgsGeometry.fromPolygonXY([ring]).area()
            if area > 1.0:
                holes.append(area)
    found = [e["details"]["area_m2"] for e in errors(report, "partition_gaps")]
    assert sorted(found) == pytest.approx(sorted(holes))
    assert any(a > 1.5e8 for a in found)  # the Étang de Berre, 155 km²


def test_html_report_opens_in_chromium(qgis_processing, terridata_provider, tmp_path, sample_gpkg):
    from qgis.PyQt.QtGui import QImage

    layer = QgsVectorLayer(f"{sample_gpkg}|layername=communes", "communes", "ogr")
    result, report = run(
        {"INPUT": layer, "PARTITION": True, "CODE_FIELD": "code", "OUTLIER_FIELDS": ["population_2021"]}, tmp_path
    )
    html = Path(result["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert "http" not in html and "<script" not in html
    png = tmp_path / "report.png"
    done = subprocess.run(
        [
            "/usr/bin/chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'chromium'}",
            f"--screenshot={png}",
            "--window-size=1280,2000",
            Path(result["OUTPUT_HTML"]).as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert png.exists(), done.stderr[-2000:]
    assert png.stat().st_size > 20_000
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1280, 2000)
    # not a blank page: some dark (text) pixels in the top part
    dark = sum(1 for y in range(0, 600, 3) for x in range(0, 1280, 3) if _lightness(image.pixel(x, y)) < 100)
    assert dark > 500
    keep = Path(__file__).resolve().parents[2] / ".build" / "quality_report_screenshot.png"
    keep.parent.mkdir(exist_ok=True)
    keep.write_bytes(png.read_bytes())  # for a person to look at


def _lightness(rgb: int) -> int:
    r, g, b = (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF
    return (max(r, g, b) + min(r, g, b)) // 2


def test_quality_report_from_qgis_process(qgis_process_profile, tmp_path, sample_gpkg):
    from qgis_process_helper import run_qgis_process

    out_json = tmp_path / "r.json"
    result = run_qgis_process(
        "terridata:quality_report",
        {
            "INPUT": f"{sample_gpkg}|layername=communes",
            "PARTITION": True,
            "KEY_FIELDS": "code",
            "CODE_FIELD": "code",
            "OUTPUT": str(tmp_path / "p.gpkg"),
            "OUTPUT_AREAS": str(tmp_path / "a.gpkg"),
            "OUTPUT_JSON": str(out_json),
            "OUTPUT_HTML": str(tmp_path / "r.html"),
        },
    )
    report = json.loads(out_json.read_text(encoding="utf-8"))
    assert result["results"]["PROBLEMS"] == report["stats"]["problems"]
    assert report["stats"]["rows"] == 194
    assert {c["id"] for c in report["checks"]} >= {"geometry_validity_geos", "partition_gaps", "code_obsolete:code"}
    assert (tmp_path / "r.html").stat().st_size > 1000


def test_repair_real_communes_leaves_no_invalid(qgis_processing, terridata_provider, communes_2154, tmp_path):
    import processing

    layer = QgsVectorLayer(f"{communes_2154}|layername=communes", "communes", "ogr")
    check_id = checkvalidity_id()
    invalid_geos = processing.run(
        check_id,
        {"INPUT_LAYER": layer, "METHOD": 2, "VALID_OUTPUT": "TEMPORARY_OUTPUT", "INVALID_OUTPUT": "TEMPORARY_OUTPUT"},
    )["INVALID_COUNT"]
    assert invalid_geos >= 1
    result = processing.run(
        "terridata:repair_geometries",
        {"INPUT": layer, "OUTPUT": str(tmp_path / "fixed.gpkg"), "OUTPUT_JSON": str(tmp_path / "repair.json")},
    )
    assert result["INVALID_AFTER"] == 0
    assert result["REPAIRED"] >= invalid_geos
    fixed = QgsVectorLayer(result["OUTPUT"], "fixed", "ogr")
    assert fixed.featureCount() == layer.featureCount()
    for method in (1, 2):
        after = processing.run(
            check_id,
            {
                "INPUT_LAYER": fixed,
                "METHOD": method,
                "VALID_OUTPUT": "TEMPORARY_OUTPUT",
                "INVALID_OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
        assert after["INVALID_COUNT"] == 0, method
    # the repair of a ring self-intersection (simplification artefact) changes the area very little
    report = json.loads(Path(result["OUTPUT_JSON"]).read_text(encoding="utf-8"))
    repaired = [e for e in report["errors"] if e["type"] == "geometry-repaired"]
    assert len(repaired) == result["REPAIRED"]
    assert abs(result["AREA_CHANGE"]) < 1e4


def test_cancel_stops_and_writes_nothing(qgis_processing, terridata_provider, communes_2154, tmp_path):
    from qgis.core import QgsProcessingFeedback

    import processing

    class CancelEarly(QgsProcessingFeedback):
        after_cancel = []  # progress reported once cancelled: an algorithm that stops reports little more

        def setProgress(self, progress):  # noqa: N802
            super().setProgress(progress)
            if self.isCanceled():
                self.after_cancel.append(progress)
            elif progress > 1:
                self.cancel()

    feedback = CancelEarly()
    layer = QgsVectorLayer(f"{communes_2154}|layername=communes", "communes", "ogr")
    try:
        result = processing.run(
            "terridata:quality_report",
            {
                "INPUT": layer,
                "PARTITION": True,
                "OUTPUT_JSON": str(tmp_path / "r.json"),
                "OUTPUT_HTML": str(tmp_path / "r.html"),
            },
            feedback=feedback,
        )
    except QgsProcessingException:
        result = {}
    assert feedback.isCanceled()
    assert "OUTPUT_JSON" not in result
    assert not (tmp_path / "r.json").exists() and not (tmp_path / "r.html").exists()
    assert max(feedback.after_cancel, default=0) < 50, "the report went on after it was cancelled"


# ------------------------------------------------------------------ issue 16, point 14
def _outputs(tmp_path: Path) -> dict:
    return {
        "OUTPUT": str(tmp_path / "problems.gpkg"),
        "OUTPUT_AREAS": str(tmp_path / "areas.gpkg"),
        "OUTPUT_JSON": str(tmp_path / "report.json"),
        "OUTPUT_HTML": str(tmp_path / "report.html"),
    }


@pytest.mark.parametrize("pattern", ["[0-9", "(?P<x", "*x"])
def test_invalid_domain_pattern_is_refused_naming_the_rule(qgis_processing, terridata_provider, tmp_path, pattern):
    import processing

    layer = memory_layer("None", "code:string", [(None, ["01001"])])
    rules = json.dumps({"code": {"pattern": pattern}})
    with pytest.raises(QgsProcessingException) as caught:
        processing.run("terridata:quality_report", {"INPUT": layer, "DOMAIN_RULES": rules, **_outputs(tmp_path)})
    message = str(caught.value)
    assert "'pattern' of field 'code'" in message and pattern in message and "not a valid regular expression" in message
    assert "re.error" not in message and "Traceback" not in message
    assert list(tmp_path.iterdir()) == []


def test_invalid_table_schema_pattern_is_refused_naming_the_field(qgis_processing, terridata_provider, tmp_path):
    import processing

    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"fields": [{"name": "code", "constraints": {"pattern": "[0-9"}}]}), "utf-8")
    layer = memory_layer("None", "code:string", [(None, ["01001"])])
    out = tmp_path / "out"
    with pytest.raises(QgsProcessingException) as caught:
        processing.run("terridata:quality_report", {"INPUT": layer, "SCHEMA": str(schema), **_outputs(out)})
    message = str(caught.value)
    assert "Table Schema cannot be used" in message and "field 'code'" in message and "'[0-9'" in message
    assert not out.exists()


def test_domain_rules_message_shows_single_braces(qgis_processing, terridata_provider, tmp_path):
    import processing

    layer = memory_layer("None", "a:string", [(None, ["x"])])
    with pytest.raises(QgsProcessingException) as caught:
        processing.run("terridata:quality_report", {"INPUT": layer, "DOMAIN_RULES": "[1, 2]", **_outputs(tmp_path)})
    message = str(caught.value)
    assert '{"field": {rule}}' in message and '{"pop": {"minimum": 0}}' in message
    assert "{{" not in message and "{rule}}}" not in message


def test_empty_layer_is_not_valid(qgis_processing, terridata_provider, tmp_path):
    layer = memory_layer("Point", "a:string", [])
    result, report = run({"INPUT": layer}, tmp_path)
    assert result["VALID"] is False and report["valid"] is False
    assert check(report, "dataset_not_empty")["status"] == "failed"
    assert [e["type"] for e in errors(report, "dataset_not_empty")] == ["dataset-empty"]
    table = memory_layer("None", "a:string", [])
    result, _ = run({"INPUT": table}, tmp_path / "table")
    assert result["VALID"] is False


def test_layer_without_crs_is_not_valid(qgis_processing, terridata_provider, tmp_path):
    layer = QgsVectorLayer("Point?field=a:string", "no_crs", "memory")
    feature = QgsFeature(layer.fields())
    feature.setAttributes(["x"])
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(652000, 6862000)))
    assert layer.dataProvider().addFeatures([feature])
    layer.setCrs(QgsCoordinateReferenceSystem())  # a memory layer defaults to EPSG:4326; a .shp without .prj has none
    assert not layer.crs().isValid()
    result, report = run({"INPUT": layer}, tmp_path)
    assert result["VALID"] is False
    assert [e["type"] for e in errors(report, "crs_defined")] == ["crs-missing"]
    # the same layer with a CRS is valid
    layer.setCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    result, report = run({"INPUT": layer}, tmp_path / "with_crs")
    assert result["VALID"] is True and errors(report, "crs_defined") == []


def test_codes_not_written_as_insee_writes_them_fail_the_format_check(qgis_processing, terridata_provider, tmp_path):
    # 91182 (Courcouronnes) merged into 91228 in 2019: the successor is found from the normalised code
    values = ["1001", " 91377 ", "91377.0", "01001", "91377", " 91182", "2a004"]
    layer = memory_layer("None", "code:string", [(None, [v]) for v in values])
    result, report = run({"INPUT": layer, "CODE_FIELD": "code", "COG_VINTAGE": 2024}, tmp_path)
    badly_written = sorted(e["value"] for e in errors(report, "code_format:code"))
    assert badly_written == sorted(["1001", " 91377 ", "91377.0", " 91182", "2a004"])
    assert result["VALID"] is False
    obsolete = {e["value"]: e["details"]["successors"] for e in errors(report, "code_obsolete:code")}
    assert obsolete == {"91182": ["91228"]}
    assert errors(report, "code_unknown:code") == []
    assert any("write it '01001'" in e["message"] for e in errors(report, "code_format:code"))


def test_real_numbers_as_codes_fail_the_format_check(qgis_processing, terridata_provider, tmp_path):
    layer = memory_layer("None", "code:double", [(None, [91377.0]), (None, [1001.0])])
    result, report = run({"INPUT": layer, "CODE_FIELD": "code"}, tmp_path)
    assert sorted(e["value"] for e in errors(report, "code_format:code")) == ["1001.0", "91377.0"]
    assert errors(report, "code_unknown:code") == [] and result["VALID"] is False
