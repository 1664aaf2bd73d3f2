"""The Processing contract of the confidentiality algorithms and their answers to hostile inputs (issues 16, 17).

Each refusal is checked on its message, on the exit (an exception), and on the output paths: files that were there
before keep their bytes and their modification time, and nothing new appears.
"""

from __future__ import annotations

import datetime
import importlib
import json
import math
import os
from pathlib import Path

import pytest
from osgeo import gdal, ogr, osr
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

ALGORITHMS = ("anonymised_export", "secret_statistique", "protective_grid", "geomask_points")
EARLIER = datetime.datetime(2024, 1, 2, 3, 4).timestamp()  # the mtime given to an "earlier run"'s files


def outputs(folder, stem, ext="gpkg"):
    return {
        "OUTPUT": str(folder / f"{stem}.{ext}"),
        "REPORT_HTML": str(folder / f"{stem}_report.html"),
        "REPORT_JSON": str(folder / f"{stem}_report.json"),
    }


def earlier_run(out: dict) -> dict:
    """Files left at the output paths by an earlier run: ``{path: (bytes, mtime_ns)}``."""
    for name, path in out.items():
        Path(path).write_bytes(f"earlier {name}".encode())
        os.utime(path, (EARLIER, EARLIER))
    return snapshot(out.values())


def snapshot(paths) -> dict:
    return {str(p): (Path(p).read_bytes(), Path(p).stat().st_mtime_ns) for p in paths if Path(p).exists()}


def folder_listing(folder) -> list:
    return sorted(p.name for p in Path(folder).iterdir())


def assert_refused_untouched(run, out, match, folder):
    """``run()`` refuses with ``match``; the earlier files at ``out`` are untouched and named with their date."""
    before = earlier_run(out)
    listing = folder_listing(folder)
    with pytest.raises(QgsProcessingException, match=match) as refused:
        run()
    message = str(refused.value)
    assert snapshot(out.values()) == before
    assert folder_listing(folder) == listing  # no temporary file, no new file
    assert "Nothing was written" in message and "left untouched" in message
    when = datetime.datetime.fromtimestamp(EARLIER).isoformat(timespec="minutes")
    for path in out.values():
        assert f"{Path(path).name} ({when})" in message
    assert "Traceback" not in message
    return message


def memory_points(name, crs, coordinates, fields=(), values=None):
    """A memory point layer; ``coordinates`` items are ``(x, y)``, ``None`` (NULL geometry) or ``"empty"``."""
    layer = QgsVectorLayer(f"Point?crs={crs}", name, "memory")
    provider = layer.dataProvider()
    provider.addAttributes([QgsField(f, kind) for f, kind in fields])
    layer.updateFields()
    features = []
    for i, xy in enumerate(coordinates):
        feature = QgsFeature(layer.fields())
        if xy == "empty":
            feature.setGeometry(QgsGeometry.fromWkt("POINT EMPTY"))
        elif xy is not None:
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*xy)))
        if values is not None:
            feature.setAttributes(list(values[i]))
        features.append(feature)
    assert provider.addFeatures(features)[0]
    return layer


def write_csv(path, header, rows):
    path.write_text("\n".join([header] + [",".join(map(str, r)) for r in rows]) + "\n", encoding="utf-8")
    return path


