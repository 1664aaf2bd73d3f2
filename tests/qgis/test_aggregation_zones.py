"""terridata:aggregate_points_to_zones on hand-built fixtures (holes, multipolygons, boundary points, points
outside every zone, NULL values, a CRS mismatch, invalid zones) and against native:countpointsinpolygon."""

from __future__ import annotations

import statistics as pystats

import numpy as np
import pytest
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

X0, Y0 = 650_000.0, 6_860_000.0  # around Paris in Lambert-93 (EPSG:2154)


def _square(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]


def _wkt_polygon(*rings):
    return "(" + ", ".join("(" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in r) + ")" for r in rings) + ")"


ZONES = {
    # name: WKT (local coordinates shifted by X0, Y0)
    "A": "POLYGON" + _wkt_polygon(_square(0, 0, 100, 100), _square(40, 40, 60, 60)),  # with a hole
    "B": "POLYGON" + _wkt_polygon(_square(100, 0, 200, 100)),  # shares x=100 with A
    "C": "MULTIPOLYGON("
    + _wkt_polygon(_square(0, 200, 50, 250))
    + ","
    + _wkt_polygon(_square(150, 200, 200, 250))
    + ")",
    "D": "POLYGON" + _wkt_polygon(_square(300, 0, 400, 100)),  # no point
    "E": "POLYGON" + _wkt_polygon(_square(45, 45, 55, 55)),  # an island in A's hole
}

# (x, y, value, weight, kind) in local coordinates; the zone each belongs to is written by hand.
POINTS = [
    (10, 10, 1.0, 1.0, "a", "A"),
    (20, 80, 3.0, 3.0, "b", "A"),
    (90, 50, None, 1.0, "a", "A"),  # NULL value: counted, not in the value statistics
    (42, 50, 8.0, 1.0, "a", None),  # in A's hole, outside E
    (50, 50, 10.0, 1.0, "b", "E"),
    (100, 30, 5.0, 2.0, None, "B"),  # on the A|B boundary: belongs to the zone to the east (B)
    (150, 50, 7.0, 1.0, "a", "B"),
    (199, 1, 2.0, 1.0, "a", "B"),
    (100, 0, 4.0, 1.0, "b", "B"),  # corner shared by A and B (south edge): B
    (25, 225, 4.0, 1.0, "a", "C"),
    (175, 225, 6.0, 1.0, "b", "C"),
    (500, 500, 1.0, 1.0, "a", None),  # outside every zone
    (250, 50, 1.0, 1.0, "a", None),
]


def _write(layer, path, name):
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    err = QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(path), QgsProject.instance().transformContext(), options)
    assert err[0] == QgsVectorFileWriter.NoError, err
    return f"{path}|layername={name}"


def _zones_layer():
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:2154&field=name:string", "zones", "memory")
    feats = []
    for name, wkt in ZONES.items():
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f["name"] = name
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def _points_layer(points=POINTS, crs="EPSG:2154"):
    layer = QgsVectorLayer(f"Point?crs={crs}&field=value:double&field=w:double&field=kind:string", "points", "memory")
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:2154"), QgsCoordinateReferenceSystem(crs), QgsProject.instance()
    )
    feats = []
    for x, y, value, w, kind, _ in points:
        f = QgsFeature(layer.fields())
        pt = transform.transform(QgsPointXY(X0 + x, Y0 + y))
        f.setGeometry(QgsGeometry.fromPointXY(pt))
        f.setAttributes([value, w, kind])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def _run(params, context=None):
    import processing

    return processing.run(
        "terridata:aggregate_points_to_zones", params, context=context, feedback=QgsProcessingFeedback()
    )


def _is_null(value) -> bool:
    return value is None or value == NULL


def _layer(output):
    """The output layer: the fast path writes a GeoPackage (path), the generic one a memory layer."""
    if isinstance(output, str):
        layer = QgsVectorLayer(output, "out", "ogr")
        assert layer.isValid(), output
        return layer
    return output


def _by_name(layer):
    return {f["name"]: f for f in _layer(layer).getFeatures()}


@pytest.fixture(params=["gpkg", "memory"])
def inputs(request, tmp_path, qgis_processing, terridata_provider):
    zones, points = _zones_layer(), _points_layer()
    if request.param == "gpkg":  # the OGR fast path
        return _write(zones, tmp_path / "z.gpkg", "zones"), _write(points, tmp_path / "p.gpkg", "points")
    return zones, points  # the QGIS-iterator path


