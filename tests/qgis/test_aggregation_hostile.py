"""Hostile inputs of the aggregations (issue 16, points 6, 7, 8, 9 and 13): never a silent loss, never a bogus cell,
never a raw traceback. Expected counts are written by hand from the fixtures."""

from __future__ import annotations

import math

import pytest
from osgeo import ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPoint,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from test_aggregation_zones import X0, Y0, _write, _zones_layer

from terridata.core.inspire_grid import grid_domain_mask, parse_cell_id

E0, N0 = 4_252_400, 2_029_800  # an INSEE cell of Essonne (EPSG:3035)


def _run(algorithm, params):
    import processing

    feedback = QgsProcessingFeedback()
    result = processing.run(f"terridata:{algorithm}", params, feedback=feedback)
    return result, feedback.textLog()


def _layer(crs, geometries, name="hostile points"):
    """A memory point layer (``crs`` may be "" for none) with one feature per geometry (None = no geometry)."""
    uri = f"Point?crs={crs}&field=value:double" if crs else "Point?field=value:double"
    layer = QgsVectorLayer(uri, name, "memory")
    if not crs:
        layer.setCrs(QgsCoordinateReferenceSystem())  # QGIS gives a new layer its default CRS otherwise
    feats = []
    for geom in geometries:
        f = QgsFeature(layer.fields())
        if geom is not None:
            f.setGeometry(geom)
        f.setAttributes([1.0])
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)
    return layer


def _point(x, y):
    return QgsGeometry(QgsPoint(x, y))


def _bad_geometries():
    """NULL, empty, NaN and infinite points: four features without a usable point."""
    return [None, QgsGeometry(QgsPoint()), _point(math.nan, math.nan), _point(math.inf, 5.0)]


@pytest.fixture(params=["memory", "gpkg"])
def storage(request, tmp_path, qgis_processing, terridata_provider):
    def store(layer):
        return layer if request.param == "memory" else _write(layer, tmp_path / "points.gpkg", "points")

    return store


# -- 16.6: points without geometry are counted and reported ----------------------------------------------------