def write_points_geojson(path, points, properties=None):
    features = []
    for i, (x, y) in enumerate(points):
        features.append(
            {
                "type": "Feature",
                "properties": properties[i] if properties else {},
                "geometry": {"type": "Point", "coordinates": [x, y]},
            }
        )
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3035"}},
        "features": features,
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def cluster(x0, y0, n, step=5.0):
    return [(x0 + step * (i % 10), y0 + step * (i // 10)) for i in range(n)]


# ------------------------------------------------------------------------------------ 17.9 sinks and chaining


def test_data_outputs_are_feature_sinks_and_reports_are_files(qgis_processing, terridata_provider):
    registry = QgsApplication.processingRegistry()
    for name in ALGORITHMS:
        alg = registry.algorithmById(f"terridata:{name}")
        assert isinstance(alg.parameterDefinition("OUTPUT"), QgsProcessingParameterFeatureSink), name
        for report in ("REPORT_HTML", "REPORT_JSON"):
            assert isinstance(alg.parameterDefinition(report), QgsProcessingParameterFileDestination), name


def test_temporary_outputs_stay_temporary_and_chain(qgis_processing, terridata_provider, tmp_path):
    """geomask_points → protective_grid through TEMPORARY_OUTPUT, as a model chains them: no file is written."""
    import processing

    points = cluster(3_760_010.0, 2_890_010.0, 40, step=4.0)
    reference = cluster(3_759_900.0, 2_889_900.0, 100, step=30.0)
    pts = write_points_geojson(tmp_path / "pts.geojson", points)
    ref = write_points_geojson(tmp_path / "ref.geojson", reference)
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    reports = {"REPORT_HTML": str(tmp_path / "m.html"), "REPORT_JSON": str(tmp_path / "m.json")}
    masked = processing.run(
        "terridata:geomask_points",
        {"INPUT": str(pts), "REFERENCE": str(ref), "MIN_K": 3, "OUTPUT": "TEMPORARY_OUTPUT", **reports},
        context=context,
        feedback=feedback,
    )
    layer = masked["OUTPUT"]
    layer = layer if isinstance(layer, QgsVectorLayer) else context.getMapLayer(layer)
    assert layer is not None and layer.providerType() == "memory"
    assert layer.featureCount() == masked["POINTS_EXPORTED"] == 40
    grid_reports = {"REPORT_HTML": str(tmp_path / "g.html"), "REPORT_JSON": str(tmp_path / "g.json")}
    grid = processing.run(
        "terridata:protective_grid",
        {"INPUT": layer, "OUTPUT": "TEMPORARY_OUTPUT", **grid_reports},
        context=context,
        feedback=feedback,
    )
    grid_layer = grid["OUTPUT"]
    grid_layer = grid_layer if isinstance(grid_layer, QgsVectorLayer) else context.getMapLayer(grid_layer)
    assert grid_layer.providerType() == "memory"
    units = sum(f["units"] for f in grid_layer.getFeatures())
    assert units == 40 and grid_layer.featureCount() == grid["CELLS"] >= 1
    assert folder_listing(tmp_path) == sorted(["pts.geojson", "ref.geojson", "m.html", "m.json", "g.html", "g.json"])


# ------------------------------------------------------------------------------------ 17.10 GDAL's global state


@pytest.mark.parametrize("mode", [False, True])
def test_gdal_exception_mode_is_left_as_it_was(qgis_processing, terridata_provider, tmp_path, mode):
    import processing
    from terridata.processing.algorithms import _privacy_io

    modules = (gdal, ogr, osr)
    before = [m.GetUseExceptions() for m in modules]
    try:
        for m in modules:
            m.UseExceptions() if mode else m.DontUseExceptions()
        importlib.reload(_privacy_io)  # what the provider does at start-up
        assert [bool(m.GetUseExceptions()) for m in modules] == [mode] * 3
        pts = write_points_geojson(tmp_path / "pts.geojson", cluster(3_760_010.0, 2_890_010.0, 30))
        processing.run("terridata:protective_grid", {"INPUT": str(pts), **outputs(tmp_path, "grid")})
        with pytest.raises(QgsProcessingException):  # a refused run (text weights) restores it too
            processing.run(
                "terridata:protective_grid", {"INPUT": str(tmp_path / "missing.geojson"), **outputs(tmp_path, "no")}
            )
        assert [bool(m.GetUseExceptions()) for m in modules] == [mode] * 3
    finally:
        for m, was in reversed(list(zip(modules, before))):
            m.UseExceptions() if was else m.DontUseExceptions()


# ------------------------------------------------------------------------------------ 16.2 / 16.15 refusals


@pytest.fixture()
def reports_csv(tmp_path):
    """120 records: 4 groups of 30 (k = 11 is met) whose sensitive value is the same within a group."""
    rows = [(f"g{i % 4}", f"s{i % 4}", 30 + i % 50) for i in range(120)]
    return write_csv(tmp_path / "records.csv", "grp,s,age", rows)


def test_k_refusal_leaves_earlier_files_untouched(qgis_processing, terridata_provider, reports_csv, tmp_path):
    import processing

    out = outputs(tmp_path, "anon")
    params = {"INPUT": str(reports_csv), "AUTO_DETECT": False, "CATEGORICAL_QI_FIELDS": ["grp"], "K": 200, **out}
    message = assert_refused_untouched(
        lambda: processing.run("terridata:anonymised_export", params), out, "k = 200 cannot be met", tmp_path
    )
    assert "only 120 records" in message


def test_missing_auth_configuration_refused_before_the_search(
    qgis_processing, terridata_provider, reports_csv, tmp_path
):
    import processing

    out = outputs(tmp_path, "anon")
    params = {
        "INPUT": str(reports_csv),
        "AUTO_DETECT": False,
        "CATEGORICAL_QI_FIELDS": ["grp"],
        "DIRECT_IDENTIFIERS": ["s"],
        "DIRECT_ACTION": 1,
        "AUTHCFG": "nokey42",
        "K": 200,  # would be refused by the search too: the configuration is checked first
        **out,
    }
    message = assert_refused_untouched(
        lambda: processing.run("terridata:anonymised_export", params), out, "nokey42", tmp_path
    )
    assert "cannot be met" not in message


def test_l_diversity_blocker_gets_l_advice(qgis_processing, terridata_provider, reports_csv, tmp_path):
    import processing

    out = outputs(tmp_path, "anon", "csv")
    params = {
        "INPUT": str(reports_csv),
        "AUTO_DETECT": False,
        "CATEGORICAL_QI_FIELDS": ["grp"],
        "SENSITIVE_FIELD": "s",
        "L": 2,
        **out,
    }
    message = assert_refused_untouched(
        lambda: processing.run("terridata:anonymised_export", params), out, "l = 2 cannot be met", tmp_path
    )
    assert "k = 11 alone could be" in message
    assert "smaller k" not in message and "set l to 1" in message
    # the same data with l = 1 is exported: k was never the blocker
    del params["SENSITIVE_FIELD"]
    result = processing.run("terridata:anonymised_export", params)
    assert result["RECORDS_EXPORTED"] == 120 and result["K_ACHIEVED"] == 30


def test_empty_input_is_refused_without_empty_advice(qgis_processing, terridata_provider, tmp_path):
    import processing

    empty = write_csv(tmp_path / "empty.csv", "grp,s", [])
    out = outputs(tmp_path, "anon")
    message = assert_refused_untouched(
        lambda: processing.run("terridata:anonymised_export", {"INPUT": str(empty), **out}),
        out,
        "holds no record",
        tmp_path,
    )
    assert "What would work" not in message


def test_unwritable_report_folder_writes_nothing(qgis_processing, terridata_provider, tmp_path):
    import processing

    pts = write_points_geojson(tmp_path / "pts.geojson", cluster(3_760_010.0, 2_890_010.0, 30))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder is expected", encoding="utf-8")
    out = {
        "OUTPUT": str(tmp_path / "grid.gpkg"),
        "REPORT_HTML": str(blocker / "report.html"),
        "REPORT_JSON": str(tmp_path / "report.json"),
    }
    listing = folder_listing(tmp_path)
    with pytest.raises(QgsProcessingException, match="(?i)cannot write|not a directory|folder") as refused:
        processing.run("terridata:protective_grid", {"INPUT": str(pts), **out})
    assert "Traceback" not in str(refused.value)
    assert folder_listing(tmp_path) == listing  # neither the grid nor the JSON report
    # an output layer that cannot be created: the reports written meanwhile are not committed
    out = {
        "OUTPUT": str(blocker / "grid.gpkg"),
        "REPORT_HTML": str(tmp_path / "report.html"),
        "REPORT_JSON": str(tmp_path / "report.json"),
    }
    with pytest.raises(QgsProcessingException):
        processing.run("terridata:protective_grid", {"INPUT": str(pts), **out})
    assert folder_listing(tmp_path) == listing


# ------------------------------------------------------------------------------------ 16.3 output over an input


def two_layer_gpkg(path):
    driver = ogr.GetDriverByName("GPKG")
    ds = driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3035)
    for name in ("records", "other"):
        layer = ds.CreateLayer(name, srs, ogr.wkbPoint)
        layer.CreateField(ogr.FieldDefn("grp", ogr.OFTString))
        for i in range(40):
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetField("grp", f"g{i % 2}")
            feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({3_760_000 + i} {2_890_000 + i})"))
            layer.CreateFeature(feature)
    ds = None
    return path


def test_output_into_the_input_geopackage_is_refused(qgis_processing, terridata_provider, tmp_path):
    import processing

    gpkg = two_layer_gpkg(tmp_path / "input.gpkg")
    before = snapshot([gpkg])
    out = {**outputs(tmp_path, "anon"), "OUTPUT": str(gpkg)}
    with pytest.raises(QgsProcessingException, match="would overwrite the input") as refused:
        processing.run(
            "terridata:anonymised_export",
            {"INPUT": f"{gpkg}|layername=records", "CATEGORICAL_QI_FIELDS": ["grp"], **out},
        )
    assert "input.gpkg" in str(refused.value)
    assert snapshot([gpkg]) == before
    assert folder_listing(tmp_path) == ["input.gpkg"]


def test_a_new_table_in_the_input_geopackage_keeps_its_layers(qgis_processing, terridata_provider, tmp_path):
    """``ogr:dbname=… table=…`` adds one table to a GeoPackage (as make demo does): the input's layers stay whole."""
    import processing

    gpkg = two_layer_gpkg(tmp_path / "input.gpkg")
    out = {**outputs(tmp_path, "anon"), "OUTPUT": f"ogr:dbname='{gpkg}' table=\"anonymised\" (geom)"}
    processing.run(
        "terridata:anonymised_export",
        {"INPUT": f"{gpkg}|layername=records", "CATEGORICAL_QI_FIELDS": ["grp"], **out},
    )
    ds = ogr.Open(str(gpkg))
    counts = {ds.GetLayer(i).GetName(): ds.GetLayer(i).GetFeatureCount() for i in range(ds.GetLayerCount())}
    ds = None
    assert counts["records"] == 40 and counts["other"] == 40 and "anonymised" in counts


def test_secret_statistique_outputs_over_the_input_or_each_other_are_refused(
    qgis_processing, terridata_provider, tmp_path
):
    import processing

    units = write_csv(tmp_path / "units.csv", "commune,category", [("35238", "a")] * 30)
    before = snapshot([units])
    base = {"INPUT": str(units), "TERRITORY_FIELD": "commune", "CATEGORY_FIELD": "category"}
    cases = [
        ({**outputs(tmp_path, "t", "csv"), "OUTPUT": str(units)}, "would overwrite the input"),
        ({**outputs(tmp_path, "t", "csv"), "REPORT_HTML": str(units)}, "would overwrite the input"),
        ({**outputs(tmp_path, "t", "json"), "REPORT_JSON": str(tmp_path / "t.json")}, "point to the same file"),
    ]
    for out, match in cases:
        with pytest.raises(QgsProcessingException, match=match):
            processing.run("terridata:secret_statistique", {**base, **out})
        assert snapshot([units]) == before
        assert folder_listing(tmp_path) == ["units.csv"]


# ------------------------------------------------------------------------------------ 16.8 protective grid


def test_protective_grid_never_publishes_a_cell_from_invalid_coordinates(qgis_processing, terridata_provider, tmp_path):
    import processing

    valid = cluster(3_760_010.0, 2_890_010.0, 15)  # one 200 m cell: E3760000 N2890000
    unusable = [None, "empty", (math.inf, math.inf), (math.nan, 2_890_010.0)]
    outside = [(1e15, 1e15), (1e308, 1e308), (-1e308, 5.0), (0.0, 0.0), (3_760_010.0, 8_000_000.0)]
    layer = memory_points("hostile", "EPSG:3035", valid + unusable + outside)
    out = outputs(tmp_path, "grid")
    feedback = QgsProcessingFeedback()
    result = processing.run("terridata:protective_grid", {"INPUT": layer, **out}, feedback=feedback)
    ds = ogr.Open(out["OUTPUT"])
    cells = [(f.GetField("id"), f.GetField("units")) for f in ds.GetLayer(0)]
    assert cells == [("CRS3035RES200mN2890000E3760000", 15)] and result["CELLS"] == 1
    report = json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))
    measures = report["measures"]
    assert measures["points without usable coordinates (excluded)"] == len(unusable)
    assert measures["points outside every grid's area (excluded)"] == len(outside)
    assert measures["units excluded"] == len(unusable) + len(outside)
    assert "are excluded" in feedback.textLog()


