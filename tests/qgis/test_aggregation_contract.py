"""The aggregations keep the Processing contract (issue 17, points 6, 7, 8, 11).

- Inputs are read through the feature source QGIS hands the algorithm: unsaved edits, joins, virtual fields,
  "selected features only" and subset strings are honoured; the fast OGR path is only taken for a plain file layer.
- GDAL < 3.6 (no ``GetArrowStreamAsNumPy``): the reader falls back on QGIS and gives the same result.
- ``TEMPORARY_OUTPUT`` stays a temporary (memory) layer; an explicit GeoPackage written by GDAL equals the sink's.
- Points are reprojected in the project's transform context: a user's datum transformation applies, exactly as
  QGIS's own transform of the same points.

Expected values come from the hand-written fixture of ``test_aggregation_zones`` (which zone each point is in) and
from QGIS's own per-point transform.
"""

from __future__ import annotations

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsDatumTransform,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
    QgsVectorLayerJoinInfo,
)
from qgis.PyQt.QtCore import QVariant
from test_aggregation_zones import POINTS, X0, Y0, ZONES, _points_layer, _write, _zones_layer

from terridata.processing import ogr_arrays
from terridata.processing.ogr_arrays import fast_path_location, read_arrays, transform_xy, vector_input


def _run(params, context=None, algorithm="terridata:aggregate_points_to_zones"):
    import processing

    return processing.run(algorithm, params, context=context, feedback=QgsProcessingFeedback())


def _counts(output) -> dict:
    layer = QgsVectorLayer(output, "out", "ogr") if isinstance(output, str) else output
    return {f["name"]: f["count"] for f in layer.getFeatures()}


def _expected(points) -> dict:
    return {name: sum(1 for p in points if p[5] == name) for name in ZONES}


@pytest.fixture
def gpkg_inputs(tmp_path, qgis_processing, terridata_provider):
    """``(zones path, points layer)``: both GeoPackage files, the points layer added to the project."""
    zones = _write(_zones_layer(), tmp_path / "z.gpkg", "zones")
    points = QgsVectorLayer(_write(_points_layer(), tmp_path / "p.gpkg", "points"), "points", "ogr")
    assert points.isValid()
    QgsProject.instance().addMapLayer(points)
    yield zones, points
    QgsProject.instance().removeMapLayer(points.id())


# -- 17.6: read through the feature source; the OGR path only when it reads the same features -------------------


