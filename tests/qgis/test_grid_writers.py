"""The grid's fast GeoPackage writer and coordinate transform against independent readers: OGR and QGIS reading
the file back, ``core.inspire_grid.cell_id``, QGIS's own coordinate transform."""

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

from terridata.core.inspire_grid import cell_id
from terridata.processing.ogr_arrays import SqlValue, write_gpkg_boxes


def _write(tmp_path, n, epsg=3035, size=200, feedback=None):
    rng = np.random.default_rng(n)
    east = (rng.integers(-500, 30_000, n) * size).astype(np.int64)
    north = (rng.integers(-500, 30_000, n) * size).astype(np.int64)
    count = rng.integers(1, 50, n)
    mean = rng.normal(10, 5, n)
    mean[::7] = np.nan
    cols = [
        ("id_cell", "TEXT", SqlValue(f"'CRS{epsg}RES{size}mN' || {{y_min}} || 'E' || {{x_min}}")),
        ("x_min", "INTEGER", east.tolist()),
        ("y_min", "INTEGER", north.tolist()),
        ("grid_crs", "TEXT", SqlValue(f"'EPSG:{epsg}'")),
        ("count", "INTEGER", count.tolist()),
        ("mean", "REAL", [None if np.isnan(v) else v for v in mean.tolist()]),
    ]
    boxes = (east.astype(float), north.astype(float), (east + size).astype(float), (north + size).astype(float))
    target = tmp_path / "cells.gpkg"
    indexed = write_gpkg_boxes(target, "cells", epsg, boxes, cols, feedback)
    return target, east, north, count, mean, indexed


def test_boxes_read_back_by_ogr_and_qgis(tmp_path):
    target, east, north, count, mean, indexed = _write(tmp_path, 3001)  # full statements of 200 rows and a rest
    assert indexed
    ds = ogr.Open(str(target))
    lyr = ds.GetLayerByName("cells")
    assert lyr.GetFeatureCount() == 3001
    for i, feat in enumerate(lyr):
        assert feat["id_cell"] == cell_id(int(east[i]), int(north[i]), 200, 3035)
        assert feat["grid_crs"] == "EPSG:3035"
        assert (feat["x_min"], feat["y_min"], feat["count"]) == (east[i], north[i], count[i])
        assert (feat["mean"] is None) if np.isnan(mean[i]) else feat["mean"] == mean[i]
        env = feat.GetGeometryRef().GetEnvelope()
        assert env == (east[i], east[i] + 200, north[i], north[i] + 200)
        assert feat.GetGeometryRef().GetArea() == 200 * 200
    ds = None
    layer = QgsVectorLayer(f"{target}|layername=cells", "cells", "ogr")
    assert layer.isValid() and layer.featureCount() == 3001 and layer.crs().authid() == "EPSG:3035"
    ids = {f["id_cell"] for f in layer.getFeatures(QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry))}
    assert len(ids) == len({(e, n) for e, n in zip(east.tolist(), north.tolist())})


def test_cancelled_write_leaves_nothing(tmp_path):
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    with pytest.raises(QgsProcessingException):
        _write(tmp_path, 1000, feedback=feedback)
    assert list(tmp_path.iterdir()) == []


def test_feature_count_trigger_put_back(tmp_path):
    target, *_ = _write(tmp_path, 50)
    ds = ogr.Open(str(target), 1)
    lyr = ds.GetLayerByName("cells")
    feat = ogr.Feature(lyr.GetLayerDefn())
    feat.SetGeometry(ogr.CreateGeometryFromWkt("POLYGON((0 0,1 0,1 1,0 1,0 0))"))
    assert lyr.CreateFeature(feat) == 0
    ds = None
    import sqlite3

    con = sqlite3.connect(str(target))
    try:
        stored = con.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'cells'").fetchone()[0]
        real = con.execute('SELECT COUNT(*) FROM "cells"').fetchone()[0]
    finally:
        con.close()
    assert stored == real == 51


def _ranges(renderer):
    return [(r.lowerValue(), r.upperValue(), r.label()) for r in renderer.ranges()]