# ------------------------------------------------------------------------------------ 16.10 / 16.16 geomask


def reference_polygons(with_bad=True):
    """Squares of 100 m with 20 people each around the points, plus a NULL and an empty geometry."""
    layer = QgsVectorLayer("Polygon?crs=EPSG:3035", "reference", "memory")
    layer.dataProvider().addAttributes([QgsField("pop", QVariant.Int)])
    layer.updateFields()
    features = []
    for i in range(10):
        for j in range(10):
            x, y = 3_759_500 + 100 * i, 2_889_500 + 100 * j
            feature = QgsFeature(layer.fields())
            feature.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + 100} {y},{x + 100} {y + 100},{x} {y})))"))
            feature.setAttributes([20])
            features.append(feature)
    if with_bad:
        for wkt in (None, "POLYGON EMPTY"):
            feature = QgsFeature(layer.fields())
            if wkt:
                feature.setGeometry(QgsGeometry.fromWkt(wkt))
            feature.setAttributes([20])
            features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


def test_geomask_with_infinite_points_and_null_reference_polygons(qgis_processing, terridata_provider, tmp_path):
    import processing

    valid = cluster(3_760_000.0, 2_890_000.0, 20, step=10.0)
    points = memory_points("points", "EPSG:3035", valid + [(math.inf, math.inf), (1e308, 1e308), None])
    out = outputs(tmp_path, "masked")
    result = processing.run(
        "terridata:geomask_points",
        {
            "INPUT": points,
            "REFERENCE": reference_polygons(),
            "REFERENCE_COUNT_FIELD": "pop",
            "MIN_K": 11,
            "SUPPRESSION_BUDGET": 20.0,
            **out,
        },
    )
    assert result["POINTS_EXPORTED"] == 20
    ds = ogr.Open(out["OUTPUT"])
    for feature in ds.GetLayer(0):
        x, y = feature.GetGeometryRef().GetX(), feature.GetGeometryRef().GetY()
        assert math.isfinite(x) and math.isfinite(y) and abs(x - 3_760_050) < 600 and abs(y - 2_890_010) < 600
    measures = json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))["measures"]
    assert measures["points without usable location (not exported)"] == 3
    assert measures["reference features without usable location (ignored)"] == 2
    assert measures["reference units"] == 100 * 20