def test_a_plain_file_layer_takes_the_ogr_path(gpkg_inputs):
    zones, points = gpkg_inputs
    assert fast_path_location(points) is not None
    assert _counts(_run({"INPUT": points, "ZONES": zones, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]) == _expected(POINTS)


def test_unsaved_edits_are_aggregated(gpkg_inputs):
    """A model that edits a layer and aggregates it sees the edits (added, moved, deleted points)."""
    zones, points = gpkg_inputs
    assert points.startEditing()
    try:
        added = QgsFeature(points.fields())
        added.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + 350, Y0 + 50)))  # in zone D
        added.setAttributes([None, 2.0, 9.0, "a"])
        assert points.addFeature(added)
        by_position = {
            (round(f.geometry().asPoint().x() - X0), round(f.geometry().asPoint().y() - Y0)): f.id()
            for f in points.getFeatures()
        }
        assert points.deleteFeature(by_position[(10, 10)])  # was in A
        assert points.changeGeometry(by_position[(500, 500)], QgsGeometry.fromPointXY(QgsPointXY(X0 + 150, Y0 + 20)))
        assert fast_path_location(points) is None
        got = _counts(_run({"INPUT": points, "ZONES": zones, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"])
    finally:
        points.rollBack()
    expected = _expected(POINTS)
    expected["D"] += 1
    expected["A"] -= 1
    expected["B"] += 1
    assert got == expected


def test_joined_fields_are_aggregated(gpkg_inputs):
    zones, points = gpkg_inputs
    table = QgsVectorLayer("None?field=kind:string&field=bonus:double", "bonus", "memory")
    rows = []
    for kind, bonus in (("a", 10.0), ("b", 100.0)):
        f = QgsFeature(table.fields())
        f.setAttributes([kind, bonus])
        rows.append(f)
    table.dataProvider().addFeatures(rows)
    QgsProject.instance().addMapLayer(table)
    join = QgsVectorLayerJoinInfo()
    join.setJoinLayer(table)
    join.setJoinFieldName("kind")
    join.setTargetFieldName("kind")
    join.setPrefix("j_")
    join.setUsingMemoryCache(True)
    try:
        assert points.addJoin(join)
        assert fast_path_location(points) is None
        result = _run(
            {
                "INPUT": points,
                "ZONES": zones,
                "FIELDS": ["j_bonus"],
                "STATISTICS": ["sum"],
                "OUTPUT": "TEMPORARY_OUTPUT",
            }
        )
    finally:
        points.removeJoin(table.id())
        QgsProject.instance().removeMapLayer(table.id())
    sums = {f["name"]: f["j_bonus_sum"] for f in result["OUTPUT"].getFeatures()}
    bonus = {"a": 10.0, "b": 100.0}
    for name in ZONES:
        assert sums[name] == pytest.approx(sum(bonus.get(p[4], 0.0) for p in POINTS if p[5] == name)), name


def test_virtual_fields_are_aggregated(gpkg_inputs):
    zones, points = gpkg_inputs
    points.addExpressionField('"value" * 10', QgsField("v10", QVariant.Double))
    assert fast_path_location(points) is None
    result = _run(
        {"INPUT": points, "ZONES": zones, "FIELDS": ["v10"], "STATISTICS": ["sum"], "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    sums = {f["name"]: f["v10_sum"] for f in result["OUTPUT"].getFeatures()}
    for name in ZONES:
        assert sums[name] == pytest.approx(10 * sum(p[2] for p in POINTS if p[5] == name and p[2] is not None))


def test_selected_features_only(gpkg_inputs):
    zones, points = gpkg_inputs
    chosen = [f.id() for f in points.getFeatures() if f["kind"] == "b"]
    points.selectByIds(chosen)
    definition = QgsProcessingFeatureSourceDefinition(points.id(), True)
    assert fast_path_location(points, definition) is None
    got = _counts(_run({"INPUT": definition, "ZONES": zones, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"])
    assert got == _expected([p for p in POINTS if p[4] == "b"])


@pytest.mark.parametrize("subset", ["\"kind\" = 'a'", '"value" > 3 AND "kind" IS NOT NULL'])
def test_subset_string(gpkg_inputs, subset):
    zones, points = gpkg_inputs
    points.setSubsetString(subset)
    try:
        got = _counts(_run({"INPUT": points, "ZONES": zones, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"])
        kept = (
            [p for p in POINTS if p[4] == "a"]
            if "=" in subset
            else [p for p in POINTS if p[2] is not None and p[2] > 3 and p[4] is not None]
        )
    finally:
        points.setSubsetString("")
    assert got == _expected(kept)


def test_a_subset_string_on_the_zones_is_honoured_by_both_writers(gpkg_inputs, tmp_path):
    zones_path, points = gpkg_inputs
    zones = QgsVectorLayer(zones_path, "zones", "ogr")
    zones.setSubsetString("\"name\" <> 'B'")
    QgsProject.instance().addMapLayer(zones)
    try:
        memory = _counts(_run({"INPUT": points, "ZONES": zones.id(), "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"])
        gpkg = _counts(_run({"INPUT": points, "ZONES": zones.id(), "OUTPUT": str(tmp_path / "o.gpkg")})["OUTPUT"])
    finally:
        QgsProject.instance().removeMapLayer(zones.id())
    expected = _expected(POINTS)
    del expected["B"]
    assert memory == gpkg == expected


# -- 17.11: GDAL without GetArrowStreamAsNumPy ---------------------------------------------------------------------


def test_without_arrow_the_reader_falls_back_on_qgis(gpkg_inputs, monkeypatch, tmp_path):
    zones, points = gpkg_inputs
    with_arrow = _run({"INPUT": points, "ZONES": zones, "FIELDS": ["value"], "OUTPUT": "TEMPORARY_OUTPUT"})
    # As on GDAL < 3.6 (QGIS 3.22 on Ubuntu 22.04), where OGR layers have no GetArrowStreamAsNumPy. (Deleting the
    # method from the SWIG class is not undone reliably: SWIG forbids adding class attributes back.)
    monkeypatch.setattr(ogr_arrays, "arrow_reader", lambda _layer: None)

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    from terridata.processing.algorithms.aggregate_points_to_zones import AggregatePointsToZones

    alg = AggregatePointsToZones()
    alg.initAlgorithm()
    vinput = vector_input(alg, {"INPUT": points}, "INPUT", context)
    assert vinput.ogr_location is not None  # the layer qualifies, but OGR cannot stream it
    arrays = read_arrays(vinput, ["value"], as_points=True)
    assert not arrays.via_ogr and len(arrays) == len(POINTS)
    without = _run({"INPUT": points, "ZONES": zones, "FIELDS": ["value"], "OUTPUT": str(tmp_path / "out.gpkg")})
    fields = ["name", "count", "value_sum", "value_mean"]

    def rows(out):
        layer = QgsVectorLayer(out, "o", "ogr") if isinstance(out, str) else out
        return sorted(tuple(f[n] for n in fields) for f in layer.getFeatures())

    assert rows(without["OUTPUT"]) == rows(with_arrow["OUTPUT"])
    assert _counts(without["OUTPUT"]) == _expected(POINTS)


# -- 17.7: temporary outputs stay temporary; an explicit GeoPackage equals the sink's output ------------------------


def test_temporary_output_is_a_temporary_layer(gpkg_inputs):
    zones, points = gpkg_inputs
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = _run({"INPUT": points, "ZONES": zones, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT}, context=context)
    out = result["OUTPUT"]
    assert isinstance(out, QgsVectorLayer) and out.providerType() == "memory"
    assert _counts(out) == _expected(POINTS)


def test_explicit_geopackage_keeps_its_path_and_load_details(gpkg_inputs, tmp_path):
    from qgis.core import QgsProcessingOutputLayerDefinition

    zones, points = gpkg_inputs
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    target = tmp_path / "stats.gpkg"
    definition = QgsProcessingOutputLayerDefinition(str(target), QgsProject.instance())
    definition.destinationName = "My statistics"
    result = _run({"INPUT": points, "ZONES": zones, "OUTPUT": definition}, context=context)
    assert result["OUTPUT"] == str(target)
    layers = context.layersToLoadOnCompletion()
    assert list(layers) == [str(target)]  # the user's path, not a rewritten one
    assert layers[str(target)].name == "My statistics"
    assert _counts(result["OUTPUT"]) == _expected(POINTS)


# -- 17.8: the project's transform context ---------------------------------------------------------------------


def _user_operation(source, target):
    """A datum transformation other than QGIS's default for ``source`` → ``target`` (as a user would choose)."""
    default = QgsCoordinateTransform(source, target, QgsCoordinateTransformContext())
    probe = QgsPointXY(600_000, 2_428_000)
    base = default.transform(probe)
    for op in QgsDatumTransform.operations(source, target):
        if not op.isAvailable:
            continue
        context = QgsCoordinateTransformContext()
        assert context.addCoordinateOperation(source, target, op.proj)
        moved = QgsCoordinateTransform(source, target, context).transform(probe)
        if moved.distance(base) > 10:
            return context
    pytest.skip("no second datum transformation available in this PROJ database")


NTF_LAMBERT_II = QgsCoordinateReferenceSystem("EPSG:27572")
LAMBERT_93 = QgsCoordinateReferenceSystem("EPSG:2154")


def _ntf_points():
    rng = np.random.default_rng(27572)
    return rng.uniform(550_000, 700_000, 200), rng.uniform(2_380_000, 2_480_000, 200)


def test_transform_xy_equals_qgis_transform_with_the_users_datum_transformation(qgis_app):
    transform_context = _user_operation(NTF_LAMBERT_II, LAMBERT_93)
    x, y = _ntf_points()
    tx, ty = transform_xy(x, y, NTF_LAMBERT_II, LAMBERT_93, transform_context)
    qgis = QgsCoordinateTransform(NTF_LAMBERT_II, LAMBERT_93, transform_context)
    expected = np.array([[p.x(), p.y()] for p in (qgis.transform(QgsPointXY(a, b)) for a, b in zip(x, y))])
    np.testing.assert_allclose(tx, expected[:, 0], atol=1e-6, rtol=0)
    np.testing.assert_allclose(ty, expected[:, 1], atol=1e-6, rtol=0)
    dx, dy = transform_xy(x, y, NTF_LAMBERT_II, LAMBERT_93, QgsCoordinateTransformContext())
    assert np.min(np.hypot(dx - tx, dy - ty)) > 10  # the user's choice really changes the result


def test_aggregation_honours_the_projects_datum_transformation(qgis_processing, terridata_provider, tmp_path):
    """Each 10 m zone is centred where QGIS (with the user's transformation) puts one NTF point; the default
    transformation would put every point tens of metres away, outside all zones."""
    transform_context = _user_operation(NTF_LAMBERT_II, LAMBERT_93)
    x, y = _ntf_points()
    x, y = x[:30], y[:30]
    qgis = QgsCoordinateTransform(NTF_LAMBERT_II, LAMBERT_93, transform_context)
    zones = QgsVectorLayer("Polygon?crs=EPSG:2154&field=name:string", "zones", "memory")
    points = QgsVectorLayer("Point?crs=EPSG:27572&field=value:double", "points", "memory")
    zfeats, pfeats = [], []
    for i, (a, b) in enumerate(zip(x, y)):
        c = qgis.transform(QgsPointXY(a, b))
        z = QgsFeature(zones.fields())
        z.setGeometry(
            QgsGeometry.fromWkt(
                f"POLYGON(({c.x() - 5} {c.y() - 5}, {c.x() + 5} {c.y() - 5}, {c.x() + 5} {c.y() + 5}, "
                f"{c.x() - 5} {c.y() + 5}, {c.x() - 5} {c.y() - 5}))"
            )
        )
        z.setAttributes([f"z{i}"])
        zfeats.append(z)
        p = QgsFeature(points.fields())
        p.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(a, b)))
        p.setAttributes([1.0])
        pfeats.append(p)
    zones.dataProvider().addFeatures(zfeats)
    points.dataProvider().addFeatures(pfeats)
    zones_path = _write(zones, tmp_path / "zones.gpkg", "zones")
    points_path = _write(points, tmp_path / "points.gpkg", "points")
    context = QgsProcessingContext()
    context.setTransformContext(transform_context)
    result = _run({"INPUT": points_path, "ZONES": zones_path, "OUTPUT": "TEMPORARY_OUTPUT"}, context=context)
    assert [f["count"] for f in result["OUTPUT"].getFeatures()] == [1] * len(x)
    assert result["POINTS_OUTSIDE"] == 0
    default = _run({"INPUT": points_path, "ZONES": zones_path, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert default["POINTS_IN_ZONES"] == 0  # the test can fail: the default transformation misses every zone


@pytest.mark.parametrize("output", ["TEMPORARY_OUTPUT", "stats.gpkg"])
def test_unsaved_edits_of_the_zones_are_used(gpkg_inputs, tmp_path, output):
    """Zones being edited (one deleted, one moved): both the temporary and the GeoPackage output follow the edits."""
    zones_path, points = gpkg_inputs
    zones = QgsVectorLayer(zones_path, "zones", "ogr")
    QgsProject.instance().addMapLayer(zones)
    assert zones.startEditing()
    try:
        ids = {f["name"]: f.id() for f in zones.getFeatures()}
        assert zones.deleteFeature(ids["B"])
        square = QgsGeometry.fromRect(QgsRectangle(X0 + 490, Y0 + 490, X0 + 510, Y0 + 510))
        assert zones.changeGeometry(ids["D"], square)  # now holds the point at (500, 500)
        assert fast_path_location(zones) is None
        target = output if output == "TEMPORARY_OUTPUT" else str(tmp_path / output)
        got = _counts(_run({"INPUT": points, "ZONES": zones.id(), "OUTPUT": target})["OUTPUT"])
    finally:
        zones.rollBack()
        QgsProject.instance().removeMapLayer(zones.id())
    expected = _expected(POINTS)
    del expected["B"]
    expected["D"] = 1
    assert got == expected
