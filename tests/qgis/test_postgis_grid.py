"""The database (PostGIS) engine of ``aggregate_points_to_grid`` against its desktop engine and against cells
computed here with numpy, on a real PostgreSQL 15 + PostGIS 3 server (tests/qgis/postgis_server.py).

The points lie in Essonne (EPSG:3035), half of them exactly on cell edges and corners (coordinates multiples of
100 m), with NULL values, NULL weights, NULL and empty categories, NULL geometries and points outside the grid's
area of use; others are stored in Lambert-93 (well inside their cells: a transformation may move a point by a few
nanometres) or in longitude/latitude across metropolitan France, Martinique and La Réunion.
"""

from __future__ import annotations

import dataclasses
import math
import random
from types import SimpleNamespace

import numpy as np
import pytest
from postgis_server import RecordingFeedback, postgis_server  # noqa: F401 - the fixture
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingContext,
    QgsProject,
    QgsVectorLayer,
)

from terridata.core.aggregation.grid_sql import GridQuery, aggregation_script
from terridata.core.aggregation.pushdown_sql import TableRef
from terridata.processing.algorithms.aggregate_points_to_grid import AggregatePointsToGrid
from terridata.processing.postgis_engine.grid import grid_cells
from terridata.providers.postgis.connection import PostgisError, postgis_layer

E0, N0 = 4_252_400, 2_029_800  # lower-left corner of INSEE cell CRS3035RES200mN2029800E4252400 (Essonne)
STATS = ["count", "sum", "mean", "median", "min", "max", "std"]


def _essonne_rows(n: int, seed: int):
    """``(id, x, y, value, weight, category)`` in EPSG:3035; x None for a NULL geometry."""
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        if i % 2:  # on a 100 m lattice: every cell edge and corner of 200 m and 1 km cells
            x, y = E0 + 100 * rnd.randrange(-30, 30), N0 + 100 * rnd.randrange(-30, 30)
        else:
            x, y = E0 + rnd.uniform(-3000, 3000), N0 + rnd.uniform(-3000, 3000)
        if i % 29 == 0:
            x, y = 9.0e6, 1.0e6  # outside EPSG:3035's area of use: no cell
        if i % 23 == 0:
            x = y = None
        value = None if i % 11 == 0 else round(rnd.gauss(50, 20), 3)
        weight = None if i % 13 == 0 else (0.0 if i % 17 == 0 else rnd.choice([1, 2, 0.5, 3]))
        cat = None if i % 5 == 0 else ("" if i % 19 == 0 else rnd.choice("abc"))
        rows.append((i + 1, x, y, value, weight, cat))
    return rows


def _sql_value(v):
    if v is None:
        return "NULL"
    return "'" + v.replace("'", "''") + "'" if isinstance(v, str) else repr(v)


def _table_sql(table: str, rows, srid: int = 3035, source_srid: int = 3035) -> str:
    values = []
    for i, x, y, value, weight, cat in rows:
        geom = "NULL"
        if x is not None:
            geom = f"'SRID={source_srid};POINT({x!r} {y!r})'::geometry"
            if source_srid != srid:
                geom = f"ST_Transform({geom}, {srid})"
        values.append(f"({i}, {geom}, {_sql_value(value)}, {_sql_value(weight)}, {_sql_value(cat)})")
    return (
        f"CREATE TABLE {table} (id integer PRIMARY KEY, geom geometry(Point, {srid}), val float8, w float8, cat text);"
        f"INSERT INTO {table} VALUES " + ",".join(values) + f"; CREATE INDEX ON {table} USING GIST (geom);"
        f"ANALYZE {table};"
    )


ESSONNE = _essonne_rows(3000, 1)


@pytest.fixture(scope="module")
def database(postgis_server):  # noqa: F811
    db = postgis_server.create_database("grid")
    postgis_server.psql(db, _table_sql("points", ESSONNE))
    return postgis_server, db


