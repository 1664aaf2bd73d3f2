"""Layer outputs saved to a PostgreSQL table are atomic (processing/database_output.py), on a real PostgreSQL 15 +
PostGIS 3 server (tests/qgis/postgis_server.py).

A successful run gives the table the same rows as a GeoPackage output of the same run; a failed or cancelled run
leaves no table and no temporary table (checked in pg_tables), and a table already at the output's name is kept
unchanged; errors name the connection, never its password.
"""

from __future__ import annotations

import math

import pytest
from postgis_server import RecordingFeedback, postgis_server  # noqa: F401 - the fixture
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsProject,
    QgsVectorLayer,
)

from terridata.processing.algorithms.aggregate_points_to_zones import AggregatePointsToZones
from terridata.processing.algorithms.rollup_territories import RollupTerritories
from terridata.processing.database_output import TEMPORARY_MARK, postgres_destination, temporary_name

N_ZONES = 12_000  # more than two batches of 5000 rows: rows reach the table before the run is stopped
COMMUNES = ["75056", "69123", "13055", "33063", "31555", "59350", "67482", "06088", "44109", "34172", "99999"]


@pytest.fixture(scope="module")
def database(postgis_server):  # noqa: F811
    return postgis_server, postgis_server.create_database("outputs")


@pytest.fixture(scope="module")
def zones_and_points():
    zones = QgsVectorLayer("MultiPolygon?crs=EPSG:2154&field=zid:integer&field=name:string", "zones", "memory")
    features = []
    for i in range(N_ZONES):
        x, y = (i % 120) * 10.0, (i // 120) * 10.0
        f = QgsFeature(zones.fields())
        f.setAttributes([i + 1, f"z{i + 1}"])
        f.setGeometry(
            QgsGeometry.fromWkt(f"MULTIPOLYGON((({x} {y}, {x + 10} {y}, {x + 10} {y + 10}, {x} {y + 10}, {x} {y})))")
        )
        features.append(f)
    zones.dataProvider().addFeatures(features)
    points = QgsVectorLayer("Point?crs=EPSG:2154&field=value:double", "points", "memory")
    rows = []
    for i in range(3000):
        f = QgsFeature(points.fields())
        f.setAttributes([float(i % 17)])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY((i * 7.3) % 1200 + 0.01, (i * 3.1) % 1000 + 0.01)))
        rows.append(f)
    points.dataProvider().addFeatures(rows)
    QgsProject.instance().addMapLayers([zones, points])
    yield zones, points
    QgsProject.instance().removeMapLayers([zones.id(), points.id()])


class _Feedback(RecordingFeedback):
    """Collects messages; ``cancel_at``: cancel when the progress reaches this percentage (``on_cancel`` is called
    then, e.g. to look at the database in the middle of the run)."""

    def __init__(self, cancel_at=None, on_cancel=None):
        super().__init__()
        self.cancel_at, self.on_cancel, self.seen = cancel_at, on_cancel, None
        self.progressChanged.connect(self._progress)

    def _progress(self, value):
        if self.cancel_at is not None and value >= self.cancel_at and not self.isCanceled():
            if self.on_cancel is not None:
                self.seen = self.on_cancel()
            self.cancel()


def _destination(server, db, table, geometry=True, password=None):
    return f'postgres:{server.uri(db, password)} table="public"."{table}"' + (" (geom)" if geometry else "")


