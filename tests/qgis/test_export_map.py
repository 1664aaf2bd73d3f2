"""terridata:export_map: real layouts rendered by QGIS, read back from the PDF (text, page pictures) as a reader
would, the classes and labels compared with values computed here from the data."""

import re
import sqlite3
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from map_readback import colour_share, flat, keep_picture, pdf_page_image, pdf_pages, pdf_text
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from terridata.__about__ import __icon_path__
from terridata.core.classification import class_labels, classify


@pytest.fixture()
def communes(qgis_app, sample_gpkg):
    """The sample communes with the metadata TerriData writes for IGN's ADMIN EXPRESS COG."""
    from terridata.providers.layer_metadata import apply_source_metadata

    layer = QgsVectorLayer(f"{sample_gpkg}|layername=communes", "communes", "ogr")
    assert layer.isValid()
    apply_source_metadata(
        layer,
        {
            "title": "ADMIN EXPRESS COG",
            "attribution": "IGN – ADMIN EXPRESS COG",
            "producer": "IGN",
            "updated": "2024",
            "licence": "Licence Ouverte 2.0",
        },
    )
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


@pytest.fixture(autouse=True)
def _no_layouts_left(qgis_app):
    """Tests run with an iface (as QGIS Desktop): the layouts and layers the algorithm adds are removed after."""
    yield
    project = QgsProject.instance()
    for layout in list(project.layoutManager().printLayouts()):
        project.layoutManager().removeLayout(layout)
    root = project.layerTreeRoot()
    for group in [g for g in root.children() if g.name().startswith("Map: ") or g.name().startswith("Atlas")]:
        for node in group.findLayers():
            project.removeMapLayer(node.layerId())
        root.removeChildNode(group)


def _populations(gpkg) -> list:
    with sqlite3.connect(gpkg) as db:
        return [row[0] for row in db.execute("SELECT population_2021 FROM communes")]


def _run(params):
    import processing

    return processing.run("terridata:export_map", params)


def test_choropleth_pdf_has_title_credits_and_the_classes(qgis_processing, terridata_provider, communes, tmp_path):
    target = tmp_path / "population.pdf"
    result = _run(
        {
            "INPUT": communes,
            "FIELD": "population_2021",
            "TITLE": "Population municipale 2021",
            "SUBTITLE": "Communes de l'Essonne",
            "LEGEND_TITLE": "Habitants",
            "AUTHOR": "Ville de Test",
            "CREDITS": "INSEE – recensement 2021",
            "LOGO": str(__icon_path__),
            "OUTPUT": str(target),
        }
    )
    assert result["OUTPUT"] == str(target) and pdf_pages(target) == 1
    text = flat(pdf_text(target))
    assert "Population municipale 2021" in text and "Communes de l'Essonne" in text
    today = date.today().isoformat()
    expected_credits = (
        "Sources: IGN – ADMIN EXPRESS COG, edition 2024 (Licence Ouverte 2.0); INSEE – recensement 2021; "
        f"map: Ville de Test, {today}"
    )
    assert expected_credits in text
    # the CRS as this QGIS's PROJ database names it (3.44's says "ETRS89-FRA [RGF93 v1] / Lambert-93")
    crs_name = QgsCoordinateReferenceSystem("EPSG:2154").description()
    assert f"Coordinate reference system: {crs_name} (EPSG:2154)" in text
    # The legend lists exactly the quantile classes of the values read here from the GeoPackage.
    expected = class_labels(classify(_populations(communes.source().split("|")[0]), "quantile", 5), "en")
    assert len(expected) == 5 and expected[0].startswith("71 – ")
    positions = [text.find(label) for label in expected]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), (expected, text)
    # The map is coloured: poppler's picture of the page shows the darkest and the lightest YlOrRd classes.
    picture = pdf_page_image(target, 1)
    assert colour_share(picture, "#bd0026") > 0.01 and colour_share(picture, "#ffffb2") > 0.01
    keep_picture(picture, "export_map-choropleth-en.png")
    # The template is beside the map: a QGIS layout that names the title.
    template = ET.parse(result["TEMPLATE"]).getroot()
    assert result["TEMPLATE"] == str(tmp_path / "population.qpt") and template.tag == "Layout"
    assert "Population municipale 2021" in ET.tostring(template, encoding="unicode")
    pictures = [Path(item.get("file")).resolve() for item in template.iter("LayoutItem") if item.get("file")]
    assert Path(__icon_path__).resolve() in pictures  # the logo (the north arrow is the other picture)
    assert not list(tmp_path.glob(".*"))
    # With an iface (QGIS Desktop) the layout is in the project, ready for the layout designer.
    assert QgsProject.instance().layoutManager().layoutByName(result["LAYOUT"]) is not None
    assert communes.renderer().type() == "singleSymbol"  # the user's layer kept its style


