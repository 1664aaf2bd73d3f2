"""Output guards of TerriDataAlgorithm.checkParameterValues (issue 16, points 3, 4 and 5).

Every destination parameter of every algorithm is refused before any work when it would overwrite an input, share a
path with another output, get an extension QGIS would change, or go to a folder that cannot be written. The checks
use ``terridata:repair_geometries`` (a sink and two file destinations) on a private copy of the sample GeoPackage;
``tests/qgis/test_hostile_inputs.py`` runs the same cases on every algorithm of the provider.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

REPAIR = "terridata:repair_geometries"


@pytest.fixture
def gpkg(tmp_path, sample_gpkg):
    """A private copy of the sample GeoPackage (four layers)."""
    path = tmp_path / "in" / "essonne.gpkg"
    path.parent.mkdir()
    shutil.copyfile(sample_gpkg, path)
    return path


def _snapshot(*paths):
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) if p.exists() else None for p in paths}


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


def _run(params):
    import processing

    return processing.run(REPAIR, params)


def _refused(params) -> str:
    with pytest.raises(QgsProcessingException) as refused:
        _run(params)
    message = str(refused.value)
    for noise in ("Traceback", "RuntimeError", "KeyError", "PermissionError"):
        assert noise not in message
    return message


def _outputs(tmp_path, **overrides):
    params = {
        "OUTPUT": str(tmp_path / "out" / "repaired.gpkg"),
        "OUTPUT_JSON": str(tmp_path / "out" / "repair.json"),
        "OUTPUT_HTML": str(tmp_path / "out" / "repair.html"),
    }
    params.update(overrides)
    return params


def test_output_equal_to_the_input_file_is_refused(gpkg, tmp_path, qgis_processing, terridata_provider):
    before = _content(gpkg)
    message = _refused({"INPUT": f"{gpkg}|layername=communes", **_outputs(tmp_path, OUTPUT=str(gpkg))})
    assert "'Repaired layer' (OUTPUT)" in message and "(INPUT)" in message and "overwrite" in message
    assert str(gpkg) in message
    assert _content(gpkg) == before
    assert not (tmp_path / "out").exists()  # nothing written, not even the reports


def test_a_layer_of_the_same_geopackage_is_refused_whatever_the_input_form(
    gpkg, tmp_path, qgis_processing, terridata_provider
):
    before = _content(gpkg)
    layer = QgsVectorLayer(f"{gpkg}|layername=communes", "communes", "ogr")
    assert layer.isValid()
    via_symlink = tmp_path / "link.gpkg"
    via_symlink.symlink_to(gpkg)
    for source in (layer, f"{gpkg}|layername=communes", str(via_symlink) + "|layername=communes"):
        message = _refused({"INPUT": source, **_outputs(tmp_path, OUTPUT=str(gpkg))})
        assert "overwrite" in message
    # An ogr: destination replaces only its table: the input's own table is refused, another table is not.
    message = _refused({"INPUT": layer, **_outputs(tmp_path, OUTPUT=f"ogr:dbname='{gpkg}' table=\"communes\" (geom)")})
    assert "layer communes" in message
    assert _content(gpkg) == before
    del layer


def test_a_new_table_in_the_input_geopackage_is_allowed(gpkg, tmp_path, qgis_processing, terridata_provider):
    """What ``make demo`` does: read one table of a GeoPackage, add another table to it."""
    result = _run(
        {
            "INPUT": f"{gpkg}|layername=communes",
            **_outputs(tmp_path, OUTPUT=f"ogr:dbname='{gpkg}' table=\"fixed\" (geom)"),
        }
    )
    from osgeo import ogr

    dataset = ogr.Open(str(gpkg))
    names = {dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())}
    dataset = None
    assert {"communes", "air_sensors", "citizen_reports", "no2_hourly", "fixed"} <= names
    assert result["OUTPUT"].endswith("layername=fixed")


def test_two_outputs_at_one_path_are_refused(gpkg, tmp_path, qgis_processing, terridata_provider):
    """rollup_territories has two layer outputs (totals and unmatched codes)."""
    import processing

    earlier = tmp_path / "totals.gpkg"
    earlier.write_bytes(b"earlier result")
    before = _snapshot(earlier)
    params = {
        "INPUT": f"{gpkg}|layername=communes",
        "CODE_FIELD": "insee_com",
        "LEVEL": "epci",
        "OUTPUT": str(earlier),
        "UNMATCHED": str(earlier),
    }
    with pytest.raises(QgsProcessingException) as refused:
        processing.run("terridata:rollup_territories", params)
    message = str(refused.value)
    assert "(OUTPUT)" in message and "(UNMATCHED)" in message and "same file" in message
    assert _snapshot(earlier) == before


@pytest.mark.parametrize(
    ("parameter", "name", "expected"),
    [
        ("OUTPUT", "z.txt", ".gpkg"),  # QGIS would write z.txt.gxt
        ("OUTPUT", "z.json", ".geojson"),  # QGIS would write z.json.geojson
        ("OUTPUT", "z.gpkg|layername=x", "ogr:dbname="),  # QGIS would write a file named 'z.gpkg|layername=x.gpkg'
        ("OUTPUT_JSON", "report.txt", ".json"),
        ("OUTPUT_HTML", "report.pdf", ".html"),
    ],
)
def test_unsupported_extensions_are_refused(
    gpkg, tmp_path, qgis_processing, terridata_provider, parameter, name, expected
):
    out = tmp_path / "out"
    out.mkdir()
    message = _refused({"INPUT": f"{gpkg}|layername=communes", **_outputs(tmp_path, **{parameter: str(out / name)})})
    assert f"({parameter})" in message and expected in message
    assert list(out.iterdir()) == []


def test_extension_rule_matches_what_qgis_writes(tmp_path, qgis_processing):
    """Independent source: QGIS's own native:buffer writes ``z.<ext>`` under that name or not."""
    from qgis.core import QgsFeature, QgsGeometry, QgsProcessingParameterFeatureSink

    import processing
    from terridata.processing.output_checks import accepted_extensions

    layer = QgsVectorLayer("Point?crs=EPSG:2154&field=a:integer", "p", "memory")
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POINT(1 2)"))
    feature.setAttributes([1])
    layer.dataProvider().addFeature(feature)
    sink = QgsProcessingParameterFeatureSink("OUTPUT", "o")
    accepted = accepted_extensions(sink)
    for ext in ("gpkg", "shp", "csv", "geojson", "fgb", "txt", "json", "geojsonl"):
        target = tmp_path / ext / f"z.{ext}"
        target.parent.mkdir()
        written = processing.run("native:buffer", {"INPUT": layer, "DISTANCE": 1, "OUTPUT": str(target)})["OUTPUT"]
        if ext in sink.supportedOutputVectorLayerExtensions():
            assert (written == str(target)) == (ext in accepted), ext
        else:  # not an output format QGIS offers (QGIS 3.44 still writes z.txt, with GDAL's VDV driver): refused
            assert ext not in accepted, ext


