"""The council map: a real layout rendered by QGIS from the embedded sample, checked on its pixels."""

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsLayoutItemLegend,
    QgsProcessingException,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor, QImage


@pytest.fixture()
def communes(qgis_app, sample_gpkg):
    """The sample communes, owned by the project so that QGIS deletes the layer before it exits."""
    layer = QgsVectorLayer(f"{sample_gpkg}|layername=communes", "communes", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


def _colour_share(image: QImage, colour: str, step: int = 4) -> float:
    """Share of sampled pixels equal to ``colour`` (the darkest class of the ramp)."""
    target = QColor(colour).rgb() & 0xFFFFFF
    hits = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            hits += (image.pixel(x, y) & 0xFFFFFF) == target
    return hits / total


def test_map_png_has_the_choropleth_and_a4_size(qgis_processing, terridata_provider, communes, tmp_path):
    import processing

    target = tmp_path / "population.png"
    result = processing.run(
        "terridata:export_council_map",
        {
            "INPUT": communes,
            "FIELD": "population_2021",
            "TITLE": "Population 2021",
            "CREDITS": "INSEE; IGN",
            "DPI": 100,
            "OUTPUT": str(target),
        },
    )
    assert result["OUTPUT"] == str(target)
    image = QImage(str(target))
    # A4 landscape at 100 dpi: 297 mm x 210 mm.
    assert abs(image.width() - 297 / 25.4 * 100) < 1 and abs(image.height() - 210 / 25.4 * 100) < 1
    # Quantiles over 5 classes: about a fifth of the communes are in the darkest class, so its colour is on the map.
    assert _colour_share(image, "#bd0026") > 0.01
    assert _colour_share(image, "#ffffb2") > 0.01
    # The user's layer kept its own style.
    assert communes.renderer().type() == "singleSymbol"
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_credits_come_from_layer_metadata(qgis_app, communes):
    from qgis.core import QgsLayoutItemLabel

    from terridata.maps.council_map import MapRequest, apply_choropleth, build_layout

    communes.setCustomProperty("terridata/attribution", "IGN – ADMIN EXPRESS COG")
    request = MapRequest(layer=communes, field="population_2021", title="t", extra_credits=["INSEE"])
    renderer = apply_choropleth(request)
    assert len(renderer.ranges()) == 5
    assert renderer.ranges()[0].lowerValue() == 71  # the smallest commune of Essonne
    layout = build_layout(request, QgsProject.instance())
    texts = [item.text() for item in layout.items() if isinstance(item, QgsLayoutItemLabel)]
    source_lines = [t for t in texts if t.startswith("Sources:")]
    assert source_lines and "IGN – ADMIN EXPRESS COG; INSEE" in source_lines[0]


def test_bad_inputs_are_refused_clearly(qgis_processing, terridata_provider, communes, tmp_path):
    import processing

    with pytest.raises(QgsProcessingException, match=r"\.png or \.pdf"):
        processing.run(
            "terridata:export_council_map",
            {"INPUT": communes, "FIELD": "population_2021", "TITLE": "t", "OUTPUT": str(tmp_path / "m.txt")},
        )
    empty = QgsVectorLayer("MultiPolygon?crs=EPSG:2154&field=v:double", "empty", "memory")
    with pytest.raises(QgsProcessingException, match="empty"):
        processing.run(
            "terridata:export_council_map",
            {"INPUT": empty, "FIELD": "v", "TITLE": "t", "OUTPUT": str(tmp_path / "m.png")},
        )
    assert not (tmp_path / "m.png").exists()


def test_a_text_or_empty_field_is_refused_not_mapped_blank(qgis_processing, terridata_provider, communes, tmp_path):
    """A text field (even one a model passes by name, bypassing the dialog's numeric filter) or a field whose every
    value is NULL would make a blank map: both are refused before anything is written."""
    import processing

    text_field = next(f.name() for f in communes.fields() if f.type() == QVariant.String)
    with pytest.raises(QgsProcessingException, match="not numbers"):
        processing.run(
            "terridata:export_council_map",
            {"INPUT": communes, "FIELD": text_field, "TITLE": "t", "OUTPUT": str(tmp_path / "m.png")},
        )
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:2154&field=v:double", "nulls", "memory")
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromWkt("MultiPolygon(((0 0, 1 0, 1 1, 0 0)))"))
    layer.dataProvider().addFeatures([feature])
    with pytest.raises(QgsProcessingException, match="all NULL"):
        processing.run(
            "terridata:export_council_map",
            {"INPUT": layer, "FIELD": "v", "TITLE": "t", "OUTPUT": str(tmp_path / "m.png")},
        )
    assert not (tmp_path / "m.png").exists()


def test_features_without_value_show_as_no_data_and_do_not_shift_the_classes(qgis_app, tmp_path):
    from terridata.maps.council_map import MapRequest, apply_choropleth, build_layout

    layer = QgsVectorLayer("Polygon?crs=EPSG:2154&field=v:double", "zones", "memory")
    features = []
    for i, value in enumerate([None, None, None, 10.0, 20.0, 30.0, 40.0]):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(i * 1000, 0, i * 1000 + 900, 900)))
        feature.setAttribute("v", value)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    project = QgsProject()
    project.addMapLayer(layer)
    request = MapRequest(layer=layer, field="v", title="t", classes=2, method="equal")
    renderer = apply_choropleth(request)
    # Equal intervals over the values 10..40 only: NULLs would have pulled the lower bound to 0.
    assert [(r.lowerValue(), r.upperValue()) for r in renderer.ranges()] == [(10, 25), (25, 40)]
    layout = build_layout(request, project)
    legend = next(item for item in layout.items() if isinstance(item, QgsLayoutItemLegend))
    names = [node.name() for node in legend.model().rootGroup().findLayers()]
    assert names == ["zones", "No data"]
    no_data = project.mapLayersByName("No data")[0]
    assert no_data.featureCount() == 3


def test_council_map_from_qgis_process(qgis_process_profile, sample_gpkg, tmp_path):
    from qgis_process_helper import run_qgis_process

    target = tmp_path / "map.pdf"
    result = run_qgis_process(
        "terridata:export_council_map",
        {
            "INPUT": f"{sample_gpkg}|layername=communes",
            "FIELD": "population_2021",
            "TITLE": "Population municipale 2021",
            "METHOD": 1,
            "OUTPUT": str(target),
        },
    )
    assert result["results"]["OUTPUT"] == str(target)
    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_size > 20_000
