"""Issue 19, maps: export_map puts the five DROM in insets (each in its own CRS, true scale bars) when the layer covers
metropolitan France and overseas départements; export_atlas gives each page the official CRS of its territory.
Real communes of ../shared/data; scales checked against ellipsoidal distances (QgsDistanceArea), text read back from
the PDF with pdftotext."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from map_readback import flat, pdf_page_image, pdf_pages, pdf_text
from osgeo import gdal, ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsPointXY,
    QgsProject,
    QgsUnitTypes,
    QgsVectorLayer,
)

PICTURES = Path("/work/pictures/maps2")
EXPECTED_CRS = {"971": "EPSG:5490", "972": "EPSG:5490", "973": "EPSG:2972", "974": "EPSG:2975", "976": "EPSG:4471"}
TITLES = ["Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"]
METROPOLITAN = ("29", "2A", "59", "64", "67", "91")  # the four corners of the Hexagon, Corsica, Essonne


def _communes_gpkg(shared_data, target: Path, departements) -> Path:
    """Communes of ``departements`` (files of ../shared/data) in one GeoPackage layer, with a numeric field
    ``letters`` (length of the name) to map."""
    files = [next((shared_data / "communes-2018").glob(f"communes-{dep}-*.geojson.gz")) for dep in departements]
    for i, path in enumerate(files):
        gdal.VectorTranslate(
            str(target),
            f"/vsigzip/{path}",
            format="GPKG",
            layerName="communes",
            accessMode=None if i == 0 else "append",
            geometryType="MULTIPOLYGON",
        )
    ds = ogr.Open(str(target), 1)
    ds.ExecuteSQL("ALTER TABLE communes ADD COLUMN letters REAL")
    ds.ExecuteSQL("UPDATE communes SET letters = length(nom)")
    ds = None
    return target


@pytest.fixture(autouse=True)
def _no_layouts_left(qgis_app):
    yield
    project = QgsProject.instance()
    for layout in list(project.layoutManager().printLayouts()):
        project.layoutManager().removeLayout(layout)
    root = project.layerTreeRoot()
    for group in [g for g in root.children() if g.name().startswith("Map: ") or g.name().startswith("Atlas")]:
        for node in group.findLayers():
            project.removeMapLayer(node.layerId())
        root.removeChildNode(group)


@pytest.fixture(scope="module")
def france(qgis_app, shared_data, tmp_path_factory):
    path = _communes_gpkg(
        shared_data, tmp_path_factory.mktemp("france") / "france.gpkg", METROPOLITAN + tuple(EXPECTED_CRS)
    )
    layer = QgsVectorLayer(f"{path}|layername=communes", "communes", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


def _ground_km_per_mm(item) -> float:
    """Kilometres on the ground per millimetre of paper along the map's horizontal centre line (GRS80 ellipsoid)."""
    extent = item.extent()
    y = extent.center().y()
    to_wgs84 = QgsCoordinateTransform(item.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    a = to_wgs84.transform(QgsPointXY(extent.xMinimum(), y))
    b = to_wgs84.transform(QgsPointXY(extent.xMaximum(), y))
    d = QgsDistanceArea()
    d.setEllipsoid("GRS80")
    return d.measureLine(a, b) / 1000.0 / item.sizeWithUnits().width()


def _maps_by_id(layout) -> dict:
    return {item.id(): item for item in layout.items() if isinstance(item, QgsLayoutItemMap)}


def _bars(layout) -> list:
    return [item for item in layout.items() if isinstance(item, QgsLayoutItemScaleBar)]


def _bar_segment_mm(bar) -> float:
    """Paper length of one segment as QGIS draws it: the segment's length in map units (metres in these projected
    CRSs) over the map's map units per paper millimetre (planimetric, no ellipsoid)."""
    item = bar.linkedMap()
    metres = bar.unitsPerSegment() * QgsUnitTypes.fromUnitToUnitFactor(bar.units(), QgsUnitTypes.DistanceMeters)
    assert item.crs().mapUnits() == QgsUnitTypes.DistanceMeters
    return metres / (item.extent().width() / item.sizeWithUnits().width())


def _run_map(layer, target, overseas=None):
    import processing

    params = {
        "INPUT": layer,
        "FIELD": "letters",
        "TITLE": "Longueur des noms de communes",
        "DPI": 100,
        "OUTPUT": str(target),
    }
    if overseas is not None:
        params["OVERSEAS_INSETS"] = overseas
    return processing.run("terridata:export_map", params)


def test_export_map_of_france_has_five_true_insets(qgis_processing, terridata_provider, france, tmp_path):
    result = _run_map(france, tmp_path / "france.pdf")
    layout = QgsProject.instance().layoutManager().layoutByName(result["LAYOUT"])
    assert layout is not None
    maps = _maps_by_id(layout)
    assert maps["map metropole"].crs().authid() == "EPSG:2154"
    for code, authid in EXPECTED_CRS.items():
        item = maps[f"map {code}"]
        assert item.crs().authid() == authid, code
        # the territory's communes lie inside its inset
        france.setSubsetString(f"code LIKE '{code}%'")
        extent = QgsCoordinateTransform(france.crs(), item.crs(), QgsProject.instance()).transformBoundingBox(
            france.extent()
        )
        france.setSubsetString("")
        assert item.extent().contains(extent), code
        # true scale: ground distance across the map / paper width equals the map's scale (within 0.5 %)
        assert _ground_km_per_mm(item) * 1e6 == pytest.approx(item.scale(), rel=5e-3), code
    islands = [maps[f"map {c}"].scale() for c in ("971", "972", "974", "976")]
    assert max(islands) == pytest.approx(min(islands), rel=1e-6)
    assert maps["map 973"].scale() > max(islands)
    # every scale bar: its segment's paper length × ground km per mm of its map = the km it is labelled with
    bars = _bars(layout)
    assert len(bars) == 6
    assert {bar.linkedMap().id() for bar in bars} == set(maps) - {""}
    for bar in bars:
        measured = _bar_segment_mm(bar) * _ground_km_per_mm(bar.linkedMap())
        assert measured == pytest.approx(bar.unitsPerSegment(), rel=1e-2), bar.linkedMap().id()
    # read back: the inset titles, six scale bars (two segments each: "0 … 2 × n km"), the CRSs named
    text = flat(pdf_text(Path(result["OUTPUT"])))
    for title in TITLES:
        assert title in text, title
    assert text.count("km") >= 6
    for bar in bars:
        assert f"{2 * bar.unitsPerSegment():g} km".replace(".", ",") in text.replace(".", ",")
    assert "EPSG:2154" in text and "EPSG:2975" in text and "EPSG:2972" in text and "EPSG:4471" in text


def test_export_map_of_france_png_is_looked_at(qgis_processing, terridata_provider, france, tmp_path):
    from qgis.PyQt.QtGui import QImage

    png = Path(_run_map(france, tmp_path / "france.png")["OUTPUT"])
    image = QImage(str(png))
    assert image.width() == pytest.approx(297 / 25.4 * 100, abs=2)
    PICTURES.mkdir(parents=True, exist_ok=True)
    shutil.copy(png, PICTURES / "export_map_france_insets.png")


def test_metropolitan_layer_and_never_give_one_map(qgis_processing, terridata_provider, france, tmp_path):
    france.setSubsetString("code LIKE '91%'")
    try:
        essonne = _maps_by_id(
            QgsProject.instance().layoutManager().layoutByName(_run_map(france, tmp_path / "e.pdf")["LAYOUT"])
        )
        always = _maps_by_id(
            QgsProject.instance()
            .layoutManager()
            .layoutByName(_run_map(france, tmp_path / "always.pdf", overseas="always")["LAYOUT"])
        )
    finally:
        france.setSubsetString("")
    assert "map 974" not in essonne
    assert always["map 974"].crs().authid() == "EPSG:2975"  # "always": the national layout, DROM without data
    never = _run_map(france, tmp_path / "never.pdf", overseas="never")
    maps = _maps_by_id(QgsProject.instance().layoutManager().layoutByName(never["LAYOUT"]))
    assert not [key for key in maps if key.startswith("map 97")]
    assert pdf_pages(Path(never["OUTPUT"])) == 1


@pytest.fixture(scope="module")
def reunion_essonne(qgis_app, shared_data, tmp_path_factory):
    path = _communes_gpkg(shared_data, tmp_path_factory.mktemp("atlas") / "communes.gpkg", ("974", "91"))
    layer = QgsVectorLayer(f"{path}|layername=communes", "communes", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


ATLAS_PAGES = {
    "97411": "EPSG:2975",
    "97415": "EPSG:2975",
    "97422": "EPSG:2975",
    "91228": "EPSG:2154",
    "91377": "EPSG:2154",
}


def test_atlas_pages_are_in_their_territory_crs_with_true_scale_bars(
    qgis_processing, terridata_provider, reunion_essonne, tmp_path
):
    import processing

    codes = ", ".join(f"'{code}'" for code in ATLAS_PAGES)
    result = processing.run(
        "terridata:export_atlas",
        {
            "COVERAGE": reunion_essonne,
            "NAME_FIELD": "code",
            "FILTER": f'"code" IN ({codes})',
            "SORT": '"code"',
            "FIELD": "letters",
            "INSET": False,
            "DPI": 72,
            "OUTPUT": str(tmp_path / "atlas.pdf"),
        },
    )
    assert result["PAGES"] == len(ATLAS_PAGES)
    pdf = Path(result["OUTPUT"])
    assert pdf_pages(pdf) == len(ATLAS_PAGES)
    layout = QgsProject.instance().layoutManager().layoutByName(result["LAYOUT"])
    atlas = layout.atlas()
    map_item = next(item for item in layout.items() if isinstance(item, QgsLayoutItemMap))
    bar = next(item for item in layout.items() if isinstance(item, QgsLayoutItemScaleBar))
    seen = {}
    assert atlas.beginRender()
    try:
        for page in range(atlas.count()):
            assert atlas.seekTo(page)
            code = atlas.nameForPage(page)
            seen[code] = map_item.crs().authid()
            # the page's commune lies in the map's extent (the zoom was made in the page's CRS)
            reunion_essonne.setSubsetString(f"\"code\" = '{code}'")
            box = QgsCoordinateTransform(
                reunion_essonne.crs(), map_item.crs(), QgsProject.instance()
            ).transformBoundingBox(reunion_essonne.extent())
            reunion_essonne.setSubsetString("")
            assert map_item.extent().contains(box), code
            # the scale bar's km: paper length of a segment × ground km per paper mm (ellipsoidal, measured here)
            measured = _bar_segment_mm(bar) * _ground_km_per_mm(map_item)
            assert measured == pytest.approx(bar.unitsPerSegment(), rel=1e-2), code
            # a round segment of 8 to 40 mm: readable
            assert 8 <= _bar_segment_mm(bar) <= 40, code
            text = flat(pdf_text(pdf, page + 1))
            assert code in text
            assert f"({seen[code]})" in text  # the CRS line names the page's CRS
            assert f"{2 * bar.unitsPerSegment():g} km".replace(".", ",") in text.replace(".", ","), code
    finally:
        atlas.endRender()
    assert seen == ATLAS_PAGES
    # the layout template keeps the per-page CRS for the layout designer
    assert "_td_crs" in Path(result["TEMPLATE"]).read_text(encoding="utf-8")
    picture = pdf_page_image(pdf, 4, dpi=60)  # 97415, Saint-Paul (La Réunion)
    PICTURES.mkdir(parents=True, exist_ok=True)
    shutil.copy(picture, PICTURES / "atlas_reunion_page.png")


def test_map_of_one_overseas_departement_is_in_its_crs(qgis_processing, terridata_provider, france, tmp_path):
    france.setSubsetString("code LIKE '974%'")  # La Réunion, in WGS 84 in the file
    try:
        result = _run_map(france, tmp_path / "reunion.pdf")
    finally:
        france.setSubsetString("")
    layout = QgsProject.instance().layoutManager().layoutByName(result["LAYOUT"])
    main = max(
        (item for item in layout.items() if isinstance(item, QgsLayoutItemMap)),
        key=lambda item: item.sizeWithUnits().width(),
    )
    assert france.crs().authid() == "EPSG:4326"
    assert main.crs().authid() == "EPSG:2975"
    assert _ground_km_per_mm(main) * 1e6 == pytest.approx(main.scale(), rel=5e-3)
    bar = next(item for item in layout.items() if isinstance(item, QgsLayoutItemScaleBar) and item.linkedMap() is main)
    assert _bar_segment_mm(bar) * _ground_km_per_mm(main) == pytest.approx(bar.unitsPerSegment(), rel=1e-2)
    assert "RGR92 / UTM zone 40S (EPSG:2975)" in flat(pdf_text(Path(result["OUTPUT"])))


def test_overseas_insets_by_key_from_qgis_process(france, tmp_path, qgis_process_profile):
    from qgis_process_helper import run_qgis_process

    source = france.source().split("|")[0]
    target = tmp_path / "cli.pdf"
    result = run_qgis_process(
        "terridata:export_map",
        {
            "INPUT": f"{source}|layername=communes|subset=\"code\" LIKE '91%'",  # Essonne alone
            "FIELD": "letters",
            "TITLE": "Essonne",
            "OVERSEAS_INSETS": "always",
            "DPI": 72,
            "OUTPUT": str(target),
        },
    )
    template = Path(result["results"]["TEMPLATE"]).read_text(encoding="utf-8")
    for code in EXPECTED_CRS:
        assert f'id="map {code}"' in template, code
    assert "La Réunion" in flat(pdf_text(target))