def test_an_unwritable_folder_is_refused_clearly(gpkg, tmp_path, qgis_processing, terridata_provider):
    # /sys refuses new files even to root (permission bits alone would not stop root, who runs the tests).
    message = _refused({"INPUT": f"{gpkg}|layername=communes", **_outputs(tmp_path, OUTPUT="/sys/terridata/out.gpkg")})
    assert "(OUTPUT)" in message and "cannot write to /sys/terridata" in message
    assert "permission denied" in message and "choose another folder" in message


@contextlib.contextmanager
def _read_only_folder(base: Path):
    """A read-only bind mount of a folder holding one file (skipped where mounting is not allowed)."""
    folder = base / "readonly"
    folder.mkdir()
    (folder / "earlier.gpkg").write_bytes(b"earlier result")
    done = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot make a read-only bind mount here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


def test_a_read_only_folder_is_refused_and_its_files_untouched(gpkg, tmp_path, qgis_processing, terridata_provider):
    with _read_only_folder(Path(tempfile.mkdtemp(dir=tmp_path))) as folder:
        assert os.access(folder, os.W_OK) is False or os.geteuid() == 0
        before = _snapshot(folder / "earlier.gpkg")
        for params in (
            _outputs(tmp_path, OUTPUT=str(folder / "earlier.gpkg")),
            _outputs(tmp_path, OUTPUT_HTML=str(folder / "sub" / "report.html")),
        ):
            message = _refused({"INPUT": f"{gpkg}|layername=communes", **params})
            assert f"cannot write to {folder}" in message and "read-only" in message
        assert _snapshot(folder / "earlier.gpkg") == before
        assert sorted(p.name for p in folder.iterdir()) == ["earlier.gpkg"]


def test_a_missing_folder_is_created_and_temporary_outputs_are_fine(
    gpkg, tmp_path, qgis_processing, terridata_provider
):
    result = _run({"INPUT": f"{gpkg}|layername=communes", **_outputs(tmp_path / "new" / "deeper")})
    assert Path(result["OUTPUT"]).exists() and Path(result["OUTPUT_JSON"]).exists()
    result = _run(
        {
            "INPUT": f"{gpkg}|layername=communes",
            **_outputs(tmp_path, OUTPUT="TEMPORARY_OUTPUT", OUTPUT_JSON=str(tmp_path / "r.json")),
        }
    )
    assert isinstance(result["OUTPUT"], QgsVectorLayer) or "memory" in str(result["OUTPUT"]) or result["OUTPUT"]


def test_qgis_process_reports_the_guard_with_a_failure_status(gpkg, tmp_path, qgis_process_profile):
    from qgis_process_helper import QgisProcessError, run_qgis_process

    before = _content(gpkg)
    with pytest.raises(QgisProcessError) as failed:
        run_qgis_process(REPAIR, {"INPUT": f"{gpkg}|layername=communes", **_outputs(tmp_path, OUTPUT=str(gpkg))})
    assert failed.value.returncode == 1
    assert "(OUTPUT) would overwrite the input" in failed.value.stderr
    assert "Traceback" not in failed.value.stderr
    assert _content(gpkg) == before
