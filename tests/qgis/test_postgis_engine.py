"""The database (PostGIS) engine of ``aggregate_points_to_zones`` against its desktop engine, on a real PostgreSQL
15 + PostGIS 3 server (tests/qgis/postgis_server.py).

Both engines read the same PostGIS layers; the desktop engine is the reference (it is itself tested against a
brute-force point-in-polygon in test_aggregation_zones.py and tests/unit). The data puts many points exactly on
shared edges, vertices, a hole's ring and a sloped shared edge, with NULL values, NULL and empty categories, a
multipolygon, an invalid (bow-tie) zone and a zone without geometry.
"""

from __future__ import annotations

import math
import random
import threading

import pytest
from postgis_server import RecordingFeedback, postgis_server  # noqa: F401 - the fixture
from qgis.core import (
    QgsFeedback,
    QgsProcessingContext,
    QgsProject,
    QgsVectorLayer,
)

from terridata.core.aggregation.pushdown_sql import TableRef, ZonesQuery, pairs_sql, zones_sql
from terridata.processing.algorithms.aggregate_points_to_zones import AggregatePointsToZones
from terridata.providers.postgis.connection import PostgisError, execute, postgis_layer

ZONES_SQL = """
CREATE TABLE zones (id integer PRIMARY KEY, name text, geom geometry(Geometry, 2154));
INSERT INTO zones VALUES
 (1, 'sw', 'SRID=2154;POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'),
 (2, 'se', 'SRID=2154;POLYGON((10 0, 20 0, 20 10, 10 10, 10 0))'),
 (3, 'nw', 'SRID=2154;POLYGON((0 10, 10 10, 10 20, 0 20, 0 10))'),
 (4, 'holed', 'SRID=2154;POLYGON((20 0, 40 0, 40 20, 20 20, 20 0), (25 5, 35 5, 35 15, 25 15, 25 5))'),
 (5, 'island', 'SRID=2154;POLYGON((25 5, 35 5, 35 15, 25 15, 25 5))'),
 (6, 'multi', 'SRID=2154;MULTIPOLYGON(((50 0, 55 0, 55 5, 50 5, 50 0)), ((60 0, 65 0, 65 5, 60 5, 60 0)))'),
 (7, 'bowtie', 'SRID=2154;POLYGON((70 0, 80 10, 80 0, 70 10, 70 0))'),
 (8, 'nogeom', NULL),
 (9, 'slope_w', 'SRID=2154;POLYGON((90 0, 93 0, 96.1 7.3, 90 7.3, 90 0))'),
 (10, 'slope_e', 'SRID=2154;POLYGON((93 0, 100 0, 100 7.3, 96.1 7.3, 93 0))');
CREATE INDEX zones_geom ON zones USING GIST (geom);
"""


def _points_sql(table: str, n: int, seed: int, srid: int = 2154, index: bool = True) -> str:
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        # Half on a 0.5 grid (many on edges and vertices), half anywhere.
        if i % 2:
            x, y = rnd.randrange(-4, 210) / 2, rnd.randrange(-4, 44) / 2
        else:
            x, y = rnd.uniform(-2, 105), rnd.uniform(-2, 22)
        if i % 7 == 0:  # on the sloped shared edge (93, 0)-(96.1, 7.3)
            t = rnd.randrange(0, 11) / 10
            x, y = 93 + 3.1 * t, 7.3 * t
        value = "NULL" if i % 11 == 0 else repr(round(rnd.gauss(50, 20), 3))
        weight = "NULL" if i % 13 == 0 else ("0" if i % 17 == 0 else repr(rnd.choice([1, 2, 0.5, 3])))
        cat = "NULL" if i % 5 == 0 else ("''" if i % 19 == 0 else "'" + rnd.choice("abc") + "'")
        geom = f"'SRID=2154;POINT({x!r} {y!r})'::geometry" if i % 23 else "NULL"
        if srid != 2154 and geom != "NULL":
            geom = f"ST_Transform({geom}, {srid})"
        rows.append(f"({i + 1}, {geom}, {value}, {weight}, {cat})")
    sql = (
        f"CREATE TABLE {table} (id integer PRIMARY KEY, geom geometry(Point, {srid}), val float8, w float8, "
        f"cat text);\nINSERT INTO {table} VALUES\n" + ",\n".join(rows) + ";\n"
    )
    if index:
        sql += f"CREATE INDEX ON {table} USING GIST (geom);\n"
    return sql + f"ANALYZE {table};\n"