def _layer(server, db, table, name=None, srid=3035):
    layer = QgsVectorLayer(server.layer_uri(db, table, srid=srid, kind="Point"), name or table, "postgres")
    assert layer.isValid(), table
    QgsProject.instance().addMapLayer(layer)
    return layer


_Feedback = RecordingFeedback


def _run(params, engine):
    alg = AggregatePointsToGrid().create()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = _Feedback()
    params = dict(params, ENGINE=engine, OUTPUT="memory:")
    ok, message = alg.checkParameterValues(params, context)
    assert ok, message
    results, ok = alg.run(params, context, feedback)
    assert ok, feedback.log
    return results, context.takeResultLayer(results["OUTPUT"]), feedback.log


def _rows(layer):
    names = layer.fields().names()
    out = {}
    for f in layer.getFeatures():
        out[f["id_cell"]] = {
            n: (None if f[n] is None or (hasattr(f[n], "isNull") and f[n].isNull()) else f[n]) for n in names
        }
        out[f["id_cell"]]["wkt"] = f.geometry().asWkt(6)
    return out


def _assert_same(desktop, database):
    assert desktop.fields().names() == database.fields().names()
    assert [f.type() for f in desktop.fields()] == [f.type() for f in database.fields()]
    assert desktop.crs() == database.crs()
    a, b = _rows(desktop), _rows(database)
    assert a.keys() == b.keys()
    for cell in a:
        for name, va in a[cell].items():
            vb = b[cell][name]
            if isinstance(va, float) and isinstance(vb, float):
                assert math.isclose(va, vb, rel_tol=1e-9, abs_tol=1e-9), (cell, name, va, vb)
            else:
                assert va == vb, (cell, name, va, vb)
    assert [f["id_cell"] for f in desktop.getFeatures()] == [f["id_cell"] for f in database.getFeatures()]


def _same_results(res_desk, res_db):
    for key in ("CELLS", "POINTS", "POINTS_WITHOUT_GEOMETRY", "POINTS_OUTSIDE_GRID"):
        assert res_db[key] == res_desk[key], key


@pytest.mark.parametrize("size", [200, 1000])
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_database_engine_equals_desktop_and_numpy(qgis_processing, database, size, weighted):
    server, db = database
    points = _layer(server, db, "points")
    params = {
        "INPUT": points.id(),
        "CELL_SIZE": size,
        "FIELDS": ["val"],
        "STATISTICS": STATS,
        "PERCENTILES": "10,90",
        "CATEGORY": "cat",
        "WEIGHT": "w" if weighted else "",
    }
    res_db, out_db, log = _run(params, 2)
    res_desk, out_desk, log_desk = _run(params, 1)
    assert any("Database engine" in m for m in log), log
    assert not any("Database engine" in m for m in log_desk)
    _same_results(res_desk, res_db)
    _assert_same(out_desk, out_db)
    # Independently: numpy floor on the coordinates.
    xy = np.array([(x, y) for _, x, y, *_ in ESSONNE if x is not None and x < 8e6], dtype=float)
    east = (np.floor(xy[:, 0] / size) * size).astype(np.int64)
    north = (np.floor(xy[:, 1] / size) * size).astype(np.int64)
    expected = {}
    for e, n in zip(east.tolist(), north.tolist()):
        key = f"CRS3035RES{size}mN{n}E{e}"
        expected[key] = expected.get(key, 0) + 1
    got = {f["id_cell"]: f["count"] for f in out_db.getFeatures()}
    assert got == expected
    on_edges = sum(1 for _, x, y, *_ in ESSONNE if x is not None and x < 8e6 and (x % size == 0 or y % size == 0))
    assert on_edges > 100  # the case that matters is really there
    assert res_db["POINTS_WITHOUT_GEOMETRY"] == sum(1 for r in ESSONNE if r[1] is None)
    assert res_db["POINTS_OUTSIDE_GRID"] == sum(1 for r in ESSONNE if r[1] is not None and r[1] > 8e6) > 0
    assert any(f["cat_null"] for f in out_db.getFeatures())


