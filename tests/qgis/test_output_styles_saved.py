"""Outputs written headless keep their style and their credits (issue 17, point 13).

A GeoPackage output gets TerriData's style saved as its default style (``layer_styles``) and the source's licence and
attribution in its layer metadata (``gpkg_metadata``), so the file opened later in any QGIS session is styled and
credited. Checked in the file itself with sqlite3, and by opening it in a fresh ``QgsVectorLayer``.
"""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)


def _points_gpkg(path):
    layer = QgsVectorLayer("Point?crs=EPSG:2154&field=no2:double", "points", "memory")
    feats = []
    for i in range(60):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(650_000 + 230 * (i % 10), 6_860_000 + 230 * (i // 10))))
        f.setAttributes([float(i)])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.NoError
    return path


def _default_styles(path):
    with sqlite3.connect(path) as db:
        return db.execute("SELECT f_table_name, useAsDefault, styleQML FROM layer_styles").fetchall()


def test_qgis_process_output_is_styled_when_opened_again(tmp_path, qgis_process_profile):
    from qgis_process_helper import run_qgis_process

    source = _points_gpkg(tmp_path / "points.gpkg")
    out = tmp_path / "grid.gpkg"
    run_qgis_process(
        "terridata:aggregate_points_to_grid",
        {"INPUT": str(source), "CELL_SIZE": 200, "FIELDS": "no2", "OUTPUT": str(out)},
    )
    styles = _default_styles(out)
    assert len(styles) == 1 and styles[0][1] == 1  # one style, the default one
    assert "graduatedSymbol" in styles[0][2]

    layer = QgsVectorLayer(str(out), "grid", "ogr")  # a fresh layer, as a new QGIS session opens it
    assert layer.isValid()
    renderer = layer.renderer()
    assert renderer.type() == "graduatedSymbol"
    assert renderer.classAttribute() in layer.fields().names()
    # Classes computed on the real values: every class bound lies within the field's range.
    values = [f[renderer.classAttribute()] for f in layer.getFeatures()]
    assert renderer.ranges()[0].lowerValue() >= min(values) - 1e-9
    assert renderer.ranges()[-1].upperValue() <= max(values) + 1e-9


def test_licence_and_attribution_are_saved_in_the_geopackage(qgis_app, tmp_path):
    from terridata.processing.base import TerriDataAlgorithm

    source = {
        "identifier": "test-dataset",
        "title": "Test dataset",
        "licence": "Licence Ouverte 2.0",
        "licence_url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
        "attribution": "Source : Producteur de test, 2024",
        "producer": "Producteur de test",
    }

    class Credited(TerriDataAlgorithm):
        NAME = "test_credited"
        DISPLAY_NAME = "Credited"
        GROUP = "data"

        def initAlgorithm(self, config=None):  # noqa: N802
            self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", "Output"))

        def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
            layer = QgsVectorLayer(f"{_points_gpkg(tmp_path / 'in.gpkg')}|layername=in", "in", "ogr")
            sink, dest_id = self.parameterAsSink(
                parameters, "OUTPUT", context, layer.fields(), QgsWkbTypes.Point, layer.crs()
            )
            sink.addFeatures(list(layer.getFeatures()))
            del sink
            self.on_load(context, dest_id, style="ign_points", source=source)
            return {"OUTPUT": dest_id}

    alg = Credited()
    alg.initAlgorithm()
    out = tmp_path / "credited.gpkg"
    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    errors = []
    feedback.reportError = lambda message, fatal=False: errors.append(message)
    results, ok = alg.run({"OUTPUT": str(out)}, context, feedback)
    assert errors == []

    assert ok, results

    with sqlite3.connect(out) as db:
        metadata = " ".join(row[0] for row in db.execute("SELECT metadata FROM gpkg_metadata"))
    assert "Licence Ouverte 2.0" in metadata and "Producteur de test, 2024" in metadata
    assert len(_default_styles(out)) == 1

    layer = QgsVectorLayer(str(out), "credited", "ogr")
    assert layer.metadata().licenses() == ["Licence Ouverte 2.0"]
    assert layer.metadata().rights()[0] == "Source : Producteur de test, 2024"


def test_tables_added_to_one_geopackage_keep_their_own_default_style(qgis_processing, terridata_provider, tmp_path):
    """What ``make demo`` does: several outputs as tables of terridata-demo.gpkg (``ogr:dbname=… table=…``)."""
    import processing

    source = _points_gpkg(tmp_path / "points.gpkg")
    demo = tmp_path / "terridata-demo.gpkg"
    for table, cell in (("grid_200m", 200), ("grid_1km", 1000)):
        processing.run(
            "terridata:aggregate_points_to_grid",
            {
                "INPUT": str(source),
                "CELL_SIZE": cell,
                "FIELDS": ["no2"],
                "OUTPUT": f"ogr:dbname='{demo}' table=\"{table}\" (geom)",
            },
        )
    styles = {name: default for name, default, _ in _default_styles(demo)}
    assert styles == {"grid_200m": 1, "grid_1km": 1}
    for table in ("grid_200m", "grid_1km"):
        layer = QgsVectorLayer(f"{demo}|layername={table}", table, "ogr")
        assert layer.isValid() and layer.renderer().type() == "graduatedSymbol"
        values = [f[layer.renderer().classAttribute()] for f in layer.getFeatures()]
        assert layer.renderer().ranges()[-1].upperValue() == pytest.approx(max(values))