@pytest.fixture(scope="module")
def database(postgis_server):  # noqa: F811
    db = postgis_server.create_database("engine")
    postgis_server.psql(
        db, ZONES_SQL + _points_sql("points", 3000, 1) + _points_sql("points_noindex", 500, 2, index=False)
    )
    postgis_server.psql(db, "ANALYZE zones;")
    return postgis_server, db


def _layer(server, db, table, kind, name=None, srid=2154):
    layer = QgsVectorLayer(server.layer_uri(db, table, srid=srid, kind=kind), name or table, "postgres")
    assert layer.isValid(), table
    QgsProject.instance().addMapLayer(layer)
    return layer


def _run(params, engine, log=None):
    alg = AggregatePointsToZones().create()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = _Feedback(log)
    params = dict(params, ENGINE=engine, OUTPUT="memory:")
    ok, message = alg.checkParameterValues(params, context)
    assert ok, message
    results = alg.run(params, context, feedback)[0]
    layer = context.takeResultLayer(results["OUTPUT"]) if results else None
    return results, layer, feedback


_Feedback = RecordingFeedback


def _rows(layer):
    names = layer.fields().names()
    out = {}
    for f in layer.getFeatures():
        out[f["id"]] = {
            n: (None if f[n] is None or (hasattr(f[n], "isNull") and f[n].isNull()) else f[n]) for n in names
        }
    return out


def _assert_same(desktop, database):
    assert desktop.fields().names() == database.fields().names()
    a, b = _rows(desktop), _rows(database)
    assert a.keys() == b.keys()
    for zone in a:
        for name, va in a[zone].items():
            vb = b[zone][name]
            if isinstance(va, float) and isinstance(vb, float):
                assert math.isclose(va, vb, rel_tol=1e-9, abs_tol=1e-9), (zone, name, va, vb)
            else:
                assert va == vb, (zone, name, va, vb)
    geoms_a = {f["id"]: f.geometry().asWkt(6) for f in desktop.getFeatures()}
    geoms_b = {f["id"]: f.geometry().asWkt(6) for f in database.getFeatures()}
    assert geoms_a == geoms_b


STATS = ["count", "sum", "mean", "median", "min", "max", "std"]


@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_database_engine_equals_desktop(qgis_processing, database, weighted):
    server, db = database
    zones = _layer(server, db, "zones", "Polygon")
    points = _layer(server, db, "points", "Point")
    params = {
        "INPUT": points.id(),
        "ZONES": zones.id(),
        "FIELDS": ["val"],
        "STATISTICS": STATS,
        "PERCENTILES": "10,90",
        "CATEGORY": "cat",
        "WEIGHT": "w" if weighted else "",
    }
    log = []
    res_db, out_db, _ = _run(params, 2, log)
    res_desk, out_desk, _ = _run(params, 1)
    assert any("Database engine" in m for m in log), log
    for key in ("POINTS_IN_ZONES", "POINTS_OUTSIDE", "POINTS_WITHOUT_GEOMETRY", "INVALID_ZONES"):
        assert res_db[key] == res_desk[key], key
    _assert_same(out_desk, out_db)
    counts = {f["id"]: f["count"] for f in out_db.getFeatures()}
    assert counts[1] > 0 and counts[9] > 0 and counts[10] > 0  # no geometry; sloped edge
    assert res_db["POINTS_WITHOUT_GEOMETRY"] > 0