def test_text_count_and_weight_fields_are_refused(qgis_processing, terridata_provider, tmp_path):
    import processing

    valid = cluster(3_760_000.0, 2_890_000.0, 20, step=10.0)
    props = [{"w": "x" if i % 3 else "2"} for i in range(20)]
    pts = write_points_geojson(tmp_path / "pts.geojson", valid, props)
    out = outputs(tmp_path, "grid")
    message = assert_refused_untouched(
        lambda: processing.run("terridata:protective_grid", {"INPUT": str(pts), "WEIGHT_FIELD": "w", **out}),
        out,
        "non-negative numbers",
        tmp_path,
    )
    assert "row 2 ('x')" in message
    ref = write_points_geojson(tmp_path / "ref.geojson", valid, [{"pop": "many"} for _ in valid])
    out = outputs(tmp_path, "masked")
    message = assert_refused_untouched(
        lambda: processing.run(
            "terridata:geomask_points",
            {"INPUT": str(pts), "REFERENCE": str(ref), "REFERENCE_COUNT_FIELD": "pop", **out},
        ),
        out,
        "population count field pop",
        tmp_path,
    )
    assert "20 rows do not" in message and "row 1 ('many')" in message


# ------------------------------------------------------------------------------------ 16.11 secret statistique


@pytest.mark.parametrize(
    ("rows", "extra", "match", "named"),
    [
        ([("35238", "a", 1, "1e308")] * 20, {"AMOUNT_FIELD": "amount"}, "below 2\\^53", "row 1 ('1e308')"),
        (
            [("35238", "a", 1, 10)] * 20 + [("35238", "b", "x", 10), ("35238", "b", "13.5", 10)],
            {"COUNT_FIELD": "n"},
            "whole, non-negative numbers of units",
            "row 21 ('x'), row 22 ('13.5')",
        ),
    ],
    ids=["amount overflow", "text and fractional counts"],
)
def test_secret_statistique_refuses_values_it_cannot_count(
    qgis_processing, terridata_provider, tmp_path, rows, extra, match, named
):
    import processing

    units = write_csv(tmp_path / "units.csv", "commune,category,n,amount", rows)
    out = outputs(tmp_path, "table", "csv")
    params = {"INPUT": str(units), "TERRITORY_FIELD": "commune", "CATEGORY_FIELD": "category", **extra, **out}
    message = assert_refused_untouched(
        lambda: processing.run("terridata:secret_statistique", params), out, match, tmp_path
    )
    assert named in message