def test_count_field_is_warned_about(qgis_processing, terridata_provider, communes, tmp_path):
    from qgis.core import QgsProcessingFeedback

    import processing

    warnings = []
    feedback = QgsProcessingFeedback()
    feedback.pushWarning = warnings.append
    params = {"INPUT": communes, "TITLE": "t", "OUTPUT": str(tmp_path / "m.png"), "DPI": 72}
    processing.run("terridata:export_map", {**params, "FIELD": "population_2021"}, feedback=feedback)
    assert any("looks like a count" in w for w in warnings)
    warnings.clear()
    processing.run("terridata:export_map", {**params, "FIELD": "superficie_km2"}, feedback=feedback)
    assert not any("looks like a count" in w for w in warnings)


def _squares(name, values, size=200.0, field_type="double"):
    layer = QgsVectorLayer(f"Polygon?crs=EPSG:2154&field=v:{field_type}", name, "memory")
    features = []
    for i, value in enumerate(values):
        x, y = 640000 + (i % 10) * size, 6830000 + (i // 10) * size
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(x, y, x + size, y + size)))
        feature.setAttribute("v", value)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_grid_heat_map_merges_tied_classes(qgis_processing, terridata_provider, tmp_path):
    # The demo's 200 m grid: most cells hold one report. Quantiles used to read "1 - 1" four times.
    from qgis.core import QgsProcessingFeedback

    import processing

    cells = _squares("reports", [1] * 70 + [2] * 20 + [3] * 6 + [7, 9, 12, 15], field_type="integer")
    target = tmp_path / "grid.pdf"
    warnings = []
    feedback = QgsProcessingFeedback()
    feedback.pushWarning = warnings.append
    processing.run(
        "terridata:export_map",
        {"INPUT": cells, "KIND": 2, "FIELD": "v", "TITLE": "Signalements", "INSET": False, "OUTPUT": str(target)},
        feedback=feedback,
    )
    text = flat(pdf_text(target))
    # Hand-computed: ranks 20, 40, 60 and 80 of 100 hold 1, 1, 1 and 2, so the classes are 1 | 2 | 3–15.
    assert "1 2 3 – 15" in text
    assert "1 – 1" not in text
    assert any(w.startswith("3 classes instead of the 5 asked") for w in warnings)  # said in the log
    assert "classes instead" not in text  # not printed for the council
    assert "200 m grid cells" in text


