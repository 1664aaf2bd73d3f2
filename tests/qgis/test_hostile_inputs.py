"""Hostile inputs for every algorithm of the TerriData provider (issue 16, point 22).

Two parts:

1. **Output guards, every algorithm** (enumerated from the provider, so a new algorithm is included without editing
   this file): output = input, two outputs at one path, an unsupported extension, an unwritable folder, a read-only
   folder. Each must be refused with a clear message that names the parameter, a failure status (in process and
   with ``qgis_process.bin``), and nothing written or changed at the output paths (bytes and mtime of files that
   were there before).
2. **Geometry and value cases, per algorithm** (tables ``VALID`` and ``CASES`` below): empty layer, NULL/empty
   geometries, NaN/infinite coordinates, no CRS, a wrong CRS, mixed geometry types, text where numbers are
   expected. Add a row to ``VALID`` for a new algorithm and its cases apply. A case that fails today and belongs to
   another piece of work is marked ``xfail(strict=True)`` in ``KNOWN`` with its owner, so the day it is fixed the
   mark must go.

Network algorithms (every algorithm whose module uses ``toolbelt/network.py``: IGN, INSEE, geocoding, COG update,
sensors, portals; and ign_basemap) take part in part 1 only: their value cases need the replay servers of their own
test files.
"""

from __future__ import annotations

import contextlib
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPoint,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime, Qt, QVariant

from terridata.processing.provider import algorithm_classes

ALGORITHMS = sorted(cls.NAME for cls in algorithm_classes())
# Text that must never reach a user: a traceback or the name of a Python exception class.
_RAW_ERROR = re.compile(r"Traceback|\b[A-Z][A-Za-z]*Error\b|\bKeyError\b|\bException:")


# --------------------------------------------------------------------------------------------------- helpers
def _algorithm(name):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById(f"terridata:{name}")
    assert alg is not None, name
    return alg


def _good_extension(param) -> str:
    from terridata.processing.output_checks import accepted_extensions

    if param.type() == "folderDestination":
        return ""
    allowed = accepted_extensions(param)
    return allowed[0] if allowed else "dat"


def _output_paths(alg, folder: Path) -> dict:
    paths = {}
    for param in alg.destinationParameterDefinitions():
        ext = _good_extension(param)
        paths[param.name()] = str(folder / (f"{param.name().lower()}.{ext}" if ext else param.name().lower()))
    return paths


def _snapshot(folder: Path) -> dict:
    if not folder.exists():
        return {}
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


def _content(gpkg_path) -> dict:
    """What a GeoPackage holds, layer by layer (names, rows, geometries and values). Not its bytes: GDAL adds
    feature-count triggers to a GeoPackage QGIS merely opens, so an input's bytes change without any write."""
    import hashlib

    from osgeo import ogr

    dataset = ogr.Open(str(gpkg_path))  # read-only
    content = {}
    for i in range(dataset.GetLayerCount()):
        layer = dataset.GetLayer(i)
        digest = hashlib.sha256()
        for feature in layer:
            geometry = feature.GetGeometryRef()
            digest.update(bytes(geometry.ExportToWkb()) if geometry is not None else b"-")
            digest.update(repr([feature.GetField(j) for j in range(feature.GetFieldCount())]).encode())
        content[layer.GetName()] = (layer.GetFeatureCount(), digest.hexdigest())
    dataset = None
    return content


def _assert_clear(message: str) -> None:
    assert message.strip(), "empty error message"
    raw = _RAW_ERROR.search(message)
    assert raw is None, f"raw Python error text {raw.group(0)!r} in: {message}"


def _run(name, params, feedback=None):
    import processing

    return processing.run(f"terridata:{name}", params, feedback=feedback or QgsProcessingFeedback())


def _refused(name, params) -> str:
    with pytest.raises(QgsProcessingException) as refused:
        _run(name, params)
    message = str(refused.value)
    _assert_clear(message)
    return message


