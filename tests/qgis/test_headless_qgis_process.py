"""Headless proof: with TerriData installed and enabled in a throw-away QGIS profile, ``qgis_process.bin`` (no GUI,
iface None) loads the plugin, lists the ``terridata`` provider with every algorithm, and runs algorithms from the
command line through the shared helper ``run_qgis_process``."""

from __future__ import annotations

import json

import pytest
from osgeo import gdal, ogr
from qgis_process_helper import (
    QgisProcessError,
    list_algorithms,
    make_profile,
    parameter_arguments,
    qgis_process,
    run_qgis_process,
)


def _expected_algorithms() -> set:
    from terridata.processing.provider import algorithm_classes

    return {f"terridata:{cls.NAME}" for cls in algorithm_classes()}


def test_qgis_process_lists_the_terridata_provider_and_its_algorithms(qgis_app, qgis_process_profile):
    from terridata.__about__ import __version__

    listing = list_algorithms(qgis_process_profile)
    assert "terridata" in listing["providers"], sorted(listing["providers"])
    provider = listing["providers"]["terridata"]
    assert provider["name"] == "TerriData"
    assert provider["is_active"] is True
    assert provider["version"] == __version__
    assert set(provider["algorithms"]) == _expected_algorithms()
    for algorithm_id, details in provider["algorithms"].items():
        assert algorithm_id.startswith("terridata:")
        assert details["name"], f"{algorithm_id} has no display name"


def test_an_installed_but_disabled_plugin_is_not_loaded(tmp_path):
    profile = make_profile(tmp_path / "profile")
    ini = profile / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.write_text("[PythonPlugins]\nterridata=false\n", encoding="utf-8")
    listing = list_algorithms(profile)
    assert "terridata" not in listing["providers"]
    assert "native" in listing["providers"]  # qgis_process itself ran


def test_plugins_command_shows_terridata_enabled(qgis_process_profile):
    done = qgis_process(["plugins"], profile=qgis_process_profile)
    lines = [line.strip() for line in done.stdout.splitlines()]
    # 3.22 and 3.40 both print "* terridata" for an enabled plugin.
    assert "* terridata" in lines, done.stdout


def test_run_qgis_process_passes_parameters_and_returns_the_json_result(tmp_path, qgis_process_profile):
    # Two small layers merged by a native algorithm: checks KEY=VALUE passing, repeated keys for a list parameter
    # and the parsed results (the output is read back with OGR, not trusted from the JSON).
    paths = []
    for index, count in enumerate((3, 4)):
        path = tmp_path / f"layer{index}.geojson"
        features = [
            {"type": "Feature", "properties": {"n": i}, "geometry": {"type": "Point", "coordinates": [2.0 + i, 48.0]}}
            for i in range(count)
        ]
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
        paths.append(str(path))
    output = tmp_path / "merged.gpkg"
    result = run_qgis_process(
        "native:mergevectorlayers",
        {"LAYERS": paths, "CRS": "EPSG:4326", "OUTPUT": str(output), "UNUSED_NONE": None},
        profile=qgis_process_profile,
    )
    assert result["algorithm_details"]["id"] == "native:mergevectorlayers"
    assert result["inputs"]["LAYERS"] == paths
    assert result["results"]["OUTPUT"].split("|")[0] == str(output)
    dataset = ogr.Open(str(output))
    assert dataset.GetLayer(0).GetFeatureCount() == 7


def test_run_qgis_process_raster_output(tmp_path):
    output = tmp_path / "constant.tif"
    result = run_qgis_process(
        "native:createconstantrasterlayer",
        {"EXTENT": "0,10,0,5 [EPSG:2154]", "TARGET_CRS": "EPSG:2154", "PIXEL_SIZE": 1, "NUMBER": 7, "OUTPUT": output},
    )
    assert result["results"]["OUTPUT"] == str(output)
    dataset = gdal.Open(str(output))  # kept in a variable: GDAL crashes if it is freed before its band
    band = dataset.GetRasterBand(1).ReadAsArray()
    assert band.shape == (5, 10)
    assert (band == 7).all()


def test_a_failure_raises_with_what_qgis_process_said(tmp_path):
    with pytest.raises(QgisProcessError, match="not found") as info:
        run_qgis_process("terridata:no_such_algorithm", {"INPUT": "x"})
    assert info.value.returncode != 0
    assert "QStandardPaths" not in str(info.value)  # noise is filtered out of the message
    # A wrong parameter value: the algorithm refuses it and the message carries QGIS's words.
    with pytest.raises(QgisProcessError) as info:
        run_qgis_process("native:createconstantrasterlayer", {"EXTENT": "nonsense", "OUTPUT": tmp_path / "x.tif"})
    assert "EXTENT" in str(info.value)
    assert not (tmp_path / "x.tif").exists()


def test_parameter_arguments():
    assert parameter_arguments({"A": 1, "L": ["x", "y"], "B": True, "C": False, "N": None, "S": "a b=c"}) == [
        "A=1",
        "L=x",
        "L=y",
        "B=true",
        "C=false",
        "S=a b=c",
    ]