def test_grid_style_classes_equal_those_read_from_the_output(qgis_processing, terridata_provider, tmp_path):
    """The style's classes come from the counts the algorithm holds: the same as classifying the written layer."""
    import processing
    from terridata.maps.styling import graduated_renderer
    from terridata.processing.base import decorate_layer

    rng = np.random.default_rng(3)
    source = QgsVectorLayer("Point?crs=EPSG:3035", "pts", "memory")
    feats = []

    for e, n in zip(rng.normal(4_252_400, 600, 3000), rng.normal(2_029_800, 600, 3000)):
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(e), float(n))))
        feats.append(f)
    source.dataProvider().addFeatures(feats)
    out = tmp_path / "grid.gpkg"
    processing.run("terridata:aggregate_points_to_grid", {"INPUT": source, "CELL_SIZE": 200, "OUTPUT": str(out)})
    layer = QgsVectorLayer(str(out), "grid", "ogr")  # opened again: the style saved as its default
    assert layer.isValid() and layer.renderer().type() == "graduatedSymbol"
    expected = _ranges(graduated_renderer(layer, "count"))  # classified on the values QGIS reads from the file
    assert len(expected) >= 3
    assert _ranges(layer.renderer()) == expected
    # Values that are not this layer's (another length) are not used.
    decorate_layer(layer, style="aggregation_grid", values={"count": [1] * (layer.featureCount() + 1)})
    assert _ranges(layer.renderer()) == expected


@pytest.mark.parametrize(
    "feature",
    [[], [0], [0, 0, 1, 3, 3, 3, 7], [5, 1, 1, 2], list(np.random.default_rng(1).integers(0, 50, 400))],
)
def test_distinct_feature_count_equals_numpy_unique(feature):
    from terridata.processing.algorithms._aggregation_common import _distinct_count

    arr = np.asarray(feature, dtype=np.int64)
    assert _distinct_count(arr) == len(np.unique(arr))


def test_threaded_transform_equals_qgis_point_by_point_with_the_users_operation(qgis_app, monkeypatch):
    """Many small chunks transformed in threads give exactly one sequential pass, and QGIS's own transform of
    each point with the datum transformation the user chose (not QGIS's default)."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsCoordinateTransformContext,
        QgsDatumTransform,
    )

    from terridata.processing import ogr_arrays

    source, target = QgsCoordinateReferenceSystem("EPSG:27572"), QgsCoordinateReferenceSystem("EPSG:2154")
    default = QgsCoordinateTransform(source, target, QgsCoordinateTransformContext())
    probe = QgsPointXY(600_000, 2_428_000)
    context = None
    for op in QgsDatumTransform.operations(source, target):
        candidate = QgsCoordinateTransformContext()
        if op.isAvailable and candidate.addCoordinateOperation(source, target, op.proj):
            if (
                QgsCoordinateTransform(source, target, candidate).transform(probe).distance(default.transform(probe))
                > 10
            ):
                context = candidate
                break
    assert context is not None
    rng = np.random.default_rng(5)
    x, y = rng.uniform(550_000, 700_000, 1000), rng.uniform(2_380_000, 2_480_000, 1000)
    x[::97] = np.nan
    monkeypatch.setattr(ogr_arrays, "TRANSFORM_CHUNK", 10_000)
    monkeypatch.setattr(ogr_arrays, "TRANSFORM_THREADS", 1)
    sx, sy = ogr_arrays.transform_xy(x, y, source, target, context)
    monkeypatch.setattr(ogr_arrays, "TRANSFORM_CHUNK", 37)
    monkeypatch.setattr(ogr_arrays, "TRANSFORM_THREADS", 4)
    monkeypatch.setattr(ogr_arrays.os, "cpu_count", lambda: 4)
    tx, ty = ogr_arrays.transform_xy(x, y, source, target, context)
    assert np.array_equal(tx, sx, equal_nan=True) and np.array_equal(ty, sy, equal_nan=True)
    assert np.isnan(tx[::97]).all()
    qgis = QgsCoordinateTransform(source, target, context)
    for i in range(1, 1000, 7):
        if np.isnan(x[i]):
            continue
        p = qgis.transform(QgsPointXY(float(x[i]), float(y[i])))
        assert abs(p.x() - tx[i]) < 1e-6 and abs(p.y() - ty[i]) < 1e-6