def test_secret_statistique_amounts_near_the_limit_are_exact(qgis_processing, terridata_provider, tmp_path):
    import processing

    big = 10**15 + 1  # exact as a float; the old code's int64 cast of an overflowed sum gave -2**63
    units = write_csv(tmp_path / "units.csv", "commune,category,amount", [("35238", "a", big)] * 5)
    out = outputs(tmp_path, "table", "csv")
    params = {"INPUT": str(units), "TERRITORY_FIELD": "commune", "CATEGORY_FIELD": "category", "HIERARCHY": 2}
    processing.run("terridata:secret_statistique", {**params, "AMOUNT_FIELD": "amount", "THRESHOLD": 2, **out})
    ds = ogr.Open(out["OUTPUT"])
    amounts = {(f.GetField("level"), f.GetField("category")): f.GetField("amount") for f in ds.GetLayer(0)}
    assert int(amounts[("commune", "a")]) == 5 * big
    too_big = write_csv(tmp_path / "huge.csv", "commune,category,amount", [("35238", "a", 2**52)] * 3)
    out = outputs(tmp_path, "big", "csv")
    assert_refused_untouched(
        lambda: processing.run(
            "terridata:secret_statistique",
            {**params, "INPUT": str(too_big), "AMOUNT_FIELD": "amount", "THRESHOLD": 2, **out},
        ),
        out,
        "could not be computed exactly",
        tmp_path,
    )


