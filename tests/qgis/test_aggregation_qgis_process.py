"""Each aggregation algorithm once from the command line (qgis_process.bin, plugin in a throw-away profile)."""

from __future__ import annotations

import pytest
from osgeo import ogr, osr
from qgis.core import QgsVectorLayer
from qgis_process_helper import run_qgis_process


def _gpkg(path, name, geom_type, fields, rows, epsg=2154):
    """rows: [(wkt or None, {field: value})]."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = None
    if geom_type != ogr.wkbNone:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
    layer = ds.CreateLayer(name, srs, geom_type)
    for fname, ftype in fields:
        layer.CreateField(ogr.FieldDefn(fname, ftype))
    for wkt, values in rows:
        f = ogr.Feature(layer.GetLayerDefn())
        for k, v in values.items():
            f[k] = v
        if wkt:
            f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(f)
    ds = None
    return str(path)


@pytest.fixture()
def inputs(tmp_path):
    zones = _gpkg(
        tmp_path / "zones.gpkg",
        "zones",
        ogr.wkbPolygon,
        [("code", ogr.OFTString)],
        [
            ("POLYGON((650000 6860000,650100 6860000,650100 6860100,650000 6860100,650000 6860000))", {"code": "Z1"}),
            ("POLYGON((650100 6860000,650200 6860000,650200 6860100,650100 6860100,650100 6860000))", {"code": "Z2"}),
        ],
    )
    pts = [(650010 + 20 * i, 6860050, float(i), f"2024-10-27T0{i % 4}:30:00+0{1 + i % 2}:00") for i in range(9)]
    points = _gpkg(
        tmp_path / "points.gpkg",
        "points",
        ogr.wkbPoint,
        [("value", ogr.OFTReal), ("sensor", ogr.OFTString), ("t", ogr.OFTString)],
        [(f"POINT({x} {y})", {"value": v, "sensor": "S" + str(int(v) % 2), "t": t}) for x, y, v, t in pts],
    )
    return zones, points, pts


def test_points_to_zones_from_qgis_process(inputs, tmp_path):
    zones, points, pts = inputs
    out = tmp_path / "zones_out.gpkg"
    result = run_qgis_process(
        "terridata:aggregate_points_to_zones",
        {"INPUT": points, "ZONES": zones, "FIELDS": "value", "STATISTICS": ["count", "sum"], "OUTPUT": str(out)},
    )
    assert result["results"]["POINTS_IN_ZONES"] == len(pts)
    layer = QgsVectorLayer(result["results"]["OUTPUT"], "out", "ogr")
    got = {f["code"]: (f["count"], f["value_sum"]) for f in layer.getFeatures()}
    in_z1 = [v for x, _, v, _ in pts if x < 650100]
    in_z2 = [v for x, _, v, _ in pts if x >= 650100]
    assert got == {"Z1": (len(in_z1), sum(in_z1)), "Z2": (len(in_z2), sum(in_z2))}


def test_points_to_grid_from_qgis_process(inputs, tmp_path):
    _, points, pts = inputs
    out = tmp_path / "grid_out.gpkg"
    result = run_qgis_process(
        "terridata:aggregate_points_to_grid", {"INPUT": points, "CELL_SIZE": 1000, "OUTPUT": str(out)}
    )
    layer = QgsVectorLayer(result["results"]["OUTPUT"], "grid", "ogr")
    cells = {f["id_cell"]: f["count"] for f in layer.getFeatures()}
    assert sum(cells.values()) == len(pts) and result["results"]["CELLS"] == len(cells)
    assert all(c.startswith("CRS3035RES1000mN") for c in cells)


def test_time_series_from_qgis_process(inputs, tmp_path):
    _, points, pts = inputs
    out = tmp_path / "ts_out.gpkg"
    result = run_qgis_process(
        "terridata:aggregate_time_series",
        {
            "INPUT": points,
            "TIME_FIELD": "t",
            "KEY_FIELD": "sensor",
            "BUCKET": "day",
            "FIELDS": "value",
            "STATISTICS": "sum",
            "OUTPUT": str(out),
        },
    )
    layer = QgsVectorLayer(result["results"]["OUTPUT"], "ts", "ogr")
    got = {(f["key"], f["bucket_local"]): f["value_sum"] for f in layer.getFeatures()}
    expected = {}
    for _, _, v, _ in pts:
        key = ("S" + str(int(v) % 2), "2024-10-27T00:00:00+02:00")
        expected[key] = expected.get(key, 0) + v
    assert got == expected


def test_rollup_from_qgis_process(tmp_path):
    table = _gpkg(
        tmp_path / "table.gpkg",
        "communes",
        ogr.wkbNone,
        [("code", ogr.OFTString), ("pop", ogr.OFTReal)],
        [
            (None, {"code": "91228", "pop": 10.0}),
            (None, {"code": "91477", "pop": 5.0}),
            (None, {"code": "75056", "pop": 7.0}),
            (None, {"code": "00000", "pop": 1.0}),
        ],
    )
    out = tmp_path / "rollup.gpkg"
    result = run_qgis_process(
        "terridata:rollup_territories",
        {
            "INPUT": table,
            "CODE_FIELD": "code",
            "LEVEL": "departement",
            "VINTAGE": 2024,
            "SUM_FIELDS": "pop",
            "OUTPUT": str(out),
        },
    )
    layer = QgsVectorLayer(result["results"]["OUTPUT"], "r", "ogr")
    assert {f["code"]: f["pop"] for f in layer.getFeatures()} == {"91": 15.0, "75": 7.0}
    assert result["results"]["NOT_FOUND_CODES"] == "00000"
