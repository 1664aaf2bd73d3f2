"""Colours and layouts checked against QGIS itself: the ColorBrewer values against QGIS's own copy of the schemes,
a diverging map centred on the user's value, the atlas layout handed to the project with its inset."""

import pytest
from map_readback import colour_share, pdf_page_image
from qgis.core import (
    QgsColorBrewerPalette,
    QgsFeature,
    QgsGeometry,
    QgsLayoutItemMap,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

from terridata.core.classification import BREWER


def test_colorbrewer_values_match_qgis_copy_of_the_schemes(qgis_app):
    for scheme, variants in BREWER.items():
        assert sorted(variants) == list(QgsColorBrewerPalette.listSchemeVariants(scheme)), scheme
        for count, colours in variants.items():
            qgis = [c.name() for c in QgsColorBrewerPalette.listSchemeColors(scheme, count)]
            assert list(colours) == qgis, (scheme, count)


def _strips(values):
    layer = QgsVectorLayer("Polygon?crs=EPSG:2154&field=rate:double", "rates", "memory")
    features = []
    for i, value in enumerate(values):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(600000 + i * 2000, 6800000, 601900 + i * 2000, 6810000)))
        feature.setAttribute("rate", value)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_diverging_map_is_centred_on_the_given_value(qgis_processing, terridata_provider, tmp_path):
    import processing

    # Rates of change: one class below 0 and three above, equal intervals of 10 from -10 to 30.
    layer = _strips([-10.0, -5.0, 5.0, 12.0, 25.0, 30.0])
    target = tmp_path / "rates.pdf"
    processing.run(
        "terridata:export_map",
        {
            "INPUT": layer,
            "FIELD": "rate",
            "METHOD": 2,
            "CLASSES": 4,
            "CENTRE": 0,
            "INSET": False,
            "TITLE": "t",
            "OUTPUT": str(target),
        },
    )
    picture = pdf_page_image(target, 1, dpi=50)
    rdbu6 = QgsColorBrewerPalette.listSchemeColors("RdBu", 6)
    # Each side as deep as the deeper one (3 classes): the class below 0 takes the lightest red of RdBu-6, not
    # its darkest; the three above take the three blues.
    assert colour_share(picture, rdbu6[2].name()) > 0.005  # light red, -10 to 0
    assert colour_share(picture, rdbu6[0].name()) == 0  # the darkest red is not used
    for blue in rdbu6[3:]:
        assert colour_share(picture, blue.name()) > 0.005


@pytest.fixture(autouse=True)
def _no_layouts_left(qgis_app):
    yield
    project = QgsProject.instance()
    for layout in list(project.layoutManager().printLayouts()):
        project.layoutManager().removeLayout(layout)
    root = project.layerTreeRoot()
    for group in [g for g in root.children() if g.name().startswith(("Map: ", "Atlas"))]:
        for node in group.findLayers():
            project.removeMapLayer(node.layerId())
        root.removeChildNode(group)


def test_atlas_layout_in_the_project_has_an_inset_on_the_departement(
    qgis_processing, terridata_provider, sample_gpkg, tmp_path
):
    import processing

    communes = QgsVectorLayer(f"{sample_gpkg}|layername=communes", "communes", "ogr")
    result = processing.run(
        "terridata:export_atlas",
        {
            "COVERAGE": communes,
            "NAME_FIELD": "nom",
            "FILTER": "\"code\" IN ('91228', '91377')",
            "FIELD": "superficie_km2",
            "CONTEXT": communes,
            "DPI": 72,
            "OUTPUT": str(tmp_path / "a.pdf"),
        },
    )
    layout = QgsProject.instance().layoutManager().layoutByName(result["LAYOUT"])
    assert layout is not None and layout.atlas().enabled() and layout.atlas().count() == 2
    maps = [item for item in layout.items() if isinstance(item, QgsLayoutItemMap)]
    atlas_map = next(m for m in maps if m.atlasDriven())
    inset = next(m for m in maps if not m.atlasDriven())
    # The inset shows the whole département (the communes of 91, i.e. the whole sample), the atlas map one commune.
    extent = communes.extent()
    assert inset.extent().contains(extent)
    assert inset.extent().width() < extent.width() * 1.5
    assert inset.overview().linkedMap() is atlas_map


def test_credits_give_the_update_date_in_the_map_language(qgis_app):
    from datetime import date

    from terridata.maps.credits import credits_line
    from terridata.providers.layer_metadata import apply_source_metadata

    layer = QgsVectorLayer("Point?crs=EPSG:2154", "sirene", "memory")
    apply_source_metadata(
        layer,
        {"title": "Base Sirene", "producer": "INSEE", "updated": "2025-03-15", "licence": "Licence Ouverte 2.0"},
    )
    line = credits_line([layer], ["Ville de X"], "Service SIG", date(2026, 11, 30), "en")
    # Producer – dataset, update date, licence (Licence Ouverte 2.0 asks for the source and its last update).
    assert line == (
        "Sources: INSEE – Base Sirene, updated 2025-03-15 (Licence Ouverte 2.0); Ville de X; "
        "map: Service SIG, 2026-11-30"
    )
    # French dates and punctuation (the words are translated when TerriData runs in French).
    french = credits_line([layer], (), "", date(2026, 11, 30), "fr")
    assert french.endswith("updated 15/03/2025 (Licence Ouverte 2.0) ; map: TerriData, 30/11/2026")


def test_loaded_outputs_get_the_same_honest_classes(qgis_app):
    """The styling QGIS applies to loaded outputs (on_load) uses the same classification: a grid of counts where
    most cells hold 1 gets 1 | 2 | 3 – 15, not "1 - 1" four times."""
    from terridata.maps.styling import apply_graduated

    values = [1] * 70 + [2] * 20 + [3] * 6 + [7, 9, 12, 15]
    layer = QgsVectorLayer("Polygon?crs=EPSG:2154&field=count:integer", "grid", "memory")
    features = []
    for i, value in enumerate(values):
        feature = QgsFeature(layer.fields())
        x = 600000 + (i % 10) * 200
        feature.setGeometry(
            QgsGeometry.fromRect(QgsRectangle(x, 6800000 + (i // 10) * 200, x + 200, 6800200 + (i // 10) * 200))
        )
        feature.setAttribute("count", value)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    renderer = apply_graduated(layer, "count")
    assert [r.label() for r in renderer.ranges()] == ["1", "2", "3 – 15"]
    # QGIS puts each value in the class the classification says: 1 in the first, 2 in the second, 3–15 in the third.
    colours = [r.symbol().color().name() for r in renderer.ranges()]
    assert len(set(colours)) == 3
    for value, expected in ((1, 0), (2, 1), (3, 2), (7, 2), (15, 2)):
        assert renderer.symbolForValue(value).color().name() == colours[expected], value