def test_automatic_engine_goes_to_the_database(qgis_processing, database):
    server, db = database
    points = _layer(server, db, "points")
    res_auto, out_auto, log = _run({"INPUT": points.id(), "FIELDS": ["val"]}, 0)
    assert any("Database engine" in m for m in log), log
    res_desk, out_desk, _ = _run({"INPUT": points.id(), "FIELDS": ["val"]}, 1)
    _same_results(res_desk, res_auto)
    _assert_same(out_desk, out_auto)


def test_points_in_another_srid_are_transformed_in_sql(qgis_processing, database):
    server, db = database
    rnd = random.Random(4)
    rows = []
    for i in range(600):  # well inside 200 m cells (and so inside 1 km cells)
        x = E0 + 200 * rnd.randrange(-20, 20) + rnd.uniform(20, 180)
        y = N0 + 200 * rnd.randrange(-20, 20) + rnd.uniform(20, 180)
        rows.append((i + 1, x, y, rnd.uniform(0, 100), 1.0, "a"))
    server.psql(db, _table_sql("points_l93", rows, srid=2154, source_srid=3035))
    points = _layer(server, db, "points_l93", srid=2154)
    assert points.crs().authid() == "EPSG:2154"
    params = {"INPUT": points.id(), "CELL_SIZE": 200, "FIELDS": ["val"], "STATISTICS": ["count", "sum", "max"]}
    res_db, out_db, _ = _run(params, 2)
    res_desk, out_desk, _ = _run(params, 1)
    _same_results(res_desk, res_db)
    _assert_same(out_desk, out_db)
    expected = {f"CRS3035RES200mN{int(y // 200 * 200)}E{int(x // 200 * 200)}" for _, x, y, *_ in rows}
    assert {f["id_cell"] for f in out_db.getFeatures()} == expected


def test_overseas_points_go_to_their_grids(qgis_processing, database):
    server, db = database
    rnd = random.Random(7)
    rows = []
    places = [(2.2, 48.6, 0.3), (55.5, -21.1, 0.2), (-61.0, 14.65, 0.15)]  # Essonne, La Réunion, Martinique
    for i in range(900):
        lon, lat, spread = places[i % 3]
        rows.append((i + 1, lon + rnd.uniform(-spread, spread), lat + rnd.uniform(-spread, spread), float(i), 1.0, "a"))
    rows.append((901, 166.4, -22.2, 1.0, 1.0, "a"))  # New Caledonia: no grid
    server.psql(db, _table_sql("points_wgs84", rows, srid=4326, source_srid=4326))
    points = _layer(server, db, "points_wgs84", srid=4326)
    params = {"INPUT": points.id(), "CELL_SIZE": 1000, "FIELDS": ["val"], "STATISTICS": ["count", "mean"]}
    res_db, out_db, log = _run(params, 2)
    res_desk, out_desk, _ = _run(params, 1)
    _same_results(res_desk, res_db)
    _assert_same(out_desk, out_db)
    grids = {f["grid_crs"] for f in out_db.getFeatures()}
    assert grids == {"EPSG:3035", "EPSG:2975", "EPSG:5490"}
    assert out_db.crs().authid() == "EPSG:4326"
    assert res_db["POINTS_OUTSIDE_GRID"] == 1
    assert any("La Réunion" in m for m in log) and any("Martinique" in m for m in log), log