def test_zones_count_points_without_geometry(storage):
    good = [_point(X0 + 10, Y0 + 10), _point(X0 + 150, Y0 + 50), _point(X0 + 5000, Y0)]  # A, B, outside
    result, log = _run(
        "aggregate_points_to_zones",
        {
            "INPUT": storage(_layer("EPSG:2154", good + _bad_geometries())),
            "ZONES": _zones_layer(),
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert result["POINTS_WITHOUT_GEOMETRY"] == 4
    assert result["POINTS_IN_ZONES"] == 2 and result["POINTS_OUTSIDE"] == 1
    assert "4 feature(s) of" in log and "POINTS_WITHOUT_GEOMETRY" in log
    counts = {f["name"]: f["count"] for f in result["OUTPUT"].getFeatures()}
    assert counts["A"] == 1 and counts["B"] == 1 and sum(counts.values()) == 2


def test_grid_counts_points_without_geometry(storage):
    good = [_point(E0 + 50, N0 + 50), _point(E0 + 60, N0 + 60)]
    result, log = _run(
        "aggregate_points_to_grid",
        {"INPUT": storage(_layer("EPSG:3035", good + _bad_geometries())), "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    assert result["POINTS_WITHOUT_GEOMETRY"] == 4 and result["POINTS"] == 2 and result["CELLS"] == 1
    assert "POINTS_WITHOUT_GEOMETRY" in log


# -- 16.7: no CRS, or a CRS that does not fit the coordinates ---------------------------------------------------


def test_points_without_crs_are_refused_clearly(qgis_processing, terridata_provider):
    layer = _layer("", [_point(X0 + 10, Y0 + 10)], name="no crs points")
    for algorithm, extra in (
        ("aggregate_points_to_zones", {"ZONES": _zones_layer()}),
        ("aggregate_points_to_grid", {}),
    ):
        with pytest.raises(QgsProcessingException) as raised:
            _run(algorithm, {"INPUT": layer, "OUTPUT": "TEMPORARY_OUTPUT", **extra})
        message = str(raised.value)
        assert "no crs points" in message and "no coordinate reference system" in message, message
        assert "Assign projection" in message


def test_zones_without_crs_are_refused_clearly(qgis_processing, terridata_provider):
    zones = QgsVectorLayer("Polygon?field=name:string", "crs-less zones", "memory")
    zones.setCrs(QgsCoordinateReferenceSystem())
    f = QgsFeature(zones.fields())
    f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({X0} {Y0}, {X0 + 9} {Y0}, {X0 + 9} {Y0 + 9}, {X0} {Y0}))"))
    zones.dataProvider().addFeatures([f])
    with pytest.raises(QgsProcessingException, match="crs-less zones.*no coordinate reference system"):
        _run(
            "aggregate_points_to_zones",
            {"INPUT": _layer("EPSG:2154", [_point(X0 + 1, Y0 + 1)]), "ZONES": zones, "OUTPUT": "TEMPORARY_OUTPUT"},
        )


@pytest.mark.parametrize("algorithm", ["aggregate_points_to_zones", "aggregate_points_to_grid"])
def test_lambert93_labelled_wgs84_is_refused_clearly(storage, algorithm):
    """Lambert-93 coordinates in a layer that claims EPSG:4326."""
    layer = _layer("EPSG:4326", [_point(X0 + 10, Y0 + 10), _point(X0 + 150, Y0 + 50)], name="mislabelled")
    extra = {"ZONES": _zones_layer()} if algorithm == "aggregate_points_to_zones" else {}
    with pytest.raises(QgsProcessingException) as raised:
        _run(algorithm, {"INPUT": storage(layer), "OUTPUT": "TEMPORARY_OUTPUT", **extra})
    message = str(raised.value)
    assert "EPSG:4326" in message and "Assign projection" in message, message
    assert "Invalid coordinate" not in message and "RuntimeError" not in message


# -- 16.8: huge or out-of-area coordinates never make a grid cell -----------------------------------------------


def test_huge_coordinates_make_no_grid_cell(storage):
    points = [
        _point(E0 + 50, N0 + 50),
        _point(1e15, 1e15),
        _point(1e308, N0),
        _point(-1e308, -1e308),
        _point(E0, 1e15),
        _point(math.inf, math.inf),  # not a usable point
    ]
    result, log = _run(
        "aggregate_points_to_grid",
        {"INPUT": storage(_layer("EPSG:3035", points)), "CELL_SIZE": 200, "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    assert result["POINTS"] == 1 and result["CELLS"] == 1
    assert result["POINTS_OUTSIDE_GRID"] == 4 and result["POINTS_WITHOUT_GEOMETRY"] == 1
    assert "POINTS_OUTSIDE_GRID" in log
    ids = [f["id_cell"] for f in result["OUTPUT"].getFeatures()]
    assert ids == [f"CRS3035RES200mN{N0}E{E0}"]


def test_points_outside_the_grids_area_of_use_are_excluded(qgis_processing, terridata_provider):
    """Paris and Brest are in the area of use of EPSG:3035, Réunion and Martinique on their own grids (EPSG:2975,
    EPSG:5490, issue 19); New York is in none."""
    lonlat = [(2.35, 48.85), (-4.49, 48.39), (55.45, -21.1), (-61.0, 14.6), (-74.0, 40.7)]
    result, _ = _run(
        "aggregate_points_to_grid",
        {
            "INPUT": _layer("EPSG:4326", [_point(x, y) for x, y in lonlat]),
            "CELL_SIZE": 1000,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert result["POINTS"] == 4 and result["POINTS_OUTSIDE_GRID"] == 1
    assert result["OUTPUT"].crs().authid() == "EPSG:4326"  # several grids: a CRS valid for all
    grids = sorted(f["grid_crs"] for f in result["OUTPUT"].getFeatures())
    assert grids == ["EPSG:2975", "EPSG:3035", "EPSG:3035", "EPSG:5490"]
    for f in result["OUTPUT"].getFeatures():
        _size, east, north = parse_cell_id(f["id_cell"])
        if f["grid_crs"] == "EPSG:3035":
            assert grid_domain_mask([east], [north]).all()


def test_web_mercator_over_french_polynesia_alone_is_refused(qgis_processing, terridata_provider):
    to_3857 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:3857"), QgsProject.instance()
    )
    tahiti = [to_3857.transform(QgsPointXY(-149.5 + i / 100, -17.6)) for i in range(3)]
    with pytest.raises(QgsProcessingException, match="area of a grid"):
        _run(
            "aggregate_points_to_grid",
            {"INPUT": _layer("EPSG:3857", [QgsGeometry.fromPointXY(p) for p in tahiti]), "OUTPUT": "TEMPORARY_OUTPUT"},
        )


# -- 16.9: mixed geometry types --------------------------------------------------------------------------------


def _mixed_gpkg(path):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("mixed", srs, ogr.wkbUnknown)
    lyr.CreateField(ogr.FieldDefn("value", ogr.OFTReal))
    for wkt in (f"POINT({X0 + 10} {Y0 + 10})", f"LINESTRING({X0} {Y0}, {X0 + 50} {Y0 + 50})"):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        f.SetField("value", 1.0)
        lyr.CreateFeature(f)
    ds = None
    return f"{path}|layername=mixed"


@pytest.mark.parametrize("algorithm", ["aggregate_points_to_zones", "aggregate_points_to_grid"])
def test_mixed_geometry_types_are_refused_clearly(qgis_processing, terridata_provider, tmp_path, algorithm):
    extra = {"ZONES": _zones_layer()} if algorithm == "aggregate_points_to_zones" else {}
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException) as raised:
        _run(algorithm, {"INPUT": _mixed_gpkg(tmp_path / "mixed.gpkg"), "OUTPUT": str(out), **extra})
    message = str(raised.value)
    assert "LineString, not a point" in message and "Keep only its points" in message, message
    assert "geometry type 2" not in message
    assert not out.exists()


# -- 16.13: dates outside 1970-2100 ----------------------------------------------------------------------------


def _observations(texts):
    layer = QgsVectorLayer("None?field=sensor:string&field=t:string&field=v:double", "old dates", "memory")
    feats = []
    for text in texts:
        f = QgsFeature(layer.fields())
        f.setAttributes(["S1", text, 1.0])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


@pytest.mark.parametrize("text", ["0001-01-01", "1900-01-01T00:00:00", "1969-12-31T22:00:00", "2101-01-01T00:00"])
def test_dates_outside_1970_2100_are_refused_clearly(qgis_processing, terridata_provider, text):
    layer = _observations(["2024-01-01T10:00:00", text])
    with pytest.raises(QgsProcessingException) as raised:
        _run(
            "aggregate_time_series", {"INPUT": layer, "TIME_FIELD": "t", "BUCKET": "day", "OUTPUT": "TEMPORARY_OUTPUT"}
        )
    message = str(raised.value)
    assert "1970" in message and "2100" in message and "old dates" in message and "feature number 2" in message


def test_the_ends_of_the_supported_range_are_bucketed(qgis_processing, terridata_provider):
    layer = _observations(["1970-01-01T00:00:00", "2100-12-31T23:59:59"])
    result, _ = _run(
        "aggregate_time_series",
        {"INPUT": layer, "TIME_FIELD": "t", "BUCKET": "month", "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    labels = sorted(f["bucket_local"] for f in result["OUTPUT"].getFeatures())
    assert labels == ["1970-01-01T00:00:00+01:00", "2100-12-01T00:00:00+01:00"]


def test_time_series_with_zones_counts_points_without_geometry(storage):
    layer = QgsVectorLayer("Point?crs=EPSG:2154&field=t:string&field=v:double", "obs", "memory")
    feats = []
    for geom in [_point(X0 + 10, Y0 + 10), _point(X0 + 150, Y0 + 50)] + _bad_geometries():
        f = QgsFeature(layer.fields())
        if geom is not None:
            f.setGeometry(geom)
        f.setAttributes(["2024-05-01T10:00:00", 1.0])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    result, log = _run(
        "aggregate_time_series",
        {
            "INPUT": storage(layer),
            "TIME_FIELD": "t",
            "ZONES": _zones_layer(),
            "ZONE_ID_FIELD": "name",
            "BUCKET": "day",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert result["POINTS_WITHOUT_GEOMETRY"] == 4 and result["SKIPPED"] == 4
    assert sorted((f["key"], f["count"]) for f in result["OUTPUT"].getFeatures()) == [("A", 1), ("B", 1)]
    assert "POINTS_WITHOUT_GEOMETRY" in log


def test_time_series_with_zones_refuses_mislabelled_points(qgis_processing, terridata_provider):
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=t:string", "mislabelled obs", "memory")
    f = QgsFeature(layer.fields())
    f.setGeometry(_point(X0 + 10, Y0 + 10))
    f.setAttributes(["2024-05-01T10:00:00"])
    layer.dataProvider().addFeatures([f])
    with pytest.raises(QgsProcessingException, match="mislabelled obs.*EPSG:4326"):
        _run(
            "aggregate_time_series",
            {"INPUT": layer, "TIME_FIELD": "t", "ZONES": _zones_layer(), "OUTPUT": "TEMPORARY_OUTPUT"},
        )


def test_the_points_of_a_mixed_layer_kept_by_qgis_are_aggregated(qgis_processing, terridata_provider, tmp_path):
    """A mixed layer opened with ``geometrytype=Point`` (QGIS keeps its points only): the points are used."""
    from terridata.processing.ogr_arrays import fast_path_location

    points = QgsVectorLayer(_mixed_gpkg(tmp_path / "mixed.gpkg") + "|geometrytype=Point", "points only", "ogr")
    assert points.isValid() and points.featureCount() == 1
    assert fast_path_location(points) is None  # OGR alone would read the line too
    result, _ = _run(
        "aggregate_points_to_zones", {"INPUT": points, "ZONES": _zones_layer(), "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert result["POINTS_IN_ZONES"] == 1 and result["POINTS_WITHOUT_GEOMETRY"] == 0


def test_points_that_miss_every_zone_are_reported(qgis_processing, terridata_provider):
    """Longitude/latitude values in a layer that claims Lambert-93: valid coordinates, but far from every zone."""
    layer = _layer("EPSG:2154", [_point(2.35, 48.85), _point(2.36, 48.86)], name="lonlat as l93")
    result, log = _run(
        "aggregate_points_to_zones", {"INPUT": layer, "ZONES": _zones_layer(), "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert result["POINTS_IN_ZONES"] == 0 and result["POINTS_OUTSIDE"] == 2
    assert "No point falls in any zone" in log