def _layer_inputs(alg, gpkg: Path) -> dict:
    """Every layer input of ``alg`` set to a layer of ``gpkg`` that suits its geometry type."""
    values = {}
    for param in alg.parameterDefinitions():
        if param.isDestination() or param.type() not in ("source", "vector"):
            continue
        types = set(param.dataTypes())
        if types == {0}:
            layer = "citizen_reports"
        elif types & {2, -1} or not types:
            layer = "communes"
        else:
            layer = "no2_hourly"
        values[param.name()] = f"{gpkg}|layername={layer}"
    return values


@pytest.fixture
def gpkg(tmp_path, sample_gpkg):
    path = tmp_path / "input" / "essonne.gpkg"
    path.parent.mkdir()
    shutil.copyfile(sample_gpkg, path)
    return path


def _with_earlier_results(paths: dict) -> None:
    for path in paths.values():
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if "." in target.name:
            target.write_bytes(b"earlier result, must stay as it is")


# ------------------------------------------------------------------------------------- part 1: output guards
def _destinations_or_skip(alg, minimum=1):
    destinations = alg.destinationParameterDefinitions()
    if len(destinations) < minimum:
        pytest.skip(f"{alg.name()} has {len(destinations)} output(s)")
    return destinations


@pytest.mark.parametrize("name", ALGORITHMS)
def test_output_equal_to_an_input_is_refused(name, gpkg, tmp_path, qgis_processing, terridata_provider):
    alg = _algorithm(name)
    inputs = _layer_inputs(alg, gpkg)
    if not inputs:
        pytest.skip(f"{name} reads no layer")
    out = tmp_path / "out"
    before = _content(gpkg)
    for param in _destinations_or_skip(alg):
        if param.type() == "folderDestination":
            continue
        paths = _output_paths(alg, out)
        _with_earlier_results(paths)
        earlier = _snapshot(out)
        message = _refused(name, {**inputs, **paths, param.name(): str(gpkg)})
        assert f"({param.name()}) would overwrite the input" in message
        assert _snapshot(out) == earlier
        assert _content(gpkg) == before


@pytest.mark.parametrize("name", ALGORITHMS)
def test_two_outputs_at_one_path_are_refused(name, tmp_path, qgis_processing, terridata_provider):
    alg = _algorithm(name)
    destinations = _destinations_or_skip(alg, minimum=2)
    out = tmp_path / "out"
    paths = _output_paths(alg, out)
    _with_earlier_results(paths)
    earlier = _snapshot(out)
    first, second = destinations[0].name(), destinations[1].name()
    message = _refused(name, {**paths, second: paths[first]})
    assert f"({first})" in message and f"({second})" in message and "same file" in message
    assert _snapshot(out) == earlier


@pytest.mark.parametrize("name", ALGORITHMS)
def test_unsupported_extensions_are_refused(name, tmp_path, qgis_processing, terridata_provider):
    from terridata.processing.output_checks import accepted_extensions

    alg = _algorithm(name)
    out = tmp_path / "out"
    checked = 0
    for param in _destinations_or_skip(alg):
        allowed = accepted_extensions(param)
        if param.type() == "folderDestination" or not allowed:
            continue
        bad = "txt" if "txt" not in allowed else "xyz"
        paths = _output_paths(alg, out)
        _with_earlier_results(paths)
        earlier = _snapshot(out)
        message = _refused(name, {**paths, param.name(): str(out / f"z.{bad}")})
        assert f"({param.name()})" in message and f".{bad}" in message and f".{allowed[0]}" in message
        assert _snapshot(out) == earlier
        checked += 1
    if not checked:
        pytest.skip(f"{name}: every output accepts any extension")


@pytest.mark.parametrize("name", ALGORITHMS)
def test_an_unwritable_folder_is_refused(name, tmp_path, qgis_processing, terridata_provider):
    alg = _algorithm(name)
    for param in _destinations_or_skip(alg):
        paths = _output_paths(alg, tmp_path / "out")
        # /sys refuses new files even to root, who runs the tests (permission bits would not stop root).
        bad = f"/sys/terridata-hostile/{Path(paths[param.name()]).name}"
        message = _refused(name, {**paths, param.name(): bad})
        assert f"({param.name()})" in message and "cannot write to /sys/terridata-hostile" in message
        assert "permission denied" in message and "choose another folder" in message
    assert not (tmp_path / "out").exists()


