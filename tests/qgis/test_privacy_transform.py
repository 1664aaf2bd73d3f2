"""The confidentiality algorithms reproject with the run's transform context (issue 17, point 8).

Points in NTF / Lambert II (EPSG:27572) go to the INSEE grid's CRS (EPSG:3035) through a datum transformation the
user chose, one that puts them about 18 m away from QGIS's default. The expected values come from QGIS's own
per-point transform in that context; the same runs with the default context prove the choice changes the result.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from osgeo import ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsDatumTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsVectorLayer,
)

NTF_LAMBERT_II = QgsCoordinateReferenceSystem("EPSG:27572")
LAEA = QgsCoordinateReferenceSystem("EPSG:3035")


def user_operation(source, target, probe):
    """A transform context holding a datum transformation (as a user would choose in the project's properties)
    that moves ``probe`` more than 10 m away from where QGIS's default puts it."""
    base = QgsCoordinateTransform(source, target, QgsCoordinateTransformContext()).transform(probe)
    for op in QgsDatumTransform.operations(source, target):
        if not op.isAvailable:
            continue
        context = QgsCoordinateTransformContext()
        assert context.addCoordinateOperation(source, target, op.proj)
        if QgsCoordinateTransform(source, target, context).transform(probe).distance(base) > 10:
            return context
    pytest.skip("no second datum transformation available in this PROJ database")


def ntf_points(n):
    rng = np.random.default_rng(27572)
    return rng.uniform(550_000, 700_000, n), rng.uniform(2_380_000, 2_480_000, n)


def qgis_transform(x, y, transform_context, source=NTF_LAMBERT_II, target=LAEA):
    """QGIS's per-point transform: the independent expected value."""
    transform = QgsCoordinateTransform(source, target, transform_context)
    points = [transform.transform(QgsPointXY(float(a), float(b))) for a, b in zip(x, y)]
    return np.array([p.x() for p in points]), np.array([p.y() for p in points])


def write_gpkg(path, x, y, epsg):
    """A GeoPackage point layer written with OGR (read back on the algorithms' OGR fast path)."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("points", srs, ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("n", ogr.OFTInteger))
    for i, (a, b) in enumerate(zip(x, y)):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("n", i)
        feature.SetGeometry(
            ogr.CreateGeometryFromWkt(f"POINT ({float(a)!r} {float(b)!r})")
        )  # float(): numpy 2 reprs np.float64(…)
        layer.CreateFeature(feature)
    ds = None
    return str(path)


def memory_layer(x, y, crs):
    """The same points in a memory layer (read through QGIS's feature iterator)."""
    layer = QgsVectorLayer(f"Point?crs={crs}&field=n:integer", "points", "memory")
    features = []
    for i, (a, b) in enumerate(zip(x, y)):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(a), float(b))))
        feature.setAttributes([i])
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


def run(algorithm, params, tmp_path, transform_context, tag):
    import processing

    context = QgsProcessingContext()
    context.setTransformContext(transform_context)
    reports = {"REPORT_HTML": str(tmp_path / f"{tag}.html"), "REPORT_JSON": str(tmp_path / f"{tag}.json")}
    result = processing.run(algorithm, {**params, "OUTPUT": "TEMPORARY_OUTPUT", **reports}, context=context)
    layer = result["OUTPUT"]
    return result, layer if isinstance(layer, QgsVectorLayer) else context.getMapLayer(layer)


def cells_of(x, y) -> dict:
    """``{(east, north): units}`` of the 200 m cells holding the points (EPSG:3035 metres), by brute force."""
    return dict(Counter((int(a // 200) * 200, int(b // 200) * 200) for a, b in zip(x, y)))


def published_cells(layer) -> dict:
    out = {}
    for feature in layer.getFeatures():
        box = feature.geometry().boundingBox()
        assert feature["size_m"] == 200 == round(box.width()) == round(box.height())
        out[(round(box.xMinimum()), round(box.yMinimum()))] = feature["units"]
    return out


@pytest.mark.parametrize("kind", ["gpkg", "memory"])
def test_protective_grid_honours_the_users_datum_transformation(qgis_processing, terridata_provider, tmp_path, kind):
    """Every location holds two units and the threshold is 2, so the grid splits down to 200 m cells: each unit
    lands in the 200 m cell where QGIS, with the user's transformation, puts its point."""
    x, y = ntf_points(200)
    x, y = np.repeat(x, 2), np.repeat(y, 2)
    transform_context = user_operation(NTF_LAMBERT_II, LAEA, QgsPointXY(x[0], y[0]))
    expected = cells_of(*qgis_transform(x, y, transform_context))
    by_default = cells_of(*qgis_transform(x, y, QgsCoordinateTransformContext()))
    assert expected != by_default  # the test can fail: the user's choice moves points into other cells
    source = write_gpkg(tmp_path / "units.gpkg", x, y, 27572) if kind == "gpkg" else memory_layer(x, y, "EPSG:27572")
    params = {"INPUT": source, "THRESHOLD": 2}
    result, layer = run("terridata:protective_grid", params, tmp_path, transform_context, "user")
    assert published_cells(layer) == expected
    assert result["CELLS"] == len(expected)
    _, layer = run("terridata:protective_grid", params, tmp_path, QgsCoordinateTransformContext(), "default")
    assert published_cells(layer) == by_default


def test_geomask_points_honours_the_users_datum_transformation(qgis_processing, terridata_provider, tmp_path):
    """Each reference unit sits where QGIS, with the user's transformation, puts one input point: masked by 2 to 4 m,
    every point has it within its displacement (k = 1). With the default transformation the units are ~18 m away
    (k = 0). Either way the masked point comes back into the input's CRS through the same transformation, so it
    lies 2 to 4 m from the input point (a round trip mixing two transformations would be ~18 m off)."""
    x, y = ntf_points(30)
    transform_context = user_operation(NTF_LAMBERT_II, LAEA, QgsPointXY(x[0], y[0]))
    rx, ry = qgis_transform(x, y, transform_context)
    dx, dy = qgis_transform(x, y, QgsCoordinateTransformContext())
    assert np.min(np.hypot(rx - dx, ry - dy)) > 10  # the test can fail: the default misses every reference unit
    params = {
        "INPUT": write_gpkg(tmp_path / "cases.gpkg", x, y, 27572),
        "REFERENCE": write_gpkg(tmp_path / "reference.gpkg", rx, ry, 3035),
        "MIN_DISTANCE": 2.0,
        "MAX_DISTANCE": 4.0,
        "MIN_K": 1,
        "FAILURE_ACTION": 1,  # exported and flagged: the default run's points are kept to be compared
        "SEED": 7,
    }
    for context, k in ((transform_context, 1), (QgsCoordinateTransformContext(), 0)):
        result, layer = run("terridata:geomask_points", params, tmp_path, context, f"k{k}")
        features = sorted(layer.getFeatures(), key=lambda f: f["n"])
        assert layer.crs() == NTF_LAMBERT_II and result["POINTS_EXPORTED"] == len(features) == len(x)
        assert [f["k_achieved"] for f in features] == [k] * len(x)
        assert [f["k_ok"] for f in features] == [k] * len(x)
        for f in features:
            p = f.geometry().asPoint()
            assert 2.0 * 0.99 <= np.hypot(p.x() - x[f["n"]], p.y() - y[f["n"]]) <= 4.0 * 1.01  # (scale factors)
