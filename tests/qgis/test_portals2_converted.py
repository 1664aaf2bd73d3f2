"""portal_load uses data.gouv.fr's converted files (resource extras) when they make loading cheaper.

Parquet needs GDAL's Parquet driver and PMTiles its PMTiles driver (GDAL >= 3.8): the host's GDAL 3.6 has neither,
so the tests that need them are skipped there and run where QGIS ships a GDAL that has them.
"""

from __future__ import annotations

import json

import pytest
from osgeo import gdal, ogr
from portal_replay import DataGouvReplay, dg_dataset

HAS_PARQUET = ogr.GetDriverByName("Parquet") is not None
HAS_PMTILES = ogr.GetDriverByName("PMTiles") is not None
NO_PARQUET = "this GDAL has no Parquet driver (GDAL built without Arrow/Parquet)"
NO_PMTILES = "this GDAL has no PMTiles driver (GDAL < 3.8)"

CSV = "nom;latitude;longitude\nMairie;48.6244;2.4407\nÉcole;48.7;2.3\n"
POINTS = {"Mairie": (2.4407, 48.6244), "École": (2.3, 48.7)}
GEOJSON = json.dumps(
    {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"nom": n}, "geometry": {"type": "Point", "coordinates": list(xy)}}
            for n, xy in POINTS.items()
        ],
    }
)


@pytest.fixture()
def env(qgis_app, qgis_processing, terridata_provider, httpserver, monkeypatch):
    monkeypatch.setenv("TERRIDATA_DATAGOUV_URL", httpserver.url_for("/api/1"))
    for name in ("DATAGOUV", "OPENDATASOFT", "CKAN", "DEFAULT"):
        monkeypatch.setenv(f"TERRIDATA_RATE_{name}", "1000/1")
    monkeypatch.setenv("TERRIDATA_BACKOFF_BASE_S", "0.05")
    monkeypatch.setenv("TERRIDATA_MAX_RETRIES", "1")
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    return httpserver


def _serve(server, files: dict, extras: dict):
    """The dataset ds1 with one CSV resource whose extras point at ``files`` ({path: (bytes, content type)})."""
    replay = DataGouvReplay(server, total=0)
    served = []
    for path, (body, ctype) in files.items():

        def handler(request, body=body, ctype=ctype):
            from werkzeug.wrappers import Response

            served.append(request.path)
            return Response(body, content_type=ctype)

        server.expect_request(path).respond_with_handler(handler)
    resource = {"id": "r1", "title": "dae.csv", "format": "csv", "url": server.url_for("/files/dae.csv")}
    resource["extras"] = {k: (server.url_for(v) if str(v).startswith("/") else v) for k, v in extras.items()}
    replay.datasets["ds1"] = dg_dataset(1, resources=[resource])
    return served


def _run(tmp_path, **params):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    import processing

    infos = []

    class Feedback(QgsProcessingFeedback):
        def pushInfo(self, text):  # noqa: N802
            infos.append(text)

        def pushWarning(self, text):  # noqa: N802
            infos.append(text)

    full = {"PORTAL": "data.gouv.fr", "DATASET": "ds1", "OUTPUT": str(tmp_path / "out.gpkg")}
    full.update(params)
    result = processing.run("terridata:portal_load", full, context=QgsProcessingContext(), feedback=Feedback())
    return result, infos


def _points(path):
    ds = ogr.Open(str(path))
    layer = ds.GetLayer(0)
    out = {}
    for feature in layer:
        geom = feature.GetGeometryRef()
        out[feature.GetField("nom")] = (round(geom.GetX(), 6), round(geom.GetY(), 6))
    return out


def _parquet_bytes(tmp_path) -> bytes:
    """The CSV as Parquet, written by GDAL (the table only, as data.gouv.fr's CSV → Parquet conversion)."""
    source = tmp_path / "source.csv"
    source.write_text(CSV.replace(";", ","), encoding="utf-8")
    target = tmp_path / "dae.parquet"
    gdal.VectorTranslate(
        str(target), str(source), options=gdal.VectorTranslateOptions(format="Parquet", layerName="dae")
    )
    return target.read_bytes()


@pytest.mark.skipif(HAS_PARQUET, reason="this GDAL has the Parquet driver: the Parquet conversion is preferred")
def test_geojson_conversion_without_the_parquet_driver(env, tmp_path):
    served = _serve(
        env,
        {"/files/dae.csv": (CSV.encode(), "text/csv"), "/conv/dae.geojson": (GEOJSON.encode(), "application/json")},
        {
            "analysis:parsing:parquet_url": "/conv/dae.parquet",
            "analysis:parsing:geojson_url": "/conv/dae.geojson",
        },
    )
    result, _ = _run(tmp_path)
    assert served == ["/conv/dae.geojson"]
    assert _points(tmp_path / "out.gpkg") == POINTS