def test_secret_statistique_normalises_commune_codes(qgis_processing, terridata_provider, tmp_path):
    import processing

    rows = [("1001", "a")] * 12 + [(" 01001 ", "b")] * 12 + [("91377.0", "a")] * 12 + [("91377", "b")] * 12
    units = write_csv(tmp_path / "units.csv", "commune,category", rows)
    out = outputs(tmp_path, "table", "csv")
    processing.run(
        "terridata:secret_statistique",
        {"INPUT": str(units), "TERRITORY_FIELD": "commune", "CATEGORY_FIELD": "category", **out},
    )
    ds = ogr.Open(out["OUTPUT"])
    cells = {(f.GetField("level"), f.GetField("territory"), f.GetField("category")): f for f in ds.GetLayer(0)}
    communes = {t for level, t, _ in cells if level == "commune"}
    assert communes == {"01001", "91377"}
    assert not any(t.endswith("*") or t == "1001" for _, t, _ in cells)
    assert int(cells[("commune", "01001", "TOTAL")].GetField("count")) == 24
    departements = {t for level, t, _ in cells if level == "departement"}
    assert departements == {"01", "91"}


def test_a_model_chains_geomask_into_the_protective_grid(qgis_processing, terridata_provider, tmp_path):
    """The masked points feed the grid inside a Processing model (the child output is a layer, not a file)."""
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
    )

    import processing

    pts = write_points_geojson(tmp_path / "pts.geojson", cluster(3_760_010.0, 2_890_010.0, 40, step=4.0))
    ref = write_points_geojson(tmp_path / "ref.geojson", cluster(3_759_900.0, 2_889_900.0, 100, step=30.0))
    static = QgsProcessingModelChildParameterSource.fromStaticValue
    model = QgsProcessingModelAlgorithm("mask_then_grid", "tests")
    for name in ("points", "reference"):
        model.addModelParameter(QgsProcessingParameterFeatureSource(name, name), QgsProcessingModelParameter(name))
    mask = QgsProcessingModelChildAlgorithm("terridata:geomask_points")
    mask.setChildId("mask")
    mask.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("points")])
    mask.addParameterSources("REFERENCE", [QgsProcessingModelChildParameterSource.fromModelParameter("reference")])
    mask.addParameterSources("MIN_K", [static(3)])
    mask.addParameterSources("REPORT_HTML", [static(str(tmp_path / "mask.html"))])
    mask.addParameterSources("REPORT_JSON", [static(str(tmp_path / "mask.json"))])
    model.addChildAlgorithm(mask)
    grid = QgsProcessingModelChildAlgorithm("terridata:protective_grid")
    grid.setChildId("grid")
    grid.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromChildOutput("mask", "OUTPUT")])
    grid.addParameterSources("REPORT_HTML", [static(str(tmp_path / "grid.html"))])
    grid.addParameterSources("REPORT_JSON", [static(str(tmp_path / "grid.json"))])
    output = QgsProcessingModelOutput("cells")
    output.setChildId("grid")
    output.setChildOutputName("OUTPUT")
    grid.setModelOutputs({"cells": output})
    model.addChildAlgorithm(grid)
    model.updateDestinationParameters()
    result = processing.run(
        model, {"points": str(pts), "reference": str(ref), "grid:cells": str(tmp_path / "cells.gpkg")}
    )
    assert Path(result["grid:cells"].split("|")[0]) == tmp_path / "cells.gpkg"
    ds = ogr.Open(str(tmp_path / "cells.gpkg"))
    assert sum(f.GetField("units") for f in ds.GetLayer(0)) == 40
    assert json.loads((tmp_path / "grid.json").read_text(encoding="utf-8"))["measures"]["units"] == 40
    assert sorted(p.name for p in tmp_path.glob("*.gpkg")) == ["cells.gpkg"]  # the masked points stayed temporary