@pytest.mark.parametrize("mode", [0, 1, 2])
def test_invalid_zone_modes_equal_desktop(qgis_processing, database, mode):
    server, db = database
    zones = _layer(server, db, "zones", "Polygon")
    points = _layer(server, db, "points", "Point")
    params = {"INPUT": points.id(), "ZONES": zones.id(), "FIELDS": ["val"], "INVALID_GEOMETRIES": mode}
    res_db, out_db, _ = _run(params, 2)
    res_desk, out_desk, _ = _run(params, 1)
    assert res_db["INVALID_ZONES"] == res_desk["INVALID_ZONES"] == (0 if mode == 0 else 1)
    _assert_same(out_desk, out_db)


def test_invalid_zones_stop_in_both_engines(qgis_processing, database):
    server, db = database
    zones = _layer(server, db, "zones", "Polygon")
    points = _layer(server, db, "points", "Point")
    params = {"INPUT": points.id(), "ZONES": zones.id(), "INVALID_GEOMETRIES": 3}
    for engine in (1, 2):
        alg = AggregatePointsToZones().create()
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        feedback = _Feedback()
        _results, ok = alg.run(dict(params, ENGINE=engine, OUTPUT="memory:"), context, feedback)
        assert not ok
        assert any("invalid geometries" in m for m in feedback.log), feedback.log


def test_table_without_spatial_index_is_warned_and_correct(qgis_processing, database):
    server, db = database
    zones = _layer(server, db, "zones", "Polygon")
    points = _layer(server, db, "points_noindex", "Point")
    params = {"INPUT": points.id(), "ZONES": zones.id(), "FIELDS": ["val"]}
    log = []
    res_db, out_db, _ = _run(params, 0, log)
    res_desk, out_desk, _ = _run(params, 1)
    assert any("no spatial index" in m and "points_noindex" in m for m in log), log
    assert any("Database engine" in m for m in log), log
    assert res_db["POINTS_IN_ZONES"] == res_desk["POINTS_IN_ZONES"]
    _assert_same(out_desk, out_db)


def test_points_in_another_srid_are_transformed_in_sql(qgis_processing, database):
    server, db = database
    # Points away from the edges (a transformation round trip moves a point on an edge by a few nanometres).
    rnd = random.Random(5)
    rows = []
    for i in range(400):
        x, y = rnd.uniform(0.2, 9.8) + 10 * rnd.randrange(0, 4), rnd.uniform(0.2, 9.8) + 10 * rnd.randrange(0, 2)
        rows.append(f"({i + 1}, ST_Transform('SRID=2154;POINT({x + 650000} {y + 6860000})'::geometry, 4326), {i})")
    server.psql(
        db,
        "CREATE TABLE zones_l93 AS SELECT id, name, ST_Translate(geom, 650000, 6860000) AS geom FROM zones;"
        "ALTER TABLE zones_l93 ADD PRIMARY KEY (id); CREATE INDEX ON zones_l93 USING GIST (geom);"
        "CREATE TABLE points_wgs84 (id integer PRIMARY KEY, geom geometry(Point, 4326), val float8);"
        "INSERT INTO points_wgs84 VALUES " + ",".join(rows) + "; CREATE INDEX ON points_wgs84 USING GIST (geom);",
    )
    zones = _layer(server, db, "zones_l93", "Polygon")
    points = _layer(server, db, "points_wgs84", "Point", srid=4326)
    params = {"INPUT": points.id(), "ZONES": zones.id(), "FIELDS": ["val"], "STATISTICS": ["count", "sum"]}
    res_db, out_db, _ = _run(params, 2)
    res_desk, out_desk, _ = _run(params, 1)
    assert res_db["POINTS_IN_ZONES"] == res_desk["POINTS_IN_ZONES"] > 300
    _assert_same(out_desk, out_db)


