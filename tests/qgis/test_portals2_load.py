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
    # QGIS's own default colour (the style saved inside the GeoPackage is not read for this one)
    plain = QgsVectorLayer(dest, "plain", "ogr", QgsVectorLayer.LayerOptions(loadDefaultStyle=False))
    default_colour = plain.renderer().symbol().color().name() if plain.isSpatial() else None
    processor.postProcessLayer(layer, context, feedback)
    if not style:
        assert not layer.isSpatial()
        return
    want = tuple(int(x) for x in _qml_colour(style).split(",")[:3])
    got = layer.renderer().symbol().color()
    assert (got.red(), got.green(), got.blue()) == want
    assert got.name() != default_colour  # the style changed something


def _run_logged(params, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    import processing

    messages = []

    class Feedback(QgsProcessingFeedback):
        def pushInfo(self, text):  # noqa: N802
            messages.append(text)

        def pushWarning(self, text):  # noqa: N802
            messages.append(text)

    full = {"PORTAL": "data.gouv.fr", "DATASET": "ds1", "OUTPUT": str(tmp_path / "out.gpkg"), "GEOMETRY": 3}
    full.update(params)
    result = processing.run("terridata:portal_load", full, context=QgsProcessingContext(), feedback=Feedback())
    return result, messages


def test_epci_codes_repaired_not_recoded_and_said(env, tmp_path):
    # 249100074 is not among the boundaries: an EPCI code is never followed through the COG, and the log says so
    boundaries = _squares({"200057859": (660000, 6840000)})
    _dg_with_file(env, b"siren;valeur\n200057859;1\n249100074;2\n")
    params = {"CODE_FIELD": "siren", "CODE_LEVEL": 1, "BOUNDARIES": boundaries, "BOUNDARY_CODE": "code"}
    result, messages = _run_logged(params, tmp_path)
    assert result["UNJOINED_ROWS"] == 1 and result["UNJOINED_CODES"] == "249100074"
    assert any("not re-coded" in m and "epci" in m for m in messages)


def test_departement_codes_repaired(env, tmp_path):
    from osgeo import ogr

    boundaries = _squares({"01": (850000, 6560000), "2A": (1200000, 6100000)})
    _dg_with_file(env, b"dep;valeur\n1;1\n2A;2\n1.0;3\n")
    params = {"CODE_FIELD": "dep", "CODE_LEVEL": 2, "BOUNDARIES": boundaries, "BOUNDARY_CODE": "code"}
    result, _ = _run_logged(params, tmp_path)
    assert result["UNJOINED_ROWS"] == 0
    ds = ogr.Open(str(tmp_path / "out.gpkg"))
    layer = ds.GetLayer(0)
    got = {f.GetField("valeur"): round(f.GetGeometryRef().Centroid().GetX()) for f in layer}
    assert got == {1: round(850000 + 2000 / 3), 2: round(1200000 + 2000 / 3), 3: round(850000 + 2000 / 3)}


def test_split_former_commune_left_unjoined_and_said(env, tmp_path):
    from terridata.core.cog.referential import default_referential

    referential = default_referential()
    transition = referential.transition(referential.vintages[0] - 1)
    # the split with the most parts (a commune nouvelle undone: several communes re-established)
    former, parts = max(((c, sorted(p)) for c, p in transition.items() if len(p) > 2), key=lambda item: len(item[1]))
    others = [p for p in parts if p != former]
    # boundaries for the re-established communes only: several candidates, none can be chosen
    boundaries = _squares({p: (600000 + 2000 * i, 6800000) for i, p in enumerate(others)})
    _dg_with_file(env, f"code;valeur\n{former};1\n".encode())
    params = {"CODE_FIELD": "code", "BOUNDARIES": boundaries, "BOUNDARY_CODE": "code"}
    result, messages = _run_logged(params, tmp_path)
    assert len(others) > 1
    assert result["UNJOINED_ROWS"] == 1 and result["UNJOINED_CODES"] == former
    assert any("split" in m and former in m and " + ".join(others) in m for m in messages)