def test_short_pseudonymisation_key_refused_before_the_search(
    qgis_processing, terridata_provider, reports_csv, tmp_path
):
    from qgis.core import QgsAuthMethodConfig

    import processing

    manager = QgsApplication.authManager()
    if manager.isDisabled():
        pytest.skip(f"QGIS authentication system disabled: {manager.disabledMessage()}")
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("terridata-test-master-password", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("TerriData short key (test)")
    config.setConfig("username", "pseudonymisation")
    config.setConfig("password", "short-key")
    ok, config = manager.storeAuthenticationConfig(config)
    assert ok
    try:
        out = outputs(tmp_path, "anon")
        params = {
            "INPUT": str(reports_csv),
            "AUTO_DETECT": False,
            "CATEGORICAL_QI_FIELDS": ["grp"],
            "DIRECT_IDENTIFIERS": ["s"],
            "DIRECT_ACTION": 1,
            "AUTHCFG": config.id(),
            "K": 200,  # the search would refuse too: the key is checked first
            **out,
        }
        message = assert_refused_untouched(
            lambda: processing.run("terridata:anonymised_export", params), out, "at least 16 characters", tmp_path
        )
        assert "short-key" not in message and "cannot be met" not in message
    finally:
        manager.removeAuthenticationConfig(config.id())


def test_anonymised_export_never_builds_a_cell_from_invalid_coordinates(qgis_processing, terridata_provider, tmp_path):
    import processing

    valid = cluster(3_760_010.0, 2_890_010.0, 30)
    invalid = [(math.inf, math.inf), (1e15, 1e15), (1e308, 1e308), (0.0, 0.0), None] * 3
    layer = memory_points("records", "EPSG:3035", valid + invalid)
    out = outputs(tmp_path, "anon")
    processing.run("terridata:anonymised_export", {"INPUT": layer, "K": 11, **out})
    ds = ogr.Open(out["OUTPUT"])
    cells = [f.GetField("cell_id") or "" for f in ds.GetLayer(0)]
    assert set(cells) == {"CRS3035RES200mN2890000E3760000", ""} and cells.count("") == 15
    notes = json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))["notes"]
    assert any(note.startswith("15 records have no usable location") for note in notes)