def test_french_map_has_french_words_and_numbers(qgis_processing, terridata_provider, tmp_path):
    from terridata.__about__ import DIR_PLUGIN_ROOT

    translator = QTranslator()
    assert translator.load(str(DIR_PLUGIN_ROOT / "i18n" / "terridata_fr.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        zones = _squares("zones", [None, None, 2.5, 4.25, 12.75, 1800.5], size=1000.0)
        target = tmp_path / "carte.pdf"
        _run(
            {
                "INPUT": zones,
                "FIELD": "v",
                "TITLE": "Densité",
                "CLASSES": 4,
                "METHOD": 0,
                "INSET": False,
                "AUTHOR": "Ville de Test",
                "OUTPUT": str(target),
            }
        )
    finally:
        QCoreApplication.removeTranslator(translator)
    text = flat(pdf_text(target))
    assert "Pas de données" in text and "No data" not in text
    assert f"réalisation : Ville de Test, {date.today().strftime('%d/%m/%Y')}" in text
    assert "Sources : non précisées" in text
    assert "Système de coordonnées" in text
    # Decimal comma, thousands separated by a narrow space (flattened to a space here); two decimals, as 4.25
    # would be 1.2 % off at one ("4,2").
    assert "2,50" in text and "4,25" in text and "1 800,50" in text


def test_proportional_symbols_legend_has_three_nested_sizes(qgis_processing, terridata_provider, communes, tmp_path):
    target = tmp_path / "circles.pdf"
    _run({"INPUT": communes, "KIND": 1, "FIELD": "population_2021", "TITLE": "Habitants", "OUTPUT": str(target)})
    text = flat(pdf_text(target))
    # The largest commune has 66,177 inhabitants: rounded down to 50,000, then a third (15,000), a tenth (5,000).
    assert max(_populations(communes.source().split("|")[0])) == 66177
    assert "50,000" in text and "15,000" in text and "5,000" in text
    picture = pdf_page_image(target, 1)
    keep_picture(picture, "export_map-proportional.png")
    assert colour_share(picture, "#e34a33", tolerance=40) > 0.005


def test_categorised_map_lists_categories(qgis_processing, terridata_provider, tmp_path):
    layer = QgsVectorLayer("Polygon?crs=EPSG:2154&field=kind:string", "zones", "memory")
    features = []
    for i, kind in enumerate(["AU", "U", "U", "N", "A", None]):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(i * 1000, 0, i * 1000 + 900, 900)))
        feature.setAttribute("kind", kind)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    target = tmp_path / "zonage.svg"
    result = _run(
        {"INPUT": layer, "KIND": 3, "FIELD": "kind", "TITLE": "Zonage", "INSET": False, "OUTPUT": str(target)}
    )
    svg = target.read_text(encoding="utf-8")
    assert "Zonage" in svg and result["TEMPLATE"].endswith("zonage.qpt")
    texts = [flat(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    # The most frequent first (U twice), then the others by name, then the feature without a value.
    labels = [t for t in texts if t in ("A", "AU", "N", "U", "No data")]
    assert labels == ["U", "A", "AU", "N", "No data"]


def test_bad_inputs_are_refused_and_nothing_is_written(qgis_processing, terridata_provider, communes, tmp_path):
    base = {"INPUT": communes, "FIELD": "population_2021", "TITLE": "t"}
    with pytest.raises(QgsProcessingException, match=r"\.pdf, \.png or \.svg"):
        _run({**base, "OUTPUT": str(tmp_path / "m.txt")})
    with pytest.raises(QgsProcessingException, match="not numbers"):
        _run({**base, "FIELD": "nom", "OUTPUT": str(tmp_path / "m.pdf")})
    with pytest.raises(QgsProcessingException, match="Manual breaks need numbers"):
        _run({**base, "METHOD": 4, "BREAKS": "", "OUTPUT": str(tmp_path / "m.pdf")})
    # A run that fails while mapping (every value NULL) leaves nothing in the user's project (QGIS Desktop).
    layers_before = set(QgsProject.instance().mapLayers())
    with pytest.raises(QgsProcessingException, match="every value is missing"):
        _run(
            {
                "INPUT": _squares("empty values", [None, None]),
                "FIELD": "v",
                "TITLE": "t",
                "OUTPUT": str(tmp_path / "m.pdf"),
            }
        )
    assert set(QgsProject.instance().mapLayers()) == layers_before
    assert not list(tmp_path.iterdir())


def test_export_map_from_qgis_process(qgis_process_profile, sample_gpkg, tmp_path):
    from qgis_process_helper import run_qgis_process

    target = tmp_path / "map.svg"
    result = run_qgis_process(
        "terridata:export_map",
        {
            "INPUT": f"{sample_gpkg}|layername=communes",
            "FIELD": "superficie_km2",
            "METHOD": 1,  # natural breaks (Jenks)
            "TITLE": "Superficie des communes",
            "PAGE_SIZE": "A3",
            "ORIENTATION": 1,
            "OUTPUT": str(target),
        },
    )
    assert result["results"]["OUTPUT"] == str(target)
    svg = target.read_text(encoding="utf-8")
    assert "Superficie des communes" in svg
    # A3 portrait: 297 x 420 mm.
    root = ET.fromstring(svg.encode("utf-8"))
    width, height = (float(root.get(key).removesuffix("mm")) for key in ("width", "height"))
    assert abs(height / width - 420 / 297) < 0.01
    assert (tmp_path / "map.qpt").exists()
    assert result["results"]["LAYOUT"] == ""  # no QGIS Desktop: no project to add it to


def test_other_layers_are_drawn_and_credited(qgis_processing, terridata_provider, communes, sample_gpkg, tmp_path):
    sensors = QgsVectorLayer(f"{sample_gpkg}|layername=air_sensors", "capteurs", "ogr")
    sensors.setCustomProperty("terridata/attribution", "Airparif – capteurs NO2")
    target = tmp_path / "with-sensors.pdf"
    _run(
        {
            "INPUT": communes,
            "FIELD": "superficie_km2",
            "TITLE": "t",
            "OTHER_LAYERS": [sensors],
            "OUTPUT": str(target),
        }
    )
    text = flat(pdf_text(target))
    assert "IGN – ADMIN EXPRESS COG, edition 2024 (Licence Ouverte 2.0); Airparif – capteurs NO2; map:" in text
    # The sensors are drawn over the communes (QGIS's default point colour is random: look for any point symbol in
    # the layout's map layers, top first).
    layout = QgsProject.instance().layoutManager().printLayouts()[0]
    from qgis.core import QgsLayoutItemMap

    main_map = next(item for item in layout.items() if isinstance(item, QgsLayoutItemMap))
    assert [layer.name() for layer in main_map.layers()][0] == "capteurs"
