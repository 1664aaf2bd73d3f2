"""maps.france_insets: a national map of every commune of ../shared/data (the five DROM included), rendered to PNG
and PDF and read back: inset titles in the PDF text, each inset in its territory's CRS, the islands at one scale,
scale bars true (checked against ellipsoidal distances)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from osgeo import gdal, ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QImage

PICTURES = Path("/work/pictures/overseas")
EXPECTED_CRS = {"971": "EPSG:5490", "972": "EPSG:5490", "973": "EPSG:2972", "974": "EPSG:2975", "976": "EPSG:4471"}
TITLES = ["Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"]


@pytest.fixture(scope="module")
def all_communes(qgis_app, shared_data, tmp_path_factory):
    target = tmp_path_factory.mktemp("national") / "communes.gpkg"
    files = sorted((shared_data / "communes-2018").glob("*.geojson.gz"))
    for i, path in enumerate(files):
        gdal.VectorTranslate(
            str(target),
            f"/vsigzip/{path}",
            format="GPKG",
            layerName="communes",
            accessMode=None if i == 0 else "append",
            geometryType="MULTIPOLYGON",
        )
    layer = QgsVectorLayer(f"{target}|layername=communes", "communes", "ogr")
    assert layer.isValid() and layer.featureCount() == 35357
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


def _true_scale(item) -> float:
    """The scale measured on the ground: ellipsoidal length of the map's horizontal centre line / its paper length."""
    extent = item.extent()
    y = extent.center().y()
    to_wgs84 = QgsCoordinateTransform(item.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    a = to_wgs84.transform(QgsPointXY(extent.xMinimum(), y))
    b = to_wgs84.transform(QgsPointXY(extent.xMaximum(), y))
    d = QgsDistanceArea()
    d.setEllipsoid("GRS80")
    metres = d.measureLine(a, b)
    return metres * 1000.0 / item.sizeWithUnits().width()


def test_national_map_with_five_insets(qgis_app, all_communes, tmp_path):
    from qgis.core import QgsFillSymbol, QgsSingleSymbolRenderer

    from terridata.maps.france_insets import INSETS, build_national_layout, export_national_layout

    symbol = QgsFillSymbol.createSimple({"color": "#f2d9a6", "outline_color": "#6b4e1f", "outline_width": "0.05"})
    all_communes.setRenderer(QgsSingleSymbolRenderer(symbol))

    layout, maps = build_national_layout([all_communes], "Communes de France (COG 2018)")
    assert tuple(maps.insets) == INSETS
    for code, item in maps.insets.items():
        assert item.crs().authid() == EXPECTED_CRS[code]
        # the territory's communes lie inside its inset's extent
        to_item = QgsCoordinateTransform(all_communes.crs(), item.crs(), QgsProject.instance())
        all_communes.setSubsetString(f"code LIKE '{code}%'")
        extent = to_item.transformBoundingBox(all_communes.extent())
        all_communes.setSubsetString("")
        assert item.extent().contains(extent), code
        # the scale bar is linked to its own map and the scale is true on the ground (within 0.5 %)
        assert maps.scale_bars[code].linkedMap() is item
        assert _true_scale(item) == pytest.approx(item.scale(), rel=5e-3), code
    assert maps.main.crs().authid() == "EPSG:2154"
    assert _true_scale(maps.main) == pytest.approx(maps.main.scale(), rel=5e-3)
    islands = [maps.insets[c].scale() for c in ("971", "972", "974", "976")]
    assert max(islands) == pytest.approx(min(islands), rel=1e-6)  # one common scale for the islands
    assert maps.insets["973"].scale() > max(islands)  # Guyane at a smaller scale of its own

    png = export_national_layout(layout, tmp_path / "national.png", dpi=100)
    pdf = export_national_layout(layout, tmp_path / "national.pdf", dpi=100)
    image = QImage(str(png))
    assert image.width() == pytest.approx(297 / 25.4 * 100, abs=2)
    # each inset shows its communes: some non-white pixels inside its frame
    for code, item in maps.insets.items():
        pos, size = item.positionWithUnits(), item.sizeWithUnits()
        px = 100 / 25.4
        inked = 0
        for i in range(5, 95, 5):
            for j in range(5, 95, 5):
                x = int((pos.x() + size.width() * i / 100) * px)
                y = int((pos.y() + size.height() * j / 100) * px)
                inked += (image.pixel(x, y) & 0xFFFFFF) != 0xFFFFFF
        assert inked > 5, code
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        for title in TITLES + ["Communes de France (COG 2018)"]:
            assert title in text, title
        assert text.count("km") == 6  # six scale bars
    PICTURES.mkdir(parents=True, exist_ok=True)
    shutil.copy(png, PICTURES / "national_insets.png")
    shutil.copy(pdf, PICTURES / "national_insets.pdf")


def test_ogr_sees_every_drom_in_the_national_layer(all_communes):
    ds = ogr.Open(all_communes.source().split("|")[0])
    codes = {f.GetField("code")[:3] for f in ds.GetLayer(0) if f.GetField("code").startswith("97")}
    assert codes == set(INSETS_CODES)


INSETS_CODES = ("971", "972", "973", "974", "976")