@contextlib.contextmanager
def _read_only(folder: Path):
    done = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot make a read-only bind mount here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


@pytest.mark.parametrize("name", ALGORITHMS)
def test_a_read_only_folder_is_refused_and_left_untouched(name, tmp_path, qgis_processing, terridata_provider):
    alg = _algorithm(name)
    _destinations_or_skip(alg)
    folder = tmp_path / "readonly"
    paths = _output_paths(alg, folder)
    _with_earlier_results(paths)
    earlier = _snapshot(folder)
    with _read_only(folder):
        message = _refused(name, paths)
        assert f"cannot write to {folder}" in message and "read-only file system" in message
        assert _snapshot(folder) == earlier


def _field_of(param, inputs: dict) -> str:
    """A field of the layer ``inputs`` gives the parent of the field parameter ``param``, of the type it wants."""
    if param.parentLayerParameterName() not in inputs:
        return param.defaultValue() or "code"
    layer = QgsVectorLayer(inputs[param.parentLayerParameterName()], "parent", "ogr")
    fields = list(layer.fields())
    wanted = {
        param.Numeric: lambda f: f.isNumeric(),
        param.String: lambda f: f.type() == QVariant.String,
        param.DateTime: lambda f: f.type() in (QVariant.Date, QVariant.DateTime),
    }.get(param.dataType(), lambda f: True)
    if param.defaultValue() and layer.fields().lookupField(param.defaultValue()) >= 0:
        return param.defaultValue()
    return next((f.name() for f in fields if wanted(f)), fields[0].name())


@pytest.mark.parametrize("name", ALGORITHMS)
def test_qgis_process_refuses_output_equal_to_input_with_a_failure_status(name, gpkg, tmp_path, qgis_process_profile):
    from qgis_process_helper import QgisProcessError, run_qgis_process

    from terridata.processing.provider import algorithm_classes

    cls = next(c for c in algorithm_classes() if c.NAME == name)
    alg = cls()
    alg.initAlgorithm()
    inputs = _layer_inputs(alg, gpkg)
    destinations = [p for p in alg.destinationParameterDefinitions() if p.type() != "folderDestination"]
    if not inputs or not destinations:
        pytest.skip(f"{name} reads no layer or writes no file")
    before = _content(gpkg)
    paths = _output_paths(alg, tmp_path / "out")
    # qgis_process refuses missing mandatory parameters before asking the algorithm: give them a placeholder, and
    # fields of the layer chosen for their parent (a default field name, e.g. ``observed_at``, that the layer lacks
    # counts as missing for qgis_process).
    mandatory = {
        p.name(): _field_of(p, inputs) if p.type() == "field" else "1" if p.type() == "number" else "code"
        for p in alg.parameterDefinitions()
        if not p.isDestination()
        and not p.flags() & p.FlagOptional
        and (p.defaultValue() is None or p.type() == "field")
    }
    with pytest.raises(QgisProcessError) as failed:
        run_qgis_process(f"terridata:{name}", {**mandatory, **inputs, **paths, destinations[0].name(): str(gpkg)})
    assert failed.value.returncode == 1
    assert f"({destinations[0].name()}) would overwrite the input" in failed.value.stderr
    assert "Traceback" not in failed.value.stderr
    assert _content(gpkg) == before
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------- part 2: geometry and value cases
L93 = "EPSG:2154"
X0, Y0 = 650_000.0, 6_860_000.0


