"""Issue 19, all of France: official CRSs checked against QGIS's PROJ database, INSEE grid cells overseas, downloads
in the territory's CRS from a real WFS (MapServer), and the quality report's area-of-use check overseas."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest
from osgeo import ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsRectangle,
    QgsVectorLayer,
)

from terridata.core import territory_crs as tc
from terridata.core.inspire_grid import parse_cell_id_crs

pytest_plugins = ["mapserver_wfs"]

DROM = ("971", "972", "973", "974", "976")
# name (as PROJ calls it) and a lon/lat point of the territory, written independently of core.territory_crs
# (IGN, "Systèmes de Référence de Coordonnées usités en France").
PROJ_NAMES = {
    2154: ("Lambert-93", (2.35, 48.85)),
    5490: ("RGAF09 / UTM zone 20N", (-61.02, 14.64)),
    2972: ("RGFG95 / UTM zone 22N", (-52.33, 4.94)),
    2975: ("RGR92 / UTM zone 40S", (55.45, -20.88)),
    4471: ("RGM04 / UTM zone 38S", (45.23, -12.78)),
    4467: ("RGSPM06 / UTM zone 21N", (-56.18, 46.78)),
}


def _osr(epsg: int):
    ref = osr.SpatialReference()
    ref.ImportFromEPSG(epsg)
    ref.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return ref


def _project(lon: float, lat: float, epsg: int) -> tuple:
    """Independent projection (GDAL/PROJ, not QGIS)."""
    x, y, _ = osr.CoordinateTransformation(_osr(4326), _osr(epsg)).TransformPoint(lon, lat)
    return x, y


def _unproject(x: float, y: float, epsg: int) -> tuple:
    lon, lat, _ = osr.CoordinateTransformation(_osr(epsg), _osr(4326)).TransformPoint(x, y)
    return lon, lat


def _insee_id(x: float, y: float, size: int, epsg: int) -> str:
    """INSEE's rule (documentation of the gridded data): integer part of coordinate / size, in the grid's CRS."""
    return f"CRS{epsg}RES{size}mN{math.floor(y / size) * size}E{math.floor(x / size) * size}"


# ----------------------------------------------------------------- CRSs against PROJ
@pytest.mark.parametrize("part", tc.PARTS, ids=lambda p: p.key)
def test_each_official_crs_is_the_one_proj_knows(qgis_app, part):
    crs = QgsCoordinateReferenceSystem(f"EPSG:{part.epsg}")
    assert crs.isValid() and not crs.isGeographic()
    name, _ = PROJ_NAMES[part.epsg]
    assert name in crs.description(), crs.description()
    # the CRS's area of use (PROJ) covers the part's box, but for Guyane west of 54° W: IGN's RGFG95 / UTM 22N
    # is used over the whole of Guyane, EPSG's area of use stops at the zone's edge (and at 2.17° N)
    area = crs.bounds()
    x0, y0, x1, y1 = part.box
    margin = 0.75 if part.key == "973" else 0.0
    assert area.xMinimum() - margin <= x0 and x1 <= area.xMaximum(), (part.key, area.toString(2))
    assert area.yMinimum() - margin <= y0 and y1 <= area.yMaximum(), (part.key, area.toString(2))
    grid = QgsCoordinateReferenceSystem(f"EPSG:{part.grid_epsg}")
    assert grid.isValid() and not grid.isGeographic()


@pytest.mark.parametrize("epsg", sorted(PROJ_NAMES))
def test_a_point_of_each_territory_gets_its_crs(epsg):
    _, (lon, lat) = PROJ_NAMES[epsg]
    assert tc.part_of_location(lon, lat).epsg == epsg


# ----------------------------------------------------------------- grids
def _points_layer(crs: str, points) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"Point?crs={crs}&field=value:double", "pts", "memory")
    feats = []
    for x, y in points:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        f.setAttributes([1.0])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def _grid(params):
    import processing

    return processing.run("terridata:aggregate_points_to_grid", params)


# Real 200 m cells of INSEE's Filosofi files (carreaux_200m_reun / _mart / _met), as published.
INSEE_CELLS = [
    "CRS2975RES200mN7634200E359400",
    "CRS2975RES200mN7679200E333600",
    "CRS5490RES200mN1592600E728800",
    "CRS5490RES200mN1609400E709000",
    "CRS3035RES200mN2893400E3763200",  # Paris 19e
    "CRS3035RES200mN2885600E3761400",
    "CRS3035RES200mN2933000E3687600",
    "CRS3035RES200mN2940600E3844600",
]


@pytest.mark.parametrize("input_crs", [4326, 0])
@pytest.mark.parametrize("cell", INSEE_CELLS)
def test_centres_of_real_insee_cells(qgis_processing, terridata_provider, cell, input_crs):
    """The centre of each cell, given in WGS84 (as a GPS would) or in the territory's official CRS (Lambert-93 in
    metropolitan France, as IGN data comes), projected independently with GDAL, lands in that cell."""
    epsg, size, east, north = parse_cell_id_crs(cell)
    lon, lat = _unproject(east + size / 2, north + size / 2, epsg)
    source = input_crs or tc.part_of_location(lon, lat).epsg
    point = (lon, lat) if source == 4326 else _project(lon, lat, source)
    layer = _points_layer(f"EPSG:{source}", [point])
    result = _grid({"INPUT": layer, "CELL_SIZE": size, "OUTPUT": "TEMPORARY_OUTPUT"})
    (f,) = list(result["OUTPUT"].getFeatures())
    assert f["id_cell"] == cell and f["grid_crs"] == f"EPSG:{epsg}"
    assert result["OUTPUT"].crs().authid() == f"EPSG:{epsg}"  # one grid: the output is in its CRS
    box = f.geometry().boundingBox()
    assert (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()) == (east, north, east + size, north + size)


@pytest.mark.parametrize(
    "dep, lon, lat", [("971", -61.53, 16.24), ("973", -52.33, 4.94), ("976", 45.23, -12.78), ("974", 55.45, -20.88)]
)
def test_every_drom_is_gridded_in_its_crs_by_insees_rule(qgis_processing, terridata_provider, dep, lon, lat):
    epsg = {"971": 5490, "972": 5490, "973": 2972, "974": 2975, "976": 4471}[dep]
    # 50 points spread over ~3 km around the town, given in WGS84
    pts = [(lon + 0.003 * (i % 10), lat + 0.003 * (i // 10)) for i in range(50)]
    result = _grid({"INPUT": _points_layer("EPSG:4326", pts), "CELL_SIZE": 200, "OUTPUT": "TEMPORARY_OUTPUT"})
    expected = {}
    for p in pts:
        cid = _insee_id(*_project(*p, epsg), 200, epsg)
        expected[cid] = expected.get(cid, 0) + 1
    got = {f["id_cell"]: f["count"] for f in result["OUTPUT"].getFeatures()}
    assert got == expected
    assert result["POINTS"] == 50 and result["POINTS_OUTSIDE_GRID"] == 0


def test_points_on_cell_edges_and_round_trip_in_the_grid_crs(qgis_processing, terridata_provider, tmp_path):
    """Points given in EPSG:2975 exactly on cell corners and edges: west and south edges belong to the cell."""
    e0, n0 = 338_600, 7_645_200
    pts = [(e0, n0), (e0 + 200, n0), (e0, n0 + 200), (e0 + 199.999, n0 + 199.999), (e0 - 0.001, n0 - 0.001)]
    out = str(tmp_path / "reunion.gpkg")
    result = _grid({"INPUT": _points_layer("EPSG:2975", pts), "CELL_SIZE": 200, "OUTPUT": out})
    layer = QgsVectorLayer(result["OUTPUT"], "g", "ogr")
    assert layer.crs().authid() == "EPSG:2975"
    got = {f["id_cell"]: f["count"] for f in layer.getFeatures()}
    assert got == {
        f"CRS2975RES200mN{n0}E{e0}": 2,
        f"CRS2975RES200mN{n0}E{e0 + 200}": 1,
        f"CRS2975RES200mN{n0 + 200}E{e0}": 1,
        f"CRS2975RES200mN{n0 - 200}E{e0 - 200}": 1,
    }
    for f in layer.getFeatures():  # id → polygon → id
        epsg, size, east, north = parse_cell_id_crs(f["id_cell"])
        c = f.geometry().centroid().asPoint()
        assert _insee_id(c.x(), c.y(), size, epsg) == f["id_cell"]
        assert f.geometry().equals(QgsGeometry.fromRect(QgsRectangle(east, north, east + size, north + size)))


def test_negative_coordinates_on_cell_edges_are_exact(qgis_processing, terridata_provider):
    """In the south-west corner of EPSG:3035's area of use (Atlantic, 35° W 26° N) eastings are negative: corners on
    edges, ids and polygons stay exact (no unsigned packing)."""
    lon, lat = -35.0, 26.0
    x, y = _project(lon, lat, 3035)
    assert x < 0
    e0 = math.floor(x / 1000) * 1000
    n0 = math.floor(y / 1000) * 1000
    pts = [(e0, n0), (e0 - 1000, n0 + 500), (e0 + 999.5, n0 + 999.5), (e0 - 0.25, n0)]
    result = _grid({"INPUT": _points_layer("EPSG:3035", pts), "CELL_SIZE": 1000, "OUTPUT": "TEMPORARY_OUTPUT"})
    got = {f["id_cell"]: f["count"] for f in result["OUTPUT"].getFeatures()}
    assert got == {f"CRS3035RES1000mN{n0}E{e0}": 2, f"CRS3035RES1000mN{n0}E{e0 - 1000}": 2}
    for f in result["OUTPUT"].getFeatures():
        _, size, east, north = parse_cell_id_crs(f["id_cell"])
        assert east < 0 and (f["x_min"], f["y_min"]) == (east, north)
        assert f.geometry().boundingBox() == QgsRectangle(east, north, east + size, north + size)


def test_points_of_several_parts_and_outside_every_grid(qgis_processing, terridata_provider):
    pts = [(2.35, 48.85), (55.45, -20.88), (45.23, -12.78), (-74.0, 40.7), (166.4, -22.3)]
    result = _grid({"INPUT": _points_layer("EPSG:4326", pts), "CELL_SIZE": 1000, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert result["POINTS"] == 3 and result["POINTS_OUTSIDE_GRID"] == 2  # New York, New Caledonia
    layer = result["OUTPUT"]
    assert layer.crs().authid() == "EPSG:4326"
    by_crs = {f["grid_crs"]: f for f in layer.getFeatures()}
    assert set(by_crs) == {"EPSG:3035", "EPSG:2975", "EPSG:4471"}
    for (lon, lat), epsg in zip(pts[:3], (3035, 2975, 4471)):
        f = by_crs[f"EPSG:{epsg}"]
        assert f["id_cell"] == _insee_id(*_project(lon, lat, epsg), 1000, epsg)
        assert f.geometry().contains(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))  # drawn in WGS84


def test_far_away_points_alone_are_refused(qgis_processing, terridata_provider):
    with pytest.raises(QgsProcessingException, match="area of a grid"):
        _grid({"INPUT": _points_layer("EPSG:4326", [(166.4, -22.3)]), "OUTPUT": "TEMPORARY_OUTPUT"})


def test_protective_grid_overseas(qgis_processing, terridata_provider, tmp_path):
    import processing

    lon, lat = 55.45, -20.88
    pts = [(lon + 0.0005 * (i % 10), lat + 0.0005 * (i // 10)) for i in range(60)]
    result = processing.run(
        "terridata:protective_grid",
        {
            "INPUT": _points_layer("EPSG:4326", pts),
            "THRESHOLD": 11,
            "OUTPUT": str(tmp_path / "pg.gpkg"),
            "REPORT_HTML": str(tmp_path / "pg.html"),
            "REPORT_JSON": str(tmp_path / "pg.json"),
        },
    )
    layer = QgsVectorLayer(result["OUTPUT"], "pg", "ogr")
    assert layer.crs().authid() == "EPSG:2975"
    cells = {f["id"]: f["units"] for f in layer.getFeatures()}
    assert cells and all(i.startswith("CRS2975RES") for i in cells)
    assert sum(cells.values()) == 60
    # each published cell holds exactly the points INSEE's rule puts in it (independent projection)
    for cid, units in cells.items():
        epsg, size, east, north = parse_cell_id_crs(cid)
        inside = [p for p in pts if _insee_id(*_project(*p, epsg), size, epsg) == cid]
        assert len(inside) == units >= 11


# ----------------------------------------------------------------- downloads and quality report
@pytest.fixture(scope="module")
def mapserver_drom(tmp_path_factory, shared_data):
    from mapserver_wfs import MAPSERV, MapServer

    if not os.access(MAPSERV, os.X_OK):
        pytest.fail(f"MapServer not found at {MAPSERV}: apt-get install cgi-mapserver")
    server = MapServer(tmp_path_factory.mktemp("mapserver_drom"), shared_data, departements=DROM)
    yield server
    server.stop()


def _download(mapserver, dep: str, out: Path, **extra) -> dict:
    import processing

    params = {
        "TYPENAME": "commune",
        "SERVICE_URL": mapserver.url,
        "TERRITORY_LEVEL": 2,  # département
        "TERRITORY_CODE": dep,
        "TERRITORY_TYPENAME": "departement",
        "TERRITORY_FIELD": "code_insee",
        "OUTPUT": str(out),
        **extra,
    }
    return processing.run("terridata:ign_download", params)


def _quality(layer, tmp_path: Path) -> dict:
    import processing

    tmp_path.mkdir(parents=True, exist_ok=True)
    result = processing.run(
        "terridata:quality_report",
        {
            "INPUT": layer,
            "OUTPUT": str(tmp_path / "problems.gpkg"),
            "OUTPUT_JSON": str(tmp_path / "report.json"),
            "OUTPUT_HTML": str(tmp_path / "report.html"),
        },
    )
    return json.loads(Path(result["OUTPUT_JSON"]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("dep", DROM)
def test_drom_communes_download_in_their_crs_and_pass_the_quality_report(
    qgis_processing, terridata_provider, mapserver_drom, tmp_path, dep
):
    import processing

    expected_codes = sorted(c for c, d in mapserver_drom.codes.items() if d == dep)
    epsg = {"971": 5490, "972": 5490, "973": 2972, "974": 2975, "976": 4471}[dep]
    out = tmp_path / f"communes_{dep}.gpkg"
    result = _download(mapserver_drom, dep, out)
    layer = QgsVectorLayer(str(out), "c", "ogr")
    assert layer.isValid() and layer.crs().authid() == f"EPSG:{epsg}"
    assert sorted(f["code_insee"] for f in layer.getFeatures()) == expected_codes
    assert result["FEATURE_COUNT"] == len(expected_codes)
    # the geometry really is in the local CRS: a commune's centroid, back to lon/lat, is in the département
    c = next(layer.getFeatures()).geometry().centroid().asPoint()
    assert tc.part_of_location(*_unproject(c.x(), c.y(), epsg)).key == dep

    report = _quality(layer, tmp_path / "right")
    area = next(c for c in report["checks"] if c["id"] == "geometry_outside_crs_area")
    assert area["checked"] == len(expected_codes)
    assert [e for e in report["errors"] if e["check"] == "geometry_outside_crs_area"] == []

    # the same communes in Lambert-93 (as TerriData used to download them): flagged, with the CRS to use
    l93 = processing.run(
        "native:reprojectlayer", {"INPUT": layer, "TARGET_CRS": "EPSG:2154", "OUTPUT": "TEMPORARY_OUTPUT"}
    )["OUTPUT"]
    wrong = _quality(l93, tmp_path / "wrong")
    flagged = [e for e in wrong["errors"] if e["check"] == "geometry_outside_crs_area"]
    assert len(flagged) == len(expected_codes)
    assert all(f"EPSG:{epsg}" in json.dumps(e, ensure_ascii=False) for e in flagged)


def test_an_explicit_crs_still_wins(qgis_processing, terridata_provider, mapserver_drom, tmp_path):
    out = tmp_path / "mayotte_4326.gpkg"
    _download(mapserver_drom, "976", out, CRS="EPSG:4326")
    assert QgsVectorLayer(str(out), "c", "ogr").crs().authid() == "EPSG:4326"


def test_a_download_over_several_parts_is_kept_in_wgs84_and_said(
    qgis_processing, terridata_provider, mapserver_drom, tmp_path
):
    import processing

    class Recorder(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushWarning(self, warning):  # noqa: N802
            self.lines.append(warning)

    out = tmp_path / "antilles_guyane.gpkg"
    feedback = Recorder()
    processing.run(
        "terridata:ign_download",
        {
            "TYPENAME": "commune",
            "SERVICE_URL": mapserver_drom.url,
            "EXTENT": "-62.0,-51.0,2.0,17.0 [EPSG:4326]",
            "OUTPUT": str(out),
        },
        feedback=feedback,
    )
    layer = QgsVectorLayer(str(out), "c", "ogr")
    assert layer.crs().authid() == "EPSG:4326"
    assert {f["code_insee"][:3] for f in layer.getFeatures()} == {"971", "972", "973"}
    assert any("several parts of France" in line for line in feedback.lines)


def test_ogr_reads_the_download_back(mapserver_drom):
    """The published GeoPackage holds the 5 DROM (the loop of every test over départements keeps them)."""
    ds = ogr.Open(str(mapserver_drom.gpkg))
    deps = {f.GetField("code_insee_du_departement") for f in ds.GetLayerByName("commune")}
    assert deps == set(DROM)
