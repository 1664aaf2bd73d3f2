"""terridata:split_by_territory on real communes of ../shared/data (two metropolitan départements and the five DROM):
one layer per part of France, each in its official CRS, counts equal to those told by the commune codes (97x
prefix), run in process and from qgis_process.bin."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from osgeo import gdal, ogr
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer

DEPARTEMENTS = ("2A", "91", "971", "972", "973", "974", "976")
LAYER_OF_DEP = {"971": "guadeloupe", "972": "martinique", "973": "guyane", "974": "reunion", "976": "mayotte"}
EPSG = {"metropole": 2154, "guadeloupe": 5490, "martinique": 5490, "guyane": 2972, "reunion": 2975, "mayotte": 4471}


@pytest.fixture(scope="module")
def communes(shared_data, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("split") / "communes.gpkg"
    for i, dep in enumerate(DEPARTEMENTS):
        path = next((shared_data / "communes-2018").glob(f"communes-{dep}-*.geojson.gz"))
        gdal.VectorTranslate(
            str(target),
            f"/vsigzip/{path}",
            format="GPKG",
            layerName="communes",
            accessMode=None if i == 0 else "append",
            geometryType="MULTIPOLYGON",
        )
    return target


def _expected_counts(gpkg: Path) -> Counter:
    """Layer → number of communes, from the commune codes alone (971 to 976: the DROM; else metropolitan)."""
    ds = ogr.Open(str(gpkg))
    codes = [f.GetField("code") for f in ds.GetLayer("communes")]
    return Counter(LAYER_OF_DEP.get(code[:3], "metropole") for code in codes)


def _written(gpkg: Path) -> dict:
    """Layer → (features, EPSG code, set of commune codes, extent) as OGR reads the GeoPackage."""
    ds = ogr.Open(str(gpkg))
    out = {}
    for i in range(ds.GetLayerCount()):
        layer = ds.GetLayer(i)
        srs = layer.GetSpatialRef()
        srs.AutoIdentifyEPSG()
        codes = {f.GetField("code") for f in layer}
        out[layer.GetName()] = (layer.GetFeatureCount(), int(srs.GetAuthorityCode(None)), codes, layer.GetExtent())
    return out


def _check(gpkg: Path, expected: Counter) -> None:
    written = _written(gpkg)
    assert set(written) == set(expected)
    for name, (count, epsg, codes, extent) in written.items():
        assert count == expected[name], name
        assert epsg == EPSG[name], name
        prefixes = {code[:3] if code.startswith("97") else "metro" for code in codes}
        assert len(prefixes) == 1, name  # one part per layer
        if name == "reunion":  # UTM 40S coordinates of La Réunion (x 310–380 km, y 7,630–7,700 km)
            assert 300_000 < extent[0] < extent[1] < 390_000 and 7_620_000 < extent[2] < extent[3] < 7_710_000


def test_split_real_communes(communes, tmp_path, qgis_processing, terridata_provider):
    import processing

    target = tmp_path / "parts.gpkg"
    result = processing.run(
        "terridata:split_by_territory", {"INPUT": f"{communes}|layername=communes", "OUTPUT": str(target)}
    )
    expected = _expected_counts(communes)
    assert set(expected) == set(EPSG)  # the data has the metropole and the five DROM
    _check(target, expected)
    assert result["OUTSIDE"] == 0
    for name, count in expected.items():
        assert f"{name}: {count}" in result["LAYERS"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_split_from_qgis_process(communes, tmp_path, qgis_process_profile):
    from qgis_process_helper import run_qgis_process

    target = tmp_path / "cli.gpkg"
    result = run_qgis_process(
        "terridata:split_by_territory", {"INPUT": f"{communes}|layername=communes", "OUTPUT": str(target)}
    )
    assert Path(result["results"]["OUTPUT"]) == target
    _check(target, _expected_counts(communes))


def _points(coordinates) -> QgsVectorLayer:
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=code:string", "points", "memory")
    features = []
    for i, xy in enumerate(coordinates):
        f = QgsFeature(layer.fields())
        f.setAttributes([f"p{i}"])
        if xy is not None:
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*xy)))
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def test_outside_and_no_geometry_are_counted(tmp_path, qgis_processing, terridata_provider):
    from qgis.core import QgsProcessingFeedback

    import processing

    # Paris, Saint-Denis (La Réunion), the middle of the Atlantic, no geometry
    layer = _points([(2.35, 48.85), (55.45, -20.88), (-30.0, 40.0), None])
    messages = []
    feedback = QgsProcessingFeedback()
    feedback.pushWarning = messages.append
    target = tmp_path / "points.gpkg"
    result = processing.run("terridata:split_by_territory", {"INPUT": layer, "OUTPUT": str(target)}, feedback=feedback)
    assert result["OUTSIDE"] == 1
    written = _written(target)
    assert {name: w[0] for name, w in written.items()} == {"metropole": 1, "reunion": 1, "outside": 1}
    assert written["outside"][1] == 4326 and written["outside"][2] == {"p2"}
    log = " ".join(messages)
    assert "1 feature(s) of points lie outside every part of France" in log
    assert "1 feature(s) of points have no geometry" in log


def test_nothing_in_france_is_refused_and_nothing_written(tmp_path, qgis_processing, terridata_provider):
    import processing

    target = tmp_path / "none.gpkg"
    with pytest.raises(QgsProcessingException, match="No feature of points lies in a part of France"):
        processing.run("terridata:split_by_territory", {"INPUT": _points([(-30.0, 40.0)]), "OUTPUT": str(target)})
    assert list(tmp_path.iterdir()) == []


def test_cancelled_run_writes_nothing(communes, tmp_path, qgis_processing, terridata_provider):
    from qgis.core import QgsProcessingFeedback

    import processing

    feedback = QgsProcessingFeedback()
    feedback.cancel()
    target = tmp_path / "cancelled.gpkg"
    with pytest.raises(QgsProcessingException):
        processing.run(
            "terridata:split_by_territory",
            {"INPUT": f"{communes}|layername=communes", "OUTPUT": str(target)},
            feedback=feedback,
        )
    assert list(tmp_path.iterdir()) == []


def test_temporary_output(tmp_path, qgis_processing, terridata_provider):
    import processing

    result = processing.run(
        "terridata:split_by_territory", {"INPUT": _points([(2.35, 48.85)]), "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert result["OUTPUT"].endswith(".gpkg")
    assert {name: w[0] for name, w in _written(Path(result["OUTPUT"])).items()} == {"metropole": 1}