def test_inputs_in_two_databases_use_the_desktop_engine(qgis_processing, database):
    server, db = database
    other = server.create_database("engine_other")
    server.psql(other, _points_sql("points", 200, 3))
    zones = _layer(server, db, "zones", "Polygon")
    points = _layer(server, other, "points", "Point", name="points_other")
    params = {"INPUT": points.id(), "ZONES": zones.id()}
    log = []
    res, out, _ = _run(params, 0, log)
    assert any("Desktop engine" in m and "two different databases" in m for m in log), log
    assert res["POINTS_IN_ZONES"] > 0
    alg = AggregatePointsToZones().create()
    feedback = _Feedback()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    _results, ok = alg.run(dict(params, ENGINE=2, OUTPUT="memory:"), context, feedback)
    assert not ok
    assert any("database engine cannot run" in m and "two different databases" in m for m in feedback.log), feedback.log


def test_the_join_uses_the_gist_index(qgis_processing, database):
    server, db = database
    server.psql(
        db,
        "CREATE TABLE many AS SELECT g AS id, ST_SetSRID(ST_MakePoint(random() * 100, random() * 20), 2154)::"
        "geometry(Point, 2154) AS geom, random() AS val, NULL::float8 AS w, NULL::text AS cat "
        "FROM generate_series(1, 50000) AS g; ALTER TABLE many ADD PRIMARY KEY (id);"
        "CREATE INDEX many_geom ON many USING GIST (geom); ANALYZE many;",
    )
    zones, _ = postgis_layer(_layer(server, db, "zones", "Polygon"))
    points, _ = postgis_layer(_layer(server, db, "many", "Point"))
    query = ZonesQuery(zones=zones.table, points=points.table, fields=["val"], statistics=["sum"])
    plan = server.psql(db, f"BEGIN; EXPLAIN {pairs_sql(query, True)}; ROLLBACK;")
    assert "Index Scan using many_geom" in plan or "Bitmap Index Scan on many_geom" in plan, plan
    # Without an index on the points, the zones' temporary table is indexed and used (many zones here).
    server.psql(
        db,
        "CREATE TABLE many_zones AS SELECT g AS id, ST_MakeEnvelope(g % 100, g / 100, g % 100 + 1, g / 100 + 1, 2154) "
        "AS geom FROM generate_series(0, 1999) AS g; ALTER TABLE many_zones ADD PRIMARY KEY (id);"
        "CREATE TABLE many_bare AS SELECT * FROM many; ANALYZE many_bare;",
    )
    zones = TableRef("public", "many_zones", "geom", 2154, "id")
    bare = TableRef("public", "many_bare", "geom", 2154, "id")
    query = ZonesQuery(zones=zones, points=bare, fields=["val"], statistics=["sum"])
    plan = server.psql(db, f"BEGIN; {zones_sql(query)}; EXPLAIN {pairs_sql(query, False)}; ROLLBACK;")
    assert "terridata_zones_geom_idx" in plan, plan


def test_wrong_password_names_the_connection_never_the_password(qgis_app, database):
    server, db = database
    layer = _layer(server, db, "zones", "Polygon")
    pg, _ = postgis_layer(layer)
    secret = "Not-The-Password-42"
    bad = type(pg)(pg.table, pg.database, pg.label, server.uri(db, password=secret), secret)
    with pytest.raises(PostgisError) as error:
        execute(bad, "SELECT 1")
    text = str(error.value)
    assert secret not in text and server.password not in text
    assert f"127.0.0.1:{server.port}/{db}" in text
    refused = type(pg)(
        pg.table, pg.database, "closed", f"dbname='{db}' host=127.0.0.1 port=1 user='x' password='{secret}'", secret
    )
    with pytest.raises(PostgisError, match="Could not connect") as error:
        execute(refused, "SELECT 1")
    assert secret not in str(error.value)


