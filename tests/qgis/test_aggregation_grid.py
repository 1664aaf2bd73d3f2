"""terridata:aggregate_points_to_grid: INSEE cell identifiers, cell geometry, statistics, both writers."""

from __future__ import annotations

import statistics as pystats

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)

from terridata.core.inspire_grid import parse_cell_id

E0, N0 = 4_252_400, 2_029_800  # lower-left corner of INSEE cell CRS3035RES200mN2029800E4252400 (Essonne)

# (east, north, value) in EPSG:3035
POINTS = [
    (E0 + 50, N0 + 50, 1.0),
    (E0 + 199.5, N0 + 199.5, 3.0),
    (E0, N0, 5.0),  # south-west corner: belongs to this cell
    (E0 + 200, N0 + 10, 7.0),  # west edge of the next cell east
    (E0 + 10, N0 - 0.5, None),  # just below: the cell south, NULL value
    (E0 + 5050, N0 + 5050, 2.0),
]


def _cell_of(e, n, size):
    return f"CRS3035RES{size}mN{int(n // size * size)}E{int(e // size * size)}"


def _layer(crs="EPSG:3035"):
    layer = QgsVectorLayer(f"Point?crs={crs}&field=value:double&field=kind:string", "pts", "memory")
    tr = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:3035"), layer.crs(), QgsProject.instance())
    feats = []
    for i, (e, n, v) in enumerate(POINTS):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(tr.transform(QgsPointXY(e, n))))
        f.setAttributes([v, "ab"[i % 2]])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def _run(params):
    import processing

    return processing.run("terridata:aggregate_points_to_grid", params)


@pytest.mark.parametrize("size", [200, 1000, 333])
@pytest.mark.parametrize("writer", ["sink", "gpkg"])
def test_cells_ids_geometry_and_statistics(qgis_processing, terridata_provider, tmp_path, size, writer):
    output = "TEMPORARY_OUTPUT" if writer == "sink" else str(tmp_path / f"grid_{size}.gpkg")
    result = _run(
        {
            "INPUT": _layer(),
            "CELL_SIZE": size,
            "FIELDS": ["value"],
            "STATISTICS": ["count", "sum", "mean", "median", "max"],
            "CATEGORY": "kind",
            "OUTPUT": output,
        }
    )
    layer = result["OUTPUT"] if writer == "sink" else QgsVectorLayer(result["OUTPUT"], "grid", "ogr")
    assert layer.isValid() and layer.crs().authid() == "EPSG:3035"
    expected = {}
    for i, (e, n, v) in enumerate(POINTS):
        expected.setdefault(_cell_of(e, n, size), []).append((v, "ab"[i % 2]))
    cells = {f["id_cell"]: f for f in layer.getFeatures()}
    assert set(cells) == set(expected)  # only non-empty cells
    assert result["CELLS"] == len(expected)
    for cid, members in expected.items():
        f = cells[cid]
        got_size, east, north = parse_cell_id(cid)
        assert got_size == size and (f["x_min"], f["y_min"]) == (east, north)
        bbox = f.geometry().boundingBox()
        assert (bbox.xMinimum(), bbox.yMinimum(), bbox.xMaximum(), bbox.yMaximum()) == (
            east,
            north,
            east + size,
            north + size,
        )
        assert f.geometry().area() == pytest.approx(size * size)
        values = [v for v, _ in members if v is not None]
        assert f["count"] == len(members)
        assert f["value_count"] == len(values)
        assert f["value_sum"] == pytest.approx(sum(values))
        if values:
            assert f["value_mean"] == pytest.approx(pystats.mean(values))
            assert f["value_median"] == pytest.approx(pystats.median(values))
            assert f["value_max"] == max(values)
        assert f["kind_a"] == sum(1 for _, k in members if k == "a")
        assert f["kind_b"] == sum(1 for _, k in members if k == "b")


def test_the_known_insee_cell_and_reprojection(qgis_processing, terridata_provider):
    """Points given in WGS84 land in the same cells (points on cell edges left out: reprojection moves them)."""
    result = _run({"INPUT": _layer("EPSG:4326"), "CELL_SIZE": 200, "OUTPUT": "TEMPORARY_OUTPUT"})
    cells = {f["id_cell"]: f["count"] for f in result["OUTPUT"].getFeatures()}
    assert cells["CRS3035RES200mN2029800E4252400"] >= 2  # the two interior points
    assert "CRS3035RES200mN2034800E4257400" in cells  # (E0 + 5050, N0 + 5050)
    assert sum(cells.values()) == len(POINTS)


def test_bad_parameters(qgis_processing, terridata_provider):
    with pytest.raises(QgsProcessingException):
        _run({"INPUT": _layer(), "CELL_SIZE": 0, "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="not numeric"):
        _run({"INPUT": _layer(), "FIELDS": ["kind"], "OUTPUT": "TEMPORARY_OUTPUT"})
    empty = QgsVectorLayer("Point?crs=EPSG:2154&field=value:double", "empty", "memory")
    with pytest.raises(QgsProcessingException, match="empty"):
        _run({"INPUT": empty, "OUTPUT": "TEMPORARY_OUTPUT"})


def test_grid_counts_match_numpy_floor_on_many_points(qgis_processing, terridata_provider, tmp_path):
    rng = np.random.default_rng(3)
    layer = QgsVectorLayer("Point?crs=EPSG:3035&field=value:double", "pts", "memory")
    xs, ys = rng.uniform(3.9e6, 3.95e6, 3000), rng.uniform(2.8e6, 2.85e6, 3000)
    feats = []
    for x, y in zip(xs, ys):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        f.setAttributes([1.0])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    out = QgsVectorLayer(_run({"INPUT": layer, "CELL_SIZE": 1000, "OUTPUT": str(tmp_path / "g.gpkg")})["OUTPUT"])
    got = {f["id_cell"]: f["count"] for f in out.getFeatures()}
    keys, counts = np.unique(np.column_stack([xs // 1000, ys // 1000]).astype(int), axis=0, return_counts=True)
    expected = {f"CRS3035RES1000mN{n * 1000}E{e * 1000}": int(c) for (e, n), c in zip(keys, counts)}
    assert got == expected