def _tables(server, db):
    return set(server.psql(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public';").split())


def _leftovers(server, db):
    """Temporary tables, and any index or sequence named after one, left in the database."""
    found = server.psql(db, f"SELECT relname FROM pg_class WHERE relname LIKE '%{TEMPORARY_MARK}%';").split()
    return found


def _run(alg, params, feedback=None):
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = feedback or _Feedback()
    ok, message = alg.checkParameterValues(params, context)
    assert ok, message
    results, ok = alg.run(params, context, feedback)
    return results, ok, feedback, context


def _rows_of(layer, key, skip=()):
    out = {}
    for f in layer.getFeatures():
        values = {}
        for name in layer.fields().names():
            if name in skip:
                continue
            v = f[name]
            values[name] = None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
        values["wkt"] = f.geometry().asWkt(3) if f.hasGeometry() else None
        out[f[key]] = values
    return out


def _assert_same_rows(reference, table, key):
    a, b = _rows_of(reference, key, skip=("fid",)), _rows_of(table, key, skip=("id", "id_0"))
    assert a.keys() == b.keys() and len(a) > 0
    for k in a:
        for name, va in a[k].items():
            vb = b[k][name]
            if isinstance(va, float) and isinstance(vb, float):
                assert math.isclose(va, vb, rel_tol=1e-12, abs_tol=1e-12), (k, name, va, vb)
            else:
                assert va == vb, (k, name, va, vb)


def _table_layer(server, db, table, geometry=True):
    uri = f'{server.uri(db)} table="public"."{table}"' + (" (geom)" if geometry else " sql=")
    layer = QgsVectorLayer(uri, table, "postgres")
    assert layer.isValid(), table
    return layer


def test_destinations_are_recognised():
    uri = postgres_destination('postgres:dbname=\'d\' host=h port=5 table="s"."t" (geom)')
    assert uri is not None and (uri.schema(), uri.table(), uri.geometryColumn()) == ("s", "t", "geom")
    assert postgres_destination("postgres://dbname='d' table=\"t\"").table() == "t"
    assert postgres_destination('postgis:dbname=\'d\' table="s"."t"').table() == "t"
    for other in ("/tmp/x.gpkg", "TEMPORARY_OUTPUT", "memory:", "ogr:dbname='/tmp/a.gpkg' table=\"t\"", None):
        assert postgres_destination(other) is None
    name = temporary_name("é" * 40)
    assert TEMPORARY_MARK in name and len(name.encode("utf-8")) <= 63 and name.startswith("é")


def test_new_table_has_the_rows_of_a_geopackage_output(qgis_processing, database, zones_and_points, tmp_path):
    server, db = database
    zones, points = zones_and_points
    params = {"INPUT": points.id(), "ZONES": zones.id(), "FIELDS": ["value"], "STATISTICS": ["count", "sum", "mean"]}
    gpkg = str(tmp_path / "stats.gpkg")
    _res, ok, feedback, _ = _run(AggregatePointsToZones().create(), dict(params, OUTPUT=gpkg))
    assert ok, feedback.log
    definition = QgsProcessingOutputLayerDefinition(_destination(server, db, "zone_stats"))
    results, ok, feedback, context = _run(AggregatePointsToZones().create(), dict(params, OUTPUT=definition))
    assert ok, feedback.log
    assert "zone_stats" in _tables(server, db) and not _leftovers(server, db)
    # the destination id the algorithm returns is the final table (QGIS loads that layer after the run)
    assert TEMPORARY_MARK not in results["OUTPUT"] and 'table="public"."zone_stats"' in results["OUTPUT"]
    _assert_same_rows(QgsVectorLayer(gpkg, "gpkg", "ogr"), _table_layer(server, db, "zone_stats"), "zid")
    loaded = QgsProcessingUtils.mapLayerFromString(results["OUTPUT"], context)
    assert loaded is not None and loaded.isValid() and loaded.featureCount() == N_ZONES
    # the key index and sequence are named after the final table, as if QGIS had created it directly
    names = server.psql(db, "SELECT relname FROM pg_class WHERE relname LIKE 'zone_stats%' ORDER BY 1;").split()
    assert "zone_stats_pkey" in names and any(n.endswith("_seq") for n in names), names


def test_rollup_to_a_table_without_geometry(qgis_processing, database, tmp_path):
    server, db = database
    table = QgsVectorLayer("None?field=insee:string&field=pop:double", "communes", "memory")
    rows = []
    for i, code in enumerate(COMMUNES * 3):
        f = QgsFeature(table.fields())
        f.setAttributes([code, float(100 + i)])
        rows.append(f)
    table.dataProvider().addFeatures(rows)
    QgsProject.instance().addMapLayer(table)
    try:
        params = {"INPUT": table.id(), "CODE_FIELD": "insee", "LEVEL": "departement", "SUM_FIELDS": ["pop"]}
        gpkg, unmatched = str(tmp_path / "totals.gpkg"), str(tmp_path / "unmatched.gpkg")
        _res, ok, feedback, _ = _run(RollupTerritories().create(), dict(params, OUTPUT=gpkg, UNMATCHED=unmatched))
        assert ok, feedback.log
        outputs = dict(
            params,
            OUTPUT=_destination(server, db, "totals", geometry=False),
            UNMATCHED=_destination(server, db, "unmatched", geometry=False),
        )
        _res, ok, feedback, _ = _run(RollupTerritories().create(), outputs)
        assert ok, feedback.log
        assert {"totals", "unmatched"} <= _tables(server, db) and not _leftovers(server, db)
        _assert_same_rows(QgsVectorLayer(gpkg, "g", "ogr"), _table_layer(server, db, "totals", False), "code")
        _assert_same_rows(QgsVectorLayer(unmatched, "u", "ogr"), _table_layer(server, db, "unmatched", False), "code")
    finally:
        QgsProject.instance().removeMapLayer(table.id())


def test_a_run_cancelled_while_writing_leaves_no_table(qgis_processing, database, zones_and_points):
    server, db = database
    zones, points = zones_and_points

    def tables_while_writing():
        return _tables(server, db)

    # Progress passes 90 % while the zones are written (the last step goes from 75 % to 100 %); QGIS's sink keeps
    # rows in memory before it inserts them: how many reached the server then depends on the QGIS version.
    feedback = _Feedback(cancel_at=90, on_cancel=tables_while_writing)
    params = {"INPUT": points.id(), "ZONES": zones.id(), "OUTPUT": _destination(server, db, "cancelled")}
    results, ok, feedback, _ = _run(AggregatePointsToZones().create(), params, feedback)
    assert not ok and not results
    assert any("Cancelled" in m for m in feedback.log), feedback.log
    # while the run wrote, the rows went to a temporary table, never to the table named by the user
    assert "cancelled" not in feedback.seen
    assert [t for t in feedback.seen if t.startswith(f"cancelled{TEMPORARY_MARK}")], feedback.seen
    assert "cancelled" not in _tables(server, db)
    assert not _leftovers(server, db)


def test_an_existing_table_survives_a_failed_run_and_is_replaced_by_a_successful_one(
    qgis_processing, database, zones_and_points
):
    server, db = database
    zones, points = zones_and_points
    server.psql(db, "DROP TABLE IF EXISTS kept; CREATE TABLE kept (a integer); INSERT INTO kept VALUES (1), (2);")
    params = {"INPUT": points.id(), "ZONES": zones.id(), "OUTPUT": _destination(server, db, "kept")}
    feedback = _Feedback(cancel_at=95)  # after 10,000 of the 12,000 rows
    _res, ok, feedback, _ = _run(AggregatePointsToZones().create(), params, feedback)
    assert not ok
    assert server.psql(db, "SELECT string_agg(a::text, ',' ORDER BY a) FROM kept;").strip() == "1,2"
    assert not _leftovers(server, db)
    _res, ok, feedback, _ = _run(AggregatePointsToZones().create(), params)
    assert ok, feedback.log
    assert int(server.psql(db, "SELECT count(*) FROM kept;")) == N_ZONES
    assert not _leftovers(server, db)


def test_a_commit_refused_by_the_database_keeps_the_old_table(qgis_processing, database, zones_and_points):
    server, db = database
    zones, points = zones_and_points
    server.psql(
        db,
        "DROP TABLE IF EXISTS watched CASCADE; CREATE TABLE watched (a integer); INSERT INTO watched VALUES (7);"
        "CREATE VIEW watcher AS SELECT a FROM watched;",
    )
    params = {"INPUT": points.id(), "ZONES": zones.id(), "OUTPUT": _destination(server, db, "watched")}
    _res, ok, feedback, _ = _run(AggregatePointsToZones().create(), params)
    assert not ok
    text = " ".join(feedback.log)
    assert "watcher" in text and "Nothing was written" in text, text  # PostgreSQL's reason, and what it means
    assert server.psql(db, "SELECT a FROM watched;").strip() == "7"
    assert not _leftovers(server, db)


def test_errors_name_the_connection_never_the_password(qgis_processing, database, zones_and_points):
    server, db = database
    zones, points = zones_and_points
    secret = "Wrong-Secret-Password-42"
    params = {
        "INPUT": points.id(),
        "ZONES": zones.id(),
        "OUTPUT": _destination(server, db, "never_made", password=secret),
    }
    results, ok, feedback, _ = _run(AggregatePointsToZones().create(), params)
    assert not ok and not results
    text = " ".join(feedback.log)
    assert f"127.0.0.1:{server.port}/{db}" in text, text
    assert secret not in text and server.password not in text
    assert "never_made" not in _tables(server, db) and not _leftovers(server, db)


def test_two_outputs_to_one_table_are_refused(qgis_processing, database):
    server, db = database
    table = QgsVectorLayer("None?field=insee:string&field=pop:double", "communes2", "memory")
    f = QgsFeature(table.fields())
    f.setAttributes(["99999", 1.0])
    table.dataProvider().addFeatures([f])
    QgsProject.instance().addMapLayer(table)
    try:
        same = _destination(server, db, "same", geometry=False)
        params = {"INPUT": table.id(), "CODE_FIELD": "insee", "SUM_FIELDS": ["pop"], "OUTPUT": same, "UNMATCHED": same}
        _res, ok, feedback, _ = _run(RollupTerritories().create(), params)
        assert not ok
        assert any("same table" in m for m in feedback.log), feedback.log
        assert "same" not in _tables(server, db) and not _leftovers(server, db)
    finally:
        QgsProject.instance().removeMapLayer(table.id())


def test_a_run_cancelled_after_its_last_row_leaves_no_table(qgis_processing, database):
    server, db = database
    table = QgsVectorLayer("None?field=insee:string&field=pop:double", "communes3", "memory")
    rows = []
    for code in COMMUNES:
        f = QgsFeature(table.fields())
        f.setAttributes([code, 1.0])
        rows.append(f)
    table.dataProvider().addFeatures(rows)
    QgsProject.instance().addMapLayer(table)
    try:
        params = {
            "INPUT": table.id(),
            "CODE_FIELD": "insee",
            "SUM_FIELDS": ["pop"],
            "OUTPUT": _destination(server, db, "late_totals", geometry=False),
            "UNMATCHED": _destination(server, db, "late_unmatched", geometry=False),
        }
        # rollup_territories reports 100 % after both outputs are written: the run is cancelled after its last
        # row, so it did not succeed and neither table may appear.
        feedback = _Feedback(cancel_at=100, on_cancel=lambda: _tables(server, db))
        _res, ok, feedback, _ = _run(RollupTerritories().create(), params, feedback)
        assert not ok
        assert len([t for t in feedback.seen if TEMPORARY_MARK in t]) == 2, feedback.seen
        assert not {"late_totals", "late_unmatched"} & _tables(server, db)
        assert not _leftovers(server, db)
    finally:
        QgsProject.instance().removeMapLayer(table.id())


def test_an_output_replacing_an_input_table_is_refused(qgis_processing, database, zones_and_points):
    server, db = database
    _zones, points = zones_and_points
    server.psql(
        db,
        "DROP TABLE IF EXISTS pg_zones; CREATE TABLE pg_zones (id integer PRIMARY KEY, geom geometry(Polygon, 2154));"
        "INSERT INTO pg_zones VALUES (1, 'SRID=2154;POLYGON((0 0, 100 0, 100 100, 0 100, 0 0))');",
    )
    zones = QgsVectorLayer(server.layer_uri(db, "pg_zones", kind="Polygon", srid=2154), "pg_zones", "postgres")
    assert zones.isValid()
    QgsProject.instance().addMapLayer(zones)
    try:
        alg = AggregatePointsToZones().create()
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        params = {"INPUT": points.id(), "ZONES": zones.id(), "OUTPUT": _destination(server, db, "pg_zones")}
        ok, message = alg.checkParameterValues(params, context)
        assert not ok and "would replace the input" in message and "ZONES" in message, message
        assert server.psql(db, "SELECT count(*) FROM pg_zones;").strip() == "1"
    finally:
        QgsProject.instance().removeMapLayer(zones.id())


def test_rollup_to_a_table_from_qgis_process(qgis_processing, database, tmp_path):
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter
    from qgis_process_helper import run_qgis_process

    server, db = database
    table = QgsVectorLayer("None?field=insee:string&field=pop:double", "communes", "memory")
    rows = []
    for i, code in enumerate(COMMUNES):
        f = QgsFeature(table.fields())
        f.setAttributes([code, float(10 * i)])
        rows.append(f)
    table.dataProvider().addFeatures(rows)
    source = str(tmp_path / "communes.gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(table, source, QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.NoError, error
    params = {"INPUT": source, "CODE_FIELD": "insee", "LEVEL": "region", "SUM_FIELDS": "pop"}
    run_qgis_process("terridata:rollup_territories", dict(params, OUTPUT=str(tmp_path / "totals.gpkg")))
    run_qgis_process(
        "terridata:rollup_territories", dict(params, OUTPUT=_destination(server, db, "cli_totals", geometry=False))
    )
    assert "cli_totals" in _tables(server, db) and not _leftovers(server, db)
    expected = QgsVectorLayer(str(tmp_path / "totals.gpkg"), "g", "ogr")
    _assert_same_rows(expected, _table_layer(server, db, "cli_totals", False), "code")


def test_outputs_written_together_with_reports_are_atomic_too(qgis_processing, database, tmp_path):
    """repair_geometries writes its layer through OutputsTogether (which deletes the sink itself) beside JSON and
    HTML reports: a PostgreSQL table output is committed with the run, with the rows of a GeoPackage output."""
    from terridata.processing.algorithms.repair_geometries import RepairGeometriesAlgorithm

    server, db = database
    layer = QgsVectorLayer("Polygon?crs=EPSG:2154&field=rid:integer", "to_repair", "memory")
    rows = []
    for i, wkt in enumerate(
        [
            "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))",
            "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))",
            "POLYGON((5 5, 6 5, 6 6, 5 5))",
        ]
    ):
        f = QgsFeature(layer.fields())
        f.setAttributes([i + 1])
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        rows.append(f)
    layer.dataProvider().addFeatures(rows)
    QgsProject.instance().addMapLayer(layer)
    try:
        gpkg = str(tmp_path / "repaired.gpkg")
        _res, ok, feedback, _ = _run(RepairGeometriesAlgorithm().create(), {"INPUT": layer.id(), "OUTPUT": gpkg})
        assert ok, feedback.log
        params = {
            "INPUT": layer.id(),
            "OUTPUT": _destination(server, db, "repaired"),
            "OUTPUT_JSON": str(tmp_path / "r.json"),
        }
        _res, ok, feedback, _ = _run(RepairGeometriesAlgorithm().create(), params)
        assert ok, feedback.log
        assert "repaired" in _tables(server, db) and not _leftovers(server, db)
        _assert_same_rows(QgsVectorLayer(gpkg, "g", "ogr"), _table_layer(server, db, "repaired"), "rid")
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