@pytest.mark.skipif(not HAS_PARQUET, reason=NO_PARQUET)
def test_parquet_conversion_preferred_and_loaded(env, tmp_path):
    served = _serve(
        env,
        {
            "/files/dae.csv": (CSV.encode(), "text/csv"),
            "/conv/dae.geojson": (GEOJSON.encode(), "application/json"),
            "/conv/dae.parquet": (_parquet_bytes(tmp_path), "application/vnd.apache.parquet"),
        },
        {
            "analysis:parsing:parquet_url": "/conv/dae.parquet",
            "analysis:parsing:geojson_url": "/conv/dae.geojson",
        },
    )
    result, infos = _run(tmp_path)
    assert served == ["/conv/dae.parquet"]
    assert result["FEATURE_COUNT"] == 2 and result["WITHOUT_GEOMETRY"] == 0
    assert _points(tmp_path / "out.gpkg") == POINTS


@pytest.mark.skipif(not HAS_PARQUET, reason=NO_PARQUET)
def test_parquet_conversion_serves_xy_columns(env, tmp_path):
    served = _serve(
        env,
        {"/conv/dae.parquet": (_parquet_bytes(tmp_path), "application/vnd.apache.parquet")},
        {"analysis:parsing:parquet_url": "/conv/dae.parquet"},
    )
    result, _ = _run(tmp_path, GEOMETRY=1, X_FIELD="longitude", Y_FIELD="latitude")
    assert served == ["/conv/dae.parquet"]
    assert _points(tmp_path / "out.gpkg") == POINTS


def test_unsafe_conversion_url_ignored(env, tmp_path):
    served = _serve(
        env,
        {"/files/dae.csv": (CSV.encode(), "text/csv")},
        {"analysis:parsing:geojson_url": "javascript:alert(1)", "analysis:parsing:parquet_url": "file:///etc/passwd"},
    )
    result, _ = _run(tmp_path)
    assert served == ["/files/dae.csv"]
    assert _points(tmp_path / "out.gpkg") == POINTS


@pytest.mark.skipif(not HAS_PMTILES, reason=NO_PMTILES)
def test_pmtiles_offered_for_display(env, tmp_path):
    source = tmp_path / "dae.geojson"
    source.write_text(GEOJSON, encoding="utf-8")
    tiles = tmp_path / "dae.pmtiles"
    gdal.VectorTranslate(
        str(tiles),
        str(source),
        options=gdal.VectorTranslateOptions(format="PMTiles", datasetCreationOptions=["MAXZOOM=10"]),
    )
    served = _serve(
        env,
        {
            "/files/dae.csv": (CSV.encode(), "text/csv"),
            "/conv/dae.pmtiles": (tiles.read_bytes(), "application/octet-stream"),
        },
        {"analysis:parsing:pmtiles_url": "/conv/dae.pmtiles"},
    )
    result, infos = _run(tmp_path)
    url = env.url_for("/conv/dae.pmtiles")
    assert any("PMTiles" in m and url in m for m in infos)
    assert "/conv/dae.pmtiles" not in served  # only offered, never downloaded to build the layer
    # what is offered opens as vector tiles with the two points
    ds = gdal.OpenEx(str(tiles), gdal.OF_VECTOR)
    assert sum(ds.GetLayer(i).GetFeatureCount() for i in range(ds.GetLayerCount())) == len(POINTS)


def _pmtiles_bytes(tmp_path) -> bytes:
    """The two points as vector tiles, written by GDAL's PMTiles driver (as data.gouv.fr's conversion)."""
    source = tmp_path / "dae.geojson"
    source.write_text(GEOJSON, encoding="utf-8")
    tiles = tmp_path / "made.pmtiles"
    gdal.VectorTranslate(
        str(tiles),
        str(source),
        options=gdal.VectorTranslateOptions(format="PMTiles", datasetCreationOptions=["MAXZOOM=10"]),
    )
    return tiles.read_bytes()


@pytest.mark.skipif(not HAS_PMTILES, reason=NO_PMTILES)
def test_pmtiles_downloaded_for_display_when_asked(env, tmp_path):
    made = _pmtiles_bytes(tmp_path)
    served = _serve(
        env,
        {
            "/files/dae.csv": (CSV.encode(), "text/csv"),
            "/conv/dae.pmtiles": (made, "application/octet-stream"),
        },
        {"analysis:parsing:pmtiles_url": "/conv/dae.pmtiles"},
    )
    target = tmp_path / "display.pmtiles"
    result, _ = _run(tmp_path, TILES=str(target))
    assert "/conv/dae.pmtiles" in served
    assert result["TILES"] == str(target)
    assert target.read_bytes() == made
    assert _points(tmp_path / "out.gpkg") == POINTS  # the layer itself still comes from the table
    ds = gdal.OpenEx(str(target), gdal.OF_VECTOR)
    assert ds.GetDriver().ShortName == "PMTiles"
    assert sum(ds.GetLayer(i).GetFeatureCount() for i in range(ds.GetLayerCount())) == len(POINTS)