def test_overseas_table_in_its_own_crs_keeps_points_on_edges(qgis_processing, database):
    server, db = database
    rnd = random.Random(8)
    e0, n0 = 340_000, 7_660_000  # La Réunion, RGR92 / UTM 40S (EPSG:2975)
    rows = [
        (i + 1, e0 + 200 * rnd.randrange(0, 50), n0 + 200 * rnd.randrange(0, 50), float(i % 7), 1.0, "b")
        for i in range(500)
    ]
    server.psql(
        db,
        "CREATE TABLE points_reunion (id integer PRIMARY KEY, geom geometry(Point, 2975), val float8, w float8, "
        "cat text); INSERT INTO points_reunion VALUES "
        + ",".join(f"({i}, 'SRID=2975;POINT({x} {y})', {v}, {w}, '{c}')" for i, x, y, v, w, c in rows)
        + ";",
    )
    points = _layer(server, db, "points_reunion", srid=2975)
    params = {"INPUT": points.id(), "CELL_SIZE": 200, "FIELDS": ["val"], "STATISTICS": ["sum", "median"]}
    res_db, out_db, _ = _run(params, 2)
    res_desk, out_desk, _ = _run(params, 1)
    _same_results(res_desk, res_db)
    _assert_same(out_desk, out_db)
    expected = {}
    for _, x, y, *_ in rows:
        key = f"CRS2975RES200mN{y}E{x}"
        expected[key] = expected.get(key, 0) + 1
    assert {f["id_cell"]: f["count"] for f in out_db.getFeatures()} == expected


def test_layer_filter_is_applied_by_the_database(qgis_processing, database):
    server, db = database
    points = _layer(server, db, "points", name="points_filtered")
    points.setSubsetString('"val" > 50 OR "cat" = \'a\'')
    params = {"INPUT": points.id(), "FIELDS": ["val"], "STATISTICS": ["count", "sum"]}
    res_db, out_db, _ = _run(params, 2)
    res_desk, out_desk, _ = _run(params, 1)
    _same_results(res_desk, res_db)
    _assert_same(out_desk, out_db)
    assert res_db["POINTS"] < 2500


def test_forced_database_engine_on_a_file_layer_is_refused(qgis_processing, tmp_path):
    layer = QgsVectorLayer("Point?crs=EPSG:3035&field=val:double", "memory_points", "memory")
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY

    f = QgsFeature(layer.fields())
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(E0 + 5, N0 + 5)))
    f.setAttributes([1.0])
    layer.dataProvider().addFeatures([f])
    alg = AggregatePointsToGrid().create()
    context = QgsProcessingContext()
    feedback = _Feedback()
    out = tmp_path / "cells.gpkg"
    results, ok = alg.run({"INPUT": layer, "ENGINE": 2, "OUTPUT": str(out)}, context, feedback)
    assert not ok and not results
    assert any("database engine cannot run" in m and "not a PostgreSQL layer" in m for m in feedback.log), feedback.log
    assert not out.exists()
    results, ok = alg.run({"INPUT": layer, "ENGINE": 0, "OUTPUT": "memory:"}, context, _Feedback())
    assert ok and results["CELLS"] == 1


def test_selection_forces_the_desktop_engine(qgis_processing, database):
    from qgis.core import QgsProcessingFeatureSourceDefinition

    server, db = database
    points = _layer(server, db, "points", name="points_selected")
    points.selectByIds([1, 2, 3, 4])
    source = QgsProcessingFeatureSourceDefinition(points.id(), True)
    alg = AggregatePointsToGrid().create()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = _Feedback()
    results, ok = alg.run({"INPUT": source, "ENGINE": 0, "OUTPUT": "memory:"}, context, feedback)
    assert ok and results["POINTS"] <= 4
    assert not any("Database engine" in m for m in feedback.log), feedback.log
    feedback = _Feedback()
    results, ok = alg.run({"INPUT": source, "ENGINE": 2, "OUTPUT": "memory:"}, context, feedback)
    assert not ok and not results
    assert any("database engine cannot run" in m for m in feedback.log), feedback.log


def test_wrong_password_or_refused_connection_names_the_connection(qgis_app, database):
    server, db = database
    pg, _ = postgis_layer(_layer(server, db, "points"))
    request = SimpleNamespace(fields=["val"], statistics=["sum"], weight="", category="")
    crs = QgsProject.instance().crs()
    secret = "Not-The-Password-42"
    bad = type(pg)(pg.table, pg.database, pg.label, server.uri(db, password=secret), secret)
    with pytest.raises(PostgisError) as error:
        grid_cells(bad, request, 200, crs, QgsProject.instance().transformContext(), None)
    text = str(error.value)
    assert secret not in text and server.password not in text
    assert f"127.0.0.1:{server.port}/{db}" in text
    refused = type(pg)(
        pg.table, pg.database, "closed", f"dbname='{db}' host=127.0.0.1 port=1 user='x' password='{secret}'", secret
    )
    with pytest.raises(PostgisError, match="Could not connect") as error:
        grid_cells(refused, request, 200, crs, QgsProject.instance().transformContext(), None)
    assert secret not in str(error.value) and "closed" in str(error.value)


