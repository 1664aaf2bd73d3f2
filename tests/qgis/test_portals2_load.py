"""portal_load, second round: unjoined rows get a NULL geometry, styles applied on load, converted extras."""

from __future__ import annotations

import json

import pytest
from portal_replay import DataGouvReplay, OdsReplay, dg_dataset


@pytest.fixture()
def env(qgis_app, qgis_processing, terridata_provider, httpserver, monkeypatch):
    monkeypatch.setenv("TERRIDATA_DATAGOUV_URL", httpserver.url_for("/api/1"))
    monkeypatch.setenv("TERRIDATA_DATAGOUV_TABULAR_URL", httpserver.url_for("/tabular"))
    monkeypatch.setenv("TERRIDATA_DATAGOUV_SCHEMA_URL", httpserver.url_for("/schemas"))
    monkeypatch.setenv(
        "TERRIDATA_PORTALS",
        json.dumps([{"name": "Rennes test", "kind": "opendatasoft", "url": httpserver.url_for(OdsReplay.PREFIX)}]),
    )
    for name in ("DATAGOUV", "OPENDATASOFT", "CKAN", "DEFAULT"):
        monkeypatch.setenv(f"TERRIDATA_RATE_{name}", "1000/1")
    monkeypatch.setenv("TERRIDATA_BACKOFF_BASE_S", "0.05")
    monkeypatch.setenv("TERRIDATA_MAX_RETRIES", "1")
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    return httpserver


def _dg_with_file(server, body: bytes, name="dae.csv", fmt="csv", ctype="text/csv", extras=None):
    replay = DataGouvReplay(server, total=0)
    url = server.url_for(f"/files/{name}")
    resource = {"id": "r1", "title": name, "format": fmt, "url": url, "extras": extras or {}, "filesize": len(body)}
    replay.datasets["ds1"] = dg_dataset(1, resources=[resource])
    server.expect_request(f"/files/{name}").respond_with_data(body, content_type=ctype)
    return replay


def _run(params, tmp_path, name="out.gpkg"):
    import processing

    out = tmp_path / name
    full = {"PORTAL": "data.gouv.fr", "DATASET": "ds1", "OUTPUT": str(out)}
    full.update(params)
    return processing.run("terridata:portal_load", full), out


def _squares(codes):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    boundaries = QgsVectorLayer("Polygon?crs=EPSG:2154&field=code:string", "b", "memory")
    for code, (x, y) in codes.items():
        feature = QgsFeature(boundaries.fields())
        feature.setAttributes([code])
        feature.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + 1000} {y},{x + 1000} {y + 1000},{x} {y}))"))
        boundaries.dataProvider().addFeature(feature)
    return boundaries


@pytest.mark.parametrize("name", ["out.gpkg", "out.shp"])
def test_unjoined_rows_have_a_null_geometry(env, tmp_path, name):
    from osgeo import ogr

    boundaries = _squares({"91228": (660000, 6840000)})
    _dg_with_file(env, b"code;valeur\n91228;1\n99999;2\n;3\n")
    result, out = _run(
        {"GEOMETRY": 3, "CODE_FIELD": "code", "BOUNDARIES": boundaries, "BOUNDARY_CODE": "code"}, tmp_path, name
    )
    assert result["UNJOINED_ROWS"] == 2
    ds = ogr.Open(str(out))
    layer = ds.GetLayer(0)
    kinds = {}
    for feature in layer:
        geom = feature.GetGeometryRef()
        kinds[feature.GetField("valeur")] = "null" if geom is None else ("empty" if geom.IsEmpty() else "polygon")
    assert kinds == {1: "polygon", 2: "null", 3: "null"}


def test_unjoined_rows_null_in_a_temporary_output(env, tmp_path):
    import processing

    boundaries = _squares({"91228": (660000, 6840000)})
    _dg_with_file(env, b"code;valeur\n91228;1\n99999;2\n")
    params = {"GEOMETRY": 3, "CODE_FIELD": "code", "BOUNDARIES": boundaries, "BOUNDARY_CODE": "code"}
    params.update({"PORTAL": "data.gouv.fr", "DATASET": "ds1", "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = processing.run("terridata:portal_load", params)["OUTPUT"]
    got = {f["valeur"]: (f.hasGeometry(), f.geometry().isNull()) for f in layer.getFeatures()}
    assert got == {1: (True, False), 2: (False, True)}


def _qml_colour(style: str) -> str:
    """The colour written in the style file (read as XML, independently of QGIS's style loading)."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    import terridata

    root = ET.parse(Path(terridata.__file__).parent / "resources" / "styles" / f"{style}.qml").getroot()
    options = {o.get("name"): o.get("value") for o in root.iter("Option") if o.get("name")}
    return options.get("color") or options.get("line_color")


LINE_GEOJSON = (
    '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nom":"piste"},'
    '"geometry":{"type":"LineString","coordinates":[[2.44,48.62],[2.45,48.63]]}}]}'
)


@pytest.mark.parametrize(
    "body,name,fmt,style,geometry",
    [
        (b"nom;latitude;longitude\nA;48.62;2.44\n", "dae.csv", "csv", "portal_points", 0),
        (LINE_GEOJSON.encode(), "pistes.geojson", "geojson", "portal_lines", 0),
        (b"code;valeur\n91228;1\n", "pop.csv", "csv", "portal_polygons", 3),
        (b"nom;valeur\nA;1\n", "table.csv", "csv", "", 4),
    ],
)
def test_loaded_layer_gets_the_portal_style(env, tmp_path, body, name, fmt, style, geometry):
    from qgis.core import (
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingOutputLayerDefinition,
        QgsProject,
        QgsVectorLayer,
    )

    import processing

    _dg_with_file(env, body, name=name, fmt=fmt)
    out = tmp_path / "styled.gpkg"
    params = {"PORTAL": "data.gouv.fr", "DATASET": "ds1", "GEOMETRY": geometry}
    params["OUTPUT"] = QgsProcessingOutputLayerDefinition(str(out), QgsProject.instance())
    if geometry == 3:
        params.update({"CODE_FIELD": "code", "BOUNDARIES": _squares({"91228": (660000, 6840000)})})
        params["BOUNDARY_CODE"] = "code"
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    context.setProject(QgsProject.instance())
    result = processing.run("terridata:portal_load", params, context=context, feedback=feedback)
    dest = result["OUTPUT"]
    assert context.willLoadLayerOnCompletion(dest)
    processor = context.layerToLoadOnCompletionDetails(dest).postProcessor()
    assert processor is not None
    layer = QgsVectorLayer(dest, "styled", "ogr")
    default_colour = layer.renderer().symbol().color().name() if layer.isSpatial() else None
    processor.postProcessLayer(layer, context, feedback)
    if not style:
        assert not layer.isSpatial()
        return
    want = tuple(int(x) for x in _qml_colour(style).split(",")[:3])
    got = layer.renderer().symbol().color()
    assert (got.red(), got.green(), got.blue()) == want
    assert got.name() != default_colour  # the style changed something
