"""The database (PostGIS) engine of ``quality_report``'s geometry checks against its desktop engine, on a real
PostgreSQL 15 + PostGIS 3 server (tests/qgis/postgis_server.py).

Both engines read the same PostGIS layer and must write the same report (JSON, problems and problem areas layers).
The findings are also stated here, from how the data was built: a bow-tie, NULL and empty geometries, two exact
duplicates, a node repeated (valid for GEOS, not for QGIS's validator), a hole touching its shell, a multipolygon
with a hole, a polygon far outside Lambert-93's area, a gap and an overlap between neighbours.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest
from postgis_server import RecordingFeedback, postgis_server  # noqa: F401 - the fixture
from qgis.core import (
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProject,
    QgsVectorLayer,
)

from terridata.core.aggregation.pushdown_sql import TableRef
from terridata.core.quality.geometry import unshared_edge_owners
from terridata.core.quality.geometry_sql import covered_sql, duplicates_sql, unshared_edges_sql, validity_candidates_sql
from terridata.processing.algorithms.quality_report import QualityReportAlgorithm

ROWS = [
    (1, "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"),
    (2, "POLYGON((10 0, 20 0, 20 10, 10 10, 10 0))"),
    (3, "POLYGON((30 0, 40 10, 40 0, 30 10, 30 0))"),  # bow-tie: self-intersection at (35 5)
    (4, None),
    (5, "POLYGON((10 0, 20 0, 20 10, 10 10, 10 0))"),  # duplicate of 2
    (6, "POLYGON((10 0, 20 0, 20 10, 10 10, 10 0))"),  # duplicate of 2
    (
        7,
        "MULTIPOLYGON(((50 0, 60 0, 60 10, 50 10, 50 0), (52 2, 58 2, 58 8, 52 8, 52 2)), "
        "((70 0, 75 0, 75 5, 70 5, 70 0)))",
    ),
    (8, "POLYGON((0 20, 10 20, 10 20, 10 30, 0 30, 0 20))"),  # node (10 20) repeated
    (9, "POLYGON((20 20, 30 20, 30 30, 20 30, 20 20), (20 20, 25 22, 25 25, 20 20))"),  # hole touching the shell
    (10, "POLYGON EMPTY"),
    (11, "POLYGON((9000000 9000000, 9000010 9000000, 9000010 9000010, 9000000 9000000))"),  # far outside France
    (12, "POLYGON((20 0, 30 0, 30 10, 20 10, 20 8, 22 5, 20 2, 20 0))"),  # a notch: a 6 m² gap between 2 and 12
    (13, "POLYGON((0 10, 12 10, 12 20, 0 20, 0 10))"),
    (14, "POLYGON((0 10, 5 10, 5 12, 0 12, 0 10))"),  # inside 13: overlaps it over 10 m²
]


def _table_sql(name: str, rows) -> str:
    values = ",\n".join(f"({i}, 'f{i}', {'NULL' if w is None else repr('SRID=2154;' + w)})" for i, w in rows)
    return (
        f"CREATE TABLE {name} (id integer PRIMARY KEY, name text, geom geometry(Polygon, 2154));\n"
        f"INSERT INTO {name} VALUES\n{values};\n"
        # in Lambert-93's area of use (Paris), but 11
        f"UPDATE {name} SET geom = ST_Translate(geom, 650000, 6860000) WHERE id <> 11;\n"
        f"CREATE INDEX ON {name} USING GIST (geom);\nANALYZE {name};\n"
    )


@pytest.fixture(scope="module")
def database(postgis_server):  # noqa: F811
    db = postgis_server.create_database("quality")
    many = [(100 + k, f"POLYGON(({k} 0, {k + 1} 0, {k + 1} 1, {k} 1, {k} 0))") for k in range(3000)]
    many += [(5000, "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))")]  # a duplicate of 100
    postgis_server.psql(
        db,
        _table_sql("parcels", [(i, w) for i, w in ROWS if not (w or "").startswith("MULTI")])
        + _table_sql("slow", many).replace("geometry(Polygon", "geometry(Geometry")
        + "CREATE TABLE mixed (id integer PRIMARY KEY, name text, geom geometry(MultiPolygon, 2154));\n"
        + "INSERT INTO mixed SELECT id, name, ST_Multi(geom) FROM parcels;\n"
        + f"INSERT INTO mixed VALUES (7, 'f7', ST_Translate('SRID=2154;{ROWS[6][1]}', 650000, 6860000));\n"
        # an enclave filling the hole of 7: all its edges shared, so only the database can say it covers the hole
        + "INSERT INTO mixed VALUES (16, 'f16', ST_Translate(ST_Multi('SRID=2154;POLYGON((52 2, 58 2, 58 8, 52 8, "
        "52 2))'), 650000, 6860000));\n",
    )
    return postgis_server, db


def _layer(server, db, table, kind="Polygon"):
    layer = QgsVectorLayer(server.layer_uri(db, table, kind=kind), table, "postgres")
    assert layer.isValid(), table
    QgsProject.instance().addMapLayer(layer)
    return layer


_Feedback = RecordingFeedback


def _run(layer, engine, tmp_path: Path, feedback=None, **extra):
    tmp_path.mkdir(parents=True, exist_ok=True)
    alg = QualityReportAlgorithm().create()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = feedback or _Feedback()
    params = {
        "INPUT": layer.id() if isinstance(layer, QgsVectorLayer) else layer,
        "ENGINE": engine,
        "KEY_FIELDS": ["name"],
        "OUTPUT": str(tmp_path / "problems.gpkg"),
        "OUTPUT_AREAS": str(tmp_path / "areas.gpkg"),
        "OUTPUT_JSON": str(tmp_path / "report.json"),
        "OUTPUT_HTML": str(tmp_path / "report.html"),
        **extra,
    }
    ok, message = alg.checkParameterValues(params, context)
    assert ok, message
    results, _ = alg.run(params, context, feedback)
    return results, feedback


def _report(tmp_path: Path) -> dict:
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    report.pop("created")
    return report


def _features(path: Path) -> list:
    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid(), path
    return [(f.attributes()[1:], f.geometry().asWkt(9)) for f in layer.getFeatures()]


def _errors(report, check_id):
    return [e for e in report["errors"] if e["check"] == check_id]


def _assert_same_outputs(a: Path, b: Path):
    assert _report(a) == _report(b)
    assert _features(a / "problems.gpkg") == _features(b / "problems.gpkg")
    assert _features(a / "areas.gpkg") == _features(b / "areas.gpkg")


@pytest.mark.parametrize("table, kind", [("parcels", "Polygon"), ("mixed", "MultiPolygon")])
def test_database_engine_writes_the_desktop_report(qgis_processing, database, tmp_path, table, kind):
    server, db = database
    layer = _layer(server, db, table, kind)
    _, desk_log = _run(layer, 1, tmp_path / "desktop")
    results, db_log = _run(layer, 2, tmp_path / "database")
    assert any("Database engine" in m for m in db_log.log), db_log.log
    assert not any("Database engine" in m for m in desk_log.log)
    _assert_same_outputs(tmp_path / "desktop", tmp_path / "database")

    report = _report(tmp_path / "database")
    assert report["stats"]["rows"] == {"parcels": 13, "mixed": 15}[table]  # mixed: + the multipolygon, 16
    assert sorted(e["row"] for e in _errors(report, "geometry_missing")) == [4, 10]
    geos = _errors(report, "geometry_validity_geos")
    assert [(e["row"], e["value"], e["details"]) for e in geos] == [
        (3, "Self-intersection", {"x": 650035.0, "y": 6860005.0})
    ]
    qgis_rows = {e["row"] for e in _errors(report, "geometry_validity_qgis")}
    assert {3, 8} <= qgis_rows <= {3, 8, 9}  # the repeated node of 8 only QGIS's validator sees
    dups = _errors(report, "geometry_duplicates")
    assert [(e["row"], e["details"]["duplicate_of"]) for e in dups] == [(5, 2), (6, 2)]
    assert [e["row"] for e in _errors(report, "geometry_outside_crs_area")] == [11]
    assert results["ERRORS"] == report["stats"]["errors"] > 0


@pytest.mark.parametrize("table, kind", [("parcels", "Polygon"), ("mixed", "MultiPolygon")])
@pytest.mark.parametrize("check_geometry", [True, False])
def test_gaps_and_overlaps_equal_desktop(qgis_processing, database, tmp_path, table, kind, check_geometry):
    server, db = database
    layer = _layer(server, db, table, kind)
    extra = {"PARTITION": True, "CHECK_GEOMETRY": check_geometry}
    _run(layer, 1, tmp_path / "desktop", **extra)
    _, log = _run(layer, 2, tmp_path / "database", **extra)
    assert any("Database engine" in m for m in log.log), log.log
    _assert_same_outputs(tmp_path / "desktop", tmp_path / "database")
    report = _report(tmp_path / "database")
    # 2, 5 and 6 are one square three times; 14 lies inside 13
    overlaps = {(e["row"], e["details"]["other_feature"]): e["value"] for e in _errors(report, "partition_overlaps")}
    assert overlaps == {(2, 5): 100.0, (2, 6): 100.0, (5, 6): 100.0, (13, 14): 10.0}
    gaps = [(e["value"], e["details"]["neighbours"]) for e in _errors(report, "partition_gaps")]
    # the notch of 12: 6 m² (half of 6 m × 2 m); the hole of 9, that nothing fills: 7.5 m² (half of |5×5 − 5×2|)
    assert sorted(gaps) == [(6.0, [2, 5, 6, 12]), (7.5, [9])]


def test_layer_filter_and_attribute_problems_are_placed_as_on_the_desktop(qgis_processing, database, tmp_path):
    server, db = database
    layer = _layer(server, db, "parcels")
    layer.setSubsetString('"id" <> 5')
    _run(layer, 1, tmp_path / "desktop", REQUIRED_FIELDS=["name"], DOMAIN_RULES='{"name": {"enum": ["f1", "f2"]}}')
    _run(layer, 2, tmp_path / "database", REQUIRED_FIELDS=["name"], DOMAIN_RULES='{"name": {"enum": ["f1", "f2"]}}')
    _assert_same_outputs(tmp_path / "desktop", tmp_path / "database")
    dups = _errors(_report(tmp_path / "database"), "geometry_duplicates")
    assert [(e["row"], e["details"]["duplicate_of"]) for e in dups] == [(6, 2)]


def test_many_rows_equal_desktop(qgis_processing, database, tmp_path):
    server, db = database
    layer = _layer(server, db, "slow")
    _run(layer, 1, tmp_path / "desktop")
    _run(layer, 0, tmp_path / "database")  # automatic: a plain PostGIS table goes to the database
    _assert_same_outputs(tmp_path / "desktop", tmp_path / "database")
    dups = _errors(_report(tmp_path / "database"), "geometry_duplicates")
    assert [(e["row"], e["details"]["duplicate_of"]) for e in dups] == [(5000, 100)]


def test_sql_quotes_identifiers_and_finds_candidates(qgis_processing, database):
    server, db = database
    t = TableRef(schema="public", table='odd "name', geometry="g'eom", srid=2154, key="k")
    sql = validity_candidates_sql(t) + duplicates_sql(t)
    assert '"odd ""name"' in sql and '"g\'eom"' in sql
    out = server.psql(db, "SELECT string_agg(k, ',' ORDER BY k::int) FROM (" + validity_candidates_sql(
        TableRef(schema="public", table="parcels", geometry="geom", srid=2154, key="id")) + ") AS s(k);")  # fmt: skip
    assert out.strip() == "3,8,9"  # bow-tie, repeated node, hole touching its shell


def test_a_selection_uses_the_desktop_engine_and_says_why(qgis_processing, database, tmp_path):
    server, db = database
    layer = _layer(server, db, "parcels")
    layer.selectByIds([1, 2, 3])
    source = QgsProcessingFeatureSourceDefinition(layer.id(), True)
    _, log = _run(source, 0, tmp_path, PARTITION=True)
    assert any("Desktop engine" in m and "selection" in m for m in log.log), log.log
    assert _report(tmp_path)["stats"]["rows"] == 3
    results, log = _run(source, 2, tmp_path / "forced")
    assert not results
    assert any("database engine cannot run" in m and "selection" in m for m in log.log), log.log


def test_the_covered_gap_query_uses_the_gist_index(qgis_processing, database):
    server, db = database
    t = TableRef(schema="public", table="slow", geometry="geom", srid=2154, key="id")
    point = QgsGeometry.fromWkt("POINT(650010.5 6860000.5)")
    sql = covered_sql(t, bytes(point.asWkb()).hex(), [100, 101])
    plan = server.psql(db, "EXPLAIN " + sql)
    assert "slow_geom_idx" in plan and "Seq Scan" not in plan, plan
    assert server.psql(db, sql).strip() == "1"  # the square of id 110 contains it


def test_unshared_edges_in_sql_equal_numpy(qgis_processing, database):
    server, db = database
    t = TableRef(schema="public", table="parcels", geometry="geom", srid=2154, key="id")
    layer = _layer(server, db, "parcels")
    wkbs, ids = [], []
    for f in layer.getFeatures():
        g = f.geometry()
        if g.isNull() or g.isEmpty() or f.id() == 3:  # 3, the bow-tie, left out as invalid
            continue
        ids.append(f.id())
        wkbs.append(bytes(g.asWkb()))
    owners, share = unshared_edge_owners(wkbs, 1e-3)
    rows = [r.split("|") for r in server.psql(db, unshared_edges_sql(t, 1e-3, [], [3])).split()]
    assert sorted(int(r[1]) for r in rows if r[0] == "c") == sorted(ids[i] for i in owners)
    (single, total) = next((int(r[1]), int(r[2])) for r in rows if r[0] == "s")
    assert single / total == pytest.approx(share, rel=1e-12)


def test_forced_database_engine_on_a_file_layer_is_refused(qgis_processing, tmp_path):
    layer = QgsVectorLayer("Polygon?crs=EPSG:2154&field=name:string", "memory", "memory")
    QgsProject.instance().addMapLayer(layer)
    results, log = _run(layer, 2, tmp_path)
    assert not results
    assert any(re.search("database engine cannot run: memory: not a PostgreSQL layer", m) for m in log.log), log.log
    assert not (tmp_path / "report.json").exists() and not (tmp_path / "problems.gpkg").exists()


def test_cancel_stops_the_query_and_writes_nothing(qgis_processing, database, tmp_path):
    server, db = database
    layer = _layer(server, db, "slow")
    # Every row costs 2 ms on the server (3001 rows): the query is still running when the cancel arrives.
    layer.setSubsetString('(SELECT true FROM pg_sleep(0.002 * ("id" > 0)::int))')

    class CancelWhenInDatabase(_Feedback):
        def pushInfo(self, info):  # noqa: N802
            super().pushInfo(info)
            if "Database engine" in info:
                threading.Timer(1.0, self.cancel).start()

    results, feedback = _run(layer, 2, tmp_path, feedback=CancelWhenInDatabase())
    assert not results
    assert any("Database engine" in m for m in feedback.log), feedback.log
    assert not any(p.exists() for p in (tmp_path / "report.json", tmp_path / "report.html", tmp_path / "problems.gpkg"))
    still = server.psql(
        db, "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(0.002%' "
        "AND pid <> pg_backend_pid();",
    )  # fmt: skip
    assert still.strip() == "0"


def _load_communes(server, db, shared_data, table: str, departements) -> int:
    """The 2018 communes of ``departements``, reprojected to Lambert-93 by OGR, as a PostGIS table."""
    from osgeo import ogr, osr

    wgs84, l93 = osr.SpatialReference(), osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    l93.ImportFromEPSG(2154)
    transform = osr.CoordinateTransformation(wgs84, l93)
    lines, n = [], 0
    for dep in departements:
        (path,) = (shared_data / "communes-2018").glob(f"communes-{dep}-*.geojson.gz")
        src = ogr.Open(f"/vsigzip/{path}")
        for feat in src.GetLayer():
            geom = feat.GetGeometryRef().Clone()
            geom.Transform(transform)
            n += 1
            lines.append(f"{n}\t{feat.GetField('code')}\t{ogr.ForceToMultiPolygon(geom).ExportToWkb().hex()}")
    server.psql(
        db,
        f"CREATE TABLE {table}_wkb (id integer, code text, wkb text);\n"
        f"COPY {table}_wkb FROM STDIN;\n" + "\n".join(lines) + "\n\\.\n"
        f"CREATE TABLE {table} AS SELECT id, code, "
        f"ST_GeomFromWKB(decode(wkb, 'hex'), 2154)::geometry(MultiPolygon, 2154) AS geom FROM {table}_wkb;\n"
        f"ALTER TABLE {table} ADD PRIMARY KEY (id);\nCREATE INDEX ON {table} USING GIST (geom);\n"
        f"DROP TABLE {table}_wkb;\nANALYZE {table};\n",
    )
    return n


def test_real_communes_partition_equals_desktop(qgis_processing, database, shared_data, tmp_path):
    """Around the Étang de Berre (Bouches-du-Rhône, Gard, Vaucluse): real gaps (the Étang, 155 km²), real slivers."""
    server, db = database
    n = _load_communes(server, db, shared_data, "communes", ("13", "30", "84"))
    layer = _layer(server, db, "communes", "MultiPolygon")
    assert layer.featureCount() == n > 600
    _run(layer, 1, tmp_path / "desktop", PARTITION=True, KEY_FIELDS=["code"])
    _, log = _run(layer, 2, tmp_path / "database", PARTITION=True, KEY_FIELDS=["code"])
    assert any("Database engine" in m for m in log.log), log.log
    _assert_same_outputs(tmp_path / "desktop", tmp_path / "database")
    report = _report(tmp_path / "database")
    assert any(e["value"] > 1.5e8 for e in _errors(report, "partition_gaps"))  # the Étang de Berre