def _points(geometries, crs=L93, with_time=False):
    """Points with a numeric ``value``, a text ``label`` (for "text where numbers are expected") and a ``category``."""
    uri = "Point" + (f"?crs={crs}&" if crs else "?") + "field=id:integer&field=value:double&field=label:string"
    uri += "&field=category:string&field=commune:string&field=t:datetime"
    layer = QgsVectorLayer(uri, "points", "memory")
    feats = []
    for i, geometry in enumerate(geometries):
        f = QgsFeature(layer.fields())
        if geometry is not None:
            f.setGeometry(geometry)
        stamp = QDateTime.fromMSecsSinceEpoch(1_710_000_000_000 + i * 3_600_000, Qt.UTC)
        f.setAttributes([i, float(i % 7), f"x{i}", "abc"[i % 3], "91377", stamp])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def _grid_points(n=60, crs=L93, x0=X0, y0=Y0):
    return [QgsGeometry.fromPointXY(QgsPointXY(x0 + 37 * (i % 10), y0 + 41 * (i // 10))) for i in range(n)]


def _polygons(crs=L93, geometries=None, text_value=False):
    uri = "MultiPolygon" + (f"?crs={crs}&" if crs else "?") + "field=code:string&field=value:double&field=label:string"
    uri += "&field=count:integer"
    layer = QgsVectorLayer(uri, "zones", "memory")
    squares = geometries or [
        QgsGeometry.fromWkt(
            f"MULTIPOLYGON((({X0 + dx} {Y0}, {X0 + dx + 200} {Y0}, {X0 + dx + 200} {Y0 + 400}, "
            f"{X0 + dx} {Y0 + 400}, {X0 + dx} {Y0})))"
        )
        for dx in (0, 200)
    ]
    feats = []
    for i, geometry in enumerate(squares):
        f = QgsFeature(layer.fields())
        if geometry is not None:
            f.setGeometry(geometry)
        f.setAttributes(["91377" if i == 0 else "91477", float(10 + i), "many", 40 + i])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def _table(rows=(("91377", 10.0, "a", 12), ("91477", 20.0, "b", 30), ("91001", 5.0, "a", 15))):
    layer = QgsVectorLayer(
        "None?field=code:string&field=pop:double&field=label:string&field=category:string&field=n:integer"
        "&field=sensor:string&field=t:datetime&field=value:double",
        "table",
        "memory",
    )
    feats = []
    for i, (code, pop, category, n) in enumerate(rows):
        f = QgsFeature(layer.fields())
        stamp = QDateTime.fromMSecsSinceEpoch(1_710_000_000_000 + i * 3_600_000, Qt.UTC)
        f.setAttributes([code, pop, f"x{i}", category, n, "S1", stamp, pop])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


# Valid parameters (outputs excluded) of every algorithm that needs no server; ``INPUT`` is the layer the cases
# replace. ``points``/``zones``/``table`` are factories so a case can pass its own hostile layer.
VALID = {
    "add_territorial_hierarchy": lambda d: {"INPUT": d["table"], "CODE_FIELD": "code"},
    "aggregate_points_to_grid": lambda d: {"INPUT": d["points"], "CELL_SIZE": 200, "FIELDS": [d["numeric"]]},
    "aggregate_points_to_zones": lambda d: {"INPUT": d["points"], "ZONES": d["zones"], "FIELDS": [d["numeric"]]},
    "aggregate_time_series": lambda d: {
        "INPUT": d["points"],
        "TIME_FIELD": "t",
        "KEY_FIELD": "category",
        "BUCKET": "day",
        "FIELDS": [d["numeric"]],
        "OUTPUT_TYPE": 1,
    },
    "anonymised_export": lambda d: {"INPUT": d["points"], "K": 2, "L": 1, "SUPPRESSION_BUDGET": 100},
    "export_atlas": lambda d: {"COVERAGE": d["zones"], "NAME_FIELD": "code", "FIELD": d["numeric"]},
    "export_council_map": lambda d: {"INPUT": d["zones"], "FIELD": d["numeric"], "TITLE": "Test"},
    "export_map": lambda d: {"INPUT": d["zones"], "FIELD": d["numeric"], "TITLE": "Test"},
    "geomask_points": lambda d: {
        "INPUT": d["points"],
        "REFERENCE": d["zones"],
        "REFERENCE_COUNT_FIELD": d["count"],
        "MIN_K": 2,
        "SUPPRESSION_BUDGET": 100,
    },
    "harmonise_cog": lambda d: {"INPUT": d["table"], "CODE_FIELD": "code", "ADDITIVE_FIELDS": [d["numeric_table"]]},
    "protective_grid": lambda d: {"INPUT": d["points"], "WEIGHT_FIELD": d["numeric"], "THRESHOLD": 3},
    "quality_report": lambda d: {"INPUT": d["zones"]},
    "repair_geometries": lambda d: {"INPUT": d["zones"]},
    "rollup_territories": lambda d: {
        "INPUT": d["table"],
        "CODE_FIELD": "code",
        "LEVEL": "epci",
        "SUM_FIELDS": [d["numeric_table"]],
    },
    "secret_statistique": lambda d: {
        "INPUT": d["table"],
        "TERRITORY_FIELD": "code",
        "CATEGORY_FIELD": "category",
        "COUNT_FIELD": d["count_table"],
    },
    "sensor_qc": lambda d: {"INPUT": d["table"], "SENSOR_FIELD": "sensor", "TIME_FIELD": "t", "VALUE_FIELD": "value"},
    "split_by_territory": lambda d: {"INPUT": d["zones"]},
}
POINT_INPUT = {
    "aggregate_points_to_grid",
    "aggregate_points_to_zones",
    "aggregate_time_series",
    "anonymised_export",
    "geomask_points",
    "protective_grid",
}
POLYGON_INPUT = {
    "export_atlas",
    "export_council_map",
    "export_map",
    "quality_report",
    "repair_geometries",
    "split_by_territory",
}
TEXT_FOR_NUMBER = {  # algorithms with a numeric field parameter: the cases give them a text field
    "aggregate_points_to_grid",
    "aggregate_points_to_zones",
    "export_atlas",
    "export_council_map",
    "export_map",
    "geomask_points",
    "harmonise_cog",
    "protective_grid",
    "rollup_territories",
    "secret_statistique",
}


def _data(**overrides):
    data = {
        "points": _points(_grid_points()),
        "zones": _polygons(),
        "table": _table(),
        "numeric": "value",
        "numeric_table": "pop",
        "count": "count",
        "count_table": "n",
    }
    data.update(overrides)
    return data


def _null_and_empty():
    geometries = _grid_points(20)
    return geometries + [None, QgsGeometry(), QgsGeometry.fromWkt("POINT EMPTY")]


def _nan_inf():
    geometries = _grid_points(20)
    odd = [(math.nan, math.nan), (math.inf, Y0), (X0, -math.inf), (1e308, 1e308), (1e15, 1e15)]
    return geometries + [QgsGeometry(QgsPoint(x, y)) for x, y in odd]


def _mixed_gpkg(folder: Path) -> str:
    """A GeoPackage layer declared GEOMETRY holding a polygon, a line and a point (as some exports do)."""
    from osgeo import ogr, osr

    path = folder / "mixed.gpkg"
    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    layer = dataset.CreateLayer("mixed", srs, ogr.wkbUnknown)
    layer.CreateField(ogr.FieldDefn("code", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("value", ogr.OFTReal))
    for wkt in (
        f"POLYGON(({X0} {Y0}, {X0 + 100} {Y0}, {X0 + 100} {Y0 + 100}, {X0} {Y0}))",
        f"LINESTRING({X0} {Y0}, {X0 + 50} {Y0 + 50})",
        f"POINT({X0 + 5} {Y0 + 5})",
    ):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("code", "91377")
        feature.SetField("value", 1.0)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    dataset = None
    return f"{path}|layername=mixed"


def _case_data(case, name, folder):
    """The data of ``case`` for ``name``, or None when the case does not apply."""
    if case == "valid_input":
        return _data()
    if case == "empty_layer":
        data = _data()
        key = "points" if name in POINT_INPUT else "zones" if name in POLYGON_INPUT else "table"
        data[key] = _empty(data[key])
        return data
    if case in ("null_and_empty_geometries", "nan_and_infinite_coordinates", "no_crs", "wrong_crs"):
        if name not in POINT_INPUT | POLYGON_INPUT:
            return None
        if name in POLYGON_INPUT:
            if case == "null_and_empty_geometries":
                return _data(zones=_polygons(geometries=[*_polygons_geoms(), None, QgsGeometry()]), bad=2)
            if case == "nan_and_infinite_coordinates":
                bad = QgsGeometry.fromWkt("MULTIPOLYGON(((nan nan, 1 0, 1 1, nan nan)))")
                return _data(zones=_polygons(geometries=[*_polygons_geoms(), bad]), bad=1)
            if case == "no_crs":
                return _data(zones=_polygons(crs=""))
            return _data(zones=_polygons(crs="EPSG:4326"))
        if case == "null_and_empty_geometries":
            return _data(points=_points(_null_and_empty()), bad=3)
        if case == "nan_and_infinite_coordinates":
            # 3 points without finite coordinates and 2 finite ones far off any grid: reported together or apart.
            return _data(points=_points(_nan_inf()), bad=(3, 2))
        if case == "no_crs":
            return _data(points=_points(_grid_points(), crs=""))
        return _data(points=_points(_grid_points(), crs="EPSG:4326"))  # Lambert-93 numbers labelled WGS 84
    if case == "mixed_geometry_types":
        if name not in POLYGON_INPUT:
            return None
        return _data(zones=_mixed_gpkg(folder))
    if case == "text_where_numbers_are_expected":
        if name not in TEXT_FOR_NUMBER:
            return None
        return _data(numeric="label", numeric_table="label", count="label", count_table="label")
    raise AssertionError(case)


def _polygons_geoms():
    return [f.geometry() for f in _polygons().getFeatures()]


def _empty(layer):
    empty = layer.clone()
    empty.dataProvider().truncate() if empty.dataProvider().name() == "memory" else None
    return empty


CASES = [
    "valid_input",
    "empty_layer",
    "null_and_empty_geometries",
    "nan_and_infinite_coordinates",
    "no_crs",
    "wrong_crs",
    "mixed_geometry_types",
    "text_where_numbers_are_expected",
]
# What must happen: "ok" = a result (the baseline: the valid data of VALID works); "clear" = a result, or a
# refusal in words (no raw Python error) that leaves nothing written;
# "refused" = a clear refusal (the run cannot give a meaningful result); "reported" = a result whose log says how
# many features were left out, or a clear refusal.
EXPECT = {
    "valid_input": "ok",
    "empty_layer": "clear",
    "null_and_empty_geometries": "reported",
    "nan_and_infinite_coordinates": "reported",
    "no_crs": "clear",
    "wrong_crs": "refused",
    "mixed_geometry_types": "clear",
    "text_where_numbers_are_expected": "refused",
}
# Exceptions to EXPECT: algorithms that do not reproject may take any CRS label.
EXPECT_FOR = {
    ("repair_geometries", "wrong_crs"): "clear",
    ("quality_report", "wrong_crs"): "clear",
    # Without zones, aggregate_time_series neither reprojects nor leaves an observation out: every observation is
    # aggregated with its key, whose geometry is taken from an observation that has a usable point.
    ("aggregate_time_series", "nan_and_infinite_coordinates"): "clear",
    ("aggregate_time_series", "wrong_crs"): "clear",
}
_OWNERS = {
    "aggregate_points_to_grid": "agg",
    "aggregate_points_to_zones": "agg",
    "aggregate_time_series": "agg",
    "rollup_territories": "agg",
    "anonymised_export": "privacy",
    "geomask_points": "privacy",
    "protective_grid": "privacy",
    "secret_statistique": "privacy",
    "add_territorial_hierarchy": "quality",
    "harmonise_cog": "quality",
    "quality_report": "quality",
    "repair_geometries": "quality",
    "sensor_qc": "quality",
    "export_atlas": "maps",
    "export_council_map": "maps",
    "export_map": "maps",
    "split_by_territory": "maps2",
}
# (algorithm, case) -> why it fails today (issue 16 point), marked xfail(strict=True) so that the fix must remove
# the row. Empty: every case passes on QGIS 3.22.
KNOWN = {}


def _value_params():
    for name in sorted(VALID):
        for case in CASES:
            marks = []
            if (name, case) in KNOWN:
                marks.append(pytest.mark.xfail(strict=True, reason=f"{_OWNERS[name]}: {KNOWN[(name, case)]}"))
            yield pytest.param(name, case, marks=marks, id=f"{name}-{case}")


# Reaches the web through a QGIS raster provider (WMTS/WMS), not through toolbelt/network.py.
_ONLINE_WITHOUT_NETWORK_CLIENT = {"ign_basemap"}


def _online_algorithms() -> set:
    """Algorithms that need a server: those whose module uses the network layer (``toolbelt/network.py``, the only
    way TerriData reaches the web), and the basemap. Their value cases live with their replay servers."""
    import inspect

    online = set(_ONLINE_WITHOUT_NETWORK_CLIENT)
    for cls in algorithm_classes():
        if "toolbelt.network import" in inspect.getsource(inspect.getmodule(cls)):
            online.add(cls.NAME)
    return online


def test_every_offline_algorithm_has_valid_parameters():
    """A new algorithm without a server must get a row in VALID, so that the value cases cover it."""
    online = _online_algorithms()
    assert {"geocode_addresses", "ign_download", "update_cog"} <= online  # the rule still sees the known ones
    assert set(ALGORITHMS) - online == set(VALID)


@pytest.mark.parametrize(("name", "case"), list(_value_params()))
def test_geometry_and_value_cases(name, case, tmp_path, qgis_processing, terridata_provider):
    data = _case_data(case, name, tmp_path)
    if data is None:
        pytest.skip(f"{case} does not apply to {name}")
    alg = _algorithm(name)
    out = tmp_path / "out"
    paths = _output_paths(alg, out)
    params = {**VALID[name](data), **paths}
    messages = []
    feedback = QgsProcessingFeedback()
    feedback.pushInfo = lambda text: messages.append(text)
    feedback.pushWarning = lambda text: messages.append(text)
    feedback.reportError = lambda text, fatal=False: messages.append(text)
    feedback.pushConsoleInfo = lambda text: messages.append(text)
    expected = EXPECT_FOR.get((name, case), EXPECT[case])
    try:
        _run(name, params, feedback)
    except QgsProcessingException as error:
        assert expected != "ok", f"{name} refused valid data: {error}"
        _assert_clear(str(error))
        # No data output; a report that explains the refusal (confidentiality algorithms) may be written.
        data_outputs = [
            paths[p.name()]
            for p in alg.destinationParameterDefinitions()
            if p.type() in ("sink", "vectorDestination", "rasterDestination") or p.name() == "OUTPUT"
        ]
        written = [path for path in data_outputs if Path(path).exists()]
        assert written == [], f"a refused run wrote {written}"
        assert not [p for p in out.rglob(".*") if p.is_file()], "temporary files left behind"
        return
    assert expected != "refused", f"{name} accepted {case} without a word: {messages[-3:]}"
    raw = _RAW_ERROR.search(" ".join(messages))
    assert raw is None, f"raw Python error text {raw.group(0)!r} in the log of {name}: {messages}"
    if expected == "reported":
        parts = data["bad"] if isinstance(data["bad"], tuple) else (data["bad"],)
        log = " ".join(messages)
        said = [part for part in {sum(parts), *parts} if re.search(rf"\b{part}\b", log)]
        assert sum(parts) in said or set(parts) <= set(said), (
            f"{name} did not say that {sum(parts)} features were left out ({' + '.join(map(str, parts))}): {messages}"
        )
