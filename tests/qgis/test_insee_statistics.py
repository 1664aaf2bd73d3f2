"""``terridata:insee_statistics`` against a local Melodi replay built from the real data of ../shared/data:
the 2021 municipal population of the communes of Manche (COG 2024) loaded onto IGN's 2018 commune boundaries."""

from __future__ import annotations

import gzip
import json

import pytest
from melodi_replay import MelodiReplay, population_observations_from_csv

DEP = "50"  # Manche: 31 communes of 2018 merged into communes nouvelles by 2024


@pytest.fixture(scope="module")
def manche(shared_data):
    """``(observations, {2024 code: population}, [2018 codes], boundary path)`` read from the shared files."""
    observations, populations = population_observations_from_csv(
        shared_data / "insee-communes-cog2024.csv.gz", DEP, vintage="2024", period="2021"
    )
    path = next((shared_data / "communes-2018").glob(f"communes-{DEP}-*.geojson.gz"))
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        codes_2018 = [f["properties"]["code"] for f in json.load(handle)["features"]]
    return observations, populations, codes_2018, path


@pytest.fixture()
def melodi(qgis_app, httpserver, monkeypatch, manche):
    replay = MelodiReplay(httpserver)
    replay.add_dataset("DS_POPULATIONS_REFERENCE", manche[0])
    monkeypatch.setenv("TERRIDATA_INSEE_MELODI_URL", replay.base_url)
    monkeypatch.setenv("TERRIDATA_RATE_INSEE_MELODI", "1000/1")
    return replay


@pytest.fixture(scope="module")
def boundaries(manche, tmp_path_factory):
    """The 2018 boundaries as a file path (decompressed: QGIS 3.22's Processing does not open /vsigzip/ strings);
    Processing opens and frees the layer itself (a Python-owned OGR layer passed to processing.run makes QGIS 3.40
    crash when the test frees it)."""
    path = tmp_path_factory.mktemp("boundaries") / "communes-2018.geojson"
    path.write_bytes(gzip.decompress(manche[3].read_bytes()))
    return str(path)


def _run(params: dict, context=None, feedback=None):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    import processing

    if context is None:
        from qgis.core import QgsFeatureRequest

        context = QgsProcessingContext()
        # Some 2018 polygons are invalid after simplification: the strictest setting must not stop the join.
        context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryAbortOnInvalid)
    base = {
        "DATASET": "DS_POPULATIONS_REFERENCE",
        "MEASURES": "PMUN",
        "LEVEL": 0,
        "AREA_LEVEL": 1,
        "AREA_CODE": DEP,
        "OUTPUT": "memory:",
    }
    base.update(params)
    return processing.run(
        "terridata:insee_statistics", base, context=context, feedback=feedback or QgsProcessingFeedback()
    )


def _layer(result):
    from qgis.core import QgsProcessingContext, QgsProcessingUtils

    value = result["OUTPUT"]
    if hasattr(value, "fields"):
        return value
    return QgsProcessingUtils.mapLayerFromString(value, QgsProcessingContext())


def test_table_of_every_commune_of_a_departement(qgis_processing, terridata_provider, melodi, manche):
    result = _run({"PIVOT_DIMENSION": "POPREF_MEASURE"})
    table = _layer(result)
    populations = manche[1]
    assert table.wkbType() == 100  # QgsWkbTypes.NoGeometry
    assert [f.name() for f in table.fields()] == ["code", "level", "vintage", "period", "PMUN"]
    rows = {f["code"]: f for f in table.getFeatures()}
    assert set(rows) == set(populations)
    assert all(rows[c]["PMUN"] == populations[c] for c in populations)
    assert {(f["level"], f["vintage"], f["period"]) for f in rows.values()} == {("COM", "2024", "2021")}
    assert result["ROW_COUNT"] == len(populations)
    ((_, args),) = melodi.data_requests()
    assert ("GEO", "DEP-50*COM") in args and ("POPREF_MEASURE", "PMUN") in args