def test_user_text_is_quoted_in_the_sql(qgis_app, database):
    server, db = database
    server.psql(
        db,
        'CREATE TABLE "odd ""name"" pts" (id integer PRIMARY KEY, geom geometry(Point, 3035), '
        '"va\'l; DROP TABLE points;--" float8);'
        f'INSERT INTO "odd ""name"" pts" VALUES (1, \'SRID=3035;POINT({E0 + 1} {N0 + 1})\', 2.5);',
    )
    base, _ = postgis_layer(_layer(server, db, "points"))
    pg = dataclasses.replace(base, table=TableRef("public", 'odd "name" pts', "geom", 3035, "id"))
    request = SimpleNamespace(fields=["va'l; DROP TABLE points;--"], statistics=["sum"], weight="", category="")
    result = grid_cells(
        pg, request, 200, QgsCoordinateReferenceSystem("EPSG:3035"), QgsProject.instance().transformContext(), None
    )
    assert list(result.ids) == [f"CRS3035RES200mN{N0}E{E0}"]
    assert result.columns[1][2].tolist() == [2.5]
    assert server.psql(db, "SELECT to_regclass('points') IS NOT NULL").strip() == "t"
    assert '"va\'l; DROP TABLE points;--"' in aggregation_script(GridQuery(pg.table, 200, request.fields, ["sum"]))


def test_processing_run_to_a_geopackage(qgis_processing, terridata_provider, database, tmp_path):
    import processing

    server, db = database
    points = _layer(server, db, "points", name="points_run")
    out = tmp_path / "cells.gpkg"
    params = {"INPUT": points.id(), "CELL_SIZE": 1000, "FIELDS": ["val"], "STATISTICS": ["mean"], "ENGINE": 2}
    result = processing.run("terridata:aggregate_points_to_grid", dict(params, OUTPUT=str(out)))
    desktop = processing.run("terridata:aggregate_points_to_grid", dict(params, ENGINE=1, OUTPUT="TEMPORARY_OUTPUT"))
    layer = QgsVectorLayer(result["OUTPUT"], "cells", "ogr")
    assert layer.isValid() and layer.crs().authid() == "EPSG:3035"
    assert result["CELLS"] == desktop["CELLS"] == layer.featureCount()
    want = {f["id_cell"]: (f["count"], f["val_mean"]) for f in desktop["OUTPUT"].getFeatures()}
    got = {f["id_cell"]: (f["count"], f["val_mean"]) for f in layer.getFeatures()}
    assert got.keys() == want.keys()
    for cell, (count, mean) in want.items():
        assert got[cell][0] == count
        assert (mean is None and got[cell][1] is None) or math.isclose(got[cell][1], mean, rel_tol=1e-9)


def test_cancel_during_the_database_run_stops_it_on_the_server(qgis_processing, database):
    import threading

    server, db = database
    server.psql(db, "CREATE TABLE IF NOT EXISTS slow_points AS SELECT * FROM points WHERE id <= 1500;")
    points = _layer(server, db, "slow_points")
    # Every row read costs 4 ms on the server: the run is still in the database when the cancel arrives.
    points.setSubsetString('(SELECT true FROM pg_sleep(0.004 * ("id" > 0)::int))')
    alg = AggregatePointsToGrid().create()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())

    class CancelWhenInDatabase(_Feedback):
        def pushInfo(self, info):  # noqa: N802
            super().pushInfo(info)
            if "Database engine" in info:
                threading.Timer(1.0, self.cancel).start()

    feedback = CancelWhenInDatabase()
    results, ok = alg.run({"INPUT": points.id(), "ENGINE": 2, "OUTPUT": "memory:"}, context, feedback)
    assert not ok and not results
    assert any("Cancelled" in m for m in feedback.log), feedback.log
    still = server.psql(
        db, "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(0.004%' "
        "AND pid <> pg_backend_pid();",
    )  # fmt: skip
    assert still.strip() == "0"