def test_cancel_stops_the_statement_on_the_server(qgis_app, database):
    server, db = database
    pg, _ = postgis_layer(_layer(server, db, "zones", "Polygon"))
    feedback = QgsFeedback()
    timer = threading.Timer(1.0, feedback.cancel)
    timer.start()
    with pytest.raises(PostgisError, match="Cancelled"):
        execute(
            pg, "CREATE TABLE half_made AS SELECT g FROM generate_series(1, 10) AS g; SELECT pg_sleep(60)", feedback
        )
    timer.join()
    still = server.psql(
        db,
        "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(60)%' "
        "AND pid <> pg_backend_pid();",
    )
    assert still.strip() == "0"
    assert server.psql(db, "SELECT to_regclass('half_made') IS NULL;").strip() == "t"


def test_output_to_a_new_table_of_the_same_database(qgis_processing, database):
    server, db = database
    zones = _layer(server, db, "zones", "Polygon")
    points = _layer(server, db, "points", "Point")
    destination = f'postgres:{server.uri(db)} table="public"."zone_stats" (geom)'
    alg = AggregatePointsToZones().create()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    params = {"INPUT": points.id(), "ZONES": zones.id(), "FIELDS": ["val"], "ENGINE": 2, "OUTPUT": destination}
    results, ok = alg.run(params, context, _Feedback())
    assert ok
    _res, desktop, _ = _run({"INPUT": points.id(), "ZONES": zones.id(), "FIELDS": ["val"]}, 1)
    expected = {f["id"]: f["count"] for f in desktop.getFeatures()}
    rows = server.psql(db, "SELECT id, count FROM zone_stats ORDER BY id;").split()
    got = {int(r.split("|")[0]): int(r.split("|")[1]) for r in rows}
    assert got == expected


def test_messages_name_the_saved_connection(qgis_app, database):
    from qgis.core import QgsProviderRegistry

    server, db = database
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    # Saved without the password, as a technician would with an authentication configuration.
    saved = metadata.createConnection(f"dbname='{db}' host={server.host} port={server.port} sslmode=disable", {})
    metadata.saveConnection(saved, "Département test")
    try:
        pg, _ = postgis_layer(_layer(server, db, "zones", "Polygon"))
        assert pg.label == "Département test"
        assert server.password not in repr(pg)
        with pytest.raises(PostgisError) as error:
            execute(pg, "SELECT no_such_column FROM zones")
        assert "Département test" in str(error.value) and "no_such_column" in str(error.value)
        assert server.password not in str(error.value)
    finally:
        metadata.deleteConnection("Département test")