def test_population_2024_onto_2018_communes_unjoined_before_and_none_after(
    qgis_processing, terridata_provider, melodi, manche, boundaries
):
    """Loading the 2024 population onto the 2018 communes of a département reports exactly which codes failed to
    join before harmonisation and none after."""
    from qgis.core import NULL

    _, populations, codes_2018, _ = manche
    # Expected, computed independently from the two files: 2018 codes that are no commune of the COG 2024, and
    # 2024 communes without a 2018 polygon.
    expected_boundary = sorted(set(codes_2018) - set(populations))
    expected_stats = sorted(set(populations) - set(codes_2018))
    assert len(expected_boundary) == 31  # the data do show the vintage problem

    before = _run({"BOUNDARIES": boundaries, "JOIN_FIELD": "code"})
    assert before["UNJOINED_BOUNDARY_CODES"].split(",") == expected_boundary
    assert before["UNJOINED_STAT_CODES"] == ",".join(expected_stats)
    assert before["UNJOINED_COUNT"] == len(expected_boundary) + len(expected_stats)
    layer = _layer(before)
    assert layer.featureCount() == len(codes_2018)  # every polygon kept
    values = {f["code"]: f["PMUN"] for f in layer.getFeatures()}
    assert all(values[c] == populations[c] for c in codes_2018 if c in populations)
    assert all(values[c] == NULL or values[c] is None for c in expected_boundary)

    after = _run({"BOUNDARIES": boundaries, "JOIN_FIELD": "code", "HARMONISE": True, "BOUNDARY_VINTAGE": 2018})
    assert after["UNJOINED_COUNT"] == 0
    assert after["UNJOINED_BOUNDARY_CODES"] == "" and after["UNJOINED_STAT_CODES"] == ""
    layer = _layer(after)
    features = list(layer.getFeatures())
    assert len(features) == len(populations)
    assert sorted(f["code"] for f in features) == sorted(populations)
    assert sum(f["PMUN"] for f in features) == pytest.approx(sum(populations.values()))
    # every 2018 code is accounted for in exactly one dissolved polygon
    sources = [c for f in features for c in f["source_codes"].split(",")]
    assert sorted(sources) == sorted(codes_2018)
    assert all(f.hasGeometry() and not f.geometry().isEmpty() for f in features)


def test_epci_area_expanded_through_the_cog(qgis_processing, terridata_provider, melodi, manche):
    from terridata.core.cog.referential import default_referential

    ref = default_referential()
    epci = ref.ancestors("50129")["epci"]  # Cherbourg-en-Cotentin's EPCI
    members = ref.members(epci, "epci")
    result = _run({"AREA_LEVEL": 3, "AREA_CODE": epci})
    codes = sorted(f["code"] for f in _layer(result).getFeatures())
    assert codes == sorted(set(members) & set(manche[1]))
    assert len(codes) > 100
    sent = [v for _, args in melodi.data_requests() for k, v in args if k == "GEO"]
    assert sorted(sent) == sorted(f"COM-{c}" for c in members)


def test_style_and_licence_on_load(qgis_processing, terridata_provider, melodi, boundaries):
    from qgis.core import QgsGraduatedSymbolRenderer

    from terridata.processing.algorithms.insee_statistics import source_metadata
    from terridata.processing.base import decorate_layer

    layer = _layer(_run({"BOUNDARIES": boundaries, "JOIN_FIELD": "code"}))
    decorate_layer(layer, graduated_field="PMUN", source=source_metadata("DS_POPULATIONS_REFERENCE"))
    assert "Licence Ouverte 2.0" in layer.metadata().licenses()
    assert any("INSEE" in r for r in layer.metadata().rights())
    renderer = layer.renderer()
    assert isinstance(renderer, QgsGraduatedSymbolRenderer)
    assert renderer.classAttribute() == "PMUN" and len(renderer.ranges()) == 5