def test_statistics_match_hand_computed_values(inputs):
    zones, points = inputs
    result = _run(
        {
            "INPUT": points,
            "ZONES": zones,
            "FIELDS": ["value"],
            "STATISTICS": ["count", "sum", "mean", "median", "min", "max", "std"],
            "PERCENTILES": "25,90",
            "CATEGORY": "kind",
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
    )
    out = _by_name(result["OUTPUT"])
    assert set(out) == set(ZONES)  # zones without points are kept
    for name in ZONES:
        members = [p for p in POINTS if p[5] == name]
        values = [p[2] for p in members if p[2] is not None]
        f = out[name]
        assert f["count"] == len(members), name
        assert f["value_count"] == len(values), name
        if not values:
            assert f["value_sum"] == 0
            assert _is_null(f["value_mean"]) and _is_null(f["value_median"]) and _is_null(f["value_min"])
            continue
        assert f["value_sum"] == pytest.approx(sum(values))
        assert f["value_mean"] == pytest.approx(pystats.mean(values))
        assert f["value_median"] == pytest.approx(pystats.median(values))
        assert f["value_min"] == min(values) and f["value_max"] == max(values)
        assert f["value_std"] == pytest.approx(pystats.pstdev(values))
        assert f["value_p90"] == pytest.approx(float(np.percentile(values, 90)))
        assert f["value_p25"] == pytest.approx(float(np.percentile(values, 25)))
        for kind in ("a", "b"):
            assert f[f"kind_{kind}"] == sum(1 for p in members if p[4] == kind), (name, kind)
        assert f["kind_null"] == sum(1 for p in members if p[4] is None)
    assert result["POINTS_IN_ZONES"] == sum(1 for p in POINTS if p[5])
    assert result["POINTS_OUTSIDE"] == sum(1 for p in POINTS if not p[5])


def test_weighted_statistics(inputs):
    zones, points = inputs
    result = _run(
        {
            "INPUT": points,
            "ZONES": zones,
            "FIELDS": ["value"],
            "WEIGHT": "w",
            "STATISTICS": ["sum", "mean"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
    )
    out = _by_name(result["OUTPUT"])
    members = [p for p in POINTS if p[5] == "B"]
    wsum = sum(p[2] * p[3] for p in members)
    assert out["B"]["value_sum"] == pytest.approx(wsum)
    assert out["B"]["value_mean"] == pytest.approx(wsum / sum(p[3] for p in members))


def test_points_in_another_crs_are_reprojected(qgis_processing, terridata_provider):
    off_boundary = [p for p in POINTS if p[0] not in (100,)]
    result = _run(
        {
            "INPUT": _points_layer(off_boundary, "EPSG:4326"),
            "ZONES": _zones_layer(),
            "FIELDS": ["value"],
            "STATISTICS": ["sum"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
    )
    out = _by_name(result["OUTPUT"])
    for name in ZONES:
        members = [p for p in off_boundary if p[5] == name]
        assert out[name]["count"] == len(members), name
        assert out[name]["value_sum"] == pytest.approx(sum(p[2] for p in members if p[2] is not None))


def _bowtie_zones():
    layer = _zones_layer()
    f = QgsFeature(layer.fields())
    f.setGeometry(
        QgsGeometry.fromWkt(
            f"POLYGON(({X0 + 600} {Y0}, {X0 + 700} {Y0 + 100}, {X0 + 700} {Y0}, "
            f"{X0 + 600} {Y0 + 100}, {X0 + 600} {Y0}))"
        )
    )
    f["name"] = "bowtie"
    layer.dataProvider().addFeatures([f])
    return layer


def test_invalid_zones_stop_skip_or_repair(qgis_processing, terridata_provider):
    pts = POINTS + [(690, 30, 1.0, 1.0, "a", "bowtie"), (610, 30, 1.0, 1.0, "a", "bowtie")]
    with pytest.raises(QgsProcessingException, match="invalid geometries"):
        _run(
            {
                "INPUT": _points_layer(pts),
                "ZONES": _bowtie_zones(),
                "INVALID_GEOMETRIES": 3,
                "OUTPUT": "TEMPORARY_OUTPUT",
            }
        )
    skipped = _run(
        {"INPUT": _points_layer(pts), "ZONES": _bowtie_zones(), "INVALID_GEOMETRIES": 1, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert skipped["INVALID_ZONES"] == 1
    out = _by_name(skipped["OUTPUT"])
    assert _is_null(out["bowtie"]["count"])
    assert out["A"]["count"] == 3
    repaired = _run(
        {"INPUT": _points_layer(pts), "ZONES": _bowtie_zones(), "INVALID_GEOMETRIES": 2, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert _by_name(repaired["OUTPUT"])["bowtie"]["count"] == 2
    as_is = _run({"INPUT": _points_layer(pts), "ZONES": _bowtie_zones(), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert _by_name(as_is["OUTPUT"])["bowtie"]["count"] == 2  # even-odd rule on the self-intersecting ring


def test_bad_parameters_are_refused(qgis_processing, terridata_provider):
    points = _points_layer()
    with pytest.raises(QgsProcessingException, match="not numeric"):
        _run({"INPUT": points, "ZONES": _zones_layer(), "FIELDS": ["kind"], "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="Percentile"):
        _run({"INPUT": points, "ZONES": _zones_layer(), "PERCENTILES": "abc", "OUTPUT": "TEMPORARY_OUTPUT"})
    empty = QgsVectorLayer("Point?crs=EPSG:2154&field=value:double", "empty", "memory")
    with pytest.raises(QgsProcessingException, match="empty"):
        _run({"INPUT": empty, "ZONES": _zones_layer(), "OUTPUT": "TEMPORARY_OUTPUT"})


def test_counts_equal_native_count_points_in_polygon(qgis_processing, terridata_provider, shared_data, tmp_path):
    """Essonne's 196 real commune boundaries (2018) and 4,000 seeded random points."""
    import processing

    src = shared_data / "communes-2018" / "communes-91-essonne.geojson.gz"
    communes = QgsVectorLayer(f"/vsigzip/{src}", "communes", "ogr")
    assert communes.isValid()
    zones = processing.run(
        "native:reprojectlayer",
        {"INPUT": communes, "TARGET_CRS": "EPSG:2154", "OUTPUT": str(tmp_path / "communes.gpkg")},
    )["OUTPUT"]
    zlayer = QgsVectorLayer(zones, "z", "ogr")
    ext = zlayer.extent()
    rng = np.random.default_rng(91)
    n = 4000
    xs = rng.uniform(ext.xMinimum() - 2000, ext.xMaximum() + 2000, n)
    ys = rng.uniform(ext.yMinimum() - 2000, ext.yMaximum() + 2000, n)
    pts = QgsVectorLayer("Point?crs=EPSG:2154&field=value:double", "pts", "memory")
    feats = []
    for x, y, v in zip(xs, ys, rng.normal(50, 10, n)):
        f = QgsFeature(pts.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
        f.setAttributes([float(v)])
        feats.append(f)
    pts.dataProvider().addFeatures(feats)
    points = _write(pts, tmp_path / "points.gpkg", "points")
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    native = processing.run(
        "native:countpointsinpolygon",
        {"POLYGONS": zones, "POINTS": points, "FIELD": "NUMPOINTS", "OUTPUT": "TEMPORARY_OUTPUT"},
        context=context,
    )["OUTPUT"]
    ours = _run(
        {"INPUT": points, "ZONES": zones, "FIELDS": ["value"], "STATISTICS": ["mean"], "OUTPUT": "TEMPORARY_OUTPUT"},
        context=context,
    )["OUTPUT"]
    expected = {f["code"]: f["NUMPOINTS"] for f in native.getFeatures()}
    got = {f["code"]: f["count"] for f in _layer(ours).getFeatures()}
    assert len(expected) == zlayer.featureCount() >= 190
    assert sum(expected.values()) > 1000
    assert got == expected


@pytest.mark.parametrize("to_file", [False, True])
def test_cancel_stops_the_run(inputs, tmp_path, to_file):
    import processing

    zones, points = inputs
    out = tmp_path / "cancelled.gpkg"
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    try:
        result = processing.run(
            "terridata:aggregate_points_to_zones",
            {"INPUT": points, "ZONES": zones, "OUTPUT": str(out) if to_file else "TEMPORARY_OUTPUT"},
            feedback=feedback,
        )
    except QgsProcessingException as exc:
        assert "Cancel" in str(exc)
    else:
        assert "OUTPUT" not in result
    assert not out.exists() and not list(tmp_path.glob(".cancelled.*"))  # nothing half-written left behind


def _rows(layer, fields):
    return sorted(tuple(None if _is_null(f[n]) else f[n] for n in fields) for f in _layer(layer).getFeatures())


@pytest.mark.parametrize("driver", ["GPKG", "ESRI Shapefile"])
def test_gpkg_copy_output_equals_the_generic_output(qgis_processing, terridata_provider, tmp_path, driver):
    """The fast path (zones copied by GDAL + bulk column update) writes what the feature-sink path writes,
    whether the source keeps its feature ids (GeoPackage) or they are renumbered (Shapefile), with a subset
    filter on the zones and a zone field named like a statistic."""
    zones = _zones_layer()
    zones.dataProvider().addAttributes([QgsField("count", QVariant.Int)])
    zones.updateFields()
    zones.dataProvider().changeAttributeValues({f.id(): {1: 100 + f.id()} for f in zones.getFeatures()})
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = driver
    path = tmp_path / ("z.gpkg" if driver == "GPKG" else "z.shp")
    err = QgsVectorFileWriter.writeAsVectorFormatV2(zones, str(path), QgsProject.instance().transformContext(), options)
    assert err[0] == QgsVectorFileWriter.NoError, err
    on_disk = QgsVectorLayer(str(path), "z", "ogr")
    on_disk.setSubsetString("\"name\" <> 'D'")
    assert on_disk.featureCount() == len(ZONES) - 1
    QgsProject.instance().addMapLayer(on_disk)
    params = {"INPUT": _points_layer(), "FIELDS": ["value"], "STATISTICS": ["count", "mean", "max"], "CATEGORY": "kind"}
    out_path = tmp_path / "out.gpkg"
    try:
        fast = _run({**params, "ZONES": on_disk.id(), "OUTPUT": str(out_path)})["OUTPUT"]
        bulk = _run({**params, "ZONES": on_disk.id(), "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]  # read_table
        memory_zones = on_disk.materialize(QgsFeatureRequest())
        generic = _run({**params, "ZONES": memory_zones, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    finally:
        QgsProject.instance().removeMapLayer(on_disk.id())
    assert fast == str(out_path) and not isinstance(generic, str)  # the two paths were taken
    fast_layer = _layer(fast)
    names = [f.name() for f in _layer(generic).fields() if f.name() != "fid"]
    assert "count_2" in names and "kind_a" in names  # the statistic column was renamed beside the zone's field
    assert [f.name() for f in fast_layer.fields() if f.name() != "fid"] == names, (names, fast_layer.fields().names())
    assert _rows(fast, names) == _rows(generic, names) == _rows(bulk, names)
    by_name = {f["name"]: f for f in fast_layer.getFeatures()}
    assert by_name["B"]["count_2"] == 4 and by_name["A"]["count_2"] == 3 and "D" not in by_name
    assert all(f.geometry().isMultipart() for f in fast_layer.getFeatures())
    assert fast_layer.hasSpatialIndex() == QgsFeatureSource.SpatialIndexPresent


def _ogr_zone_file(path, geometry_type):
    """A GeoPackage zone layer written by OGR: polygons of ZONES (C's parts as two zones), an empty polygon and a
    zone without geometry, with integer, real and date fields."""
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("zones", srs, geometry_type, options=["FID=zone_id", "GEOMETRY_NAME=shape"])
    for name, kind in (("name", ogr.OFTString), ("n", ogr.OFTInteger), ("area", ogr.OFTReal), ("day", ogr.OFTDate)):
        lyr.CreateField(ogr.FieldDefn(name, kind))
    parts = {k: v for k, v in ZONES.items() if k != "C"}
    parts["C1"] = "POLYGON" + _wkt_polygon(_square(0, 200, 50, 250))
    parts["C2"] = "POLYGON" + _wkt_polygon(_square(150, 200, 200, 250))
    parts["empty"] = "POLYGON EMPTY"
    parts["none"] = None
    for i, (name, wkt) in enumerate(parts.items()):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetFID(10 + 3 * i)  # ids that are not 1..n
        f["name"] = name
        f["n"] = i
        f["area"] = i / 3
        f["day"] = f"2018-{1 + i % 12:02d}-01"
        if wkt is not None:
            geom = ogr.CreateGeometryFromWkt(wkt)
            f.SetGeometry(ogr.ForceToMultiPolygon(geom) if geometry_type == ogr.wkbMultiPolygon else geom)
        lyr.CreateFeature(f)
    ds = None
    return path


def _sqlite_rows(path, sql):
    import sqlite3

    con = sqlite3.connect(str(path))
    try:
        return list(con.execute(sql))
    finally:
        con.close()


@pytest.mark.parametrize("subset", ["", "\"name\" <> 'D'"])
@pytest.mark.parametrize("multi", [False, True])
def test_gpkg_zones_written_once_equal_gdal_copy(qgis_processing, terridata_provider, tmp_path, subset, multi):
    """A GeoPackage zone layer is written once by SQLite (rows copied with their statistics, polygons made
    multipolygons, the spatial index copied or built): the rows, geometry blobs, spatial index, feature count and
    extent are those of GDAL's own copy of the zones (ogr2ogr -nlt PROMOTE_TO_MULTI), plus the statistics."""
    from osgeo import gdal, ogr

    source = _ogr_zone_file(tmp_path / "z.gpkg", ogr.wkbMultiPolygon if multi else ogr.wkbPolygon)
    zones = QgsVectorLayer(f"{source}|layername=zones", "z", "ogr")
    assert zones.isValid()
    if subset:
        zones.setSubsetString(subset)
    QgsProject.instance().addMapLayer(zones)
    out = tmp_path / "out.gpkg"
    try:
        result = _run(
            {
                "INPUT": _points_layer(),
                "ZONES": zones.id(),
                "FIELDS": ["value"],
                "STATISTICS": ["sum", "max"],
                "OUTPUT": str(out),
            }
        )
    finally:
        QgsProject.instance().removeMapLayer(zones.id())
    assert result["OUTPUT"] == str(out)
    reference = tmp_path / "reference.gpkg"
    gdal.VectorTranslate(
        str(reference),
        str(source),
        options=gdal.VectorTranslateOptions(
            format="GPKG",
            layers=["zones"],
            layerName="out",
            geometryType="PROMOTE_TO_MULTI",
            where=subset or None,
            options=["-preserve_fid"],
        ),
    )
    columns = '"zone_id", "shape", "name", "n", "area", "day"'
    got = _sqlite_rows(out, f'SELECT {columns}, "count", "value_sum", "value_max" FROM "out" ORDER BY 1')
    expected = _sqlite_rows(reference, f'SELECT {columns} FROM "out" ORDER BY 1')
    assert [r[:6] for r in got] == expected  # same ids, blobs and values
    counts = {r[2]: (r[6], r[7], r[8]) for r in got}
    assert counts["A"] == (3, 4.0, 3.0) and counts["B"] == (4, 18.0, 7.0) and counts["E"] == (1, 10.0, 10.0)
    assert counts["C1"][0] == counts["C2"][0] == 1 and counts["empty"][0] == counts["none"][0] == 0
    assert counts["empty"][1:] == (0.0, None) and ("D" in counts) == (not subset)
    for sql in (
        'SELECT * FROM "rtree_out_shape" ORDER BY id',
        "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'out'",
        "SELECT geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns WHERE table_name = 'out'",
        "SELECT extension_name FROM gpkg_extensions WHERE table_name = 'out'",
        "SELECT name FROM sqlite_master WHERE tbl_name = 'out' AND type = 'trigger' ORDER BY name",
    ):
        assert _sqlite_rows(out, sql) == _sqlite_rows(reference, sql), sql
    extent = "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'out'"
    assert np.allclose(_sqlite_rows(out, extent)[0], _sqlite_rows(reference, extent)[0], rtol=0, atol=1e-6)
    layer = QgsVectorLayer(str(out), "out", "ogr")
    assert layer.hasSpatialIndex() == QgsFeatureSource.SpatialIndexPresent
    request = QgsFeatureRequest().setFilterRect(QgsGeometry.fromPointXY(QgsPointXY(X0 + 150, Y0 + 50)).boundingBox())
    assert sorted(f["name"] for f in layer.getFeatures(request)) == ["B"]
    # The triggers work again: a new feature gets into the spatial index and the feature count.
    layer.startEditing()
    f = QgsFeature(layer.fields())
    f.setGeometry(QgsGeometry.fromWkt("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))"))
    assert layer.addFeature(f) and layer.commitChanges()
    count = "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'out'"
    assert _sqlite_rows(out, count)[0][0] == _sqlite_rows(reference, count)[0][0] + 1
    assert _sqlite_rows(out, 'SELECT count(*) FROM "rtree_out_shape" WHERE minx < 2 AND maxy < 2') == [(1,)]


def test_gpkg_polygon_to_multi_matches_ogr():
    """The blob of a polygon made a multipolygon is OGR's (both byte orders), an empty one has no part (as GDAL's
    copy writes it, see test_gpkg_zones_written_once_equal_gdal_copy); other blobs stay."""
    import struct

    from osgeo import ogr

    from terridata.processing.ogr_arrays import gpkg_blob_with_srs, gpkg_polygon_to_multi

    def blob(wkb, empty=False):
        flags = 0b1 | (0b10000 if empty else 0)  # little-endian header, no envelope
        return b"GP" + bytes([0, flags]) + struct.pack("<i", 2154) + bytes(wkb)

    polygon = "POLYGON((0 0, 1 0, 1 1, 0 0), (0.2 0.1, 0.5 0.1, 0.5 0.4, 0.2 0.1))"
    empty_parts = ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkt("POLYGON EMPTY"))  # one empty part
    cases = [
        (ogr.CreateGeometryFromWkt(polygon), ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkt(polygon)), False),
        (ogr.CreateGeometryFromWkt("POLYGON EMPTY"), ogr.CreateGeometryFromWkt("MULTIPOLYGON EMPTY"), True),
        (empty_parts, ogr.CreateGeometryFromWkt("MULTIPOLYGON EMPTY"), True),
    ]
    for geom, multi, empty in cases:
        for order in (ogr.wkbNDR, ogr.wkbXDR):
            assert gpkg_polygon_to_multi(blob(geom.ExportToWkb(order), empty)) == blob(multi.ExportToWkb(order), empty)
    line = blob(ogr.CreateGeometryFromWkt("LINESTRING(0 0, 1 1)").ExportToWkb())
    assert gpkg_polygon_to_multi(line) == line
    assert gpkg_polygon_to_multi(None) is None
    # The header's spatial reference renumbered (little- and big-endian headers).
    assert gpkg_blob_with_srs(line, 100001) == line[:4] + struct.pack("<i", 100001) + line[8:]
    big = line[:3] + bytes([line[3] & ~1]) + struct.pack(">i", 2154) + line[8:]
    assert gpkg_blob_with_srs(big, 100001) == big[:4] + struct.pack(">i", 100001) + big[8:]
    assert gpkg_blob_with_srs(line, 2154) == line and gpkg_blob_with_srs(None, 2154) is None


@pytest.mark.parametrize("zones_have_count", [False, True], ids=["counts", "zones-own-count-field"])
def test_style_classes_equal_those_read_from_the_output(
    qgis_processing, terridata_provider, shared_data, tmp_path, zones_have_count
):
    """The style's classes come from the counts the algorithm holds: the same as classifying the written file.
    When the zones already have a ``count`` field (the statistic is then renamed), the style classifies the zones'
    own field, as read from the file."""
    import processing
    from terridata.maps.styling import graduated_renderer

    src = shared_data / "communes-2018" / "communes-91-essonne.geojson.gz"
    zones = processing.run(
        "native:reprojectlayer",
        {
            "INPUT": QgsVectorLayer(f"/vsigzip/{src}", "communes", "ogr"),
            "TARGET_CRS": "EPSG:2154",
            "OUTPUT": str(tmp_path / "communes.gpkg"),
        },
    )["OUTPUT"]
    if zones_have_count:
        from osgeo import ogr

        ds = ogr.Open(str(tmp_path / "communes.gpkg"), 1)
        table = ds.GetLayer(0).GetName()
        ds.ExecuteSQL(f'ALTER TABLE "{table}" ADD COLUMN "count" INTEGER')
        ds.ExecuteSQL(f'UPDATE "{table}" SET "count" = fid % 13')
        ds = None
    ext = QgsVectorLayer(zones, "z", "ogr").extent()
    rng = np.random.default_rng(7)
    pts = QgsVectorLayer("Point?crs=EPSG:2154", "pts", "memory")
    feats = []
    for x, y in zip(
        rng.uniform(ext.xMinimum(), ext.xMaximum(), 3000), rng.uniform(ext.yMinimum(), ext.yMaximum(), 3000)
    ):
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
        feats.append(f)
    pts.dataProvider().addFeatures(feats)
    out = tmp_path / "out.gpkg"
    _run({"INPUT": _write(pts, tmp_path / "p.gpkg", "points"), "ZONES": zones, "OUTPUT": str(out)})
    layer = QgsVectorLayer(str(out), "out", "ogr")  # opened again: the style saved as its default
    assert layer.isValid() and layer.renderer().type() == "graduatedSymbol"
    assert layer.renderer().classAttribute() == "count"
    expected = [(r.lowerValue(), r.upperValue(), r.label()) for r in graduated_renderer(layer, "count").ranges()]
    assert len(expected) >= 3
    assert [(r.lowerValue(), r.upperValue(), r.label()) for r in layer.renderer().ranges()] == expected


@pytest.mark.parametrize("other_type", [None, "bool", "date"])
def test_zones_read_in_bulk_are_written_as_qgis_reads_them(qgis_processing, terridata_provider, tmp_path, other_type):
    """Zones on the OGR fast path are read in one bulk OGR read (ids, attributes, WKB): the output's zone
    attributes and geometries are those QGIS's own iterator gives for the input (types kept: integers stay
    integers, NULLs stay NULL, accents decoded, the GeoPackage's FID column listed as a field). Zones with a
    boolean or a date field are not read that way (read through QGIS), with the same result."""
    from osgeo import ogr, osr

    from terridata.processing.ogr_arrays import VectorInput, fast_path_location, read_table

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    path = tmp_path / "typed.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("zones", srs, ogr.wkbPolygon, options=["FID=zone_id"])
    flag = ogr.FieldDefn("flag", ogr.OFTInteger)
    flag.SetSubType(ogr.OFSTBoolean)
    fields = [ogr.FieldDefn("name", ogr.OFTString), ogr.FieldDefn("n", ogr.OFTInteger)]
    fields += [ogr.FieldDefn("big", ogr.OFTInteger64), ogr.FieldDefn("ratio", ogr.OFTReal)]
    if other_type == "bool":
        fields.append(flag)
    if other_type == "date":
        fields.append(ogr.FieldDefn("day", ogr.OFTDate))
    for field in fields:
        lyr.CreateField(field)
    values = [
        ("Évry-Courcouronnes", 1, 2**40 + 1, 0.1, 1, "A"),
        (None, None, None, None, None, "B"),
        ("L'Haÿ-les-Roses", -7, -(2**33), -2.5, 0, "B"),
        ("D", 0, 0, 1e-300, None, "D"),
        ("empty", 3, 4, 5.0, 1, None),
    ]
    for i, (name, n, big, ratio, bit, zone) in enumerate(values):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetFID(100 + 7 * i)
        for key, value in (("name", name), ("n", n), ("big", big), ("ratio", ratio), ("flag", bit)):
            if key == "flag" and other_type != "bool":
                continue
            if value is None:
                f.SetFieldNull(key)
            else:
                f[key] = value
        if other_type == "date":
            f["day"] = f"2024-0{1 + i}-15"
        f.SetGeometry(ogr.CreateGeometryFromWkt(ZONES[zone] if zone else "POLYGON EMPTY"))
        lyr.CreateFeature(f)
    ds = None
    zones = QgsVectorLayer(f"{path}|layername=zones", "zones", "ogr")
    assert zones.isValid()
    table = read_table(VectorInput(zones.dataProvider(), "zones", fast_path_location(zones)), zones.fields())
    assert (table is None) == (other_type is not None)  # the bulk read is the path taken for plain types

    out = _run(
        {
            "INPUT": _points_layer(),
            "ZONES": zones,
            "FIELDS": ["value"],
            "STATISTICS": ["count", "mean"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
    )["OUTPUT"]
    names = zones.fields().names()
    assert out.fields().names()[: len(names)] == names
    expected = {f["zone_id"]: f for f in zones.getFeatures()}
    got = {f["zone_id"]: f for f in out.getFeatures()}
    assert sorted(got) == sorted(expected) == [100 + 7 * i for i in range(len(values))]
    for fid, feature in got.items():
        source = expected[fid]
        for name in names:
            a, b = feature[name], source[name]
            assert _is_null(a) == _is_null(b), (fid, name, a, b)
            if not _is_null(b):
                assert (type(a), a) == (type(b), b), (fid, name, a, b)
        want = QgsGeometry(source.geometry())
        want.convertToMultiType()
        assert feature.geometry().asWkb() == want.asWkb(), fid
    counts = {f["name"]: f["count"] for f in out.getFeatures()}
    assert counts["Évry-Courcouronnes"] == 3 and counts["L'Haÿ-les-Roses"] == 4 and counts["D"] == 0
