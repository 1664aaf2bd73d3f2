"""``terridata:ign_basemap``: a WMTS replayed from the Géoplateforme's capabilities (tiles served locally) and a
real WMS (MapServer 8 on 127.0.0.1); the layer is valid, carries the attribution and renders non-empty."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProcessingException,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QSize
from qgis.PyQt.QtGui import QColor, QImage
from werkzeug.wrappers import Response

pytest_plugins = ["mapserver_wfs"]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ign"
TILE_COLOUR = QColor(20, 160, 60)


def png_tile(colour: QColor) -> bytes:
    image = QImage(256, 256, QImage.Format_ARGB32)
    image.fill(colour)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


class ReplayWmts:
    def __init__(self, base_url: str):
        xml = (FIXTURES / "wmts_capabilities.xml").read_text(encoding="utf-8")
        self.capabilities = xml.replace("https://data.geopf.fr/wmts?", base_url + "?")
        self.tiles = []
        self.tile = png_tile(TILE_COLOUR)

    def __call__(self, request):
        args = {k.upper(): v for k, v in request.args.items()}
        if args.get("REQUEST") == "GetCapabilities":
            return Response(self.capabilities, content_type="application/xml")
        if args.get("REQUEST") == "GetTile":
            self.tiles.append(args)
            return Response(self.tile, content_type="image/png")
        return Response("bad request", status=400)


def render(layer, extent: QgsRectangle, crs: str) -> QImage:
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem(crs))
    settings.setExtent(extent)
    settings.setOutputSize(QSize(256, 256))
    settings.setBackgroundColor(QColor(255, 255, 255, 0))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def pixel_counts(image: QImage, colour: QColor | None = None) -> tuple:
    """(pixels that are not blank, pixels equal to ``colour``), on a 16-pixel grid."""
    drawn = same = 0
    for x in range(0, image.width(), 16):
        for y in range(0, image.height(), 16):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() > 0 and pixel != QColor(255, 255, 255):
                drawn += 1
            if colour is not None and pixel.rgb() == colour.rgb():
                same += 1
    return drawn, same


def run(params):
    import processing

    return processing.run("terridata:ign_basemap", params)


def run_and_load(params):
    """As the toolbox does: the layer is added to the project when the run ends."""
    import processing

    return processing.runAndLoadResults("terridata:ign_basemap", params)


@pytest.fixture()
def wmts(httpserver, monkeypatch):
    replay = ReplayWmts(httpserver.url_for("/wmts"))
    httpserver.expect_request("/wmts").respond_with_handler(replay)
    monkeypatch.setenv("TERRIDATA_IGN_WMTS_URL", httpserver.url_for("/wmts"))
    return replay


def test_plan_ign_wmts_uri_metadata_and_rendering(qgis_processing, terridata_provider, qgis_new_project, wmts):
    result = run_and_load({"BASEMAP": 0})
    uri = result["URI"]
    for part in (
        "layers=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2",
        "tileMatrixSet=PM",
        "format=image/png",
        "styles=normal",
        "crs=EPSG:3857",
    ):
        assert part in uri.split("&"), part
    assert result["PROVIDER_KEY"] == "wms"
    layer = QgsProject.instance().mapLayer(result["LAYER_ID"])
    assert layer is not None and layer.isValid() and layer.providerType() == "wms"
    assert layer.metadata().rights()[0] == "© IGN – Géoplateforme"
    assert layer.customProperty("terridata/attribution") == "© IGN – Géoplateforme"
    image = render(layer, QgsRectangle(-200_000, 5_900_000, 0, 6_100_000), "EPSG:3857")
    drawn, same = pixel_counts(image, TILE_COLOUR)
    assert same == drawn == 256  # every pixel comes from the served tiles
    assert wmts.tiles and all(t["LAYER"] == "GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2" for t in wmts.tiles)
    assert all(t["TILEMATRIXSET"] == "PM" and t["FORMAT"] == "image/png" for t in wmts.tiles)


def test_orthophotos_use_jpeg(qgis_processing, terridata_provider, wmts):
    result = run({"BASEMAP": 1, "ADD_TO_PROJECT": False})
    assert "format=image/jpeg" in result["URI"].split("&") and result["LAYER_ID"] == ""
    assert QgsRasterLayer(result["URI"], "ortho", "wms").isValid()


def test_unknown_layer_is_reported(qgis_processing, terridata_provider, wmts):
    with pytest.raises(QgsProcessingException, match="NOT.A.LAYER.*could not be opened"):
        run({"LAYER": "NOT.A.LAYER", "ADD_TO_PROJECT": False})


def test_real_wms_renders(qgis_processing, terridata_provider, qgis_new_project, mapserver):
    result = run_and_load(
        {"LAYER": "commune", "SERVICE": 1, "SERVICE_URL": mapserver.url, "FORMAT": "image/png", "CRS": "EPSG:4326"}
    )
    layer = QgsProject.instance().mapLayer(result["LAYER_ID"])
    assert layer.isValid() and "layers=commune" in result["URI"]
    image = render(layer, QgsRectangle(1.3, 49.6, 2.8, 50.4), "EPSG:4326")  # the Somme
    drawn, _ = pixel_counts(image)
    assert drawn > 200  # the commune polygons cover the view
    empty = render(layer, QgsRectangle(-5.0, 43.0, -4.0, 44.0), "EPSG:4326")  # Atlantic ocean: nothing published
    assert pixel_counts(empty)[0] == 0


def test_qgis_process_command_line(qgis_app, qgis_process_profile, mapserver):
    """Without FlagNoThreading, from qgis_process too; the basemap named as the enum value (a layer of the service's
    capabilities, not in the curated list: taken as typed)."""
    from qgis_process_helper import run_qgis_process

    from terridata.processing.algorithms.ign_basemap import AddIgnBasemap

    assert not AddIgnBasemap().flags() & AddIgnBasemap.FlagNoThreading
    result = run_qgis_process(
        "terridata:ign_basemap",
        {"BASEMAP": "commune", "SERVICE": 1, "SERVICE_URL": mapserver.url, "CRS": "EPSG:4326", "FORMAT": "image/png"},
    )
    uri = result["results"]["URI"]
    assert "layers=commune" in uri.split("&") and "crs=EPSG:4326" in uri.split("&")
    assert QgsRasterLayer(uri, "cli", "wms").isValid()