def test_unknown_dataset_and_bad_parameters(qgis_processing, terridata_provider, melodi, boundaries):
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException

    with pytest.raises(QgsProcessingException, match="DS_NEXISTEPAS"):
        _run({"DATASET": "DS_NEXISTEPAS"})
    alg = QgsApplication.processingRegistry().createAlgorithmById("terridata:insee_statistics")
    context = QgsProcessingContext()
    checks = [
        ({"DATASET": "DS X?"}, "dataset identifier"),
        ({"AREA_CODE": ""}, "Area code"),
        ({"BOUNDARIES": boundaries, "JOIN_FIELD": "code", "HARMONISE": True}, "vintage"),
        ({"FILTERS": "SEX"}, "DIMENSION=VALUE"),
    ]
    for params, words in checks:
        full = {
            "DATASET": "DS_POPULATIONS_REFERENCE",
            "LEVEL": 0,
            "AREA_LEVEL": 1,
            "AREA_CODE": DEP,
            "OUTPUT": "memory:",
        }
        full.update(params)
        ok, message = alg.checkParameterValues(full, context)
        assert not ok and words in message, (params, message)


def test_empty_result_gives_an_empty_table(qgis_processing, terridata_provider, melodi):
    from qgis.core import QgsProcessingFeedback

    class Capture(QgsProcessingFeedback):
        errors = []

        def reportError(self, error, fatalError=False):  # noqa: N802
            self.errors.append(error)

    feedback = Capture()
    result = _run({"PERIOD": "1900"}, feedback=feedback)
    assert result["ROW_COUNT"] == 0 and _layer(result).featureCount() == 0
    assert any("no data" in e for e in feedback.errors)


def test_from_qgis_process(melodi, manche, boundaries, tmp_path):
    from osgeo import ogr
    from qgis_process_helper import run_qgis_process

    out = tmp_path / "manche.gpkg"
    result = run_qgis_process(
        "terridata:insee_statistics",
        {
            "DATASET": "DS_POPULATIONS_REFERENCE",
            "MEASURES": "PMUN",
            "LEVEL": 0,
            "AREA_LEVEL": 1,
            "AREA_CODE": DEP,
            "BOUNDARIES": boundaries,
            "JOIN_FIELD": "code",
            "HARMONISE": True,
            "BOUNDARY_VINTAGE": 2018,
            "OUTPUT": str(out),
        },
        env={"TERRIDATA_INSEE_MELODI_URL": melodi.base_url, "TERRIDATA_RATE_INSEE_MELODI": "1000/1"},
    )
    assert result["results"]["UNJOINED_COUNT"] == 0
    assert result["results"]["ROW_COUNT"] == len(manche[1])
    ds = ogr.Open(str(out))
    layer = ds.GetLayer(0)
    assert layer.GetFeatureCount() == len(manche[1])
    total = sum(f.GetField("PMUN") for f in layer)
    assert total == pytest.approx(sum(manche[1].values()))
    ds = None
    # INSEE's licence and attribution are saved inside the GeoPackage
    from qgis.core import QgsVectorLayer

    saved = QgsVectorLayer(str(out), "saved", "ogr")
    assert "Licence Ouverte 2.0" in saved.metadata().licenses()
    assert any("INSEE" in r for r in saved.metadata().rights())


def test_invalid_boundary_polygons_do_not_stop_the_join(qgis_processing, terridata_provider, melodi, manche):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    populations = manche[1]
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326&field=insee:string", "bowties", "memory")
    features = []
    for code, wkt in (
        ("50129", "POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))"),  # self-intersecting
        ("50041", "POLYGON((2 0, 3 0, 3 1, 2 1, 2 0))"),
    ):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([code])
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    assert not features[0].geometry().isGeosValid()
    result = _run({"BOUNDARIES": layer, "JOIN_FIELD": "insee"})
    values = {f["insee"]: f["PMUN"] for f in _layer(result).getFeatures()}
    assert values == {"50129": populations["50129"], "50041": populations["50041"]}
    assert result["UNJOINED_BOUNDARY_CODES"] == ""
    assert len(result["UNJOINED_STAT_CODES"].split(",")) == len(populations) - 2
