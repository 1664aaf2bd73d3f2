"""The SQL text of the PostGIS engine of aggregate_points_to_grid: user text only as quoted identifiers, the
desktop's cell rule and grids. Run against a real server in tests/qgis/test_postgis_grid.py."""

from terridata.core.aggregation.grid_sql import GridQuery, aggregation_script, pairs_sql, summary_sql
from terridata.core.aggregation.pushdown_sql import PAIRS, TableRef
from terridata.core.territory_crs import PARTS

EVIL = 'x"; DROP TABLE t; --'


def _query(**kwargs):
    table = TableRef("my schema", 'pts "2"', "the geom", 2154, "id")
    return GridQuery(table, 200, **kwargs)


def test_identifiers_are_quoted_never_pasted():
    q = _query(fields=[EVIL], statistics=["sum", "median"], weight=EVIL + "w", category=EVIL + "c")
    sql = aggregation_script(q) + summary_sql(q)
    assert '"x""; DROP TABLE t; --"' in sql and '"x""; DROP TABLE t; --w"' in sql
    assert sql.replace('"x""; DROP TABLE t; --', "").count("DROP TABLE") == 0
    assert '"my schema"."pts ""2"""' in sql and '"the geom"' in sql


def test_cells_are_floored_in_the_grid_crs():
    sql = pairs_sql(_query())
    assert "floor(ST_X(y.g) / 200.0::float8)::bigint" in sql
    assert "floor(ST_Y(y.g) / 200.0::float8)::bigint" in sql
    assert "ST_Transform(x.pt, 3035)" in sql
    assert f"CREATE TEMPORARY TABLE {PAIRS} ON COMMIT DROP" in sql
    same = GridQuery(TableRef("", "p", "g", 3035, "id"), 1000)
    assert "ST_Transform" not in pairs_sql(same)  # already in the grid's CRS: the coordinates as stored


def test_overseas_placement_lists_every_part_in_order():
    sql = pairs_sql(_query(overseas=True))
    assert "ST_Transform(x.pt, 4326)" in sql
    positions = [sql.index(f"THEN {i}") for i in range(len(PARTS))]
    assert positions == sorted(positions)  # first box first, as territory_crs.parts_of_points
    for epsg in {p.grid_epsg for p in PARTS}:
        assert f"ST_Transform(x.pt, {epsg})" in sql
    assert "'p'::text" in aggregation_script(_query(overseas=True))
    assert "'p'::text" not in aggregation_script(_query())