@pytest.mark.skipif(not HAS_PMTILES, reason=NO_PMTILES)
def test_pmtiles_loaded_in_the_project_as_a_layer(env, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject, QgsVectorLayer

    import processing

    _serve(
        env,
        {
            "/files/dae.csv": (CSV.encode(), "text/csv"),
            "/conv/dae.pmtiles": (_pmtiles_bytes(tmp_path), "application/octet-stream"),
        },
        {"analysis:parsing:pmtiles_url": "/conv/dae.pmtiles"},
    )
    target = tmp_path / "display.pmtiles"
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    params = {"PORTAL": "data.gouv.fr", "DATASET": "ds1", "OUTPUT": str(tmp_path / "out.gpkg"), "TILES": str(target)}
    processing.run("terridata:portal_load", params, context=context, feedback=QgsProcessingFeedback())
    assert context.willLoadLayerOnCompletion(str(target))
    layer = QgsVectorLayer(str(target), "tiles", "ogr")  # what QGIS opens on completion
    assert layer.isValid() and layer.featureCount() == len(POINTS)


@pytest.mark.skipif(not HAS_PMTILES, reason=NO_PMTILES)
def test_pmtiles_that_are_not_tiles_write_nothing(env, tmp_path):
    _serve(
        env,
        {
            "/files/dae.csv": (CSV.encode(), "text/csv"),
            "/conv/dae.pmtiles": (b"<html><body>Connexion requise</body></html>", "text/html"),
        },
        {"analysis:parsing:pmtiles_url": "/conv/dae.pmtiles"},
    )
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="cannot be read|not a PMTiles"):
        _run(tmp_path, TILES=str(tmp_path / "display.pmtiles"))
    assert not (tmp_path / "display.pmtiles").exists()
    assert not (tmp_path / "out.gpkg").exists()


def test_tiles_asked_but_not_offered_writes_the_layer_only(env, tmp_path):
    _serve(env, {"/files/dae.csv": (CSV.encode(), "text/csv")}, {})
    result, infos = _run(tmp_path, TILES=str(tmp_path / "display.pmtiles"))
    assert result["FEATURE_COUNT"] == 2
    assert result["TILES"] is None
    assert not (tmp_path / "display.pmtiles").exists()
    assert any("no vector tiles" in m for m in infos)


@pytest.mark.skipif(HAS_PMTILES, reason="this GDAL has the PMTiles driver: the tiles are downloaded")
def test_tiles_asked_without_the_driver_are_refused_in_words(env, tmp_path):
    served = _serve(
        env, {"/files/dae.csv": (CSV.encode(), "text/csv")}, {"analysis:parsing:pmtiles_url": "/conv/dae.pmtiles"}
    )
    result, infos = _run(tmp_path, TILES=str(tmp_path / "display.pmtiles"))
    assert result["FEATURE_COUNT"] == 2 and result["TILES"] is None
    assert "/conv/dae.pmtiles" not in served
    assert not (tmp_path / "display.pmtiles").exists()
    assert any("GDAL 3.8" in m for m in infos)


@pytest.mark.skipif(HAS_PMTILES, reason="this GDAL has the PMTiles driver: the tiles are offered")
def test_pmtiles_skipped_without_the_driver(env, tmp_path):
    _serve(env, {"/files/dae.csv": (CSV.encode(), "text/csv")}, {"analysis:parsing:pmtiles_url": "/conv/dae.pmtiles"})
    result, infos = _run(tmp_path)
    assert result["FEATURE_COUNT"] == 2
    assert not any("PMTiles" in m for m in infos)


def test_converted_source_downloads_through_fetch(env, tmp_path):
    # runs everywhere: the chosen conversion goes through the usual fetch (atomic file, same-host rule)
    from terridata.core.tabular.converted import DownloadChoice
    from terridata.providers.portals import client_for
    from terridata.providers.portals.extras import ConvertedSource
    from terridata.providers.portals.fetch import fetch_resource

    body = b"PAR1" + bytes(range(256)) * 4 + b"PAR1"
    served = _serve(env, {"/conv/dae.parquet": (body, "application/vnd.apache.parquet")}, {})
    client = client_for("data.gouv.fr")
    info = client.dataset("ds1")
    resource = info.resources[0]
    choice = DownloadChoice("parquet", env.url_for("/conv/dae.parquet"), len(body), "Parquet conversion")
    path = fetch_resource(ConvertedSource(client, choice), info, resource, tmp_path / "dl")
    assert served == ["/conv/dae.parquet"]
    assert path.name == "r1.parquet" and path.read_bytes() == body
    assert sorted(p.name for p in (tmp_path / "dl").iterdir()) == ["r1.parquet"]  # nothing else left


def test_table_conversion_to_csv_keeps_columns_and_geometry(tmp_path):
    # the step after a Parquet download, on a format this GDAL reads (the translation is the same)
    import csv

    from terridata.providers.portals.extras import parquet_to_csv

    source = tmp_path / "dae.geojson"
    source.write_text(GEOJSON, encoding="utf-8")
    out = parquet_to_csv(source, tmp_path / "table.csv", "dae")
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    got = {r["nom"]: ogr.CreateGeometryFromWkt(r["WKT"]) for r in rows}
    assert {k: (round(g.GetX(), 6), round(g.GetY(), 6)) for k, g in got.items()} == POINTS