@pytest.mark.parametrize("level", ["epci", "departement"])
def test_rollup_in_the_database_equals_desktop(qgis_processing, database, shared_data, level):
    import csv
    import gzip

    from terridata.processing.algorithms.rollup_territories import RollupTerritories

    server, db = database
    if server.psql(db, "SELECT to_regclass('commune_table') IS NULL").strip() == "t":
        with gzip.open(shared_data / "insee-communes-cog2024.csv.gz", "rt", encoding="utf-8") as f:
            codes = [r["insee_com"] for r in csv.DictReader(f)][:4000]
        rnd = random.Random(9)
        rows = []
        for i, code in enumerate(codes * 2):  # two rows per commune
            pop = "NULL" if i % 13 == 0 else str(rnd.randrange(0, 5000))
            rate = "NULL" if i % 7 == 0 else repr(rnd.uniform(0, 30))
            c = {0: "NULL", 1: "'99999'", 2: "' " + code.lstrip("0") + " '"}.get(i % 97, "'" + code + "'")
            rows.append(f"({i + 1}, {c}, {pop}, {rate})")
        server.psql(
            db,
            "CREATE TABLE commune_table (id integer PRIMARY KEY, insee text, pop float8, rate float8);"
            "INSERT INTO commune_table VALUES " + ",".join(rows) + ";",
        )
    layer = QgsVectorLayer(server.uri(db) + ' key=\'id\' table="public"."commune_table"', "commune_table", "postgres")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    outputs = {}
    for engine in (1, 2):
        alg = RollupTerritories().create()
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        log = []
        params = {
            "INPUT": layer.id(), "CODE_FIELD": "insee", "LEVEL": level, "SUM_FIELDS": ["pop"],
            "RATE_FIELDS": ["rate"], "WEIGHT": "pop", "OUTPUT": "memory:", "UNMATCHED": "memory:", "ENGINE": engine,
        }  # fmt: skip
        results, ok = alg.run(params, context, _Feedback(log))
        assert ok, log
        assert ("Database engine" in " ".join(log)) == (engine == 2)
        out = context.takeResultLayer(results["OUTPUT"])
        unmatched = context.takeResultLayer(results["UNMATCHED"])
        outputs[engine] = (
            [f.attributes() for f in out.getFeatures()],
            sorted(tuple(f.attributes()) for f in unmatched.getFeatures()),
            results["NOT_FOUND_CODES"],
        )
    desk, base = outputs[1], outputs[2]
    assert len(desk[0]) == len(base[0]) > 10
    for a, b in zip(desk[0], base[0]):
        assert a[:5] == b[:5]
        for x, y in zip(a[5:], b[5:]):
            if x is None or y is None:
                assert x is None and y is None, (a, b)
            else:
                assert math.isclose(x, y, rel_tol=1e-9), (a, b)
    assert desk[1] == base[1]
    assert any(r[0] == "99999" for r in base[1])
    assert sorted(desk[2].split(",")) == sorted(base[2].split(","))


def test_layer_filters_are_applied_by_the_database(qgis_processing, database):
    server, db = database
    zones = _layer(server, db, "zones", "Polygon", name="zones_filtered")
    points = _layer(server, db, "points", "Point", name="points_filtered")
    zones.setSubsetString('"id" <> 2')
    points.setSubsetString('"val" > 50 OR "cat" = \'a\'')
    params = {"INPUT": points.id(), "ZONES": zones.id(), "FIELDS": ["val"], "STATISTICS": ["count", "sum", "max"]}
    res_db, out_db, _ = _run(params, 2)
    res_desk, out_desk, _ = _run(params, 1)
    assert out_db.featureCount() == zones.featureCount() == 8  # 10 zones, one filtered out, one without geometry
    assert res_db["POINTS_IN_ZONES"] == res_desk["POINTS_IN_ZONES"]
    assert res_db["POINTS_OUTSIDE"] == res_desk["POINTS_OUTSIDE"]
    _assert_same(out_desk, out_db)


def test_cancel_during_the_database_run_stops_it_on_the_server(qgis_processing, database):
    server, db = database
    server.psql(db, "CREATE TABLE IF NOT EXISTS slow_points AS SELECT * FROM points WHERE id <= 1500;")
    zones = _layer(server, db, "zones", "Polygon")
    points = _layer(server, db, "slow_points", "Point")
    # Every row read costs 4 ms on the server: the run is still in the database when the cancel arrives.
    points.setSubsetString('(SELECT true FROM pg_sleep(0.004 * ("id" > 0)::int))')
    alg = AggregatePointsToZones().create()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())

    class CancelWhenInDatabase(_Feedback):
        def pushInfo(self, info):  # noqa: N802
            super().pushInfo(info)
            if "Database engine" in info:
                threading.Timer(1.0, self.cancel).start()

    feedback = CancelWhenInDatabase()
    params = {"INPUT": points.id(), "ZONES": zones.id(), "ENGINE": 2, "OUTPUT": "memory:"}
    results, ok = alg.run(params, context, feedback)
    assert not ok and not results
    assert any("Cancelled" in m for m in feedback.log), feedback.log
    still = server.psql(
        db, "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(0.004%' "
        "AND pid <> pg_backend_pid();",
    )  # fmt: skip
    assert still.strip() == "0"