def test_multipoints_count_each_part_as_on_the_desktop(qgis_processing, database):
    server, db = database
    server.psql(
        db,
        "CREATE TABLE multi_points (id integer PRIMARY KEY, geom geometry(MultiPoint, 3035), val float8);"
        "INSERT INTO multi_points VALUES "
        f"(1, 'SRID=3035;MULTIPOINT(({E0} {N0}), ({E0 + 200} {N0}), ({E0 + 10} {N0 + 10}))', 1),"
        f"(2, 'SRID=3035;MULTIPOINT(({E0 + 399.5} {N0 + 0.5}))', NULL),"
        "(3, 'SRID=3035;MULTIPOINT EMPTY', 3), (4, NULL, 4),"
        f"(5, 'SRID=3035;MULTIPOINT(({E0 - 0.001} {N0}), (9000000 1000000))', 5);",
    )
    layer = QgsVectorLayer(server.layer_uri(db, "multi_points", srid=3035, kind="MultiPoint"), "multi", "postgres")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    params = {"INPUT": layer.id(), "FIELDS": ["val"], "STATISTICS": ["count", "sum", "mean"]}
    res_db, out_db, _ = _run(params, 2)
    res_desk, out_desk, _ = _run(params, 1)
    _same_results(res_desk, res_db)
    _assert_same(out_desk, out_db)
    counts = {f["id_cell"]: f["count"] for f in out_db.getFeatures()}
    assert counts == {
        f"CRS3035RES200mN{N0}E{E0}": 2,
        f"CRS3035RES200mN{N0}E{E0 + 200}": 2,
        f"CRS3035RES200mN{N0}E{E0 - 200}": 1,
    }
    assert res_db["POINTS_WITHOUT_GEOMETRY"] == 2 and res_db["POINTS_OUTSIDE_GRID"] == 1


def test_negative_weights_and_real_categories(qgis_processing, database):
    server, db = database
    server.psql(
        db,
        "CREATE TABLE odd_values (id integer PRIMARY KEY, geom geometry(Point, 3035), val float8, w float8, "
        "cat float8); INSERT INTO odd_values VALUES "
        f"(1, 'SRID=3035;POINT({E0 + 1} {N0 + 1})', 1, 2, 1.5), (2, 'SRID=3035;POINT({E0 + 2} {N0 + 2})', 2, -1, 2);",
    )
    layer = _layer(server, db, "odd_values")
    for engine in (1, 2):
        alg = AggregatePointsToGrid().create()
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        feedback = _Feedback()
        params = {"INPUT": layer.id(), "FIELDS": ["val"], "WEIGHT": "w", "ENGINE": engine, "OUTPUT": "memory:"}
        results, ok = alg.run(params, context, feedback)
        assert not ok and not results
        assert any("weight field w has negative values" in m for m in feedback.log), (engine, feedback.log)
    # A category of real numbers: the desktop engine (its labels are Python's), said in the log; refused if forced.
    params = {"INPUT": layer.id(), "CATEGORY": "cat"}
    _res, out, log = _run(params, 0)
    assert any("Desktop engine" in m and "neither text nor integer" in m for m in log), log
    assert out.fields().lookupField("cat_1.5") >= 0 or out.fields().lookupField("cat_1_5") >= 0
    alg = AggregatePointsToGrid().create()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = _Feedback()
    results, ok = alg.run(dict(params, ENGINE=2, OUTPUT="memory:"), context, feedback)
    assert not ok
    assert any("database engine cannot run" in m for m in feedback.log), feedback.log