def test_output_over_a_delimited_text_input_is_refused(qgis_processing, terridata_provider, tmp_path):
    import processing

    units = write_csv(tmp_path / "units.csv", "commune,category", [("35238", "a")] * 30)
    layer = QgsVectorLayer(f"file://{units}?delimiter=,&geomType=none", "units", "delimitedtext")
    assert layer.isValid() and layer.featureCount() == 30
    before = snapshot([units])
    with pytest.raises(QgsProcessingException, match="would overwrite the input"):
        processing.run(
            "terridata:secret_statistique",
            {
                "INPUT": layer,
                "TERRITORY_FIELD": "commune",
                "CATEGORY_FIELD": "category",
                **outputs(tmp_path, "t", "csv"),
                "OUTPUT": str(units),
            },
        )
    assert snapshot([units]) == before and folder_listing(tmp_path) == ["units.csv"]


def test_importing_every_algorithm_leaves_gdal_exceptions_off(qgis_app):
    """In a fresh Python (GDAL's default: no exceptions), loading the provider's algorithms changes nothing."""
    import subprocess
    import sys

    import_dir = Path(__file__).resolve().parents[2] / ".build" / "import"
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from osgeo import gdal, ogr, osr\n"
        "from qgis.core import QgsApplication\n"
        "app = QgsApplication([], False); app.initQgis()\n"
        "before = [m.GetUseExceptions() for m in (gdal, ogr, osr)]\n"
        "from terridata.processing.provider import algorithm_classes\n"
        "names = sorted(c.NAME for c in algorithm_classes())\n"
        "print(before, [m.GetUseExceptions() for m in (gdal, ogr, osr)], names)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(import_dir)], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    line = done.stdout.strip().splitlines()[-1]
    assert line.startswith("[0, 0, 0] [0, 0, 0] ["), line
    assert all(f"'{name}'" in line for name in ALGORITHMS)
